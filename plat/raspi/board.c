/* Which Raspberry Pi this is. The CPU says which SoC (Cortex-A53: the
 * BCM2837 of the Pi 3; Cortex-A72: the BCM2711 of the Pi 4), and with
 * it where the peripherals are, before any device is touched; the
 * firmware's board revision then names the model. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/bcm2835/mbox.h>
#include <ts/plat/console.h>
#include "raspi.h"

#define MIDR_PART(m)		(((m) >> 4) & 0xfff)
#define MIDR_IMPL(m)		(((m) >> 24) & 0xff)
#define MIDR_IMPL_ARM		0x41
#define PART_CORTEX_A53		0xd03
#define PART_CORTEX_A72		0xd08

struct raspi_board raspi_board;

int raspi_board_detect(void)
{
	uint64_t midr = ts_arm64_read_sysreg(midr_el1);

	raspi_board.midr_part = MIDR_PART(midr);
	raspi_board.model = "unknown";
	if (MIDR_IMPL(midr) == MIDR_IMPL_ARM &&
	    raspi_board.midr_part == PART_CORTEX_A72) {
		raspi_board.soc = TS_RASPI_BCM2711;
		raspi_board.periph = BCM2711_PERIPH;
		raspi_board.periph_size = BCM2711_PERIPH_SIZE;
		raspi_board.local = BCM2711_LOCAL;
		raspi_board.local_size = BCM2711_LOCAL_SIZE;
		return 0;
	}
	if (MIDR_IMPL(midr) == MIDR_IMPL_ARM &&
	    raspi_board.midr_part == PART_CORTEX_A53) {
		raspi_board.soc = TS_RASPI_BCM2837;
		raspi_board.periph = BCM2837_PERIPH;
		raspi_board.periph_size = BCM2837_PERIPH_SIZE;
		raspi_board.local = BCM2837_LOCAL;
		raspi_board.local_size = BCM2837_LOCAL_SIZE;
		return 0;
	}
	/* A Pi 5 (Cortex-A76) has its UARTs behind PCIe: nothing here
	 * could even say so. */
	return -1;
}

/* New-style revision codes (bit 23 set): type in bits 4-11 (the
 * firmware documentation's "Raspberry Pi revision codes"). */
#define REV_NEW_STYLE		(1U << 23)
#define REV_TYPE(r)		(((r) >> 4) & 0xff)

static const char *const models[] = {
	[0x04] = "Raspberry Pi 2 Model B",
	[0x08] = "Raspberry Pi 3 Model B",
	[0x0a] = "Raspberry Pi Compute Module 3",
	[0x0d] = "Raspberry Pi 3 Model B+",
	[0x0e] = "Raspberry Pi 3 Model A+",
	[0x10] = "Raspberry Pi Compute Module 3+",
	[0x11] = "Raspberry Pi 4 Model B",
	[0x12] = "Raspberry Pi Zero 2 W",
	[0x13] = "Raspberry Pi 400",
	[0x14] = "Raspberry Pi Compute Module 4",
	[0x15] = "Raspberry Pi Compute Module 4S",
};

void raspi_board_identify(void)
{
	uint32_t rev = 0;
	int rc = ts_bcm2835_mbox_board_revision(&rev);

	if (rc) {
		ts_printk("raspi: the firmware gives no board revision "
			  "(error %d)\n", rc);
		return;
	}
	raspi_board.revision = rev;
	if ((rev & REV_NEW_STYLE) &&
	    REV_TYPE(rev) < sizeof(models) / sizeof(models[0]) &&
	    models[REV_TYPE(rev)])
		raspi_board.model = models[REV_TYPE(rev)];
}

enum ts_raspi_soc ts_raspi_soc(void)
{
	return raspi_board.soc;
}

uint32_t ts_raspi_revision(void)
{
	return raspi_board.revision;
}

const char *ts_raspi_model(void)
{
	return raspi_board.model;
}

/* For led.c: the board type, or -1 when unknown. */
int raspi_board_type(void)
{
	uint32_t rev = raspi_board.revision;

	return rev & REV_NEW_STYLE ? (int)REV_TYPE(rev) : -1;
}
