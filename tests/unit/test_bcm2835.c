/* The Raspberry Pi drivers' pure parts on the host: the firmware
 * mailbox's property messages (drivers/bcm2835/mbox/property.c) as the
 * firmware wiki lays them out, answers that are refused, and the mini
 * UART's baud divisor (drivers/uart/bcm2835_aux/divisor.c) at the
 * Pi 3's and Pi 4's core clocks. */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "tsh.h"

#define TAG_CLOCK_RATE	0x00030002
#define TAG_REVISION	0x00010002

START_TEST(build_layout)
{
	uint32_t msg[16], in[1] = { 4 };
	size_t n;

	memset(msg, 0xaa, sizeof(msg));
	n = tsh_ts_bcm2835_mbox_build(msg, 16, TAG_CLOCK_RATE, in, 1, 2);
	ck_assert_uint_eq(n, 8);
	ck_assert_uint_eq(msg[0], 32);		/* total bytes */
	ck_assert_uint_eq(msg[1], 0);		/* request */
	ck_assert_uint_eq(msg[2], TAG_CLOCK_RATE);
	ck_assert_uint_eq(msg[3], 8);		/* value buffer bytes */
	ck_assert_uint_eq(msg[4], 4);		/* request bytes */
	ck_assert_uint_eq(msg[5], 4);		/* the clock id */
	ck_assert_uint_eq(msg[6], 0);		/* room, zeroed */
	ck_assert_uint_eq(msg[7], 0);		/* end tag */
	ck_assert_uint_eq(msg[8], 0xaaaaaaaa);	/* nothing beyond */
}
END_TEST

START_TEST(build_refuses)
{
	uint32_t msg[8], in[2] = { 1, 2 };

	/* Less room for the answer than the request takes. */
	ck_assert_uint_eq(tsh_ts_bcm2835_mbox_build(msg, 8, 1, in, 2, 1), 0);
	/* Does not fit the buffer: 3 + 3 + 3 words > 8. */
	ck_assert_uint_eq(tsh_ts_bcm2835_mbox_build(msg, 8, 1, in, 2, 3), 0);
	ck_assert_uint_eq(tsh_ts_bcm2835_mbox_build(msg, 8, 1, in, 2, 2), 8);
}
END_TEST

/* A message as the firmware leaves it after answering. */
static size_t answer(uint32_t *msg, uint32_t code, uint32_t tag,
		     uint32_t resp, uint32_t v0, uint32_t v1)
{
	uint32_t in[1] = { 4 };
	size_t n = tsh_ts_bcm2835_mbox_build(msg, 16, TAG_CLOCK_RATE, in, 1,
					     2);

	msg[1] = code;
	msg[2] = tag;
	msg[4] = resp;
	msg[5] = v0;
	msg[6] = v1;
	return n;
}

START_TEST(parse_answers)
{
	uint32_t msg[16], out[2];
	size_t n;

	n = answer(msg, 0x80000000, TAG_CLOCK_RATE, 0x80000008, 4,
		   250000000);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), 8);
	ck_assert_uint_eq(out[0], 4);
	ck_assert_uint_eq(out[1], 250000000);

	/* A shorter answer: the rest of out is zeroed. */
	n = answer(msg, 0x80000000, TAG_CLOCK_RATE, 0x80000004, 7, 9);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), 4);
	ck_assert_uint_eq(out[0], 7);
	ck_assert_uint_eq(out[1], 0);

	/* Longer than the buffer (the firmware cut it): what is there is
	 * copied, the full length reported. */
	n = answer(msg, 0x80000000, TAG_CLOCK_RATE, 0x80000010, 1, 2);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), 16);
	ck_assert_uint_eq(out[1], 2);
}
END_TEST

START_TEST(parse_refuses)
{
	uint32_t msg[16], out[2];
	size_t n;

	/* 0x80000001: the firmware could not parse the request. */
	n = answer(msg, 0x80000001, TAG_CLOCK_RATE, 0x80000008, 0, 0);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), -EIO);
	/* Never answered: code still "request". */
	n = answer(msg, 0, TAG_CLOCK_RATE, 4, 0, 0);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), -EIO);
	/* A tag the firmware does not know: no response bit. */
	n = answer(msg, 0x80000000, TAG_CLOCK_RATE, 4, 0, 0);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), -EIO);
	/* Another tag than asked for. */
	n = answer(msg, 0x80000000, TAG_REVISION, 0x80000004, 0, 0);
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), -EPROTO);
	/* A buffer size running past the message. */
	n = answer(msg, 0x80000000, TAG_CLOCK_RATE, 0x80000008, 0, 0);
	msg[3] = 4096;
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, n, TAG_CLOCK_RATE,
						   out, 2), -EPROTO);
	/* Too short to hold a tag at all. */
	ck_assert_int_eq(tsh_ts_bcm2835_mbox_parse(msg, 5, TAG_CLOCK_RATE,
						   out, 2), -EPROTO);
}
END_TEST

START_TEST(aux_divisor)
{
	unsigned int err = 99;

	/* Pi 3 with enable_uart=1: 250 MHz core clock, 115200 baud: the
	 * well-known 270 (115313 baud, 0.1% fast). */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 115200, &err),
			 270);
	ck_assert_uint_le(err, 1);
	/* Pi 4: 500 MHz (542.5 + 1 rounds to 543: 115101 baud). */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(500000000, 115200, &err),
			 542);
	ck_assert_uint_le(err, 1);
	/* QEMU's answer for the core clock: 350 MHz. */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(350000000, 115200, &err),
			 379);
	/* Rounded to the nearest rate, not down. */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 9600, NULL),
			 3254);
	/* Out of reach: faster than clock / 8, slower than the 16-bit
	 * divisor allows, and nonsense. */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 40000000,
						    NULL), -1);
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 300, NULL), -1);
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 0, NULL), -1);
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(0, 115200, NULL), -1);
	/* The fastest: clock / 8, divisor 0. */
	ck_assert_int_eq(tsh_ts_bcm2835_aux_divisor(250000000, 31250000,
						    &err), 0);
	ck_assert_uint_eq(err, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bcm2835");
	TCase *tc = tcase_create("bcm2835");

	tcase_add_test(tc, build_layout);
	tcase_add_test(tc, build_refuses);
	tcase_add_test(tc, parse_answers);
	tcase_add_test(tc, parse_refuses);
	tcase_add_test(tc, aux_divisor);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
