/* kvm's Multiboot 1 header, read by the loader from the file, with the
 * a.out kludge (flag 16): loaders refuse ELF64 for Multiboot otherwise.
 * The image is a linear copy of memory from _ts_image_start on
 * (plat/pc/mkimage.sh checks this), so the address fields describe the
 * file too. It must lie in the first 8 KiB (plat/pc/link.lds puts
 * .multiboot first). xen-x86_64 has none: it boots through PVH only. */

#define MB_MAGIC	0x1BADB002
#define MB_PAGE_ALIGN	(1 << 0)	/* boot modules page-aligned */
#define MB_MEMORY_INFO	(1 << 1)	/* we want mem_* and mmap_* */
#define MB_AOUT_KLUDGE	(1 << 16)	/* use the address fields below */
#define MB_FLAGS	(MB_PAGE_ALIGN | MB_MEMORY_INFO | MB_AOUT_KLUDGE)

	.section .multiboot, "a", @progbits
	.align 4
_ts_multiboot_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long _ts_multiboot_header	/* header_addr */
	.long _ts_image_start		/* load_addr */
	.long _ts_load_end		/* load_end_addr: end of .data */
	.long _ts_image_end		/* bss_end_addr */
	.long _ts_multiboot_entry32	/* entry_addr */

	.section .note.GNU-stack, "", @progbits
