/* The PM watchdog, as the Linux bcm2835_wdt driver and the firmware use
 * it (the register block is not in the public peripherals manual).
 * Every write carries the password in its top byte, or is ignored. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/cpu.h>
#include <ts/bcm2835/watchdog.h>

#define PM_RSTC			0x1c
#define PM_RSTS			0x20
#define PM_WDOG			0x24
#define PM_PASSWORD		0x5a000000
#define PM_RSTC_WRCFG_MASK	0x00000030
#define PM_RSTC_WRCFG_FULL	0x00000020
#define PM_RSTC_RESET		0x00000102	/* stop the watchdog */
#define PM_WDOG_TIME_MASK	0x000fffff
/* The partition number's six bits sit at the even bits 0-10 of RSTS. */
#define PM_RSTS_PARTITION_MASK	0x00000555

/* Watchdog ticks: 65536 per second (16 us each). */
#define TICKS_PER_SEC		65536U

static uintptr_t pm;

void ts_bcm2835_wdog_init(uintptr_t base)
{
	pm = base;
}

static void pm_write(unsigned int reg, uint32_t v)
{
	ts_mmio_write32(pm + reg, PM_PASSWORD | (v & ~0xff000000U));
}

static uint32_t partition_bits(unsigned int p)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < 6; i++)
		if (p & (1U << i))
			v |= 1U << (2 * i);
	return v;
}

int ts_bcm2835_wdog_start(unsigned int ms)
{
	uint64_t ticks = (uint64_t)ms * TICKS_PER_SEC / 1000;
	uint32_t rstc;

	if (!pm)
		return -ENODEV;
	if (ticks == 0 || ticks > PM_WDOG_TIME_MASK)
		return -EINVAL;
	pm_write(PM_WDOG, (uint32_t)ticks);
	rstc = ts_mmio_read32(pm + PM_RSTC) & ~PM_RSTC_WRCFG_MASK;
	pm_write(PM_RSTC, rstc | PM_RSTC_WRCFG_FULL);
	return 0;
}

void ts_bcm2835_wdog_stop(void)
{
	if (pm)
		pm_write(PM_RSTC, PM_RSTC_RESET);
}

void ts_bcm2835_wdog_reset(unsigned int partition)
{
	uint32_t rsts;
	unsigned int i;

	if (!pm)
		return;
	rsts = ts_mmio_read32(pm + PM_RSTS) & ~PM_RSTS_PARTITION_MASK;
	pm_write(PM_RSTS, rsts | partition_bits(partition & 63));
	/* The shortest time Linux uses: 10 ticks, 160 us. */
	pm_write(PM_WDOG, 10);
	pm_write(PM_RSTC, (ts_mmio_read32(pm + PM_RSTC) &
			   ~PM_RSTC_WRCFG_MASK) | PM_RSTC_WRCFG_FULL);
	for (i = 0; i < 1000000; i++)
		ts_arch_pause();
}
