/* How the program comes to the stub: the boot option gdb.wait,
 * ts_breakpoint() in the code, and (LIB_GDBSTUB_STOP_ON_FATAL) every
 * panic and unexpected exception, after its report. */
#include <stdbool.h>
#include <ts/arch/cpu.h>
#include <ts/breakpoint.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/plat/debug_uart.h>
#include <ts/plat/power.h>
#include "gdb_arch.h"
#include "image.h"

static bool wait_at_boot;
TS_PARAM_BOOL(gdb, wait, wait_at_boot,
	      "stop at boot, before the libraries start, and wait for GDB");

/* While GDB is attached and the program runs, console output goes to
 * GDB as 'O' packets (the stub shares the console's UART); otherwise
 * the platform prints it. Interrupts off: the Ctrl-C poll must not
 * start a stop reply in the middle of an 'O' packet. */
static bool console_to_gdb(const char *buf, size_t len)
{
	int was_on = ts_arch_irq_enabled();
	bool taken;

	ts_arch_irq_disable();
	taken = ts_gdb_console_write(&gdbstub_session, buf, len);
	if (was_on)
		ts_arch_irq_enable();
	return taken;
}

void ts_breakpoint(void)
{
	/* Before the stub is set up the breakpoint instruction would be a
	 * fatal exception: there is no GDB to stop for yet. */
	if (gdbstub_ready)
		ts_arch_breakpoint();
}

#ifdef CONFIG_LIB_GDBSTUB_STOP_ON_FATAL
/* lib/debug's ts_debug_fatal_stop(), after the report: stop for GDB
 * with the faulting registers, so that `bt` starts in the function that
 * faulted. The program cannot go on after it (the trap frame is far up
 * the stack by now), so a resume reports the same stop again; detach
 * (or the end of GDB) lets the machine stop as without the stub. */
static void on_fatal(struct ts_regs *fault)
{
	struct ts_gdb_stop st = { TS_GDB_STOP_SIGNAL, 0, 0, 0, 0, 0 };
	struct ts_regs inside, *r = fault;
	enum ts_gdb_event ev;

	if (!gdbstub_ready)
		return;
	st.signal = gdbstub_arch_fault_signal(r);
	if (!st.signal && ts_debug_panic_regs()) {
		/* SIGABRT: ts_panic(), a failed assertion. The report's
		 * registers are those of the call, with its return address
		 * for pc: past the end of a caller that ends with the call,
		 * where GDB finds no function (frame #0 "??") and unwinds
		 * garbage. GDB gets the panic function's own registers
		 * instead: frame #0 is ts_panic() (or the assertion's),
		 * frame #1 the caller, every register right. */
		inside = *ts_debug_panic_regs();
		r = &inside;
	}
	if (!st.signal)
		st.signal = 6;	/* SIGABRT */
	gdbstub_announce("fatal error");
	for (;;) {
		ev = gdbstub_enter_fatal(r, &st);
		if (ev != TS_GDB_EV_RESUME)
			return;
		ts_printk("gdbstub: the program cannot go on after this "
			  "error; stopped again (detach or kill to end)\n");
		st.kind = TS_GDB_STOP_SIGNAL;
	}
}
#endif

/* The run ends (exit, or a crash that did not stop here) while GDB is
 * attached and the program runs: GDB is told, 'W' with the status or 'X'
 * for a crash, and shows "[Inferior 1 (process 1) exited ...]" instead
 * of "Remote connection closed". */
static void on_poweroff(int status)
{
	struct ts_gdb_stop st = { TS_GDB_STOP_EXITED, 0, 1, 0, status, 0 };

	if (!gdbstub_ready || !ts_gdb_attached(&gdbstub_session))
		return;
	ts_arch_irq_disable();
	if (status == TS_EXIT_CRASH)
		st.kind = TS_GDB_STOP_TERMINATED, st.signal = TS_GDB_SIGABRT;
	ts_gdb_stopped(&gdbstub_session, &st);
}

static int gdbstub_init(void)
{
	int rc = ts_plat_debug_uart_init(gdbstub_uart);

	if (rc) {
		ts_printk("gdbstub: no UART %d on this machine (error %d); "
			  "the stub is off\n", gdbstub_uart, rc);
		return 0;
	}
	gdbstub_target_init();
	if (gdbstub_uart == 0)
		ts_plat_console_set_hook(console_to_gdb);
	ts_plat_poweroff_set_hook(on_poweroff);
#ifdef CONFIG_LIB_GDBSTUB_STOP_ON_FATAL
	ts_debug_set_fatal_hook(on_fatal);
#endif
	gdbstub_ready = true;
	if (wait_at_boot) {
		gdbstub_announce("gdb.wait");
		/* GDB shows the stop here; "break main", "continue". */
		ts_breakpoint();
	}
	return 0;
}
/* Early: the libraries' own init functions can be debugged too. */
TS_INIT(gdbstub_init, TS_INIT_EARLY);

static int gdbstub_late_init(void)
{
	if (gdbstub_ready)
		gdbstub_poll_start();
	return 0;
}
TS_INIT(gdbstub_late_init, TS_INIT_LATE);
