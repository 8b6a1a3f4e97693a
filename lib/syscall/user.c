/* The program's pointers (<ts/syscall.h>): a call that hands a buffer to
 * code using it directly checks it first, page by page, through the
 * architecture's fault-safe access, so that a bad pointer is -EFAULT as
 * on Linux instead of a fault in the kernel. One probe per page: the
 * page tables are the truth, and a 4 KiB read costs one probe. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
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
		/* One probe per page (the page walk), then the string is
		 * scanned where it is and only its bytes are copied: copying
		 * to the end of the page first cost more than the rest of a
		 * stat (a path in the middle of a page: up to 4 KiB). A
		 * string that ends before an unmapped page must not fail. */
		unsigned long a = src + done;
		size_t room = PROBE_PAGE - (a & (PROBE_PAGE - 1));
		size_t n = room < size - done ? room : size - done;
		const char *p = (const char *)a, *z;

		if (a < src || ts_arch_mem_read_safe(a, dst + done, 1) != 1)
			return -EFAULT;
		z = memchr(p, 0, n);
		if (z) {
			memcpy(dst + done, p, (size_t)(z - p) + 1);
			return (long)(done + (size_t)(z - p));
		}
		memcpy(dst + done, p, n);
		done += n;
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
