/* x86_64's part of <ts/arch/boot.h>, included only from there: the
 * hand-over from the 32-bit boot code to the platform. */
#ifndef TS_ARCH_BOOT_H
#error "include <ts/arch/boot.h>, not its architecture part"
#endif

/* proto values; info then points to a struct multiboot_info or a
 * struct hvm_start_info. */
#define TS_X86_BOOT_MULTIBOOT	1
#define TS_X86_BOOT_PVH		2

/* eax as a Multiboot loader sets it */
#define TS_X86_MULTIBOOT_MAGIC	0x2BADB002

/* Size of the boot stack, where main() runs unless lib/sched gives it a
 * thread; one unmapped guard page lies below it. */
#ifdef CONFIG_ARCH_X86_64_BOOT_STACK_KB
#define TS_X86_BOOT_STACK_SIZE	(CONFIG_ARCH_X86_64_BOOT_STACK_KB * 1024)
#else
#define TS_X86_BOOT_STACK_SIZE	(16 * 1024)
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Implemented by the platform; called by the 32-bit boot code in
 * protected mode, paging off, before .bss is cleared, with proto in
 * %eax, the loader's info pointer in %edx and the Multiboot magic (the
 * loader's %eax; ts_x86_boot_magic is in .data, which may lie past the
 * end of RAM) in %ecx, on a 256-byte stack (the
 * boot stack is in .bss, which may not be in RAM: this is where the
 * platform checks that it is). Keeps %ebx, %esi, %edi, %ebp. Returns to
 * go on, or never. Written in 32-bit assembly. */
void ts_plat_x86_boot32_check(void);

/* The end of what the boot page tables map (identity, from 0): 4 GiB
 * with 1 GiB pages, else 1 GiB. Until ts_arch_mmu_init() nothing above
 * is readable. */
extern uint64_t ts_x86_boot_mapped_end;

/* Implemented by the platform; called in 64-bit mode on the boot stack
 * with the low memory identity-mapped (ts_x86_boot_mapped_end), .bss zeroed, SSE usable and
 * interrupts off. info is the loader's physical pointer, unchecked. */
_Noreturn void ts_plat_x86_entry(unsigned int proto, void *info);

/* eax as the Multiboot loader left it (proto TS_X86_BOOT_MULTIBOOT). */
extern uint32_t ts_x86_boot_magic;
#endif
