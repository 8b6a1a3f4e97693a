/* Byte channels for a debugger stub (<ts/plat/debug_uart.h>). 0 is the
 * console's UART (header pins 8/10). 1 is the other of the Pi's two
 * UARTs: the PL011 (UART0) when the console is the mini UART, the mini
 * UART (UART1) when it is the PL011.
 *
 * GPIO 14/15, the header's only UART pins, belong to the console, so
 * the second UART goes to GPIO 32/33 (UART0 at ALT3, UART1 at ALT5, on
 * BCM2837 and BCM2711 alike). Those pins are not on the header: on a
 * Pi 3 or 4 they lead to the Bluetooth chip. A second UART is therefore
 * something for QEMU (its raspi boards connect the first -serial to the
 * PL011 and the second to the mini UART) or for a board whose pins
 * 32/33 are reachable (a Compute Module). */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/bcm2835/gpio.h>
#include <ts/bcm2835/mbox.h>
#include <ts/plat/console.h>
#include <ts/plat/debug_uart.h>
#include <ts/uart/bcm2835_aux.h>
#include <ts/uart/pl011.h>
#include "raspi.h"

#define PIN_TXD2	32
#define PIN_RXD2	33

#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
/* The console is the PL011: the second UART is the mini UART. */
#define SECOND_CLOCK	TS_MBOX_CLOCK_CORE
#define SECOND_PIN_FN	TS_GPIO_ALT5
static struct ts_bcm2835_aux second;

static int second_init(uint32_t clock)
{
	return ts_bcm2835_aux_init(&second, raspi_periph(RASPI_AUX_OFF),
				   clock, CONFIG_PLAT_RASPI_CONSOLE_BAUD);
}

static void second_putc(char c) { ts_bcm2835_aux_putc(&second, c); }
static int second_getc(void) { return ts_bcm2835_aux_getc(&second); }
#else
/* The console is the mini UART: the second UART is the PL011. */
#define SECOND_CLOCK	TS_MBOX_CLOCK_UART
#define SECOND_PIN_FN	TS_GPIO_ALT3
static struct ts_pl011 second;

static int second_init(uint32_t clock)
{
	return ts_pl011_init(&second, raspi_periph(RASPI_UART0_OFF), clock,
			     CONFIG_PLAT_RASPI_CONSOLE_BAUD);
}

static void second_putc(char c) { ts_pl011_putc(&second, c); }
static int second_getc(void) { return ts_pl011_getc(&second); }
#endif

static int second_ready;

int ts_plat_debug_uart_init(int which)
{
	uint32_t clock = 0;

	if (which == 0)
		return raspi_console_ready() ? 0 : -ENODEV;
	if (which != 1)
		return -ENODEV;
	if (second_ready)
		return 0;
	/* Without the clock the speed stays as the firmware left it,
	 * as for the console. */
	if (ts_bcm2835_mbox_clock_rate(SECOND_CLOCK, &clock))
		clock = 0;
	if (second_init(clock))
		ts_printk("raspi: %d baud is out of reach of the second UART "
			  "with a %u Hz clock; speed unchanged\n",
			  CONFIG_PLAT_RASPI_CONSOLE_BAUD, clock);
	ts_bcm2835_gpio_set_pull(PIN_TXD2, TS_GPIO_PULL_NONE);
	ts_bcm2835_gpio_set_pull(PIN_RXD2, TS_GPIO_PULL_UP);
	ts_bcm2835_gpio_set_function(PIN_TXD2, SECOND_PIN_FN);
	ts_bcm2835_gpio_set_function(PIN_RXD2, SECOND_PIN_FN);
	second_ready = 1;
	return 0;
}

void ts_plat_debug_uart_write(int which, const void *buf, size_t len)
{
	const char *p = buf;
	size_t i;

	if (which == 0) {
		raspi_console_raw_write(buf, len);
		return;
	}
	if (which != 1 || !second_ready)
		return;
	for (i = 0; i < len; i++)
		second_putc(p[i]);
}

int ts_plat_debug_uart_getc(int which)
{
	if (which == 0)
		return ts_plat_console_getc();
	if (which != 1 || !second_ready)
		return -1;
	return second_getc();
}
