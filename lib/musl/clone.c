/* musl's __clone (its clone.s executes the trap instruction) as a call of
 * lib/syscall's ts_syscall_clone(), which starts fn(arg) in a lib/sched
 * thread on musl's stack with musl's thread pointer. musl declares it
 * variadic: pthread_create passes ptid, tls and ctid after arg. */
#include <stdarg.h>
#include <ts/syscall.h>

int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	int *ptid, *ctid;
	unsigned long tls;

	va_start(ap, arg);
	ptid = va_arg(ap, int *);
	tls = va_arg(ap, unsigned long);
	ctid = va_arg(ap, int *);
	va_end(ap);
	return (int)ts_syscall_clone(fn, stack, (unsigned int)flags, arg, ptid,
				     tls, ctid);
}
