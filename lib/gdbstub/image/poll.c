/* Ctrl-C from GDB while the program runs (LIB_GDBSTUB_CTRLC): a lib/time
 * timer reads the UART every LIB_GDBSTUB_POLL_MS milliseconds. The
 * timer's interrupt interrupted the program, and that frame is where
 * the stop is reported, so GDB shows the busy loop, not this code. The
 * UART is polled instead of taking its receive interrupt because every
 * platform has a timer, and a polled UART works on all of them alike. */
#include <ts/arch/debug.h>
#include <ts/plat/debug_uart.h>
#include <ts/time.h>
#include "image.h"

static struct ts_timer poll_timer;

static void poll(struct ts_timer *t, void *arg)
{
	struct ts_gdb_stop st = { TS_GDB_STOP_SIGNAL, TS_GDB_SIGINT, 0, 0, 0, 0 };
	struct ts_regs *r;
	int c;

	(void)arg;
	while ((c = ts_plat_debug_uart_getc(gdbstub_uart)) >= 0) {
		if (ts_gdb_feed(&gdbstub_session, (uint8_t)c) !=
		    TS_GDB_EV_INTERRUPT)
			continue;
		/* Ctrl-C, or a GDB attaching to the running program (its
		 * first packet goes on in the stop). */
		r = ts_arch_dbg_irq_regs();
		if (r)
			gdbstub_enter(r, &st);
		break;
	}
	ts_timer_arm(t, ts_time_deadline_in(CONFIG_LIB_GDBSTUB_POLL_MS *
					    TS_NSEC_PER_MSEC));
}

void gdbstub_poll_start(void)
{
	ts_timer_init(&poll_timer, poll, NULL);
	ts_timer_arm(&poll_timer, ts_time_deadline_in(
		CONFIG_LIB_GDBSTUB_POLL_MS * TS_NSEC_PER_MSEC));
}
