/* In-image tests of the CPU side the stub stands on, on arm64: the debug
 * facilities of arch/arm64 (<ts/arch/debug.h>: debug.c,
 * hw_breakpoints.c, mem_safe.c) with GDB's breakpoint instruction, run
 * before any stub uses them: each test installs a handler that records
 * the debug events and checks what the CPU (or QEMU) really delivers.
 * Here rather than in arch/arm64, which is below lib/test; compiled with
 * LIB_GDBSTUB_TESTS (LIB_TEST on); tests/image/cases_gdbstub_arm64.py
 * runs the suite gdb_arm64. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/debug.h>
#include <ts/plat/memory.h>
#include <ts/test.h>
#include "gdb_arch.h"

/* Code whose every instruction is known: step points, a brk of GDB's,
 * and a function for patching and for hardware breakpoints. */
__asm__(
	".pushsection .text.gdbtest_code, \"ax\", %progbits\n"
	".balign 4\n"
	".globl gdbtest_brk_gdb, gdbtest_brk_gdb_at\n"
	".hidden gdbtest_brk_gdb, gdbtest_brk_gdb_at\n"
	".type gdbtest_brk_gdb, %function\n"
	"gdbtest_brk_gdb:\n"
	"gdbtest_brk_gdb_at:\n"
	"	brk #0x4744\n"
	"	ret\n"
	".globl gdbtest_steps, gdbtest_step1, gdbtest_step2, gdbtest_step3\n"
	".hidden gdbtest_steps, gdbtest_step1, gdbtest_step2, gdbtest_step3\n"
	".type gdbtest_steps, %function\n"
	"gdbtest_steps:\n"
	"	brk #0x4744\n"
	"gdbtest_step1:\n"
	"	add x0, x0, #1\n"
	"gdbtest_step2:\n"
	"	add x0, x0, #2\n"
	"gdbtest_step3:\n"
	"	add x0, x0, #4\n"
	"	ret\n"
	/* Branches of each kind, for a step to follow (the CPU's step,
	 * or arch/arm64's emulated one under Xen): with x0 = 0, tbnz
	 * falls through, so does cbnz to itself, cbz and b jump, bl
	 * calls, ret returns. */
	".globl gdbtest_branches, gdbtest_br_self, gdbtest_br_cbz, gdbtest_br_b\n"
	".hidden gdbtest_branches, gdbtest_br_self, gdbtest_br_cbz, gdbtest_br_b\n"
	".globl gdbtest_br_bl\n"
	".hidden gdbtest_br_bl\n"
	".type gdbtest_branches, %function\n"
	"gdbtest_branches:\n"
	"	brk #0x4744\n"
	"	tbnz x0, #0, 1f\n"
	"gdbtest_br_self:\n"
	"	cbnz x0, gdbtest_br_self\n"
	"gdbtest_br_cbz:\n"
	"	cbz x0, 2f\n"
	"1:	add x0, x0, #100\n"
	"2:\n"
	"gdbtest_br_b:\n"
	"	b 3f\n"
	"	add x0, x0, #200\n"
	"3:\n"
	"	mov x9, x30\n"
	"gdbtest_br_bl:\n"
	"	bl gdbtest_leaf\n"
	"	mov x30, x9\n"
	"	ret\n"
	".globl gdbtest_leaf\n"
	".hidden gdbtest_leaf\n"
	".type gdbtest_leaf, %function\n"
	"gdbtest_leaf:\n"
	"	add x0, x0, #1\n"
	"	ret\n"
	".globl gdbtest_patch\n"
	".hidden gdbtest_patch\n"
	".type gdbtest_patch, %function\n"
	"gdbtest_patch:\n"
	"	mov w0, #1\n"
	"	ret\n"
	".globl gdbtest_hw_fn\n"
	".hidden gdbtest_hw_fn\n"
	".type gdbtest_hw_fn, %function\n"
	"gdbtest_hw_fn:\n"
	"	add x0, x0, #7\n"
	"	ret\n"
	".popsection\n");

uint64_t gdbtest_brk_gdb(void);
uint64_t gdbtest_steps(uint64_t x);
int gdbtest_patch(void);
uint64_t gdbtest_hw_fn(uint64_t x);
uint64_t gdbtest_branches(uint64_t x);
extern const char gdbtest_brk_gdb_at[], gdbtest_step1[], gdbtest_step2[],
	gdbtest_step3[], gdbtest_br_self[], gdbtest_br_cbz[], gdbtest_br_b[],
	gdbtest_br_bl[], gdbtest_leaf[];

#define MOV_W0_1	0x52800020u
#define MOV_W0_2	0x52800040u
#define BRK_0		0xd4200000u
#define MAX_EVENTS	10

static struct {
	int n;
	enum ts_arch_dbg_event event[MAX_EVENTS];
	uint64_t pc[MAX_EVENTS], insn[MAX_EVENTS], data[MAX_EVENTS];
	int steps;		/* single steps still wanted */
} rec;

static int record(struct ts_regs *r, const struct ts_arch_dbg_info *info)
{
	if (rec.n < MAX_EVENTS) {
		rec.event[rec.n] = info->event;
		rec.pc[rec.n] = r->pc;
		rec.insn[rec.n] = info->insn_addr;
		rec.data[rec.n] = info->data_addr;
	}
	rec.n++;
	if (info->event == TS_ARCH_DBG_BREAK_INSN)
		ts_arch_dbg_skip_break(r, info);
	if (info->event == TS_ARCH_DBG_STEP)
		rec.steps--;
	ts_arch_dbg_single_step(r, rec.steps > 0);
	return 1;
}

static void start(int steps)
{
	memset(&rec, 0, sizeof(rec));
	rec.steps = steps;
	ts_arch_dbg_set_handler(record);
}

static void stop(void)
{
	ts_arch_dbg_hw_clear();
	ts_arch_dbg_set_handler(NULL);
}

/* Called through a volatile pointer, so the compiler can neither inline
 * nor fold the calls the hardware should see. */
static uint64_t (*volatile hw_fn)(uint64_t) = gdbtest_hw_fn;
static int (*volatile patch_fn)(void) = gdbtest_patch;

TS_TEST(gdb_arm64, brk_of_gdb_reaches_handler)
{
	start(0);
	gdbtest_brk_gdb();
	stop();
	TS_REQUIRE_EQ(rec.n, 1);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_BREAK_INSN);
	TS_EXPECT_EQ(rec.insn[0], (uint64_t)(uintptr_t)gdbtest_brk_gdb_at);
	TS_EXPECT_EQ(*(const uint32_t *)(uintptr_t)rec.insn[0],
		     GDBSTUB_ARCH_BRK_WORD);
}

TS_TEST(gdb_arm64, compiled_in_breakpoint_reaches_handler)
{
	start(0);
	ts_arch_breakpoint();
	stop();
	TS_REQUIRE_EQ(rec.n, 1);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_BREAK_INSN);
	TS_EXPECT_EQ(*(const uint32_t *)(uintptr_t)rec.insn[0], BRK_0);
}

TS_TEST(gdb_arm64, single_step_stops_after_each_instruction)
{
	uint64_t v;

	start(3);
	v = gdbtest_steps(100);
	stop();
	TS_EXPECT_EQ(v, 107ULL);
	TS_REQUIRE_EQ(rec.n, 4);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_BREAK_INSN);
	TS_EXPECT_EQ(rec.event[1], TS_ARCH_DBG_STEP);
	TS_EXPECT_EQ(rec.pc[1], (uint64_t)(uintptr_t)gdbtest_step2);
	TS_EXPECT_EQ(rec.pc[2], (uint64_t)(uintptr_t)gdbtest_step3);
	TS_EXPECT_EQ(rec.pc[3], (uint64_t)(uintptr_t)gdbtest_step3 + 4);
}

/* Steps through each kind of branch stop where the branch went: the
 * same with the CPU's step and with the emulated one (xen-arm64), which
 * must work out each successor itself. */
TS_TEST(gdb_arm64, single_step_follows_branches)
{
	uint64_t self = (uint64_t)(uintptr_t)gdbtest_br_self;
	uint64_t cbz = (uint64_t)(uintptr_t)gdbtest_br_cbz;
	uint64_t b = (uint64_t)(uintptr_t)gdbtest_br_b;
	uint64_t bl = (uint64_t)(uintptr_t)gdbtest_br_bl;
	uint64_t leaf = (uint64_t)(uintptr_t)gdbtest_leaf;
	/* A branch to itself not taken goes on: a brk on both of its
	 * possible successors would stop the step where it began. */
	uint64_t want[] = { self, cbz, b, bl - 4, bl, leaf, leaf + 4, bl + 4 };
	uint64_t v;
	int i;

	start(8);
	v = gdbtest_branches(0);
	stop();
	TS_EXPECT_EQ(v, 1ULL);
	TS_REQUIRE_EQ(rec.n, 9);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_BREAK_INSN);
	for (i = 0; i < 8; i++) {
		TS_EXPECT_EQ(rec.event[i + 1], TS_ARCH_DBG_STEP);
		TS_EXPECT_EQ(rec.pc[i + 1], want[i]);
	}
}

/* Xen 4.17 keeps the debug registers from its guests (reads as zero,
 * writes dropped): no hardware breakpoints or watchpoints there. */
#define NEED_HW(type)							\
	do {								\
		if (!ts_arch_dbg_hw_count(type))			\
			TS_SKIP("no hardware breakpoints or watchpoints "	\
				"(a hypervisor keeps the debug registers)"); \
	} while (0)

TS_TEST(gdb_arm64, hw_breakpoint_stops_and_resumes)
{
	uint64_t fn = (uint64_t)(uintptr_t)gdbtest_hw_fn;

	NEED_HW(1);
	TS_REQUIRE(ts_arch_dbg_hw_count(1) >= 2);
	start(0);
	TS_REQUIRE_EQ(ts_arch_dbg_hw_insert(1, fn, 4), 0);
	TS_EXPECT_EQ(hw_fn(1), 8ULL);
	TS_EXPECT_EQ(hw_fn(2), 9ULL);
	TS_EXPECT_EQ(ts_arch_dbg_hw_remove(1, fn, 4), 0);
	TS_EXPECT_EQ(hw_fn(3), 10ULL);
	stop();
	/* Twice: resuming steps over the breakpoint, which stays armed. */
	TS_REQUIRE_EQ(rec.n, 2);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_HWBREAK);
	TS_EXPECT_EQ(rec.pc[0], fn);
	TS_EXPECT_EQ(rec.event[1], TS_ARCH_DBG_HWBREAK);
	TS_EXPECT_EQ(ts_arch_dbg_hw_remove(1, fn, 4), -ENOENT);
}

TS_TEST(gdb_arm64, step_from_hw_breakpoint)
{
	uint64_t fn = (uint64_t)(uintptr_t)gdbtest_hw_fn;

	NEED_HW(1);
	start(0);
	TS_REQUIRE_EQ(ts_arch_dbg_hw_insert(1, fn, 4), 0);
	rec.steps = 1;	/* the handler steps from the breakpoint */
	TS_EXPECT_EQ(hw_fn(1), 8ULL);
	stop();
	TS_REQUIRE_EQ(rec.n, 2);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_HWBREAK);
	TS_EXPECT_EQ(rec.event[1], TS_ARCH_DBG_STEP);
	TS_EXPECT_EQ(rec.pc[1], fn + 4);
}

TS_TEST(gdb_arm64, hw_insert_refuses)
{
	unsigned int i, n = ts_arch_dbg_hw_count(1);

	start(0);
	if (!n) {
		/* Refused as unsupported, whatever the request. */
		TS_EXPECT_EQ(ts_arch_dbg_hw_count(2), 0u);
		TS_EXPECT_EQ(ts_arch_dbg_hw_insert(1, 0x1000, 4), -ENOSYS);
		TS_EXPECT_EQ(ts_arch_dbg_hw_insert(2, 0x1000, 8), -ENOSYS);
		stop();
		return;
	}
	TS_EXPECT_EQ(ts_arch_dbg_hw_insert(1, 0x1002, 4), -EINVAL);
	for (i = 0; i < n; i++)
		TS_EXPECT_EQ(ts_arch_dbg_hw_insert(1, 0x1000 + 4 * i, 4), 0);
	TS_EXPECT_EQ(ts_arch_dbg_hw_insert(1, 0x2000, 4), -ENOSPC);
	/* Not a power of two, or not aligned to it. */
	TS_EXPECT_EQ(ts_arch_dbg_hw_insert(2, 0x1000, 12), -EINVAL);
	TS_EXPECT_EQ(ts_arch_dbg_hw_insert(2, 0x1008, 16), -EINVAL);
	TS_EXPECT_EQ(ts_arch_dbg_hw_insert(9, 0x1000, 4), -ENOSYS);
	stop();
}

static volatile uint64_t watched[8] __attribute__((aligned(64)));

TS_TEST(gdb_arm64, write_watchpoint)
{
	uint64_t a = (uint64_t)(uintptr_t)&watched[1], v;

	NEED_HW(2);
	TS_REQUIRE(ts_arch_dbg_hw_count(2) >= 2);
	start(0);
	TS_REQUIRE_EQ(ts_arch_dbg_hw_insert(2, a, 8), 0);
	v = watched[1];		/* a read: no stop */
	watched[1] = v + 5;	/* stops, then the store completes */
	watched[2] = 1;		/* outside the range */
	watched[1] = 6;
	stop();
	TS_EXPECT_EQ(watched[1], 6ULL);
	TS_REQUIRE_EQ(rec.n, 2);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_WATCH_WRITE);
	TS_EXPECT_EQ(rec.data[0], a);
	TS_EXPECT_EQ(rec.event[1], TS_ARCH_DBG_WATCH_WRITE);
}

TS_TEST(gdb_arm64, read_watchpoint)
{
	uint64_t a = (uint64_t)(uintptr_t)&watched[3];
	uint64_t v;

	NEED_HW(3);
	start(0);
	TS_REQUIRE_EQ(ts_arch_dbg_hw_insert(3, a, 8), 0);
	watched[3] = 9;		/* a write: no stop */
	v = watched[3];
	stop();
	TS_EXPECT_EQ(v, 9ULL);
	TS_REQUIRE_EQ(rec.n, 1);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_WATCH_READ);
	TS_EXPECT_EQ(rec.data[0], a);
}

TS_TEST(gdb_arm64, access_watchpoint_part_of_a_doubleword)
{
	volatile uint8_t *b = (volatile uint8_t *)&watched[4];
	uint64_t a = (uint64_t)(uintptr_t)(b + 4);
	uint8_t v;

	NEED_HW(4);
	start(0);
	/* Bytes 4 and 5 of the doubleword only. */
	TS_REQUIRE_EQ(ts_arch_dbg_hw_insert(4, a, 2), 0);
	b[0] = 1;		/* outside: no stop */
	b[7] = 1;
	b[5] = 2;		/* stops */
	v = b[4];		/* stops */
	TS_EXPECT_EQ(ts_arch_dbg_hw_remove(4, a, 2), 0);
	b[5] = 3;		/* removed: no stop */
	stop();
	TS_EXPECT_EQ(v, 0);
	TS_REQUIRE_EQ(rec.n, 2);
	TS_EXPECT_EQ(rec.event[0], TS_ARCH_DBG_WATCH_ACCESS);
	TS_EXPECT_EQ(rec.data[0], a);
	TS_EXPECT_EQ(rec.event[1], TS_ARCH_DBG_WATCH_ACCESS);
	TS_EXPECT_EQ(rec.data[1], a);
}

TS_TEST(gdb_arm64, mem_read_safe_refuses_what_would_fault)
{
	uint8_t buf[16];
	uint64_t guard = (uint64_t)(uintptr_t)_ts_boot_stack_guard;
	static const uint32_t known = 0x12345678;
	uint32_t got = 0;
	int i;

	TS_EXPECT_EQ(ts_arch_mem_read_safe(0x10, buf, 4), (long)-EFAULT);
	TS_EXPECT_EQ(ts_arch_mem_read_safe(1ULL << 52, buf, 4),
		     (long)-EFAULT);
	TS_EXPECT_EQ(ts_arch_mem_read_safe(guard, buf, 4), (long)-EFAULT);
	/* Up to the guard page, and not a byte further. */
	TS_EXPECT_EQ(ts_arch_mem_read_safe(guard - 8, buf, 16), 8L);
	TS_EXPECT_EQ(ts_arch_mem_read_safe((uintptr_t)&known, &got, 4), 4L);
	TS_EXPECT_EQ(got, known);
	for (i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);

		if (m->flags & TS_MEMR_DEVICE) {
			TS_EXPECT_EQ(ts_arch_mem_read_safe(m->base, buf, 4),
				     (long)-EFAULT);
			TS_EXPECT_EQ(ts_arch_mem_write_safe(m->base, buf, 4),
				     -EFAULT);
			return;
		}
	}
	TS_FAIL("no device region in the memory table");
}

TS_TEST(gdb_arm64, mem_write_safe)
{
	static volatile uint64_t var = 1;
	uint64_t v = 42, guard = (uint64_t)(uintptr_t)_ts_boot_stack_guard;
	uint8_t before[8], after[8], ff[16];

	TS_EXPECT_EQ(ts_arch_mem_write_safe((uintptr_t)&var, &v, 8), 0);
	TS_EXPECT_EQ(var, 42ULL);
	/* All or nothing: a range running into the guard is refused
	 * without a byte written. */
	memset(ff, 0xff, sizeof(ff));
	TS_REQUIRE_EQ(ts_arch_mem_read_safe(guard - 8, before, 8), 8L);
	TS_EXPECT_EQ(ts_arch_mem_write_safe(guard - 8, ff, 16), -EFAULT);
	TS_REQUIRE_EQ(ts_arch_mem_read_safe(guard - 8, after, 8), 8L);
	TS_EXPECT_EQ(memcmp(before, after, 8), 0);
	TS_EXPECT_EQ(ts_arch_mem_write_safe(0x10, ff, 1), -EFAULT);
}

TS_TEST(gdb_arm64, mem_write_safe_patches_code)
{
	uint64_t at = (uint64_t)(uintptr_t)gdbtest_patch;
	uint32_t insn = 0, two = MOV_W0_2, one = MOV_W0_1;

	TS_REQUIRE_EQ(ts_arch_mem_read_safe(at, &insn, 4), 4L);
	TS_REQUIRE_EQ(insn, MOV_W0_1);
	TS_EXPECT_EQ(patch_fn(), 1);
	TS_REQUIRE_EQ(ts_arch_mem_write_safe(at, &two, 4), 0);
	TS_EXPECT_EQ(patch_fn(), 2);
	TS_REQUIRE_EQ(ts_arch_mem_write_safe(at, &one, 4), 0);
	TS_EXPECT_EQ(patch_fn(), 1);
}
