/* How each side of bench/syscall reads the CPU counter and makes the
 * calls the loops time:
 *
 *   image, with lib/musl   musl's getpid() and write(), whose system
 *                          calls are function calls into lib/syscall
 *   image, without         ts_syscall() directly, what musl's
 *                          __syscall0..6 call
 *   Linux guest            the C library's getpid() and write() (musl
 *                          when built with musl-gcc), which execute
 *                          the trap instruction
 *
 * The counter is the same on both sides: the TSC on x86_64, the generic
 * timer's count on arm64; read once at each end of a loop. */
#ifndef SYSCALLBENCH_CALLS_H
#define SYSCALLBENCH_CALLS_H

#include <stdint.h>

#if defined(CONFIG_LIB_SYSCALL) && !defined(CONFIG_LIB_MUSL)
#include <ts/syscall.h>
#define SYSCALLBENCH_VIA "ts_syscall"
static inline long bench_getpid(void)
{
	return ts_syscall(TS_NR_getpid, 0, 0, 0, 0, 0, 0);
}

static inline long bench_write(int fd, const void *buf, unsigned long len)
{
	return ts_syscall(TS_NR_write, fd, (long)buf, (long)len, 0, 0, 0);
}
#else
#include <unistd.h>
#ifdef CONFIG_LIB_MUSL
#define SYSCALLBENCH_VIA "musl"
#elif defined(__GLIBC__)
#define SYSCALLBENCH_VIA "linux-glibc"
#else
#define SYSCALLBENCH_VIA "linux-musl"
#endif
static inline long bench_getpid(void)
{
	return getpid();
}

static inline long bench_write(int fd, const void *buf, unsigned long len)
{
	return write(fd, buf, len);
}
#endif

#ifdef CONFIG_LIB_SYSCALL
#include <ts/plat/time.h>
#define bench_ticks ts_plat_ticks
#else
/* bench/linux-guest/ticks-<arch>.c, picked for the target. */
uint64_t linux_guest_ticks(void);
#define bench_ticks linux_guest_ticks
#endif

#endif
