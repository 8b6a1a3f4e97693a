/* Who the program is: one process, pid 1 without a parent, run as root,
 * on "Tessera", on one CPU. */
#include <errno.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include "internal.h"

static long sys_getpid(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return 1;
}
TS_SYSCALL(getpid, sys_getpid);

/* No parent: 0, as Linux gives its first process (nginx asks at start). */
static long sys_getppid(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return 0;
}
TS_SYSCALL(getppid, sys_getppid);

static long sys_gettid(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return ts_syscall_tid();
}
TS_SYSCALL(gettid, sys_gettid);

/* Every id is root's. */
static long sys_zero_id(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return 0;
}
TS_SYSCALL(getuid, sys_zero_id);
TS_SYSCALL(geteuid, sys_zero_id);
TS_SYSCALL(getgid, sys_zero_id);
TS_SYSCALL(getegid, sys_zero_id);

/* Linux's struct new_utsname: six strings of 65 bytes. */
#define UTS_LEN 65
struct uts {
	char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN],
		version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

/* release: a Linux-shaped version, because programs parse it to decide
 * which kernel features they may use; the system calls served here are
 * those of Linux 6.1's ABI. */
static long sys_uname(long a, long b, long c, long d, long e, long f)
{
	struct uts u;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Tessera");
	strcpy(u.nodename, "tessera");
	strcpy(u.release, "6.1.0-tessera");
	strcpy(u.version, "#1");
	strcpy(u.machine, TS_SYSCALL_MACHINE);
	strcpy(u.domainname, "(none)");
	/* The app's pointer is not trusted: a bad one is -EFAULT. */
	if (ts_arch_mem_write_safe((unsigned long)a, &u, sizeof(u)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(uname, sys_uname);

/* The CPUs a thread may run on: CPU 0, the one CPU there is. musl's
 * sysconf(_SC_NPROCESSORS_ONLN) counts them this way (nginx's worker
 * count, worker_processes auto). As Linux: pid 0 is the caller, another
 * thread's id is accepted, anything else is ESRCH; the buffer must hold
 * the kernel's mask (one long here) and be a whole number of longs
 * (EINVAL); the result is the mask's size in bytes. */
static long sys_sched_getaffinity(long pid, long len, long mask, long d,
				  long e, long f)
{
	unsigned long cpus = 1;

	(void)d, (void)e, (void)f;
	if (pid < 0 || (pid != 0 && pid != 1 && !ts_syscall_tid_alive(pid)))
		return -ESRCH;
	if ((unsigned long)len < sizeof(cpus) || (len & (sizeof(cpus) - 1)))
		return -EINVAL;
	if (ts_arch_mem_write_safe((unsigned long)mask, &cpus, sizeof(cpus)))
		return -EFAULT;
	return sizeof(cpus);
}
TS_SYSCALL(sched_getaffinity, sys_sched_getaffinity);
