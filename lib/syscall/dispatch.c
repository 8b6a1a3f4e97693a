/* One entry point for every system call: find the function a library
 * registered with TS_SYSCALL() for the number, or name the missing call
 * once and return -ENOSYS. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <ts/debug.h>
#include <ts/syscall.h>
#include "internal.h"

/* Put there by the linker: plat/common/tables.lds in images, the
 * linker's own __start_/__stop_ for a section named like a C
 * identifier on a host. */
extern const struct ts_syscall_entry __start_ts_syscalls[];
extern const struct ts_syscall_entry __stop_ts_syscalls[];

#ifdef CONFIG_LIB_SYSCALL_PANIC_ON_ENOSYS
#define PANIC_ON_ENOSYS 1
#else
#define PANIC_ON_ENOSYS 0
#endif

/* Names packed one after another ("read\0write\0..."), in the order
 * of their numbers in nrs[]: a table of pointers would weigh twice as
 * much, and only the slow paths (a missing call, the trace) look. */
static const char packed[] =
#define NAME(name, nr) #name "\0"
	TS_SYSCALL_LIST(NAME)
#undef NAME
	;
static const unsigned short nrs[] = {
#define NR(name, nr) nr,
	TS_SYSCALL_LIST(NR)
#undef NR
};

#define NAMES ((long)(sizeof(nrs) / sizeof(nrs[0])))

/* One bit per number up to REPORT_MAX: already reported as missing.
 * Setting it is atomic, so that two threads do not both report one
 * call. */
#define REPORT_MAX 1024
static unsigned char reported[REPORT_MAX / 8];
static bool reported_unknown;

const char *ts_syscall_name(long n)
{
	const char *p = packed;

	for (long i = 0; i < NAMES; i++) {
		if (nrs[i] == n)
			return p;
		p += __builtin_strlen(p) + 1;
	}
	return NULL;
}

long ts_syscall_nr_max(void)
{
	/* The list is in the order of the numbers. */
	return nrs[NAMES - 1];
}

static bool first_report(long n)
{
	unsigned char bit = (unsigned char)(1u << (n % 8));

	if (n >= REPORT_MAX)	/* no architecture has numbers that high */
		return true;

	return !(__atomic_fetch_or(&reported[n / 8], bit, __ATOMIC_RELAXED) &
		 bit);
}

static long not_implemented(long n)
{
	const char *name = ts_syscall_name(n);

	if (!name) {
		if (PANIC_ON_ENOSYS)
			ts_panic("system call number %ld does not exist on "
				 TS_SYSCALL_MACHINE, n);
		/* Garbage numbers all look alike: the first is enough. */
		if (!__atomic_exchange_n(&reported_unknown, true,
					 __ATOMIC_RELAXED))
			ts_log_warn("system call number %ld does not exist on "
				    TS_SYSCALL_MACHINE
				    ": -ENOSYS (further unknown numbers not reported)",
				    n);
		return -ENOSYS;
	}
	if (PANIC_ON_ENOSYS)
		ts_panic("system call '%s' (%ld) is not implemented", name, n);
	if (first_report(n))
		ts_log_warn("'%s' (%ld) is not implemented: -ENOSYS", name, n);
	return -ENOSYS;
}

ts_syscall_fn ts_syscall_lookup(long n)
{
	/* A short list (one entry per implemented call): a scan costs
	 * less than a table of every number would weigh. */
	for (const struct ts_syscall_entry *e = __start_ts_syscalls;
	     e < __stop_ts_syscalls; e++)
		if (e->nr == n)
			return e->fn;
	return NULL;
}

long ts_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	ts_syscall_fn fn = ts_syscall_lookup(n);
	long ret;

	if (!fn)
		ret = not_implemented(n);
	else if (ts_syscall_trace_noreturn(n, a, b, c, d, e, f))
		return fn(a, b, c, d, e, f);
	else
		ret = fn(a, b, c, d, e, f);
	ts_syscall_trace(n, a, b, c, d, e, f, ret);
	return ret;
}
