/* Local APIC: enable it and take interrupts through it. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/irq.h>
#include <ts/arch/x86.h>
#include <ts/intc/lapic.h>
#include <ts/plat/console.h>
#include "lapic.h"

#define X2APIC_MSR_BASE	0x800

static volatile uint32_t *mmio;	/* xAPIC registers, or NULL: x2APIC */

uint32_t lapic_read(unsigned int reg)
{
	if (!mmio)
		return (uint32_t)rdmsr(X2APIC_MSR_BASE + (reg >> 4));
	return mmio[reg / 4];
}

void lapic_write(unsigned int reg, uint32_t v)
{
	if (!mmio)
		wrmsr(X2APIC_MSR_BASE + (reg >> 4), v);
	else
		mmio[reg / 4] = v;
}

void ts_lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

static int in_service(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		if (lapic_read(APIC_ISR + i * 0x10))
			return 1;
	return 0;
}

/* Errors are bugs (an illegal vector sent or received): worth a line
 * each, in words, but not worth stopping for. */
static void error_irq(void *arg, struct ts_regs *regs)
{
	static const char *const what[8] = {
		"send checksum", "receive checksum", "send accept",
		"receive accept", "redirectable IPI", "send illegal vector",
		"received illegal vector", "illegal register address",
	};
	uint32_t esr;
	unsigned int i;

	(void)arg;
	(void)regs;
	lapic_write(APIC_ESR, 0);	/* latches the errors into ESR */
	esr = lapic_read(APIC_ESR);
	ts_printk("lapic: error interrupt, ESR %#x:", esr);
	for (i = 0; i < 8; i++)
		if (esr & (1U << i))
			ts_printk(" %s", what[i]);
	ts_printk("\n");
}

int ts_lapic_init(void)
{
	uint32_t a, b, c, d, max_lvt;
	uint64_t base;
	int i;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & X86_CPUID1_EDX_APIC))
		return -ENODEV;

	/* Firmware may have switched it off; it comes back in xAPIC mode
	 * then, the EXTD bit being clear. */
	base = rdmsr(X86_MSR_APIC_BASE);
	if (!(base & X86_APIC_BASE_EN)) {
		base |= X86_APIC_BASE_EN;
		wrmsr(X86_MSR_APIC_BASE, base);
	}
	if (base & X86_APIC_BASE_EXTD) {
		mmio = NULL;
	} else {
		uint64_t pa = base & X86_APIC_BASE_ADDR;

		if (pa < X86_MMIO_UC_START || pa >= X86_MMIO_UC_END)
			return -ERANGE;
		mmio = (volatile uint32_t *)(uintptr_t)pa;
	}

	/* Nothing local may fire before it has a handler: the 8259 (LINT0)
	 * is not used, LINT1 is the NMI line by convention. */
	max_lvt = (lapic_read(APIC_VERSION) >> 16) & 0xff;
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
	lapic_write(APIC_LVT_LINT1, APIC_LVT_DM_NMI);
	if (max_lvt >= 4)
		lapic_write(APIC_LVT_PMC, APIC_LVT_MASKED);
	if (max_lvt >= 5)
		lapic_write(APIC_LVT_THERM, APIC_LVT_MASKED);
	if (max_lvt >= 6)
		lapic_write(APIC_LVT_CMCI, APIC_LVT_MASKED);
	lapic_write(APIC_TPR, 0);

	/* An interrupt in service since before we started (a loader that
	 * took one and jumped here, a warm restart) would block its
	 * priority class and all below it for good. */
	for (i = 0; i < 256 && in_service(); i++)
		ts_lapic_eoi();

	ts_arch_irq_set_handler(TS_X86_VEC_APIC_ERROR, error_irq, NULL);
	ts_x86_irq_set_eoi(ts_lapic_eoi);
	lapic_write(APIC_SVR, APIC_SVR_ENABLE | TS_X86_VEC_SPURIOUS);
	lapic_write(APIC_LVT_ERROR, TS_X86_VEC_APIC_ERROR);
	/* Two writes: the first latches old errors, the second clears. */
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_ESR, 0);
	return 0;
}
