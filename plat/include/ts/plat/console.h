/* Console: the platform's debug UART. Every platform provides these. */
#ifndef TS_PLAT_CONSOLE_H
#define TS_PLAT_CONSOLE_H

#include <stddef.h>

/* Write len bytes, blocking until the UART took them. "\n" is sent as
 * "\r\n" by the platform, so callers write plain C strings. Safe to call
 * from exception handlers (polled, no locks that a trap could hold). */
void ts_plat_console_write(const char *buf, size_t len);

/* One received byte, or -1 when none is waiting. Never blocks. */
int ts_plat_console_getc(void);

/* Formatted kernel output straight to the console (plat/common). Used by
 * arch and platform code, and by everything before higher-level logging
 * exists. Lines longer than 256 bytes are cut. */
void ts_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A string, and a number as 0x + 16 hex digits, without the C library:
 * for a fault inside a fault report, where vsnprintf may be what failed
 * (plat/common/printk.c). */
void ts_plat_console_puts(const char *s);
void ts_plat_console_puthex(unsigned long long v);

#endif
