/* Test app for the run harness: makes QEMU log a guest error on purpose,
 * by writing to a PL011 after disabling it (QEMU still transmits; a real
 * PL011 would drop the byte). The image test expects the run to fail as
 * "qemu-error" although the image exits with 0.
 *
 *   guesterror [ADDRESS]
 *
 * ADDRESS is the PL011's (default: QEMU virt's first one; the raspi
 * cases give the Pi's UART0, which that platform never enables). */
#include <stdio.h>
#include <stdlib.h>
#include <ts/arch/arm64.h>

#define VIRT_UART0	0x09000000UL	/* hw/arm/virt.c */
#define UARTDR		0x000
#define UARTCR		0x030

int main(int argc, char *argv[])
{
	unsigned long uart = argc > 1 ? strtoul(argv[1], NULL, 0) : VIRT_UART0;

	printf("guesterror: writing to a disabled UART\n");
	ts_mmio_write32(uart + UARTCR, 0);
	ts_mmio_write32(uart + UARTDR, '!');
	return 0;
}
