/* Is the image in RAM? Asked by the 32-bit boot code before anything
 * touches .bss (ts_plat_x86_boot32_check, <ts/arch/boot.h>): the stacks
 * and boot page tables live there, and on a machine with too little RAM
 * writes to them vanish. That used to mean a reset without a word, or a
 * run with a lost command line. Here the loader's memory map (Multiboot
 * mmap or mem_upper, PVH memmap) gives the end of the RAM that holds
 * 1 MiB, where the image is loaded; if it ends before _ts_image_end, one
 * line on COM1 says how much is missing and the machine stops with the
 * crash status (under Xen the port write goes nowhere, and the vCPU
 * halts). A map this code cannot read is left to the C parsers,
 * which report it. 32-bit, paging off, a small stack and nothing else. */
#include <ts/arch/boot.h>

#define COM1		0x3f8
#define QEMU_DEBUG_EXIT_PORT 0xf4
#define EXIT_CRASH_VALUE 127	/* ts_plat_qemu_exit_value(TS_EXIT_CRASH) */

#define MB_INFO_MEMORY	(1 << 0)
#define MB_INFO_MMAP	(1 << 6)
#define MB_MEM_UPPER	8	/* offsets in struct multiboot_info */
#define MB_MMAP_LENGTH	44
#define MB_MMAP_ADDR	48
#define MAX_MMAP_BYTES	(64 * 1024)

#define HVM_START_MAGIC	0x336ec578
#define PVH_VERSION	4	/* offsets in struct hvm_start_info */
#define PVH_MEMMAP	0x28
#define PVH_MEMMAP_N	0x30
#define MAX_MEMMAP	1024

#define E820_RAM	1
#define ONE_MIB		0x100000

	.section .text.ts_boot32, "ax", @progbits
	.code32

	.globl ts_plat_x86_boot32_check
	.type ts_plat_x86_boot32_check, @function
/* %eax = proto, %edx = info, %ecx = Multiboot magic. %edi: the end of
 * the RAM from 1 MiB on found so far (1 MiB: none), %ebp: 1 once a
 * memory map was read. */
ts_plat_x86_boot32_check:
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushl	%ebp
	movl	%edx, %esi
	movl	$ONE_MIB, %edi
	xorl	%ebp, %ebp
	testl	%esi, %esi
	jz	done
	cmpl	$TS_X86_BOOT_MULTIBOOT, %eax
	je	multiboot
	cmpl	$TS_X86_BOOT_PVH, %eax
	je	pvh
	jmp	done

multiboot:
	cmpl	$TS_X86_MULTIBOOT_MAGIC, %ecx
	jne	done
	movl	(%esi), %ebx			/* flags */
	testl	$MB_INFO_MMAP, %ebx
	jz	mb_upper
	movl	MB_MMAP_ADDR(%esi), %edx
	movl	MB_MMAP_LENGTH(%esi), %ecx
	cmpl	$MAX_MMAP_BYTES, %ecx
	ja	done
	addl	%edx, %ecx			/* end of the map */
	jc	done
	movl	$1, %ebp
	/* Entries: size (not counting itself), base, length, type. Passes
	 * until the end stops growing: adjacent RAM entries in any order
	 * count as one range. */
0:	movl	MB_MMAP_ADDR(%esi), %edx
	movl	%edi, %ebx			/* the end before this pass */
1:	leal	24(%edx), %eax
	cmpl	%ecx, %eax
	ja	4f
	cmpl	$E820_RAM, 20(%edx)
	jne	2f
	pushl	16(%edx)
	pushl	12(%edx)
	pushl	8(%edx)
	pushl	4(%edx)
	call	consider
	addl	$16, %esp
2:	movl	(%edx), %eax
	cmpl	$20, %eax			/* broken: the C parser says so */
	jb	check
	leal	4(%edx, %eax), %edx
	jmp	1b
4:	cmpl	%ebx, %edi
	jne	0b
	jmp	check

mb_upper:
	testl	$MB_INFO_MEMORY, %ebx
	jz	done
	movl	$1, %ebp
	movl	MB_MEM_UPPER(%esi), %eax	/* KiB from 1 MiB on */
	cmpl	$((0xfffff000 - ONE_MIB) >> 10), %eax
	jbe	3f
	movl	$((0xfffff000 - ONE_MIB) >> 10), %eax
3:	shll	$10, %eax
	addl	$ONE_MIB, %eax
	movl	%eax, %edi
	jmp	check

pvh:
	cmpl	$HVM_START_MAGIC, (%esi)
	jne	done
	cmpl	$1, PVH_VERSION(%esi)		/* version 0 has no map */
	jb	done
	cmpl	$0, PVH_MEMMAP + 4(%esi)	/* map above 4 GiB */
	jne	done
	movl	PVH_MEMMAP(%esi), %edx
	movl	PVH_MEMMAP_N(%esi), %ecx
	cmpl	$MAX_MEMMAP, %ecx
	ja	done
	imull	$24, %ecx, %ecx
	addl	%edx, %ecx
	jc	done
	movl	$1, %ebp
	/* Entries: base, size (64 bits each), type, reserved; passes as
	 * for Multiboot. */
0:	movl	PVH_MEMMAP(%esi), %edx
	movl	%edi, %ebx
1:	cmpl	%ecx, %edx
	jae	4f
	cmpl	$E820_RAM, 16(%edx)
	jne	2f
	pushl	12(%edx)
	pushl	8(%edx)
	pushl	4(%edx)
	pushl	(%edx)
	call	consider
	addl	$16, %esp
2:	addl	$24, %edx
	jmp	1b
4:	cmpl	%ebx, %edi
	jne	0b

check:
	testl	%ebp, %ebp
	jz	done
	cmpl	$_ts_image_end, %edi
	jb	short
done:
	popl	%ebp
	popl	%edi
	popl	%esi
	popl	%ebx
	ret
	.size ts_plat_x86_boot32_check, . - ts_plat_x86_boot32_check

/* consider(base low, base high, length low, length high): raise %edi to
 * the end of this RAM range if it starts at or below %edi (RAM from
 * 1 MiB on up to %edi is known; an end at or above 4 GiB counts as
 * 4 GiB - 4 KiB). Keeps every register but %eax. */
consider:
	pushl	%edx
	cmpl	$0, 12(%esp)
	jne	9f
	cmpl	%edi, 8(%esp)
	ja	9f
	movl	8(%esp), %eax
	movl	20(%esp), %edx
	addl	16(%esp), %eax
	adcl	$0, %edx
	jnz	8f
	cmpl	$ONE_MIB, %eax
	jbe	9f
	jmp	7f
8:	movl	$0xfffff000, %eax
7:	cmpl	%edi, %eax
	jbe	9f
	movl	%eax, %edi
9:	popl	%edx
	ret

/* The one line, then the crash status to QEMU (isa-debug-exit), else a
 * halt. COM1 is written as the firmware left it (works on QEMU and most
 * PCs); the C console is not set up yet. */
short:
	movl	%edi, %ebx
	movl	$msg_needs, %esi
	call	puts
	movl	$_ts_image_end, %eax
	shrl	$10, %eax
	call	putdec
	movl	$msg_reported, %esi
	call	puts
	movl	%ebx, %eax
	shrl	$10, %eax
	call	putdec
	movl	$msg_give, %esi
	call	puts
	movl	$_ts_image_end, %eax
	subl	%ebx, %eax
	addl	$1023, %eax
	shrl	$10, %eax
	call	putdec
	movl	$msg_more, %esi
	call	puts
#if defined(CONFIG_PLAT_KVM_QEMU_EXIT) || defined(CONFIG_PLAT_XEN_QEMU_EXIT)
	movw	$QEMU_DEBUG_EXIT_PORT, %dx
	movl	$EXIT_CRASH_VALUE, %eax
	outl	%eax, %dx
#endif
1:	cli
	hlt
	jmp	1b

/* The string at %esi (at most 255 bytes: a broken one still ends). */
puts:
	movl	$255, %ecx
1:	lodsb
	testb	%al, %al
	jz	2f
	call	putc
	loop	1b
2:	ret

/* %eax in decimal, without leading zeros: no buffer is needed. */
putdec:
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%eax, %edi
	movl	$pow10, %esi
	xorl	%ebx, %ebx			/* nonzero once a digit was printed */
1:	movl	(%esi), %ecx
	cmpl	$1, %ecx
	je	3f
	movl	%edi, %eax
	xorl	%edx, %edx
	divl	%ecx
	movl	%edx, %edi
	orl	%eax, %ebx
	jz	2f
	addb	$'0', %al
	call	putc
2:	addl	$4, %esi
	jmp	1b
3:	movl	%edi, %eax
	addb	$'0', %al
	call	putc
	popl	%edi
	popl	%esi
	popl	%ebx
	ret

/* %al on COM1, once the transmitter is free (or after a while). */
putc:
	pushl	%ecx
	pushl	%edx
	pushl	%eax
	movw	$(COM1 + 5), %dx
	movl	$100000, %ecx
1:	inb	%dx, %al
	testb	$0x20, %al
	loopz	1b
	popl	%eax
	movw	$COM1, %dx
	outb	%al, %dx
	popl	%edx
	popl	%ecx
	ret

/* In the boot code's section, like the code: present whenever the code
 * running is. */
	.balign 4
pow10:
	.long 1000000000, 100000000, 10000000, 1000000, 100000, 10000
	.long 1000, 100, 10, 1
msg_needs:
	.ascii "\r\n*** "
	.ascii CONFIG_PLAT_NAME
	.asciz ": not enough memory: this image needs RAM up to "
msg_reported:
	.asciz " KiB, the loader reported RAM up to "
msg_give:
	.asciz " KiB: give the machine "
msg_more:
	.asciz " KiB more\r\n"

	.section .note.GNU-stack, "", @progbits
