/* The command line a Multiboot or PVH loader left in its memory. A line
 * that cannot be read whole (too long, not terminated inside low memory)
 * stops the boot in lib/boot instead of reaching the application cut or
 * empty. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/pc.h>

/* The image's name in front (Multiboot) may be as long as the line. */
#define SCAN_MAX	(2 * TS_CMDLINE_MAX)

/* The byte at paddr + i, or -1 past what is readable or scanned. */
static int at(uint64_t paddr, uint64_t i)
{
	const char *c = i < SCAN_MAX ? ts_pc_boot_ptr(paddr + i, 1) : NULL;

	return c ? (unsigned char)*c : -1;
}

void ts_pc_cmdline_from(uint64_t paddr, const char *proto, int skip_name)
{
	uint64_t i = 0, start;
	int c;

	if (paddr == 0)
		return;
	if (skip_name) {
		while (at(paddr, i) == ' ')
			i++;
		while ((c = at(paddr, i)) > 0 && c != ' ')
			i++;
		while (at(paddr, i) == ' ')
			i++;
	}
	for (start = i; (c = at(paddr, i)) > 0; i++) {
		if (i - start == TS_CMDLINE_MAX - 1) {
			ts_plat_cmdline_refuse(TS_CMDLINE_TOO_LONG);
			return;
		}
	}
	if (c < 0) {
		ts_printk(PC_NAME ": %s command line at %#lx does not end inside "
			  "low memory\n", proto, (unsigned long)paddr);
		ts_plat_cmdline_refuse("the loader's command line is not a "
				       "string in low memory");
		return;
	}
	/* Multiboot loaders put the line right after the image: with too
	 * little RAM it is lost, and the run would go on without it. */
	ts_pc_mem_check_cmdline(paddr, i + 1, proto);
	ts_plat_cmdline_set(ts_pc_boot_ptr(paddr + start, i - start + 1));
}
