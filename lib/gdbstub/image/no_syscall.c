/* Without lib/syscall there are no system calls to catch: the stub does
 * not offer QCatchSyscalls. */
#include "image.h"

bool gdbstub_take_syscall_stop(struct ts_gdb_stop *st)
{
	(void)st;
	return false;
}

void gdbstub_syscalls_sync(void)
{
}

void gdbstub_syscalls_init(void)
{
}
