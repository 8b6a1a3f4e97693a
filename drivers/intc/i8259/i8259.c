/* 8259A PIC pair: remap and mask. */
#include <ts/arch/x86.h>
#include <ts/intc/i8259.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define ICW1_ICW4	0x01	/* ICW4 follows */
#define ICW1_INIT	0x10
#define ICW3_MASTER	0x04	/* the slave hangs on IRQ 2 */
#define ICW3_SLAVE	0x02	/* its cascade identity */
#define ICW4_8086	0x01

/* Old PICs need a moment between initialisation words; a write to the
 * unused port 0x80 (POST codes) takes about 1 us. */
static void io_delay(void)
{
	outb(0x80, 0);
}

static void wr(unsigned int port, unsigned int v)
{
	outb(port, v);
	io_delay();
}

void ts_i8259_disable(unsigned int vector_base)
{
	/* Masked first: nothing may be raised while the PICs are half
	 * programmed. The initialisation sequence itself clears the masks,
	 * so they are set again at the end. */
	wr(PIC1_DATA, 0xff);
	wr(PIC2_DATA, 0xff);

	wr(PIC1_CMD, ICW1_INIT | ICW1_ICW4);
	wr(PIC2_CMD, ICW1_INIT | ICW1_ICW4);
	wr(PIC1_DATA, vector_base & 0xf8);		/* ICW2: IRQ 0-7 */
	wr(PIC2_DATA, (vector_base + 8) & 0xf8);	/* ICW2: IRQ 8-15 */
	wr(PIC1_DATA, ICW3_MASTER);
	wr(PIC2_DATA, ICW3_SLAVE);
	wr(PIC1_DATA, ICW4_8086);
	wr(PIC2_DATA, ICW4_8086);

	wr(PIC1_DATA, 0xff);
	wr(PIC2_DATA, 0xff);
}
