/* musl's __set_thread_area (the thread pointer of the calling thread,
 * set by __init_tp at start-up and for each new thread): musl's
 * assembly writes the register itself (aarch64 msr tpidr_el0) or asks
 * the kernel (x86_64 arch_prctl through the syscall instruction). Here
 * it goes through lib/sched, which saves and restores the thread
 * pointer per thread, or straight to the register without threads. */
#include <stdint.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#else
#include <ts/arch/tls.h>
#endif

int __set_thread_area(void *tp);

int __set_thread_area(void *tp)
{
#ifdef CONFIG_LIB_SCHED
	ts_thread_set_tp((uintptr_t)tp);
#else
	ts_arch_tp_set((uintptr_t)tp);
#endif
	return 0;
}
