/* The console: the mini UART (UART1) or the PL011 (UART0), as chosen in
 * Kconfig, on GPIO 14 (TXD) and 15 (RXD), header pins 8 and 10. Each
 * UART's clock comes from the firmware: the mini UART divides the VPU
 * core clock, the PL011 its own UART clock. Silent until set up. */
#include <stddef.h>
#include <stdint.h>
#include <ts/bcm2835/gpio.h>
#include <ts/bcm2835/mbox.h>
#include <ts/plat/console.h>
#include <ts/uart/bcm2835_aux.h>
#include <ts/uart/pl011.h>
#include "raspi.h"

#define PIN_TXD		14
#define PIN_RXD		15

#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
#define UART_NAME	"PL011 (UART0)"
#define UART_CLOCK	TS_MBOX_CLOCK_UART
#define UART_PIN_FN	TS_GPIO_ALT0
static struct ts_pl011 uart;
#else
#define UART_NAME	"mini UART (UART1)"
#define UART_CLOCK	TS_MBOX_CLOCK_CORE
#define UART_PIN_FN	TS_GPIO_ALT5
static struct ts_bcm2835_aux uart;
#endif

static int ready;

static int uart_init(uint32_t clock)
{
#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
	return ts_pl011_init(&uart, raspi_periph(RASPI_UART0_OFF), clock,
			     CONFIG_PLAT_RASPI_CONSOLE_BAUD);
#else
	return ts_bcm2835_aux_init(&uart, raspi_periph(RASPI_AUX_OFF), clock,
				   CONFIG_PLAT_RASPI_CONSOLE_BAUD);
#endif
}

void raspi_console_init(void)
{
	uint32_t clock = 0;
	int clock_rc = ts_bcm2835_mbox_clock_rate(UART_CLOCK, &clock);
	int rc = uart_init(clock_rc ? 0 : clock);

	/* The UART first, then the pins: no half-configured UART drives
	 * the line. An idle RXD reads high (the line's idle level) with
	 * nothing connected, instead of floating into garbage bytes. */
	ts_bcm2835_gpio_set_pull(PIN_TXD, TS_GPIO_PULL_NONE);
	ts_bcm2835_gpio_set_pull(PIN_RXD, TS_GPIO_PULL_UP);
	ts_bcm2835_gpio_set_function(PIN_TXD, UART_PIN_FN);
	ts_bcm2835_gpio_set_function(PIN_RXD, UART_PIN_FN);
	ready = 1;

	if (clock_rc)
		ts_printk("raspi: the firmware did not give the %s clock "
			  "(error %d); the speed is as the firmware left "
			  "it\n", UART_NAME, clock_rc);
	else if (rc)
		ts_printk("raspi: %d baud is out of reach of the %s with a "
			  "%u Hz clock; the speed is as the firmware left "
			  "it\n", CONFIG_PLAT_RASPI_CONSOLE_BAUD, UART_NAME,
			  clock);
}

const char *raspi_console_name(void)
{
	return UART_NAME;
}

void raspi_console_flush(void)
{
	if (!ready)
		return;
#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
	ts_pl011_flush(&uart);
#else
	ts_bcm2835_aux_flush(&uart);
#endif
}

static void uart_putc(char c)
{
#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
	ts_pl011_putc(&uart, c);
#else
	ts_bcm2835_aux_putc(&uart, c);
#endif
}

void raspi_console_raw_write(const void *buf, size_t len)
{
	const char *p = buf;
	size_t i;

	if (!ready)
		return;
	for (i = 0; i < len; i++)
		uart_putc(p[i]);
}

int raspi_console_ready(void)
{
	return ready;
}

void ts_plat_console_write(const char *buf, size_t len)
{
	size_t i;

	/* A debugger stub on this UART takes the output (GDB 'O'
	 * packets) while GDB is attached. */
	if (ts_plat_console_hooked(buf, len))
		return;
	if (!ready)
		return;
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			uart_putc('\r');
		uart_putc(buf[i]);
	}
}

int ts_plat_console_getc(void)
{
	if (!ready)
		return -1;
#ifdef CONFIG_PLAT_RASPI_CONSOLE_PL011
	return ts_pl011_getc(&uart);
#else
	return ts_bcm2835_aux_getc(&uart);
#endif
}
