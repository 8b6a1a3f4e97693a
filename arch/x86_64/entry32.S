/* 32-bit entries (Multiboot and PVH) up to the first C function.
 * Both loaders leave: protected mode, paging off, flat segments of a
 * GDT we must not rely on, interrupts off, no usable stack. We load our
 * own GDT, let the platform check that the image lies in RAM
 * (ts_plat_x86_boot32_check), zero .bss, identity-map the low 4 GiB
 * (the first GiB with 2 MiB pages, the rest with 1 GiB pages where the
 * CPU has them), turn on long mode and SSE (C code may use it), and call
 * ts_plat_x86_entry(proto, info) on the boot stack. */
#include <ts/arch/boot.h>

#define SEL_CODE32	0x08
#define SEL_CODE64	0x10
#define SEL_DATA	0x18

#define CR0_PE		(1 << 0)
#define CR0_MP		(1 << 1)
#define CR0_EM		(1 << 2)
#define CR0_TS		(1 << 3)
#define CR0_NE		(1 << 5)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_OSFXSR	(1 << 9)
#define CR4_OSXMMEXCPT	(1 << 10)
#define MSR_EFER	0xC0000080
#define EFER_LME	(1 << 8)
#define CPUID_LM	(1 << 29)
#define CPUID_PAGE1GB	(1 << 26)

#define PTE_P		0x001
#define PTE_W		0x002
#define PTE_PS		0x080

#define COM1		0x3f8

	.section .text.ts_boot32, "ax", @progbits
	.code32

	.globl _ts_multiboot_entry32
	.type _ts_multiboot_entry32, @function
_ts_multiboot_entry32:
	cli
	/* .data is loaded from the file and survives the .bss clearing;
	 * %edi keeps it for the memory check (.data may lie past RAM). */
	movl	%eax, ts_x86_boot_magic
	movl	%eax, %edi
	movl	%ebx, %esi
	movl	$TS_X86_BOOT_MULTIBOOT, %ebp
	jmp	boot32
	.size _ts_multiboot_entry32, . - _ts_multiboot_entry32

	.globl _ts_pvh_entry32
	.type _ts_pvh_entry32, @function
_ts_pvh_entry32:
	cli
	xorl	%edi, %edi
	movl	%ebx, %esi
	movl	$TS_X86_BOOT_PVH, %ebp
	jmp	boot32
	.size _ts_pvh_entry32, . - _ts_pvh_entry32

/* esi = boot information pointer, ebp = protocol; both kept to the end.
 * edi = Multiboot magic (0 for PVH), until the memory check. */
boot32:
	cld
	lgdt	boot_gdt_ptr
	ljmp	$SEL_CODE32, $1f
1:	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/* Before anything touches .bss (stacks, page tables): with too
	 * little RAM the platform says so and stops here. Its stack lies in
	 * this code's own page, the only memory known to be there. */
	movl	$boot32_scratch_top, %esp
	movl	%ebp, %eax
	movl	%esi, %edx
	movl	%edi, %ecx
	call	ts_plat_x86_boot32_check

	movl	$_ts_bss_start, %edi
	movl	$_ts_bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$CPUID_LM, %edx
	jz	no_long_mode

	/* Identity map of the first GiB: 512 2 MiB pages in one page
	 * directory (.bss is zero, so the high halves are already 0). Three
	 * pages of tables where four GiB of 2 MiB pages took six: the boot
	 * needs little more than the image and the loader's information. */
	movl	$boot_pd, %edi
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	movl	%eax, (%edi, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	2b
	movl	$(boot_pd + PTE_P + PTE_W), boot_pdpt + 0
	movl	$(boot_pdpt + PTE_P + PTE_W), boot_pml4
	movl	$0x40000000, ts_x86_boot_mapped_end
	/* 1-4 GiB with three 1 GiB pages, where the CPU has them (boot
	 * information a loader put that high stays readable). */
	testl	$CPUID_PAGE1GB, %edx
	jz	3f
	movl	$(0x40000000 + PTE_P + PTE_W + PTE_PS), boot_pdpt + 8
	movl	$(0x80000000 + PTE_P + PTE_W + PTE_PS), boot_pdpt + 16
	movl	$(0xC0000000 + PTE_P + PTE_W + PTE_PS), boot_pdpt + 24
	movl	$1, ts_x86_boot_mapped_end + 4
	movl	$0, ts_x86_boot_mapped_end
3:

	movl	%cr4, %eax
	orl	$(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~(CR0_EM | CR0_TS), %eax
	orl	$(CR0_PG | CR0_PE | CR0_MP | CR0_NE), %eax
	movl	%eax, %cr0
	ljmp	$SEL_CODE64, $long_mode

/* No console yet: write straight to COM1 (works on QEMU and most PCs
 * without programming the UART), then stop. */
no_long_mode:
	movl	$msg_no_long_mode, %esi
3:	lodsb
	testb	%al, %al
	jz	5f
	movb	%al, %bl
	movw	$(COM1 + 5), %dx
	movl	$100000, %ecx
4:	inb	%dx, %al
	testb	$0x20, %al
	loopz	4b
	movb	%bl, %al
	movw	$COM1, %dx
	outb	%al, %dx
	jmp	3b
5:	cli
	hlt
	jmp	5b

	.code64
long_mode:
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$_ts_boot_stack_top, %rsp
	movl	%ebp, %edi		/* proto */
	movl	%esi, %esi		/* info, zero-extended */
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	call	ts_plat_x86_entry
6:	cli
	hlt
	jmp	6b

	/* In the boot code's section, not .rodata: with too little RAM
	 * only the first pages of the image may be there, and the memory
	 * check runs after lgdt. */
	.section .text.ts_boot32, "ax", @progbits
	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: 32-bit code, flat */
	.quad 0x00af9a000000ffff	/* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x18: data, flat */
boot_gdt_end:
	.align 8
boot_gdt_ptr:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt
msg_no_long_mode:
	.asciz "\r\nTessera: this CPU has no 64-bit mode (x86_64); stopped.\r\n"

	.section .data.ts_boot32, "aw", @progbits
	.align 4
	.globl ts_x86_boot_magic
ts_x86_boot_magic:
	.long 0

	/* The platform's memory check runs on this, before .bss exists. */
	.section .text.ts_boot32, "ax", @progbits
	.balign 16
boot32_scratch:
	.skip 256
boot32_scratch_top:

	.section .ts_boot_pt, "aw", @nobits
	.align 4096
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4096

	.section .bss.ts_boot32, "aw", @nobits
	.align 8
	.globl ts_x86_boot_mapped_end
ts_x86_boot_mapped_end:
	.quad 0

/* Own section so that link.lds can place it page-aligned; the guard
 * page is unmapped by ts_arch_mmu_init(). */
	.section .ts_boot_stack, "aw", @nobits
	.align 4096
	.globl _ts_boot_stack_guard, _ts_boot_stack_bottom, _ts_boot_stack_top
_ts_boot_stack_guard:
	.skip 4096
_ts_boot_stack_bottom:
	.skip TS_X86_BOOT_STACK_SIZE
_ts_boot_stack_top:

	.section .note.GNU-stack, "", @progbits
