/* musl's system-call entry for Tessera, found before musl's own
 * arch/<arch>/syscall_arch.h (lib/musl/Makefile.uk puts this folder
 * first): __syscall0..6 are plain calls of lib/syscall's ts_syscall()
 * instead of the trap instruction (x86_64 syscall, aarch64 svc). One
 * file for both architectures: the rest of musl's version is the same
 * on x86_64 and aarch64 (64-bit arguments in one register, IPC_64 0).
 * No VDSO_USEFUL: there is no vDSO, clock_gettime is a call anyway.
 *
 * The prototype is declared here, not taken from <ts/syscall.h>, so
 * that musl's objects depend on no kernel header or configuration. */
#ifndef TS_MUSL_SYSCALL_ARCH_H
#define TS_MUSL_SYSCALL_ARCH_H

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

long ts_syscall(long n, long a, long b, long c, long d, long e, long f);

static __inline long __syscall0(long n)
{
	return ts_syscall(n, 0, 0, 0, 0, 0, 0);
}

static __inline long __syscall1(long n, long a1)
{
	return ts_syscall(n, a1, 0, 0, 0, 0, 0);
}

static __inline long __syscall2(long n, long a1, long a2)
{
	return ts_syscall(n, a1, a2, 0, 0, 0, 0);
}

static __inline long __syscall3(long n, long a1, long a2, long a3)
{
	return ts_syscall(n, a1, a2, a3, 0, 0, 0);
}

static __inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	return ts_syscall(n, a1, a2, a3, a4, 0, 0);
}

static __inline long __syscall5(long n, long a1, long a2, long a3, long a4,
				long a5)
{
	return ts_syscall(n, a1, a2, a3, a4, a5, 0);
}

static __inline long __syscall6(long n, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	return ts_syscall(n, a1, a2, a3, a4, a5, a6);
}

#define IPC_64 0

#endif
