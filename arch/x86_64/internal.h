/* Declarations shared by the files of arch/x86_64 only. */
#ifndef TS_X86_64_INTERNAL_H
#define TS_X86_64_INTERNAL_H

#include <stdint.h>
#include <ts/arch/regs.h>

#define SEL_CODE	0x08
#define SEL_DATA	0x10
#define SEL_TSS		0x18

/* Interrupt-stack-table slots (1-based, as in the IDT gate). */
#define IST_DF		1
#define IST_NMI		2
#define IST_MC		3

void x86_gdt_init(void);
void x86_idt_init(void);
void x86_fpu_init(void);

/* Called by trap_entry.S with the saved registers. */
void ts_arch_trap(struct ts_regs *regs);

/* traps.c: CR2 of the exception being reported. */
extern uint64_t x86_fault_cr2;

/* cpu.c: the interrupt-stack-table stacks (double fault, NMI, machine
 * check), for the report. */
/* A double-fault report (a stack overflow) takes about 2.2 KiB, and the
 * GDB stub may take over on it; NMI and machine check only report.
 * Every KiB here is RAM the image needs to boot. */
#define IST_DF_STACK_SIZE 8192
#define IST_STACK_SIZE 4096
extern uint8_t x86_ist_stack_df[IST_DF_STACK_SIZE];
extern uint8_t x86_ist_stack_nmi[IST_STACK_SIZE];
extern uint8_t x86_ist_stack_mc[IST_STACK_SIZE];

/* irq.c: vectors 32-255, called by ts_arch_trap(). */
void x86_irq_dispatch(struct ts_regs *regs);

/* trap_entry.S: entry points of vectors 0-31, and of vectors 32-255 at
 * ts_x86_irq_stubs + (vector - 32) * TS_X86_IRQ_STUB_SIZE. */
extern const uint64_t ts_x86_trap_stubs[32];
extern const char ts_x86_irq_stubs[];

#endif
