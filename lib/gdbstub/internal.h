/* lib/gdbstub internals shared by its files; not part of the API. */
#ifndef LIB_GDBSTUB_INTERNAL_H
#define LIB_GDBSTUB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/gdbstub.h>

/* ---- hex.c: numbers and hex text ---------------------------------- */
int gdb_hexval(int c);
/* A hex number of 1 to 16 digits at *p; advances *p. */
bool gdb_parse_hex(const char **p, uint64_t *v);
/* A thread id at *p: "-1" (all), hex, optionally "pPID." in front. */
bool gdb_parse_thread(const char **p, long *id);
/* Decode n hex characters into n / 2 bytes (out may be s itself).
 * Returns false if n is odd or a character is not a hex digit. */
bool gdb_hex_decode(const char *s, size_t n, uint8_t *out);
/* v in base 10 or 16 into buf (at least 21 bytes), NUL-terminated. */
char *gdb_fmt_ulong(char *buf, unsigned long v, unsigned int base);

/* ---- framing.c: building and sending replies ---------------------- */
void gdb_reply_begin(struct ts_gdb *g);
void gdb_put(struct ts_gdb *g, char c);
void gdb_puts(struct ts_gdb *g, const char *s);
void gdb_put_hex_bytes(struct ts_gdb *g, const void *buf, size_t n);
void gdb_put_hex_byte(struct ts_gdb *g, unsigned int b);
void gdb_put_hex_num(struct ts_gdb *g, uint64_t v);
/* Room left in the reply being built, in characters. */
size_t gdb_reply_room(const struct ts_gdb *g);
/* Frame and send the reply; a reply that overflowed is replaced by an
 * error (a handler bug must not become a truncated packet). */
void gdb_reply_end(struct ts_gdb *g);
void gdb_reply(struct ts_gdb *g, const char *s);
/* GDB is gone (detach, kill, the end of the run, the line): the next
 * one starts a session afresh, in ack mode. */
void gdb_end_session(struct ts_gdb *g);
/* Error reply: "E.text" when GDB accepts error messages, else "Ecode". */
void gdb_reply_error(struct ts_gdb *g, unsigned int code, const char *text);

/* Error codes of E replies (errno numbers, as other stubs send). */
#define GDB_E_PERM	0x01
#define GDB_E_FAULT	0x0e
#define GDB_E_INVAL	0x16
#define GDB_E_NOSPC	0x1c
#define GDB_E_TOOBIG	0x07

/* ---- dispatch.c ----------------------------------------------------- */
/* One packet's data (NUL-terminated at pkt[len]; X data may hold NULs). */
void gdb_handle_packet(struct ts_gdb *g, char *pkt, size_t len);

typedef void gdb_handler_fn(struct ts_gdb *g, char *pkt, size_t len);
gdb_handler_fn gdb_cmd_read_regs, gdb_cmd_write_regs, gdb_cmd_read_reg,
	gdb_cmd_write_reg;
gdb_handler_fn gdb_cmd_read_mem, gdb_cmd_write_mem, gdb_cmd_write_bin;
gdb_handler_fn gdb_cmd_insert_bp, gdb_cmd_remove_bp;
gdb_handler_fn gdb_cmd_continue, gdb_cmd_step, gdb_cmd_vcont_query,
	gdb_cmd_vcont, gdb_cmd_detach, gdb_cmd_kill, gdb_cmd_vkill,
	gdb_cmd_stop_query;
gdb_handler_fn gdb_cmd_set_thread, gdb_cmd_thread_alive,
	gdb_cmd_current_thread, gdb_cmd_thread_first, gdb_cmd_thread_more,
	gdb_cmd_thread_extra;
gdb_handler_fn gdb_cmd_supported, gdb_cmd_no_ack, gdb_cmd_xfer,
	gdb_cmd_attached;
gdb_handler_fn gdb_cmd_monitor;
gdb_handler_fn gdb_cmd_catch_syscalls;

/* ---- resume.c ------------------------------------------------------- */
void gdb_send_stop_reply(struct ts_gdb *g);

/* ---- breakpoints.c -------------------------------------------------- */
/* Restore every software breakpoint and clear the hardware ones. */
void gdb_remove_all_breaks(struct ts_gdb *g);
/* Put the saved bytes of GDB's breakpoints over memory read at addr. */
void gdb_hide_breaks(const struct ts_gdb *g, uint64_t addr, uint8_t *buf,
		     size_t len);

/* ---- threads.c ------------------------------------------------------ */
long gdb_thread_next(const struct ts_gdb *g, long prev);
bool gdb_thread_alive(const struct ts_gdb *g, long id);
/* The thread that stopped (or the first), for "any thread". */
long gdb_current_thread(const struct ts_gdb *g);

#endif
