/* arm64's part of <ts/arch/boot.h>, included only from there: the
 * hand-over from the arm64 boot code to the platform.
 *
 * What an arm64 platform's linker script provides (arch/arm64/image_1g.lds is
 * one): the image linked at RAM base + text_offset, where loaders put an
 * Image (the boot code parks the CPU if it runs anywhere else); first in
 * .text, KEEP(*(.text.ts_image_header)) then KEEP(*(.text.ts_boot));
 * KEEP(*(.bss.ts_boot_stack)) page-aligned inside .bss; .bss start and
 * end page-aligned; the usual _ts_* section symbols of <ts/plat/memory.h>;
 * and for the Image header the absolute symbols _ts_arm64_text_offset
 * (link address - RAM base) and _ts_arm64_image_size (with .bss). */
#ifndef TS_ARCH_BOOT_H
#error "include <ts/arch/boot.h>, not its architecture part"
#endif

/* Sizes of the boot stack (where everything runs, on SP_EL0) and of the
 * exception stack (SP_EL1). One unmapped guard page lies below each. */
#define TS_ARM64_BOOT_STACK_SIZE	(64 * 1024)
#define TS_ARM64_EXC_STACK_SIZE		(16 * 1024)

/* MPIDR_EL1 affinity fields (Aff3 in bits 39:32, Aff2-0 in 23:0): zero
 * on the CPU that runs the kernel. */
#define TS_ARM64_MPIDR_AFF_MASK	0xff00ffffff

/* Attributes of the boot map's regions. */
#define TS_ARM64_BOOT_NORMAL	1	/* RAM: cacheable, executable */
#define TS_ARM64_BOOT_DEVICE	2	/* MMIO: Device-nGnRE */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The platform's coarse memory map, used to turn the MMU on before any C
 * code of the platform runs (with the MMU off every access is Device
 * memory, where an unaligned access faults, and the compiler emits
 * those freely). Address ranges whose start and end are multiples of
 * 2 MiB, below 512 GiB, terminated by an entry with end == 0; whatever
 * is not listed stays unmapped until ts_arch_mmu_init() builds the
 * final map. Provided by the platform. */
struct ts_arm64_boot_region {
	uint64_t start, end;
	unsigned int attr;
};

extern const struct ts_arm64_boot_region ts_plat_arm64_boot_map[];

/* Implemented by the platform; called on the boot stack at EL1 with the
 * boot map active (MMU and caches on), .bss zeroed, FP/SIMD usable,
 * exceptions reported, interrupts masked. dtb is x0 as the loader left
 * it: a device tree blob by the arm64 Linux boot protocol, unchecked. */
_Noreturn void ts_plat_arm64_entry(void *dtb);

/* The virtual counter (CNTVCT_EL0) when the image was entered, and the
 * exception level it was entered at (1, or 2 when the boot code dropped
 * to EL1). */
extern uint64_t ts_arm64_boot_ticks;
extern uint64_t ts_arm64_boot_el;

/* The exception stack and its guard page (page-aligned, in .bss). */
extern char _ts_exc_stack_guard[], _ts_exc_stack_bottom[];
extern char _ts_exc_stack_top[];
#endif
