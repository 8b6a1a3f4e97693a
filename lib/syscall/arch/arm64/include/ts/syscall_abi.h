/* The values of arm64's Linux ABI that differ between architectures,
 * for syscall.trace's decoding (lib/syscall/trace.c): the open flags
 * arm64 defines itself (arch/arm64/include/uapi/asm/fcntl.h). The rest
 * (errno, signals, clone, futex, mmap's flags) is asm-generic and the
 * same on every architecture. */
#ifndef TS_SYSCALL_ABI_H
#define TS_SYSCALL_ABI_H

#define TS_ABI_O_DIRECTORY	0040000
#define TS_ABI_O_NOFOLLOW	0100000
#define TS_ABI_O_DIRECT		0200000
#define TS_ABI_O_LARGEFILE	0400000
/* 0: none on this architecture. */
#define TS_ABI_MAP_32BIT	0
/* struct stat: the offsets of st_mode and st_size; struct epoll_event:
 * the offset of data, and its size (data aligned to 8). */
#define TS_ABI_STAT_MODE	16
#define TS_ABI_STAT_SIZE	48
#define TS_ABI_EPOLL_DATA	8
#define TS_ABI_EPOLL_SIZE	16

#endif
