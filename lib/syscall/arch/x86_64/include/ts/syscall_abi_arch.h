/* Numbers of x86_64's Linux ABI that differ between architectures
 * (asm/signal.h, asm/mman.h), for lib/syscall's calls. */
#ifndef TS_SYSCALL_ABI_ARCH_H
#define TS_SYSCALL_ABI_ARCH_H

/* The smallest alternate signal stack sigaltstack takes. */
#define TS_SYSCALL_MINSIGSTKSZ	2048
/* mmap/mprotect rights of this architecture only: none. */
#define TS_SYSCALL_PROT_ARCH	0

#endif
