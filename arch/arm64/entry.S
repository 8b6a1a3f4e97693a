/* The way into the image, up to the first C function of the platform.
 *
 * The file starts with an arm64 Linux Image header (Documentation/arch/
 * arm64/booting.rst), so that QEMU's -kernel, Xen and U-Boot load it as
 * a kernel Image: at RAM base + text_offset, entered at its first byte
 * at EL2 or EL1 with the MMU off and x0 = device tree blob.
 *
 * Then: mask exceptions, park secondary CPUs, drop from EL3 (QEMU's
 * ELF kernels) or EL2 to EL1 (as the Raspberry Pi firmware leaves us
 * at EL2), enable FP/SIMD (all C code may use it), install the
 * vectors, zero .bss, set up the two stacks (code on SP_EL0, exceptions
 * on SP_EL1), turn the MMU on with the platform's boot map, and call
 * ts_plat_arm64_entry(dtb). */
#include <ts/arch/boot.h>
#include "internal.h"

/* Image header flags: little-endian, 4 KiB pages, and bit 3 clear: the
 * image is linked for one address (RAM base + text_offset), not
 * relocatable. */
#define IMAGE_FLAGS	0x2

/* SCR_EL3: non-secure below EL3, AArch64 at EL2, hvc enabled, RES1. */
#define SCR_EL3_VALUE	(0x30 | (1 << 0) | (1 << 8) | (1 << 10))
#define SPSR_EL2H_MASKED 0x3c9		/* EL2h, D, A, I, F masked */
#define HCR_EL2_RW	(1 << 31)	/* EL1 is AArch64 */
#define CPTR_EL2_RES1	0x33ff		/* TFP (bit 10) clear: no FP traps */
#define CNTHCTL_EL1PCTEN (1 << 0)	/* EL1 reads the physical counter */
#define CNTHCTL_EL1PCEN	(1 << 1)	/* and uses the physical timer */
#define ICC_SRE_SRE	(1 << 0)
#define ICC_SRE_ENABLE	(1 << 3)	/* EL1 may set its own SRE */
#define SPSR_EL1H_MASKED 0x3c5		/* EL1h, D, A, I, F masked */
#define CPACR_FPEN	(3 << 20)	/* FP/SIMD at EL1 and EL0 */

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .text.ts_image_header, "ax", @progbits
	.globl _ts_arm64_entry
	.type _ts_arm64_entry, @function
_ts_arm64_entry:
	b	boot			/* code0 */
	.long	0			/* code1 */
	.quad	_ts_arm64_text_offset	/* from the linker script */
	.quad	_ts_arm64_image_size	/* with .bss: what to reserve */
	.quad	IMAGE_FLAGS
	.quad	0, 0, 0			/* res2-res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE/COFF header */
	.size _ts_arm64_entry, . - _ts_arm64_entry

	.section .text.ts_boot, "ax", @progbits
boot:
	mrs	x20, cntvct_el0		/* the earliest timestamp */
	mov	x19, x0			/* device tree, kept to the end */
	msr	daifset, #0xf

	/* Only CPU 0 runs the kernel: loaders that start every CPU at
	 * the entry (an ELF on QEMU raspi, some firmware) get the others
	 * parked here until SMP support exists. */
	mrs	x1, mpidr_el1
	ldr	x2, =TS_ARM64_MPIDR_AFF_MASK
	tst	x1, x2
	b.ne	park

	/* The image is linked for one address. Loaded anywhere else it
	 * cannot run; nothing is known yet to report it on. */
	adr	x1, _ts_arm64_entry
	ldr	x2, =_ts_arm64_entry
	cmp	x1, x2
	b.ne	park

	mrs	x1, CurrentEL
	ubfx	x21, x1, #2, #2
	cmp	x21, #2
	b.eq	from_el2
	cmp	x21, #1
	b.eq	at_el1

	/* EL3: no firmware ran (QEMU starts an ELF kernel there, e.g. on
	 * its raspi boards). Become the non-secure EL2 a firmware would
	 * have left, or EL1 on a CPU without EL2. */
	mov	x0, #SCR_EL3_VALUE
	msr	scr_el3, x0
	msr	cptr_el3, xzr		/* no FP/SIMD traps to EL3 */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x1, x0, #24, #4		/* GIC system registers? */
	cbz	x1, 6f
	mrs	x1, icc_sre_el3
	orr	x1, x1, #ICC_SRE_SRE
	orr	x1, x1, #ICC_SRE_ENABLE
	msr	icc_sre_el3, x1
6:	ubfx	x0, x0, #8, #4		/* EL2 implemented? */
	cbz	x0, 7f
	mov	x0, #SPSR_EL2H_MASKED
	adr	x1, from_el2
	b	8f
7:	mov	x0, #SPSR_EL1H_MASKED
	adr	x1, at_el1
8:	msr	spsr_el3, x0
	msr	elr_el3, x1
	isb
	eret

from_el2:
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr	/* virtual counter = physical */
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	mrs	x0, midr_el1		/* EL1 reads these through EL2 */
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	/* No debug or PMU traps to EL2 (TDE would send a debugger's
	 * breakpoints there); EL1 keeps every PMU counter (HPMN = N). */
	mrs	x0, id_aa64dfr0_el1
	ubfx	x0, x0, #8, #4		/* PMUVer: 0 = no PMU */
	cbz	x0, 5f
	mrs	x0, pmcr_el0
	ubfx	x0, x0, #11, #5
5:	msr	mdcr_el2, x0
	/* A GICv3 CPU interface is used through system registers; EL2
	 * must allow EL1 to enable that. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4
	cbz	x0, 1f
	mrs	x0, icc_sre_el2
	orr	x0, x0, #ICC_SRE_SRE
	orr	x0, x0, #ICC_SRE_ENABLE
	msr	icc_sre_el2, x0
	isb
	msr	ich_hcr_el2, xzr
1:	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	adr	x0, at_el1
	msr	elr_el2, x0
	eret

at_el1:
	/* MMU and caches off, little-endian, no alignment checks: a
	 * known state whatever the loader left. */
	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	mov	x0, #CPACR_FPEN
	msr	cpacr_el1, x0
	adr_l	x0, ts_arm64_vectors
	msr	vbar_el1, x0
	isb

	/* Zero .bss (page-aligned by the linker script). With the MMU
	 * off the stores go to memory; then drop any cache lines a
	 * previous user of this memory left, which would otherwise hide
	 * the zeros once the caches are on. */
	adr_l	x0, _ts_bss_start
	adr_l	x1, _ts_bss_end
	mov	x2, x0
2:	cmp	x2, x1
	b.hs	3f
	stp	xzr, xzr, [x2], #16
	b	2b
3:	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2 of words */
	mov	x4, #4
	lsl	x4, x4, x3		/* smallest D-cache line, bytes */
	sub	x5, x4, #1
	bic	x2, x0, x5
4:	dc	ivac, x2
	add	x2, x2, x4
	cmp	x2, x1
	b.lo	4b
	dsb	sy

	/* Exceptions on their own stack (SP_EL1), everything else on
	 * SP_EL0: an overflow of the boot stack then still gets a working
	 * stack for its report. */
	msr	spsel, #1
	adr_l	x0, _ts_exc_stack_top
	mov	sp, x0
	msr	spsel, #0
	adr_l	x0, _ts_boot_stack_top
	mov	sp, x0

	adr_l	x0, ts_arm64_boot_ticks
	str	x20, [x0]
	adr_l	x0, ts_arm64_boot_el
	str	x21, [x0]

	mov	x29, xzr		/* end of the frame-record chain */
	mov	x30, xzr
	bl	arm64_mmu_boot
	mov	x22, x0
	bl	arm64_tcr_value
	mov	x1, x0
	mov	x0, x22
	bl	arm64_mmu_load

	mov	x0, x19
	mov	x29, xzr
	mov	x30, xzr
	bl	ts_plat_arm64_entry
park:
	wfe
	b	park
	.ltorg

	.section .bss.ts_boot_data, "aw", @nobits
	.align 3
	.globl ts_arm64_boot_ticks, ts_arm64_boot_el
ts_arm64_boot_ticks:
	.skip 8
ts_arm64_boot_el:
	.skip 8

/* Own section so that the linker script can place it page-aligned; the
 * guard pages are left unmapped by ts_arch_mmu_init(). */
	.section .bss.ts_boot_stack, "aw", @nobits
	.align 12
	.globl _ts_boot_stack_guard, _ts_boot_stack_bottom, _ts_boot_stack_top
	.globl _ts_exc_stack_guard, _ts_exc_stack_bottom, _ts_exc_stack_top
_ts_boot_stack_guard:
	.skip 4096
_ts_boot_stack_bottom:
	.skip TS_ARM64_BOOT_STACK_SIZE
_ts_boot_stack_top:
_ts_exc_stack_guard:
	.skip 4096
_ts_exc_stack_bottom:
	.skip TS_ARM64_EXC_STACK_SIZE
_ts_exc_stack_top:

	.section .note.GNU-stack, "", @progbits
