/* lib/trace on the host: the record path (real tracepoints from
 * trace_points.c, a 16-record ring, a tick counter the test controls),
 * enabling by glob, and the decoder round trip: the ring's bytes (or the
 * panic dump's serial text) go through support/scripts/tstrace, which
 * reads the metadata from this very program's ELF. */
#include <check.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ts/trace.h>

#include "tsh.h"

#define CAP 16	/* CONFIG_LIB_TRACE_RING_RECORDS in the Makefile */
#define RING_BYTES (sizeof(struct ts_trace_header) + \
		    CAP * sizeof(struct ts_trace_record))

/* Tree side, prefixed. */
extern unsigned char tsh_ts_trace_rings[];
extern uint32_t tsh_ts_trace_tid;
extern const struct { const char *name; volatile uint8_t *on; }
	__start_ts_trace_points[], __stop_ts_trace_points[];
int tsh_trace_init(void);
int tsh_ts_trace_enable(const char *pattern, int on);
int tsh_ts_trace_count(void);
void tsh_ts_trace_panic_dump(void);
void tsh_tp_none(void);
void tsh_tp_pair(int a, unsigned long b);
void tsh_tp_name(uint32_t id, const char *name);
void tsh_tp_six(uint64_t last);
void tsh_tp_seq(uint64_t n);

/* What the stand-in <ts/arch/cpu.h> and the platform give the tree. */
uint64_t tsh_trace_host_ticks;
uint64_t tsh_ts_plat_ticks_hz(void);
uint64_t tsh_ts_plat_ticks_hz(void)
{
	return 1000000;
}

static struct ts_trace_header *hdr(void)
{
	return (struct ts_trace_header *)tsh_ts_trace_rings;
}

static struct ts_trace_record *rec(unsigned int slot)
{
	return (struct ts_trace_record *)(tsh_ts_trace_rings + 64) + slot;
}

static int point_id(const char *name)
{
	for (int i = 0; __start_ts_trace_points + i < __stop_ts_trace_points; i++)
		if (!strcmp(__start_ts_trace_points[i].name, name))
			return i;
	return -1;
}

static void setup(void)
{
	memset(tsh_ts_trace_rings, 0, RING_BYTES);
	tsh_trace_host_ticks = 1000;
	tsh_ts_trace_tid = 7;
	tsh_trace_init();
	tsh_ts_trace_enable("*", 0);
	host_console_reset();
}

/* ---- running the decoder ---- */
static char dir[64];
static char out[1 << 16];
static int status;

static void path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

static void write_file(const char *name, const void *p, size_t n)
{
	char f[128];
	FILE *fp;

	path(f, sizeof(f), name);
	fp = fopen(f, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(p, 1, n, fp), n);
	fclose(fp);
}

/* Runs tstrace with args after --elf (this program); out holds its
 * stdout and stderr, status its exit status. */
static void tstrace(const char *args)
{
	char file[512], root[512], exe[512], cmd[2048], f[128];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	FILE *p;
	size_t got;

	ck_assert_int_gt(n, 0);
	exe[n] = '\0';
	/* __FILE__ is tests/unit/test_trace.c under the tree, absolute. */
	snprintf(file, sizeof(file), "%s", __FILE__);
	snprintf(root, sizeof(root), "%s", dirname(dirname(dirname(file))));
	path(f, sizeof(f), "");
	snprintf(cmd, sizeof(cmd), "cd %s && /usr/bin/python3 %s/support/scripts/"
		 "tstrace --elf %s %s 2>&1", f, root, exe, args);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	got = fread(out, 1, sizeof(out) - 1, p);
	out[got] = '\0';
	status = WEXITSTATUS(pclose(p));
}

static int count(const char *needle)
{
	int n = 0;

	for (const char *s = out; (s = strstr(s, needle)); s++)
		n++;
	return n;
}

static void decode_ring(size_t bytes)
{
	write_file("ring.bin", tsh_ts_trace_rings, bytes);
	tstrace("--raw ring.bin --json ring.json");
}

/* ---- tests ---- */

START_TEST(records_carry_ticks_thread_id_and_arguments)
{
	setup();
	ck_assert_int_eq(tsh_ts_trace_enable("unit_*", 1), 4);
	tsh_tp_pair(-3, 0xabc);
	tsh_ts_trace_tid = 9;
	tsh_tp_none();
	tsh_tp_six(1ULL << 40);
	ck_assert_uint_eq(hdr()->magic, TS_TRACE_MAGIC);
	ck_assert_uint_eq(hdr()->capacity, CAP);
	ck_assert_uint_eq(hdr()->record_size, 64);
	ck_assert_uint_eq(hdr()->flags, TS_TRACE_F_OVERWRITE);
	ck_assert_uint_eq(hdr()->ticks_hz, 1000000);
	ck_assert_uint_eq(hdr()->head, 3);
	ck_assert_uint_eq(rec(0)->id, point_id("unit_pair"));
	ck_assert_uint_eq(rec(0)->tid, 7);
	ck_assert_uint_eq(rec(0)->nargs, 2);
	ck_assert_uint_eq(rec(0)->args[0], (uint64_t)-3);
	ck_assert_uint_eq(rec(0)->args[1], 0xabc);
	ck_assert_uint_eq(rec(1)->id, point_id("unit_none"));
	ck_assert_uint_eq(rec(1)->nargs, 0);
	ck_assert_uint_eq(rec(1)->tid, 9);
	ck_assert_uint_eq(rec(2)->nargs, 6);
	ck_assert_uint_eq(rec(2)->args[5], 1ULL << 40);
	ck_assert_uint_lt(rec(0)->ticks, rec(1)->ticks);
	ck_assert_uint_lt(rec(1)->ticks, rec(2)->ticks);
}
END_TEST

START_TEST(disabled_points_record_nothing_and_globs_select)
{
	setup();
	tsh_tp_pair(1, 2);
	ck_assert_uint_eq(hdr()->head, 0);
	ck_assert_int_eq(tsh_ts_trace_count(), 5);
	ck_assert_int_eq(tsh_ts_trace_enable("unit_?air", 1), 1);
	ck_assert_int_eq(tsh_ts_trace_enable("*_s*", 1), 2);	/* six, seq */
	ck_assert_int_eq(tsh_ts_trace_enable("nosuch", 1), 0);
	ck_assert_int_eq(tsh_ts_trace_enable("unit_pair", 0), 1);
	tsh_tp_pair(1, 2);
	tsh_tp_none();
	tsh_tp_six(0);
	ck_assert_uint_eq(hdr()->head, 1);
	ck_assert_uint_eq(rec(0)->id, point_id("unit_six"));
}
END_TEST

START_TEST(decoder_round_trip_formats_every_argument)
{
	setup();
	tsh_ts_trace_enable("unit_*", 1);
	tsh_tp_pair(-3, 0xabc);
	tsh_tp_name(4, "pinger-long-name");
	tsh_tp_none();
	tsh_tp_six(1ULL << 40);
	decode_ring(RING_BYTES);
	ck_assert_msg(status == 0, "tstrace failed: %s", out);
	ck_assert_msg(strstr(out, "unit_pair") && strstr(out, "a=-3 b=0xabc"), "%s", out);
	ck_assert_msg(strstr(out, "thread 4 is pinger-l\n"), "%s", out);
	ck_assert_msg(strstr(out, "unit_none") && strstr(out, " no arguments\n"), "%s", out);
	ck_assert_msg(strstr(out, "1 2 3 4 5 1099511627776"), "%s", out);
	/* 1 MHz: the first record's 1010 ticks are 1.01 ms. */
	ck_assert_msg(strstr(out, "[   0.001010000] cpu0 7"), "%s", out);
	ck_assert_int_eq(count("] cpu0"), 4);
	tstrace("--raw ring.bin --quiet --json ring.json && /usr/bin/python3 -c "
		"\"import json; d=json.load(open('ring.json')); "
		"print('events', len([e for e in d['traceEvents'] if e['ph']=='i']))\"");
	ck_assert_msg(strstr(out, "events 4"), "%s", out);
}
END_TEST

START_TEST(wrap_around_keeps_the_latest_in_order)
{
	setup();
	tsh_ts_trace_enable("other_seq", 1);
	for (uint64_t i = 0; i < 40; i++)
		tsh_tp_seq(i);
	ck_assert_uint_eq(hdr()->head, 40);
	ck_assert_uint_eq(hdr()->dropped, 0);
	decode_ring(RING_BYTES);
	ck_assert_msg(status == 0, "%s", out);
	ck_assert_int_eq(count("other_seq"), CAP);
	ck_assert_msg(!strstr(out, "seq 23\n"), "%s", out);
	const char *a = strstr(out, "seq 24\n"), *b = strstr(out, "seq 39\n");
	ck_assert_msg(a && b && a < b, "%s", out);
	for (int i = 25; i < 40; i++) {
		char want[32];
		const char *c;

		snprintf(want, sizeof(want), "seq %d\n", i);
		c = strstr(out, want);
		ck_assert_msg(c && c > a, "seq %d out of order:\n%s", i, out);
		a = c;
	}
	ck_assert_msg(strstr(out, "24 older records were overwritten"), "%s", out);
}
END_TEST

START_TEST(stop_policy_keeps_the_first_and_counts_drops)
{
	setup();
	hdr()->flags = 0;	/* what CONFIG_LIB_TRACE_STOP sets */
	tsh_ts_trace_enable("other_seq", 1);
	for (uint64_t i = 0; i < 20; i++)
		tsh_tp_seq(i);
	ck_assert_uint_eq(hdr()->head, CAP);
	ck_assert_uint_eq(hdr()->dropped, 4);
	decode_ring(RING_BYTES);
	ck_assert_msg(status == 0, "%s", out);
	ck_assert_int_eq(count("other_seq"), CAP);
	ck_assert_msg(strstr(out, "seq 0\n") && strstr(out, "seq 15\n") &&
		      !strstr(out, "seq 16\n"), "%s", out);
	ck_assert_msg(strstr(out, "4 records dropped"), "%s", out);
}
END_TEST

START_TEST(truncated_buffer_decodes_what_is_complete)
{
	setup();
	tsh_ts_trace_enable("other_seq", 1);
	for (uint64_t i = 0; i < 10; i++)
		tsh_tp_seq(i);
	/* Header, 5 records and half of the sixth. */
	decode_ring(64 + 5 * 64 + 32);
	ck_assert_msg(status == 0, "%s", out);
	ck_assert_int_eq(count("other_seq"), 5);
	ck_assert_msg(strstr(out, "seq 4\n") && !strstr(out, "seq 5\n"), "%s", out);
	ck_assert_msg(strstr(out, "truncated"), "%s", out);
	/* Less than a header: an error in words, no traceback. */
	decode_ring(40);
	ck_assert_int_eq(status, 1);
	ck_assert_msg(strstr(out, "tstrace: error: truncated input") &&
		      !strstr(out, "Traceback"), "%s", out);
}
END_TEST

START_TEST(bad_input_is_refused_clearly)
{
	setup();
	hdr()->magic = 0x12345678;
	decode_ring(RING_BYTES);
	ck_assert_int_eq(status, 1);
	ck_assert_msg(strstr(out, "bad magic 0x12345678"), "%s", out);
	write_file("notelf", "hello", 5);
	tstrace("--raw ring.bin --elf notelf");
	ck_assert_int_eq(status, 1);
	ck_assert_msg(strstr(out, "is not an ELF file"), "%s", out);
	tstrace("--raw ring.bin --elf /usr/bin/python3");
	ck_assert_int_eq(status, 1);
	ck_assert_msg(strstr(out, "no .ts_trace_meta section"), "%s", out);
}
END_TEST

START_TEST(panic_dump_prints_events_and_a_block_the_decoder_reads)
{
	setup();
	tsh_ts_trace_enable("*", 1);
	for (uint64_t i = 0; i < 20; i++)
		tsh_tp_seq(i);
	tsh_tp_pair(5, 6);
	tsh_ts_trace_panic_dump();
	/* CONFIG_LIB_TRACE_PANIC_EVENTS=4 lines of text, PANIC_RAW=8
	 * records of hex. */
	ck_assert_msg(strstr(host_console, "trace: last 4 of 21 events"),
		      "%s", host_console);
	ck_assert_msg(strstr(host_console, " unit_pair 0x5 0x6\n"), "%s",
		      host_console);
	ck_assert_msg(strstr(host_console, "--- trace dump begin (support/"
			     "scripts/tstrace --serial"), "%s", host_console);
	ck_assert_msg(strstr(host_console, "--- trace dump end ---"), "%s",
		      host_console);
	write_file("console.log", host_console, host_console_len);
	tstrace("--serial console.log");
	ck_assert_msg(status == 0, "%s", out);
	ck_assert_int_eq(count("] cpu0"), 8);
	ck_assert_msg(strstr(out, "seq 13\n") && !strstr(out, "seq 12\n") &&
		      strstr(out, "a=5 b=0x6"), "%s", out);
	/* A log cut in the middle of the block: what is there decodes. */
	*strstr(host_console, "--- trace dump end") = '\0';
	host_console_len = strlen(host_console) - 70;
	write_file("cut.log", host_console, host_console_len);
	tstrace("--serial cut.log");
	ck_assert_msg(status == 0, "%s", out);
	ck_assert_int_eq(count("] cpu0"), 7);
	ck_assert_msg(strstr(out, "truncated"), "%s", out);
}
END_TEST

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tstrace-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, make_dir, remove_dir);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, records_carry_ticks_thread_id_and_arguments);
	tcase_add_test(tc, disabled_points_record_nothing_and_globs_select);
	tcase_add_test(tc, decoder_round_trip_formats_every_argument);
	tcase_add_test(tc, wrap_around_keeps_the_latest_in_order);
	tcase_add_test(tc, stop_policy_keeps_the_first_and_counts_drops);
	tcase_add_test(tc, truncated_buffer_decodes_what_is_complete);
	tcase_add_test(tc, bad_input_is_refused_clearly);
	tcase_add_test(tc, panic_dump_prints_events_and_a_block_the_decoder_reads);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
