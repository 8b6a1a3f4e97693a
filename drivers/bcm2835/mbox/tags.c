/* The property tags this tree asks the firmware for: each one message
 * through ts_bcm2835_mbox_call() and a check of the answer. No device
 * access here: the fuzzer (tests/fuzz/fuzz_raspi_boot.c) answers the
 * calls itself. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/bcm2835/mbox.h>

int ts_bcm2835_mbox_board_revision(uint32_t *rev)
{
	uint32_t v[1] = { 0 };
	int rc = ts_bcm2835_mbox_call(TS_MBOX_TAG_BOARD_REVISION, v, 0, 1);

	if (rc < 0)
		return rc;
	*rev = v[0];
	return 0;
}

int ts_bcm2835_mbox_arm_memory(uint32_t *base, uint32_t *size)
{
	uint32_t v[2] = { 0, 0 };
	int rc = ts_bcm2835_mbox_call(TS_MBOX_TAG_ARM_MEMORY, v, 0, 2);

	if (rc < 0)
		return rc;
	if (rc < 8)
		return -EPROTO;
	*base = v[0];
	*size = v[1];
	return 0;
}

int ts_bcm2835_mbox_clock_rate(uint32_t clock_id, uint32_t *hz)
{
	uint32_t v[2] = { clock_id, 0 };
	int rc = ts_bcm2835_mbox_call(TS_MBOX_TAG_CLOCK_RATE, v, 1, 2);

	if (rc < 0)
		return rc;
	if (rc < 8 || v[0] != clock_id)
		return -EPROTO;
	*hz = v[1];
	return 0;
}

int ts_bcm2835_mbox_command_line(char *buf, size_t size)
{
	/* The firmware writes no NUL. Asked with too small a buffer, it
	 * cuts the line (the firmware) or writes nothing (QEMU) and gives
	 * the whole line's length: never keep a part. */
	static uint32_t v[TS_MBOX_MAX_WORDS - 6];
	size_t n;
	int rc;

	if (!size)
		return -EINVAL;
	memset(v, 0, sizeof(v));
	rc = ts_bcm2835_mbox_call(TS_MBOX_TAG_COMMAND_LINE, v, 0,
				  sizeof(v) / 4);
	if (rc < 0)
		return rc;
	n = (size_t)rc;
	if (n >= sizeof(v) || n > size - 1)
		return -E2BIG;
	/* A NUL inside would drop the rest of the line unseen. */
	if (memchr(v, '\0', n))
		return -EPROTO;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return 0;
}

int ts_bcm2835_mbox_set_gpio(uint32_t gpio, uint32_t state)
{
	uint32_t v[2] = { gpio, state };
	int rc = ts_bcm2835_mbox_call(TS_MBOX_TAG_SET_GPIO_STATE, v, 2, 2);

	/* What the answer's value holds differs between firmware versions
	 * (QEMU: one status word); Linux, too, trusts the tag's response
	 * bit alone. */
	return rc < 0 ? rc : 0;
}
