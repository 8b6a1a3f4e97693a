/* A byte channel for a debugger stub (lib/gdbstub): raw bytes (no "\n"
 * to "\r\n" translation, which would corrupt binary packets), polled, so
 * it works with interrupts off, in exception handlers and before the
 * scheduler exists. Every platform provides these.
 *
 * which 0 is the console's own UART (console and debugger share it: the
 * stub sends console output as GDB 'O' packets while attached); which 1
 * is a second UART for the stub alone (kvm: COM2; virt: the second PL011
 * of the device tree; raspi: the UART the console does not use). */
#ifndef TS_PLAT_DEBUG_UART_H
#define TS_PLAT_DEBUG_UART_H

#include <stddef.h>

/* Set UART which up (nothing to do for 0). Returns 0, or -ENODEV when
 * the machine has no such UART. */
int ts_plat_debug_uart_init(int which);
void ts_plat_debug_uart_write(int which, const void *buf, size_t len);
/* One received byte, or -1 when none is waiting. Never blocks. */
int ts_plat_debug_uart_getc(int which);

#endif
