/* The x86_64 parts of lib/debug's fault report (<ts/arch/trap.h>):
 * the exception and its error code decoded in words, the registers, the
 * interrupt-stack-table stacks. Meant to be read by a person on a
 * serial line, so causes are spelled out. */
#include <stdint.h>
#include <stdio.h>
#include <ts/arch/boot.h>
#include <ts/arch/trap.h>
#include <ts/arch/x86.h>
#include <ts/plat/console.h>
#include "internal.h"

static const char *const exc_name[TS_X86_NR_EXCEPTIONS] = {
	[0] = "divide error",
	[1] = "debug exception",
	[2] = "non-maskable interrupt",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available (FPU)",
	[8] = "double fault (stack overflow?)",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack-segment fault",
	[13] = "general protection fault",
	[14] = "page fault",
	[15] = "reserved vector 15",
	[16] = "x87 floating-point error",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection exception",
	[22] = "reserved vector 22",
	[23] = "reserved vector 23",
	[24] = "reserved vector 24",
	[25] = "reserved vector 25",
	[26] = "reserved vector 26",
	[27] = "reserved vector 27",
	[28] = "hypervisor injection exception",
	[29] = "VMM communication exception",
	[30] = "security exception",
	[31] = "reserved vector 31",
};

static const char *const exc_mnemonic[TS_X86_NR_EXCEPTIONS] = {
	[0] = "#DE", [1] = "#DB", [2] = "NMI", [3] = "#BP", [4] = "#OF",
	[5] = "#BR", [6] = "#UD", [7] = "#NM", [8] = "#DF", [9] = "-",
	[10] = "#TS", [11] = "#NP", [12] = "#SS", [13] = "#GP",
	[14] = "#PF", [15] = "-", [16] = "#MF", [17] = "#AC", [18] = "#MC",
	[19] = "#XM", [20] = "#VE", [21] = "#CP", [22] = "-", [23] = "-",
	[24] = "-", [25] = "-", [26] = "-", [27] = "-", [28] = "#HV",
	[29] = "#VC", [30] = "#SX", [31] = "-",
};

#define PF_P	(1U << 0)
#define PF_W	(1U << 1)
#define PF_U	(1U << 2)
#define PF_RSVD	(1U << 3)
#define PF_I	(1U << 4)
#define PF_PK	(1U << 5)
#define PF_SS	(1U << 6)

static void report_page_fault(uint64_t err, uint64_t cr2, uint64_t rsp,
			      const struct ts_fault_words *w)
{
	const char *access = (err & PF_I) ? "instruction fetch" :
			     (err & PF_W) ? "write" : "read";
	const char *what = w->where(cr2);

	ts_printk("    error code %#lx: %s, %s, %s mode%s%s%s\n",
		  (unsigned long)err,
		  (err & PF_P) ? "protection violation" : "page not present",
		  access, (err & PF_U) ? "user" : "kernel",
		  (err & PF_RSVD) ? ", reserved bit set in a page table" : "",
		  (err & PF_PK) ? ", protection key" : "",
		  (err & PF_SS) ? ", shadow stack" : "");
	ts_printk("    faulting address (CR2) %#lx%s%s\n", (unsigned long)cr2,
		  what ? ": " : "", what ? what : "");
	if ((err & PF_P) && (err & PF_I))
		ts_printk("    cause: executing code from a non-executable "
			  "page (data, stack or heap)\n");
	if (err & PF_I) {
		/* The jump never pushed a frame: the caller is the return
		 * address on top of the stack, which the backtrace (from
		 * RBP) does not show. */
		char buf[96];
		uint64_t ret = *(const uint64_t *)(uintptr_t)rsp;

		ts_printk("    probably called from %#lx %s (the return "
			  "address on top of the stack)\n", (unsigned long)ret,
			  w->symbol(ret, buf, sizeof(buf)));
	} else if ((err & PF_P) && (err & PF_W)) {
		ts_printk("    cause: writing to a read-only page\n");
	} else if (!(err & PF_P)) {
		ts_printk("    cause: access to an unmapped address\n");
	}
}

/* #TS, #NP, #SS and #GP error codes name a segment selector or vector. */
static void report_selector(uint64_t err, unsigned int vec)
{
	unsigned int index = (err >> 3) & 0x1fff;

	if (err == 0) {
		if (vec == TS_X86_VEC_GP)
			ts_printk("    error code 0: not selector-related "
				  "(non-canonical address, privileged "
				  "instruction, bad MSR or control register "
				  "write, misaligned SSE operand...)\n");
		else
			ts_printk("    error code 0\n");
		return;
	}
	if (err & 2)
		ts_printk("    error code %#lx: IDT entry %u (vector %u)%s\n",
			  (unsigned long)err, index, index,
			  (err & 1) ? ", during an external event" : "");
	else
		ts_printk("    error code %#lx: selector %#x (%s index %u)%s\n",
			  (unsigned long)err, (unsigned int)(err & 0xfff8),
			  (err & 4) ? "LDT" : "GDT", index,
			  (err & 1) ? ", during an external event" : "");
}

static void report_flags(uint64_t f)
{
	static const struct {
		unsigned char bit;
		const char *name;
	} names[] = {
		{ 0, "CF" }, { 2, "PF" }, { 4, "AF" }, { 6, "ZF" },
		{ 7, "SF" }, { 8, "TF" }, { 9, "IF" }, { 10, "DF" },
		{ 11, "OF" }, { 14, "NT" }, { 16, "RF" }, { 17, "VM" },
		{ 18, "AC" }, { 19, "VIF" }, { 20, "VIP" }, { 21, "ID" },
	};
	char buf[80];
	unsigned int i, n = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *s = names[i].name;

		if (!(f & (1ULL << names[i].bit)))
			continue;
		if (n)
			buf[n++] = ' ';
		while (*s && n < sizeof(buf) - 1)
			buf[n++] = *s++;
	}
	buf[n] = '\0';
	ts_printk("    RFLAGS %#lx [%s] IOPL %u\n", (unsigned long)f, buf,
		  (unsigned int)((f >> 12) & 3));
}

static const struct ts_arch_stack stacks[] = {
	{ "boot stack", (uintptr_t)_ts_boot_stack_guard,
	  (uintptr_t)_ts_boot_stack_bottom, (uintptr_t)_ts_boot_stack_top },
	{ "double-fault stack (IST1)", (uintptr_t)x86_ist_stack_df,
	  (uintptr_t)x86_ist_stack_df, (uintptr_t)x86_ist_stack_df +
	  IST_DF_STACK_SIZE },
	{ "NMI stack (IST2)", (uintptr_t)x86_ist_stack_nmi,
	  (uintptr_t)x86_ist_stack_nmi, (uintptr_t)x86_ist_stack_nmi +
	  IST_STACK_SIZE },
	{ "machine-check stack (IST3)", (uintptr_t)x86_ist_stack_mc,
	  (uintptr_t)x86_ist_stack_mc, (uintptr_t)x86_ist_stack_mc +
	  IST_STACK_SIZE },
};

int ts_arch_stacks(const struct ts_arch_stack **out)
{
	*out = stacks;
	return sizeof(stacks) / sizeof(stacks[0]);
}

const char *ts_arch_addr_words(uint64_t a)
{
	if (a >= 0x0000800000000000ULL && a < 0xffff800000000000ULL)
		return "non-canonical address";
	return NULL;
}

void ts_arch_fault_title(const struct ts_regs *r, char *buf,
			 unsigned long len)
{
	unsigned int vec = r->vector;

	snprintf(buf, len, "%s (vector %u, %s) at RIP %#lx",
		 vec < TS_X86_NR_EXCEPTIONS ? exc_name[vec] : "interrupt",
		 vec, vec < TS_X86_NR_EXCEPTIONS ? exc_mnemonic[vec] : "-",
		 (unsigned long)r->rip);
}

int ts_arch_fault_address(const struct ts_regs *r, uint64_t *addr)
{
	if (r->vector != TS_X86_VEC_PF && r->vector != TS_X86_VEC_DF)
		return -1;
	*addr = x86_fault_cr2;
	return 0;
}

void ts_arch_fault_raw(const struct ts_regs *r)
{
	ts_plat_console_puts(", vector ");
	ts_plat_console_puthex(r->vector);
	ts_plat_console_puts(" at RIP ");
	ts_plat_console_puthex(r->rip);
	ts_plat_console_puts(" (CR2 ");
	ts_plat_console_puthex(read_cr2());
	ts_plat_console_puts(")");
}

void ts_arch_fault_describe(const struct ts_regs *r,
			    const struct ts_fault_words *w)
{
	unsigned int vec = r->vector;
	uint64_t cr2 = x86_fault_cr2;
	const char *what;

	switch (vec) {
	case TS_X86_VEC_DE:
		ts_printk("    cause: integer division by zero, or a quotient "
			  "too large for the destination\n");
		break;
	case TS_X86_VEC_UD: {
		/* The bytes at RIP tell which instruction; RIP is known to
		 * be mapped and executable, or the fault would be a #PF. */
		const uint8_t *p = (const uint8_t *)(uintptr_t)r->rip;

		ts_printk("    cause: the CPU does not know the instruction "
			  "at RIP (ud2 marks unreachable code): bytes "
			  "%02x %02x %02x %02x\n", p[0], p[1], p[2], p[3]);
		break;
	}
	case TS_X86_VEC_DF:
		ts_printk("    a second exception happened while the CPU was "
			  "starting the handler of a first one, most often "
			  "because the stack is full; RIP and RSP may be "
			  "inexact\n");
		what = w->where(cr2);
		ts_printk("    CR2 %#lx%s%s\n", (unsigned long)cr2,
			  what ? ": " : "", what ? what : "");
		break;
	case TS_X86_VEC_TS:
	case TS_X86_VEC_NP:
	case TS_X86_VEC_SS:
	case TS_X86_VEC_GP:
		report_selector(r->error_code, vec);
		break;
	case TS_X86_VEC_PF:
		report_page_fault(r->error_code, cr2, r->rsp, w);
		break;
	case TS_X86_VEC_AC:
	case 21: case 29: case 30:
		ts_printk("    error code %#lx\n",
			  (unsigned long)r->error_code);
		break;
	case TS_X86_VEC_BP:
		ts_printk("    cause: int3 (ts_arch_breakpoint()) with no "
			  "debugger attached\n");
		break;
	default:
		break;
	}
}

void ts_arch_regs_print(const struct ts_regs *r)
{
	ts_printk("    RIP %#018lx  RSP %#018lx  CS %#lx  SS %#lx\n",
		  (unsigned long)r->rip, (unsigned long)r->rsp,
		  (unsigned long)r->cs, (unsigned long)r->ss);
	report_flags(r->rflags);
	ts_printk("    RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n",
		  (unsigned long)r->rax, (unsigned long)r->rbx,
		  (unsigned long)r->rcx, (unsigned long)r->rdx);
	ts_printk("    RSI %016lx RDI %016lx RBP %016lx RSP %016lx\n",
		  (unsigned long)r->rsi, (unsigned long)r->rdi,
		  (unsigned long)r->rbp, (unsigned long)r->rsp);
	ts_printk("    R8  %016lx R9  %016lx R10 %016lx R11 %016lx\n",
		  (unsigned long)r->r8, (unsigned long)r->r9,
		  (unsigned long)r->r10, (unsigned long)r->r11);
	ts_printk("    R12 %016lx R13 %016lx R14 %016lx R15 %016lx\n",
		  (unsigned long)r->r12, (unsigned long)r->r13,
		  (unsigned long)r->r14, (unsigned long)r->r15);
	ts_printk("    CR0 %016lx CR2 %016lx CR3 %016lx CR4 %016lx\n",
		  (unsigned long)read_cr0(), (unsigned long)read_cr2(),
		  (unsigned long)read_cr3(), (unsigned long)read_cr4());
}

int ts_arch_entry_return(const struct ts_regs *r, uint64_t *where)
{
	*where = r->rsp;
	return 2;
}

/* call rel32: e8 and a displacement from the next instruction. */
int ts_arch_is_call_to(uint64_t ret, uint64_t start)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)ret;
	int32_t rel;

	if (p[-5] != 0xe8)
		return 0;
	rel = (int32_t)((uint32_t)p[-4] | (uint32_t)p[-3] << 8 |
			(uint32_t)p[-2] << 16 | (uint32_t)p[-1] << 24);
	return ret + (uint64_t)(int64_t)rel == start;
}
