/* Reading the console as a terminal (ts_syscall_console_read of
 * <ts/syscall.h>): what read on descriptor 0 does here without lib/vfs
 * (console_calls.c), and on /dev/console with it.
 *
 * The semantics are a terminal's canonical mode, which is what line-
 * oriented programs (fgets, a REPL) expect: read blocks until a whole
 * line is there and returns it with its '\n', or returns len bytes when
 * the line is longer. A carriage return counts as a newline (the Enter
 * key sends one: a terminal's ICRNL). Ctrl-D (0x04) ends the input: at
 * the start of a read it returns 0 (end of file), after some bytes it
 * returns them. There is no echo and no line editing: the UART passes
 * bytes as they come.
 *
 * Waiting polls the UART (it raises no interrupt we use) once a
 * millisecond, sleeping on lib/sched in between so that other threads
 * run, or halting the CPU until a lib/time timer without lib/sched. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include <ts/time.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define CTRL_D		0x04
#define POLL_NS		TS_NSEC_PER_MSEC

static int getc_blocking(void)
{
	int c;

	while ((c = ts_plat_console_getc()) < 0) {
#ifdef CONFIG_LIB_SCHED
		if (ts_thread_self()) {
			ts_thread_sleep_ns(POLL_NS);
			continue;
		}
#endif
		ts_time_halt_until(ts_time_deadline_in(POLL_NS));
	}
	return c;
}

long ts_syscall_console_read(char *buf, size_t n)
{
	size_t done = 0;
	int c;

	while (done < n) {
		c = getc_blocking();
		if (c == CTRL_D)
			break;
		if (c == '\r')
			c = '\n';
		buf[done++] = (char)c;
		if (c == '\n')
			break;
	}
	return (long)done;
}
