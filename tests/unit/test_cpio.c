/* lib/initrd's cpio "newc" parser on the host: archives built here with
 * directories, files and symlinks are walked entry by entry, and
 * malformed ones (bad magic, a field that is not hexadecimal, a name
 * that runs past the end or is not terminated, padding that is not
 * zero, data past the end, a wrong checksum, no trailer) are refused
 * with the byte at fault; every truncation and every single-byte
 * corruption of a valid archive is refused or walked without reading out
 * of bounds (the archives are exact-size heap copies, under
 * AddressSanitizer). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"
#include <ts/cpio.h>

/* ---- an archive builder ------------------------------------------- */

struct ar {
	uint8_t b[4096];
	size_t n;
};

static void pad4(struct ar *a)
{
	while (a->n % 4)
		a->b[a->n++] = 0;
}

/* One entry; magic "070701" unless given, check the header's checksum
 * field. Returns the offset of its header. */
static size_t add_full(struct ar *a, const char *magic, const char *name,
		       uint32_t mode, const void *data, size_t size,
		       uint32_t check)
{
	size_t at = a->n;
	char h[160];

	snprintf(h, sizeof(h),
		 "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 magic, 1u, mode, 0u, 0u, 1u, 0u, (uint32_t)size, 0u, 0u, 0u, 0u,
		 (uint32_t)strlen(name) + 1, check);
	memcpy(a->b + a->n, h, TS_CPIO_HEADER_SIZE);
	a->n += TS_CPIO_HEADER_SIZE;
	memcpy(a->b + a->n, name, strlen(name) + 1);
	a->n += strlen(name) + 1;
	pad4(a);
	if (size)
		memcpy(a->b + a->n, data, size);
	a->n += size;
	pad4(a);
	return at;
}

static size_t add(struct ar *a, const char *name, uint32_t mode,
		  const char *data)
{
	return add_full(a, "070701", name, mode, data, data ? strlen(data) : 0,
			0);
}

static size_t trailer(struct ar *a)
{
	return add(a, TS_CPIO_TRAILER, 0, NULL);
}

/* The sample: a folder, a file, a nested folder, a symlink. */
static const char HELLO[] = "hello from the initrd\n";

static void sample(struct ar *a)
{
	a->n = 0;
	add(a, "etc", TS_CPIO_DIR | 0755, NULL);
	add(a, "etc/hello.txt", TS_CPIO_REG | 0644, HELLO);
	add(a, "etc/deep", TS_CPIO_DIR | 0700, NULL);
	add(a, "etc/deep/link", TS_CPIO_SYMLINK | 0777, "../hello.txt");
	trailer(a);
}

/* ---- walking ------------------------------------------------------ */

struct seen {
	int n;
	char names[8][64];
	uint32_t modes[8];
	char data[8][64];
	size_t offsets[8];
	int stop_at;		/* return 7 at this entry, when > 0 */
};

static int record(const struct ts_cpio_entry *e, void *arg)
{
	struct seen *s = arg;

	ck_assert_uint_eq(strlen(e->name), e->name_len);
	if (s->n < 8) {
		snprintf(s->names[s->n], 64, "%s", e->name);
		s->modes[s->n] = e->mode;
		snprintf(s->data[s->n], 64, "%.*s", (int)e->size,
			 (const char *)e->data);
		s->offsets[s->n] = e->offset;
	}
	s->n++;
	return s->stop_at && s->n == s->stop_at ? 7 : 0;
}

/* Walk an exact-size heap copy of a[0..len). */
static int walk(const struct ar *a, size_t len, struct seen *s,
		struct ts_cpio_error *err)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, a->b, len);
	memset(err, 0, sizeof(*err));
	rc = tsh_ts_cpio_walk(copy, len, record, s, err);
	free(copy);
	return rc;
}

/* It is refused at byte off with a message containing what. */
static void refused(const struct ar *a, size_t len, size_t off,
		    const char *what, int entries_before)
{
	struct seen s = { 0 };
	struct ts_cpio_error err;
	int rc = walk(a, len, &s, &err);

	ck_assert_msg(rc == TS_CPIO_CORRUPT, "accepted (rc %d)", rc);
	ck_assert_msg(strstr(err.what, what), "message \"%s\" lacks \"%s\"",
		      err.what, what);
	ck_assert_msg(err.offset == off, "offset %zu, expected %zu (%s)",
		      err.offset, off, err.what);
	ck_assert_int_eq(s.n, entries_before);
}

START_TEST(entries)
{
	struct ar a;
	struct seen s = { 0 };
	struct ts_cpio_error err;

	sample(&a);
	ck_assert_int_eq(walk(&a, a.n, &s, &err), 0);
	ck_assert_int_eq(s.n, 4);
	ck_assert_str_eq(s.names[0], "etc");
	ck_assert_uint_eq(s.modes[0], TS_CPIO_DIR | 0755);
	ck_assert_str_eq(s.names[1], "etc/hello.txt");
	ck_assert_uint_eq(s.modes[1], TS_CPIO_REG | 0644);
	ck_assert_str_eq(s.data[1], HELLO);
	ck_assert_str_eq(s.names[2], "etc/deep");
	ck_assert_uint_eq(s.modes[2], TS_CPIO_DIR | 0700);
	ck_assert_str_eq(s.names[3], "etc/deep/link");
	ck_assert_uint_eq(s.modes[3], TS_CPIO_SYMLINK | 0777);
	ck_assert_str_eq(s.data[3], "../hello.txt");
	ck_assert_uint_eq(s.offsets[0], 0);
	ck_assert_uint_eq(s.offsets[1] % 4, 0);
}
END_TEST

START_TEST(trailer_ends_it)
{
	struct ar a;
	struct seen s = { 0 };
	struct ts_cpio_error err;
	size_t end;

	/* What follows the trailer (zeros to a block, another archive) is
	 * not read, and an empty archive is just its trailer. */
	a.n = 0;
	trailer(&a);
	ck_assert_int_eq(walk(&a, a.n, &s, &err), 0);
	ck_assert_int_eq(s.n, 0);
	sample(&a);
	end = a.n;
	memset(a.b + a.n, 0xff, 100);
	a.n += 100;
	ck_assert_int_eq(walk(&a, a.n, &s, &err), 0);
	ck_assert_int_eq(s.n, 4);
	/* The trailer's own padding may be cut off ("TRAILER!!!" and its
	 * NUL end 3 bytes before a multiple of 4), not its name. */
	s.n = 0;
	ck_assert_int_eq(walk(&a, end - 3, &s, &err), 0);
	ck_assert_int_eq(s.n, 4);
	s.n = 0;
	ck_assert_int_eq(walk(&a, end - 4, &s, &err), TS_CPIO_CORRUPT);
	ck_assert_int_eq(s.n, 4);
	/* No trailer at all. */
	a.n = 0;
	add(&a, "f", TS_CPIO_REG | 0644, "abc");
	refused(&a, a.n, a.n, "ends without a \"TRAILER!!!\"", 1);
}
END_TEST

START_TEST(callback_stops)
{
	struct ar a;
	struct seen s = { .stop_at = 2 };
	struct ts_cpio_error err;

	sample(&a);
	ck_assert_int_eq(walk(&a, a.n, &s, &err), 7);
	ck_assert_int_eq(s.n, 2);
}
END_TEST

START_TEST(checksums)
{
	struct ar a;
	struct seen s = { 0 };
	struct ts_cpio_error err;
	uint32_t sum = 0;
	size_t at;

	for (const char *p = HELLO; *p; p++)
		sum += (uint8_t)*p;
	a.n = 0;
	add_full(&a, "070702", "f", TS_CPIO_REG | 0644, HELLO,
		 strlen(HELLO), sum);
	trailer(&a);
	ck_assert_int_eq(walk(&a, a.n, &s, &err), 0);
	ck_assert_int_eq(s.n, 1);

	a.n = 0;
	add(&a, "ok", TS_CPIO_REG | 0644, "x");
	at = add_full(&a, "070702", "f", TS_CPIO_REG | 0644, HELLO,
		      strlen(HELLO), sum + 1);
	trailer(&a);
	refused(&a, a.n, at + 6 + 8 * 12, "checksum of \"f\"", 1);
}
END_TEST

START_TEST(bad_headers)
{
	struct ar a;
	size_t at;

	/* Bad magic in the second entry: the first was passed on. */
	sample(&a);
	at = 0;
	a.n = 0;
	add(&a, "etc", TS_CPIO_DIR | 0755, NULL);
	at = add(&a, "x", TS_CPIO_REG | 0644, "data");
	trailer(&a);
	a.b[at + 5] = '7';
	refused(&a, a.n, at, "bad magic \"070707\"", 1);
	a.b[at + 5] = '1';
	a.b[at] = 0x01;
	refused(&a, a.n, at, "bad magic \"?70701\"", 1);
	a.b[at] = '0';

	/* A field that is not hexadecimal: mode's third digit. */
	a.b[at + 6 + 8 + 2] = 'g';
	refused(&a, a.n, at + 6 + 8 + 2, "field mode is not 8 hexadecimal", 1);
	a.b[at + 6 + 8 + 2] = ' ';
	refused(&a, a.n, at + 6 + 8 + 2, "field mode", 1);

	/* Garbage from the start. */
	memset(a.b, 'x', 200);
	refused(&a, 200, 0, "bad magic", 0);
	/* Shorter than a header. */
	sample(&a);
	refused(&a, 50, 0, "truncated header: 50 bytes left", 0);
	refused(&a, 0, 0, "ends without", 0);
}
END_TEST

/* Rewrite the namesize field of the entry at `at`. */
static void set_field(struct ar *a, size_t at, int field, uint32_t v)
{
	char f[9];

	snprintf(f, sizeof(f), "%08x", v);
	memcpy(a->b + at + 6 + 8 * field, f, 8);
}

START_TEST(bad_names)
{
	struct ar a;
	size_t at;

	a.n = 0;
	add(&a, "first", TS_CPIO_DIR | 0755, NULL);
	at = add(&a, "second", TS_CPIO_REG | 0644, "abc");
	trailer(&a);

	/* namesize 0 and 1: no room for a name. */
	set_field(&a, at, 11, 0);
	refused(&a, a.n, at + 6 + 8 * 11, "namesize 0", 1);
	set_field(&a, at, 11, 1);
	refused(&a, a.n, at + 6 + 8 * 11, "namesize 1", 1);
	/* Past the end of the archive. */
	set_field(&a, at, 11, 0x10000);
	refused(&a, a.n, at + TS_CPIO_HEADER_SIZE, "runs past the end", 1);
	set_field(&a, at, 11, 0xffffffff);
	refused(&a, a.n, at + TS_CPIO_HEADER_SIZE, "runs past the end", 1);
	/* Shorter than the name: no NUL where it should be. */
	set_field(&a, at, 11, 4);
	refused(&a, a.n, at + TS_CPIO_HEADER_SIZE, "not NUL-terminated", 1);
	/* Longer: the NUL comes early. */
	set_field(&a, at, 11, 8);
	refused(&a, a.n, at + TS_CPIO_HEADER_SIZE, "has a NUL at byte 6", 1);
}
END_TEST

START_TEST(bad_sizes)
{
	struct ar a;
	size_t at, name_end, data;

	a.n = 0;
	add(&a, "first", TS_CPIO_DIR | 0755, NULL);
	at = add(&a, "second", TS_CPIO_REG | 0644, "abcde");
	trailer(&a);
	/* "second" and its NUL end 117 bytes in, the data starts at 120. */
	name_end = at + TS_CPIO_HEADER_SIZE + 7;
	data = name_end + 3;

	/* Past the end of the archive. */
	set_field(&a, at, 6, 0x7fffffff);
	refused(&a, a.n, at + 6 + 8 * 6, "file size 2147483647 of \"second\" "
		"runs past the end", 1);
	set_field(&a, at, 6, 0xffffffff);
	refused(&a, a.n, at + 6 + 8 * 6, "runs past the end", 1);
	/* Two bytes short: the next header is looked for in the padding,
	 * which holds the last data byte. */
	set_field(&a, at, 6, 3);
	refused(&a, a.n, data + 3, "padding byte after the data is 0x64", 1);
	set_field(&a, at, 6, 5);
	/* Padding after the name that is not zero. */
	a.b[name_end] = 'z';
	refused(&a, a.n, name_end, "padding byte after the name is 0x7a", 1);
	a.b[name_end] = 0;
	/* Cut inside the data, the padding, the next header. */
	refused(&a, data + 2, at + 6 + 8 * 6, "runs past the end", 1);
	refused(&a, data + 6, data + 5,
		"padding after the data runs past the end", 1);
	refused(&a, data + 8 + 20, data + 8, "truncated header", 2);
}
END_TEST

START_TEST(every_truncation)
{
	struct ar a;
	struct seen s;
	struct ts_cpio_error err;
	size_t full;

	sample(&a);
	/* The trailer's padding is all that may go: "TRAILER!!!" and its
	 * NUL end 3 bytes before a multiple of 4. */
	full = a.n - 3;
	for (size_t len = 0; len < full; len++) {
		memset(&s, 0, sizeof(s));
		ck_assert_msg(walk(&a, len, &s, &err) == TS_CPIO_CORRUPT,
			      "a cut at %zu accepted", len);
		ck_assert_msg(err.offset <= len, "offset %zu past the cut %zu",
			      err.offset, len);
		ck_assert(err.what[0]);
	}
}
END_TEST

START_TEST(every_byte_corrupted)
{
	static const uint8_t values[] = { 0, 0xff, '0', '7', 'f', 'F', ' ',
					  '/' };
	struct ar a;
	struct seen s;
	struct ts_cpio_error err;
	int accepted = 0, refusals = 0;

	sample(&a);
	for (size_t i = 0; i < a.n; i++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			struct ar b = a;
			int rc;

			b.b[i] = values[v];
			memset(&s, 0, sizeof(s));
			rc = walk(&b, b.n, &s, &err);
			ck_assert(rc == 0 || rc == TS_CPIO_CORRUPT);
			if (rc) {
				refusals++;
				ck_assert(err.offset <= b.n && err.what[0]);
			} else {
				accepted++;
			}
		}
	}
	ck_assert_int_gt(accepted, 0);
	ck_assert_int_gt(refusals, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cpio");
	TCase *tc = tcase_create("cpio");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, entries);
	tcase_add_test(tc, trailer_ends_it);
	tcase_add_test(tc, callback_stops);
	tcase_add_test(tc, checksums);
	tcase_add_test(tc, bad_headers);
	tcase_add_test(tc, bad_names);
	tcase_add_test(tc, bad_sizes);
	tcase_add_test(tc, every_truncation);
	tcase_add_test(tc, every_byte_corrupted);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
