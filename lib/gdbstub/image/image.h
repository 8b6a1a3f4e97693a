/* What the image side of lib/gdbstub shares between its files: the one
 * session, the UART it talks on, the stop entry, the thread list. */
#ifndef GDBSTUB_IMAGE_H
#define GDBSTUB_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <ts/arch/regs.h>
#include <ts/gdbstub.h>

extern struct ts_gdb gdbstub_session;
extern struct ts_gdb_target gdbstub_target;
extern int gdbstub_uart;		/* which of <ts/plat/debug_uart.h> */
extern bool gdbstub_ready;		/* set up: stops may happen */

/* Stop the program at the registers r (a trap frame, or the frame an
 * interrupt interrupted) and serve GDB until it resumes, detaches or
 * kills. Interrupts stay off meanwhile. Returns what ended the stop. */
enum ts_gdb_event gdbstub_enter(struct ts_regs *r, struct ts_gdb_stop *st);
/* The same for a fatal stop (a panic, an unexpected exception): r is
 * never resumed, so a step is not armed for it. */
enum ts_gdb_event gdbstub_enter_fatal(struct ts_regs *r,
				      struct ts_gdb_stop *st);

/* Session and debug-exception handler set up (target.c). */
void gdbstub_target_init(void);

/* "gdbstub: <why>: waiting for GDB on <uart>" when GDB is not attached. */
void gdbstub_announce(const char *why);

/* Threads (image/threads.c with lib/sched, image/one_thread.c without):
 * a list taken when the program stops, ordered by id. */
void gdbstub_threads_snapshot(void);
long gdbstub_current_thread(void);
long gdbstub_thread_next(void *ctx, long prev);
int gdbstub_thread_describe(void *ctx, long id, char *buf, size_t size);
/* The saved registers of a thread that is not running: 0, -ENOENT. */
int gdbstub_thread_regs(long id, struct ts_regs *r);

/* image/monitor.c: the commands only the image can do. */
extern const struct ts_gdb_monitor_cmd gdbstub_monitor_cmds[];
extern const size_t gdbstub_nmonitor_cmds;

/* image/poll.c: start polling the UART for Ctrl-C (a timer). */
void gdbstub_poll_start(void);

/* image/syscall.c (with lib/syscall; no_syscall.c without): "catch
 * syscall". init offers it to GDB; sync, after each stop, hooks the
 * dispatcher while GDB catches calls and unhooks it when it no longer
 * does; take_syscall_stop, in the debug-exception hook, says whether the
 * breakpoint instruction was a system-call stop and fills in st. */
void gdbstub_syscalls_init(void);
void gdbstub_syscalls_sync(void);
bool gdbstub_take_syscall_stop(struct ts_gdb_stop *st);

#endif
