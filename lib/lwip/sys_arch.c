/* lwIP's system layer (lwip/sys.h) on lib/sched and lib/time:
 * semaphores, mutexes, mailboxes, threads, the time in milliseconds,
 * and the short critical sections (SYS_ARCH_PROTECT: interrupts off,
 * which on one CPU also keeps other threads out). */
#include <errno.h>
#include <stdlib.h>
#include <lwip/sys.h>
#include <lwip/tcpip.h>
#include <ts/debug.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/time.h>

struct ts_lwip_sem {
	struct ts_sem sem;
};

struct ts_lwip_mutex {
	struct ts_mutex mutex;
};

/* A ring of pointers: 'items' counts the messages waiting, 'space'
 * the free slots, so a poster blocks when it is full and a fetcher
 * when it is empty. The ring's indices change with interrupts off. */
struct ts_lwip_mbox {
	struct ts_sem items;
	struct ts_sem space;
	unsigned int head, count, size;
	void *msg[];
};

/* ms from now as a deadline; 0 means no timeout (lwIP's convention). */
static uint64_t deadline_ms(u32_t timeout)
{
	return timeout ? ts_time_deadline_in(timeout * TS_NSEC_PER_MSEC) :
			 TS_TIME_NEVER;
}

/* What lwIP wants back from a wait: the milliseconds it took. */
static u32_t waited_ms(uint64_t start)
{
	uint64_t ms = (ts_time_now_ns() - start) / TS_NSEC_PER_MSEC;

	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(ts_time_now_ns() / TS_NSEC_PER_MSEC);
}

sys_prot_t sys_arch_protect(void)
{
	return ts_sched_irq_save();
}

void sys_arch_unprotect(sys_prot_t was_on)
{
	ts_sched_irq_restore(was_on);
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	struct ts_lwip_sem *s = malloc(sizeof(*s));

	if (!s)
		return ERR_MEM;
	ts_sem_init(&s->sem, count);
	*sem = s;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	free(*sem);
	*sem = NULL;
}

void sys_sem_signal(sys_sem_t *sem)
{
	ts_sem_post(&(*sem)->sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = ts_time_now_ns();

	if (ts_sem_timedwait(&(*sem)->sem, deadline_ms(timeout)))
		return SYS_ARCH_TIMEOUT;
	return waited_ms(start);
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	struct ts_lwip_mutex *m = malloc(sizeof(*m));

	if (!m)
		return ERR_MEM;
	ts_mutex_init(&m->mutex, 0);
	*mutex = m;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	free(*mutex);
	*mutex = NULL;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	int r = ts_mutex_lock(&(*mutex)->mutex);

	if (r)
		ts_panic("lwip: mutex %p: lock failed (%d): taken twice by "
			 "thread %s", (void *)*mutex, r,
			 ts_thread_name(ts_thread_self()));
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	ts_mutex_unlock(&(*mutex)->mutex);
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	struct ts_lwip_mbox *b;

	if (size <= 0)
		size = 64;
	b = malloc(sizeof(*b) + (size_t)size * sizeof(void *));
	if (!b)
		return ERR_MEM;
	ts_sem_init(&b->items, 0);
	ts_sem_init(&b->space, (unsigned long)size);
	b->head = b->count = 0;
	b->size = (unsigned int)size;
	*mbox = b;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	struct ts_lwip_mbox *b = *mbox;

	if (b && b->count)
		ts_log_warn("mailbox %p freed with %u messages in it",
			    (void *)b, b->count);
	free(b);
	*mbox = NULL;
}

/* Called with a slot reserved (space taken). */
static void mbox_put(struct ts_lwip_mbox *b, void *msg)
{
	int on = ts_sched_irq_save();

	b->msg[(b->head + b->count) % b->size] = msg;
	b->count++;
	ts_sched_irq_restore(on);
	ts_sem_post(&b->items);
}

/* Called with an item taken. */
static void *mbox_get(struct ts_lwip_mbox *b)
{
	int on = ts_sched_irq_save();
	void *msg = b->msg[b->head];

	b->head = (b->head + 1) % b->size;
	b->count--;
	ts_sched_irq_restore(on);
	ts_sem_post(&b->space);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	ts_sem_wait(&(*mbox)->space);
	mbox_put(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (ts_sem_trywait(&(*mbox)->space))
		return ERR_MEM;
	mbox_put(*mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = ts_time_now_ns();
	void *m;

	if (ts_sem_timedwait(&(*mbox)->items, deadline_ms(timeout)))
		return SYS_ARCH_TIMEOUT;
	m = mbox_get(*mbox);
	if (msg)
		*msg = m;
	return waited_ms(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (ts_sem_trywait(&(*mbox)->items))
		return SYS_MBOX_EMPTY;
	m = mbox_get(*mbox);
	if (msg)
		*msg = m;
	return 0;
}

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_main(void *p)
{
	struct thread_start s = *(struct thread_start *)p;

	free(p);
	s.fn(s.arg);
	return NULL;
}

/* lwIP's threads (the tcpip thread) run for the image's lifetime; lwIP
 * has no way to be told that one could not start, so that stops the
 * boot with the reason. */
sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct ts_thread_attr a = {
		.stack_size = stacksize > 0 ? (size_t)stacksize : 0,
		.prio = prio,
		.detached = 1,
	};
	struct thread_start *s = malloc(sizeof(*s));
	struct ts_thread *t;
	int r;

	if (!s)
		ts_panic("lwip: no memory for thread %s", name);
	s->fn = fn;
	s->arg = arg;
	r = ts_thread_create(&t, name, thread_main, s, &a);
	if (r)
		ts_panic("lwip: cannot start thread %s (error %d)", name, r);
	return t;
}

/* LWIP_ASSERT_CORE_LOCKED(): lwIP's core functions were called by a
 * thread holding the core lock (or before it exists: lwip_init()). A
 * call without it would race with the tcpip and receive threads. */
void ts_lwip_assert_core_locked(void)
{
	if (!sys_mutex_valid(&lock_tcpip_core))
		return;
	if (ts_mutex_owner(&lock_tcpip_core->mutex) != ts_thread_self())
		ts_panic("lwip: lwIP's core called by thread %s without the "
			 "core lock (LOCK_TCPIP_CORE, or tcpip_callback)",
			 ts_thread_name(ts_thread_self()));
}
