/* Console: the platform's debug UART. Every platform provides these. */
#ifndef TS_PLAT_CONSOLE_H
#define TS_PLAT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Write len bytes, blocking until the UART took them. "\n" is sent as
 * "\r\n" by the platform, so callers write plain C strings. Safe to call
 * from exception handlers (polled, no locks that a trap could hold). */
void ts_plat_console_write(const char *buf, size_t len);

/* A hook that takes console output instead of the UART: a debugger stub
 * sends it as GDB 'O' packets while GDB is attached (lib/gdbstub sets
 * it; a pointer, so that the platform never calls a library). It returns
 * true when it took the bytes. NULL removes it. Every platform's
 * ts_plat_console_write() starts with
 *     if (ts_plat_console_hooked(buf, len)) return;
 * (plat/common/printk.c). */
typedef bool (*ts_plat_console_hook_fn)(const char *buf, size_t len);
void ts_plat_console_set_hook(ts_plat_console_hook_fn fn);
bool ts_plat_console_hooked(const char *buf, size_t len);

/* One received byte, or -1 when none is waiting. Never blocks. */
int ts_plat_console_getc(void);

/* Formatted kernel output straight to the console (plat/common). Used by
 * arch and platform code, and by everything before higher-level logging
 * exists. Lines longer than 256 bytes are cut. */
void ts_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The first len bytes of s (fewer at a NUL) as a message shows text from
 * outside (the command line, a debugger): backslash, newline, return
 * and tab as \\ \n \r \t, other control bytes and bytes above 0x7e as
 * \xNN, so that it stays one line and sends no terminal control. Cut to
 * fit size bytes with the NUL; returns out (plat/common/printable.c). */
const char *ts_printable(char *out, size_t size, const char *s, size_t len);

/* A string, and a number as 0x + 16 hex digits, without the C library:
 * for a fault inside a fault report, where vsnprintf may be what failed
 * (plat/common/printk.c). */
void ts_plat_console_puts(const char *s);
void ts_plat_console_puthex(unsigned long long v);

#endif
