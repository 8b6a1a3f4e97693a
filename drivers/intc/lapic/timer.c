/* Local APIC timer: one-shot countdown or TSC deadline. */
#include <stdint.h>
#include <ts/arch/x86.h>
#include <ts/intc/lapic.h>
#include "lapic.h"

int ts_lapic_timer_has_tsc_deadline(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return !!(c & X86_CPUID1_ECX_TSC_DEADLINE);
}

void ts_lapic_timer_setup(unsigned int vector, int tsc_deadline)
{
	lapic_write(APIC_TMICT, 0);
	lapic_write(APIC_TDCR, APIC_TDCR_DIV1);
	lapic_write(APIC_LVT_TIMER, (vector & 0xff) |
		    (tsc_deadline ? APIC_LVT_TIMER_TSCDL : 0));
	if (tsc_deadline) {
		/* A deadline written before the LVT write has reached the
		 * xAPIC is ignored: the interrupt would never come (Intel
		 * SDM vol. 3, 10.5.4.1). */
		mfence();
		wrmsr(X86_MSR_TSC_DEADLINE, 0);
	}
}

void ts_lapic_timer_oneshot(uint32_t count)
{
	lapic_write(APIC_TMICT, count);
}

void ts_lapic_timer_deadline(uint64_t tsc)
{
	wrmsr(X86_MSR_TSC_DEADLINE, tsc);
}

void ts_lapic_timer_free_run(void)
{
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_TDCR, APIC_TDCR_DIV1);
	lapic_write(APIC_TMICT, 0xffffffff);
}

uint32_t ts_lapic_timer_current(void)
{
	return lapic_read(APIC_TMCCT);
}
