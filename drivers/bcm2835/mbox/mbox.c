/* The mailbox itself (BCM2835 ARM Peripherals, and the firmware wiki):
 * the ARM writes a message's bus address with the channel in its low 4
 * bits to mailbox 1 and reads the answer from mailbox 0. The firmware
 * reads and writes the message in RAM behind the ARM's caches, so the
 * buffer's lines are cleaned before and invalidated after. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/cpu.h>
#include <ts/bcm2835/mbox.h>

#define MBOX0_READ	0x00
#define MBOX0_STATUS	0x18
#define MBOX1_WRITE	0x20
#define MBOX1_STATUS	0x38
#define STATUS_FULL	(1U << 31)
#define STATUS_EMPTY	(1U << 30)

#define CHANNEL_PROPERTY 8
/* The VideoCore sees ARM RAM (the first GiB) at bus address 0xc0000000
 * and up, uncached: the alias Linux's "dma-ranges" give on the Pi 3 and
 * on the Pi 4 alike. */
#define BUS_ALIAS	0xc0000000U

static uintptr_t mbox;
static uint32_t msg[TS_MBOX_MAX_WORDS] __attribute__((aligned(64)));

int ts_bcm2835_mbox_init(uintptr_t base)
{
	mbox = base;
	return 0;
}

/* Clean and invalidate the data cache over the message (by virtual
 * address: the identity map makes that the physical one). */
static void cache_flush(const void *p, size_t len)
{
	uint64_t ctr = ts_arm64_read_sysreg(ctr_el0);
	uintptr_t line = 4UL << ((ctr >> 16) & 0xf);
	uintptr_t a = (uintptr_t)p & ~(line - 1);

	for (; a < (uintptr_t)p + len; a += line)
		__asm__ __volatile__("dc civac, %0" :: "r"(a) : "memory");
	ts_arm64_dsb_sy();
}

/* A deadline on the generic counter: the firmware answers in
 * microseconds to milliseconds; one second means it will not. */
static uint64_t deadline(void)
{
	uint64_t hz = ts_arm64_read_sysreg(cntfrq_el0) & 0xffffffff;

	return ts_arch_cycles() + (hz ? hz : 100000000);
}

static int wait_clear(unsigned int reg, uint32_t bit, uint64_t until)
{
	while (ts_mmio_read32(mbox + reg) & bit)
		if (ts_arch_cycles() > until)
			return -ETIMEDOUT;
	return 0;
}

int ts_bcm2835_mbox_call(uint32_t tag, uint32_t *val, unsigned int in_words,
			 unsigned int buf_words)
{
	size_t words = ts_bcm2835_mbox_build(msg, TS_MBOX_MAX_WORDS, tag, val,
					     in_words, buf_words);
	uint32_t addr = (uint32_t)(uintptr_t)msg | BUS_ALIAS;
	uint64_t until = deadline();

	if (!mbox)
		return -ENODEV;
	if (!words)
		return -EINVAL;
	cache_flush(msg, sizeof(msg));
	if (wait_clear(MBOX1_STATUS, STATUS_FULL, until))
		return -ETIMEDOUT;
	ts_mmio_write32(mbox + MBOX1_WRITE, addr | CHANNEL_PROPERTY);
	for (;;) {
		uint32_t got;

		if (wait_clear(MBOX0_STATUS, STATUS_EMPTY, until))
			return -ETIMEDOUT;
		got = ts_mmio_read32(mbox + MBOX0_READ);
		/* Answers on other channels, or to a message of someone
		 * else (a stale one from the firmware's boot), are not
		 * ours: drop them. */
		if (got == (addr | CHANNEL_PROPERTY))
			break;
	}
	cache_flush(msg, sizeof(msg));
	return ts_bcm2835_mbox_parse(msg, words, tag, val, buf_words);
}
