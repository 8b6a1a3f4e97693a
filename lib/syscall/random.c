/* getrandom: bytes from the CPU's random-number instruction when it has
 * one (x86_64 RDRAND, arm64 RNDR: lib/syscall/arch/<arch>/include/ts/
 * syscall_rng_arch.h), else from a generator seeded from the cycle
 * counter and the wall clock at the first call and stirred with the
 * counter at every word. That fallback is NOT cryptographic: anyone
 * who can guess the boot time and counter well enough can predict it.
 * The first call says on the console which source serves the image.
 *
 * The flags are accepted as Linux accepts them: GRND_NONBLOCK (nothing
 * here blocks), GRND_RANDOM (the same source), GRND_INSECURE; an
 * unknown flag, or GRND_RANDOM with GRND_INSECURE, is -EINVAL. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/debug.h>
#include <ts/debug.h>
#include <ts/syscall.h>
#include <ts/syscall_rng_arch.h>
#include <ts/time.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4

/* Linux's MAX_RW_COUNT: one call gives at most this much. */
#define MAX_COUNT	(0x7fffffffUL & ~4095UL)

static enum { UNKNOWN, HARDWARE, SEEDED } source;
static uint64_t state;

/* splitmix64's step: a bijective mix, so distinct states give distinct
 * outputs. */
static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void choose_source(void)
{
	int here;

	if (ts_syscall_rng_present()) {
		source = HARDWARE;
		ts_log_info("getrandom: the CPU's " TS_SYSCALL_RNG_NAME);
		return;
	}
	state = mix(ts_arch_cycles()) ^ mix(ts_time_wall_ns()) ^
		(uint64_t)(uintptr_t)&here;
	source = SEEDED;
	ts_log_warn("getrandom: the CPU has no " TS_SYSCALL_RNG_NAME
		    ": bytes from a generator seeded from the counters, "
		    "not cryptographic");
}

static uint64_t next_word(void)
{
	uint64_t v;

	if (source == HARDWARE)
		for (int i = 0; i < 10; i++)
			if (ts_syscall_rng_u64(&v))
				return v;
	/* The hardware failed ten times in a row (Intel's advice), or
	 * there is none: the seeded generator. */
	state += 0x9e3779b97f4a7c15ULL ^ ts_arch_cycles();
	return mix(state);
}

static long sys_getrandom(long buf, long len, long flags, long d, long e,
			  long f)
{
	size_t n = (size_t)len, done = 0;

	(void)d, (void)e, (void)f;
	if (flags & ~(long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (n > MAX_COUNT)
		n = MAX_COUNT;
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_disable();
#endif
	if (source == UNKNOWN)
		choose_source();
	while (done < n) {
		uint64_t chunk[16];
		size_t k = n - done < sizeof(chunk) ? n - done : sizeof(chunk);

		for (size_t i = 0; i < (k + 7) / 8; i++)
			chunk[i] = next_word();
		if (ts_arch_mem_write_safe((uint64_t)buf + done, chunk, k))
			break;
		done += k;
	}
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_enable();
#endif
	if (!done && n)
		return -EFAULT;
	return (long)done;
}
TS_SYSCALL(getrandom, sys_getrandom);
