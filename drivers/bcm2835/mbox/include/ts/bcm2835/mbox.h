/* The Raspberry Pi firmware's mailbox property interface (channel 8):
 * the ARM asks the VideoCore firmware for board facts and services.
 * A message is a buffer of 32-bit words: total size, request/response
 * code, then tags of { id, value buffer size, request/response length,
 * value buffer } and an end tag. The firmware overwrites the value
 * buffer with its answer and sets bit 31 of the tag's length word. */
#ifndef TS_BCM2835_MBOX_H
#define TS_BCM2835_MBOX_H

#include <stddef.h>
#include <stdint.h>

/* Tags this tree uses (firmware wiki, "Mailbox property interface"). */
#define TS_MBOX_TAG_BOARD_REVISION	0x00010002
#define TS_MBOX_TAG_ARM_MEMORY		0x00010005
#define TS_MBOX_TAG_CLOCK_RATE		0x00030002
#define TS_MBOX_TAG_COMMAND_LINE	0x00050001
#define TS_MBOX_TAG_SET_GPIO_STATE	0x00038041

/* Clock ids of TS_MBOX_TAG_CLOCK_RATE. */
#define TS_MBOX_CLOCK_UART	2	/* PL011's UARTCLK */
#define TS_MBOX_CLOCK_ARM	3
#define TS_MBOX_CLOCK_CORE	4	/* VPU core: the mini UART's clock */

/* The firmware's GPIO expander lines are numbered from 128 in the GPIO
 * tags (Pi 3B: the activity LED is line 2, i.e. 130). */
#define TS_MBOX_EXPANDER_GPIO(n)	(128 + (n))

/* Words of the largest message ts_bcm2835_mbox_call() sends: room for
 * a command line of 4095 bytes (the kernel's limit) and more. */
#define TS_MBOX_MAX_WORDS	1032

/* Pure helpers, also used by the host unit tests.
 *
 * ts_bcm2835_mbox_build: write a request with one tag into msg (room for
 * cap words): in_words request words from in, a value buffer of
 * buf_words words (at least in_words: the answer's room). Returns the
 * message's length in words, or 0 if it does not fit or buf_words is
 * smaller than in_words.
 *
 * ts_bcm2835_mbox_parse: check the firmware's answer to such a message
 * (whole-buffer code "success", the same tag, its response bit) and
 * copy up to out_words words of the value to out. Returns the answer's
 * length in bytes as the firmware gave it (which may exceed what was
 * copied), or a negative errno: -EIO for an error code or a request the
 * firmware did not answer, -EPROTO for a malformed answer. */
size_t ts_bcm2835_mbox_build(uint32_t *msg, size_t cap, uint32_t tag,
			     const uint32_t *in, unsigned int in_words,
			     unsigned int buf_words);
int ts_bcm2835_mbox_parse(const uint32_t *msg, size_t msg_words,
			  uint32_t tag, uint32_t *out, unsigned int out_words);

/* The device. base is the mailbox block (peripherals + 0xb880).
 * Returns 0. */
int ts_bcm2835_mbox_init(uintptr_t base);

/* One request with one tag, as above, sent and waited for (bounded: one
 * second). val holds in_words request words and receives up to
 * buf_words answer words. Returns the answer's length in bytes, or a
 * negative errno: -ENODEV before init, -ETIMEDOUT when the firmware
 * does not answer, else as ts_bcm2835_mbox_parse(). */
int ts_bcm2835_mbox_call(uint32_t tag, uint32_t *val, unsigned int in_words,
			 unsigned int buf_words);

/* Helpers for single tags; 0 or a negative errno. */
int ts_bcm2835_mbox_board_revision(uint32_t *rev);
int ts_bcm2835_mbox_arm_memory(uint32_t *base, uint32_t *size);
int ts_bcm2835_mbox_clock_rate(uint32_t clock_id, uint32_t *hz);
/* The command line as the firmware has it (cmdline.txt with the
 * firmware's additions; QEMU: -append), NUL-terminated. -E2BIG when it
 * does not fit in size bytes or in the largest message (never a part of
 * it), -EPROTO when it holds a NUL. */
int ts_bcm2835_mbox_command_line(char *buf, size_t size);
/* Drive a firmware-owned GPIO (the expander) to state 0 or 1. */
int ts_bcm2835_mbox_set_gpio(uint32_t gpio, uint32_t state);

#endif
