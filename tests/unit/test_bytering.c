/* <ts/bytering.h> (lib/core), the ring under pipes and AF_UNIX socket
 * pairs: puts and takes that wrap at the buffer's end, peeks at an
 * offset, skipping, and a long random sequence checked against a plain
 * array model (bytes come out in the order they went in, none lost). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/core/include/ts/bytering.h"
#include "tsh.h"

#define SIZE 13		/* odd, so chunks wrap at varied places */

static char buf[SIZE];

static struct ts_bytering ring(void)
{
	struct ts_bytering r = { .buf = buf, .size = SIZE };

	memset(buf, '?', sizeof(buf));
	return r;
}

START_TEST(put_get_wraps)
{
	struct ts_bytering r = ring();
	char out[SIZE + 1] = "";

	ts_bytering_put(&r, "abcdefghij", 10);
	ck_assert_uint_eq(ts_bytering_get(&r, out, 7), 7);
	ck_assert_mem_eq(out, "abcdefg", 7);
	ck_assert_uint_eq(r.head, 7);
	/* 3 left at 7..9; 10 more wrap past the end (13). */
	ts_bytering_put(&r, "KLMNOPQRST", 10);
	ck_assert_uint_eq(r.used, 13);
	ck_assert_uint_eq(ts_bytering_room(&r), 0);
	memset(out, 0, sizeof(out));
	ck_assert_uint_eq(ts_bytering_get(&r, out, 99), 13);
	ck_assert_str_eq(out, "hijKLMNOPQRST");
	/* Emptied: the next put starts at the front again. */
	ck_assert_uint_eq(r.head, 0);
	ck_assert_uint_eq(ts_bytering_get(&r, out, 5), 0);
}
END_TEST

START_TEST(peek_at_offset_and_skip)
{
	struct ts_bytering r = ring();
	char out[8] = "";

	ts_bytering_put(&r, "0123456789ab", 12);
	ts_bytering_drop(&r, 10);
	ts_bytering_put(&r, "cdefgh", 6);	/* wraps */
	ts_bytering_peek(&r, 3, out, 4);
	ck_assert_mem_eq(out, "defg", 4);
	ts_bytering_peek(&r, 0, NULL, 8);	/* skipping copies nothing */
	ck_assert_uint_eq(r.used, 8);
	ts_bytering_peek(&r, 0, out, 8);
	ck_assert_mem_eq(out, "abcdefgh", 8);
}
END_TEST

START_TEST(random_against_model)
{
	struct ts_bytering r = ring();
	char model[4096], out[SIZE];
	size_t mlen = 0, in = 0;

	srand(7);
	for (int step = 0; step < 20000; step++) {
		size_t n = (size_t)rand() % (SIZE + 1);

		if (rand() & 1) {
			char src[SIZE];

			if (n > ts_bytering_room(&r))
				n = ts_bytering_room(&r);
			for (size_t i = 0; i < n; i++)
				src[i] = (char)(in++ * 7 + 1);
			ts_bytering_put(&r, src, n);
			memcpy(model + mlen, src, n);
			mlen += n;
		} else {
			size_t got = ts_bytering_get(&r, out, n);

			ck_assert_uint_eq(got, n < mlen ? n : mlen);
			ck_assert_mem_eq(out, model, got);
			memmove(model, model + got, mlen - got);
			mlen -= got;
		}
		ck_assert_uint_eq(r.used, mlen);
		ck_assert_uint_lt(r.head, SIZE);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bytering");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, put_get_wraps);
	tcase_add_test(tc, peek_at_offset_and_skip);
	tcase_add_test(tc, random_against_model);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
