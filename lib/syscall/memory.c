/* Memory calls: brk, anonymous mmap, munmap, mremap, mprotect, madvise.
 *
 * The image runs on an identity map, so an anonymous mapping is a run
 * of pages from lib/alloc's page allocator (ts_pages_alloc), zeroed,
 * at the address where the pages are: there is no separate address
 * space to place mappings in. Each mapping is a record (start, length,
 * protection) in a sorted list; munmap, mprotect and mremap split
 * records where a range starts or ends inside one, as Linux splits its
 * VMAs, and free or change only the pages of the range (the page
 * allocator takes back any part of a run).
 *
 * Protection: PROT_NONE is enforced through the MMU (the pages are
 * made guard pages with ts_arch_mmu_guard(), so an access faults and
 * the crash report names the address), which is what musl's
 * pthread_create relies on for the guard below a thread's stack. Read-
 * only and no-exec rights are recorded only: the map keeps RAM
 * writable, and the page-table code has no call to change rights.
 *
 * brk: a heap of CONFIG_LIB_SYSCALL_BRK_KB taken from the page
 * allocator at the first call; the break moves inside it, memory it
 * grows over is zeroed, and a break it cannot give leaves the break
 * where it was (Linux's rule: brk returns the current break on
 * failure). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/mmu.h>
#include <ts/debug.h>
#include <ts/syscall.h>
#include <ts/syscall_abi_arch.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define PAGE		TS_PAGE_SIZE
#define PAGE_UP(x)	(((x) + PAGE - 1) & ~(PAGE - 1))

#define PROT_NONE	0x0
#define PROT_KNOWN	(0x1 | 0x2 | 0x4 | 0x8 | 0x01000000 | 0x02000000 | \
			 TS_SYSCALL_PROT_ARCH)

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_HUGETLB		0x40000
#define MAP_FIXED_NOREPLACE	0x100000
/* What MAP_SHARED_VALIDATE lets through (Linux's LEGACY_MAP_MASK plus
 * the validated ones it knows); the others are -EOPNOTSUPP there. */
#define MAP_VALIDATED	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | 0x40 |      \
			 0x100 | 0x800 | 0x1000 | 0x2000 | 0x4000 | 0x8000 |\
			 0x10000 | 0x20000 | MAP_HUGETLB | 0x80000 |        \
			 MAP_FIXED_NOREPLACE)

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_REMOVE	9

/* Descriptors that are the console: Linux refuses to map a terminal
 * with -ENODEV; other numbers are no open file (-EBADF). */
#define CONSOLE_FDS	3

struct mapping {
	struct mapping *next;
	uintptr_t start;
	size_t len;
	int prot;
	bool guarded;	/* its pages are the MMU's guard pages */
};

static struct mapping *maps;	/* sorted by start, never overlapping */

/* Mappings unmapped by the thread that runs on them: a C library's
 * exiting thread unmaps its own stack (musl's __unmapself) and goes on
 * on it until it is gone, so their pages go back to the allocator only
 * at the next memory call made on another stack. */
static struct mapping *deferred;

static bool on_this_stack(const struct mapping *m)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	return sp >= m->start && sp < m->start + m->len;
}

static void free_deferred(void)
{
	struct mapping **p = &deferred;

	while (*p) {
		struct mapping *m = *p;

		if (on_this_stack(m)) {
			p = &m->next;
			continue;
		}
		*p = m->next;
		ts_pages_free((void *)m->start, m->len / PAGE);
		free(m);
	}
}

static void lock(void)
{
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_disable();
#endif
	free_deferred();
}

static void unlock(void)
{
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_enable();
#endif
}

/* Make the pages of m guard pages (on) or plain RAM again (off). When
 * the MMU cannot (no page table left), PROT_NONE stays recorded only:
 * said once. */
static void set_guard(struct mapping *m, bool on)
{
	static bool warned;
	size_t done;

	if (m->guarded == on)
		return;
	for (done = 0; done < m->len; done += PAGE) {
		int r = ts_arch_mmu_guard((void *)(m->start + done), on);

		if (r) {
			while (done) {
				done -= PAGE;
				ts_arch_mmu_guard((void *)(m->start + done),
						  !on);
			}
			if (on && !warned) {
				warned = true;
				ts_log_warn("PROT_NONE at %#lx is recorded "
					    "only (error %d from the MMU)",
					    (unsigned long)m->start, r);
			}
			return;
		}
	}
	m->guarded = on;
}

static void apply_prot(struct mapping *m, int prot)
{
	m->prot = prot;
	set_guard(m, prot == PROT_NONE);
}

/* Records that cover [a, a + len) entirely, without a gap. */
static bool covered(uintptr_t a, size_t len)
{
	uintptr_t end = a + len;

	for (struct mapping *m = maps; m && a < end; m = m->next) {
		if (m->start + m->len <= a)
			continue;
		if (m->start > a)
			return false;
		a = m->start + m->len;
	}
	return a >= end;
}

static bool overlaps(uintptr_t a, size_t len)
{
	for (struct mapping *m = maps; m; m = m->next)
		if (m->start < a + len && a < m->start + m->len)
			return true;
	return false;
}

/* A record boundary at a: the record a lies strictly inside becomes
 * two. 0 or -ENOMEM. */
static int split_at(uintptr_t a)
{
	for (struct mapping *m = maps; m; m = m->next) {
		struct mapping *n;

		if (a <= m->start || a >= m->start + m->len)
			continue;
		n = malloc(sizeof(*n));
		if (!n)
			return -ENOMEM;
		*n = *m;
		n->start = a;
		n->len = m->start + m->len - a;
		m->len = a - m->start;
		m->next = n;
		return 0;
	}
	return 0;
}

static void insert(struct mapping *n)
{
	struct mapping **p = &maps;

	while (*p && (*p)->start < n->start)
		p = &(*p)->next;
	n->next = *p;
	*p = n;
}

/* Unmap [a, a + len): the records inside go, their pages back to the
 * allocator (mapped again first if they were guards). Parts of the
 * range that are no mapping of ours are left alone. */
static int unmap_range(uintptr_t a, size_t len)
{
	struct mapping **p = &maps;
	int r;

	if ((r = split_at(a)) || (r = split_at(a + len)))
		return r;
	while (*p) {
		struct mapping *m = *p;

		if (m->start >= a && m->start + m->len <= a + len) {
			*p = m->next;
			set_guard(m, false);
			if (on_this_stack(m)) {
				m->next = deferred;
				deferred = m;
				continue;
			}
			ts_pages_free((void *)m->start, m->len / PAGE);
			free(m);
		} else {
			p = &m->next;
		}
	}
	return 0;
}

/* Zero [a, a + len), all of it in our mappings; guards are mapped for
 * the time of the memset. */
static void zero_range(uintptr_t a, size_t len)
{
	for (struct mapping *m = maps; m; m = m->next) {
		uintptr_t lo = m->start > a ? m->start : a;
		uintptr_t hi = m->start + m->len < a + len ?
				       m->start + m->len : a + len;
		bool g = m->guarded;

		if (lo >= hi)
			continue;
		set_guard(m, false);
		memset((void *)lo, 0, hi - lo);
		set_guard(m, g);
	}
}

static long do_mmap(uintptr_t addr, size_t len, int prot, int flags,
		    long fd, unsigned long off)
{
	struct mapping *m;
	void *p;
	int type = flags & MAP_TYPE;

	if (off & (PAGE - 1))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_VALIDATED))
		return -EOPNOTSUPP;
	if (!(flags & MAP_ANONYMOUS))
		return fd >= 0 && fd < CONSOLE_FDS ? -ENODEV : -EBADF;
	if (!len)
		return -EINVAL;
	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	if (PAGE_UP(len) < len || PAGE_UP(len) == 0)
		return -ENOMEM;
	len = PAGE_UP(len);
	if (flags & MAP_HUGETLB)	/* no huge pages reserved */
		return -ENOMEM;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & (PAGE - 1))
			return -EINVAL;
		if (addr + len < addr)
			return -ENOMEM;
		/* Only where a mapping of ours is: anywhere else the
		 * address is the kernel's or another allocation's. */
		if ((flags & MAP_FIXED_NOREPLACE) && overlaps(addr, len))
			return -EEXIST;
		if ((flags & MAP_FIXED_NOREPLACE) || !covered(addr, len))
			return -ENOMEM;
		if (split_at(addr) || split_at(addr + len))
			return -ENOMEM;
		zero_range(addr, len);
		for (m = maps; m; m = m->next)
			if (m->start >= addr && m->start < addr + len)
				apply_prot(m, prot);
		return (long)addr;
	}
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	p = ts_pages_alloc(len / PAGE);
	if (!p) {
		free(m);
		return -ENOMEM;
	}
	memset(p, 0, len);
	m->start = (uintptr_t)p;
	m->len = len;
	m->guarded = false;
	insert(m);
	apply_prot(m, prot);
	return (long)p;
}

static long sys_mmap(long addr, long len, long prot, long flags, long fd,
		     long off)
{
	long r;

	lock();
	r = do_mmap((uintptr_t)addr, (size_t)len, (int)prot, (int)flags, fd,
		    (unsigned long)off);
	unlock();
	return r;
}
TS_SYSCALL(mmap, sys_mmap);

static long sys_munmap(long addr, long len, long c, long d, long e, long f)
{
	long r;

	(void)c, (void)d, (void)e, (void)f;
	if ((addr & (PAGE - 1)) || !len)
		return -EINVAL;
	if (PAGE_UP((size_t)len) < (size_t)len ||
	    (uintptr_t)addr + PAGE_UP((size_t)len) < (uintptr_t)addr)
		return -EINVAL;
	lock();
	r = unmap_range((uintptr_t)addr, PAGE_UP((size_t)len));
	unlock();
	return r;
}
TS_SYSCALL(munmap, sys_munmap);

/* The record that holds [a, a + len) whole, or NULL. */
static struct mapping *holding(uintptr_t a, size_t len)
{
	for (struct mapping *m = maps; m; m = m->next)
		if (a >= m->start && a + len <= m->start + m->len)
			return m;
	return NULL;
}

static long do_mremap(uintptr_t old, size_t old_len, size_t new_len,
		      int flags)
{
	struct mapping *m, *n;
	void *p;
	int prot;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) &&
	    !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (old & (PAGE - 1))
		return -EINVAL;
	if (PAGE_UP(old_len) < old_len || PAGE_UP(new_len) < new_len ||
	    !new_len)
		return -EINVAL;
	old_len = PAGE_UP(old_len);
	new_len = PAGE_UP(new_len);
	/* old_len 0 duplicates a shared mapping; ours are private. */
	if (!old_len)
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
		return -EINVAL;
	/* The new place is wherever the page allocator has pages. */
	if (flags & MREMAP_FIXED)
		return -EINVAL;
	m = holding(old, old_len);
	if (!m)
		return -EFAULT;
	if (new_len < old_len) {
		int r = unmap_range(old + new_len, old_len - new_len);

		return r ? r : (long)old;
	}
	if (new_len == old_len && !(flags & MREMAP_DONTUNMAP))
		return (long)old;
	/* Growing: the pages after the mapping belong to the allocator,
	 * which cannot give pages at an address, so the mapping moves. */
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	n = malloc(sizeof(*n));
	p = n ? ts_pages_alloc(new_len / PAGE) : NULL;
	if (!p) {
		free(n);
		return -ENOMEM;
	}
	prot = m->prot;
	if (split_at(old) || split_at(old + old_len)) {
		ts_pages_free(p, new_len / PAGE);
		free(n);
		return -ENOMEM;
	}
	m = holding(old, old_len);
	set_guard(m, false);
	memcpy(p, (void *)old, old_len);
	memset((char *)p + old_len, 0, new_len - old_len);
	if (flags & MREMAP_DONTUNMAP) {
		memset((void *)old, 0, old_len);
		apply_prot(m, m->prot);
	} else {
		unmap_range(old, old_len);
	}
	n->start = (uintptr_t)p;
	n->len = new_len;
	n->guarded = false;
	insert(n);
	apply_prot(n, prot);
	return (long)p;
}

static long sys_mremap(long old, long old_len, long new_len, long flags,
		       long new_addr, long f)
{
	long r;

	(void)new_addr, (void)f;
	lock();
	r = do_mremap((uintptr_t)old, (size_t)old_len, (size_t)new_len,
		      (int)flags);
	unlock();
	return r;
}
TS_SYSCALL(mremap, sys_mremap);

/* brk's heap: [brk_lo, brk_lo + brk_max), the break at brk_cur. */
static uintptr_t brk_lo, brk_cur;
static const size_t brk_max = (size_t)CONFIG_LIB_SYSCALL_BRK_KB * 1024;

static bool in_brk(uintptr_t a, size_t len)
{
	return brk_lo && a >= brk_lo && a + len <= brk_lo + brk_max;
}

static long sys_brk(long want, long b, long c, long d, long e, long f)
{
	uintptr_t w = (uintptr_t)want;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	lock();
	if (!brk_lo) {
		void *p = ts_pages_alloc(brk_max / PAGE);

		if (p)
			brk_lo = brk_cur = (uintptr_t)p;
	}
	if (brk_lo && w >= brk_lo && w <= brk_lo + brk_max) {
		/* Memory the break grows over reads as zeros, as fresh
		 * pages on Linux do, also after a shrink. */
		if (w > brk_cur)
			memset((void *)brk_cur, 0, w - brk_cur);
		brk_cur = w;
	}
	w = brk_cur;
	unlock();
	return (long)w;
}
TS_SYSCALL(brk, sys_brk);

static long do_mprotect(uintptr_t a, size_t len, int prot)
{
	if (a & (PAGE - 1))
		return -EINVAL;
	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	if (PAGE_UP(len) < len || a + PAGE_UP(len) < a)
		return -ENOMEM;
	len = PAGE_UP(len);
	if (!len)
		return 0;
	/* brk's heap: accepted, not recorded (it stays read-write). */
	if (in_brk(a, len))
		return 0;
	if (!covered(a, len))
		return -ENOMEM;
	if (split_at(a) || split_at(a + len))
		return -ENOMEM;
	for (struct mapping *m = maps; m; m = m->next)
		if (m->start >= a && m->start < a + len)
			apply_prot(m, prot);
	return 0;
}

static long sys_mprotect(long a, long len, long prot, long d, long e, long f)
{
	long r;

	(void)d, (void)e, (void)f;
	lock();
	r = do_mprotect((uintptr_t)a, (size_t)len, (int)prot);
	unlock();
	return r;
}
TS_SYSCALL(mprotect, sys_mprotect);

static bool advice_known(long adv)
{
	return (adv >= 0 && adv <= 4) || (adv >= 8 && adv <= 24) ||
	       adv == 100 || adv == 101;
}

static long do_madvise(uintptr_t a, size_t len, long adv)
{
	if ((a & (PAGE - 1)) || !advice_known(adv))
		return -EINVAL;
	if (PAGE_UP(len) < len || a + PAGE_UP(len) < a)
		return -EINVAL;
	len = PAGE_UP(len);
	if (!len)
		return 0;
	if (adv != MADV_DONTNEED && adv != MADV_FREE && adv != MADV_REMOVE)
		return 0;
	/* REMOVE frees the backing of shared memory; ours is private. */
	if (adv == MADV_REMOVE)
		return -EINVAL;
	/* DONTNEED (and FREE, which may) drop the pages: anonymous
	 * private memory reads as zeros afterwards. */
	if (in_brk(a, len)) {
		memset((void *)a, 0, len);
		return 0;
	}
	if (!covered(a, len))
		return -ENOMEM;
	zero_range(a, len);
	return 0;
}

static long sys_madvise(long a, long len, long adv, long d, long e, long f)
{
	long r;

	(void)d, (void)e, (void)f;
	lock();
	r = do_madvise((uintptr_t)a, (size_t)len, adv);
	unlock();
	return r;
}
TS_SYSCALL(madvise, sys_madvise);
