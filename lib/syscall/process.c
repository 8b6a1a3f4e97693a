/* The process's life: exit with a status, give up the CPU. One process
 * in the image, so exit and exit_group both end it: the status goes to
 * the platform's power-off (and QEMU's exit status, through the run
 * script). */
#include <ts/plat/power.h>
#include <ts/syscall.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

static long sys_exit(long status, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	/* Linux keeps the low 8 bits. */
	ts_plat_poweroff((int)(status & 0xff));
}
TS_SYSCALL(exit, sys_exit);
TS_SYSCALL(exit_group, sys_exit);

static long sys_sched_yield(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
#ifdef CONFIG_LIB_SCHED
	ts_thread_yield();
#endif
	return 0;
}
TS_SYSCALL(sched_yield, sys_sched_yield);
