/* What plat/raspi offers applications written for the Raspberry Pi
 * (apps/blinky): the board, and its activity LED. Portable code uses
 * <ts/plat/...> only. */
#ifndef TS_RASPI_H
#define TS_RASPI_H

#include <stdint.h>

enum ts_raspi_soc {
	TS_RASPI_BCM2837 = 1,	/* Pi 3B, 3B+, 3A+, Zero 2 W: Cortex-A53 */
	TS_RASPI_BCM2711,	/* Pi 4B, 400, CM4: Cortex-A72 */
};

enum ts_raspi_soc ts_raspi_soc(void);
/* The firmware's board revision code (0 if the firmware did not say)
 * and the model it names ("Raspberry Pi 4 Model B", or "unknown"). */
uint32_t ts_raspi_revision(void);
const char *ts_raspi_model(void);

/* The green activity LED. ts_raspi_led_init() finds how this board
 * drives it and says so in *how ("GPIO 42", "GPIO expander line 2
 * (firmware mailbox)"); it returns 0, or -ENODEV for a board whose LED
 * it does not know. ts_raspi_led_set() turns it on (non-zero) or off;
 * ts_raspi_led_get() reads back what the hardware holds: the GPIO
 * line's level, or the state the firmware accepted. Both return a
 * negative errno on failure. */
int ts_raspi_led_init(const char **how);
int ts_raspi_led_set(int on);
int ts_raspi_led_get(void);

#endif
