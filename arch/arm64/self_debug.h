/* Shared by the debug-facility files of arch/arm64 only (debug.c,
 * hw_breakpoints.c): the self-hosted debug state of Arm ARM chapter D2
 * ("AArch64 Self-hosted Debug"). */
#ifndef TS_ARM64_SELF_DEBUG_H
#define TS_ARM64_SELF_DEBUG_H

#include <stdbool.h>
#include <stdint.h>
#include <ts/arch/regs.h>

/* MDSCR_EL1 */
#define MDSCR_SS	(1ULL << 0)	/* software step */
#define MDSCR_KDE	(1ULL << 13)	/* debug exceptions at EL1 itself */
#define MDSCR_MDE	(1ULL << 15)	/* breakpoints and watchpoints on */

/* SPSR_EL1 (the saved PSTATE of struct ts_regs) */
#define SPSR_D		(1ULL << 9)	/* debug exceptions masked */
#define SPSR_SS		(1ULL << 21)	/* step one instruction */

/* ID_AA64DFR0_EL1: the number of breakpoints and watchpoints, minus 1 */
#define DFR0_BRPS(v)	((unsigned int)(((v) >> 12) & 0xf) + 1)
#define DFR0_WRPS(v)	((unsigned int)(((v) >> 20) & 0xf) + 1)

/* Clear the OS lock, zero every breakpoint and watchpoint control
 * register (their reset values are UNKNOWN on hardware), then turn on
 * MDSCR_EL1.KDE and MDE. Once; later calls do nothing. */
void arm64_dbg_enable(void);
/* After arm64_dbg_enable() (which it calls): does MDSCR_EL1 keep what
 * is written to it? Not under Xen 4.17, which traps it for the guest:
 * no CPU step, breakpoints or watchpoints then (debug.c emulates the
 * step). */
bool arm64_dbg_hw_usable(void);

/* hw_breakpoints.c: the debug registers. */
unsigned int arm64_dbg_nbrp(void);
unsigned int arm64_dbg_nwrp(void);
/* Is an enabled hardware breakpoint at pc? Any watchpoint enabled? */
bool arm64_dbg_bp_at(uint64_t pc);
bool arm64_dbg_any_watch(void);
/* Turn the hardware breakpoints and watchpoints off while one
 * instruction is stepped over them, and on again afterwards. */
void arm64_dbg_suspend(void);
void arm64_dbg_resume(void);
/* Which watchpoint a watchpoint exception with data address far (and
 * WnR from the syndrome) belongs to: its Z type (2-4) and the start of
 * the watched range; -1 when none matches. */
int arm64_dbg_watch_hit(uint64_t far, bool write, uint64_t *start);

#endif
