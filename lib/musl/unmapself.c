/* musl's __unmapself: a detached thread ends and its stack, which it is
 * still running on, is unmapped. musl's assembly traps twice (munmap,
 * then exit) on the same stack; lib/syscall's ts_syscall_exit_unmap()
 * ends the thread first and has the stack unmapped once the thread is
 * off it. */
#include <stddef.h>
#include <ts/syscall.h>

_Noreturn void __unmapself(void *base, size_t size);

_Noreturn void __unmapself(void *base, size_t size)
{
	ts_syscall_exit_unmap(base, size);
}
