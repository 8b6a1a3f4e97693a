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
 * The counter is the same on both sides: the TSC on x86_64 (rdtsc), the
 * generic timer's virtual count on arm64 (CNTVCT_EL0). */
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

static inline uint64_t bench_ticks(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;

	/* lfence: the read waits for the loop's last call. */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
#elif defined(__aarch64__)
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#else
#error "bench/syscallbench: no CPU counter for this architecture"
#endif
}

#endif
