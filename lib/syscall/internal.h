/* lib/syscall's own interfaces between its files. */
#ifndef TS_SYSCALL_INTERNAL_H
#define TS_SYSCALL_INTERNAL_H

#include <stdbool.h>
#include <ts/syscall.h>

/* The function registered for number n, or NULL. */
ts_syscall_fn ts_syscall_lookup(long n);

/* syscall.trace=1 (trace.c): whether n is a call that never returns
 * (its line is printed before it); the line of call n with its six
 * arguments and its result (before: "= ?", the call does not return). */
bool ts_syscall_trace_noreturn(long n);
void ts_syscall_trace(long n, const long args[6], long ret, bool before);

/* The trace's switch, in the flag the dispatcher's fast path tests. */
void ts_syscall_watch_trace(bool on);

/* The name of errno e ("EBADF"), or NULL (trace.c). */
const char *ts_syscall_errno_name(long e);

/* The id of the calling thread: lib/sched's when it is in the image,
 * else 1, the one context there is (identity.c). */
long ts_syscall_tid(void);

/* Whether tid is the caller's or another live thread's (signal.c). */
bool ts_syscall_tid_alive(long tid);

/* Linux's struct sysinfo on 64-bit architectures, 112 bytes (limits.c
 * serves it, tests_misc.c reads it). */
struct sysinfo_abi {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char reserved[20 - 2 * sizeof(long) - sizeof(int)];
};

#endif
