/* lib/syscall's thread calls (CONFIG_LIB_SYSCALL_THREADS), between
 * their files: clone.c, thread_exit.c, futex.c, prctl.c. */
#ifndef TS_SYSCALL_THREADS_H
#define TS_SYSCALL_THREADS_H

#include <stddef.h>
#include <stdint.h>

/* Linux's futex operations and flags (include/uapi/linux/futex.h). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256

/* Linux's clone flags (include/uapi/linux/sched.h). */
#define CLONE_VM		0x00000100UL
#define CLONE_FS		0x00000200UL
#define CLONE_FILES		0x00000400UL
#define CLONE_SIGHAND		0x00000800UL
#define CLONE_PIDFD		0x00001000UL
#define CLONE_PTRACE		0x00002000UL
#define CLONE_VFORK		0x00004000UL
#define CLONE_PARENT		0x00008000UL
#define CLONE_THREAD		0x00010000UL
#define CLONE_NEWNS		0x00020000UL
#define CLONE_SYSVSEM		0x00040000UL
#define CLONE_SETTLS		0x00080000UL
#define CLONE_PARENT_SETTID	0x00100000UL
#define CLONE_CHILD_CLEARTID	0x00200000UL
#define CLONE_DETACHED		0x00400000UL
#define CLONE_UNTRACED		0x00800000UL
#define CLONE_CHILD_SETTID	0x01000000UL
#define CSIGNAL			0x000000ffUL

/* The calling thread's clear_child_tid address (CLONE_CHILD_CLEARTID,
 * set_tid_address): at its exit, 0 is written there and one futex
 * waiter on it woken. NULL: none. */
int thread_set_clear_tid(uint32_t tid, int *addr);

/* End the calling thread as Linux's exit does (the clear_child_tid
 * work first); the last thread ends the image with status. With
 * unmap_len, [unmap, unmap + unmap_len) is unmapped (munmap) once the
 * thread has switched away from it for good. */
_Noreturn void thread_exit(long status, void *unmap, size_t unmap_len);

/* exit's work (process.c's SYS_exit): thread_exit(), with the unmap
 * ts_syscall_exit_unmap() asked for if it is the caller. */
_Noreturn void syscall_thread_exit(long status);

/* The anonymous mapping (mmap) that holds addr: 0 and its bounds
 * [*lo, *hi), or -1 when none is known (memory.c). */
int syscall_mapping_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi);

/* Wake up to n waiters on the futex word at addr whose bitset meets
 * bitset; returns how many woke. Interrupts may be off. */
int futex_wake(uintptr_t addr, int n, uint32_t bitset);

#endif
