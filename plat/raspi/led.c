/* The activity LED: a SoC GPIO line on most boards, but on the Pi 3B a
 * line of the GPIO expander that only the firmware can reach (through
 * the mailbox). From the firmware's device trees (the "act_led" node of
 * each board). */
#include <errno.h>
#include <stdint.h>
#include <ts/bcm2835/gpio.h>
#include <ts/bcm2835/mbox.h>
#include "raspi.h"

struct led {
	int type;		/* revision code's board type */
	int expander;		/* line of the firmware's expander */
	unsigned int line;
	int active_low;
	const char *how;
};

static const struct led leds[] = {
	{ 0x08, 1, 2, 0, "GPIO expander line 2 (firmware mailbox)" },
	{ 0x0d, 0, 29, 0, "GPIO 29" },		/* 3B+ */
	{ 0x0e, 0, 29, 0, "GPIO 29" },		/* 3A+ */
	{ 0x12, 0, 29, 1, "GPIO 29, active low" },	/* Zero 2 W */
	{ 0x11, 0, 42, 0, "GPIO 42" },		/* 4B */
};

static const struct led *led;
static int expander_state;

int ts_raspi_led_init(const char **how)
{
	int type = raspi_board_type();
	unsigned int i;

	led = NULL;
	for (i = 0; i < sizeof(leds) / sizeof(leds[0]); i++)
		if (leds[i].type == type)
			led = &leds[i];
	if (!led) {
		*how = "none known for this board";
		return -ENODEV;
	}
	*how = led->how;
	if (led->expander)
		return 0;
	return ts_bcm2835_gpio_set_function(led->line, TS_GPIO_OUTPUT);
}

int ts_raspi_led_set(int on)
{
	int level = !!on ^ (led ? led->active_low : 0);
	int rc;

	if (!led)
		return -ENODEV;
	if (!led->expander)
		return ts_bcm2835_gpio_write(led->line, level);
	rc = ts_bcm2835_mbox_set_gpio(TS_MBOX_EXPANDER_GPIO(led->line),
				      (uint32_t)level);
	if (!rc)
		expander_state = level;
	return rc;
}

int ts_raspi_led_get(void)
{
	int level;

	if (!led)
		return -ENODEV;
	level = led->expander ? expander_state :
				ts_bcm2835_gpio_read(led->line);
	return level < 0 ? level : level ^ led->active_low;
}
