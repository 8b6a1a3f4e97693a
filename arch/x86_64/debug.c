/* The debug exceptions for a debugger stub (<ts/arch/debug.h>): #BP (int3)
 * and #DB (single step, DR0-DR3 breakpoints and watchpoints) through the
 * trap hooks of traps.c, RFLAGS.TF stepping, and the debug registers.
 * Intel SDM vol. 3, chapter 18 "Debug, branch profile, TSC ...". */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/debug.h>
#include <ts/arch/trap.h>
#include <ts/arch/x86.h>

#define RFLAGS_TF	(1ULL << 8)
#define RFLAGS_RF	(1ULL << 16)

#define DR6_BS		(1ULL << 14)	/* single step */
#define DR6_B_MASK	0xfULL		/* B0-B3: which DRn matched */
/* DR6 reads as this when nothing is reported (bits that are 1 by
 * definition; RTM bit 16 is 1 when not an RTM event). */
#define DR6_CLEAR	0xffff0ff0ULL

/* DR7: Ln enables slot n; RWn and LENn are 2 bits each from bit 16. */
#define DR7_L(n)	(1ULL << (2 * (n)))
#define DR7_RW_SHIFT(n)	(16 + 4 * (n))
#define DR7_LEN_SHIFT(n) (18 + 4 * (n))
#define RW_EXEC		0
#define RW_WRITE	1
#define RW_ACCESS	3	/* read or write; x86 has no read-only */

#define NSLOTS		4

/* The types of ts_arch_dbg_hw_insert() (<ts/arch/debug.h>): GDB's Z-packet
 * numbers. */
#define Z_HW		1
#define Z_WRITE		2
#define Z_READ		3
#define Z_ACCESS	4

static ts_arch_dbg_fn handler;
/* Inside the stub (ts_arch_dbg_stub_enter()) or the #DB handler, whose
 * entry (trap_entry.S) cleared DR7: DR7 stays 0. A depth: the stub runs
 * inside the #DB handler. */
static int held;

/* What each debug register holds: the Z type and length GDB asked for,
 * 0 type when free. DR7 is rebuilt from this. */
static struct {
	int type;
	uint64_t addr, len;
} slot[NSLOTS];

#define DR_ACCESSORS(n)                                                     \
	static __attribute__((unused)) uint64_t read_dr##n(void)            \
	{                                                                   \
		uint64_t v;                                                 \
		__asm__ __volatile__("mov %%dr" #n ", %0" : "=r"(v));       \
		return v;                                                   \
	}                                                                   \
	static void write_dr##n(uint64_t v)                                 \
	{                                                                   \
		__asm__ __volatile__("mov %0, %%dr" #n :: "r"(v));          \
	}
DR_ACCESSORS(0)
DR_ACCESSORS(1)
DR_ACCESSORS(2)
DR_ACCESSORS(3)
DR_ACCESSORS(6)
DR_ACCESSORS(7)

static void write_dr_addr(int n, uint64_t a)
{
	switch (n) {
	case 0: write_dr0(a); break;
	case 1: write_dr1(a); break;
	case 2: write_dr2(a); break;
	default: write_dr3(a); break;
	}
}

static uint64_t read_dr_addr(int n)
{
	switch (n) {
	case 0: return read_dr0();
	case 1: return read_dr1();
	case 2: return read_dr2();
	default: return read_dr3();
	}
}

/* LEN encoding of a watched length: 1, 2, 4 or 8 bytes. */
static int len_bits(uint64_t len)
{
	switch (len) {
	case 1: return 0;
	case 2: return 1;
	case 4: return 3;
	case 8: return 2;
	default: return -1;
	}
}

static void load_dr7(void)
{
	uint64_t dr7 = 0;
	int n;

	for (n = 0; n < NSLOTS; n++) {
		int rw, len;

		if (!slot[n].type)
			continue;
		rw = slot[n].type == Z_HW ? RW_EXEC :
		     slot[n].type == Z_WRITE ? RW_WRITE : RW_ACCESS;
		/* An instruction breakpoint must have LEN 00. */
		len = slot[n].type == Z_HW ? 0 : len_bits(slot[n].len);
		write_dr_addr(n, slot[n].addr);
		dr7 |= DR7_L(n) | ((uint64_t)rw << DR7_RW_SHIFT(n)) |
		       ((uint64_t)len << DR7_LEN_SHIFT(n));
	}
	write_dr7(held ? 0 : dr7);
}

/* Like KGDB: with DR7 armed, the stub's read of a watched variable (GDB
 * asks for its value at the stop) or a call to a function under a
 * hardware breakpoint would raise #DB inside the stub, which can only
 * report it as a fatal error. DR0-DR3 keep their addresses; DR7 is
 * rebuilt from slot[] on leave. */
void ts_arch_dbg_stub_enter(void)
{
	if (held++ == 0)
		write_dr7(0);
}

void ts_arch_dbg_stub_leave(void)
{
	if (--held == 0)
		load_dr7();
}

int ts_arch_dbg_hw_insert(int type, uint64_t addr, uint64_t len)
{
	int n;

	if (type == Z_READ)
		return -ENOSYS;	/* GDB then offers an access watchpoint */
	if (type != Z_HW && type != Z_WRITE && type != Z_ACCESS)
		return -EINVAL;
	if (type == Z_HW)
		len = 1;
	else if (len_bits(len) < 0 || (addr & (len - 1)))
		return -EINVAL;	/* the hardware watches aligned 1/2/4/8 */
	for (n = 0; n < NSLOTS; n++) {
		if (!slot[n].type) {
			slot[n].type = type;
			slot[n].addr = addr;
			slot[n].len = len;
			load_dr7();
			return 0;
		}
	}
	return -ENOSPC;
}

int ts_arch_dbg_hw_remove(int type, uint64_t addr, uint64_t len)
{
	int n;

	if (type == Z_HW)
		len = 1;
	for (n = 0; n < NSLOTS; n++) {
		if (slot[n].type == type && slot[n].addr == addr &&
		    slot[n].len == len) {
			slot[n].type = 0;
			load_dr7();
			return 0;
		}
	}
	return type == Z_READ ? -ENOSYS : -ENOENT;
}

void ts_arch_dbg_hw_clear(void)
{
	int n;

	for (n = 0; n < NSLOTS; n++)
		slot[n].type = 0;
	load_dr7();
}

unsigned int ts_arch_dbg_hw_count(int type)
{
	return type == Z_READ ? 0 : NSLOTS;
}

void ts_arch_dbg_skip_break(struct ts_regs *r,
			    const struct ts_arch_dbg_info *info)
{
	/* int3 is a trap: rip is already past it. */
	(void)r;
	(void)info;
}

int ts_arch_dbg_single_step(struct ts_regs *r, bool on)
{
	if (on)
		r->rflags |= RFLAGS_TF;
	else
		r->rflags &= ~RFLAGS_TF;
	return 0;
}

/* #BP: rip is one byte past the int3; the stub decides whether to
 * rewind it (GDB's breakpoint) or go on (ts_breakpoint()). */
static int on_breakpoint(struct ts_regs *r)
{
	struct ts_arch_dbg_info info = { TS_ARCH_DBG_BREAK_INSN, r->rip - 1, 0 };
	int rc;

	if (!handler)
		return 0;
	/* Held like #DB's, so that the handler's code and data are out
	 * of the debug registers' reach here too. */
	ts_arch_dbg_stub_enter();
	rc = handler(r, &info);
	ts_arch_dbg_stub_leave();
	return rc;
}

/* #DB: DR6 says why. A single step and a watchpoint are traps (rip is
 * after the instruction); an instruction breakpoint is a fault (rip is
 * the instruction), so RF must be set to get past it on resume. */
static int debug_event(struct ts_regs *r, uint64_t dr6)
{
	struct ts_arch_dbg_info info = { TS_ARCH_DBG_STEP, 0, 0 };
	uint64_t hit_pc = r->rip;
	int n, rc;

	for (n = 0; n < NSLOTS; n++) {
		if (!(dr6 & (1ULL << n)) || !slot[n].type)
			continue;
		if (slot[n].type == Z_HW) {
			info.event = TS_ARCH_DBG_HWBREAK;
		} else {
			info.event = slot[n].type == Z_WRITE ?
				     TS_ARCH_DBG_WATCH_WRITE :
				     TS_ARCH_DBG_WATCH_ACCESS;
			info.data_addr = read_dr_addr(n);
		}
		break;
	}
	if (n == NSLOTS && !(dr6 & DR6_BS))
		return 0;	/* not ours (nothing armed): report it */
	/* A step is done once it is reported; the stub sets TF again
	 * for the next one. */
	r->rflags &= ~RFLAGS_TF;
	rc = handler(r, &info);
	if (rc && info.event == TS_ARCH_DBG_HWBREAK && r->rip == hit_pc)
		r->rflags |= RFLAGS_RF;
	return rc;
}

static int on_debug(struct ts_regs *r)
{
	uint64_t dr6 = read_dr6();
	int rc;

	/* DR6 is sticky: clear it so that the next #DB reads fresh bits. */
	write_dr6(DR6_CLEAR);
	if (!handler)
		return 0;
	/* DR7 is 0 since the entry (trap_entry.S): keep it so until the
	 * handler is done, then arm what is set by then. */
	held++;
	rc = debug_event(r, dr6);
	ts_arch_dbg_stub_leave();
	return rc;
}

void ts_arch_dbg_set_handler(ts_arch_dbg_fn fn)
{
	handler = fn;
	ts_arch_trap_set_handler(TS_X86_VEC_BP, fn ? on_breakpoint : NULL);
	ts_arch_trap_set_handler(TS_X86_VEC_DB, fn ? on_debug : NULL);
}
