/* Where cores 1-3 wait once released from the firmware's spin table
 * (cores.c): interrupts masked, in wfi, with the MMU off at whatever EL
 * the firmware left them (EL2). A wfi core draws less than the
 * firmware's wfe loop, and under QEMU it really sleeps (QEMU's wfe
 * spins). Position-independent: it runs at its load address. */
	.section .text.raspi_park, "ax", @progbits
	.globl raspi_park_core
	.type raspi_park_core, @function
raspi_park_core:
	msr	daifset, #0xf
1:	wfi
	b	1b
	.size raspi_park_core, . - raspi_park_core

	.section .note.GNU-stack, "", @progbits
