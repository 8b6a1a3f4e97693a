/* GDB Remote Serial Protocol stub (lib/gdbstub).
 *
 * The protocol engine is a pure function of the bytes GDB sends and of a
 * target interface (struct ts_gdb_target): it knows nothing of the CPU,
 * the UART or the scheduler. The same code runs in the image (on a polled
 * UART, with the architecture's registers and debug hardware behind the
 * target), in the host unit tests (a fake target held in host memory)
 * and under libFuzzer.
 *
 * Flow in the image:
 *   - something stops the program (breakpoint, step, watchpoint, Ctrl-C,
 *     a fault, the gdb.wait boot option): the architecture's trap hook
 *     calls ts_gdb_stopped(), which talks to GDB until GDB resumes,
 *     detaches or kills; the target's resume() hook was told how to
 *     resume (continue or step, which thread, which signal);
 *   - while the program runs, the platform feeds received bytes with
 *     ts_gdb_feed(); TS_GDB_EV_INTERRUPT means Ctrl-C;
 *   - console output goes through ts_gdb_console_write(), which sends it
 *     as 'O' packets while GDB is attached and the program runs.
 *
 * The stub is not reentrant: one struct ts_gdb, used from one CPU with
 * interrupts off while stopped. */
#ifndef TS_GDBSTUB_H
#define TS_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest packet data GDB may send us (advertised as PacketSize in
 * qSupported); larger packets are refused with an error reply. */
#ifdef CONFIG_LIB_GDBSTUB_PACKET_SIZE
#define TS_GDB_PACKET_SIZE	CONFIG_LIB_GDBSTUB_PACKET_SIZE
#else
#define TS_GDB_PACKET_SIZE	4096
#endif
/* Replies: the largest register file in hex plus framing fits. */
#define TS_GDB_REPLY_SIZE	TS_GDB_PACKET_SIZE
/* Software breakpoints GDB may have inserted at once. */
#define TS_GDB_MAX_SW_BREAK	64
/* The longest breakpoint instruction of any architecture. */
#define TS_GDB_BREAK_MAX	8
/* The largest register, in bytes (x87 st registers are 10, vectors 16). */
#define TS_GDB_REG_MAX		64

/* Z/z packet types, numbered as in the protocol. */
enum ts_gdb_bp_type {
	TS_GDB_BP_SW = 0,	/* software breakpoint */
	TS_GDB_BP_HW = 1,	/* hardware breakpoint */
	TS_GDB_WP_WRITE = 2,	/* watchpoint: stop on write ("watch") */
	TS_GDB_WP_READ = 3,	/* stop on read ("rwatch") */
	TS_GDB_WP_ACCESS = 4,	/* stop on read or write ("awatch") */
};

/* Why the program stopped. */
enum ts_gdb_stop_kind {
	TS_GDB_STOP_SIGNAL,	/* a signal: step done, Ctrl-C, fault */
	TS_GDB_STOP_SWBREAK,	/* a software breakpoint GDB inserted */
	TS_GDB_STOP_HWBREAK,	/* a hardware breakpoint */
	TS_GDB_STOP_WATCH,	/* write watchpoint hit, at addr */
	TS_GDB_STOP_RWATCH,	/* read watchpoint hit, at addr */
	TS_GDB_STOP_AWATCH,	/* access watchpoint hit, at addr */
	TS_GDB_STOP_EXITED,	/* the program exited with status */
	TS_GDB_STOP_TERMINATED,	/* the program ended by signal (a crash) */
	TS_GDB_STOP_SYSCALL_ENTRY,	/* catch syscall: call number syscall */
	TS_GDB_STOP_SYSCALL_RETURN,	/* ... and its return */
};

/* System-call numbers "catch syscall" can name (QCatchSyscalls): every
 * architecture's are below it. */
#define TS_GDB_SYSCALL_MAX	1024

/* GDB's signal numbers used by the stub. */
#define TS_GDB_SIGINT	2
#define TS_GDB_SIGILL	4
#define TS_GDB_SIGTRAP	5
#define TS_GDB_SIGABRT	6
#define TS_GDB_SIGBUS	7	/* GDB numbering: 10 on the wire is SIGBUS */
#define TS_GDB_SIGFPE	8
#define TS_GDB_SIGSEGV	11

struct ts_gdb_stop {
	enum ts_gdb_stop_kind kind;
	int signal;		/* GDB signal number (TS_GDB_SIG*) */
	long thread;		/* the thread that stopped, > 0 */
	uint64_t addr;		/* the data address of a watchpoint hit */
	int status;		/* TS_GDB_STOP_EXITED */
	long syscall;		/* TS_GDB_STOP_SYSCALL_*: the call's number */
};

/* How GDB wants the program resumed (c, s, C, S, vCont). */
enum ts_gdb_resume_kind { TS_GDB_RESUME_CONTINUE, TS_GDB_RESUME_STEP };

struct ts_gdb_resume {
	enum ts_gdb_resume_kind kind;
	int signal;		/* to deliver, 0 for none */
	long thread;		/* the thread to run or step (> 0) */
};

struct ts_gdb;

/* A monitor command ("monitor NAME ARGS" in GDB): prints its output with
 * ts_gdb_monitor_print(). Returns 0, or > 0 for an error reply (after
 * printing why: bad arguments are refused, not ignored). */
struct ts_gdb_monitor_cmd {
	const char *name;
	const char *help;
	int (*fn)(struct ts_gdb *g, const char *args);
};

/* A library adds a monitor command to the in-image stub from its own
 * code, so that the stub needs to know nothing of it (lib/vfs's "fds"):
 *   TS_GDB_MONITOR(fds, "fds", "open file descriptors", mon_fds);
 * An entry in the linker section ts_gdb_monitor (plat/common/tables.lds),
 * compiled only where the library has CONFIG_LIB_GDBSTUB. */
#define TS_GDB_MONITOR(id, cmdname, cmdhelp, cmdfn)                         \
	static const struct ts_gdb_monitor_cmd __ts_gdb_monitor_##id        \
	    __attribute__((used, aligned(8), section("ts_gdb_monitor"))) = { \
		cmdname, cmdhelp, cmdfn                                     \
	}

/* What the stub needs from the machine. Every hook gets ctx. Optional
 * hooks may be NULL; the stub then answers as the protocol wants for an
 * unsupported feature (usually an empty reply). */
struct ts_gdb_target {
	void *ctx;

	/* The channel to GDB: write len raw bytes (no newline
	 * translation); getc blocks for one byte, -1 when the channel is
	 * gone (the stub then behaves as if GDB had detached). */
	void (*write)(void *ctx, const char *buf, size_t len);
	int (*getc)(void *ctx);

	/* qXfer:features:read:target.xml; NULL: none. */
	const char *target_xml;

	/* Registers by GDB number (the order of target_xml). nregs_g of
	 * them make up the g/G packet; p/P accept 0..nregs-1. reg_size[n]
	 * is register n's size in bytes (<= TS_GDB_REG_MAX). reg_read
	 * fills buf in target byte order and returns 0, -ENODATA when the
	 * value is not available (sent as "xx"), another negative errno
	 * on failure; thread is the one selected with Hg (> 0). pc_regno:
	 * the register "c ADDR" and "s ADDR" set. */
	unsigned int nregs, nregs_g, pc_regno;
	const uint8_t *reg_size;
	int (*reg_read)(void *ctx, long thread, unsigned int regno,
			uint8_t *buf);
	int (*reg_write)(void *ctx, long thread, unsigned int regno,
			 const uint8_t *buf);
	/* Registers sent with every stop reply (the pc, the stack and
	 * frame pointers), so that GDB need not fetch the whole register
	 * file to show where the program stopped or to step again:
	 * nexpedite numbers, each < nregs. */
	const uint8_t *expedite;
	unsigned int nexpedite;

	/* Memory on GDB's behalf. They never fault: an unmapped or device
	 * address gives an error. mem_read returns how many bytes it read
	 * from the start (fewer than len when the range runs into an
	 * unreadable page) or a negative errno; mem_write returns 0 or a
	 * negative errno and takes care of write-protected text (and of the
	 * instruction cache). */
	long (*mem_read)(void *ctx, uint64_t addr, void *buf, size_t len);
	int (*mem_write)(void *ctx, uint64_t addr, const void *buf,
			 size_t len);

	/* Software breakpoints: the instruction the stub writes (Z0 kind
	 * must equal break_len). break_len 0: no software breakpoints. */
	uint8_t break_insn[TS_GDB_BREAK_MAX];
	size_t break_len;

	/* Hardware breakpoints and watchpoints (Z1-Z4): 0, -ENOSYS when
	 * that type is not supported (empty reply), another negative errno
	 * (e.g. -ENOSPC: no free debug register) for an error reply. */
	int (*hw_break)(void *ctx, bool insert, enum ts_gdb_bp_type type,
			uint64_t addr, uint64_t kind);
	/* Remove every hardware breakpoint (detach). */
	void (*hw_clear)(void *ctx);

	/* Prepare the resumption; the program runs once ts_gdb_stopped()
	 * returned. A negative errno refuses it (a step the CPU cannot
	 * take here): GDB gets an error and the program stays stopped. */
	int (*resume)(void *ctx, const struct ts_gdb_resume *r);
	/* 'k': does not have to return. */
	void (*kill)(void *ctx);
	/* "monitor reboot": restart the machine (NULL: kill() instead). */
	void (*reboot)(void *ctx);

	/* Threads, by id > 0. thread_next(0) is the first, thread_next(id)
	 * the one after id, 0 after the last. thread_describe writes a
	 * NUL-terminated "name (state)" text. NULL hooks: one thread, 1. */
	long (*thread_next)(void *ctx, long prev);
	int (*thread_describe)(void *ctx, long id, char *buf, size_t size);

	/* The program makes system calls the target can stop at (the
	 * image's lib/syscall): the stub offers QCatchSyscalls ("catch
	 * syscall" in GDB) and keeps the set GDB asks for; the target
	 * reads it with ts_gdb_catches_syscall() and reports the stops
	 * as TS_GDB_STOP_SYSCALL_ENTRY/_RETURN. */
	bool syscalls;

	/* Extra monitor commands, and the ones the stub knows by name but
	 * cannot do itself ("trace", "heap", "reboot" without kill):
	 * commands missing here print "not available in this image". */
	const struct ts_gdb_monitor_cmd *monitor;
	size_t nmonitor;
};

/* Events ts_gdb_feed() returns. */
enum ts_gdb_event {
	TS_GDB_EV_NONE,		/* keep feeding */
	TS_GDB_EV_RESUME,	/* GDB resumed the program (resume() called) */
	TS_GDB_EV_DETACH,	/* GDB detached: run without it */
	TS_GDB_EV_KILL,		/* GDB killed the program (kill() called) */
	TS_GDB_EV_INTERRUPT,	/* Ctrl-C while running */
};

struct ts_gdb_sw_break {
	uint64_t addr;
	uint8_t saved[TS_GDB_BREAK_MAX];
	bool used;
};

/* The session. Opaque in spirit: use the functions below. */
struct ts_gdb {
	const struct ts_gdb_target *t;

	/* receiver */
	int rx_state;
	size_t rx_len, rx_raw;		/* stored / received data bytes */
	uint8_t rx_sum, rx_csum;
	bool rx_escape, rx_overflow, rx_csum_bad;
	char rx_buf[TS_GDB_PACKET_SIZE + 1];

	/* the last packet sent, kept for retransmission on '-' */
	char tx_buf[TS_GDB_REPLY_SIZE + 8];
	size_t tx_len;
	bool tx_full;			/* the reply being built overflowed */

	/* The last packet handled, for telling GDB's retransmission of it
	 * from a new request (framing.c): its length and hash, and whether
	 * GDB has acknowledged nothing since (no '+' yet). */
	size_t rx_last_len;
	uint32_t rx_last_hash;
	bool rx_last_unacked;
	bool heard;			/* a byte came from GDB this session */

	bool no_ack;			/* QStartNoAckMode accepted */
	bool attached;			/* GDB spoke to us since the last D */
	bool running;			/* resumed, a stop reply is owed */
	bool peer_swbreak, peer_hwbreak, peer_error_message;

	long g_thread, c_thread;	/* Hg, Hc (0: any, -1: all) */
	long list_cursor;		/* qsThreadInfo continues after it */
	struct ts_gdb_stop last_stop;
	enum ts_gdb_event event;	/* set by the packet being handled */

	struct ts_gdb_sw_break sw[TS_GDB_MAX_SW_BREAK];

	/* QCatchSyscalls: none, every call, or those in catch_set. */
	enum { TS_GDB_CATCH_NONE, TS_GDB_CATCH_ALL, TS_GDB_CATCH_SOME }
		catch_syscalls;
	uint8_t catch_set[TS_GDB_SYSCALL_MAX / 8];

	/* counters, for "monitor stub" and tests */
	unsigned long bad_checksums, oversize, retransmits, resent_by_peer;
};

/* Start a session on target t (which must outlive it). */
void ts_gdb_init(struct ts_gdb *g, const struct ts_gdb_target *t);

/* Handle one byte from GDB. Replies go out through t->write. */
enum ts_gdb_event ts_gdb_feed(struct ts_gdb *g, uint8_t byte);

/* The program stopped for why: reports it to GDB (when GDB is waiting
 * for a stop) and serves packets read with t->getc until GDB resumes,
 * detaches or kills the program, or the channel closes. */
enum ts_gdb_event ts_gdb_stopped(struct ts_gdb *g,
				 const struct ts_gdb_stop *why);

/* Console output while the program runs: true when it went to GDB as
 * 'O' packets, false when GDB is not attached (print it yourself). */
bool ts_gdb_console_write(struct ts_gdb *g, const char *buf, size_t len);

/* Output of a monitor command (sent as 'O' packets). */
void ts_gdb_monitor_print(struct ts_gdb *g, const char *s);

/* Whether GDB inserted a software breakpoint at addr: the trap hook's
 * way to tell GDB's breakpoints from ts_breakpoint() in the code. */
bool ts_gdb_is_sw_break(const struct ts_gdb *g, uint64_t addr);

/* Whether GDB wants a stop at system call nr ("catch syscall"), and
 * whether it wants any. */
bool ts_gdb_catches_syscall(const struct ts_gdb *g, long nr);
static inline bool ts_gdb_catching_syscalls(const struct ts_gdb *g)
{
	return g->catch_syscalls != TS_GDB_CATCH_NONE;
}

/* Whether no packet is being received (the receiver waits for a '$'). */
bool ts_gdb_between_packets(const struct ts_gdb *g);

/* Whether any byte came from GDB since the session began (or GDB last
 * detached): before that, nothing GDB sent has arrived. */
static inline bool ts_gdb_heard_from_peer(const struct ts_gdb *g)
{
	return g->heard;
}

/* Whether GDB is attached (it spoke to us and did not detach). */
static inline bool ts_gdb_attached(const struct ts_gdb *g)
{
	return g->attached;
}

#endif
