/* arch_prctl (x86_64 only): the FS base is the thread pointer, which
 * lib/sched keeps per thread (ts_thread_set_tp), so musl's
 * __set_thread_area (ARCH_SET_FS) sets it for the calling thread only,
 * as on Linux. The GS base is not kept per thread (the scheduler does
 * not switch it), so ARCH_SET_GS and ARCH_GET_GS are -EINVAL rather
 * than a value that other threads would share; so are the CPUID and
 * shadow-stack options, which have nothing behind them here. */
#include <errno.h>
#include <ts/arch/debug.h>
#include <ts/arch/tls.h>
#include <ts/sched.h>
#include <ts/syscall.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static long sys_arch_prctl(long code, long addr, long c, long d, long e,
			   long f)
{
	unsigned long tp;

	(void)c, (void)d, (void)e, (void)f;
	switch (code) {
	case ARCH_SET_FS:
		/* Linux refuses a non-canonical address (wrfsbase would
		 * fault on it). */
		if ((long)((unsigned long)addr << 16) >> 16 != addr)
			return -EPERM;
		/* Before lib/sched's init there is no thread to keep it:
		 * the register alone. */
		if (ts_thread_self())
			ts_thread_set_tp((uintptr_t)addr);
		else
			ts_arch_tp_set((uintptr_t)addr);
		return 0;
	case ARCH_GET_FS:
		tp = ts_thread_self() ? ts_thread_tp(ts_thread_self()) :
					ts_arch_tp_get();
		if (ts_arch_mem_write_safe((uint64_t)addr, &tp, sizeof(tp)))
			return -EFAULT;
		return 0;
	default:
		return -EINVAL;
	}
}
TS_SYSCALL(arch_prctl, sys_arch_prctl);
