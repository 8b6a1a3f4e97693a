/* Blinks the Raspberry Pi's green activity LED and says so on the
 * console, each on and off with what the hardware reads back.
 *
 *   blinky [COUNT [PERIOD_MS]]
 *
 * COUNT blinks (default 10; 0 blinks until power-off), each PERIOD_MS
 * long (default 1000: half on, half off). Exits 0, or 1 when the LED is
 * unknown or does not read back what was set, 2 on bad arguments. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/plat/time.h>
#include <ts/raspi.h>

#define MAX_PERIOD_MS	60000UL

static int number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*out = strtoul(s, &end, 10);
	return *end || *out > max ? -1 : 0;
}

/* Set the LED and check what the hardware holds afterwards. */
static int led(unsigned long n, int on)
{
	int rc = ts_raspi_led_set(on), back;

	if (rc) {
		printf("blinky: %lu %s: setting the LED failed (%d)\n", n,
		       on ? "on" : "off", rc);
		return -1;
	}
	back = ts_raspi_led_get();
	printf("blinky: %lu %s (reads back %d)\n", n, on ? "on" : "off",
	       back);
	if (back != on) {
		printf("blinky: FAIL: the LED reads back %d\n", back);
		return -1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	unsigned long count = 10, period_ms = 1000, n;
	uint64_t half, t;
	const char *how;

	if ((argc > 1 && number(argv[1], ~0UL, &count)) ||
	    (argc > 2 && (number(argv[2], MAX_PERIOD_MS, &period_ms) ||
			  period_ms < 2)) || argc > 3) {
		printf("usage: blinky [COUNT [PERIOD_MS (2-%lu)]]\n",
		       MAX_PERIOD_MS);
		return 2;
	}
	if (ts_raspi_led_init(&how)) {
		printf("blinky: %s: activity LED %s\n", ts_raspi_model(), how);
		return 1;
	}
	printf("blinky: %s: activity LED on %s, %lu blinks of %lu ms\n",
	       ts_raspi_model(), how, count, period_ms);

	half = (uint64_t)period_ms * 1000000 / 2;
	t = ts_plat_time_ns();
	for (n = 1; count == 0 || n <= count; n++) {
		if (led(n, 1))
			return 1;
		t += half;
		ts_plat_sleep_until_ns(t);
		if (led(n, 0))
			return 1;
		t += half;
		ts_plat_sleep_until_ns(t);
	}
	printf("blinky: done\n");
	return 0;
}
