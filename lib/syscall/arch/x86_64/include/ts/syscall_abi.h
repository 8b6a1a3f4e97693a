/* The values of x86_64's Linux ABI that differ between architectures,
 * for syscall.trace's decoding (lib/syscall/trace.c): the open flags
 * whose bits x86 keeps from i386 (asm-generic/fcntl.h's), and MAP_32BIT.
 * The rest (errno, signals, clone, futex, mmap's other flags) is
 * asm-generic and the same on every architecture. */
#ifndef TS_SYSCALL_ABI_H
#define TS_SYSCALL_ABI_H

#define TS_ABI_O_DIRECT		0040000
#define TS_ABI_O_LARGEFILE	0100000
#define TS_ABI_O_DIRECTORY	0200000
#define TS_ABI_O_NOFOLLOW	0400000
/* 0: none on this architecture. */
#define TS_ABI_MAP_32BIT	0x40
/* struct stat: the offsets of st_mode and st_size; struct epoll_event:
 * the offset of data, and its size (packed, as i386 had it). */
#define TS_ABI_STAT_MODE	24
#define TS_ABI_STAT_SIZE	48
#define TS_ABI_EPOLL_DATA	4
#define TS_ABI_EPOLL_SIZE	12

#endif
