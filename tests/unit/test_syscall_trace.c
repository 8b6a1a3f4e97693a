/* syscall.trace=1's lines (lib/syscall/trace.c) on the host, x86_64's
 * ABI: arguments decoded per call name (strings escaped and bounded,
 * buffers, flags, enumerations, structures), calls nobody implements
 * decoded too, bad pointers printed as addresses, every errno by name,
 * and the line a call through the dispatcher prints when the trace is
 * on. */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/syscall.h>

#include "tsh.h"

void tsh_ts_syscall_trace(long n, const long args[6], long ret, bool before);
void tsh_ts_syscall_watch_trace(bool on);
const char *tsh_ts_syscall_errno_name(long e);
long tsh_ts_syscall(long n, long a, long b, long c, long d, long e, long f);
extern uint64_t tsh_syscall_mem_fence;
void tsh_ts_syscall_set_stop_hook(ts_syscall_stop_fn *fn);

/* What the stop hook saw, in order. */
static struct { enum ts_syscall_stop when; long n, ret; } stops[8];
static int nstops;

static void record_stop(enum ts_syscall_stop when, long n, long ret)
{
	if (nstops < 8)
		stops[nstops].when = when, stops[nstops].n = n,
		stops[nstops].ret = ret;
	nstops++;
}

#define BAD 0x1000L	/* unmapped for syscall_mem.c */

/* The line call n prints, without "syscall: [1] " and the newline. */
static const char *line(long n, long ret, long a, long b, long c, long d,
			long e, long f)
{
	static char out[1024];
	const long args[6] = { a, b, c, d, e, f };
	const char *p;
	size_t len;

	host_console_reset();
	tsh_ts_syscall_trace(n, args, ret, false);
	p = strstr(host_console, "] ");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(strncmp(host_console, "syscall: [1] ", 13), 0);
	p += 2;
	len = strlen(p);
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(p[len - 1], '\n');
	memcpy(out, p, len - 1);
	out[len - 1] = '\0';
	return out;
}
#define L(n, ret, ...) line(TS_NR_##n, ret, __VA_ARGS__)
#define S(p) ((long)(uintptr_t)(p))

START_TEST(strings_and_buffers)
{
	static const char text[] = "tab\there \"quoted\" back\\slash\x01\xff\n";
	static const char longer[] = "0123456789abcdef0123456789abcdefXYZ";
	char want[128];

	ck_assert_str_eq(L(openat, -ENOENT, -100, S("/etc/passwd"),
			   02000000 | 0100 | 01, 0644, 0, 0),
			 "openat(AT_FDCWD, \"/etc/passwd\", "
			 "O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = -1 ENOENT");
	ck_assert_str_eq(L(write, 31, 1, S(text), 31, 0, 0, 0),
			 "write(1, \"tab\\there \\\"quoted\\\" back\\\\slash"
			 "\\x01\\xff\\n\", 31) = 31");
	/* 32 bytes shown, then "..." */
	ck_assert_str_eq(L(write, 35, 2, S(longer), 35, 0, 0, 0),
			 "write(2, \"0123456789abcdef0123456789abcdef\"..., 35) = 35");
	ck_assert_str_eq(L(open, 3, S(longer), 0, 0, 0, 0, 0),
			 "open(\"0123456789abcdef0123456789abcdef\"..., "
			 "O_RDONLY, 0) = 3");
	/* read: the bytes it says it read, after the call. */
	ck_assert_str_eq(L(read, 3, 0, S("abcdef"), 100, 0, 0, 0),
			 "read(0, \"abc\", 100) = 3");
	/* An error: nothing was read, the address is shown. */
	snprintf(want, sizeof(want), "read(0, %p, 100) = -1 EAGAIN",
		 (const void *)longer);
	ck_assert_str_eq(L(read, -EAGAIN, 0, S(longer), 100, 0, 0, 0), want);
}
END_TEST

START_TEST(bad_pointers_print_as_addresses)
{
	static char edge[8] = "abcdefgh";

	ck_assert_str_eq(L(write, -EFAULT, 1, BAD, 4, 0, 0, 0),
			 "write(1, 0x1000, 4) = -1 EFAULT");
	ck_assert_str_eq(L(openat, -EFAULT, 3, 8, 0, 0, 0, 0),
			 "openat(3, 0x8, O_RDONLY, 0) = -1 EFAULT");
	ck_assert_str_eq(L(write, -EBADF, 9, 0, 4, 0, 0, 0),
			 "write(9, NULL, 4) = -1 EBADF");
	ck_assert_str_eq(L(writev, -EFAULT, 1, BAD, 2, 0, 0, 0),
			 "writev(1, 0x1000, 2) = -1 EFAULT");
	ck_assert_str_eq(L(nanosleep, -EFAULT, BAD, 0, 0, 0, 0, 0),
			 "nanosleep(0x1000, NULL) = -1 EFAULT");
	/* A string running into an unreadable page: what could be read. */
	tsh_syscall_mem_fence = (uint64_t)(uintptr_t)(edge + 8);
	ck_assert_str_eq(L(chdir, -ENOENT, S(edge), 0, 0, 0, 0, 0),
			 "chdir(\"abcdefgh\") = -1 ENOENT");
	tsh_syscall_mem_fence = 0;
}
END_TEST

START_TEST(flags_and_names)
{
	ck_assert_str_eq(L(mmap, 0x7f0000001000L, 0, 8192, 3, 0x22, -1, 0),
			 "mmap(NULL, 8192, PROT_READ|PROT_WRITE, "
			 "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000");
	ck_assert_str_eq(L(mprotect, 0, 0x10000, 4096, 0, 0, 0, 0),
			 "mprotect(0x10000, 4096, PROT_NONE) = 0");
	ck_assert_str_eq(L(mmap, -EINVAL, 0, 0, 1, 0x40000000L | 0x1, 3, 0),
			 "mmap(NULL, 0, PROT_READ, MAP_SHARED|0x40000000, 3, 0)"
			 " = -1 EINVAL");
	ck_assert_str_eq(L(clone, -ENOSYS, 0x7d0f00, 0x20000, 0x30000,
			   0x40000, 0x50000, 0),
			 "clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
			 "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|"
			 "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|CLONE_DETACHED,"
			 " 0x20000, 0x30000, 0x40000, 0x50000) = -1 ENOSYS");
	ck_assert_str_eq(L(clone, 5, 0x11, 0, 0, 0, 0, 0),
			 "clone(SIGCHLD, NULL, NULL, NULL, 0) = 5");
	ck_assert_str_eq(L(futex, -ETIMEDOUT, 0x20000, 128, 1, 0, 0, 0),
			 "futex(0x20000, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0)"
			 " = -1 ETIMEDOUT");
	ck_assert_str_eq(L(futex, 1, 0x20000, 1 | 128 | 256, 1, 0, 0, 0),
			 "futex(0x20000, FUTEX_WAKE_PRIVATE|FUTEX_CLOCK_REALTIME,"
			 " 1, NULL, NULL, 0) = 1");
	ck_assert_str_eq(L(clock_gettime, 0, 1, BAD, 0, 0, 0, 0),
			 "clock_gettime(CLOCK_MONOTONIC, 0x1000) = 0");
	ck_assert_str_eq(L(clock_gettime, -EINVAL, 99, 0, 0, 0, 0, 0),
			 "clock_gettime(99, NULL) = -1 EINVAL");
	ck_assert_str_eq(L(tgkill, 0, 1, 2, 6, 0, 0, 0),
			 "tgkill(1, 2, SIGABRT) = 0");
	ck_assert_str_eq(L(kill, 0, 1, 34, 0, 0, 0, 0),
			 "kill(1, SIGRT_2) = 0");
	ck_assert_str_eq(L(rt_sigaction, 0, 11, 0, 0, 8, 0, 0),
			 "rt_sigaction(SIGSEGV, NULL, NULL, 8) = 0");
	ck_assert_str_eq(L(rt_sigprocmask, 0, 2, 0, 0, 8, 0, 0),
			 "rt_sigprocmask(SIG_SETMASK, NULL, NULL, 8) = 0");
	ck_assert_str_eq(L(fcntl, 4, 3, 1030, 0, 0, 0, 0),
			 "fcntl(3, F_DUPFD_CLOEXEC, 0) = 4");
	ck_assert_str_eq(L(fcntl, 0, 3, 37, 0x20000, 0, 0, 0),
			 "fcntl(3, F_OFD_SETLK, 0x20000) = 0");
	ck_assert_str_eq(L(fcntl, 0x8002, 3, 3, 0, 0, 0, 0),
			 "fcntl(3, F_GETFL, 0) = 32770");
	/* fcntl's third argument as its command reads it. */
	ck_assert_str_eq(L(fcntl, 20, 10, 0, 20, 0, 0, 0),
			 "fcntl(10, F_DUPFD, 20) = 20");
	ck_assert_str_eq(L(fcntl, 0, 3, 4, 02000 | 04000, 0, 0, 0),
			 "fcntl(3, F_SETFL, O_APPEND|O_NONBLOCK) = 0");
	ck_assert_str_eq(L(fcntl, 0, 3, 4, 0, 0, 0, 0),
			 "fcntl(3, F_SETFL, 0) = 0");
	ck_assert_str_eq(L(fcntl, 0, 3, 2, 1, 0, 0, 0),
			 "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
	/* The terminal's requests by name, others in hex. */
	ck_assert_str_eq(L(ioctl, 0, 1, 0x5413, 0x20000, 0, 0, 0),
			 "ioctl(1, TIOCGWINSZ, 0x20000) = 0");
	ck_assert_str_eq(L(ioctl, 0, 0, 0x5401, 0x20000, 0, 0, 0),
			 "ioctl(0, TCGETS, 0x20000) = 0");
	ck_assert_str_eq(L(ioctl, 0, 3, 0x5451, 0, 0, 0, 0),
			 "ioctl(3, FIOCLEX, 0) = 0");
	ck_assert_str_eq(L(ioctl, -ENOTTY, 3, 0x80045430L, 0x20000, 0, 0, 0),
			 "ioctl(3, 0x80045430, 0x20000) = -1 ENOTTY");
	/* Flags without an access mode: no O_RDONLY in front. */
	ck_assert_str_eq(L(dup3, 5, 3, 5, 02000000, 0, 0, 0),
			 "dup3(3, 5, O_CLOEXEC) = 5");
	ck_assert_str_eq(L(dup3, 5, 3, 5, 0, 0, 0, 0), "dup3(3, 5, 0) = 5");
	ck_assert_str_eq(L(pipe2, 0, 0x20000, 02000000 | 04000, 0, 0, 0, 0),
			 "pipe2(0x20000, O_NONBLOCK|O_CLOEXEC) = 0");
	ck_assert_str_eq(L(epoll_create1, 3, 02000000, 0, 0, 0, 0, 0),
			 "epoll_create1(O_CLOEXEC) = 3");
	ck_assert_str_eq(L(lseek, 10, 3, -2, 1, 0, 0, 0),
			 "lseek(3, -2, SEEK_CUR) = 10");
	ck_assert_str_eq(L(madvise, 0, 0x10000, 4096, 4, 0, 0, 0),
			 "madvise(0x10000, 4096, MADV_DONTNEED) = 0");
	ck_assert_str_eq(L(arch_prctl, 0, 0x1002, 0x20000, 0, 0, 0, 0),
			 "arch_prctl(ARCH_SET_FS, 0x20000) = 0");
	ck_assert_str_eq(L(prlimit64, 0, 0, 7, 0, 0x20000, 0, 0),
			 "prlimit64(0, RLIMIT_NOFILE, NULL, 0x20000) = 0");
	ck_assert_str_eq(L(socket, 3, 10, 1 | 02000000 | 04000, 0, 0, 0, 0),
			 "socket(AF_INET6, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC,"
			 " 0) = 3");
	ck_assert_str_eq(L(getrandom, -EAGAIN, 0x20000, 16, 1, 0, 0, 0),
			 "getrandom(0x20000, 16, GRND_NONBLOCK) = -1 EAGAIN");
	ck_assert_str_eq(L(unlinkat, 0, -100, S("d"), 0x200, 0, 0, 0),
			 "unlinkat(AT_FDCWD, \"d\", AT_REMOVEDIR) = 0");
	ck_assert_str_eq(L(brk, 0x200000, 0, 0, 0, 0, 0, 0),
			 "brk(NULL) = 0x200000");
	ck_assert_str_eq(L(getpid, 1, 7, 7, 7, 7, 7, 7), "getpid() = 1");
}
END_TEST

START_TEST(structures)
{
	static const long ts[2] = { 1, 500000000 };
	static const char a[] = "hello ", b[] = "world\n";
	const struct { const void *base; unsigned long len; } iov[5] = {
		{ a, 6 }, { b, 6 }, { a, 0 }, { b, 1 }, { a, 1 },
	};

	ck_assert_str_eq(L(nanosleep, 0, S(ts), 0, 0, 0, 0, 0),
			 "nanosleep({tv_sec=1, tv_nsec=500000000}, NULL) = 0");
	ck_assert_str_eq(L(writev, 12, 1, S(iov), 2, 0, 0, 0),
			 "writev(1, [{iov_base=\"hello \", iov_len=6}, "
			 "{iov_base=\"world\\n\", iov_len=6}], 2) = 12");
	ck_assert_str_eq(L(writev, 14, 1, S(iov), 5, 0, 0, 0),
			 "writev(1, [{iov_base=\"hello \", iov_len=6}, "
			 "{iov_base=\"world\\n\", iov_len=6}, "
			 "{iov_base=\"\", iov_len=0}, {iov_base=\"w\", iov_len=1}, "
			 "...], 5) = 14");
}
END_TEST

/* The file calls' structures, in x86_64's layout (the host's). */
START_TEST(file_structures)
{
	static unsigned char st[144];
	static unsigned char dents[64];
	static const struct { int fd; short events, revents; } pfd[2] = {
		{ 3, 1, 1 }, { 4, 4 | 1, 0 },
	};
	static const struct {
		uint32_t events;
		uint64_t data;
	} __attribute__((packed)) ev[2] = { { 1 | (1u << 31), 3 }, { 4, 5 } };
	const uint32_t mode = 0100644;
	const int64_t size = 1234;
	unsigned char *d = dents;
	char want[160];

	memcpy(st + 24, &mode, 4);	/* st_mode */
	memcpy(st + 48, &size, 8);	/* st_size */
	ck_assert_str_eq(L(fstat, 0, 3, S(st), 0, 0, 0, 0),
			 "fstat(3, {st_mode=S_IFREG|0644, st_size=1234, ...})"
			 " = 0");
	/* Failed: nothing was written there, the address. */
	snprintf(want, sizeof(want), "newfstatat(AT_FDCWD, \"/x\", %#lx, "
		 "AT_SYMLINK_NOFOLLOW) = -1 ENOENT", S(st));
	ck_assert_str_eq(L(newfstatat, -ENOENT, -100, S("/x"), S(st), 0x100,
			   0, 0), want);
	/* Two records: "a" (a file), "dir" (a directory). */
	for (int i = 0; i < 2; i++) {
		uint64_t ino = 10 + i;
		uint16_t reclen = 24;

		memcpy(d, &ino, 8);
		memcpy(d + 16, &reclen, 2);
		d[18] = i ? 4 : 8;
		strcpy((char *)d + 19, i ? "dir" : "a");
		d += reclen;
	}
	ck_assert_str_eq(L(getdents64, 48, 3, S(dents), 64, 0, 0, 0),
			 "getdents64(3, [{d_ino=10, d_type=DT_REG, d_name=\"a\"}, "
			 "{d_ino=11, d_type=DT_DIR, d_name=\"dir\"}], 64) = 48");
	snprintf(want, sizeof(want), "getdents64(3, %#lx, 64) = 0", S(dents));
	ck_assert_str_eq(L(getdents64, 0, 3, S(dents), 64, 0, 0, 0), want);
	ck_assert_str_eq(L(poll, 1, S(pfd), 2, 100, 0, 0, 0),
			 "poll([{fd=3, events=POLLIN, revents=POLLIN}, "
			 "{fd=4, events=POLLIN|POLLOUT}], 2, 100) = 1");
	ck_assert_str_eq(L(epoll_ctl, 0, 5, 1, 3, S(ev), 0, 0),
			 "epoll_ctl(5, EPOLL_CTL_ADD, 3, "
			 "{events=EPOLLIN|EPOLLET, data=0x3}) = 0");
	ck_assert_str_eq(L(epoll_wait, 2, 5, S(ev), 8, -1, 0, 0),
			 "epoll_wait(5, [{events=EPOLLIN|EPOLLET, data=0x3}, "
			 "{events=EPOLLOUT, data=0x5}], 8, -1) = 2");
	ck_assert_str_eq(L(epoll_wait, 0, 5, 0x20000, 8, 0, 0, 0),
			 "epoll_wait(5, 0x20000, 8, 0) = 0");
}
END_TEST

START_TEST(unknown_calls_and_numbers)
{
	/* In the table of names but not decoded: the six registers. */
	ck_assert_str_eq(L(pivot_root, -ENOSYS, 1, 0x20, 0, 0, 0, 0),
			 "pivot_root(0x1, 0x20, 0, 0, 0, 0) = -1 ENOSYS");
	ck_assert_str_eq(line(100000, -ENOSYS, 1, 0, 0, 0, 0, 0),
			 "syscall_100000(0x1, 0, 0, 0, 0, 0) = -1 ENOSYS");
	/* An error number Linux does not have, and one outside errors. */
	ck_assert_str_eq(L(close, -600, 3, 0, 0, 0, 0, 0),
			 "close(3) = -1 errno 600");
	ck_assert_str_eq(L(close, -5000, 3, 0, 0, 0, 0, 0),
			 "close(3) = -5000");
}
END_TEST

START_TEST(every_errno_has_its_name)
{
	/* Spot checks across the list: it is dense and in order. */
	ck_assert_str_eq(tsh_ts_syscall_errno_name(1), "EPERM");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(EAGAIN), "EAGAIN");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(ENOSYS), "ENOSYS");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(ELOOP), "ELOOP");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(ENOMSG), "ENOMSG");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(EBFONT), "EBFONT");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(ETIMEDOUT), "ETIMEDOUT");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(EOWNERDEAD), "EOWNERDEAD");
	ck_assert_str_eq(tsh_ts_syscall_errno_name(EHWPOISON), "EHWPOISON");
	/* 41 and 58 are holes in Linux's numbering. */
	ck_assert_ptr_null(tsh_ts_syscall_errno_name(41));
	ck_assert_ptr_null(tsh_ts_syscall_errno_name(58));
	ck_assert_ptr_null(tsh_ts_syscall_errno_name(0));
	ck_assert_ptr_null(tsh_ts_syscall_errno_name(EHWPOISON + 1));
	for (int e = 1; e <= EHWPOISON; e++)
		if (e != 41 && e != 58)
			ck_assert_ptr_nonnull(tsh_ts_syscall_errno_name(e));
}
END_TEST

START_TEST(dispatcher_prints_with_the_trace_on)
{
	host_console_reset();
	tsh_ts_syscall_watch_trace(true);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_openat, -100, S("/x"), 0, 0, 0, 0),
			 -ENOSYS);
	tsh_ts_syscall_watch_trace(false);
	ck_assert_ptr_nonnull(strstr(host_console,
		"syscall: [1] openat(AT_FDCWD, \"/x\", O_RDONLY, 0) = -1 ENOSYS\n"));
	host_console_reset();
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_openat, -100, S("/x"), 0, 0, 0, 0),
			 -ENOSYS);
	ck_assert_ptr_null(strstr(host_console, "openat("));
}
END_TEST

/* The debugger's hook: before and after each call, with the number and
 * the result, registered or not; none once it is removed. */
START_TEST(stop_hook_sees_entry_and_return)
{
	nstops = 0;
	tsh_ts_syscall_set_stop_hook(record_stop);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_getcpu, 1, 0, 0, 0, 0, 40), 41);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_mount, 0, 0, 0, 0, 0, 0),
			 -ENOSYS);
	tsh_ts_syscall_set_stop_hook(NULL);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_getcpu, 1, 0, 0, 0, 0, 1), 2);
	ck_assert_int_eq(nstops, 4);
	ck_assert_int_eq(stops[0].when, TS_SYSCALL_STOP_ENTRY);
	ck_assert_int_eq(stops[0].n, TS_NR_getcpu);
	ck_assert_int_eq(stops[1].when, TS_SYSCALL_STOP_RETURN);
	ck_assert_int_eq(stops[1].ret, 41);
	ck_assert_int_eq(stops[2].when, TS_SYSCALL_STOP_ENTRY);
	ck_assert_int_eq(stops[2].n, TS_NR_mount);
	ck_assert_int_eq(stops[3].when, TS_SYSCALL_STOP_RETURN);
	ck_assert_int_eq(stops[3].ret, -ENOSYS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("syscall_trace");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, strings_and_buffers);
	tcase_add_test(tc, bad_pointers_print_as_addresses);
	tcase_add_test(tc, flags_and_names);
	tcase_add_test(tc, file_structures);
	tcase_add_test(tc, structures);
	tcase_add_test(tc, unknown_calls_and_numbers);
	tcase_add_test(tc, every_errno_has_its_name);
	tcase_add_test(tc, dispatcher_prints_with_the_trace_on);
	tcase_add_test(tc, stop_hook_sees_entry_and_return);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
