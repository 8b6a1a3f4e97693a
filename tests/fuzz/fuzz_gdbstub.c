/* libFuzzer target for lib/gdbstub's packet parser, over the fake target
 * of the unit tests (tests/unit/gdb_fake.c).
 *
 * The first input byte picks how the rest reaches the stub:
 *   0: raw bytes, as if straight from the serial line (framing, acks,
 *      checksums, escapes, Ctrl-C);
 *   1: newline-separated packet bodies the harness frames with a correct
 *      checksum, so that the fuzzer spends its time in the handlers;
 *   2: raw bytes through ts_gdb_stopped(), as the image serves GDB, the
 *      stops being signals and system-call entries and returns (catch
 *      syscall), by turns.
 * Bits 2-3 of the first byte start in no-ack mode / with GDB's
 * error-message feature.
 *
 * Beyond the sanitizers, every write the stub makes is checked
 * (gdb_check.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_check.h"
#include "gdb_fake.h"

static struct ts_gdb g;
/* The fake target with registers expedited in stop replies, one of them
 * out of range and one never available. */
static const uint8_t expedite[] = { 0, FAKE_PC, FAKE_NREGS - 1, 200 };
static struct ts_gdb_target target;

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
	fake_write_hook = gdb_check_write;
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
				gdb_feed_framed(&g, data + start, i - start);
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
			stop.kind = fake.in_pos % 3 == 1 ? TS_GDB_STOP_SYSCALL_ENTRY :
				    fake.in_pos % 3 == 2 ? TS_GDB_STOP_SYSCALL_RETURN :
				    TS_GDB_STOP_SIGNAL;
			stop.syscall = (long)fake.in_pos;
			tsh_ts_gdb_stopped(&g, &stop);
			fake.out_len = 0;
		}
		break;
	}
	/* The catch set is one of its three states, and only "every call"
	 * catches a number no architecture has. */
	if ((g.catch_syscalls != TS_GDB_CATCH_NONE &&
	     g.catch_syscalls != TS_GDB_CATCH_ALL &&
	     g.catch_syscalls != TS_GDB_CATCH_SOME) ||
	    (tsh_ts_gdb_catches_syscall(&g, TS_GDB_SYSCALL_MAX) !=
	     (g.catch_syscalls == TS_GDB_CATCH_ALL)))
		abort();
	return 0;
}
