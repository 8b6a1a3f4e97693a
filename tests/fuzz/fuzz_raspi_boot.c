/* libFuzzer target for what the Raspberry Pi firmware tells the image:
 * the answers to every mailbox property tag the tree asks for
 * (drivers/bcm2835/mbox/property.c and tags.c), the memory table and
 * command line built from them or from the firmware's device tree
 * (plat/raspi/memory.c, cmdline.c).
 *
 * Input: one byte of mode (bit 0: the rest starts with a device tree
 * whose size is its header's totalsize), then the firmware's answers:
 * each mailbox call takes a 2-byte length L and L bytes, which overwrite
 * the request from its second word on (code, tag, sizes, value), as the
 * firmware writes its answer over the message. ts_bcm2835_mbox_call()
 * is this harness (mbox.c is the device). Beyond the sanitizers: no tag
 * helper reports success with a value the answer did not hold; the
 * command line is refused, never cut, when the firmware's line does not
 * fit; the memory table holds whole pages of free RAM that overlap
 * neither each other, the image, page 0 nor the tree. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <ts/bcm2835/mbox.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include "fuzz_common.h"
#include "raspi.h"
#include "tsh.h"

FUZZ_IMAGE_SYMBOLS;

void tsh_raspi_memory_init(const struct ts_fdt *fdt);
void tsh_raspi_cmdline_init(const struct ts_fdt *fdt);

/* board.c's facts, as a Pi 3 has them. */
struct raspi_board tsh_raspi_board;

static const uint8_t *in, *in_end;
/* The command line's length as the firmware's last answer gave it. */
static long fw_cmdline_len = -1;

int tsh_ts_bcm2835_mbox_call(uint32_t tag, uint32_t *val,
			     unsigned int in_words, unsigned int buf_words)
{
	static uint32_t msg[TS_MBOX_MAX_WORDS];
	size_t words = tsh_ts_bcm2835_mbox_build(msg, TS_MBOX_MAX_WORDS, tag,
						 val, in_words, buf_words);
	size_t len, room;
	int rc;

	if (!words)
		return -EINVAL;
	if (in_end - in < 2)
		return -ETIMEDOUT;	/* a firmware that does not answer */
	len = (size_t)in[0] | (size_t)in[1] << 8;
	in += 2;
	room = (words - 1) * 4;
	if (len > room)
		len = room;
	if (len > (size_t)(in_end - in))
		len = (size_t)(in_end - in);
	memcpy((uint8_t *)msg + 4, in, len);
	in += len;
	rc = tsh_ts_bcm2835_mbox_parse(msg, words, tag, val, buf_words);
	if (tag == TS_MBOX_TAG_COMMAND_LINE)
		fw_cmdline_len = rc;
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[300];
	struct ts_fdt fdt;
	const struct ts_fdt *tree = NULL;
	const char *line, *why;
	uint8_t *copy;
	uint32_t a, b;
	int rc;

	if (size < 1)
		return 0;
	/* malloc's alignment for the tree, and ASan's eye on its end. */
	copy = malloc(size - 1);
	memcpy(copy, data + 1, size - 1);
	in = copy;
	in_end = copy + size - 1;
	fw_cmdline_len = -1;
	if ((data[0] & 1) && size >= 9) {
		uint32_t total = (uint32_t)in[4] << 24 | (uint32_t)in[5] << 16 |
				 (uint32_t)in[6] << 8 | in[7];

		if (total <= (size_t)(in_end - in) &&
		    !tsh_ts_fdt_open(&fdt, in, total, &why)) {
			tree = &fdt;
			in += total;
		}
	}
	tsh_raspi_board = (struct raspi_board){ 0 };
	tsh_raspi_board.periph = 0x3f000000;
	tsh_raspi_board.periph_size = 0x1000000;
	tsh_raspi_board.local = 0x40000000;
	tsh_raspi_board.local_size = 0x40000;

	rc = tsh_ts_bcm2835_mbox_board_revision(&a);
	CHECK(rc <= 0);
	fuzz_boot_reset();
	tsh_raspi_memory_init(tree);
	fuzz_check_memory_table(tree ? (uintptr_t)tree->blob : 0,
				tree ? tree->size : 0);
	fuzz_check_initrd();

	tsh_ts_plat_cmdline_set(NULL);
	tsh_raspi_cmdline_init(tree);
	line = tsh_ts_plat_cmdline(&why);
	CHECK(!line != !why);
	if (line)
		CHECK(strlen(line) < TS_CMDLINE_MAX);
	/* The firmware's line did not fit: never a part of it. */
	if (!tree && fw_cmdline_len >= TS_CMDLINE_MAX)
		CHECK(!line);

	rc = tsh_ts_bcm2835_mbox_clock_rate(TS_MBOX_CLOCK_UART, &a);
	CHECK(rc <= 0);
	rc = tsh_ts_bcm2835_mbox_arm_memory(&a, &b);
	CHECK(rc <= 0);
	memset(buf, 'x', sizeof(buf));
	fw_cmdline_len = -1;
	rc = tsh_ts_bcm2835_mbox_command_line(buf, sizeof(buf));
	CHECK(rc <= 0);
	if (!rc) {
		CHECK(fw_cmdline_len >= 0 &&
		      (size_t)fw_cmdline_len < sizeof(buf));
		CHECK(strlen(buf) == (size_t)fw_cmdline_len);
	}
	(void)tsh_ts_bcm2835_mbox_set_gpio(TS_MBOX_EXPANDER_GPIO(2), 1);
	free(copy);
	return 0;
}
