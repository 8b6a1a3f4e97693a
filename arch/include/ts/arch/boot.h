/* The hand-over from an architecture's boot code to the platform, and
 * the boot stack every architecture starts on.
 *
 * The architecture interface (arch/README.md): this header declares
 * what every architecture has; <ts/arch/boot_arch.h> of
 * arch/<arch>/include adds the architecture's own entry protocol (what
 * the platform implements, what the boot code leaves behind). Include
 * this one. */
#ifndef TS_ARCH_BOOT_H
#define TS_ARCH_BOOT_H

#ifndef __ASSEMBLER__
/* The boot stack [bottom, top), where the boot runs (and main(), unless
 * lib/sched gives it a thread), above its unmapped guard page [guard,
 * bottom); page-aligned, in .bss. */
extern char _ts_boot_stack_guard[], _ts_boot_stack_bottom[];
extern char _ts_boot_stack_top[];
#endif

#include <ts/arch/boot_arch.h>

#endif
