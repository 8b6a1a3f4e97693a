/* Without LIB_GDBSTUB_CTRLC nothing reads the UART while the program
 * runs: GDB gets control at breakpoints, steps and faults only. */
#include "image.h"

void gdbstub_poll_start(void)
{
}
