/* The initial RAM disk the loader handed over: a Multiboot or PVH module
 * (kvm-x86_64), the device tree's /chosen linux,initrd-start and
 * linux,initrd-end (virt-arm64, the Pis). lib/initrd unpacks it. */
#ifndef TS_PLAT_INITRD_H
#define TS_PLAT_INITRD_H

#include <stddef.h>
#include <stdint.h>

struct ts_plat_initrd {
	uintptr_t base;		/* physical = virtual (identity-mapped) */
	size_t len;
	const char *source;	/* "Multiboot module", "device tree", ... */
};

/* 0 and *rd, or -1 when the loader handed none over. Its memory is in
 * the memory table as TS_MEMR_RESERVED, called "initrd": no allocator
 * hands it out, and it is mapped read-only. */
int ts_plat_initrd(struct ts_plat_initrd *rd);

/* For the platforms, while they read the boot information (plat/common
 * keeps it): record [base, base + len), already reserved. Called again,
 * the last one counts; len 0 forgets it. */
void ts_plat_initrd_set(uintptr_t base, size_t len, const char *source);

#endif
