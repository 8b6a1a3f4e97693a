/* The Pi 3's interrupt controllers. The BCM2836 local controller
 * ("Quad-A7 control", the BCM2836 ARM-local peripherals document) has,
 * per core, enables for the four generic timers and the mailboxes, and
 * an IRQ source register that names what is pending; bit 8 of it is the
 * BCM2835 ARM interrupt controller (BCM2835 ARM Peripherals, chapter
 * 7), whose pending registers then name the peripheral. Level-
 * triggered throughout: a handler quiets its device, and there is
 * nothing to acknowledge or end here. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/irq.h>
#include <ts/intc/bcm2836.h>

/* Local controller, core 0's registers. */
#define LOCAL_GPU_ROUTE		0x0c
#define LOCAL_TIMER_CTL0	0x40	/* bits 0-3: timer IRQ enables */
#define LOCAL_MBOX_CTL0		0x50	/* bits 0-3: mailbox IRQ enables */
#define LOCAL_IRQ_SRC0		0x60

#define SRC_TIMERS		0x00f
#define SRC_MAILBOXES		0x0f0
#define SRC_GPU			(1U << 8)

/* ARM interrupt controller. */
#define ARM_PENDING_BASIC	0x00
#define ARM_PENDING1		0x04
#define ARM_PENDING2		0x08
#define ARM_FIQ_CTL		0x0c
#define ARM_ENABLE1		0x10
#define ARM_ENABLE2		0x14
#define ARM_ENABLE_BASIC	0x18
#define ARM_DISABLE1		0x1c
#define ARM_DISABLE2		0x20
#define ARM_DISABLE_BASIC	0x24

#define BASIC_OWN		0xff	/* bits 0-7: the basic interrupts */

static uintptr_t local, arm;

static int lowest_bit(uint32_t v)
{
	return v ? __builtin_ctz(v) : -1;
}

/* The highest-priority pending interrupt is simply the lowest number:
 * the controllers have no priorities. */
static int bcm2836_ack(void)
{
	uint32_t src = ts_mmio_read32(local + LOCAL_IRQ_SRC0);
	uint32_t p;

	if (src & ~SRC_GPU)
		return lowest_bit(src & ~SRC_GPU);
	if (!(src & SRC_GPU))
		return -1;
	/* The pending registers show raw lines; only enabled ones are
	 * ours to hand out. */
	p = ts_mmio_read32(arm + ARM_PENDING_BASIC) &
	    ts_mmio_read32(arm + ARM_ENABLE_BASIC) & BASIC_OWN;
	if (p)
		return TS_BCM2836_IRQ_BASIC(lowest_bit(p));
	p = ts_mmio_read32(arm + ARM_PENDING1) &
	    ts_mmio_read32(arm + ARM_ENABLE1);
	if (p)
		return TS_BCM2836_IRQ_GPU(lowest_bit(p));
	p = ts_mmio_read32(arm + ARM_PENDING2) &
	    ts_mmio_read32(arm + ARM_ENABLE2);
	if (p)
		return TS_BCM2836_IRQ_GPU(32 + lowest_bit(p));
	return -1;
}

static void bcm2836_eoi(unsigned int irq)
{
	(void)irq;
}

static void bcm2836_mask(unsigned int irq)
{
	ts_bcm2836_intc_disable(irq);
}

static const struct ts_arm64_irq_controller controller = {
	.name = "the BCM2836 local interrupt controller",
	.ack = bcm2836_ack,
	.eoi = bcm2836_eoi,
	.mask = bcm2836_mask,
};

int ts_bcm2836_intc_init(uintptr_t local_base, uintptr_t armctrl)
{
	local = local_base;
	arm = armctrl;
	ts_mmio_write32(local + LOCAL_TIMER_CTL0, 0);
	ts_mmio_write32(local + LOCAL_MBOX_CTL0, 0);
	ts_mmio_write32(local + LOCAL_GPU_ROUTE, 0);	/* IRQ to core 0 */
	ts_mmio_write32(arm + ARM_FIQ_CTL, 0);
	ts_mmio_write32(arm + ARM_DISABLE1, ~0U);
	ts_mmio_write32(arm + ARM_DISABLE2, ~0U);
	ts_mmio_write32(arm + ARM_DISABLE_BASIC, ~0U);
	ts_arm64_dsb_sy();
	ts_arm64_irq_set_controller(&controller);
	return 0;
}

static int set_enable(unsigned int irq, int on)
{
	uintptr_t reg;
	uint32_t bit;

	if (!local)
		return -ENODEV;
	if (irq < 32) {
		if (irq < 4) {
			reg = local + LOCAL_TIMER_CTL0;
			bit = 1U << irq;
		} else if (irq < 8) {
			reg = local + LOCAL_MBOX_CTL0;
			bit = 1U << (irq - 4);
		} else {
			return -EINVAL;
		}
		ts_mmio_write32(reg, on ? ts_mmio_read32(reg) | bit :
					  ts_mmio_read32(reg) & ~bit);
	} else if (irq < TS_BCM2836_IRQ_BASIC(0)) {
		unsigned int n = irq - 32;

		reg = arm + (n < 32 ? (on ? ARM_ENABLE1 : ARM_DISABLE1) :
				      (on ? ARM_ENABLE2 : ARM_DISABLE2));
		ts_mmio_write32(reg, 1U << (n % 32));
	} else if (irq < TS_BCM2836_NR_IRQS) {
		ts_mmio_write32(arm + (on ? ARM_ENABLE_BASIC :
					    ARM_DISABLE_BASIC),
				1U << (irq - TS_BCM2836_IRQ_BASIC(0)));
	} else {
		return -EINVAL;
	}
	ts_arm64_dsb_sy();
	return 0;
}

int ts_bcm2836_intc_enable(unsigned int irq)
{
	return set_enable(irq, 1);
}

void ts_bcm2836_intc_disable(unsigned int irq)
{
	set_enable(irq, 0);
}
