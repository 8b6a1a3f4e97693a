/* 8254 PIT: channel 2 as a polled reference clock, channel 0 stopped. */
#include <ts/arch/x86.h>
#include <ts/timer/i8254.h>

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
/* Port B of the PC's system control: channel 2's gate. */
#define PORT_B		0x61
#define PORT_B_GATE2	0x01
#define PORT_B_SPEAKER	0x02

/* Control words: channel, access low then high byte, mode 0 (count down
 * once; the output rises at zero and the count wraps on). */
#define MODE_CH0_ONESHOT	0x30
#define MODE_CH2_ONESHOT	0xb0
#define LATCH_CH2		0x80

void ts_i8254_stop_tick(void)
{
	/* Some PITs go on in their old mode until a count is written:
	 * 0 means 65536, one last tick 55 ms from now. */
	outb(PIT_MODE, MODE_CH0_ONESHOT);
	outb(PIT_CH0, 0);
	outb(PIT_CH0, 0);
}

void ts_i8254_counter_start(void)
{
	/* Channel 2 counts only with its gate open. Machines without port
	 * B (QEMU's microvm) ignore the write; their PIT counts anyway. */
	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	outb(PIT_MODE, MODE_CH2_ONESHOT);
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
}

uint16_t ts_i8254_counter_read(void)
{
	uint8_t lo, hi;

	/* Latched, so that the two bytes belong to the same count. */
	outb(PIT_MODE, LATCH_CH2);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return (uint16_t)(hi << 8 | lo);
}

void ts_i8254_counter_stop(void)
{
	outb(PORT_B, inb(PORT_B) & ~(PORT_B_GATE2 | PORT_B_SPEAKER));
}
