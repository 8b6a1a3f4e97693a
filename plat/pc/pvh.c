/* PVH start info (x86/HVM direct boot ABI): memory map, command line,
 * modules. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/pc.h>
#include <ts/pvh.h>

#define MAX_MODULES	64
#define MAX_MEMMAP	1024
#define E820_RAM	1

/* The start info's memory map, or NULL when it has none to read. */
static const struct hvm_memmap_table_entry *memmap(const struct hvm_start_info *si)
{
	if (si->version < 1 || si->memmap_entries == 0 ||
	    si->memmap_entries > MAX_MEMMAP)
		return NULL;
	return ts_pc_boot_ptr(si->memmap_paddr, (uint64_t)si->memmap_entries *
			      sizeof(struct hvm_memmap_table_entry));
}

/* Does [start, end) lie in one RAM entry of the memory map? 1 when
 * there is no map to ask (its absence is reported on its own). */
static int in_ram(const struct hvm_start_info *si, uint64_t start,
		  uint64_t end)
{
	const struct hvm_memmap_table_entry *e = memmap(si);
	uint32_t i;

	if (!e)
		return 1;
	for (i = 0; i < si->memmap_entries; i++)
		if (e[i].type == E820_RAM && start >= e[i].addr &&
		    e[i].addr + e[i].size >= e[i].addr &&
		    end <= e[i].addr + e[i].size)
			return 1;
	return 0;
}

static void parse_modules(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *mod = NULL;
	uint32_t i;

	if (si->nr_modules == 0)
		return;
	if (si->nr_modules <= MAX_MODULES)
		mod = ts_pc_boot_ptr(si->modlist_paddr,
				   (uint64_t)si->nr_modules * sizeof(*mod));
	if (!mod) {
		ts_printk(PC_NAME ": PVH module list (%u entries at %#lx) is "
			  "implausible; ignored\n", si->nr_modules,
			  (unsigned long)si->modlist_paddr);
		return;
	}
	for (i = 0; i < si->nr_modules; i++) {
		if (mod[i].paddr + mod[i].size < mod[i].paddr) {
			ts_printk(PC_NAME ": PVH module %u (%#lx+%#lx) wraps "
				  "around; ignored\n", i,
				  (unsigned long)mod[i].paddr,
				  (unsigned long)mod[i].size);
			continue;
		}
		/* Past the RAM the loader reported, the bytes are not
		 * what it loaded (or nothing at all). */
		if (!in_ram(si, mod[i].paddr, mod[i].paddr + mod[i].size)) {
			ts_printk(PC_NAME ": PVH module %u (%#lx+%#lx) lies "
				  "outside the memory map; ignored\n", i,
				  (unsigned long)mod[i].paddr,
				  (unsigned long)mod[i].size);
			continue;
		}
		ts_pc_boot_module(i, mod[i].paddr, mod[i].paddr + mod[i].size,
				  "PVH module");
	}
}

static void parse_memmap(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *e = NULL;
	uint32_t i;

	if (si->memmap_entries != 0 && si->memmap_entries <= MAX_MEMMAP)
		e = ts_pc_boot_ptr(si->memmap_paddr,
				 (uint64_t)si->memmap_entries * sizeof(*e));
	if (!e) {
		ts_printk(PC_NAME ": PVH memory map (%u entries at %#lx) is "
			  "implausible; ignored\n", si->memmap_entries,
			  (unsigned long)si->memmap_paddr);
		return;
	}
	for (i = 0; i < si->memmap_entries; i++)
		ts_pc_mem_add_e820(e[i].addr, e[i].size, e[i].type);
}

int ts_pc_pvh_parse(uint64_t info)
{
	const struct hvm_start_info *si = ts_pc_boot_ptr(info, sizeof(*si));

	if (!si) {
		ts_printk(PC_NAME ": PVH start info pointer %#lx is invalid. No "
			  "memory map and no command line.\n",
			  (unsigned long)info);
		ts_pc_mem_done();
		return -1;
	}
	if (si->magic != HVM_START_MAGIC) {
		ts_printk(PC_NAME ": PVH start info at %#lx has magic %#x, not "
			  "%#x. No memory map and no command line.\n",
			  (unsigned long)info,
			  si->magic, HVM_START_MAGIC);
		ts_pc_mem_done();
		return -1;
	}

	parse_modules(si);
	if (si->version >= 1)
		parse_memmap(si);
	else
		ts_printk(PC_NAME ": PVH start info version 0 has no memory "
			  "map\n");
	ts_pc_mem_done();
	/* After the map, which tells whether it is in memory at all. */
	ts_pc_cmdline_from(si->cmdline_paddr, "PVH", 0);
	return 0;
}
