/* read on descriptor 0 from the console, until a VFS gives descriptors
 * files; every other descriptor is -EBADF.
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
#include <ts/arch/debug.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include <ts/time.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define SSIZE_LIMIT	((size_t)INTPTR_MAX)
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

static long sys_read(long fd, long buf, long len, long d, long e, long f)
{
	char chunk[128];
	size_t n = (size_t)len, done = 0, k = 0;
	int c = 0;

	(void)d, (void)e, (void)f;
	if (fd != 0)
		return -EBADF;
	if (n > SSIZE_LIMIT)
		return -EINVAL;
	while (done + k < n) {
		c = getc_blocking();
		if (c == CTRL_D)
			break;
		if (c == '\r')
			c = '\n';
		chunk[k++] = (char)c;
		if (k == sizeof(chunk) || c == '\n' || done + k == n) {
			if (ts_arch_mem_write_safe((uint64_t)buf + done, chunk,
						   k))
				return done ? (long)done : -EFAULT;
			done += k;
			k = 0;
		}
		if (c == '\n')
			break;
	}
	if (k && ts_arch_mem_write_safe((uint64_t)buf + done, chunk, k))
		return done ? (long)done : -EFAULT;
	return (long)(done + k);
}
TS_SYSCALL(read, sys_read);
