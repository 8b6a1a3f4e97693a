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

#endif
