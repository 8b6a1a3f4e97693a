/* Turns the loader's e820-style memory map into the platform memory
 * table: free RAM with page 0, the image and boot modules cut out. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/plat/memory.h>
#include <ts/plat/power.h>
#include <ts/arch/boot.h>
#include <ts/pc.h>

#define PAGE_SIZE	4096ULL
#define PHYS_LIMIT	(1ULL << 52)	/* architectural maximum */

#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
#define E820_NVS	4
#define E820_UNUSABLE	5
#define E820_PMEM	7

#define MAX_EXCLUDED	16
#define MAX_RESERVED	16
#define MAX_RAM		16

struct range {
	uint64_t start, end;
	uint32_t type;
};

static struct ts_memrange excluded[MAX_EXCLUDED];
static int nexcluded;
/* Non-RAM ranges are added after all RAM, so that a long firmware map
 * cannot fill the table before the RAM is in it. */
static struct range reserved[MAX_RESERVED];
static int nreserved, reserved_dropped;
/* The RAM entries as the loader gave them (before anything was cut out),
 * to check where the loader's own information lies. */
static struct range ram[MAX_RAM];
static int nram, image_in_ram;
static uint64_t image_start, image_end;

static void exclude(uint64_t start, uint64_t end)
{
	if (nexcluded == MAX_EXCLUDED) {
		ts_printk(PC_NAME ": more than %d boot modules; %#lx-%#lx may be "
			  "overwritten\n", MAX_EXCLUDED - 2,
			  (unsigned long)start, (unsigned long)end);
		return;
	}
	excluded[nexcluded].start = start;
	excluded[nexcluded].end = end;
	nexcluded++;
}

void ts_pc_mem_init(void)
{
	nexcluded = nreserved = reserved_dropped = nram = image_in_ram = 0;
	image_start = (uintptr_t)_ts_image_start;
	image_end = ((uintptr_t)_ts_image_end + PAGE_SIZE - 1) &
		    ~(PAGE_SIZE - 1);
	exclude(0, PAGE_SIZE); /* never mapped: NULL dereferences fault */
	exclude(image_start, image_end);
	ts_plat_memregion_add(image_start, image_end - image_start,
			      TS_MEMR_IMAGE, "image");
}

void ts_pc_mem_reserve_module(uint64_t start, uint64_t end, const char *name)
{
	start &= ~(PAGE_SIZE - 1);
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (end <= start)
		return;
	exclude(start, end);
	ts_plat_memregion_add(start, end - start, TS_MEMR_RESERVED, name);
}

/* The earlier entry [start, end) overlaps, or NULL (of those kept: the
 * first MAX_RAM RAM and MAX_RESERVED other entries). */
static const struct range *overlapping(uint64_t start, uint64_t end)
{
	int i;

	for (i = 0; i < nram && i < MAX_RAM; i++)
		if (ram[i].start < end && start < ram[i].end)
			return &ram[i];
	for (i = 0; i < nreserved; i++)
		if (reserved[i].start < end && start < reserved[i].end)
			return &reserved[i];
	return NULL;
}

void ts_pc_mem_add_e820(uint64_t base, uint64_t len, uint32_t type)
{
	uint64_t end = base + len;

	const struct range *o;

	if (len == 0) {
		ts_printk(PC_NAME ": memory map entry %#lx+0 (type %u) has "
			  "size 0; ignored\n", (unsigned long)base, type);
		return;
	}
	if (end < base || end > PHYS_LIMIT) {
		ts_printk(PC_NAME ": memory map entry %#lx+%#lx (type %u) lies "
			  "beyond the physical address space; ignored\n",
			  (unsigned long)base, (unsigned long)len, type);
		return;
	}
	/* A map that gives the same memory twice says two things of it:
	 * the first is kept, so that RAM is never counted twice and a
	 * reserved range never turns into RAM (nor the reverse) because a
	 * later entry said so. */
	o = overlapping(base, end);
	if (o) {
		ts_printk(PC_NAME ": memory map entry %#lx+%#lx (type %u) "
			  "overlaps %#lx+%#lx (type %u); ignored\n",
			  (unsigned long)base, (unsigned long)len, type,
			  (unsigned long)o->start,
			  (unsigned long)(o->end - o->start), o->type);
		return;
	}
	if (type == E820_RAM) {
		uint64_t s = (base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		uint64_t e = end & ~(PAGE_SIZE - 1);

		if (nram < MAX_RAM) {
			ram[nram].start = base;
			ram[nram].end = end;
			ram[nram].type = type;
		}
		nram++;
		if (image_start >= base && image_end <= end)
			image_in_ram = 1;
		if (e > s)
			ts_plat_memregion_add_free_except(s, e, excluded, nexcluded);
		return;
	}
	if (nreserved == MAX_RESERVED) {
		reserved_dropped++;
		return;
	}
	reserved[nreserved].start = base;
	reserved[nreserved].end = end;
	reserved[nreserved].type = type;
	nreserved++;
}

static const char *e820_name(uint32_t type)
{
	switch (type) {
	case E820_RESERVED:
		return "reserved";
	case E820_ACPI:
		return "acpi tables";
	case E820_NVS:
		return "acpi nvs";
	case E820_UNUSABLE:
		return "unusable";
	case E820_PMEM:
		return "persistent memory";
	default:
		return "unknown type";
	}
}

void ts_pc_mem_done(void)
{
	int i;

	for (i = 0; i < nreserved; i++)
		ts_plat_memregion_add(reserved[i].start,
				      reserved[i].end - reserved[i].start,
				      TS_MEMR_RESERVED,
				      e820_name(reserved[i].type));
	if (reserved_dropped)
		ts_printk(PC_NAME ": %d more non-RAM memory map entries not "
			  "recorded\n", reserved_dropped);
	if (!nram)
		ts_printk(PC_NAME ": the loader reported no RAM: only the image "
			  "itself is known\n");
	else if (!image_in_ram)
		ts_printk(PC_NAME ": warning: the image at %#lx-%#lx is not in "
			  "RAM the loader reported; its memory map may be "
			  "wrong\n", (unsigned long)image_start,
			  (unsigned long)image_end);
}

static int inside(const struct range *r, int n, uint64_t addr, uint64_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (addr >= r[i].start && addr <= r[i].end &&
		    len <= r[i].end - addr)
			return 1;
	return 0;
}

/* The end of the RAM the loader reported that lies closest below a. */
static uint64_t ram_below(uint64_t a)
{
	uint64_t end = 0;
	int i;

	for (i = 0; i < nram && i < MAX_RAM; i++)
		if (ram[i].start <= a && ram[i].end > end)
			end = ram[i].end < a ? ram[i].end : a;
	return end;
}

int ts_pc_mem_reported(uint64_t addr, uint64_t len)
{
	if (!nram || nram > MAX_RAM || reserved_dropped)
		return 1;	/* no map, or not all of it kept: trust it */
	return inside(ram, nram, addr, len) ||
	       inside(reserved, nreserved, addr, len);
}

void ts_pc_mem_check_cmdline(uint64_t addr, uint64_t len, const char *proto)
{
	uint64_t need, have;

	if (ts_pc_mem_reported(addr, len))
		return;
	need = (addr + len + 1023) / 1024;
	have = ram_below(addr) / 1024;
	ts_printk("*** " PC_NAME ": not enough memory: the %s command line at %#lx "
		  "needs RAM up to %lu KiB, the loader reported RAM up to %lu "
		  "KiB: give the machine %lu KiB more\n", proto,
		  (unsigned long)addr,
		  (unsigned long)need, (unsigned long)have,
		  (unsigned long)(need - have));
	ts_plat_crash();
}
