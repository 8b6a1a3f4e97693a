/* Multiboot 1 boot information: memory map, command line, modules. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/plat/console.h>
#include <ts/pc.h>
#include "kvm.h"
#include "multiboot.h"

#define MAX_MODULES	64
#define MAX_MMAP_BYTES	(64 * 1024)

static void parse_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *mod = NULL;
	uint32_t i;

	if (mbi->mods_count == 0)
		return;
	if (mbi->mods_count <= MAX_MODULES)
		mod = ts_pc_boot_ptr(mbi->mods_addr,
				   (uint64_t)mbi->mods_count * sizeof(*mod));
	if (!mod) {
		ts_printk("kvm: Multiboot module list (%u entries at %#x) is "
			  "implausible; ignored\n", mbi->mods_count,
			  mbi->mods_addr);
		return;
	}
	for (i = 0; i < mbi->mods_count; i++) {
		if (mod[i].mod_end < mod[i].mod_start) {
			ts_printk("kvm: Multiboot module %u ends (%#x) before "
				  "it starts (%#x); ignored\n", i,
				  mod[i].mod_end, mod[i].mod_start);
			continue;
		}
		ts_pc_boot_module(i, mod[i].mod_start, mod[i].mod_end,
				"Multiboot module");
	}
}

static void parse_mmap(const struct multiboot_info *mbi)
{
	const uint8_t *map = NULL;
	uint64_t p = 0, end = mbi->mmap_length;

	if (mbi->mmap_length <= MAX_MMAP_BYTES)
		map = ts_pc_boot_ptr(mbi->mmap_addr, mbi->mmap_length);
	if (!map) {
		ts_printk("kvm: Multiboot memory map (%u bytes at %#x) is "
			  "implausible; ignored\n", mbi->mmap_length,
			  mbi->mmap_addr);
		return;
	}
	while (p < end) {
		const struct multiboot_mmap_entry *e =
			(const struct multiboot_mmap_entry *)(map + p);

		if (end - p < sizeof(*e) || e->size < sizeof(*e) - 4 ||
		    e->size > end - p - 4) {
			ts_printk("kvm: Multiboot memory map entry at %#lx is "
				  "broken (size %u); rest of the map "
				  "ignored\n",
				  (unsigned long)(mbi->mmap_addr + p),
				  end - p >= 4 ? e->size : 0);
			return;
		}
		ts_pc_mem_add_e820(e->addr, e->len, e->type);
		p += (uint64_t)e->size + 4;
	}
}

void kvm_multiboot_parse(uint32_t magic, uint64_t info)
{
	const struct multiboot_info *mbi = ts_pc_boot_ptr(info, sizeof(*mbi));

	if (magic != TS_X86_MULTIBOOT_MAGIC) {
		ts_printk("kvm: entered through the Multiboot entry with "
			  "eax=%#x, not %#x: the loader is not a Multiboot "
			  "loader. No memory map and no command line.\n",
			  magic, TS_X86_MULTIBOOT_MAGIC);
		ts_pc_mem_done();
		return;
	}
	if (!mbi) {
		ts_printk("kvm: Multiboot information pointer %#lx is "
			  "invalid. No memory map and no command line.\n",
			  (unsigned long)info);
		ts_pc_mem_done();
		return;
	}

	/* Modules first: RAM added afterwards excludes them. */
	if (mbi->flags & MB_INFO_MODS)
		parse_modules(mbi);

	if (mbi->flags & MB_INFO_MMAP) {
		parse_mmap(mbi);
	} else if (mbi->flags & MB_INFO_MEMORY) {
		ts_pc_mem_add_e820(0, (uint64_t)mbi->mem_lower * 1024, 1);
		ts_pc_mem_add_e820(1ULL << 20, (uint64_t)mbi->mem_upper * 1024,
				 1);
	}
	ts_pc_mem_done();
	/* After the map, which tells whether it is in memory at all.
	 * Multiboot loaders (QEMU, GRUB, iPXE) start the command line with
	 * the image's file name; PVH passes only the arguments. Drop the
	 * name so that both give the same command line. */
	if (mbi->flags & MB_INFO_CMDLINE)
		ts_pc_cmdline_from(mbi->cmdline, "Multiboot", 1);
}
