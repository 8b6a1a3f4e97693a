/* GPIO (BCM2835 ARM Peripherals chapter 6; BCM2711 ARM Peripherals
 * chapter 5). Read-modify-write of GPFSEL and the pull registers is not
 * atomic: one CPU runs the kernel, and no interrupt handler touches
 * GPIO. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/cpu.h>
#include <ts/bcm2835/gpio.h>

#define GPFSEL0		0x00
#define GPSET0		0x1c
#define GPCLR0		0x28
#define GPLEV0		0x34
#define GPPUD		0x94	/* BCM2835/2837 */
#define GPPUDCLK0	0x98
#define GPIO_PUP_PDN0	0xe4	/* BCM2711 */

/* The GPPUD sequence asks for 150 cycles of the GPIO block's clock
 * between its steps; 150 CPU spin iterations are at least that. */
#define PUD_SETUP_SPINS	150

static uintptr_t gpio;
static enum ts_gpio_soc soc;

void ts_bcm2835_gpio_init(uintptr_t base, enum ts_gpio_soc which)
{
	gpio = base;
	soc = which;
}

static int check(unsigned int pin)
{
	if (!gpio)
		return -ENODEV;
	return pin < (soc == TS_GPIO_BCM2711 ? 58U : 54U) ? 0 : -EINVAL;
}

int ts_bcm2835_gpio_set_function(unsigned int pin, enum ts_gpio_function fn)
{
	uintptr_t reg = gpio + GPFSEL0 + (pin / 10) * 4;
	unsigned int shift = (pin % 10) * 3;
	int rc = check(pin);

	if (rc)
		return rc;
	if ((unsigned int)fn > 7)
		return -EINVAL;
	ts_mmio_write32(reg, (ts_mmio_read32(reg) & ~(7U << shift)) |
			     (uint32_t)fn << shift);
	return 0;
}

static void spin(void)
{
	unsigned int i;

	for (i = 0; i < PUD_SETUP_SPINS; i++)
		ts_arch_pause();
}

int ts_bcm2835_gpio_set_pull(unsigned int pin, enum ts_gpio_pull pull)
{
	int rc = check(pin);

	if (rc)
		return rc;
	if (soc == TS_GPIO_BCM2711) {
		/* Two bits per line: 0 none, 1 up, 2 down. */
		static const uint32_t code[] = { 0, 1, 2 };
		uintptr_t reg = gpio + GPIO_PUP_PDN0 + (pin / 16) * 4;
		unsigned int shift = (pin % 16) * 2;

		if ((unsigned int)pull > TS_GPIO_PULL_DOWN)
			return -EINVAL;
		ts_mmio_write32(reg, (ts_mmio_read32(reg) & ~(3U << shift)) |
				     code[pull] << shift);
	} else {
		/* GPPUD: 0 off, 1 down, 2 up; latched into the lines
		 * whose GPPUDCLK bit is pulsed. */
		static const uint32_t code[] = { 0, 2, 1 };
		uintptr_t clk = gpio + GPPUDCLK0 + (pin / 32) * 4;

		if ((unsigned int)pull > TS_GPIO_PULL_DOWN)
			return -EINVAL;
		ts_mmio_write32(gpio + GPPUD, code[pull]);
		spin();
		ts_mmio_write32(clk, 1U << (pin % 32));
		spin();
		ts_mmio_write32(gpio + GPPUD, 0);
		ts_mmio_write32(clk, 0);
	}
	return 0;
}

int ts_bcm2835_gpio_write(unsigned int pin, int high)
{
	int rc = check(pin);

	if (rc)
		return rc;
	/* Set and clear registers: no read-modify-write of the level. */
	ts_mmio_write32(gpio + (high ? GPSET0 : GPCLR0) + (pin / 32) * 4,
			1U << (pin % 32));
	return 0;
}

int ts_bcm2835_gpio_read(unsigned int pin)
{
	int rc = check(pin);

	if (rc)
		return rc;
	return (ts_mmio_read32(gpio + GPLEV0 + (pin / 32) * 4) >>
		(pin % 32)) & 1;
}
