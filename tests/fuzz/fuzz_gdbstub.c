/* libFuzzer target for lib/gdbstub's packet parser, over the fake target
 * of the unit tests (tests/unit/gdb_fake.c).
 *
 * The first input byte picks how the rest reaches the stub:
 *   0: raw bytes, as if straight from the serial line (framing, acks,
 *      checksums, escapes, Ctrl-C);
 *   1: newline-separated packet bodies the harness frames with a correct
 *      checksum, so that the fuzzer spends its time in the handlers;
 *   2: raw bytes through ts_gdb_stopped(), as the image serves GDB.
 * Bits 2-3 of the first byte start in no-ack mode / with GDB's
 * error-message feature.
 *
 * Beyond the sanitizers, every write the stub makes is checked: a single
 * '+' or '-', or one whole packet with a correct checksum, no framing
 * character inside and no more data than the reply buffer holds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_fake.h"

static struct ts_gdb g;
/* The fake target with registers expedited in stop replies, one of them
 * out of range and one never available. */
static const uint8_t expedite[] = { 0, FAKE_PC, FAKE_NREGS - 1, 200 };
static struct ts_gdb_target target;

static void check_write(const char *buf, size_t len)
{
	uint8_t sum = 0;
	unsigned int want;
	size_t i;

	if (len == 1 && (buf[0] == '+' || buf[0] == '-'))
		return;
	if (len < 4 || buf[0] != '$' || buf[len - 3] != '#' ||
	    len - 4 > TS_GDB_REPLY_SIZE)
		goto bad;
	for (i = 1; i < len - 3; i++) {
		if (buf[i] == '$' || buf[i] == '#')
			goto bad;
		sum = (uint8_t)(sum + (uint8_t)buf[i]);
	}
	if (sscanf(buf + len - 2, "%2x", &want) != 1 || want != sum)
		goto bad;
	return;
bad:
	fprintf(stderr, "malformed write from the stub (%zu bytes): %.*s\n",
		len, (int)(len > 200 ? 200 : len), buf);
	abort();
}

static void feed_framed(const uint8_t *p, size_t n)
{
	char tail[4];
	uint8_t sum = 0;
	size_t i;

	tsh_ts_gdb_feed(&g, '$');
	for (i = 0; i < n; i++) {
		sum = (uint8_t)(sum + p[i]);
		tsh_ts_gdb_feed(&g, p[i]);
	}
	snprintf(tail, sizeof(tail), "#%02x", sum);
	for (i = 0; i < 3; i++)
		tsh_ts_gdb_feed(&g, (uint8_t)tail[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_gdb_stop stop = { .kind = TS_GDB_STOP_SIGNAL,
				    .signal = TS_GDB_SIGTRAP };
	unsigned int mode;
	size_t i, start;

	if (size < 1)
		return 0;
	mode = data[0];
	data++, size--;
	fake_reset();
	fake_write_hook = check_write;
	target = fake_target;
	target.expedite = expedite;
	target.nexpedite = sizeof(expedite);
	tsh_ts_gdb_init(&g, &target);
	g.running = false;
	if (mode & 4)
		g.no_ack = true;
	if (mode & 8)
		g.peer_error_message = true;
	switch (mode & 3) {
	case 0:
		for (i = 0; i < size; i++) {
			tsh_ts_gdb_feed(&g, data[i]);
			fake.out_len = 0;
		}
		break;
	case 1:
		for (start = i = 0; i <= size; i++) {
			if (i == size || data[i] == '\n') {
				feed_framed(data + start, i - start);
				/* GDB acks the reply: the next packet is a new
				 * request even when it is the same. */
				tsh_ts_gdb_feed(&g, '+');
				fake.out_len = 0;
				start = i + 1;
				/* A resumed program stops again at once. */
				g.running = false;
			}
		}
		break;
	default:
		fake.in = (const char *)data;
		fake.in_len = size;
		while (fake.in_pos < fake.in_len) {
			stop.thread = (long)(fake.in_pos % 4);
			tsh_ts_gdb_stopped(&g, &stop);
			fake.out_len = 0;
		}
		break;
	}
	return 0;
}
