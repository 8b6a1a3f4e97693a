/* syscall.trace=1: a line per call, like strace: the thread, the call
 * by name with its six argument registers (no decoding yet: which of
 * them the call reads and what they mean is per call), and the result,
 * an error by its name. */
#include <errno.h>
#include <stdbool.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include "internal.h"

static bool trace;
TS_PARAM_BOOL(syscall, trace, trace,
	      "print every system call, its arguments and its result");

static const char *const errnames[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
	[EINTR] = "EINTR", [EIO] = "EIO", [EBADF] = "EBADF",
	[EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM", [EACCES] = "EACCES",
	[EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
	[EINVAL] = "EINVAL", [ENOSPC] = "ENOSPC", [ERANGE] = "ERANGE",
	[ENOSYS] = "ENOSYS",
};

static void print_call(long n, long a, long b, long c, long d, long e,
		       long f)
{
	const char *name = ts_syscall_name(n);

	if (name)
		ts_printk("syscall: [%ld] %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)",
			  ts_syscall_tid(), name, a, b, c, d, e, f);
	else
		ts_printk("syscall: [%ld] syscall_%ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)",
			  ts_syscall_tid(), n, a, b, c, d, e, f);
}

bool ts_syscall_trace_noreturn(long n, long a, long b, long c, long d,
			       long e, long f)
{
	if (!trace || (n != TS_NR_exit && n != TS_NR_exit_group))
		return false;
	/* These do not come back: strace's "= ?" before the call. */
	print_call(n, a, b, c, d, e, f);
	ts_printk(" = ?\n");
	return true;
}

void ts_syscall_trace(long n, long a, long b, long c, long d, long e,
		      long f, long ret)
{
	const char *err = NULL;

	if (!trace)
		return;
	if (ret < 0 && ret > -(long)(sizeof(errnames) / sizeof(errnames[0])))
		err = errnames[-ret];
	print_call(n, a, b, c, d, e, f);
	if (err)
		ts_printk(" = -1 %s\n", err);
	else
		ts_printk(" = %ld\n", ret);
}
