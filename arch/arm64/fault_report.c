/* The arm64 parts of lib/debug's fault report (<ts/arch/trap.h>): the
 * exception class and the syndrome (ESR_EL1) spelled out in words, the
 * registers, the exception stack. Field layouts: Arm ARM D17.2.37
 * (ESR_ELx). */
#include <stdint.h>
#include <stdio.h>
#include <ts/arch/arm64.h>
#include <ts/arch/boot.h>
#include <ts/arch/trap.h>
#include <ts/plat/console.h>

/* Data and instruction abort syndrome bits. */
#define ISS_ISV		(1U << 24)	/* SAS, SSE, SRT, SF are valid */
#define ISS_SAS(iss)	(((iss) >> 22) & 3)
#define ISS_SRT(iss)	(((iss) >> 16) & 31)
#define ISS_SF		(1U << 15)
#define ISS_FNV		(1U << 10)	/* FAR not valid */
#define ISS_EA		(1U << 9)
#define ISS_CM		(1U << 8)	/* cache maintenance */
#define ISS_S1PTW	(1U << 7)	/* on a translation table walk */
#define ISS_WNR		(1U << 6)	/* write, not read */
#define ISS_FSC(iss)	((iss) & 0x3f)

#define ESR_IL		(1U << 25)	/* 32-bit instruction */

/* hlt #0xf000: the AArch64 semihosting call. */
#define INSN_SEMIHOSTING 0xd45e0000U

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case TS_ARM64_EC_UNKNOWN:
		return "undefined instruction";
	case 0x01:
		return "trapped wfi/wfe";
	case TS_ARM64_EC_FP_ACCESS:
		return "FP/SIMD access trapped";
	case TS_ARM64_EC_ILLEGAL:
		return "illegal execution state";
	case 0x11:
	case TS_ARM64_EC_SVC64:
		return "supervisor call (svc)";
	case TS_ARM64_EC_HVC64:
		return "hypervisor call (hvc)";
	case TS_ARM64_EC_SMC64:
		return "secure monitor call (smc)";
	case TS_ARM64_EC_SYS64:
		return "trapped system register access";
	case 0x19:
		return "SVE access trapped";
	case 0x1c:
		return "pointer authentication failure";
	case TS_ARM64_EC_IABT_LOW:
	case TS_ARM64_EC_IABT_CUR:
		return "instruction abort";
	case TS_ARM64_EC_PC_ALIGN:
		return "PC alignment fault";
	case TS_ARM64_EC_DABT_LOW:
	case TS_ARM64_EC_DABT_CUR:
		return "data abort";
	case TS_ARM64_EC_SP_ALIGN:
		return "SP alignment fault";
	case 0x28:
	case TS_ARM64_EC_FP_EXC64:
		return "floating-point exception";
	case TS_ARM64_EC_SERROR:
		return "SError";
	case TS_ARM64_EC_BKPT_LOW:
	case TS_ARM64_EC_BKPT_CUR:
		return "hardware breakpoint";
	case TS_ARM64_EC_STEP_LOW:
	case TS_ARM64_EC_STEP_CUR:
		return "software step";
	case TS_ARM64_EC_WATCH_LOW:
	case TS_ARM64_EC_WATCH_CUR:
		return "watchpoint";
	case 0x38:
		return "breakpoint instruction (bkpt, AArch32)";
	case TS_ARM64_EC_BRK64:
		return "breakpoint instruction";
	default:
		return "exception of unknown class";
	}
}

/* The fault status code of an abort (DFSC/IFSC), in words. */
static void fsc_words(unsigned int fsc, const char **what,
		      unsigned int *level, int *has_level)
{
	*has_level = 1;
	*level = fsc & 3;
	switch (fsc & 0x3c) {
	case 0x00:
		*what = "address size fault";
		return;
	case 0x04:
		*what = "translation fault";
		return;
	case 0x08:
		*what = "access flag fault";
		return;
	case 0x0c:
		*what = "permission fault";
		return;
	case 0x14:
		*what = "external abort on a translation table walk";
		return;
	case 0x1c:
		*what = "parity/ECC error on a translation table walk";
		return;
	}
	*has_level = 0;
	switch (fsc) {
	case 0x10:
		*what = "synchronous external abort";
		break;
	case 0x11:
		*what = "tag check fault";
		break;
	case 0x18:
		*what = "parity/ECC error";
		break;
	case 0x21:
		*what = "alignment fault";
		break;
	case 0x30:
		*what = "TLB conflict abort";
		break;
	case 0x31:
		*what = "unsupported atomic hardware update";
		break;
	case 0x34:
		*what = "implementation defined fault (lockdown)";
		break;
	case 0x35:
		*what = "implementation defined fault (unsupported exclusive "
			"or atomic access)";
		break;
	default:
		*what = "reserved fault status code";
		break;
	}
}

static void report_far(uint64_t far, const struct ts_fault_words *w)
{
	const char *what = w->where(far);

	ts_printk("    FAR %#lx%s%s\n", (unsigned long)far, what ? ": " : "",
		  what ? what : "");
}

static void report_abort(const struct ts_regs *r, int data,
			 const struct ts_fault_words *w)
{
	uint32_t iss = TS_ARM64_ESR_ISS(r->esr);
	unsigned int fsc = ISS_FSC(iss), level;
	const char *what;
	int has_level, write = data && (iss & ISS_WNR) && !(iss & ISS_CM);

	fsc_words(fsc, &what, &level, &has_level);
	if (has_level)
		ts_printk("    %s %#x: %s level %u", data ? "DFSC" : "IFSC",
			  fsc, what, level);
	else
		ts_printk("    %s %#x: %s", data ? "DFSC" : "IFSC", fsc, what);
	if (data)
		ts_printk("; %s%s%s\n", (iss & ISS_CM) ? "cache maintenance" :
			  write ? "write (WnR=1)" : "read (WnR=0)",
			  (iss & ISS_S1PTW) ? ", during a page table walk" : "",
			  (iss & ISS_EA) ? ", external abort" : "");
	else
		ts_printk("; instruction fetch%s\n", (iss & ISS_S1PTW) ?
			  ", during a page table walk" : "");
	if (data && (iss & ISS_ISV))
		ts_printk("    access: %u bytes %s %c%u\n", 1U << ISS_SAS(iss),
			  write ? "from" : "into",
			  (iss & ISS_SF) ? 'x' : 'w', ISS_SRT(iss));
	if (iss & ISS_FNV)
		ts_printk("    FAR not valid for this fault\n");
	else
		report_far(r->far, w);

	switch (fsc & 0x3c) {
	case 0x04:
		ts_printk("    cause: access to an unmapped address\n");
		break;
	case 0x0c:
		if (!data)
			ts_printk("    cause: executing code from a "
				  "non-executable page (data, stack or "
				  "heap)\n");
		else if (write)
			ts_printk("    cause: writing to a read-only page\n");
		break;
	default:
		if (fsc == 0x21)
			ts_printk("    cause: unaligned access to Device "
				  "memory, or an unaligned exclusive or "
				  "atomic access\n");
		else if (fsc == 0x10)
			ts_printk("    cause: the memory system reported an "
				  "error (no device at this address?)\n");
		break;
	}
	if (!data) {
		char buf[96];

		ts_printk("    probably jumped to from %#lx %s (the link "
			  "register)\n", (unsigned long)r->x[30],
			  w->symbol(r->x[30], buf, sizeof(buf)));
	}
}

static void report_brk(unsigned int imm)
{
	if (imm == 0x3e8)
		ts_printk("    cause: __builtin_trap(): the compiler's trap "
			  "for a path that must never run\n");
	else if (imm == 0)
		ts_printk("    cause: ts_arch_breakpoint() or a debugger's "
			  "breakpoint with no debugger attached\n");
}

static void report_undefined(const struct ts_regs *r)
{
	/* pc is mapped and executable, or this would be an instruction
	 * abort; and it is 4-byte aligned, or a PC alignment fault. */
	uint32_t insn = *(const volatile uint32_t *)(uintptr_t)r->pc;

	ts_printk("    instruction %08x at PC\n", (unsigned int)insn);
	if (insn == INSN_SEMIHOSTING)
		ts_printk("    cause: a semihosting call (hlt #0xf000) with "
			  "no debugger or QEMU -semihosting to answer it: "
			  "an image built for QEMU (*_QEMU_EXIT option) on "
			  "real hardware?\n");
	else if ((insn >> 16) == 0)
		ts_printk("    cause: udf #%u, a permanently undefined "
			  "instruction\n", insn & 0xffff);
	else
		ts_printk("    cause: the CPU does not know this instruction, "
			  "or it is not allowed at EL1\n");
}

static void report_pstate(uint64_t p)
{
	static const char *const modes[16] = {
		[0] = "EL0t", [4] = "EL1t", [5] = "EL1h", [8] = "EL2t",
		[9] = "EL2h", [12] = "EL3t", [13] = "EL3h",
	};
	const char *mode = (p & 0x10) ? "AArch32" :
			   modes[p & 0xf] ? modes[p & 0xf] : "?";

	ts_printk("    SPSR %#010lx [%c%c%c%c %c%c%c%c] %s%s%s\n",
		  (unsigned long)p,
		  (p & (1UL << 31)) ? 'N' : 'n', (p & (1UL << 30)) ? 'Z' : 'z',
		  (p & (1UL << 29)) ? 'C' : 'c', (p & (1UL << 28)) ? 'V' : 'v',
		  (p & (1UL << 9)) ? 'D' : 'd', (p & (1UL << 8)) ? 'A' : 'a',
		  (p & (1UL << 7)) ? 'I' : 'i', (p & (1UL << 6)) ? 'F' : 'f',
		  mode, (p & (1UL << 21)) ? " SS" : "",
		  (p & (1UL << 20)) ? " IL" : "");
}

static const char *const kind_name[4] = {
	"synchronous exception", "unexpected IRQ", "unexpected FIQ", "SError"
};

static const struct ts_arch_stack stacks[] = {
	{ "boot stack", (uintptr_t)_ts_boot_stack_guard,
	  (uintptr_t)_ts_boot_stack_bottom, (uintptr_t)_ts_boot_stack_top },
	{ "exception stack", (uintptr_t)_ts_exc_stack_guard,
	  (uintptr_t)_ts_exc_stack_bottom, (uintptr_t)_ts_exc_stack_top },
};

int ts_arch_stacks(const struct ts_arch_stack **out)
{
	*out = stacks;
	return sizeof(stacks) / sizeof(stacks[0]);
}

const char *ts_arch_addr_words(uint64_t a)
{
	if (a >> 48)
		return "outside the 48-bit address space";
	return NULL;
}

void ts_arch_fault_title(const struct ts_regs *r, char *buf,
			 unsigned long len)
{
	unsigned int kind = TS_ARM64_VEC_KIND(r->vector);
	unsigned int ec = TS_ARM64_ESR_EC(r->esr);
	uint32_t iss = TS_ARM64_ESR_ISS(r->esr);

	/* ESR_EL1 describes synchronous exceptions and SErrors only. */
	if (kind == TS_ARM64_VEC_IRQ || kind == TS_ARM64_VEC_FIQ)
		snprintf(buf, len, "%s at PC %#lx", kind_name[kind],
			 (unsigned long)r->pc);
	else if (ec == TS_ARM64_EC_BRK64)
		snprintf(buf, len, "breakpoint instruction (brk #%#x) at PC "
			 "%#lx", iss & 0xffff, (unsigned long)r->pc);
	else
		snprintf(buf, len, "%s (EC %#x) at PC %#lx",
			 kind == TS_ARM64_VEC_SERROR ? "SError" : ec_name(ec),
			 ec, (unsigned long)r->pc);
}

int ts_arch_fault_address(const struct ts_regs *r, uint64_t *addr)
{
	unsigned int ec = TS_ARM64_ESR_EC(r->esr);

	if (TS_ARM64_VEC_KIND(r->vector) != TS_ARM64_VEC_SYNC ||
	    (ec != TS_ARM64_EC_DABT_LOW && ec != TS_ARM64_EC_DABT_CUR &&
	     ec != TS_ARM64_EC_IABT_LOW && ec != TS_ARM64_EC_IABT_CUR) ||
	    (TS_ARM64_ESR_ISS(r->esr) & ISS_FNV))
		return -1;
	*addr = r->far;
	return 0;
}

void ts_arch_fault_raw(const struct ts_regs *r)
{
	ts_plat_console_puts(", ESR ");
	ts_plat_console_puthex(r->esr);
	ts_plat_console_puts(" at PC ");
	ts_plat_console_puthex(r->pc);
	ts_plat_console_puts(" (FAR ");
	ts_plat_console_puthex(r->far);
	ts_plat_console_puts(")");
}

void ts_arch_fault_describe(const struct ts_regs *r,
			    const struct ts_fault_words *w)
{
	unsigned int kind = TS_ARM64_VEC_KIND(r->vector);
	unsigned int group = TS_ARM64_VEC_GROUP(r->vector);
	unsigned int ec = TS_ARM64_ESR_EC(r->esr);
	uint32_t iss = TS_ARM64_ESR_ISS(r->esr);

	if (group == TS_ARM64_VEC_EL1_SPX)
		ts_printk("    taken inside an exception handler\n");
	else if (group != TS_ARM64_VEC_EL1_SP0)
		ts_printk("    taken from a lower exception level (%s), which "
			  "this kernel never runs\n",
			  group == TS_ARM64_VEC_LOWER64 ? "AArch64" :
							  "AArch32");

	if (kind == TS_ARM64_VEC_SYNC || kind == TS_ARM64_VEC_SERROR)
		ts_printk("    ESR %#010lx: EC %#x, %s instruction, ISS %#x\n",
			  (unsigned long)r->esr, ec,
			  (r->esr & ESR_IL) ? "32-bit" : "16-bit", iss);

	if (kind == TS_ARM64_VEC_SERROR) {
		ts_printk("    cause: an asynchronous abort, reported late: "
			  "a device or the memory system signalled an "
			  "error (PC is where it was noticed)\n");
		return;
	}
	if (kind != TS_ARM64_VEC_SYNC)
		return;
	switch (ec) {
	case TS_ARM64_EC_DABT_LOW:
	case TS_ARM64_EC_DABT_CUR:
		report_abort(r, 1, w);
		break;
	case TS_ARM64_EC_IABT_LOW:
	case TS_ARM64_EC_IABT_CUR:
		report_abort(r, 0, w);
		break;
	case TS_ARM64_EC_UNKNOWN:
		report_undefined(r);
		break;
	case TS_ARM64_EC_BRK64:
		report_brk(iss & 0xffff);
		break;
	case TS_ARM64_EC_PC_ALIGN: {
		char buf[96];

		ts_printk("    cause: a jump to an address that is not a "
			  "multiple of 4 (a corrupt function pointer or "
			  "return address?)\n");
		report_far(r->far, w);
		ts_printk("    jumped to from about %#lx %s (the link "
			  "register)\n", (unsigned long)r->x[30],
			  w->symbol(r->x[30], buf, sizeof(buf)));
		break;
	}
	case TS_ARM64_EC_SP_ALIGN:
		ts_printk("    cause: the stack pointer %#lx is not a "
			  "multiple of 16 at a memory access\n",
			  (unsigned long)r->sp);
		break;
	case TS_ARM64_EC_SVC64:
	case TS_ARM64_EC_HVC64:
	case TS_ARM64_EC_SMC64:
		ts_printk("    immediate #%#x; nothing here handles it\n",
			  iss & 0xffff);
		break;
	case TS_ARM64_EC_FP_ACCESS:
		ts_printk("    cause: FP/SIMD is disabled (CPACR_EL1.FPEN) or "
			  "trapped by EL2\n");
		break;
	default:
		break;
	}
}

void ts_arch_regs_print(const struct ts_regs *r)
{
	int i;

	ts_printk("    PC  %#018lx  LR  %#018lx  SP  %#018lx\n",
		  (unsigned long)r->pc, (unsigned long)r->x[30],
		  (unsigned long)r->sp);
	report_pstate(r->pstate);
	ts_printk("    ELR_EL1 %#lx  ESR_EL1 %#lx  FAR_EL1 %#lx\n",
		  (unsigned long)r->pc, (unsigned long)r->esr,
		  (unsigned long)r->far);
	for (i = 0; i < 28; i += 4)
		ts_printk("    x%-2d %016lx x%-2d %016lx x%-2d %016lx "
			  "x%-2d %016lx\n", i, (unsigned long)r->x[i], i + 1,
			  (unsigned long)r->x[i + 1], i + 2,
			  (unsigned long)r->x[i + 2], i + 3,
			  (unsigned long)r->x[i + 3]);
	ts_printk("    x28 %016lx x29 %016lx x30 %016lx sp  %016lx\n",
		  (unsigned long)r->x[28], (unsigned long)r->x[29],
		  (unsigned long)r->x[30], (unsigned long)r->sp);
}

int ts_arch_entry_return(const struct ts_regs *r, uint64_t *where)
{
	*where = r->x[30];
	return 1;
}

/* bl: 100101 and a signed word offset from the bl itself. */
int ts_arch_is_call_to(uint64_t ret, uint64_t start)
{
	uint32_t insn = *(const volatile uint32_t *)(uintptr_t)(ret - 4);
	int64_t off;

	if ((insn & 0xfc000000U) != 0x94000000U)
		return 0;
	off = (int64_t)((uint64_t)(insn & 0x03ffffffU) << 38) >> 36;
	return ret - 4 + (uint64_t)off == start;
}
