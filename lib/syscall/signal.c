/* Signals a single process sends itself: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, kill, tkill, tgkill, sigaltstack.
 *
 * Delivery is synchronous: a signal the receiving thread does not block
 * runs its handler, as a plain function call on the sender's stack,
 * before kill/tkill/tgkill returns; a blocked one stays pending (one
 * instance per number, real-time ones too) and runs when rt_sigprocmask
 * unblocks it, before that call returns. So there is no rt_sigreturn,
 * and SA_ONSTACK's alternate stack is recorded but not used. A handler
 * with SA_SIGINFO gets a siginfo_t (si_signo, si_code SI_USER for kill,
 * SI_TKILL for tkill/tgkill, si_pid 1, si_uid 0) and a NULL ucontext.
 * While it runs, the action's mask and (without SA_NODEFER) the signal
 * itself are blocked; SA_RESETHAND puts SIG_DFL back first.
 *
 * A signal sent to another thread of ours is pending on that thread
 * and runs when that thread next changes its mask (rt_sigprocmask) or
 * sends a signal; if its action is the default one that ends the
 * process, the process ends at once, in the sender.
 *
 * Default actions: SIGCHLD, SIGURG, SIGWINCH and SIGCONT are ignored,
 * and so are the stop signals (SIGTSTP, SIGTTIN, SIGTTOU; nothing can
 * stop the only process); every other signal ends the image with
 * lib/debug's panic report (the signal's name, the thread, a backtrace
 * to the call that sent it; exit status 127 under QEMU). That is where
 * musl's abort() ends: raise(SIGABRT), then SIG_DFL and tkill again.
 *
 * Masks are per thread (a small table by thread id, so that threads
 * need nothing of lib/sched for it); a new thread starts with nothing
 * blocked. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/debug.h>
#include <ts/syscall.h>
#include <ts/syscall_abi_arch.h>
#include "internal.h"
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

#define SIG_COUNT	64
#define SIGSET_SIZE	8

#define SIGKILL		9
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28

#define SIG_DFL		0UL
#define SIG_IGN		1UL

#define SA_SIGINFO	0x00000004UL
#define SA_NODEFER	0x40000000UL
#define SA_RESETHAND	0x80000000UL

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SI_USER		0
#define SI_TKILL	(-6)

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	TS_SYSCALL_MINSIGSTKSZ

#define BIT(sig)	(1ULL << ((sig) - 1))
#define UNBLOCKABLE	(BIT(SIGKILL) | BIT(SIGSTOP))

/* The kernel's struct sigaction as musl passes it (k_sigaction), the
 * same on x86_64 and arm64. */
struct sigaction_abi {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	uint64_t mask;
};

struct siginfo_abi {
	int signo, err, code, pad;
	int pid;
	unsigned int uid;
	char rest[128 - 24];
};

struct stack_abi {
	unsigned long sp;
	int flags;
	unsigned long size;
};

static struct sigaction_abi actions[SIG_COUNT + 1];
static uint64_t proc_pending;	/* sent by kill: for any thread */
static struct stack_abi altstack = { 0, SS_DISABLE, 0 };

/* Per-thread state; a thread with nothing blocked and nothing pending
 * has no slot. */
#define SLOTS 64
struct sigthread {
	long tid;		/* 0: free */
	uint64_t blocked, pending;
};
static struct sigthread slots[SLOTS];

static void lock(void)
{
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_disable();
#endif
}

static void unlock(void)
{
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_enable();
#endif
}

#ifdef CONFIG_LIB_SCHED
struct find {
	long tid;
	struct ts_thread *t;
};

static void find_one(struct ts_thread *t, void *arg)
{
	struct find *f = arg;

	if ((long)ts_thread_id(t) == f->tid && strcmp(ts_thread_state(t),
						       "exited"))
		f->t = t;
}

static struct ts_thread *thread_of(long tid)
{
	struct find f = { tid, NULL };

	ts_thread_foreach(find_one, &f);
	return f.t;
}
#endif

bool ts_syscall_tid_alive(long tid)
{
	if (tid == ts_syscall_tid())
		return true;
#ifdef CONFIG_LIB_SCHED
	return thread_of(tid) != NULL;
#else
	return false;
#endif
}

/* The slot of tid, or NULL; with make, a new one (slots of threads
 * that ended are taken back when the table is full). */
static struct sigthread *slot(long tid, bool make)
{
	struct sigthread *free_slot = NULL;

	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].tid == tid)
			return &slots[i];
		if (!slots[i].tid && !free_slot)
			free_slot = &slots[i];
	}
	if (!make)
		return NULL;
	if (!free_slot)
		for (int i = 0; i < SLOTS; i++)
			if (!ts_syscall_tid_alive(slots[i].tid)) {
				slots[i].tid = 0;
				free_slot = &slots[i];
			}
	if (free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		free_slot->tid = tid;
	}
	return free_slot;
}

static void slot_tidy(struct sigthread *s)
{
	if (s && !s->blocked && !s->pending)
		s->tid = 0;
}

static uint64_t blocked_of(long tid)
{
	struct sigthread *s = slot(tid, false);

	return s ? s->blocked : 0;
}

/* Set tid's mask; false when no slot is left for a non-empty one. */
static bool set_blocked(long tid, uint64_t mask)
{
	struct sigthread *s = slot(tid, mask != 0);

	mask &= ~UNBLOCKABLE;
	if (!s)
		return mask == 0;
	s->blocked = mask;
	slot_tidy(s);
	return true;
}

static const char *const names[32] = {
	NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
	"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
	"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
	"SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
	"SIGSYS",
};

static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static bool ignored(int sig)
{
	unsigned long h = actions[sig].handler;

	return h == SIG_IGN || (h == SIG_DFL && default_ignores(sig));
}

static bool terminates(int sig)
{
	return actions[sig].handler == SIG_DFL && !default_ignores(sig);
}

/* The panic report: the signal by name (real-time ones as the kernel
 * numbers them, SIGRT0 = 32), the thread it was for (by name too with
 * lib/sched), then the report of the thread that sent it. */
static _Noreturn void terminate(int sig, long tid)
{
	const char *name = sig < 32 ? names[sig] : "SIGRT", *who = "";
	int rt = sig < 32 ? -1 : sig - 32;
#ifdef CONFIG_LIB_SCHED
	struct ts_thread *t = thread_of(tid);

	if (t)
		who = ts_thread_name(t);
#endif
	if (rt < 0)
		ts_panic("signal %s (%d) for thread %ld%s%s%s: its default "
			 "action ends the process", name, sig, tid,
			 *who ? " '" : "", who, *who ? "'" : "");
	ts_panic("signal %s%d (%d) for thread %ld%s%s%s: its default "
		 "action ends the process", name, rt, sig, tid,
		 *who ? " '" : "", who, *who ? "'" : "");
}

typedef void (*handler_fn)(int);
typedef void (*sigaction_fn)(int, void *, void *);

/* Run sig's action in the calling thread, which does not block it. */
static void run_action(int sig, int code)
{
	struct sigaction_abi a = actions[sig];
	long tid = ts_syscall_tid();
	uint64_t saved;

	if (ignored(sig))
		return;
	if (terminates(sig))
		terminate(sig, tid);
	if (a.flags & SA_RESETHAND) {
		actions[sig].handler = SIG_DFL;
		actions[sig].flags &= ~SA_SIGINFO;
	}
	lock();
	saved = blocked_of(tid);
	set_blocked(tid, saved | a.mask |
			      (a.flags & SA_NODEFER ? 0 : BIT(sig)));
	unlock();
	if (a.flags & SA_SIGINFO) {
		struct siginfo_abi si;

		memset(&si, 0, sizeof(si));
		si.signo = sig;
		si.code = code;
		si.pid = 1;
		((sigaction_fn)a.handler)(sig, &si, NULL);
	} else {
		((handler_fn)a.handler)(sig);
	}
	lock();
	set_blocked(tid, saved);
	unlock();
}

/* Deliver what is pending for the calling thread and not blocked,
 * lowest number first, as Linux picks them. */
static void deliver_pending(void)
{
	long tid = ts_syscall_tid();

	for (;;) {
		struct sigthread *s;
		uint64_t ready;
		int sig, code = SI_TKILL;

		lock();
		s = slot(tid, false);
		ready = ((s ? s->pending : 0) | proc_pending) &
			~(s ? s->blocked : 0);
		if (!ready) {
			unlock();
			return;
		}
		sig = __builtin_ctzll(ready) + 1;
		if (s && (s->pending & BIT(sig))) {
			s->pending &= ~BIT(sig);
			slot_tidy(s);
		} else {
			proc_pending &= ~BIT(sig);
			code = SI_USER;
		}
		unlock();
		run_action(sig, code);
	}
}

/* Send sig to thread tid (process-wide with proc). */
static long send(long tid, int sig, bool proc)
{
	long self = ts_syscall_tid();
	struct sigthread *s;

	if (!sig)
		return 0;
	lock();
	if (tid == self && !(blocked_of(self) & BIT(sig))) {
		unlock();
		run_action(sig, proc ? SI_USER : SI_TKILL);
		deliver_pending();
		return 0;
	}
	/* Blocked signals are kept even when ignored: the action may
	 * change before they are unblocked (Linux's rule). */
	if (!(blocked_of(tid) & BIT(sig))) {
		unlock();
		if (ignored(sig))
			return 0;
		if (terminates(sig))
			terminate(sig, tid);
		lock();
	}
	if (proc) {
		proc_pending |= BIT(sig);
	} else {
		s = slot(tid, true);
		if (!s) {
			unlock();
			return -EAGAIN;
		}
		s->pending |= BIT(sig);
	}
	unlock();
	deliver_pending();
	return 0;
}

static bool bad_sig(long sig)
{
	return sig < 0 || sig > SIG_COUNT;
}

static long sys_kill(long pid, long sig, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (bad_sig(sig))
		return -EINVAL;
	/* Ourselves: our pid (1), our process group (0), every process
	 * we may signal (-1), and our group by its number (-1). */
	if (pid != 1 && pid != 0 && pid != -1)
		return -ESRCH;
	return send(ts_syscall_tid(), (int)sig, true);
}
TS_SYSCALL(kill, sys_kill);

static long sys_tkill(long tid, long sig, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	if (tid <= 0 || bad_sig(sig))
		return -EINVAL;
	if (!ts_syscall_tid_alive(tid))
		return -ESRCH;
	return send(tid, (int)sig, false);
}
TS_SYSCALL(tkill, sys_tkill);

static long sys_tgkill(long tgid, long tid, long sig, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	if (tgid <= 0 || tid <= 0 || bad_sig(sig))
		return -EINVAL;
	if (tgid != 1 || !ts_syscall_tid_alive(tid))
		return -ESRCH;
	return send(tid, (int)sig, false);
}
TS_SYSCALL(tgkill, sys_tgkill);

static long sys_rt_sigaction(long sig, long act, long oact, long size,
			     long e, long f)
{
	struct sigaction_abi a, old;

	(void)e, (void)f;
	if (size != SIGSET_SIZE || sig < 1 || sig > SIG_COUNT)
		return -EINVAL;
	if (act && ts_arch_mem_read_safe((uint64_t)act, &a, sizeof(a)) !=
			   (long)sizeof(a))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	lock();
	old = actions[sig];
	if (act) {
		a.mask &= ~UNBLOCKABLE;
		actions[sig] = a;
		/* An action that ignores discards what is pending. */
		if (ignored((int)sig)) {
			proc_pending &= ~BIT(sig);
			for (int i = 0; i < SLOTS; i++) {
				slots[i].pending &= ~BIT(sig);
				if (slots[i].tid)
					slot_tidy(&slots[i]);
			}
		}
	}
	unlock();
	if (oact && ts_arch_mem_write_safe((uint64_t)oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(rt_sigaction, sys_rt_sigaction);

static long sys_rt_sigprocmask(long how, long set, long oset, long size,
			       long e, long f)
{
	long tid = ts_syscall_tid();
	uint64_t n = 0, old;

	(void)e, (void)f;
	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (set && ts_arch_mem_read_safe((uint64_t)set, &n, sizeof(n)) !=
			   (long)sizeof(n))
		return -EFAULT;
	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK &&
	    how != SIG_SETMASK)
		return -EINVAL;
	lock();
	old = blocked_of(tid);
	if (set) {
		uint64_t mask = how == SIG_BLOCK ? old | n :
				how == SIG_UNBLOCK ? old & ~n : n;

		if (!set_blocked(tid, mask)) {
			unlock();
			return -EAGAIN;
		}
	}
	unlock();
	if (oset && ts_arch_mem_write_safe((uint64_t)oset, &old, sizeof(old)))
		return -EFAULT;
	deliver_pending();
	return 0;
}
TS_SYSCALL(rt_sigprocmask, sys_rt_sigprocmask);

static long sys_rt_sigpending(long set, long size, long c, long d, long e,
			      long f)
{
	struct sigthread *s;
	uint64_t p;

	(void)c, (void)d, (void)e, (void)f;
	if ((unsigned long)size > SIGSET_SIZE)
		return -EINVAL;
	lock();
	s = slot(ts_syscall_tid(), false);
	p = ((s ? s->pending : 0) | proc_pending) & (s ? s->blocked : 0);
	unlock();
	if (ts_arch_mem_write_safe((uint64_t)set, &p, (size_t)size))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(rt_sigpending, sys_rt_sigpending);

static long sys_sigaltstack(long ss, long old, long c, long d, long e,
			    long f)
{
	struct stack_abi n, prev = altstack;

	(void)c, (void)d, (void)e, (void)f;
	if (ss) {
		unsigned int mode;

		if (ts_arch_mem_read_safe((uint64_t)ss, &n, sizeof(n)) !=
		    (long)sizeof(n))
			return -EFAULT;
		mode = (unsigned int)n.flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			n.sp = 0;
			n.size = 0;
		} else if (n.size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		altstack = n;
	}
	if (old && ts_arch_mem_write_safe((uint64_t)old, &prev, sizeof(prev)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(sigaltstack, sys_sigaltstack);
