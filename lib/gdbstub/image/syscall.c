/* "catch syscall" in the image (with lib/syscall): while GDB catches
 * system calls, lib/syscall's dispatcher calls stop_at_syscall() before
 * and after every call; for the calls GDB named it stops the program
 * with a breakpoint instruction, which the debug-exception hook
 * (target.c) reports as syscall_entry:NR or syscall_return:NR. Frame #0
 * of the stop is stop_at_syscall(), #1 the dispatcher ts_syscall(), #2
 * the code that made the call. */
#include <ts/arch/cpu.h>
#include <ts/syscall.h>
#include "image.h"

/* The stop being made: set just before the breakpoint instruction,
 * with interrupts off so that no other thread's call can come between. */
static struct {
	bool set;
	enum ts_gdb_stop_kind kind;
	long nr;
} pending;

static __attribute__((noinline)) void stop_at_syscall(enum ts_syscall_stop when,
						       long n, long ret)
{
	int was_on;

	if (!gdbstub_ready || !ts_gdb_catches_syscall(&gdbstub_session, n))
		return;
	was_on = ts_arch_irq_enabled();
	ts_arch_irq_disable();
	pending.set = true;
	pending.kind = when == TS_SYSCALL_STOP_ENTRY ?
		TS_GDB_STOP_SYSCALL_ENTRY : TS_GDB_STOP_SYSCALL_RETURN;
	pending.nr = n;
	ts_arch_breakpoint();
	/* ret stays in a register up to the stop: "print ret" at a return
	 * stop shows the call's result. */
	__asm__ volatile("" : : "r"(ret));
	if (was_on)
		ts_arch_irq_enable();
}

bool gdbstub_take_syscall_stop(struct ts_gdb_stop *st)
{
	if (!pending.set)
		return false;
	pending.set = false;
	st->kind = pending.kind;
	st->syscall = pending.nr;
	return true;
}

void gdbstub_syscalls_sync(void)
{
	ts_syscall_set_stop_hook(ts_gdb_catching_syscalls(&gdbstub_session) ?
				 stop_at_syscall : NULL);
}

void gdbstub_syscalls_init(void)
{
	gdbstub_target.syscalls = true;
}
