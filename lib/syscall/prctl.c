/* prctl: the thread's name (PR_SET_NAME, PR_GET_NAME) is lib/sched's,
 * so a name a program gives its thread (musl's pthread_setname_np
 * writes /proc, glibc's and most programs' prctl) shows in `ts threads`,
 * the GDB stub's thread list and the trace. Linux's names have 15
 * characters and a NUL (TASK_COMM_LEN): longer ones are cut there, as
 * Linux does; lib/sched's own names may be longer, and PR_GET_NAME cuts
 * those the same way. Other options are -EINVAL, as Linux answers an
 * option it does not know. */
#include <errno.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include <ts/syscall.h>

#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define COMM_LEN	16

static long sys_prctl(long option, long b, long c, long d, long e, long f)
{
	struct ts_thread *self = ts_thread_self();
	char name[COMM_LEN];
	long got;

	(void)c, (void)d, (void)e, (void)f;
	/* Before lib/sched's init: no thread to name. */
	if (!self && (option == PR_SET_NAME || option == PR_GET_NAME))
		return -EINVAL;
	switch (option) {
	case PR_SET_NAME:
		/* Fewer bytes than asked: the string ran into an unmapped
		 * page, fine if its NUL came before. */
		got = ts_arch_mem_read_safe((uint64_t)b, name, COMM_LEN - 1);
		if (got < 0)
			return -EFAULT;
		name[got] = '\0';
		if ((size_t)got < COMM_LEN - 1 && strlen(name) == (size_t)got)
			return -EFAULT;
		ts_thread_set_name(self, name);
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strncpy(name, ts_thread_name(self), COMM_LEN - 1);
		if (ts_arch_mem_write_safe((uint64_t)b, name, COMM_LEN))
			return -EFAULT;
		return 0;
	default:
		return -EINVAL;
	}
}
TS_SYSCALL(prctl, sys_prctl);
