/* Register state saved on a CPU exception or interrupt: struct ts_regs,
 * whose layout is the architecture's. Code written for every
 * architecture (debugger, backtrace, fault report) reaches the program
 * counter, stack pointer and frame pointer through the functions below.
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/regs_arch.h> of arch/<arch>/include defines struct ts_regs,
 * its byte offsets for assembly (TS_REGS_*) and the inline functions.
 * Include this one. */
#ifndef TS_ARCH_REGS_H
#define TS_ARCH_REGS_H

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Defined by the architecture's part, which says what a handler may
 * change. */
struct ts_regs;

static inline uint64_t ts_regs_pc(const struct ts_regs *r);
static inline uint64_t ts_regs_sp(const struct ts_regs *r);
static inline uint64_t ts_regs_fp(const struct ts_regs *r);
static inline void ts_regs_set_pc(struct ts_regs *r, uint64_t v);
static inline void ts_regs_set_sp(struct ts_regs *r, uint64_t v);
static inline void ts_regs_set_fp(struct ts_regs *r, uint64_t v);
#endif /* __ASSEMBLER__ */

#include <ts/arch/regs_arch.h>

#endif
