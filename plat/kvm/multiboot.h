/* Multiboot 1 boot information, as a Multiboot loader passes it. */
#ifndef KVM_MULTIBOOT_H
#define KVM_MULTIBOOT_H

#include <stdint.h>

#define MB_INFO_MEMORY	(1U << 0)	/* mem_lower, mem_upper */
#define MB_INFO_CMDLINE	(1U << 2)
#define MB_INFO_MODS	(1U << 3)
#define MB_INFO_MMAP	(1U << 6)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;	/* KiB from 0 */
	uint32_t mem_upper;	/* KiB from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;	/* bytes */
	uint32_t mmap_addr;
} __attribute__((packed));

/* size does not count itself: the next entry is at +size+4. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;		/* e820 type: 1 = RAM */
} __attribute__((packed));

struct multiboot_module {
	uint32_t mod_start;
	uint32_t mod_end;
	uint32_t string;
	uint32_t reserved;
} __attribute__((packed));

#endif
