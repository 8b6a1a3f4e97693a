/* musl's cancellation point (its syscall_cp.s in C): a system call that
 * a pending pthread_cancel() interrupts. The assembly version checks the
 * flag and traps between the labels __cp_begin and __cp_end, so that a
 * cancellation signal arriving in between can divert the thread to
 * __cp_cancel. Here no signal interrupts the call (system calls are
 * function calls, signals are delivered at calls): checking the flag
 * before the call is the whole protocol, and the labels only exist for
 * musl's signal handler, which finds no PC between them. */
#include <ts/syscall.h>

long __cancel(void);
long __syscall_cp_asm(volatile int *cancel, long nr, long u, long v, long w,
		      long x, long y, long z);

const char __cp_begin[1], __cp_end[1];

long __syscall_cp_asm(volatile int *cancel, long nr, long u, long v, long w,
		      long x, long y, long z)
{
	if (*cancel)
		return __cancel();
	return ts_syscall(nr, u, v, w, x, y, z);
}

long __cp_cancel(void);

long __cp_cancel(void)
{
	return __cancel();
}
