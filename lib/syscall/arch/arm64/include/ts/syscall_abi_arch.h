/* Numbers of arm64's Linux ABI that differ between architectures
 * (asm/signal.h, asm/mman.h), for lib/syscall's calls. */
#ifndef TS_SYSCALL_ABI_ARCH_H
#define TS_SYSCALL_ABI_ARCH_H

/* The smallest alternate signal stack sigaltstack takes. */
#define TS_SYSCALL_MINSIGSTKSZ	5120
/* mmap/mprotect rights of this architecture only: PROT_BTI, PROT_MTE. */
#define TS_SYSCALL_PROT_ARCH	(0x10 | 0x20)

#endif
