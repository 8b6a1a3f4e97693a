/* GPIO of the Raspberry Pi's SoC: BCM2835/BCM2837 (Pi 3: 54 lines) and
 * BCM2711 (Pi 4: 58 lines, other pull registers). */
#ifndef TS_BCM2835_GPIO_H
#define TS_BCM2835_GPIO_H

#include <stdint.h>

/* Function select codes as GPFSELn holds them (the alternate functions
 * are not in numerical order). */
enum ts_gpio_function {
	TS_GPIO_INPUT = 0,
	TS_GPIO_OUTPUT = 1,
	TS_GPIO_ALT0 = 4,
	TS_GPIO_ALT1 = 5,
	TS_GPIO_ALT2 = 6,
	TS_GPIO_ALT3 = 7,
	TS_GPIO_ALT4 = 3,
	TS_GPIO_ALT5 = 2,
};

enum ts_gpio_pull {
	TS_GPIO_PULL_NONE,
	TS_GPIO_PULL_UP,
	TS_GPIO_PULL_DOWN,
};

enum ts_gpio_soc {
	TS_GPIO_BCM2835,	/* also BCM2836/BCM2837: GPPUD + GPPUDCLK */
	TS_GPIO_BCM2711,	/* GPIO_PUP_PDN_CNTRL_REGn */
};

/* base: the GPIO block (peripherals + 0x200000). */
void ts_bcm2835_gpio_init(uintptr_t base, enum ts_gpio_soc soc);

/* Each returns 0, or -EINVAL for a line the SoC does not have (or a bad
 * function or pull), -ENODEV before init. */
int ts_bcm2835_gpio_set_function(unsigned int pin, enum ts_gpio_function fn);
int ts_bcm2835_gpio_set_pull(unsigned int pin, enum ts_gpio_pull pull);
/* Drive an output line high (non-zero) or low. */
int ts_bcm2835_gpio_write(unsigned int pin, int high);
/* The line's level: 0 or 1 (a negative errno on error). For an output,
 * the level it drives. */
int ts_bcm2835_gpio_read(unsigned int pin);

#endif
