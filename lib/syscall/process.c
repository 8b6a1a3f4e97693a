/* The process's life: exit with a status, give up the CPU. One process
 * in the image: exit_group ends it, the status going to the platform's
 * power-off (and QEMU's exit status, through the run script). exit ends
 * the calling thread only (thread_exit.c, with the thread calls); the
 * last thread's ends the image the same way. */
#include <ts/plat/power.h>
#include <ts/syscall.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif
#ifdef CONFIG_LIB_SYSCALL_THREADS
#include "threads.h"
#endif

static long sys_exit_group(long status, long b, long c, long d, long e,
			   long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	/* Linux keeps the low 8 bits. */
	ts_plat_poweroff((int)(status & 0xff));
}
TS_SYSCALL(exit_group, sys_exit_group);

static long sys_exit(long status, long b, long c, long d, long e, long f)
{
#ifdef CONFIG_LIB_SYSCALL_THREADS
	(void)b, (void)c, (void)d, (void)e, (void)f;
	syscall_thread_exit(status);
#else
	/* Without threads, the one context there is. */
	return sys_exit_group(status, b, c, d, e, f);
#endif
}
TS_SYSCALL(exit, sys_exit);

static long sys_sched_yield(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
#ifdef CONFIG_LIB_SCHED
	ts_thread_yield();
#endif
	return 0;
}
TS_SYSCALL(sched_yield, sys_sched_yield);
