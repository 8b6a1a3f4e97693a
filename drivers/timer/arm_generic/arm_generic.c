/* <ts/plat/time.h> on the Arm generic timer: the virtual counter for
 * time, the EL1 virtual timer (CNTV_*) for the one-shot interrupt. The
 * virtual timer is what a guest owns under a hypervisor; on bare metal,
 * after the boot code's EL2 setup (CNTVOFF_EL2 = 0), it equals the
 * physical one. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include <ts/timer/arm_generic.h>

#define CNTV_CTL_ENABLE		(1U << 0)
#define CNTV_CTL_IMASK		(1U << 1)

#define NSEC_PER_SEC		1000000000ULL

static uint64_t freq = NSEC_PER_SEC;

int ts_arm_timer_init(uint32_t freq_hz)
{
	uint64_t f = freq_hz ? freq_hz :
		     ts_arm64_read_sysreg(cntfrq_el0) & 0xffffffff;

	ts_arm64_write_sysreg(cntv_ctl_el0, 0);
	if (!f) {
		ts_printk("timer: the counter frequency (CNTFRQ_EL0) is 0 "
			  "and the device tree gives none; time will be "
			  "wrong\n");
		return -1;
	}
	freq = f;
	return 0;
}

uint64_t ts_plat_ticks(void)
{
	uint64_t v;

	__asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

uint64_t ts_plat_ticks_hz(void)
{
	return freq;
}

/* Whole seconds and the remainder separately: the product of ticks and
 * 10^9 would overflow 64 bits after a few minutes. The remainder times
 * 10^9 stays below 2^64 for any counter slower than 18 GHz. */
static uint64_t ticks_to_ns(uint64_t t)
{
	return t / freq * NSEC_PER_SEC + t % freq * NSEC_PER_SEC / freq;
}

/* Rounded up: a timer must never fire before its deadline. Saturates
 * (a deadline of ~0 means "never"). */
static uint64_t ns_to_ticks(uint64_t ns)
{
	if (ns / NSEC_PER_SEC > (UINT64_MAX - freq) / freq)
		return UINT64_MAX;
	return ns / NSEC_PER_SEC * freq +
	       (ns % NSEC_PER_SEC * freq + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}

uint64_t ts_plat_time_ns(void)
{
	return ticks_to_ns(ts_plat_ticks() - ts_arm64_boot_ticks);
}

void ts_plat_timer_set(uint64_t deadline_ns)
{
	uint64_t t = ns_to_ticks(deadline_ns);

	/* Past the counter's range: never. */
	if (t + ts_arm64_boot_ticks < t) {
		ts_plat_timer_cancel();
		return;
	}
	ts_arm64_write_sysreg(cntv_cval_el0, t + ts_arm64_boot_ticks);
	ts_arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	ts_arm64_isb();
}

void ts_plat_timer_cancel(void)
{
	ts_arm64_write_sysreg(cntv_ctl_el0, 0);
	ts_arm64_isb();
}

void ts_arm_timer_irq(void *arg, struct ts_regs *regs)
{
	(void)arg;
	(void)regs;
	ts_arm64_write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
	ts_arm64_isb();
	ts_plat_timer_expired();
}
