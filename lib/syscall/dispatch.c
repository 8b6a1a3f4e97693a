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

static const char *const names[] = {
#define NAME(name, nr) [nr] = #name,
	TS_SYSCALL_LIST(NAME)
#undef NAME
};

#ifdef CONFIG_LIB_SYSCALL_PANIC_ON_ENOSYS
#define PANIC_ON_ENOSYS 1
#else
#define PANIC_ON_ENOSYS 0
#endif

#define NR_COUNT ((long)(sizeof(names) / sizeof(names[0])))

/* One bit per number: already reported as missing. Setting it is
 * atomic, so that two threads do not both report one call. */
static unsigned char reported[(NR_COUNT + 7) / 8];
static bool reported_unknown;

const char *ts_syscall_name(long n)
{
	return n >= 0 && n < NR_COUNT ? names[n] : NULL;
}

long ts_syscall_nr_max(void)
{
	return NR_COUNT - 1;
}

static bool first_report(long n)
{
	unsigned char bit = (unsigned char)(1u << (n % 8));

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
