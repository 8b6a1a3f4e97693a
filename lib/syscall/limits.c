/* Resource limits (prlimit64, getrlimit, setrlimit) and sysinfo.
 *
 * The limits are the numbers that exist in the image: RLIMIT_STACK is
 * the main thread's stack (lib/sched's CONFIG_LIB_SCHED_MAIN_STACK_KB,
 * or the boot stack without lib/sched), RLIMIT_NOFILE is Linux's usual
 * 1024 (the descriptors a VFS will hand out; today only 0-2 exist),
 * RLIMIT_CORE 0 (no core files), RLIMIT_NICE and RLIMIT_RTPRIO 0, and
 * the rest, memory included, infinite: all memory is the process's and
 * stays resident. setrlimit and prlimit64 record new values (we are
 * root, so raising the hard limit is allowed) and getrlimit returns
 * them; nothing enforces them. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/boot.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif
#include "internal.h"

#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ULL)
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_NOFILE	7
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	12
#define RLIMIT_NICE	13
#define RLIMIT_RTPRIO	14

struct rlimit_abi {
	uint64_t cur, max;
};

static struct rlimit_abi limits[RLIM_NLIMITS];
static int limits_set;

static void limits_init(void)
{
	uint64_t stack;

	for (int i = 0; i < RLIM_NLIMITS; i++)
		limits[i].cur = limits[i].max = RLIM_INFINITY;
#ifdef CONFIG_LIB_SCHED
	stack = (uint64_t)CONFIG_LIB_SCHED_MAIN_STACK_KB * 1024;
#else
	stack = (uint64_t)(_ts_boot_stack_top - _ts_boot_stack_bottom);
#endif
	limits[RLIMIT_STACK] = (struct rlimit_abi){ stack, stack };
	limits[RLIMIT_CORE] = (struct rlimit_abi){ 0, 0 };
	limits[RLIMIT_NOFILE] = (struct rlimit_abi){ 1024, 1024 };
	/* One pending instance per signal number (signal.c). */
	limits[RLIMIT_SIGPENDING] = (struct rlimit_abi){ 64, 64 };
	limits[RLIMIT_MSGQUEUE] = (struct rlimit_abi){ 819200, 819200 };
	limits[RLIMIT_NICE] = (struct rlimit_abi){ 0, 0 };
	limits[RLIMIT_RTPRIO] = (struct rlimit_abi){ 0, 0 };
	limits_set = 1;
}

static long rlimit(unsigned long res, long new, long old)
{
	struct rlimit_abi n;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!limits_set)
		limits_init();
	if (new) {
		if (ts_arch_mem_read_safe((uint64_t)new, &n, sizeof(n)) !=
		    (long)sizeof(n))
			return -EFAULT;
		if (n.cur > n.max)
			return -EINVAL;
	}
	if (old && ts_arch_mem_write_safe((uint64_t)old, &limits[res],
					  sizeof(limits[res])))
		return -EFAULT;
	if (new)
		limits[res] = n;
	return 0;
}

static long sys_prlimit64(long pid, long res, long new, long old, long e,
			  long f)
{
	(void)e, (void)f;
	/* 0 is the caller; 1 is our one process's pid (identity.c). */
	if (pid != 0 && pid != 1)
		return -ESRCH;
	return rlimit((unsigned long)res, new, old);
}
TS_SYSCALL(prlimit64, sys_prlimit64);

static long sys_getrlimit(long res, long old, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (!old && (unsigned long)res < RLIM_NLIMITS)
		return -EFAULT;
	return rlimit((unsigned long)res, 0, old);
}
TS_SYSCALL(getrlimit, sys_getrlimit);

static long sys_setrlimit(long res, long new, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (!new && (unsigned long)res < RLIM_NLIMITS)
		return -EFAULT;
	return rlimit((unsigned long)res, new, 0);
}
TS_SYSCALL(setrlimit, sys_setrlimit);


#ifdef CONFIG_LIB_SCHED
static void count_thread(struct ts_thread *t, void *arg)
{
	(void)t;
	++*(unsigned int *)arg;
}
#endif

static long sys_sysinfo(long info, long b, long c, long d, long e, long f)
{
	struct sysinfo_abi si;
	struct ts_alloc_stats st;
	unsigned int threads = 1;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	memset(&si, 0, sizeof(si));
	ts_alloc_stats_get(&st);
#ifdef CONFIG_LIB_SCHED
	threads = 0;
	ts_thread_foreach(count_thread, &threads);
#endif
	si.uptime = (long)(ts_time_now_ns() / TS_NSEC_PER_SEC);
	si.totalram = st.total;
	si.freeram = st.free;
	/* Linux counts every task, threads included. */
	si.procs = (unsigned short)(threads > 0xffff ? 0xffff : threads);
	si.mem_unit = 1;
	if (ts_arch_mem_write_safe((uint64_t)info, &si, sizeof(si)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(sysinfo, sys_sysinfo);
