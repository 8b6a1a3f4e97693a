/* The hand-over from the 32-bit boot code to the platform (x86_64). */
#ifndef TS_ARCH_BOOT_H
#define TS_ARCH_BOOT_H

/* proto values; info then points to a struct multiboot_info or a
 * struct hvm_start_info. */
#define TS_X86_BOOT_MULTIBOOT	1
#define TS_X86_BOOT_PVH		2

/* eax as a Multiboot loader sets it */
#define TS_X86_MULTIBOOT_MAGIC	0x2BADB002

/* Size of the boot stack; one unmapped guard page lies below it. */
#define TS_X86_BOOT_STACK_SIZE	(64 * 1024)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Implemented by the platform; called in 64-bit mode on the boot stack
 * with the low 4 GiB identity-mapped, .bss zeroed, SSE usable and
 * interrupts off. info is the loader's physical pointer, unchecked. */
_Noreturn void ts_plat_x86_entry(unsigned int proto, void *info);

/* eax as the Multiboot loader left it (proto TS_X86_BOOT_MULTIBOOT). */
extern uint32_t ts_x86_boot_magic;

/* The boot stack and its guard page (page-aligned, in .bss). */
extern char _ts_boot_stack_guard[], _ts_boot_stack_bottom[];
extern char _ts_boot_stack_top[];
#endif

#endif
