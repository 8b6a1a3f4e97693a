/* syscall.trace=1: a line per call, like strace:
 *
 *   syscall: [3 main] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC, 0) = -1 ENOSYS
 *
 * the thread (id, and name with lib/sched), the call, its arguments
 * decoded by what Linux's ABI says they are (not by what this image
 * implements: a call nobody serves is decoded too), and the result, an
 * error by its errno name. Memory the arguments point to is read with
 * the architecture's fault-safe access: a bad pointer prints as its
 * address. Printed after the call (so that what it wrote into a buffer
 * shows), or before for the calls that never return (exit,
 * exit_group), with strace's "= ?". Without LIB_SYSCALL_TRACE_DECODE
 * (about 8.5 KB less), the six argument registers in hex. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include <ts/syscall_abi.h>
#include "internal.h"
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

/* Only the trace runs this code, at console speed: compiled for size
 * (GCC optimises cold functions as -Os does). */
#define COLD __attribute__((cold))

static bool trace;
TS_PARAM_BOOL(syscall, trace, trace,
	      "print every system call, its arguments and its result");

/* Parameters are applied before the first init level: the dispatcher
 * then knows, in the one flag its fast path tests. */
static int trace_init(void)
{
	ts_syscall_watch_trace(trace);
	return 0;
}
TS_INIT(trace_init, TS_INIT_EARLY);

/* ---- Names of values ----------------------------------------------- */

/* A list of names for the values base, base + 1, ...: "" where a value
 * has none. The name of v, or NULL. */
static COLD const char *nth(const char *list, size_t size, long base, long v)
{
	const char *p = list, *end = list + size - 1;

	if (v < base)
		return NULL;
	for (v -= base; v > 0 && p < end; v--)
		p += strlen(p) + 1;
	return p < end && *p ? p : NULL;
}
#define NTH(list, base, v) nth(list, sizeof(list), base, v)

/* Every errno Linux has (asm-generic/errno-base.h, errno.h), from 1. */
static const char errnos[] =
	"EPERM\0ENOENT\0ESRCH\0EINTR\0EIO\0ENXIO\0E2BIG\0ENOEXEC\0EBADF\0"
	"ECHILD\0EAGAIN\0ENOMEM\0EACCES\0EFAULT\0ENOTBLK\0EBUSY\0EEXIST\0"
	"EXDEV\0ENODEV\0ENOTDIR\0EISDIR\0EINVAL\0ENFILE\0EMFILE\0ENOTTY\0"
	"ETXTBSY\0EFBIG\0ENOSPC\0ESPIPE\0EROFS\0EMLINK\0EPIPE\0EDOM\0ERANGE\0"
	"EDEADLK\0ENAMETOOLONG\0ENOLCK\0ENOSYS\0ENOTEMPTY\0ELOOP\0\0ENOMSG\0"
	"EIDRM\0ECHRNG\0EL2NSYNC\0EL3HLT\0EL3RST\0ELNRNG\0EUNATCH\0ENOCSI\0"
	"EL2HLT\0EBADE\0EBADR\0EXFULL\0ENOANO\0EBADRQC\0EBADSLT\0\0EBFONT\0"
	"ENOSTR\0ENODATA\0ETIME\0ENOSR\0ENONET\0ENOPKG\0EREMOTE\0ENOLINK\0"
	"EADV\0ESRMNT\0ECOMM\0EPROTO\0EMULTIHOP\0EDOTDOT\0EBADMSG\0"
	"EOVERFLOW\0ENOTUNIQ\0EBADFD\0EREMCHG\0ELIBACC\0ELIBBAD\0ELIBSCN\0"
	"ELIBMAX\0ELIBEXEC\0EILSEQ\0ERESTART\0ESTRPIPE\0EUSERS\0ENOTSOCK\0"
	"EDESTADDRREQ\0EMSGSIZE\0EPROTOTYPE\0ENOPROTOOPT\0EPROTONOSUPPORT\0"
	"ESOCKTNOSUPPORT\0EOPNOTSUPP\0EPFNOSUPPORT\0EAFNOSUPPORT\0"
	"EADDRINUSE\0EADDRNOTAVAIL\0ENETDOWN\0ENETUNREACH\0ENETRESET\0"
	"ECONNABORTED\0ECONNRESET\0ENOBUFS\0EISCONN\0ENOTCONN\0ESHUTDOWN\0"
	"ETOOMANYREFS\0ETIMEDOUT\0ECONNREFUSED\0EHOSTDOWN\0EHOSTUNREACH\0"
	"EALREADY\0EINPROGRESS\0ESTALE\0EUCLEAN\0ENOTNAM\0ENAVAIL\0EISNAM\0"
	"EREMOTEIO\0EDQUOT\0ENOMEDIUM\0EMEDIUMTYPE\0ECANCELED\0ENOKEY\0"
	"EKEYEXPIRED\0EKEYREVOKED\0EKEYREJECTED\0EOWNERDEAD\0"
	"ENOTRECOVERABLE\0ERFKILL\0EHWPOISON\0";

COLD const char *ts_syscall_errno_name(long e)
{
	return NTH(errnos, 1, e);
}

/* ---- The line ------------------------------------------------------ */

#define LINE_MAX 400
#define STR_MAX 32	/* bytes of a string or buffer shown, as strace's -s */

struct line {
	char buf[LINE_MAX];
	size_t len;
};

static COLD void put(struct line *l, char c)
{
	if (l->len < LINE_MAX - 1)
		l->buf[l->len++] = c;
}

static COLD void puts_(struct line *l, const char *s)
{
	while (*s)
		put(l, *s++);
}

static COLD void put_unsigned(struct line *l, unsigned long v, unsigned int base)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (base == 16 && (n > 1 || d[0] != '0'))
		puts_(l, "0x");
	else if (base == 8 && d[n - 1] != '0')
		put(l, '0');
	while (n)
		put(l, d[--n]);
}

static COLD void put_dec(struct line *l, long v)
{
	if (v < 0) {
		put(l, '-');
		put_unsigned(l, -(unsigned long)v, 10);
	} else {
		put_unsigned(l, (unsigned long)v, 10);
	}
}

#ifdef CONFIG_LIB_SYSCALL_TRACE_DECODE

/* ---- What the arguments are ---------------------------------------- */

enum kind {
	END,		/* no more arguments */
	INT,		/* signed decimal */
	HEX,
	FD,		/* decimal, AT_FDCWD */
	STR,		/* a NUL-terminated string in */
	WBUF,		/* bytes in, as many as the next argument */
	RBUF,		/* bytes out, as many as the result */
	PTR,		/* an address, NULL */
	SIZE,		/* unsigned decimal */
	MODE,		/* octal */
	OFLAGS,		/* open's flags, after the access mode */
	MMAPF,		/* mmap's type, then its flags */
	CLONEF,		/* flags, then the exit signal */
	FUTEXOP,
	FCNTL,		/* the command, and the next argument as it reads it */
	SIG,
	IOV,		/* struct iovec[next argument] */
	SOCKTYPE,	/* type and its flags */
	TIMESPEC,	/* struct timespec, in or out */
	IOCTLREQ,	/* an ioctl request: the terminal's by name */
	OSTATUS,	/* open's flags without an access mode (dup3, pipe2) */
	STATBUF,	/* struct stat out: its type, mode and size */
	DIRENTS,	/* getdents64's records out, as many bytes as the result */
	POLLFDS,	/* struct pollfd[next argument] */
	EPOLLEV,	/* one struct epoll_event in */
	EPOLLEVS,	/* struct epoll_event[result] out */
	PIPEFDS,	/* int[2] out: the two ends */
	FDSET,		/* fd_set of the first argument's size, as it is after */
	SOCKADDR,	/* struct sockaddr in, as long as the next argument */
	SOCKADDROUT,	/* struct sockaddr out, its length at the next argument */
	SOCKLENP,	/* socklen_t in and out: [N] */
	MSGHDR,		/* struct msghdr: name, vectors, control, flags */
	/* A value with a name (enums[]) */
	CLOCK,
	WHENCE,
	SIGHOW,
	MADV,
	ARCHPRCTL,
	RLIMIT,
	AF,
	EPOLLOP,
	SOCKLEVEL,	/* getsockopt/setsockopt's level */
	SHUTHOW,
	/* Flags only (flagsets[]) */
	PROT,
	ATFLAGS,
	MREMAPF,
	GRND,
	MSGFLAGS,
};
#define FIRST_ENUM CLOCK
#define FIRST_FLAGS PROT
_Static_assert(MSGFLAGS < 64, "a kind is six bits");

/* Six bits per argument, six arguments; then how the result reads. */
#define K_(a, b, c, d, e, f, ...)                                          \
	((uint64_t)(a) | (uint64_t)(b) << 6 | (uint64_t)(c) << 12 |        \
	 (uint64_t)(d) << 18 | (uint64_t)(e) << 24 | (uint64_t)(f) << 30)
#define K(...) (K_(__VA_ARGS__, END, END, END, END, END, END) | KNOWN)
#define KNOWN (1ull << 62)	/* in the table (some calls take nothing) */
#define RET_HEX (1ull << 63)	/* the result is an address: mmap, brk */

/* The calls musl, Lua, SQLite, Redis and nginx make, by name (the same
 * call has another number on each architecture, and some exist on one
 * only: open, stat, poll... on x86_64). */
#define DECODED(X)                                                         \
	X(read, K(FD, RBUF, SIZE))                                         \
	X(write, K(FD, WBUF, SIZE))                                        \
	X(open, K(STR, OFLAGS, MODE))                                      \
	X(openat, K(FD, STR, OFLAGS, MODE))                                \
	X(close, K(FD))                                                    \
	X(creat, K(STR, MODE))                                             \
	X(stat, K(STR, STATBUF))                                           \
	X(lstat, K(STR, STATBUF))                                          \
	X(fstat, K(FD, STATBUF))                                           \
	X(newfstatat, K(FD, STR, STATBUF, ATFLAGS))                        \
	X(statx, K(FD, STR, ATFLAGS, HEX, PTR))                            \
	X(poll, K(POLLFDS, SIZE, INT))                                     \
	X(ppoll, K(POLLFDS, SIZE, TIMESPEC, PTR, SIZE))                    \
	X(lseek, K(FD, INT, WHENCE))                                       \
	X(mmap, K(PTR, SIZE, PROT, MMAPF, FD, HEX) | RET_HEX)              \
	X(mprotect, K(PTR, SIZE, PROT))                                    \
	X(munmap, K(PTR, SIZE))                                            \
	X(mremap, K(PTR, SIZE, SIZE, MREMAPF, PTR) | RET_HEX)              \
	X(madvise, K(PTR, SIZE, MADV))                                     \
	X(brk, K(PTR) | RET_HEX)                                           \
	X(rt_sigaction, K(SIG, PTR, PTR, SIZE))                            \
	X(rt_sigprocmask, K(SIGHOW, PTR, PTR, SIZE))                       \
	X(rt_sigreturn, K(END))                                            \
	X(sigaltstack, K(PTR, PTR))                                        \
	X(ioctl, K(FD, IOCTLREQ, HEX))                                     \
	X(pread64, K(FD, RBUF, SIZE, INT))                                 \
	X(pwrite64, K(FD, WBUF, SIZE, INT))                                \
	X(readv, K(FD, IOV, INT))                                          \
	X(writev, K(FD, IOV, INT))                                         \
	X(access, K(STR, INT))                                             \
	X(faccessat, K(FD, STR, INT))                                      \
	X(faccessat2, K(FD, STR, INT, ATFLAGS))                            \
	X(pipe, K(PIPEFDS))                                                \
	X(pipe2, K(PIPEFDS, OSTATUS))                                      \
	X(select, K(INT, FDSET, FDSET, FDSET, PTR))                        \
	X(pselect6, K(INT, FDSET, FDSET, FDSET, TIMESPEC, PTR))            \
	X(sched_yield, K(END))                                             \
	X(dup, K(FD))                                                      \
	X(dup2, K(FD, FD))                                                 \
	X(dup3, K(FD, FD, OSTATUS))                                        \
	X(nanosleep, K(TIMESPEC, PTR))                                     \
	X(clock_nanosleep, K(CLOCK, INT, TIMESPEC, PTR))                   \
	X(clock_gettime, K(CLOCK, TIMESPEC))                               \
	X(clock_getres, K(CLOCK, TIMESPEC))                                \
	X(gettimeofday, K(PTR, PTR))                                       \
	X(getpid, K(END))                                                  \
	X(getppid, K(END))                                                 \
	X(gettid, K(END))                                                  \
	X(getuid, K(END))                                                  \
	X(geteuid, K(END))                                                 \
	X(getgid, K(END))                                                  \
	X(getegid, K(END))                                                 \
	X(socket, K(AF, SOCKTYPE, INT))                                    \
	X(socketpair, K(AF, SOCKTYPE, INT, PIPEFDS))                       \
	X(connect, K(FD, SOCKADDR, SIZE))                                  \
	X(bind, K(FD, SOCKADDR, SIZE))                                     \
	X(listen, K(FD, INT))                                              \
	X(accept, K(FD, SOCKADDROUT, SOCKLENP))                            \
	X(accept4, K(FD, SOCKADDROUT, SOCKLENP, OSTATUS))                  \
	X(sendto, K(FD, WBUF, SIZE, MSGFLAGS, SOCKADDR, SIZE))             \
	X(recvfrom, K(FD, RBUF, SIZE, MSGFLAGS, SOCKADDROUT, SOCKLENP))    \
	X(sendmsg, K(FD, MSGHDR, MSGFLAGS))                                \
	X(recvmsg, K(FD, MSGHDR, MSGFLAGS))                                \
	X(sendmmsg, K(FD, PTR, SIZE, MSGFLAGS))                            \
	X(recvmmsg, K(FD, PTR, SIZE, MSGFLAGS, TIMESPEC))                  \
	X(shutdown, K(FD, SHUTHOW))                                        \
	X(getsockname, K(FD, SOCKADDROUT, SOCKLENP))                       \
	X(getpeername, K(FD, SOCKADDROUT, SOCKLENP))                       \
	X(setsockopt, K(FD, SOCKLEVEL, INT, PTR, SIZE))                    \
	X(getsockopt, K(FD, SOCKLEVEL, INT, PTR, SOCKLENP))                \
	X(sendfile, K(FD, FD, PTR, SIZE))                                  \
	X(clone, K(CLONEF, PTR, PTR, PTR, HEX))                            \
	X(execve, K(STR, PTR, PTR))                                        \
	X(exit, K(INT))                                                    \
	X(exit_group, K(INT))                                              \
	X(wait4, K(INT, PTR, HEX, PTR))                                    \
	X(kill, K(INT, SIG))                                               \
	X(tkill, K(INT, SIG))                                              \
	X(tgkill, K(INT, INT, SIG))                                        \
	X(uname, K(PTR))                                                   \
	X(fcntl, K(FD, FCNTL))                                             \
	X(flock, K(FD, INT))                                               \
	X(fsync, K(FD))                                                    \
	X(fdatasync, K(FD))                                                \
	X(ftruncate, K(FD, INT))                                           \
	X(fallocate, K(FD, HEX, INT, INT))                                 \
	X(getdents64, K(FD, DIRENTS, SIZE))                                \
	X(truncate, K(STR, INT))                                           \
	X(statfs, K(STR, PTR))                                             \
	X(fstatfs, K(FD, PTR))                                             \
	X(sync, K(END))                                                    \
	X(syncfs, K(FD))                                                   \
	X(fadvise64, K(FD, INT, INT, INT))                                 \
	X(copy_file_range, K(FD, PTR, FD, PTR, SIZE, HEX))                 \
	X(link, K(STR, STR))                                               \
	X(linkat, K(FD, STR, FD, STR, ATFLAGS))                            \
	X(symlink, K(STR, STR))                                            \
	X(symlinkat, K(STR, FD, STR))                                      \
	X(mknodat, K(FD, STR, MODE, HEX))                                  \
	X(chmod, K(STR, MODE))                                             \
	X(fchmodat, K(FD, STR, MODE))                                      \
	X(fchownat, K(FD, STR, INT, INT, ATFLAGS))                         \
	X(mount, K(STR, STR, STR, HEX, PTR))                               \
	X(umount2, K(STR, HEX))                                            \
	X(getcwd, K(PTR, SIZE))                                            \
	X(chdir, K(STR))                                                   \
	X(fchdir, K(FD))                                                   \
	X(rename, K(STR, STR))                                             \
	X(renameat, K(FD, STR, FD, STR))                                   \
	X(renameat2, K(FD, STR, FD, STR, HEX))                             \
	X(mkdir, K(STR, MODE))                                             \
	X(mkdirat, K(FD, STR, MODE))                                       \
	X(rmdir, K(STR))                                                   \
	X(unlink, K(STR))                                                  \
	X(unlinkat, K(FD, STR, ATFLAGS))                                   \
	X(readlink, K(STR, PTR, SIZE))                                     \
	X(readlinkat, K(FD, STR, PTR, SIZE))                               \
	X(fchmod, K(FD, MODE))                                             \
	X(fchown, K(FD, INT, INT))                                         \
	X(umask, K(MODE))                                                  \
	X(utimensat, K(FD, STR, PTR, ATFLAGS))                             \
	X(getrlimit, K(RLIMIT, PTR))                                       \
	X(setrlimit, K(RLIMIT, PTR))                                       \
	X(prlimit64, K(INT, RLIMIT, PTR, PTR))                             \
	X(getrusage, K(INT, PTR))                                          \
	X(sysinfo, K(PTR))                                                 \
	X(times, K(PTR))                                                   \
	X(prctl, K(INT, HEX, HEX, HEX, HEX))                               \
	X(arch_prctl, K(ARCHPRCTL, HEX))                                   \
	X(set_tid_address, K(PTR))                                         \
	X(set_robust_list, K(PTR, SIZE))                                   \
	X(futex, K(PTR, FUTEXOP, INT, TIMESPEC, PTR, INT))                 \
	X(sched_getaffinity, K(INT, SIZE, PTR))                            \
	X(epoll_create, K(INT))                                            \
	X(epoll_create1, K(OSTATUS))                                       \
	X(epoll_ctl, K(FD, EPOLLOP, FD, EPOLLEV))                          \
	X(epoll_wait, K(FD, EPOLLEVS, INT, INT))                           \
	X(epoll_pwait, K(FD, EPOLLEVS, INT, INT, PTR, SIZE))               \
	X(eventfd, K(INT))                                                 \
	X(eventfd2, K(INT, OSTATUS))                                       \
	X(getrandom, K(RBUF, SIZE, GRND))                                  \
	X(membarrier, K(INT, HEX, INT))                                    \
	X(rseq, K(PTR, SIZE, HEX, HEX))

static const char call_names[] =
#define NAME(name, kinds) #name "\0"
	DECODED(NAME)
#undef NAME
	;
static const uint64_t call_kinds[] = {
#define KINDS(name, kinds) kinds,
	DECODED(KINDS)
#undef KINDS
};
#define NDECODED (sizeof(call_kinds) / sizeof(call_kinds[0]))

/* From 1; 32 to 64 are the real-time signals. */
static const char signals[] =
	"SIGHUP\0SIGINT\0SIGQUIT\0SIGILL\0SIGTRAP\0SIGABRT\0SIGBUS\0SIGFPE\0"
	"SIGKILL\0SIGUSR1\0SIGSEGV\0SIGUSR2\0SIGPIPE\0SIGALRM\0SIGTERM\0"
	"SIGSTKFLT\0SIGCHLD\0SIGCONT\0SIGSTOP\0SIGTSTP\0SIGTTIN\0SIGTTOU\0"
	"SIGURG\0SIGXCPU\0SIGXFSZ\0SIGVTALRM\0SIGPROF\0SIGWINCH\0SIGIO\0"
	"SIGPWR\0SIGSYS\0";
static const char clocks[] =
	"CLOCK_REALTIME\0CLOCK_MONOTONIC\0CLOCK_PROCESS_CPUTIME_ID\0"
	"CLOCK_THREAD_CPUTIME_ID\0CLOCK_MONOTONIC_RAW\0CLOCK_REALTIME_COARSE\0"
	"CLOCK_MONOTONIC_COARSE\0CLOCK_BOOTTIME\0CLOCK_REALTIME_ALARM\0"
	"CLOCK_BOOTTIME_ALARM\0CLOCK_SGI_CYCLE\0CLOCK_TAI\0";
static const char futex_ops[] =
	"FUTEX_WAIT\0FUTEX_WAKE\0FUTEX_FD\0FUTEX_REQUEUE\0FUTEX_CMP_REQUEUE\0"
	"FUTEX_WAKE_OP\0FUTEX_LOCK_PI\0FUTEX_UNLOCK_PI\0FUTEX_TRYLOCK_PI\0"
	"FUTEX_WAIT_BITSET\0FUTEX_WAKE_BITSET\0FUTEX_WAIT_REQUEUE_PI\0"
	"FUTEX_CMP_REQUEUE_PI\0FUTEX_LOCK_PI2\0";
static const char fcntls[] =
	"F_DUPFD\0F_GETFD\0F_SETFD\0F_GETFL\0F_SETFL\0F_GETLK\0F_SETLK\0"
	"F_SETLKW\0F_SETOWN\0F_GETOWN\0F_SETSIG\0F_GETSIG\0\0\0\0F_SETOWN_EX\0"
	"F_GETOWN_EX\0F_GETOWNER_UIDS\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	"F_OFD_GETLK\0F_OFD_SETLK\0F_OFD_SETLKW\0";
static const char fcntls_linux[] =	/* from F_LINUX_SPECIFIC_BASE */
	"F_SETLEASE\0F_GETLEASE\0F_NOTIFY\0\0\0F_CANCELLK\0F_DUPFD_CLOEXEC\0"
	"F_SETPIPE_SZ\0F_GETPIPE_SZ\0F_ADD_SEALS\0F_GET_SEALS\0";
/* The requests every file or a terminal answers (the same numbers on
 * x86_64 and arm64: asm-generic's). */
static const struct {
	uint16_t req;
	char name[12];
} ioctls[] = {
	{ 0x5401, "TCGETS" }, { 0x5402, "TCSETS" }, { 0x5403, "TCSETSW" },
	{ 0x5404, "TCSETSF" }, { 0x5409, "TCSBRK" }, { 0x540a, "TCXONC" },
	{ 0x540b, "TCFLSH" }, { 0x540e, "TIOCSCTTY" }, { 0x540f, "TIOCGPGRP" },
	{ 0x5410, "TIOCSPGRP" }, { 0x5411, "TIOCOUTQ" },
	{ 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" },
	{ 0x541b, "FIONREAD" }, { 0x5421, "FIONBIO" }, { 0x5450, "FIONCLEX" },
	{ 0x5451, "FIOCLEX" }, { 0x5452, "FIOASYNC" },
};
static const char epoll_ops[] =
	"EPOLL_CTL_ADD\0EPOLL_CTL_DEL\0EPOLL_CTL_MOD\0";
static const char whences[] =
	"SEEK_SET\0SEEK_CUR\0SEEK_END\0SEEK_DATA\0SEEK_HOLE\0";
static const char sighows[] = "SIG_BLOCK\0SIG_UNBLOCK\0SIG_SETMASK\0";
static const char madvs[] =
	"MADV_NORMAL\0MADV_RANDOM\0MADV_SEQUENTIAL\0MADV_WILLNEED\0"
	"MADV_DONTNEED\0\0\0\0MADV_FREE\0MADV_REMOVE\0MADV_DONTFORK\0"
	"MADV_DOFORK\0MADV_MERGEABLE\0MADV_UNMERGEABLE\0MADV_HUGEPAGE\0"
	"MADV_NOHUGEPAGE\0MADV_DONTDUMP\0MADV_DODUMP\0MADV_WIPEONFORK\0"
	"MADV_KEEPONFORK\0MADV_COLD\0MADV_PAGEOUT\0MADV_POPULATE_READ\0"
	"MADV_POPULATE_WRITE\0MADV_DONTNEED_LOCKED\0MADV_COLLAPSE\0";
static const char arch_prctls[] =	/* from 0x1001 */
	"ARCH_SET_GS\0ARCH_SET_FS\0ARCH_GET_FS\0ARCH_GET_GS\0";
static const char rlimits[] =
	"RLIMIT_CPU\0RLIMIT_FSIZE\0RLIMIT_DATA\0RLIMIT_STACK\0RLIMIT_CORE\0"
	"RLIMIT_RSS\0RLIMIT_NPROC\0RLIMIT_NOFILE\0RLIMIT_MEMLOCK\0RLIMIT_AS\0"
	"RLIMIT_LOCKS\0RLIMIT_SIGPENDING\0RLIMIT_MSGQUEUE\0RLIMIT_NICE\0"
	"RLIMIT_RTPRIO\0RLIMIT_RTTIME\0";
static const char afs[] =
	"AF_UNSPEC\0AF_UNIX\0AF_INET\0\0\0\0\0\0\0\0AF_INET6\0\0\0\0\0\0"
	"AF_NETLINK\0AF_PACKET\0";
/* Levels by number: SOL_IP (0), SOL_SOCKET is 1 on both ABIs here. */
static const char socklevels[] =
	"SOL_IP\0SOL_SOCKET\0\0\0\0\0SOL_TCP\0\0\0\0\0\0\0\0\0\0\0"
	"SOL_UDP\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	"\0\0SOL_IPV6\0";
static const char shuthows[] = "SHUT_RD\0SHUT_WR\0SHUT_RDWR\0";
static const char socktypes[] =
	"SOCK_STREAM\0SOCK_DGRAM\0SOCK_RAW\0SOCK_RDM\0SOCK_SEQPACKET\0"
	"SOCK_DCCP\0\0\0\0SOCK_PACKET\0";

/* Flags: the bits, and their names in the same order. */
struct flagset {
	const uint32_t *bits;
	const char *names;
	unsigned int n;
};
#define FLAGSET(bits, names) { bits, names, sizeof(bits) / sizeof(bits[0]) }

static const uint32_t open_bits[] = {
	0100, 0200, 0400, 01000, 02000, 04000, 04010000, 010000, 020000,
	TS_ABI_O_DIRECT, TS_ABI_O_LARGEFILE, TS_ABI_O_DIRECTORY,
	TS_ABI_O_NOFOLLOW, 01000000, 02000000, 010000000, 020000000,
};
static const char open_names[] =
	"O_CREAT\0O_EXCL\0O_NOCTTY\0O_TRUNC\0O_APPEND\0O_NONBLOCK\0O_SYNC\0"
	"O_DSYNC\0O_ASYNC\0O_DIRECT\0O_LARGEFILE\0O_DIRECTORY\0O_NOFOLLOW\0"
	"O_NOATIME\0O_CLOEXEC\0O_PATH\0__O_TMPFILE\0";
static const uint32_t prot_bits[] = { 1, 2, 4, 8, 0x01000000, 0x02000000 };
static const char prot_names[] =
	"PROT_READ\0PROT_WRITE\0PROT_EXEC\0PROT_SEM\0PROT_GROWSDOWN\0"
	"PROT_GROWSUP\0";
static const uint32_t mmap_bits[] = {
	0x10, 0x20, TS_ABI_MAP_32BIT, 0x100, 0x800, 0x1000, 0x2000, 0x4000,
	0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x4000000,
};
static const char mmap_names[] =
	"MAP_FIXED\0MAP_ANONYMOUS\0MAP_32BIT\0MAP_GROWSDOWN\0MAP_DENYWRITE\0"
	"MAP_EXECUTABLE\0MAP_LOCKED\0MAP_NORESERVE\0MAP_POPULATE\0"
	"MAP_NONBLOCK\0MAP_STACK\0MAP_HUGETLB\0MAP_SYNC\0MAP_FIXED_NOREPLACE\0"
	"MAP_UNINITIALIZED\0";
static const uint32_t clone_bits[] = {
	0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000,
	0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000,
	0x800000, 0x1000000, 0x2000000, 0x4000000, 0x8000000, 0x10000000,
	0x20000000, 0x40000000, 0x80000000,
};
static const char clone_names[] =
	"CLONE_VM\0CLONE_FS\0CLONE_FILES\0CLONE_SIGHAND\0CLONE_PIDFD\0"
	"CLONE_PTRACE\0CLONE_VFORK\0CLONE_PARENT\0CLONE_THREAD\0CLONE_NEWNS\0"
	"CLONE_SYSVSEM\0CLONE_SETTLS\0CLONE_PARENT_SETTID\0"
	"CLONE_CHILD_CLEARTID\0CLONE_DETACHED\0CLONE_UNTRACED\0"
	"CLONE_CHILD_SETTID\0CLONE_NEWCGROUP\0CLONE_NEWUTS\0CLONE_NEWIPC\0"
	"CLONE_NEWUSER\0CLONE_NEWPID\0CLONE_NEWNET\0CLONE_IO\0";
static const uint32_t at_bits[] = { 0x100, 0x200, 0x400, 0x800, 0x1000 };
static const char at_names[] =
	"AT_SYMLINK_NOFOLLOW\0AT_REMOVEDIR\0AT_SYMLINK_FOLLOW\0"
	"AT_NO_AUTOMOUNT\0AT_EMPTY_PATH\0";
static const uint32_t mremap_bits[] = { 1, 2, 4 };
static const char mremap_names[] =
	"MREMAP_MAYMOVE\0MREMAP_FIXED\0MREMAP_DONTUNMAP\0";
static const uint32_t sock_bits[] = { 04000, 02000000 };
static const char sock_names[] = "SOCK_NONBLOCK\0SOCK_CLOEXEC\0";
static const uint32_t poll_bits[] = {
	0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400,
	0x2000,
};
static const char poll_names[] =
	"POLLIN\0POLLPRI\0POLLOUT\0POLLERR\0POLLHUP\0POLLNVAL\0POLLRDNORM\0"
	"POLLRDBAND\0POLLWRNORM\0POLLWRBAND\0POLLMSG\0POLLRDHUP\0";
static const uint32_t epoll_bits[] = {
	0x1, 0x2, 0x4, 0x8, 0x10, 0x40, 0x80, 0x100, 0x200, 0x400, 0x2000,
	1u << 28, 1u << 29, 1u << 30, 1u << 31,
};
static const char epoll_names[] =
	"EPOLLIN\0EPOLLPRI\0EPOLLOUT\0EPOLLERR\0EPOLLHUP\0EPOLLRDNORM\0"
	"EPOLLRDBAND\0EPOLLWRNORM\0EPOLLWRBAND\0EPOLLMSG\0EPOLLRDHUP\0"
	"EPOLLEXCLUSIVE\0EPOLLWAKEUP\0EPOLLONESHOT\0EPOLLET\0";
/* d_type by number, which is also S_IFMT >> 12 of a mode. */
static const char dtypes[] =
	"DT_UNKNOWN\0DT_FIFO\0DT_CHR\0\0DT_DIR\0\0DT_BLK\0\0DT_REG\0\0DT_LNK\0"
	"\0DT_SOCK\0";
static const uint32_t msg_bits[] = {
	0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x800,
	0x2000, 0x4000, 0x8000, 0x10000, 0x40000000,
};
static const char msg_names[] =
	"MSG_OOB\0MSG_PEEK\0MSG_DONTROUTE\0MSG_CTRUNC\0MSG_PROXY\0"
	"MSG_TRUNC\0MSG_DONTWAIT\0MSG_EOR\0MSG_WAITALL\0MSG_FIN\0"
	"MSG_CONFIRM\0MSG_ERRQUEUE\0MSG_NOSIGNAL\0MSG_MORE\0"
	"MSG_WAITFORONE\0MSG_CMSG_CLOEXEC\0";
static const uint32_t grnd_bits[] = { 1, 2, 4 };
static const char grnd_names[] = "GRND_NONBLOCK\0GRND_RANDOM\0GRND_INSECURE\0";

static COLD void put_ptr(struct line *l, unsigned long v)
{
	if (v)
		put_unsigned(l, v, 16);
	else
		puts_(l, "NULL");
}

/* name or the number in decimal. */
static COLD void put_named(struct line *l, const char *name, long v)
{
	if (name)
		puts_(l, name);
	else
		put_dec(l, v);
}

/* NAME|NAME|0x... (what no name covers), or 0. */
static COLD void put_flags(struct line *l, const struct flagset *fs,
		      unsigned long v, bool first)
{
	const char *p = fs->names;

	for (unsigned int i = 0; i < fs->n; i++, p += strlen(p) + 1) {
		if (!fs->bits[i] || (v & fs->bits[i]) != fs->bits[i])
			continue;
		if (!first)
			put(l, '|');
		puts_(l, p);
		v &= ~(unsigned long)fs->bits[i];
		first = false;
	}
	if (v || first) {
		if (!first)
			put(l, '|');
		put_unsigned(l, v, 16);
	}
}

/* "bytes" with C escapes, at most STR_MAX of them, "..." after when
 * there is more; an address that cannot be read as itself. as_string:
 * stop at a NUL (and len is only the most to look at). */
static COLD void put_bytes(struct line *l, unsigned long addr, unsigned long len,
		      bool as_string)
{
	unsigned char b[STR_MAX + 1];
	size_t want = len > STR_MAX ? STR_MAX + 1 : len, n = 0;
	long got;

	if (!addr) {
		puts_(l, "NULL");
		return;
	}
	if (as_string) {
		/* A byte at a time up to the NUL: never a read past the end
		 * of the string (into memory a sanitiser guards, a device). */
		for (got = 0; (size_t)got < want; got++)
			if (ts_arch_mem_read_safe(addr + got, &b[got], 1) != 1 ||
			    !b[got])
				break;
		if (!got && ts_arch_mem_read_safe(addr, b, 1) != 1)
			got = -1;
	} else {
		got = ts_arch_mem_read_safe(addr, b, want);
	}
	if (got <= 0 && want) {
		put_unsigned(l, addr, 16);
		return;
	}
	put(l, '"');
	for (n = 0; n < (size_t)got && n < STR_MAX; n++) {
		unsigned char c = b[n];

		if (as_string && !c)
			break;
		if (c == '"' || c == '\\') {
			put(l, '\\');
			put(l, (char)c);
		} else if (c == '\n') {
			puts_(l, "\\n");
		} else if (c == '\t') {
			puts_(l, "\\t");
		} else if (c == '\r') {
			puts_(l, "\\r");
		} else if (c < 0x20 || c >= 0x7f) {
			puts_(l, "\\x");
			put(l, "0123456789abcdef"[c >> 4]);
			put(l, "0123456789abcdef"[c & 15]);
		} else {
			put(l, (char)c);
		}
	}
	put(l, '"');
	/* More than shown: the length says so, or a string's NUL was not
	 * among the bytes read. */
	if (as_string ? n == STR_MAX && (size_t)got > STR_MAX : len > n)
		puts_(l, "...");
}

static COLD void put_timespec(struct line *l, unsigned long addr)
{
	long ts[2];

	if (!addr || ts_arch_mem_read_safe(addr, ts, sizeof(ts)) !=
		     (long)sizeof(ts)) {
		put_ptr(l, addr);
		return;
	}
	puts_(l, "{tv_sec=");
	put_dec(l, ts[0]);
	puts_(l, ", tv_nsec=");
	put_dec(l, ts[1]);
	put(l, '}');
}

/* [{iov_base="...", iov_len=N}, ...]: the first four vectors. */
static COLD void put_iov(struct line *l, unsigned long addr, long cnt)
{
	unsigned long v[2];

	if (cnt <= 0 || cnt > 1024) {
		put_ptr(l, addr);
		return;
	}
	for (long i = 0; i < cnt; i++) {
		if (i == 4) {
			puts_(l, ", ...");
			break;
		}
		if (ts_arch_mem_read_safe(addr + i * sizeof(v), v, sizeof(v)) !=
		    (long)sizeof(v)) {
			if (!i) {	/* no vector readable: the address */
				put_unsigned(l, addr, 16);
				return;
			}
			puts_(l, ", ");
			put_unsigned(l, addr + i * sizeof(v), 16);
			break;
		}
		puts_(l, i ? ", {iov_base=" : "[{iov_base=");
		put_bytes(l, v[0], v[1], false);
		puts_(l, ", iov_len=");
		put_unsigned(l, v[1], 10);
		put(l, '}');
	}
	put(l, ']');
}

/* The kinds from FIRST_ENUM: a value of a list of names. */
struct enumlist {
	const char *names;
	unsigned short size;
	unsigned short base;
};
#define ENUM(list, base) { list, sizeof(list), base }
static const struct enumlist enums[] = {
	[CLOCK - FIRST_ENUM] = ENUM(clocks, 0),
	[WHENCE - FIRST_ENUM] = ENUM(whences, 0),
	[SIGHOW - FIRST_ENUM] = ENUM(sighows, 0),
	[MADV - FIRST_ENUM] = ENUM(madvs, 0),
	[ARCHPRCTL - FIRST_ENUM] = ENUM(arch_prctls, 0x1001),
	[RLIMIT - FIRST_ENUM] = ENUM(rlimits, 0),
	[AF - FIRST_ENUM] = ENUM(afs, 0),
	[EPOLLOP - FIRST_ENUM] = ENUM(epoll_ops, 1),
	[SOCKLEVEL - FIRST_ENUM] = ENUM(socklevels, 0),
	[SHUTHOW - FIRST_ENUM] = ENUM(shuthows, 0),
};

/* The kinds from FIRST_FLAGS, and the flag parts of others. */
static const struct flagset flagsets[] = {
	[PROT - FIRST_FLAGS] = FLAGSET(prot_bits, prot_names),
	[ATFLAGS - FIRST_FLAGS] = FLAGSET(at_bits, at_names),
	[MREMAPF - FIRST_FLAGS] = FLAGSET(mremap_bits, mremap_names),
	[GRND - FIRST_FLAGS] = FLAGSET(grnd_bits, grnd_names),
	[MSGFLAGS - FIRST_FLAGS] = FLAGSET(msg_bits, msg_names),
};
static const struct flagset open_flags = FLAGSET(open_bits, open_names);
static const struct flagset mmap_flags = FLAGSET(mmap_bits, mmap_names);
static const struct flagset clone_flags = FLAGSET(clone_bits, clone_names);
static const struct flagset sock_flags = FLAGSET(sock_bits, sock_names);
static const struct flagset poll_flags = FLAGSET(poll_bits, poll_names);
static const struct flagset epoll_flags = FLAGSET(epoll_bits, epoll_names);

/* struct stat out (when the call succeeded): its type and permission
 * bits, and its size, as strace's abbreviated form. */
static COLD void put_stat(struct line *l, unsigned long addr, long ret)
{
	uint32_t mode;
	int64_t size;
	const char *type;

	if (ret != 0 ||
	    ts_arch_mem_read_safe(addr + TS_ABI_STAT_MODE, &mode,
				  sizeof(mode)) != (long)sizeof(mode) ||
	    ts_arch_mem_read_safe(addr + TS_ABI_STAT_SIZE, &size,
				  sizeof(size)) != (long)sizeof(size)) {
		put_ptr(l, addr);
		return;
	}
	type = NTH(dtypes, 0, (long)((mode >> 12) & 15));
	puts_(l, "{st_mode=");
	if (type && (mode >> 12) & 15) {
		/* DT_REG is S_IFREG..., but DT_FIFO is S_IFIFO. */
		puts_(l, "S_IF");
		puts_(l, type + (strcmp(type, "DT_FIFO") ? 3 : 4));
		put(l, '|');
	}
	put_unsigned(l, mode & 07777, 8);
	puts_(l, ", st_size=");
	put_dec(l, size);
	puts_(l, ", ...}");
}

/* getdents64's records: [{d_ino=N, d_type=DT_REG, d_name="x"}, ...],
 * the first four. */
static COLD void put_dirents(struct line *l, unsigned long addr, long ret)
{
	struct {
		uint64_t ino;
		int64_t off;
		uint16_t reclen;
		uint8_t type;
	} __attribute__((packed)) d;
	long at = 0;
	int n = 0;

	if (ret <= 0) {
		put_ptr(l, addr);
		return;
	}
	put(l, '[');
	while (at + (long)sizeof(d) <= ret) {
		if (ts_arch_mem_read_safe(addr + (unsigned long)at, &d,
					  sizeof(d)) != (long)sizeof(d) ||
		    d.reclen < sizeof(d)) {
			puts_(l, n ? ", ?" : "?");
			break;
		}
		if (n == 4) {
			puts_(l, ", ...");
			break;
		}
		puts_(l, n ? ", {d_ino=" : "{d_ino=");
		put_unsigned(l, d.ino, 10);
		puts_(l, ", d_type=");
		put_named(l, NTH(dtypes, 0, d.type), d.type);
		puts_(l, ", d_name=");
		put_bytes(l, addr + (unsigned long)at + sizeof(d),
			  d.reclen - sizeof(d), true);
		put(l, '}');
		at += d.reclen;
		n++;
	}
	put(l, ']');
}

/* struct pollfd[cnt]: [{fd=3, events=POLLIN, revents=POLLIN}, ...], the
 * first four; revents once the call said some are set. */
static COLD void put_pollfds(struct line *l, unsigned long addr, long cnt,
			     long ret)
{
	struct {
		int32_t fd;
		int16_t events, revents;
	} p;

	if (cnt <= 0 || cnt > 4096 || !addr) {
		put_ptr(l, addr);
		return;
	}
	put(l, '[');
	for (long i = 0; i < cnt; i++) {
		if (i == 4) {
			puts_(l, ", ...");
			break;
		}
		if (ts_arch_mem_read_safe(addr + (unsigned long)i * sizeof(p), &p,
					  sizeof(p)) != (long)sizeof(p)) {
			puts_(l, i ? ", ?" : "?");
			break;
		}
		puts_(l, i ? ", {fd=" : "{fd=");
		put_dec(l, p.fd);
		puts_(l, ", events=");
		put_flags(l, &poll_flags, (uint16_t)p.events, true);
		if (ret > 0 && p.revents) {
			puts_(l, ", revents=");
			put_flags(l, &poll_flags, (uint16_t)p.revents, true);
		}
		put(l, '}');
	}
	put(l, ']');
}

/* struct epoll_event (packed on x86_64, padded on arm64):
 * {events=EPOLLIN|EPOLLET, data=0x3}. */
static COLD void put_epoll_event(struct line *l, unsigned long addr)
{
	uint32_t events;
	uint64_t data;

	if (!addr ||
	    ts_arch_mem_read_safe(addr, &events, sizeof(events)) !=
		    (long)sizeof(events) ||
	    ts_arch_mem_read_safe(addr + TS_ABI_EPOLL_DATA, &data,
				  sizeof(data)) != (long)sizeof(data)) {
		put_ptr(l, addr);
		return;
	}
	puts_(l, "{events=");
	put_flags(l, &epoll_flags, events, true);
	puts_(l, ", data=");
	put_unsigned(l, data, 16);
	put(l, '}');
}

/* pipe's two descriptors, once it made them: [3, 4]. */
static COLD void put_pipefds(struct line *l, unsigned long addr, long ret)
{
	int32_t fds[2];

	if (ret != 0 || ts_arch_mem_read_safe(addr, fds, sizeof(fds)) !=
				(long)sizeof(fds)) {
		put_ptr(l, addr);
		return;
	}
	put(l, '[');
	put_dec(l, fds[0]);
	puts_(l, ", ");
	put_dec(l, fds[1]);
	put(l, ']');
}

/* An fd_set of nfds bits as the call left it (the ready descriptors
 * after select, what was asked when it failed): [3 4]. */
static COLD void put_fdset(struct line *l, unsigned long addr, long nfds)
{
	unsigned long w;
	int shown = 0;

	if (!addr || nfds <= 0 || nfds > 1024) {
		put_ptr(l, addr);
		return;
	}
	put(l, '[');
	for (long i = 0; i < nfds; i += 8 * (long)sizeof(w)) {
		if (ts_arch_mem_read_safe(addr + (unsigned long)i / 8, &w,
					  sizeof(w)) != (long)sizeof(w)) {
			puts_(l, shown ? " ?" : "?");
			break;
		}
		for (long b = 0; b < 8 * (long)sizeof(w) && i + b < nfds; b++)
			if (w & (1ul << b)) {
				if (shown++)
					put(l, ' ');
				put_dec(l, i + b);
			}
	}
	put(l, ']');
}

/* epoll_wait's events out: as many as the result. */
static COLD void put_epoll_events(struct line *l, unsigned long addr,
				  long n)
{
	if (n <= 0) {
		put_ptr(l, addr);
		return;
	}
	put(l, '[');
	for (long i = 0; i < n; i++) {
		if (i == 4) {
			puts_(l, ", ...");
			break;
		}
		if (i)
			puts_(l, ", ");
		put_epoll_event(l, addr + (unsigned long)i * TS_ABI_EPOLL_SIZE);
	}
	put(l, ']');
}

/* A socket address as strace shows it: {sa_family=AF_INET,
 * sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, IPv6 in full
 * groups ("0:0:0:0:0:0:0:1"), AF_UNIX by its path; len bytes at addr
 * (at most 128). */
static COLD void put_sockaddr(struct line *l, unsigned long addr, long len)
{
	unsigned char a[128];
	uint16_t fam;

	if (!addr || len < 2 || len > (long)sizeof(a) ||
	    ts_arch_mem_read_safe(addr, a, (size_t)len) != len) {
		put_ptr(l, addr);
		return;
	}
	fam = (uint16_t)(a[0] | a[1] << 8);
	puts_(l, "{sa_family=");
	put_named(l, NTH(afs, 0, fam), fam);
	if (fam == 2 && len >= 8) {		/* AF_INET */
		puts_(l, ", sin_port=htons(");
		put_unsigned(l, (unsigned long)(a[2] << 8 | a[3]), 10);
		puts_(l, "), sin_addr=inet_addr(\"");
		for (int i = 0; i < 4; i++) {
			if (i)
				put(l, '.');
			put_unsigned(l, a[4 + i], 10);
		}
		puts_(l, "\")");
	} else if (fam == 10 && len >= 24) {	/* AF_INET6 */
		puts_(l, ", sin6_port=htons(");
		put_unsigned(l, (unsigned long)(a[2] << 8 | a[3]), 10);
		puts_(l, "), sin6_addr=\"");
		for (int i = 0; i < 8; i++) {
			if (i)
				put(l, ':');
			put_unsigned(l, (unsigned long)(a[8 + 2 * i] << 8 |
							a[9 + 2 * i]), 16);
		}
		put(l, '"');
	} else if (fam == 1 && len > 2) {	/* AF_UNIX */
		puts_(l, ", sun_path=");
		put_bytes(l, addr + 2, (unsigned long)len - 2, a[2] != 0);
	}
	put(l, '}');
}

/* An address the call wrote, its length at lenp (as it is after). */
static COLD void put_sockaddr_out(struct line *l, unsigned long addr,
				  unsigned long lenp, long ret)
{
	int32_t len;

	if (ret < 0 || !lenp ||
	    ts_arch_mem_read_safe(lenp, &len, sizeof(len)) != sizeof(len)) {
		put_ptr(l, addr);
		return;
	}
	put_sockaddr(l, addr, len > 128 ? 128 : len);
}

static COLD void put_socklenp(struct line *l, unsigned long lenp)
{
	int32_t len;

	if (!lenp ||
	    ts_arch_mem_read_safe(lenp, &len, sizeof(len)) != sizeof(len)) {
		put_ptr(l, lenp);
		return;
	}
	put(l, '[');
	put_dec(l, len);
	put(l, ']');
}

/* struct msghdr (the same layout on both 64-bit ABIs): {msg_name=...,
 * msg_namelen=16, msg_iov=[...], msg_iovlen=1, msg_controllen=0,
 * msg_flags=MSG_TRUNC}. The name and flags as the call left them. */
static COLD void put_msghdr(struct line *l, unsigned long addr, long ret)
{
	struct {
		unsigned long name;
		uint32_t namelen, pad1;
		unsigned long iov;
		int32_t iovlen, pad2;
		unsigned long control;
		uint32_t controllen, pad3;
		int32_t flags;
	} m;

	if (!addr || ts_arch_mem_read_safe(addr, &m, sizeof(m)) !=
			     (long)sizeof(m)) {
		put_ptr(l, addr);
		return;
	}
	puts_(l, "{msg_name=");
	if (ret >= 0 && m.namelen)
		put_sockaddr(l, m.name, m.namelen > 128 ? 128 : m.namelen);
	else
		put_ptr(l, m.name);
	puts_(l, ", msg_namelen=");
	put_unsigned(l, m.namelen, 10);
	puts_(l, ", msg_iov=");
	put_iov(l, m.iov, m.iovlen);
	puts_(l, ", msg_iovlen=");
	put_dec(l, m.iovlen);
	puts_(l, ", msg_controllen=");
	put_unsigned(l, m.controllen, 10);
	puts_(l, ", msg_flags=");
	put_flags(l, &flagsets[MSGFLAGS - FIRST_FLAGS], (uint32_t)m.flags,
		  true);
	put(l, '}');
}

static COLD const char *signal_name(long v)
{
	return NTH(signals, 1, v);
}

/* "|" and the flags, when there are any. */
static COLD void put_more_flags(struct line *l, const struct flagset *fs,
			   unsigned long v)
{
	if (v) {
		put(l, '|');
		put_flags(l, fs, v, true);
	}
}

static COLD __attribute__((noinline)) void put_arg(struct line *l, enum kind k,
					      const long *args, int i,
					      long ret)
{
	long v = args[i];
	unsigned long u = (unsigned long)v;
	const struct enumlist *e;

	if (k >= FIRST_FLAGS) {
		if (k == PROT && !u)
			puts_(l, "PROT_NONE");
		else
			put_flags(l, &flagsets[k - FIRST_FLAGS], u, true);
		return;
	}
	if (k >= FIRST_ENUM) {
		e = &enums[k - FIRST_ENUM];
		put_named(l, nth(e->names, e->size, e->base, (int)v), (int)v);
		return;
	}
	switch (k) {
	case FD:
		if ((int)v == -100) {
			puts_(l, "AT_FDCWD");
			break;
		}
		v = (int)v;
		/* fall through */
	case INT:
		put_dec(l, v);
		break;
	case STR:
		put_bytes(l, u, STR_MAX + 1, true);
		break;
	case WBUF:
		put_bytes(l, u, i < 5 ? (unsigned long)args[i + 1] : 0, false);
		break;
	case RBUF:
		/* What the call put there: as much as it says it read. */
		if (ret >= 0)
			put_bytes(l, u, (unsigned long)ret, false);
		else
			put_ptr(l, u);
		break;
	case PTR:
		put_ptr(l, u);
		break;
	case SIZE:
		put_unsigned(l, u, 10);
		break;
	case MODE:
		put_unsigned(l, u, 8);
		break;
	case OFLAGS:
		/* The access mode is two bits, not flags. */
		puts_(l, (u & 3) == 0 ? "O_RDONLY" : (u & 3) == 1 ? "O_WRONLY" :
			 (u & 3) == 2 ? "O_RDWR" : "O_ACCMODE");
		put_more_flags(l, &open_flags, u & ~3ul);
		break;
	case MMAPF:
		/* The type is a number in the low four bits. */
		puts_(l, (u & 0xf) == 1 ? "MAP_SHARED" : (u & 0xf) == 2 ?
			 "MAP_PRIVATE" : (u & 0xf) == 3 ?
			 "MAP_SHARED_VALIDATE" : "MAP_TYPE?");
		put_more_flags(l, &mmap_flags, u & ~0xful);
		break;
	case CLONEF:
		/* The low byte is the signal sent at the child's exit. */
		if (u & ~0xfful || !(u & 0xff))
			put_flags(l, &clone_flags, u & ~0xfful, true);
		if (u & 0xff) {
			if (u & ~0xfful)
				put(l, '|');
			put_named(l, signal_name((long)(u & 0xff)),
				  (long)(u & 0xff));
		}
		break;
	case FUTEXOP:
		put_named(l, NTH(futex_ops, 0, (long)(u & 127)), (long)(u & 127));
		if (u & 128)
			puts_(l, "_PRIVATE");
		if (u & 256)
			puts_(l, "|FUTEX_CLOCK_REALTIME");
		if (u & ~511ul) {
			put(l, '|');
			put_unsigned(l, u & ~511ul, 16);
		}
		break;
	case SIG:
		if ((int)v >= 32 && (int)v <= 64) {
			puts_(l, "SIGRT_");
			put_dec(l, (int)v - 32);
		} else {
			put_named(l, signal_name((int)v), (int)v);
		}
		break;
	case FCNTL:
		put_named(l, (int)v >= 1024 ? NTH(fcntls_linux, 1024, (int)v) :
			  NTH(fcntls, 0, (int)v), (int)v);
		if (i > 4)
			break;
		/* The argument after it, as the command reads it: a
		 * descriptor, FD_CLOEXEC, status flags; an address (struct
		 * flock) or unused else. */
		puts_(l, ", ");
		u = (unsigned long)args[i + 1];
		switch ((int)v) {
		case 0:		/* F_DUPFD */
		case 1030:	/* F_DUPFD_CLOEXEC */
			put_dec(l, (int)u);
			break;
		case 2:		/* F_SETFD */
			if (u == 1)
				puts_(l, "FD_CLOEXEC");
			else
				put_unsigned(l, u, 16);
			break;
		case 4:		/* F_SETFL */
			put_flags(l, &open_flags, u, true);
			break;
		default:
			put_unsigned(l, u, 16);
		}
		break;
	case IOCTLREQ:
		for (size_t j = 0; j < sizeof(ioctls) / sizeof(ioctls[0]); j++)
			if (ioctls[j].req == u) {
				puts_(l, ioctls[j].name);
				return;
			}
		put_unsigned(l, u, 16);
		break;
	case OSTATUS:
		put_flags(l, &open_flags, u, true);
		break;
	case STATBUF:
		put_stat(l, u, ret);
		break;
	case DIRENTS:
		put_dirents(l, u, ret);
		break;
	case POLLFDS:
		put_pollfds(l, u, i < 5 ? args[i + 1] : 0, ret);
		break;
	case EPOLLEV:
		put_epoll_event(l, u);
		break;
	case EPOLLEVS:
		put_epoll_events(l, u, ret);
		break;
	case PIPEFDS:
		put_pipefds(l, u, ret);
		break;
	case FDSET:
		put_fdset(l, u, args[0]);
		break;
	case SOCKADDR:
		put_sockaddr(l, u, i < 5 ? args[i + 1] : 0);
		break;
	case SOCKADDROUT:
		put_sockaddr_out(l, u, i < 5 ? (unsigned long)args[i + 1] : 0,
				 ret);
		break;
	case SOCKLENP:
		put_socklenp(l, u);
		break;
	case MSGHDR:
		put_msghdr(l, u, ret);
		break;
	case IOV:
		put_iov(l, u, i < 5 ? args[i + 1] : 0);
		break;
	case SOCKTYPE:
		put_named(l, NTH(socktypes, 1, (int)(u & 0xf)), (int)(u & 0xf));
		put_more_flags(l, &sock_flags, u & ~0xful);
		break;
	case TIMESPEC:
		put_timespec(l, u);
		break;
	default:	/* HEX */
		put_unsigned(l, u, 16);
		break;
	}
}

/* The decoding of call n: its kinds, or 0 when the table has no entry. */
static COLD uint64_t kinds_of(const char *name)
{
	const char *p = call_names;

	if (!name)
		return 0;
	for (size_t i = 0; i < NDECODED; i++, p += strlen(p) + 1)
		if (!strcmp(p, name))
			return call_kinds[i];
	return 0;
}

#else

#define KNOWN 0
#define RET_HEX 0

static uint64_t kinds_of(const char *name)
{
	(void)name;
	return 0;
}

#endif /* CONFIG_LIB_SYSCALL_TRACE_DECODE */

bool ts_syscall_trace_noreturn(long n)
{
	return n == TS_NR_exit || n == TS_NR_exit_group;
}

COLD void ts_syscall_trace(long n, const long args[6], long ret, bool before)
{
	const char *name = ts_syscall_name(n);
	uint64_t kinds = kinds_of(name);
	struct line l = { .len = 0 };
	const char *err;

	puts_(&l, "syscall: [");
	put_dec(&l, ts_syscall_tid());
#ifdef CONFIG_LIB_SCHED
	if (ts_thread_self()) {
		put(&l, ' ');
		puts_(&l, ts_thread_name(ts_thread_self()));
	}
#endif
	puts_(&l, "] ");
	if (name) {
		puts_(&l, name);
	} else {
		puts_(&l, "syscall_");
		put_dec(&l, n);
	}
	put(&l, '(');
#ifdef CONFIG_LIB_SYSCALL_TRACE_DECODE
	if (kinds & KNOWN) {
		for (int i = 0; i < 6 && (kinds >> (6 * i)) & 63; i++) {
			if (i)
				puts_(&l, ", ");
			put_arg(&l, (enum kind)((kinds >> (6 * i)) & 63), args,
				i, ret);
		}
	} else
#endif
	{
		/* Not in the table: the six registers, as they are. */
		for (int i = 0; i < 6; i++) {
			if (i)
				puts_(&l, ", ");
			put_unsigned(&l, (unsigned long)args[i], 16);
		}
	}
	puts_(&l, ") = ");
	if (before) {
		put(&l, '?');
	} else if (ret < 0 && ret >= -4095) {
		puts_(&l, "-1 ");
		err = ts_syscall_errno_name(-ret);
		if (err) {
			puts_(&l, err);
		} else {
			puts_(&l, "errno ");
			put_dec(&l, -ret);
		}
	} else if (kinds & RET_HEX) {
		put_unsigned(&l, (unsigned long)ret, 16);
	} else {
		put_dec(&l, ret);
	}
	l.buf[l.len] = '\0';
	ts_printk("%s\n", l.buf);
}
