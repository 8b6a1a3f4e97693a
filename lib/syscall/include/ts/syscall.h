/* Linux system calls served as plain function calls (lib/syscall).
 *
 *   static long sys_getpid(long a, long b, long c, long d, long e, long f)
 *   { ... return 1; }
 *   TS_SYSCALL(getpid, sys_getpid);
 *
 * registers the function that serves getpid, next to the code that
 * implements it: an entry in the linker section ts_syscalls, no central
 * switch. ts_syscall(TS_NR_getpid, ...) calls it. A number nobody
 * registered returns -ENOSYS and is named once per boot on the console
 * ("syscall: 'openat' (257) is not implemented: -ENOSYS"), or panics
 * with CONFIG_LIB_SYSCALL_PANIC_ON_ENOSYS. Results follow the kernel's
 * convention: a value, or minus an errno. The numbers (TS_NR_<name>) are
 * the target architecture's Linux ones (lib/syscall/arch/<arch>/). */
#ifndef TS_SYSCALL_H
#define TS_SYSCALL_H

#include <stddef.h>
#include <ts/syscall_arch.h>

enum ts_syscall_nr {
#define TS__NR_ENUM(name, nr) TS_NR_##name = nr,
	TS_SYSCALL_LIST(TS__NR_ENUM)
#undef TS__NR_ENUM
};

typedef long (*ts_syscall_fn)(long a, long b, long c, long d, long e,
			      long f);

struct ts_syscall_entry {
	long nr;
	ts_syscall_fn fn;
};

/* The section's name is a C identifier, so that the linker provides
 * __start_/__stop_ts_syscalls on any host too (plat/common/tables.lds
 * collects it in images). */
#define TS_SYSCALL(name, f)                                                 \
	static const struct ts_syscall_entry __ts_syscall_##name            \
	    __attribute__((used, aligned(8), section("ts_syscalls"))) = {   \
		TS_NR_##name, f                                             \
	}

/* Serve system call n with its six arguments. */
long ts_syscall(long n, long a, long b, long c, long d, long e, long f);

/* The name of system call n ("write"), or NULL if the architecture has
 * no call of that number. */
const char *ts_syscall_name(long n);

/* The largest system-call number of the architecture. */
long ts_syscall_nr_max(void);

/* A debugger's stops at system calls (lib/gdbstub's "catch syscall"):
 * while a hook is set, ts_syscall() calls it with TS_SYSCALL_STOP_ENTRY
 * before every call (ret 0) and with TS_SYSCALL_STOP_RETURN and the
 * result after it (not for calls that never return). The hook decides
 * which calls it stops at. NULL removes it; without a hook the
 * dispatcher's fast path pays one test for it. */
enum ts_syscall_stop { TS_SYSCALL_STOP_ENTRY, TS_SYSCALL_STOP_RETURN };
typedef void ts_syscall_stop_fn(enum ts_syscall_stop when, long n,
				long ret);
void ts_syscall_set_stop_hook(ts_syscall_stop_fn *fn);
/* A program's pointers, checked before a call hands them to code that
 * uses them directly (lib/vfs's file operations): 0 when every page of
 * [addr, addr + len) is mapped memory (not a guard page, not a device),
 * else -EFAULT, as Linux answers. len 0 is always 0. */
int ts_syscall_user_ok(unsigned long addr, size_t len);
/* An array of cnt struct iovec at the program's iov, checked as Linux
 * checks one before moving a byte: 0, -EINVAL for a count over
 * TS_UIO_MAXIOV or a total over SSIZE_MAX, -EFAULT for an array that
 * cannot be read or (buffers set) a buffer that is not mapped. */
#define TS_UIO_MAXIOV 1024
int ts_syscall_user_iov(unsigned long iov, long cnt, int buffers);
/* Copy the NUL-terminated string at the program's src into dst (size
 * bytes): its length, -EFAULT when it cannot be read, -ENAMETOOLONG when
 * it does not fit (with its NUL) in size bytes. */
long ts_syscall_user_string(char *dst, unsigned long src, size_t size);

/* The console as a terminal, for read and ioctl on descriptor 0 here
 * and on lib/vfs's /dev/console. read: canonical mode (a whole line
 * with its '\n', CR as '\n', Ctrl-D ends the input), into a checked
 * buffer, blocking the calling thread only. ioctl: TIOCGWINSZ,
 * TIOCSWINSZ, TCGETS, TCSETS*, TIOCGPGRP on the program's arg (checked
 * here: -EFAULT), -ENOTTY for anything else. */
long ts_syscall_console_read(char *buf, size_t len);
long ts_syscall_console_ioctl(unsigned long req, unsigned long arg);

/* Threads (CONFIG_LIB_SYSCALL_THREADS, on lib/sched), for a C library's
 * thread start (musl's __clone) and end (musl's __unmapself).
 *
 * ts_syscall_clone: Linux's clone for a thread, as a function call with
 * musl's __clone arguments: fn(arg) runs in a new thread on stack (the
 * top of the caller's stack memory, 16-byte aligned), with thread
 * pointer tls (CLONE_SETTLS), *ptid = its id (CLONE_PARENT_SETTID)
 * before it runs, ctid cleared and futex-woken when it ends
 * (CLONE_CHILD_CLEARTID). fn's return value is the thread's exit status
 * (the exit call). The call appears as `clone` in the trace. Returns
 * the new thread's id, or -EINVAL, -ENOSYS (fork-like flags: no second
 * process here), -EFAULT, -ENOMEM; lib/syscall's README lists which
 * flags. */
long ts_syscall_clone(int (*fn)(void *), void *stack, unsigned long flags,
		      void *arg, int *ptid, unsigned long tls, int *ctid);

/* The calling thread ends as with exit(0), and once it is off its
 * stack, [base, base + len) is unmapped (munmap through ts_syscall(),
 * by the next thread to run): for a detached thread whose stack is
 * that memory. */
_Noreturn void ts_syscall_exit_unmap(void *base, size_t len);

#endif
