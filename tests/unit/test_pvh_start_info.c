/* The PVH start info (plat/pc/pvh.c, memory.c, modules.c, cmdline.c), as
 * kvm-x86_64 and xen-x86_64 read what Xen or QEMU's PVH loader hands
 * over: the memory map into the memory table, the first module as the
 * initrd, the command line. Malformed start info (bad magic, version 0,
 * zero-sized or overlapping memory map entries, modules outside the
 * memory map or the loader's memory, a command line without its end) is
 * one clear line on the console, and nothing of it reaches the memory
 * table, the initrd or the application. */
#include <check.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include "tsh.h"
#include <ts/plat/boot.h>
#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>
#include <ts/pvh.h>

/* The image's bounds, as the linker script gives them: at 1 MiB in the
 * guest, which here is only an address (nothing reads the image). */
__asm__(".globl tsh__ts_image_start, tsh__ts_image_end\n"
	".set tsh__ts_image_start, 0x100000\n"
	".set tsh__ts_image_end, 0x180000\n");

void tsh_ts_pc_mem_init(void);
int tsh_ts_pc_pvh_parse(uint64_t info);
int tsh_ts_plat_initrd(struct ts_plat_initrd *rd);
void tsh_ts_plat_initrd_set(uintptr_t base, size_t len, const char *source);
int tsh_ts_plat_memregion_count(void);
const struct ts_memregion *tsh_ts_plat_memregion_get(int i);
void tsh_ts_plat_memregion_clear(void);

/* The loader's memory: a window of guest-physical addresses from BASE,
 * which is all that tsh_ts_pc_boot_ptr() (bootmem.c's stand-in) lets
 * the parsers read. The start info at BASE, the module list at +0x100,
 * the memory map at +0x200, the command line at +0x400. */
#define BASE		0x1000ULL
#define MODS		(BASE + 0x100)
#define MAP		(BASE + 0x200)
#define LINE		(BASE + 0x400)
#define WINDOW		0x1000
static uint8_t mem[WINDOW];
static size_t window = WINDOW;

const void *tsh_ts_pc_boot_ptr(uint64_t paddr, uint64_t len);
/* And the RAM where the good module (the initrd) lies, which the
 * parsers only check is mapped at boot. */
#define MODULE		0x1000000ULL
#define MODULE_ROOM	0x10000
static uint8_t module_ram[MODULE_ROOM];

const void *tsh_ts_pc_boot_ptr(uint64_t paddr, uint64_t len)
{
	if (paddr >= MODULE && len <= MODULE_ROOM &&
	    paddr - MODULE <= MODULE_ROOM - len)
		return module_ram + (paddr - MODULE);
	if (paddr < BASE || len > window || paddr - BASE > window - len)
		return NULL;
	return mem + (paddr - BASE);
}

static struct hvm_start_info *si = (struct hvm_start_info *)mem;

static struct hvm_memmap_table_entry *map_entry(int i)
{
	return (struct hvm_memmap_table_entry *)(mem + (MAP - BASE)) + i;
}

static struct hvm_modlist_entry *module(int i)
{
	return (struct hvm_modlist_entry *)(mem + (MODS - BASE)) + i;
}

/* A good start info: version 1, RAM 0-640 KiB and 1-128 MiB, the
 * firmware's reserved range, one module (an initrd at 16 MiB), the
 * command line "a -- b". */
static void good(void)
{
	memset(mem, 0, sizeof(mem));
	window = WINDOW;
	si->magic = HVM_START_MAGIC;
	si->version = 1;
	si->nr_modules = 1;
	si->modlist_paddr = MODS;
	si->cmdline_paddr = LINE;
	si->memmap_paddr = MAP;
	si->memmap_entries = 3;
	*map_entry(0) = (struct hvm_memmap_table_entry){ 0, 0xa0000, 1, 0 };
	*map_entry(1) = (struct hvm_memmap_table_entry){ 0x100000, 0x7f00000,
							 1, 0 };
	*map_entry(2) = (struct hvm_memmap_table_entry){ 0xfeffc000, 0x4000,
							 2, 0 };
	*module(0) = (struct hvm_modlist_entry){ 0x1000000, 0x2345, 0, 0 };
	strcpy((char *)mem + (LINE - BASE), "a -- b");
}

static jmp_buf crashed;

/* Parse; 1 when the parser stopped the boot (ts_plat_crash). */
static int parse(int *rc)
{
	host_console_reset();
	tsh_ts_plat_memregion_clear();
	tsh_ts_plat_initrd_set(0, 0, NULL);
	tsh_ts_plat_cmdline_set(NULL);
	tsh_ts_pc_mem_init();
	host_poweroff_catch = &crashed;
	if (setjmp(crashed)) {
		host_poweroff_catch = NULL;
		return 1;
	}
	*rc = tsh_ts_pc_pvh_parse(BASE);
	host_poweroff_catch = NULL;
	return 0;
}

static uint64_t free_kib(void)
{
	uint64_t kib = 0;

	for (int i = 0; i < tsh_ts_plat_memregion_count(); i++) {
		const struct ts_memregion *r = tsh_ts_plat_memregion_get(i);

		if (r->flags & TS_MEMR_FREE)
			kib += r->len / 1024;
	}
	return kib;
}

/* Free regions overlap neither each other nor page 0, the image or a
 * reserved region. */
static void check_table(void)
{
	int n = tsh_ts_plat_memregion_count();

	for (int i = 0; i < n; i++) {
		const struct ts_memregion *a = tsh_ts_plat_memregion_get(i);

		if (!(a->flags & TS_MEMR_FREE))
			continue;
		ck_assert_msg(a->base >= 4096, "page 0 is free");
		for (int j = 0; j < n; j++) {
			const struct ts_memregion *b = tsh_ts_plat_memregion_get(j);

			if (i == j)
				continue;
			ck_assert_msg(a->base + a->len <= b->base ||
				      b->base + b->len <= a->base,
				      "free %#lx+%#lx overlaps %s %#lx+%#lx",
				      (unsigned long)a->base,
				      (unsigned long)a->len, b->name,
				      (unsigned long)b->base,
				      (unsigned long)b->len);
		}
	}
}

static void said(const char *line)
{
	ck_assert_msg(strstr(host_console, line), "console \"%s\" lacks \"%s\"",
		      host_console, line);
}

START_TEST(good_start_info)
{
	struct ts_plat_initrd rd;
	const char *why;
	int rc = -2;

	good();
	ck_assert_int_eq(parse(&rc), 0);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(host_console, "");
	/* 640 KiB less page 0, 127 MiB less the image and the module */
	ck_assert_uint_eq(free_kib(), 636 + 127 * 1024 - 512 - 12);
	check_table();
	ck_assert_int_eq(tsh_ts_plat_initrd(&rd), 0);
	ck_assert_uint_eq(rd.base, 0x1000000);
	ck_assert_uint_eq(rd.len, 0x2345);
	ck_assert_str_eq(rd.source, "PVH module");
	ck_assert_str_eq(tsh_ts_plat_cmdline(&why), "a -- b");
}
END_TEST

START_TEST(bad_magic)
{
	struct ts_plat_initrd rd;
	const char *why;
	int rc = 0;

	good();
	si->magic ^= 0x80;
	ck_assert_int_eq(parse(&rc), 0);
	ck_assert_int_eq(rc, -1);
	said("pc: PVH start info at 0x1000 has magic 0x336ec5f8, not "
	     "0x336ec578. No memory map and no command line.");
	ck_assert_uint_eq(free_kib(), 0);
	ck_assert_int_eq(tsh_ts_plat_initrd(&rd), -1);
	ck_assert_str_eq(tsh_ts_plat_cmdline(&why), "");
}
END_TEST

START_TEST(start_info_outside_memory)
{
	int rc = 0;

	good();
	window = 16;	/* the structure is 56 bytes */
	ck_assert_int_eq(parse(&rc), 0);
	ck_assert_int_eq(rc, -1);
	said("pc: PVH start info pointer 0x1000 is invalid");
	ck_assert_uint_eq(free_kib(), 0);
}
END_TEST

START_TEST(version_0)
{
	int rc = -2;

	good();
	si->version = 0;
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: PVH start info version 0 has no memory map");
	said("the loader reported no RAM");
	ck_assert_uint_eq(free_kib(), 0);
}
END_TEST

START_TEST(zero_sized_entry)
{
	int rc = -2;

	good();
	si->memmap_entries = 4;
	*map_entry(3) = (struct hvm_memmap_table_entry){ 0x9000000, 0, 1, 0 };
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: memory map entry 0x9000000+0 (type 1) has size 0; ignored");
	ck_assert_uint_eq(free_kib(), 636 + 127 * 1024 - 512 - 12);
	check_table();
}
END_TEST

START_TEST(overlapping_entries)
{
	int rc = -2;

	good();
	si->memmap_entries = 5;
	/* RAM again over the end of the first RAM entry; the firmware's
	 * range again, as RAM. */
	*map_entry(3) = (struct hvm_memmap_table_entry){ 0x7000000, 0x2000000,
							 1, 0 };
	*map_entry(4) = (struct hvm_memmap_table_entry){ 0xfeffd000, 0x1000,
							 1, 0 };
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: memory map entry 0x7000000+0x2000000 (type 1) overlaps "
	     "0x100000+0x7f00000 (type 1); ignored");
	said("pc: memory map entry 0xfeffd000+0x1000 (type 1) overlaps "
	     "0xfeffc000+0x4000 (type 2); ignored");
	ck_assert_uint_eq(free_kib(), 636 + 127 * 1024 - 512 - 12);
	check_table();
}
END_TEST

START_TEST(module_list_outside_memory)
{
	struct ts_plat_initrd rd;
	int rc = -2;

	good();
	si->modlist_paddr = BASE + WINDOW - 16;	/* 32 bytes an entry */
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: PVH module list (1 entries at 0x1ff0) is implausible; "
	     "ignored");
	ck_assert_int_eq(tsh_ts_plat_initrd(&rd), -1);
	check_table();
}
END_TEST

START_TEST(module_outside_memory_map)
{
	struct ts_plat_initrd rd;
	int rc = -2;

	good();
	module(0)->paddr = 0x20000000;	/* past the 128 MiB of RAM */
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: PVH module 0 (0x20000000+0x2345) lies outside the memory "
	     "map; ignored");
	ck_assert_int_eq(tsh_ts_plat_initrd(&rd), -1);
	ck_assert_uint_eq(free_kib(), 636 + 127 * 1024 - 512);
	check_table();
}
END_TEST

START_TEST(module_wraps)
{
	struct ts_plat_initrd rd;
	int rc = -2;

	good();
	module(0)->size = UINT64_MAX;
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: PVH module 0 (0x1000000+0xffffffffffffffff) wraps around; "
	     "ignored");
	ck_assert_int_eq(tsh_ts_plat_initrd(&rd), -1);
}
END_TEST

START_TEST(command_line_not_terminated)
{
	const char *why;
	int rc = -2;

	good();
	memset(mem + (LINE - BASE), 'x', WINDOW - (LINE - BASE));
	ck_assert_int_eq(parse(&rc), 0);
	said("pc: PVH command line at 0x1400 does not end inside low memory");
	ck_assert_ptr_null(tsh_ts_plat_cmdline(&why));
	ck_assert_str_eq(why, "the loader's command line is not a string in "
			 "low memory");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pvh_start_info");
	TCase *tc = tcase_create("pvh_start_info");

	tcase_add_test(tc, good_start_info);
	tcase_add_test(tc, bad_magic);
	tcase_add_test(tc, start_info_outside_memory);
	tcase_add_test(tc, version_0);
	tcase_add_test(tc, zero_sized_entry);
	tcase_add_test(tc, overlapping_entries);
	tcase_add_test(tc, module_list_outside_memory);
	tcase_add_test(tc, module_outside_memory_map);
	tcase_add_test(tc, module_wraps);
	tcase_add_test(tc, command_line_not_terminated);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
