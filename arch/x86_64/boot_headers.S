/* The way into the image every x86_64 platform has, read by the loader
 * from the file: a PVH ELF note (Xen, XEN_ELFNOTE_PHYS32_ENTRY) in a
 * PT_NOTE segment, the 32-bit physical entry for the x86/HVM direct boot
 * ABI (Xen's PVH domains, QEMU's -kernel, ...). kvm adds a Multiboot 1
 * header of its own (plat/kvm/multiboot_header.S). */

#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .note.ts.pvh, "a", @note
	.align 4
	.long 2f - 1f			/* namesz */
	.long 4f - 3f			/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz "Xen"
2:	.align 4
	/* 8 bytes: a loader reading 4 or 8 finds the same value. */
3:	.quad _ts_pvh_entry32
4:	.align 4

	.section .note.GNU-stack, "", @progbits
