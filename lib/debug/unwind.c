/* The backtrace: return addresses along the chain of frame records
 * {previous frame pointer, return address} that every function keeps
 * (-fno-omit-frame-pointer; x86_64 and arm64 lay the record out alike).
 * Each frame pointer is checked before it is followed, so a corrupt
 * chain ends the walk with a line saying why instead of a second
 * fault. */
#include <stdint.h>
#include <ts/arch/trap.h>
#include <ts/plat/console.h>
#include <ts/symbols.h>
#include "debug_internal.h"

#define MAX_LINES 32

/* Why fp cannot be followed, or NULL. prev is the frame below it. */
static const char *bad_frame(uint64_t fp, uint64_t prev)
{
	if (fp & 7)
		return "misaligned";
	if (debug_guard_of(fp) || debug_guard_of(fp + 15))
		return "in a guard page below a stack";
	if (!debug_in_stack(fp, 16))
		return "outside the stack";
	if (prev && fp <= prev)
		return "does not go up the stack";
	if (!debug_in_ram(fp, 16))
		return "not in RAM";
	return NULL;
}

static void print_frame(int n, uint64_t addr, int is_return)
{
	const char *name;
	uintptr_t off;

	/* A return address may lie just past the end of a function that
	 * ends with a call; the call itself is one byte before. */
	if (!ts_symbol_lookup((uintptr_t)(addr - (is_return ? 1 : 0)), &name,
			      &off))
		ts_printk("    #%d 0x%016lx %s+0x%lx\n", n, (unsigned long)addr,
			  name, (unsigned long)(off + (is_return ? 1 : 0)));
#ifdef CONFIG_LIB_DEBUG_SYMBOLS
	else
		ts_printk("    #%d 0x%016lx ?\n", n, (unsigned long)addr);
#else
	else
		ts_printk("    #%d 0x%016lx\n", n, (unsigned long)addr);
#endif
}

static void print_repeats(int repeat)
{
	if (repeat)
		ts_printk("    (the same frame %d more time%s)\n", repeat,
			  repeat == 1 ? "" : "s");
}

/* Frame #0's function may not have saved its return address in a frame
 * record yet (a leaf without one, a fault in its prologue): then the
 * chain starts at its caller's caller. The architecture says where the
 * return address is at function entry; it is believed only when the
 * instruction before it calls this very function, and when the chain
 * does not already begin with it. Returns the lines printed (0 or 1). */
static int entry_caller(const struct ts_regs *r, uint64_t fp)
{
	const char *name;
	uintptr_t off;
	uint64_t where, ret;

	if (!r || ts_symbol_lookup((uintptr_t)ts_regs_pc(r), &name, &off))
		return 0;
	switch (ts_arch_entry_return(r, &where)) {
	case 1:
		ret = where;
		break;
	case 2:
		if (!debug_in_stack(where, 8))
			return 0;
		ret = *(const uint64_t *)(uintptr_t)where;
		break;
	default:
		return 0;
	}
	if (!debug_in_text(ret) || !debug_in_text(ret - 8) ||
	    !ts_arch_is_call_to(ret, ts_regs_pc(r) - off))
		return 0;
	if (!bad_frame(fp, 0) && ((const uint64_t *)(uintptr_t)fp)[1] == ret)
		return 0;
	print_frame(1, ret, 1);
	return 1;
}

void debug_backtrace(const struct ts_regs *r, uint64_t pc, uint64_t fp,
		     int pc_is_return)
{
	uint64_t prev = 0, last = pc;
	int lines = 1, repeat = 0;

#ifdef CONFIG_LIB_DEBUG_SYMBOLS
	ts_printk("    backtrace:\n");
#else
	ts_printk("    backtrace (no symbol table in this image: "
		  "addr2line -fe <image>.dbg <address>):\n");
#endif
	print_frame(0, pc, pc_is_return);
	if (!pc_is_return)
		lines += entry_caller(r, fp);
	while (fp) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)fp;
		const char *why = bad_frame(fp, prev);
		uint64_t ret;

		if (why) {
			print_repeats(repeat);
			repeat = 0;
			ts_printk("    (frame pointer 0x%lx %s: stopping)\n",
				  (unsigned long)fp, why);
			break;
		}
		ret = frame[1];
		if (ret == 0) /* the entry code's end of the chain */
			break;
		/* Deep recursion (a stack overflow) shows as one frame. */
		if (ret == last) {
			repeat++;
		} else {
			print_repeats(repeat);
			repeat = 0;
			if (lines == MAX_LINES) {
				ts_printk("    (more frames not shown)\n");
				break;
			}
			print_frame(lines++, ret, 1);
			last = ret;
			if (!debug_in_text(ret)) {
				ts_printk("    (return address outside the "
					  "image's code: stopping)\n");
				break;
			}
		}
		prev = fp;
		fp = frame[0];
	}
	print_repeats(repeat);
}
