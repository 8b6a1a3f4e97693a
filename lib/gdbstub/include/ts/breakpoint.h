/* A breakpoint in the code (lib/gdbstub):
 *
 *   if (suspicious) ts_breakpoint();
 *
 * stops the program in GDB with SIGTRAP, in ts_breakpoint()'s frame
 * ("up" or "finish" goes to the caller); "continue" goes on after it.
 * When no GDB is attached, the stub prints "gdbstub: breakpoint in the
 * code: waiting for GDB on ..." and waits for one: a breakpoint someone
 * put in the code is meant to be looked at. Before the stub is set up
 * (TS_INIT_EARLY), and in images without lib/gdbstub, it does nothing,
 * so the call may stay in code built either way. */
#ifndef TS_BREAKPOINT_H
#define TS_BREAKPOINT_H

#ifdef CONFIG_LIB_GDBSTUB
void ts_breakpoint(void);
#else
static inline void ts_breakpoint(void)
{
}
#endif

#endif
