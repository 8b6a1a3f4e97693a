/* Tree side of the lib/syscall host tests: the architecture's fault-safe
 * read (<ts/arch/debug.h>), on host memory. The first 64 KiB stand for
 * unmapped memory, as page 0 does in an image; a range that runs into
 * syscall_mem_fence (a host address the test sets) stops there, as a
 * read running into an unmapped page does. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/debug.h>

uint64_t syscall_mem_fence;

long ts_arch_mem_read_safe(uint64_t addr, void *buf, size_t len)
{
	size_t n = len;

	if (addr < 0x10000)
		return -EFAULT;
	if (syscall_mem_fence && addr < syscall_mem_fence &&
	    addr + len > syscall_mem_fence)
		n = syscall_mem_fence - addr;
	if (syscall_mem_fence && addr >= syscall_mem_fence &&
	    addr < syscall_mem_fence + 4096)
		return -EFAULT;
	memcpy(buf, (const void *)(uintptr_t)addr, n);
	return (long)n;
}
