/* lib/syscall's own interfaces between its files. */
#ifndef TS_SYSCALL_INTERNAL_H
#define TS_SYSCALL_INTERNAL_H

#include <stdbool.h>
#include <ts/syscall.h>

/* The function registered for number n, or NULL. */
ts_syscall_fn ts_syscall_lookup(long n);

/* syscall.trace=1: one line per call (trace.c), after it returns; for
 * the calls that never return (exit, exit_group), before: then it says
 * true. */
bool ts_syscall_trace_noreturn(long n, long a, long b, long c, long d,
			       long e, long f);
void ts_syscall_trace(long n, long a, long b, long c, long d, long e,
		      long f, long ret);

/* The id of the calling thread: lib/sched's when it is in the image,
 * else 1, the one context there is (identity.c). */
long ts_syscall_tid(void);

#endif
