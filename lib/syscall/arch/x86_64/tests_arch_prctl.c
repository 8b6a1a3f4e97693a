/* arch_prctl in an image (x86_64): the FS base is the calling thread's
 * thread pointer, kept by the scheduler across switches; GS is refused. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/tls.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static long arch_prctl(long code, long addr)
{
	return ts_syscall(TS_NR_arch_prctl, code, addr, 0, 0, 0, 0);
}

TS_TEST(clone, arch_prctl_fs_is_the_thread_pointer)
{
	static uintptr_t block[32] __attribute__((aligned(64)));
	uintptr_t mine = ts_thread_tp(ts_thread_self()), got = 0, hw, kept;
	uintptr_t tp2 = (uintptr_t)&block[16];
	long set;

	TS_EXPECT_EQ(arch_prctl(ARCH_GET_FS, (long)&got), 0L);
	TS_EXPECT_EQ(got, mine);
	TS_EXPECT_EQ(got, ts_arch_tp_get());
	/* A TCB whose first word points to itself, as the ABI wants. No
	 * __thread access until it is put back. */
	block[16] = tp2;
	set = arch_prctl(ARCH_SET_FS, (long)tp2);
	hw = ts_arch_tp_get();
	ts_thread_yield();
	kept = ts_arch_tp_get();
	arch_prctl(ARCH_GET_FS, (long)&got);
	TS_EXPECT_EQ(arch_prctl(ARCH_SET_FS, (long)mine), 0L);
	TS_EXPECT_EQ(set, 0L);
	TS_EXPECT_EQ(hw, tp2);
	TS_EXPECT_EQ(kept, tp2);
	TS_EXPECT_EQ(got, tp2);
	TS_EXPECT_EQ(ts_arch_tp_get(), mine);
	TS_EXPECT_EQ(arch_prctl(ARCH_SET_FS, (long)0x8000000000000000UL),
		     -(long)EPERM);
	TS_EXPECT_EQ(arch_prctl(ARCH_GET_FS, 8), -(long)EFAULT);
	TS_EXPECT_EQ(arch_prctl(ARCH_SET_GS, 0), -(long)EINVAL);
	TS_EXPECT_EQ(arch_prctl(ARCH_GET_GS, (long)&got), -(long)EINVAL);
	TS_EXPECT_EQ(arch_prctl(0x3001, 0), -(long)EINVAL);
	TS_EXPECT_EQ(ts_arch_tp_get(), mine);
}
