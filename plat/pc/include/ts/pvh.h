/* x86/HVM direct boot ABI (PVH): the start-of-day information. */
#ifndef KVM_PVH_H
#define KVM_PVH_H

#include <stdint.h>

#define HVM_START_MAGIC 0x336ec578 /* "xEn3" with the high bit of 'E' set */

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;	/* 0, or 1 with the memory map */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;	/* hvm_modlist_entry[nr_modules] */
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	/* version >= 1 */
	uint64_t memmap_paddr;	/* struct hvm_memmap_table_entry[] */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_table_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;		/* e820 type */
	uint32_t reserved;
};

#endif
