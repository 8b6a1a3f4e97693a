/* libFuzzer target for what an x86 loader hands over: Multiboot 1 boot
 * information (plat/kvm/multiboot.c), the PVH start info (plat/pc/pvh.c),
 * their memory maps and module lists (plat/pc/memory.c, modules.c) and
 * the command line (plat/pc/cmdline.c), as kvm-x86_64's entry reads them;
 * the PVH mode is also all of xen-x86_64's boot information (Xen's and
 * QEMU's PVH loaders: plat/xen/x86_64/entry.c reads it with the same
 * plat/pc code).
 *
 * Input: one byte of mode (bit 0: PVH, else Multiboot; bit 1: a wrong
 * Multiboot magic in eax), then the loader's memory, which this harness
 * places at physical address LOADER_BASE: the boot information starts
 * there, and every address inside it (memory map, modules, command line)
 * is read through ts_pc_boot_ptr(), which here maps that window and
 * nothing else. Beyond the sanitizers: the memory table holds whole
 * pages of free RAM that overlap neither each other, the image nor page
 * 0; the command line is kept exactly (less the image's name on
 * Multiboot) or refused with a reason, never cut. */
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <ts/plat/boot.h>
#include "fuzz_common.h"
#include "tsh.h"
#include "multiboot.h"
#include <ts/pvh.h>

FUZZ_IMAGE_SYMBOLS;

#define LOADER_BASE	0x1000ULL
#define MB_MAGIC	0x2BADB002U

void tsh_ts_pc_mem_init(void);
void tsh_kvm_multiboot_parse(uint32_t magic, uint64_t info);
int tsh_ts_pc_pvh_parse(uint64_t info);
const void *tsh_ts_pc_boot_ptr(uint64_t paddr, uint64_t len);

static const uint8_t *mem;
static size_t mem_size;

/* The harness's stand-in for plat/pc/bootmem.c. */
const void *tsh_ts_pc_boot_ptr(uint64_t paddr, uint64_t len)
{
	if (paddr < LOADER_BASE || len > mem_size ||
	    paddr - LOADER_BASE > mem_size - len)
		return NULL;
	return mem + (paddr - LOADER_BASE);
}

/* The command line the loader left at paddr, as the kernel must keep it:
 * NULL when it cannot be kept whole. */
static const char *expected_cmdline(uint64_t paddr, int skip_name,
				    char *out, size_t size)
{
	const char *s = tsh_ts_pc_boot_ptr(paddr, 1), *start = s;
	size_t left, n;

	if (!s)
		return NULL;
	left = mem_size - (size_t)(paddr - LOADER_BASE);
	if (!memchr(s, '\0', left))
		return NULL;
	if (skip_name) {
		while (*s == ' ')
			s++;
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
	}
	n = strlen(s);
	/* The kernel looks no further than twice the longest line for the
	 * end (the image's name in front may be as long). */
	if (n >= size || n >= TS_CMDLINE_MAX ||
	    (size_t)(s + n - start) >= 2 * TS_CMDLINE_MAX)
		return NULL;
	memcpy(out, s, n + 1);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char want[TS_CMDLINE_MAX];
	const char *line, *why;
	/* volatile: read after longjmp. */
	const char *volatile expect = NULL;
	volatile int has_line = 0;
	jmp_buf crashed;
	uint8_t mode;

	if (size < 1 + sizeof(struct multiboot_info))
		return 0;
	mode = data[0];
	/* A copy of exactly the input's size: ASan sees any read past it. */
	uint8_t *copy = malloc(size - 1);
	memcpy(copy, data + 1, size - 1);
	mem = copy;
	mem_size = size - 1;

	fuzz_boot_reset();
	tsh_ts_plat_cmdline_set(NULL);
	host_console_reset();
	tsh_ts_pc_mem_init();
	/* The only crash the parsers may call: a command line that lies
	 * outside the memory the loader reported (it was lost; the platform tells how
	 * much RAM is missing and stops). */
	host_poweroff_catch = &crashed;
	if (setjmp(crashed)) {
		host_poweroff_catch = NULL;
		CHECK(has_line && expect &&
		      strstr(host_console, ": not enough memory: the "));
		free(copy);
		return 0;
	}
	if (mode & 1) {
		const struct hvm_start_info *si = (const void *)mem;

		if (mem_size >= sizeof(*si) && si->magic == HVM_START_MAGIC &&
		    si->cmdline_paddr) {
			has_line = 1;
			expect = expected_cmdline(si->cmdline_paddr, 0, want,
						  sizeof(want));
		}
		tsh_ts_pc_pvh_parse(LOADER_BASE);
	} else {
		const struct multiboot_info *mbi = (const void *)mem;
		uint32_t magic = mode & 2 ? MB_MAGIC ^ mode : MB_MAGIC;

		if (magic == MB_MAGIC && (mbi->flags & MB_INFO_CMDLINE) &&
		    mbi->cmdline) {
			has_line = 1;
			expect = expected_cmdline(mbi->cmdline, 1, want,
						  sizeof(want));
		}
		tsh_kvm_multiboot_parse(magic, LOADER_BASE);
	}
	host_poweroff_catch = NULL;
	fuzz_check_memory_table(0, 0);
	fuzz_check_initrd();

	line = tsh_ts_plat_cmdline(&why);
	if (!has_line) {
		CHECK(line && !*line && !why);
	} else if (expect) {
		CHECK(line && !why && !strcmp(line, expect));
	} else {
		CHECK(!line && why && *why);
	}
	free(copy);
	return 0;
}
