/* futex: block on a 32-bit word until another thread wakes that
 * address, the building block of musl's mutexes, conditions, joins and
 * thread-list lock. One address space, so every futex is "private"
 * (FUTEX_PRIVATE_FLAG changes nothing) and keyed by its address alone.
 *
 * Each waiter is a record on its own stack, in a list per hash bucket
 * of addresses (first come, first woken), with a lib/sched wait queue
 * of its own that the thread blocks on: a wake is aimed at exactly the
 * threads it picks, a requeue moves records from one address to
 * another, and a timeout is the wait queue's deadline. Everything runs
 * with interrupts off, which on one CPU makes the value check and the
 * sleep one step, as the kernel's hash-bucket lock does.
 *
 * Served: FUTEX_WAIT (relative timeout), FUTEX_WAKE, FUTEX_REQUEUE,
 * FUTEX_CMP_REQUEUE, FUTEX_WAIT_BITSET (absolute timeout,
 * FUTEX_CLOCK_REALTIME for the wall clock), FUTEX_WAKE_BITSET. The rest
 * (priority inheritance, FUTEX_WAKE_OP, FUTEX_FD) is -ENOSYS, as on a
 * kernel built without them. A signal cannot interrupt a wait here. */
#include <errno.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include <ts/waitq.h>
#include "threads.h"

#define FUTEX_BITSET_ANY	0xffffffffu

#define BUCKETS	64	/* a power of two */

struct waiter {
	struct waiter *next, *prev;
	uintptr_t addr;
	uint32_t bitset;
	int woken;
	struct ts_waitq wq;
};

static struct waiter buckets[BUCKETS];	/* list heads */

static struct waiter *bucket(uintptr_t addr)
{
	struct waiter *b = &buckets[((addr >> 2) * 0x9e3779b9u) >> 26 &
				    (BUCKETS - 1)];

	if (!b->next)
		b->next = b->prev = b;
	return b;
}

static void link_tail(struct waiter *b, struct waiter *w)
{
	w->next = b;
	w->prev = b->prev;
	b->prev->next = w;
	b->prev = w;
}

static void unlink_waiter(struct waiter *w)
{
	w->prev->next = w->next;
	w->next->prev = w->prev;
	w->next = w->prev = w;
}

/* The word at addr, or -EFAULT; misaligned is -EINVAL, as Linux. */
static int read_word(uintptr_t addr, uint32_t *v)
{
	if (addr & 3)
		return -EINVAL;
	if (ts_arch_mem_read_safe(addr, v, sizeof(*v)) != (long)sizeof(*v))
		return -EFAULT;
	return 0;
}

static long wait_on(uintptr_t addr, uint32_t val, uint64_t deadline,
		    uint32_t bitset)
{
	struct waiter w;
	uint32_t now;
	int on, r;

	if (!bitset)
		return -EINVAL;
	on = ts_sched_irq_save();
	r = read_word(addr, &now);
	if (!r && now != val)
		r = -EAGAIN;
	if (r) {
		ts_sched_irq_restore(on);
		return r;
	}
	w.addr = addr;
	w.bitset = bitset;
	w.woken = 0;
	ts_waitq_init(&w.wq);
	link_tail(bucket(addr), &w);
	/* Only a wake or the deadline ends the wait; nobody else knows
	 * this queue. */
	do
		r = ts_waitq_wait(&w.wq, deadline);
	while (!r && !w.woken);
	/* A wake that came after the deadline still counts: the waker
	 * took it for a wake-up, so must this thread. */
	if (!w.woken)
		unlink_waiter(&w);
	ts_sched_irq_restore(on);
	return w.woken ? 0 : r;
}

/* Interrupts off. Up to n waiters on addr meeting bitset: woken (move
 * NULL) or moved to the address to (up to n_move of them, after the n
 * woken). Returns how many were woken, *moved how many moved. */
static int wake_or_move(uintptr_t addr, int n, uint32_t bitset,
			uintptr_t to, int n_move, int *moved)
{
	struct waiter *b = bucket(addr), *w, *next;
	int woken = 0;

	*moved = 0;
	for (w = b->next; w != b; w = next) {
		next = w->next;
		if (w->addr != addr || !(w->bitset & bitset))
			continue;
		if (woken < n) {
			unlink_waiter(w);
			w->woken = 1;
			ts_waitq_wake_one(&w->wq);
			woken++;
		} else if (*moved < n_move) {
			unlink_waiter(w);
			w->addr = to;
			link_tail(bucket(to), w);
			++*moved;
		} else {
			break;
		}
	}
	return woken;
}

int futex_wake(uintptr_t addr, int n, uint32_t bitset)
{
	int on = ts_sched_irq_save(), moved;
	int woken = wake_or_move(addr, n, bitset, 0, 0, &moved);

	ts_sched_irq_restore(on);
	return woken;
}

static long requeue(uintptr_t addr, int n, int n_move, uintptr_t to,
		    int check, uint32_t val)
{
	uint32_t now;
	int on, r, woken, moved;

	if (n < 0 || n_move < 0)
		return -EINVAL;
	if (to & 3)
		return -EINVAL;
	if (addr & 3)
		return -EINVAL;
	on = ts_sched_irq_save();
	/* Only the compare reads the word (Linux's REQUEUE does not). */
	r = check ? read_word(addr, &now) : 0;
	if (!r && check && now != val)
		r = -EAGAIN;
	if (r) {
		ts_sched_irq_restore(on);
		return r;
	}
	woken = wake_or_move(addr, n, FUTEX_BITSET_ANY, to, n_move, &moved);
	ts_sched_irq_restore(on);
	return woken + moved;
}

/* struct timespec of the 64-bit ABIs. */
struct kts {
	long sec, nsec;
};

#define NS	1000000000ULL

/* The deadline on ts_time_now_ns()'s clock for the timeout at uts:
 * relative to now, or absolute on the monotonic clock (that same clock)
 * or the wall clock. NULL: none. */
static long deadline_of(long uts, int absolute, int realtime,
			uint64_t *deadline)
{
	struct kts ts;
	uint64_t ns, now;

	*deadline = TS_TIME_NEVER;
	if (!uts)
		return 0;
	if (ts_arch_mem_read_safe((uint64_t)uts, &ts, sizeof(ts)) !=
	    (long)sizeof(ts))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || (uint64_t)ts.nsec >= NS)
		return -EINVAL;
	/* Beyond 584 years: never. */
	if ((uint64_t)ts.sec > (UINT64_MAX - NS) / NS)
		return 0;
	ns = (uint64_t)ts.sec * NS + (uint64_t)ts.nsec;
	now = ts_time_now_ns();
	if (!absolute) {
		*deadline = ns > TS_TIME_NEVER - 1 - now ? TS_TIME_NEVER :
							    now + ns;
	} else if (realtime) {
		uint64_t wall = ts_time_wall_ns();

		/* Past: now, which times out at once. */
		*deadline = ns <= wall ? now : now + (ns - wall);
	} else {
		*deadline = ns;
	}
	return 0;
}

static long sys_futex(long uaddr, long op, long val, long uts, long uaddr2,
		      long val3)
{
	int cmd = (int)(op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
	int realtime = !!(op & FUTEX_CLOCK_REALTIME);
	uint64_t deadline;
	long r;

	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		r = deadline_of(uts, cmd == FUTEX_WAIT_BITSET, realtime,
				&deadline);
		if (r)
			return r;
		return wait_on((uintptr_t)uaddr, (uint32_t)val, deadline,
			       cmd == FUTEX_WAIT ? FUTEX_BITSET_ANY :
						   (uint32_t)val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE_BITSET && !(uint32_t)val3)
			return -EINVAL;
		if (uaddr & 3)
			return -EINVAL;
		/* As Linux: at least one, whatever val says. */
		return futex_wake((uintptr_t)uaddr, (int)val > 0 ? (int)val : 1,
				  cmd == FUTEX_WAKE ? FUTEX_BITSET_ANY :
						      (uint32_t)val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		/* The timeout argument carries the number to move. */
		return requeue((uintptr_t)uaddr, (int)val, (int)uts,
			       (uintptr_t)uaddr2, cmd == FUTEX_CMP_REQUEUE,
			       (uint32_t)val3);
	default:
		return -ENOSYS;
	}
}
TS_SYSCALL(futex, sys_futex);
