/* Test app for the run harness: makes QEMU log a guest error on purpose,
 * by writing to QEMU virt's console PL011 after disabling it (QEMU still
 * transmits; a real PL011 would drop the byte). The image test expects
 * the run to fail as "qemu-error" although the image exits with 0.
 * virt-arm64 only. */
#include <stdio.h>
#include <ts/arch/arm64.h>

#define VIRT_UART0	0x09000000UL	/* hw/arm/virt.c */
#define UARTDR		0x000
#define UARTCR		0x030

int main(void)
{
	printf("guesterror: writing to a disabled UART\n");
	ts_mmio_write32(VIRT_UART0 + UARTCR, 0);
	ts_mmio_write32(VIRT_UART0 + UARTDR, '!');
	return 0;
}
