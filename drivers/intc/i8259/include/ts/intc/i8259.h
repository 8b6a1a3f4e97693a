/* The legacy PC interrupt controllers (two cascaded 8259A), only to be
 * put out of the way. */
#ifndef TS_INTC_I8259_H
#define TS_INTC_I8259_H

/* Reinitialise both PICs to deliver IRQ 0-15 at vector_base..+15
 * (vector_base a multiple of 8: the PIC ignores the low bits) and mask
 * every line. A firmware's PIC delivers at vectors 8-15, the CPU's
 * exception vectors, so even a spurious IRQ 7 would look like a double
 * fault: after this it lands on vector_base + 7. */
void ts_i8259_disable(unsigned int vector_base);

#endif
