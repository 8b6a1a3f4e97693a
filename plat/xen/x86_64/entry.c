/* From the 32-bit PVH entry to ts_boot_main(): as kvm's entry (plat/pc
 * does the PC's part), with Xen detected first, because that decides
 * where the console goes. */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/pc.h>
#include "xen.h"
#include "xen_x86.h"

_Noreturn void ts_plat_x86_entry(unsigned int proto, void *info)
{
	xen_x86_detect();
	if (!xen_detected())
		ts_pc_console_init();
	/* Exceptions are reported from here on, also while parsing. */
	ts_arch_init();
	xen_x86_detect_report();

	ts_pc_mem_init();
	if (proto == TS_X86_BOOT_PVH) {
		ts_pc_pvh_parse((uintptr_t)info);
	} else {
		/* The image has no Multiboot header: only a loader that
		 * jumped to the ELF entry without one gets here. */
		ts_printk("xen: entered without the PVH start info (boot "
			  "protocol %u): no memory map and no command line; "
			  "xen-x86_64 boots through PVH only\n", proto);
		ts_pc_mem_done();
	}
	ts_pc_mem_add_devices();

	ts_arch_mmu_init();
	/* After the MMU: the local APIC's registers must be uncached. */
	ts_pc_time_init(ts_pc_irq_init() == 0);
	ts_boot_main();
}
