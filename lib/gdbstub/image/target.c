/* The stub's machine: struct ts_gdb_target on the CPU's debug facilities
 * (<ts/arch/debug.h>) seen as GDB sees them (../arch/<arch>/, "gdb_arch.h")
 * and a polled UART (<ts/plat/debug_uart.h>), and the one place where the
 * program stops for GDB. */
#include <errno.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/arch/debug.h>
#include <ts/debug.h>
#include <ts/plat/console.h>
#include <ts/plat/debug_uart.h>
#include <ts/plat/power.h>
#include <ts/plat/time.h>
#include "gdb_arch.h"
#include "image.h"

struct ts_gdb gdbstub_session;
int gdbstub_uart = CONFIG_LIB_GDBSTUB_UART;
bool gdbstub_ready;

/* The stopped program: its registers, the FP/SIMD state saved with them
 * (NULL when the stop has none: a ts_panic()) and its thread; NULL while
 * it runs. */
static struct ts_regs *stopped_regs;
static void *stopped_fp;
static long stopped_thread;
/* The stop is a fatal one (gdbstub_enter_fatal()): r is never resumed. */
static bool stopped_fatal;

static void chan_write(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	ts_plat_debug_uart_write(gdbstub_uart, buf, len);
}

/* Blocks: while stopped there is nothing else to do. A serial line
 * cannot tell that GDB went away, so this never returns -1.
 *
 * GDB may send its first packet before the stub listens: a UART set up
 * at boot (QEMU's PL011 empties its receive FIFO then) can lose it, and
 * GDB waits remotetimeout seconds before it sends it again. Until a
 * byte has come from GDB, a '-' (the protocol's "send that again")
 * after each second of silence makes it resend at once; with nobody
 * connected the byte goes nowhere. Once GDB is heard from, no more:
 * its packet is arriving. A '-' that crossed GDB's packet on the line
 * makes GDB send it twice; the engine answers the copy with an ack
 * alone (framing.c), so GDB still reads one reply per request. */
#define NAK_AFTER_NS	1000000000ULL

static int chan_getc(void *ctx)
{
	uint64_t quiet_since = ts_plat_time_ns();
	int c;

	(void)ctx;
	while ((c = ts_plat_debug_uart_getc(gdbstub_uart)) < 0) {
		if (ts_gdb_heard_from_peer(&gdbstub_session) ||
		    ts_plat_time_ns() - quiet_since < NAK_AFTER_NS)
			continue;
		ts_plat_debug_uart_write(gdbstub_uart, "-", 1);
		quiet_since = ts_plat_time_ns();
	}
	return c;
}

static int reg_read(void *ctx, long thread, unsigned int regno, uint8_t *buf)
{
	struct ts_regs r;

	(void)ctx;
	if (thread <= 0 || thread == stopped_thread)
		return gdbstub_arch_reg_read(stopped_regs, stopped_fp, regno,
					    buf);
	/* Not the other threads' FP/SIMD registers: their switch frames
	 * hold at most the callee-saved part. */
	if (gdbstub_thread_regs(thread, &r))
		return -ENODATA;
	return gdbstub_arch_reg_read(&r, NULL, regno, buf);
}

/* Only the stopped thread's registers can change: the others' live in
 * their switch frames, where a change would not survive the switch. */
static int reg_write(void *ctx, long thread, unsigned int regno,
		     const uint8_t *buf)
{
	(void)ctx;
	if (thread > 0 && thread != stopped_thread)
		return -EPERM;
	return gdbstub_arch_reg_write(stopped_regs, stopped_fp, regno, buf);
}

static long mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	return ts_arch_mem_read_safe(addr, buf, len);
}

static int mem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	(void)ctx;
	return ts_arch_mem_write_safe(addr, buf, len);
}

static int hw_break(void *ctx, bool insert, enum ts_gdb_bp_type type,
		    uint64_t addr, uint64_t kind)
{
	(void)ctx;
	return insert ? ts_arch_dbg_hw_insert((int)type, addr, kind) :
			ts_arch_dbg_hw_remove((int)type, addr, kind);
}

static void hw_clear(void *ctx)
{
	(void)ctx;
	ts_arch_dbg_hw_clear();
}

/* One CPU, and other threads run only when the stopped one lets them:
 * a step always steps the stopped thread (GDB asks for that one unless
 * the user switched threads with scheduler-locking on). */
static int resume(void *ctx, const struct ts_gdb_resume *r)
{
	(void)ctx;
	/* A fatal stop is not resumed, so not stepped either: on arm64
	 * the step would be armed in the CPU for the stub's own code. */
	if (stopped_regs && !stopped_fatal)
		return ts_arch_dbg_single_step(stopped_regs,
					       r->kind == TS_GDB_RESUME_STEP);
	return 0;
}

/* 'k': the machine stops with the crash status (QEMU exits). */
static void kill(void *ctx)
{
	(void)ctx;
	ts_plat_poweroff(TS_EXIT_CRASH);
}

static void reboot(void *ctx)
{
	(void)ctx;
	ts_plat_reset();
}

static const uint8_t break_insn[] = GDBSTUB_ARCH_BREAK_INSN;
static const uint8_t expedite[] = GDBSTUB_ARCH_EXPEDITE;

struct ts_gdb_target gdbstub_target = {
	.write = chan_write,
	.getc = chan_getc,
	.target_xml = gdbstub_arch_target_xml,
	.nregs = GDBSTUB_ARCH_NREGS,
	.nregs_g = GDBSTUB_ARCH_NREGS_G,
	.pc_regno = GDBSTUB_ARCH_PC,
	.reg_size = gdbstub_arch_reg_size,
	.reg_read = reg_read,
	.reg_write = reg_write,
	.expedite = expedite,
	.nexpedite = sizeof(expedite),
	.mem_read = mem_read,
	.mem_write = mem_write,
	.break_insn = GDBSTUB_ARCH_BREAK_INSN,
	.break_len = sizeof(break_insn),
	.hw_break = hw_break,
	.hw_clear = hw_clear,
	.resume = resume,
	.kill = kill,
	.reboot = reboot,
	.thread_next = gdbstub_thread_next,
	.thread_describe = gdbstub_thread_describe,
	.monitor = gdbstub_monitor_cmds,
	.nmonitor = 0,	/* set at init: the table's size is monitor.c's */
};

void gdbstub_announce(const char *why)
{
	static bool told;

	if (ts_gdb_attached(&gdbstub_session))
		return;
	/* A user who types "watch" should know before why it fails. */
	if (!told && !ts_arch_dbg_hw_count(1) && !ts_arch_dbg_hw_count(2))
		ts_printk("gdbstub: a hypervisor keeps the debug registers: "
			  "steps emulated, no hardware watchpoints\n");
	told = true;
	ts_printk("gdbstub: %s: waiting for GDB on %s\n", why,
		  gdbstub_uart ? "the second UART" : "the console UART");
}

enum ts_gdb_event gdbstub_enter(struct ts_regs *r, struct ts_gdb_stop *st)
{
	enum ts_gdb_event ev;
	int was_on = ts_arch_irq_enabled();

	ts_arch_irq_disable();
	/* The program's watchpoints, hardware breakpoints and step must
	 * not fire in the stub's own code (its reads for GDB above all). */
	ts_arch_dbg_stub_enter();
	stopped_regs = r;
	stopped_fp = ts_arch_trap_fpstate(r);
	gdbstub_threads_snapshot();
	stopped_thread = gdbstub_current_thread();
	st->thread = stopped_thread;
	ev = ts_gdb_stopped(&gdbstub_session, st);
	if (ev == TS_GDB_EV_DETACH && !stopped_fatal)
		ts_arch_dbg_single_step(r, false);
	stopped_regs = NULL;
	stopped_fp = NULL;
	/* GDB changes its syscall catchpoints while the program stops. */
	gdbstub_syscalls_sync();
	ts_arch_dbg_stub_leave();
	if (was_on)
		ts_arch_irq_enable();
	return ev;
}

enum ts_gdb_event gdbstub_enter_fatal(struct ts_regs *r,
				      struct ts_gdb_stop *st)
{
	enum ts_gdb_event ev;

	stopped_fatal = true;
	ev = gdbstub_enter(r, st);
	stopped_fatal = false;
	return ev;
}

/* Every debug exception: a breakpoint instruction (GDB's, or one
 * compiled in: ts_breakpoint()), a single step, a debug register. */
static int on_debug_event(struct ts_regs *r,
			  const struct ts_arch_dbg_info *info)
{
	struct ts_gdb_stop st = { TS_GDB_STOP_SIGNAL, TS_GDB_SIGTRAP, 0, 0, 0, 0 };

	if (stopped_regs)
		return 0;	/* inside the stub: a bug, report it */
	switch (info->event) {
	case TS_ARCH_DBG_BREAK_INSN:
		if (ts_gdb_is_sw_break(&gdbstub_session, info->insn_addr)) {
			/* GDB's: it wants the pc on its breakpoint. */
			ts_regs_set_pc(r, info->insn_addr);
			st.kind = TS_GDB_STOP_SWBREAK;
		} else if (gdbstub_take_syscall_stop(&st)) {
			/* catch syscall (image/syscall.c) */
			ts_arch_dbg_skip_break(r, info);
		} else {
			ts_arch_dbg_skip_break(r, info);
			gdbstub_announce("breakpoint in the code");
		}
		break;
	case TS_ARCH_DBG_STEP:
		break;
	case TS_ARCH_DBG_HWBREAK:
		st.kind = TS_GDB_STOP_HWBREAK;
		break;
	case TS_ARCH_DBG_WATCH_WRITE:
		st.kind = TS_GDB_STOP_WATCH;
		st.addr = info->data_addr;
		break;
	case TS_ARCH_DBG_WATCH_READ:
		st.kind = TS_GDB_STOP_RWATCH;
		st.addr = info->data_addr;
		break;
	case TS_ARCH_DBG_WATCH_ACCESS:
		st.kind = TS_GDB_STOP_AWATCH;
		st.addr = info->data_addr;
		break;
	}
	gdbstub_enter(r, &st);
	return 1;
}

/* The monitor commands: the image's own (monitor.c), then those other
 * libraries registered with TS_GDB_MONITOR (lib/vfs's fds), in one
 * table for the engine. */
extern const struct ts_gdb_monitor_cmd __start_ts_gdb_monitor[]
	__attribute__((weak));
extern const struct ts_gdb_monitor_cmd __stop_ts_gdb_monitor[]
	__attribute__((weak));
#define MONITOR_MAX 16
static struct ts_gdb_monitor_cmd monitor_cmds[MONITOR_MAX];

static void monitor_table(void)
{
	size_t n = 0;

	for (size_t i = 0; i < gdbstub_nmonitor_cmds && n < MONITOR_MAX; i++)
		monitor_cmds[n++] = gdbstub_monitor_cmds[i];
	for (const struct ts_gdb_monitor_cmd *c = __start_ts_gdb_monitor;
	     c && c < __stop_ts_gdb_monitor; c++) {
		if (n == MONITOR_MAX) {
			ts_log_warn("more than %d monitor commands: '%s' "
				    "and later ones left out", MONITOR_MAX,
				    c->name);
			break;
		}
		monitor_cmds[n++] = *c;
	}
	gdbstub_target.monitor = monitor_cmds;
	gdbstub_target.nmonitor = n;
}

void gdbstub_target_init(void)
{
	monitor_table();
	gdbstub_syscalls_init();
	ts_gdb_init(&gdbstub_session, &gdbstub_target);
	ts_arch_dbg_set_handler(on_debug_event);
}
