/* The BCM2835 power manager's watchdog (also BCM2837, BCM2711). */
#ifndef TS_BCM2835_WATCHDOG_H
#define TS_BCM2835_WATCHDOG_H

#include <stdint.h>

/* The boot partition the firmware's boot code reads after a watchdog
 * reset: 0 boots as usual; 63 is Linux's and the firmware's "halt":
 * the board stops and waits for a power cycle. */
#define TS_WDOG_PARTITION_BOOT	0
#define TS_WDOG_PARTITION_HALT	63

/* base: the power manager (peripherals + 0x100000). */
void ts_bcm2835_wdog_init(uintptr_t base);

/* Reset the board in ms milliseconds (at most about 16 s) unless
 * started again or stopped first. Returns 0, -EINVAL for a time out of
 * range, -ENODEV before init. */
int ts_bcm2835_wdog_start(unsigned int ms);
void ts_bcm2835_wdog_stop(void);

/* Reset now, telling the firmware the partition to boot from (see
 * above). Returns only if the reset did not happen (before init, or
 * while the reset takes its last microseconds). */
void ts_bcm2835_wdog_reset(unsigned int partition);

#endif
