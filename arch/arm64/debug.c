/* Debug exceptions for a debugger stub: brk, software step, hardware
 * breakpoints and watchpoints all reach one handler (ts_arch_dbg_fn)
 * through the exception-class hooks of traps.c. Arm ARM chapter D2
 * (self-hosted debug) is the reference for every register here.
 *
 * Two things the architecture leaves to software, done here so that the
 * stub above sees the same behaviour as on x86:
 * - A hardware breakpoint or watchpoint exception is taken before the
 *   instruction (or its access) completes. Resumed as it is, the same
 *   instruction would trap again at once, so it is stepped once with the
 *   debug registers off ("step-over"), then they go back on.
 * - A step is taken with IRQs masked, so that it stops after the
 *   stepped instruction rather than in whatever the interrupt (or a
 *   preemption) would run; the mask is put back afterwards.
 * - Where a hypervisor keeps the debug registers from the guest (Xen
 *   4.17 traps MDSCR_EL1 and the breakpoint and watchpoint registers:
 *   reads give 0, writes are dropped), a step is emulated: a brk at the
 *   address the instruction goes to (step_next.c, which decides
 *   conditional branches from the registers as the CPU will), written
 *   as the program is let go and taken out at the next debug exception,
 *   which is reported as the step. Hardware breakpoints and watchpoints
 *   are then refused (hw_breakpoints.c). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/debug.h>
#include <ts/arch/trap.h>
#include "self_debug.h"
#include "step_next.h"

#define SPSR_I		(1ULL << 7)
#define ISS_WNR		(1u << 6)	/* watchpoint: the access wrote */
/* ID_AA64DFR0_EL1.DoubleLock: 0b1111 means no OSDLR_EL1. */
#define DFR0_DOUBLELOCK(v)	(((v) >> 36) & 0xf)

static ts_arch_dbg_fn handler;
static bool enabled;
/* MDSCR_EL1 holds what is written to it: the CPU's step, breakpoints
 * and watchpoints are ours. */
static bool hw_debug;
/* ts_arch_dbg_stub_enter() masked debug exceptions (they were not);
 * the depth of enter/leave pairs. */
static bool stub_masked;
static int stub_depth;

/* The step in flight: a step-over of a hardware breakpoint or
 * watchpoint (stepover; user_step when the stub asked for a step
 * too), and the IRQ mask to put back when it completes. */
static struct {
	bool armed, stepover, user_step, unmask_irq;
	uint64_t from_pc;
} step;

/* The emulated step: where to put the brk (wanted, from the stepped
 * instruction), and while it is in (armed, placed: the write took) what
 * it replaced. */
#define SOFT_BRK	0xd4200000u	/* brk #0, as GDB's own */
static struct {
	bool wanted, armed, placed;
	uint64_t at;
	uint32_t saved;
} soft;
/* In dbg_trap(): its end puts the emulated step's brk in, else the
 * stub's leave does (a stop from an interrupt: Ctrl-C). */
static bool in_trap;

void arm64_dbg_enable(void)
{
	uint64_t dfr0 = ts_arm64_read_sysreg(id_aa64dfr0_el1);

	if (enabled)
		return;
	/* Out of reset the OS lock is set on hardware, which keeps every
	 * debug exception but brk from being taken. */
	if (DFR0_DOUBLELOCK(dfr0) != 0xf)
		ts_arm64_write_sysreg(osdlr_el1, 0);
	ts_arm64_write_sysreg(oslar_el1, 0);
	ts_arm64_isb();
	enabled = true;
	/* Zero the control registers (UNKNOWN at reset) before MDE
	 * makes them count. */
	ts_arch_dbg_hw_clear();
	ts_arm64_write_sysreg(mdscr_el1,
			      (ts_arm64_read_sysreg(mdscr_el1) & ~MDSCR_SS) |
			      MDSCR_KDE | MDSCR_MDE);
	ts_arm64_isb();
	hw_debug = (ts_arm64_read_sysreg(mdscr_el1) & (MDSCR_KDE | MDSCR_MDE)) ==
		   (MDSCR_KDE | MDSCR_MDE);
}

bool arm64_dbg_hw_usable(void)
{
	arm64_dbg_enable();
	return hw_debug;
}

/* Put the emulated step's brk in, or take it out again. Text is written
 * through ts_arch_mem_write_safe() (cache maintenance, read-only pages);
 * an address it refuses gets none: the instruction that would go there
 * faults anyway. A branch to itself gets its brk on itself: the step
 * stops at once where the branch would have gone. */
static void soft_arm(void)
{
	static const uint32_t brk = SOFT_BRK;

	if (!soft.wanted || soft.armed)
		return;
	soft.placed = ts_arch_mem_read_safe(soft.at, &soft.saved, 4) == 4 &&
		      !ts_arch_mem_write_safe(soft.at, &brk, 4);
	soft.armed = true;
}

static void soft_disarm(void)
{
	if (soft.armed && soft.placed)
		ts_arch_mem_write_safe(soft.at, &soft.saved, 4);
	soft.armed = false;
}

/* Did the program stop at the emulated step's brk? */
static bool soft_hit(uint64_t pc)
{
	return soft.armed && soft.placed && soft.at == pc;
}

/* The emulated step of r's next instruction, wanted or not; its brk goes
 * in as the program is let go (the end of dbg_trap(), or the stub's
 * leave for a stop from an interrupt), so that no code of the handler's
 * or the stub's meets it. SPSR.SS marks r as stepped, as with the CPU's
 * step (after_handler()): with MDSCR_EL1.SS never set it does nothing in
 * the CPU. */
static int soft_step(struct ts_regs *r, bool on)
{
	uint32_t insn;

	if (!on) {
		soft.wanted = false;
		soft_disarm();
		r->pstate &= ~SPSR_SS;
		return 0;
	}
	/* arm_step() after the stub asked for it (or armed it: reading
	 * the instruction again could read the brk): the same step. */
	if (soft.armed) {
		r->pstate |= SPSR_SS;
		return 0;
	}
	if (ts_arch_mem_read_safe(r->pc, &insn, 4) != 4)
		return -EFAULT;
	if (arm64_step_next(insn, r->pc, r->x, r->pstate, &soft.at) < 0)
		return -ENOSYS;
	soft.wanted = true;
	r->pstate |= SPSR_SS;
	return 0;
}

static void mdscr_step(bool on)
{
	uint64_t v = ts_arm64_read_sysreg(mdscr_el1);

	ts_arm64_write_sysreg(mdscr_el1, on ? v | MDSCR_SS : v & ~MDSCR_SS);
	ts_arm64_isb();
}

int ts_arch_dbg_single_step(struct ts_regs *r, bool on)
{
	if (!hw_debug)
		return soft_step(r, on);
	/* MDSCR_EL1.SS with SPSR.SS set steps one instruction; MDSCR.SS
	 * with SPSR.SS clear would trap at once, before any instruction,
	 * so the two always change together (see after_handler too). */
	if (on)
		r->pstate |= SPSR_SS;
	else
		r->pstate &= ~SPSR_SS;
	mdscr_step(on);
	return 0;
}

void ts_arch_dbg_skip_break(struct ts_regs *r,
			    const struct ts_arch_dbg_info *info)
{
	(void)info;
	r->pc += 4;
}

/* Writes the stepped instruction made to DAIF (msr daifset/daifclr,
 * msr daif, xN): then its IRQ mask is the program's, not ours. */
static bool writes_daif(uint32_t insn)
{
	return (insn & 0xfffff0df) == 0xd50340df ||
	       (insn & 0xffffffe0) == 0xd51b4220;
}

/* Arm a step of the context r (with IRQs masked for its duration). */
static void arm_step(struct ts_regs *r)
{
	if (!step.armed) {
		step.unmask_irq = !(r->pstate & SPSR_I);
		step.from_pc = r->pc;
	}
	step.armed = true;
	r->pstate |= SPSR_I;
	ts_arch_dbg_single_step(r, true);
}

/* A step completed: the IRQ mask as it was. */
static void step_done(struct ts_regs *r)
{
	if (step.armed && step.unmask_irq &&
	    !writes_daif(*(const uint32_t *)(uintptr_t)step.from_pc))
		r->pstate &= ~SPSR_I;
	step.armed = false;
	ts_arch_dbg_single_step(r, false);
}

static bool is_watch(enum ts_arch_dbg_event e)
{
	return e == TS_ARCH_DBG_WATCH_WRITE || e == TS_ARCH_DBG_WATCH_READ ||
	       e == TS_ARCH_DBG_WATCH_ACCESS;
}

/* The handler took the exception and resumes r. */
static void after_handler(struct ts_regs *r, enum ts_arch_dbg_event e,
			  uint64_t trap_pc)
{
	bool user_step = r->pstate & SPSR_SS;

	/* Debug exceptions on in the code that resumes (they are masked
	 * on exception entry; handlers themselves keep them masked). */
	if (TS_ARM64_VEC_GROUP(r->vector) == TS_ARM64_VEC_EL1_SP0)
		r->pstate &= ~SPSR_D;
	if (arm64_dbg_bp_at(r->pc) ||
	    (is_watch(e) && r->pc == trap_pc && arm64_dbg_any_watch())) {
		arm64_dbg_suspend();
		step.stepover = true;
		step.user_step = user_step;
		arm_step(r);
	} else if (user_step) {
		arm_step(r);
	} else {
		ts_arch_dbg_single_step(r, false);
	}
}

/* A debug exception for the handler; soft_stepped: at a brk of the
 * emulated step. */
static int dbg_event(struct ts_regs *r, bool soft_stepped)
{
	struct ts_arch_dbg_info info = { .insn_addr = r->pc };
	uint32_t iss = TS_ARM64_ESR_ISS(r->esr);
	uint64_t start;
	int type;

	if (TS_ARM64_ESR_EC(r->esr) != TS_ARM64_EC_STEP_CUR && step.armed) {
		/* The stepped instruction itself trapped (a brk, a
		 * watchpoint): that ends the step. */
		step_done(r);
		if (step.stepover) {
			step.stepover = false;
			arm64_dbg_resume();
		}
	}
	switch (TS_ARM64_ESR_EC(r->esr)) {
	case TS_ARM64_EC_BRK64:
		info.event = soft_stepped ? TS_ARCH_DBG_STEP :
					    TS_ARCH_DBG_BREAK_INSN;
		break;
	case TS_ARM64_EC_STEP_CUR:
		step_done(r);
		if (step.stepover) {
			step.stepover = false;
			arm64_dbg_resume();
			/* Stepped over: run on (into the next breakpoint,
			 * if one is right there). */
			if (!step.user_step)
				return 1;
		}
		info.event = TS_ARCH_DBG_STEP;
		break;
	case TS_ARM64_EC_BKPT_CUR:
		info.event = TS_ARCH_DBG_HWBREAK;
		break;
	case TS_ARM64_EC_WATCH_CUR:
		type = arm64_dbg_watch_hit(r->far, iss & ISS_WNR, &start);
		info.event = type == 2 ? TS_ARCH_DBG_WATCH_WRITE :
			     type == 3 ? TS_ARCH_DBG_WATCH_READ :
					 TS_ARCH_DBG_WATCH_ACCESS;
		info.data_addr = type < 0 ? r->far : start;
		break;
	default:
		return 0;
	}
	if (!handler(r, &info))
		return 0;
	after_handler(r, info.event, info.insn_addr);
	return 1;
}

static int dbg_trap(struct ts_regs *r)
{
	bool soft_stepped;
	int handled;

	if (!handler)
		return 0;
	/* Any debug exception ends an emulated step; one of its brk is
	 * the step done. */
	soft_stepped = soft_hit(r->pc);
	soft_disarm();
	soft.wanted = false;
	in_trap = true;
	handled = dbg_event(r, soft_stepped);
	in_trap = false;
	/* Last, so that no code of the handler's meets them. */
	if (handled)
		soft_arm();
	return handled;
}

static const unsigned int debug_classes[] = {
	TS_ARM64_EC_BRK64, TS_ARM64_EC_STEP_CUR, TS_ARM64_EC_BKPT_CUR,
	TS_ARM64_EC_WATCH_CUR,
};

void ts_arch_dbg_set_handler(ts_arch_dbg_fn fn)
{
	size_t i;
	uint64_t spsel;

	handler = fn;
	for (i = 0; i < sizeof(debug_classes) / sizeof(debug_classes[0]); i++)
		ts_arch_trap_set_handler(debug_classes[i], fn ? dbg_trap : NULL);
	if (!fn)
		return;
	arm64_dbg_enable();
	/* Code runs on SP_EL0, handlers on SP_EL1. Called from code,
	 * unmask debug exceptions for it (PSTATE.D stays clear across
	 * context switches, which do not save it); called from a handler,
	 * leave them masked there: after_handler() unmasks them in the
	 * code it returns to. */
	__asm__ __volatile__("mrs %0, spsel" : "=r"(spsel));
	if (!(spsel & 1))
		__asm__ __volatile__("msr daifclr, #8\n\tisb" ::: "memory");
}

/* Exception handlers run with PSTATE.D set already (exception entry sets
 * it): a stop from a debug exception or the Ctrl-C poll is safe as it
 * is. A stop from code (ts_panic(), a failed assertion: the fatal hook
 * runs in the thread) is not: there a watchpoint on what GDB reads, or a
 * hardware breakpoint on a function the stub calls, would trap inside
 * the stub. */
void ts_arch_dbg_stub_enter(void)
{
	uint64_t daif;

	if (stub_depth++)
		return;
	/* Out of the code the stub reads and runs (a stop that was no
	 * debug exception: a fault during the step, a panic). */
	soft_disarm();
	__asm__ __volatile__("mrs %0, daif" : "=r"(daif));
	stub_masked = !(daif & SPSR_D);
	if (stub_masked)
		__asm__ __volatile__("msr daifset, #8\n\tisb" ::: "memory");
}

void ts_arch_dbg_stub_leave(void)
{
	if (--stub_depth)
		return;
	if (!in_trap)
		soft_arm();
	if (stub_masked)
		__asm__ __volatile__("msr daifclr, #8\n\tisb" ::: "memory");
	stub_masked = false;
}
