/* From the 32-bit boot code to ts_boot_main(). */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/pc.h>
#include "kvm.h"

_Noreturn void ts_plat_x86_entry(unsigned int proto, void *info)
{
	ts_pc_console_init();
	/* Exceptions are reported from here on, also while parsing. */
	ts_arch_init();

	ts_pc_mem_init();
	switch (proto) {
	case TS_X86_BOOT_MULTIBOOT:
		kvm_multiboot_parse(ts_x86_boot_magic, (uintptr_t)info);
		break;
	case TS_X86_BOOT_PVH:
		ts_pc_pvh_parse((uintptr_t)info);
		break;
	default:
		ts_printk("kvm: unknown boot protocol %u\n", proto);
		ts_pc_mem_done();
		break;
	}
	ts_pc_mem_add_devices();

	ts_arch_mmu_init();
	/* After the MMU: the local APIC's registers must be uncached. Before
	 * ts_boot_main(): every init level may want the time (tracing
	 * timestamps at the earliest), and none should have to wait for
	 * an init function that sets it up. */
	ts_pc_time_init(ts_pc_irq_init() == 0);
	ts_boot_main();
}
