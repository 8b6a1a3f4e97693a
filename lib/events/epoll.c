/* epoll: epoll_create1 (epoll_create), epoll_ctl, epoll_wait (x86_64),
 * epoll_pwait, epoll_pwait2. An epoll instance is a file; each item
 * watches one (file, descriptor) pair through two hooks:
 *
 * - a poll entry queued on the file's poll head for the item's life:
 *   when the file notifies events the item wants, the item goes on the
 *   instance's ready list and the instance's waiters wake (interrupts
 *   off: a driver may notify from its handler);
 * - a watch on the file (ts_file_watch): when the file's last reference
 *   goes, the item dies, as Linux drops it (closing every descriptor of
 *   a file takes it out of every epoll set; a file is not kept open by
 *   being in one).
 *
 * epoll_wait takes items off the ready list and asks each file's poll
 * operation what is true now: level-triggered items that still have
 * events go back on the list, edge-triggered ones wait for the next
 * notification, EPOLLONESHOT ones are disabled until EPOLL_CTL_MOD.
 *
 * Locking (one CPU): the instance's mutex orders epoll_ctl and
 * epoll_wait (poll operations may block, so they run with interrupts
 * on); the ready list, the item list and an item's life are changed
 * with interrupts off only, since wake-ups and watches come from
 * contexts that cannot take a mutex. Items that died are freed later,
 * under the mutex. An instance is pollable (POLLIN when an item is
 * ready) and may itself be an item of another one, up to 4 levels
 * (EP_MAX_NESTS), never in a loop (-ELOOP). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include <ts/vfs.h>
#include "wait.h"

#define PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EXCLUSIVE_OK	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | \
			 EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define MAX_NESTS	4
#define MAX_EVENTS	(INT_MAX / (int)sizeof(struct epoll_event))

struct epitem {
	struct ts_poll_entry pe;	/* first: wake() gets this */
	struct ts_file_watch watch;
	struct epoll *ep;
	struct ts_file *file;		/* no reference; NULL once dead */
	int fd;
	uint32_t events;		/* interest, with ERR and HUP */
	uint64_t data;
	struct epitem *next, *prev;	/* all items */
	struct epitem *rnext, *rprev;	/* the ready list */
	int ready, dead;
};

struct epoll {
	struct ts_mutex lock;
	struct epitem items;		/* circular lists' heads */
	struct epitem ready;
	struct ts_waitq waiters;
	struct ts_poll_head poll;
};

static const struct ts_file_ops epoll_ops;

static int is_epoll(const struct ts_file *f)
{
	return f->ops == &epoll_ops;
}

/* --- the ready list, interrupts off -------------------------------- */

static void ready_add(struct epoll *ep, struct epitem *it)
{
	if (it->ready)
		return;
	it->ready = 1;
	it->rprev = ep->ready.rprev;
	it->rnext = &ep->ready;
	ep->ready.rprev->rnext = it;
	ep->ready.rprev = it;
}

static void ready_del(struct epitem *it)
{
	if (!it->ready)
		return;
	it->ready = 0;
	it->rprev->rnext = it->rnext;
	it->rnext->rprev = it->rprev;
}

static struct epitem *ready_pop(struct epoll *ep)
{
	struct epitem *it = ep->ready.rnext;

	if (it == &ep->ready)
		return NULL;
	ready_del(it);
	return it;
}

static int ready_len(struct epoll *ep)
{
	int n = 0;

	for (struct epitem *it = ep->ready.rnext; it != &ep->ready;
	     it = it->rnext)
		n++;
	return n;
}

/* Tell the instance's waiters and pollers (interrupts off). */
static void signal_ready(struct epoll *ep)
{
	ts_waitq_wake_all(&ep->waiters);
	ts_poll_notify(&ep->poll, TS_POLLIN | TS_POLLRDNORM);
}

/* The file notified events (interrupts off). */
static void item_wake(struct ts_poll_entry *pe, unsigned int events)
{
	struct epitem *it = (struct epitem *)pe;

	if (it->dead || !(it->events & ~PRIVATE_BITS))
		return;		/* dead, or a one-shot that fired */
	if (events && !(events & it->events))
		return;
	ready_add(it->ep, it);
	signal_ready(it->ep);
}

/* The file's last reference went (interrupts off). */
static void item_gone(struct ts_file_watch *w, struct ts_file *f)
{
	struct epitem *it = (struct epitem *)((char *)w -
					      offsetof(struct epitem, watch));

	(void)f;
	ts_poll_del(&it->pe);
	ready_del(it);
	it->dead = 1;
	it->file = NULL;
}

/* --- items, under the instance's mutex ---------------------------- */

/* Free the dead ones. */
static void reap(struct epoll *ep)
{
	struct epitem *it, *next;
	int on = ts_sched_irq_save();

	for (it = ep->items.next; it != &ep->items; it = next) {
		next = it->next;
		if (!it->dead)
			continue;
		it->prev->next = it->next;
		it->next->prev = it->prev;
		ts_sched_irq_restore(on);
		free(it);
		on = ts_sched_irq_save();
	}
	ts_sched_irq_restore(on);
}

static struct epitem *find(struct epoll *ep, struct ts_file *f, int fd)
{
	for (struct epitem *it = ep->items.next; it != &ep->items;
	     it = it->next)
		if (!it->dead && it->file == f && it->fd == fd)
			return it;
	return NULL;
}

/* Take it out of the set (it is alive). */
static void item_remove(struct epitem *it)
{
	int on = ts_sched_irq_save();

	if (!it->dead) {
		ts_file_unwatch(it->file, &it->watch);
		ts_poll_del(&it->pe);
		ready_del(it);
	}
	it->prev->next = it->next;
	it->next->prev = it->prev;
	ts_sched_irq_restore(on);
	free(it);
}

/* Does from reach to, going down through epoll items, or go deeper
 * than MAX_NESTS? Interrupts off: item lists only change so. */
static int loops(struct epoll *from, struct epoll *to, int depth)
{
	if (from == to || depth > MAX_NESTS)
		return 1;
	for (struct epitem *it = from->items.next; it != &from->items;
	     it = it->next)
		if (!it->dead && is_epoll(it->file) &&
		    loops(it->file->priv, to, depth + 1))
			return 1;
	return 0;
}

/* Put it on the ready list if its file has events it wants now. */
static void check_now(struct epoll *ep, struct epitem *it, unsigned int ev)
{
	int on;

	if (!(ev & it->events))
		return;
	on = ts_sched_irq_save();
	if (!it->dead && (it->events & ~PRIVATE_BITS)) {
		ready_add(ep, it);
		signal_ready(ep);
	}
	ts_sched_irq_restore(on);
}

static long ctl_add(struct epoll *ep, struct ts_file *tf, int fd,
		    const struct epoll_event *ev)
{
	struct epitem *it;
	unsigned int now;
	int on, loop;

	if (find(ep, tf, fd))
		return -EEXIST;
	if (is_epoll(tf)) {
		on = ts_sched_irq_save();
		loop = loops(tf->priv, ep, 1);
		ts_sched_irq_restore(on);
		if (loop)
			return -ELOOP;
	}
	if (!(it = calloc(1, sizeof(*it))))
		return -ENOMEM;
	it->ep = ep;
	it->file = tf;
	it->fd = fd;
	it->events = ev->events | EPOLLERR | EPOLLHUP;
	it->data = ev->data.u64;
	it->pe.wake = item_wake;
	it->pe.owner = it;
	it->watch.gone = item_gone;
	on = ts_sched_irq_save();
	it->prev = ep->items.prev;
	it->next = &ep->items;
	ep->items.prev->next = it;
	ep->items.prev = it;
	ts_sched_irq_restore(on);
	ts_file_watch(tf, &it->watch);
	now = tf->ops->poll(tf, &it->pe);
	check_now(ep, it, now);
	return 0;
}

static long ctl_mod(struct epitem *it, struct ts_file *tf,
		    const struct epoll_event *ev)
{
	int on;

	if (it->events & EPOLLEXCLUSIVE)
		return -EINVAL;
	on = ts_sched_irq_save();
	it->events = ev->events | EPOLLERR | EPOLLHUP;
	it->data = ev->data.u64;
	ts_sched_irq_restore(on);
	/* Re-armed (EPOLLONESHOT) or with new interests: what is true
	 * now counts at once, as on Linux. */
	check_now(it->ep, it, tf->ops->poll(tf, NULL));
	return 0;
}

static long sys_epoll_ctl(long epfd, long op, long fd, long uev, long e,
			  long g)
{
	struct ts_file *ef = NULL, *tf = NULL;
	struct epoll_event ev = { 0, { 0 } };
	struct epoll *ep;
	struct epitem *it;
	long r;

	(void)e, (void)g;
	/* Linux's order of checks, so that each case gets its errno. */
	if (op != EPOLL_CTL_DEL &&
	    ts_arch_mem_read_safe((unsigned long)uev, &ev, sizeof(ev)) !=
		    sizeof(ev))
		return -EFAULT;
	if (!(ef = ts_fd_get((int)epfd)))
		return -EBADF;
	r = -EBADF;
	if (!(tf = ts_fd_get((int)fd)))
		goto out;
	r = -EPERM;
	if (!tf->ops->poll)
		goto out;
	r = -EINVAL;
	if (ef == tf || !is_epoll(ef))
		goto out;
	if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD || is_epoll(tf) ||
	     (ev.events & ~EXCLUSIVE_OK)))
		goto out;
	ep = ef->priv;
	ts_mutex_lock(&ep->lock);
	reap(ep);
	it = find(ep, tf, (int)fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		r = ctl_add(ep, tf, (int)fd, &ev);
		break;
	case EPOLL_CTL_MOD:
		r = it ? ctl_mod(it, tf, &ev) : -ENOENT;
		break;
	case EPOLL_CTL_DEL:
		if (it)
			item_remove(it);
		r = it ? 0 : -ENOENT;
		break;
	default:
		r = -EINVAL;
	}
	ts_mutex_unlock(&ep->lock);
out:
	if (tf)
		ts_file_put(tf);
	ts_file_put(ef);
	return r;
}
TS_SYSCALL(epoll_ctl, sys_epoll_ctl);

/* --- waiting --------------------------------------------------------- */

/* Take the next ready item off the list: 0 when there is none, 1 with a
 * reference to its file in *f, -1 for an item that died meanwhile. */
static int pop_alive(struct epoll *ep, struct epitem **itp, struct ts_file **f)
{
	int on = ts_sched_irq_save();
	struct epitem *it = ready_pop(ep);
	int r = !it ? 0 : it->dead || !ts_file_tryget(it->file) ? -1 : 1;

	if (r > 0) {
		*itp = it;
		*f = it->file;
	}
	ts_sched_irq_restore(on);
	return r;
}

/* Report up to max ready events into the program's array (uev, NULL to
 * only ask whether any is ready): how many, or -EFAULT. Under the
 * mutex. */
static long scan(struct epoll *ep, unsigned long uev, int max)
{
	int on = ts_sched_irq_save();
	int todo = ready_len(ep), n = 0;

	ts_sched_irq_restore(on);
	/* Only the items on the list now: level-triggered ones go back
	 * at its end. */
	while (todo-- > 0 && n < max) {
		struct ts_file *f = NULL;
		struct epitem *it = NULL;
		struct epoll_event ev;
		unsigned int got;
		int popped = pop_alive(ep, &it, &f);

		if (!popped)
			break;
		if (popped < 0)
			continue;
		got = f->ops->poll(f, NULL) & it->events;
		ts_file_put(f);
		if (!got)
			continue;	/* not any more: wait for a notify */
		if (!uev) {
			/* A question only: it stays ready. */
			on = ts_sched_irq_save();
			if (!it->dead)
				ready_add(ep, it);
			ts_sched_irq_restore(on);
			return 1;
		}
		ev.events = got;
		ev.data.u64 = it->data;
		if (ts_arch_mem_write_safe(uev + (unsigned long)n * sizeof(ev),
					   &ev, sizeof(ev))) {
			on = ts_sched_irq_save();
			if (!it->dead)
				ready_add(ep, it);
			ts_sched_irq_restore(on);
			return n ? n : -EFAULT;
		}
		n++;
		on = ts_sched_irq_save();
		if (it->events & EPOLLONESHOT)
			it->events &= PRIVATE_BITS;
		else if (!(it->events & EPOLLET) && !it->dead)
			ready_add(ep, it);
		ts_sched_irq_restore(on);
	}
	return n;
}

static long do_wait(long epfd, unsigned long uev, long max,
		    uint64_t deadline)
{
	struct ts_file *ef;
	struct epoll *ep;
	int timed_out = deadline != TS_TIME_NEVER &&
			deadline <= ts_time_now_ns();
	long r;

	if (max <= 0 || max > MAX_EVENTS)
		return -EINVAL;
	/* The first slot only: a program may give more room than it has
	 * when it expects fewer events (Linux checks the range only);
	 * each event is written with a check. */
	if (ts_syscall_user_ok(uev, sizeof(struct epoll_event)))
		return -EFAULT;
	if (!(ef = ts_fd_get((int)epfd)))
		return -EBADF;
	if (!is_epoll(ef)) {
		ts_file_put(ef);
		return -EINVAL;
	}
	ep = ef->priv;
	for (;;) {
		int on;

		ts_mutex_lock(&ep->lock);
		r = scan(ep, uev, (int)max);
		ts_mutex_unlock(&ep->lock);
		if (r || timed_out)
			break;
		on = ts_sched_irq_save();
		while (ep->ready.rnext == &ep->ready && !timed_out)
			if (ts_waitq_wait(&ep->waiters, deadline) == -ETIMEDOUT)
				timed_out = 1;
		ts_sched_irq_restore(on);
	}
	ts_file_put(ef);
	return r;
}

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_epoll_wait(long epfd, long uev, long max, long ms, long e,
			   long g)
{
	(void)e, (void)g;
	return do_wait(epfd, (unsigned long)uev, (int)max,
		       ev_deadline_ms((int)ms));
}
TS_SYSCALL(epoll_wait, sys_epoll_wait);
#endif

static long sys_epoll_pwait(long epfd, long uev, long max, long ms, long set,
			    long size)
{
	long r = ev_sigmask_check((unsigned long)set, (unsigned long)size);

	return r ? r : do_wait(epfd, (unsigned long)uev, (int)max,
			       ev_deadline_ms((int)ms));
}
TS_SYSCALL(epoll_pwait, sys_epoll_pwait);

static long sys_epoll_pwait2(long epfd, long uev, long max, long tsp,
			     long set, long size)
{
	uint64_t deadline;
	long r;

	if ((r = ev_deadline_timespec((unsigned long)tsp, &deadline)) ||
	    (r = ev_sigmask_check((unsigned long)set, (unsigned long)size)))
		return r;
	return do_wait(epfd, (unsigned long)uev, (int)max, deadline);
}
TS_SYSCALL(epoll_pwait2, sys_epoll_pwait2);

/* --- the instance as a file ----------------------------------------- */

static unsigned int epoll_poll(struct ts_file *f, struct ts_poll_entry *e)
{
	struct epoll *ep = f->priv;
	long any;

	if (e)
		ts_poll_add(&ep->poll, e);
	ts_mutex_lock(&ep->lock);
	any = scan(ep, 0, 1);
	ts_mutex_unlock(&ep->lock);
	return any > 0 ? TS_POLLIN | TS_POLLRDNORM : 0;
}

static int epoll_stat(struct ts_file *f, struct stat *st)
{
	(void)f;
	st->st_mode = S_IRUSR | S_IWUSR;	/* an anonymous inode */
	st->st_nlink = 1;
	return 0;
}

static void epoll_release(struct ts_file *f)
{
	struct epoll *ep = f->priv;

	ts_mutex_lock(&ep->lock);
	while (ep->items.next != &ep->items)
		item_remove(ep->items.next);
	ts_mutex_unlock(&ep->lock);
	free(ep);
}

static const struct ts_file_ops epoll_ops = {
	.poll = epoll_poll,
	.stat = epoll_stat,
	.release = epoll_release,
	.kind = "anon_inode:[eventpoll]",
};

static long do_create(long flags)
{
	struct epoll *ep;
	struct ts_file *f;
	long fd;

	if (flags & ~(long)EPOLL_CLOEXEC)
		return -EINVAL;
	if (!(ep = calloc(1, sizeof(*ep))))
		return -ENOMEM;
	ts_mutex_init(&ep->lock, 0);
	ep->items.next = ep->items.prev = &ep->items;
	ep->ready.rnext = ep->ready.rprev = &ep->ready;
	ts_waitq_init(&ep->waiters);
	ts_poll_head_init(&ep->poll);
	if (!(f = ts_file_new(&epoll_ops, ep, TS_O_RDWR, NULL))) {
		free(ep);
		return -ENOMEM;
	}
	fd = ts_fd_install(f, 0, flags & EPOLL_CLOEXEC ? TS_FD_CLOEXEC : 0);
	ts_file_put(f);
	return fd;
}

static long sys_epoll_create1(long flags, long b, long c, long d, long e,
			      long g)
{
	(void)b, (void)c, (void)d, (void)e, (void)g;
	return do_create(flags);
}
TS_SYSCALL(epoll_create1, sys_epoll_create1);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_epoll_create(long size, long b, long c, long d, long e,
			     long g)
{
	(void)b, (void)c, (void)d, (void)e, (void)g;
	return (int)size <= 0 ? -EINVAL : do_create(0);
}
TS_SYSCALL(epoll_create, sys_epoll_create);
#endif
