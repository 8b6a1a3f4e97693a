/* The program's pointers (<ts/syscall.h>): a call that hands a buffer to
 * code using it directly checks it first, page by page, through the
 * architecture's fault-safe access, so that a bad pointer is -EFAULT as
 * on Linux instead of a fault in the kernel. One probe per page: the
 * page tables are the truth, and a 4 KiB read costs one probe. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>

#define PROBE_PAGE 4096UL

int ts_syscall_user_ok(unsigned long addr, size_t len)
{
	unsigned long end, p;
	char c;

	if (!len)
		return 0;
	if (addr + len < addr)
		return -EFAULT;
	end = addr + len - 1;
	for (p = addr;; p = (p | (PROBE_PAGE - 1)) + 1) {
		if (ts_arch_mem_read_safe(p, &c, 1) != 1)
			return -EFAULT;
		if ((p | (PROBE_PAGE - 1)) >= end)
			break;
	}
	return 0;
}

long ts_syscall_user_string(char *dst, unsigned long src, size_t size)
{
	size_t done = 0;

	while (done < size) {
		/* Up to the end of src's page at a time: a string that ends
		 * before an unmapped page must not fail. */
		size_t room = PROBE_PAGE - ((src + done) & (PROBE_PAGE - 1));
		size_t n = room < size - done ? room : size - done;
		long got = ts_arch_mem_read_safe(src + done, dst + done, n);

		if (got <= 0)
			return -EFAULT;
		for (size_t i = done; i < done + (size_t)got; i++)
			if (!dst[i])
				return (long)i;
		done += (size_t)got;
		if ((size_t)got < n)
			return -EFAULT;
	}
	return -ENAMETOOLONG;
}

/* Linux's struct iovec. */
struct iovec_abi {
	unsigned long base;
	size_t len;
};

int ts_syscall_user_iov(unsigned long iov, long cnt, int buffers)
{
	struct iovec_abi v;
	size_t total = 0;

	if (cnt < 0 || cnt > TS_UIO_MAXIOV)
		return -EINVAL;
	for (long i = 0; i < cnt; i++) {
		if (ts_arch_mem_read_safe(iov + (unsigned long)i * sizeof(v),
					  &v, sizeof(v)) != sizeof(v))
			return -EFAULT;
		if (v.len > (size_t)INTPTR_MAX - total)
			return -EINVAL;
		if (buffers && ts_syscall_user_ok(v.base, v.len))
			return -EFAULT;
		total += v.len;
	}
	return 0;
}
