/* Shared by the files of plat/kvm only. */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <stdint.h>

void kvm_console_init(void);
void kvm_console_flush(void);

/* Physical memory table (memory.c). Free RAM never includes page 0, the
 * image or boot modules; entries are clipped to whole pages. */
void kvm_mem_init(void);
void kvm_mem_reserve_module(uint64_t start, uint64_t end, const char *name);
/* Module i of the loader's list at [start, end) (modules.c): reserved;
 * the first is the initrd (<ts/plat/initrd.h>; QEMU's -initrd), the
 * others are left alone. what: "Multiboot module" or "PVH module". */
void kvm_boot_module(uint32_t i, uint64_t start, uint64_t end,
		     const char *what);
void kvm_mem_add_e820(uint64_t base, uint64_t len, uint32_t type);
void kvm_mem_done(void);
/* The memory-mapped devices (devices.c), before the MMU maps the table. */
void kvm_mem_add_devices(void);

/* Boot information parsers: fill the memory table and command line from
 * the structure at physical address info. */
void kvm_multiboot_parse(uint32_t magic, uint64_t info);
void kvm_pvh_parse(uint64_t info);

/* The loader's data at [paddr, paddr+len) as a pointer, or NULL where
 * it cannot be read during boot (bootmem.c: outside what the boot page
 * tables map, ts_x86_boot_mapped_end, or address 0). Guards against
 * garbage pointers from a loader. */
const void *kvm_boot_ptr(uint64_t paddr, uint64_t len);

/* Does [addr, addr+len) lie in memory the loader's map reports (RAM or
 * reserved)? 1 when there is no map to ask. */
int kvm_mem_reported(uint64_t addr, uint64_t len);

/* Past the end of the machine's RAM the bytes read back as zeros or
 * ones: a command line there is lost. Unless [addr, addr+len) is
 * reported memory, stop the boot saying how much RAM is missing. */
void kvm_mem_check_cmdline(uint64_t addr, uint64_t len, const char *proto);

/* Copy the NUL-terminated command line at paddr (cmdline.c; after the
 * memory map was read). With
 * skip_name, the first word (the image's file name, which Multiboot
 * loaders put first) is left out. A line too long or not terminated in
 * readable memory is refused (ts_plat_cmdline_refuse()). */
void kvm_cmdline_from(uint64_t paddr, const char *proto, int skip_name);

/* Interrupt controllers: the 8259 PICs masked, the local APIC on
 * (irq.c). Returns 0 or the local APIC's error. */
int kvm_irq_init(void);

/* The clock (TSC) and the one-shot timer (local APIC), once the
 * interrupt controllers are set up (time.c). */
void kvm_time_init(int have_lapic);

/* The TSC's rate and the local APIC timer's relative to it, from CPUID
 * or measured (calibrate.c). Zeros mean unknown: no TSC rate, or (when
 * the caller needs it) no APIC timer rate. */
struct kvm_rates {
	uint64_t tsc_hz;
	const char *tsc_from;		/* how tsc_hz was found */
	/* apic_ticks APIC timer ticks per apic_per_tsc_ticks TSC ticks */
	uint64_t apic_ticks, apic_per_tsc_ticks;
};
void kvm_measure_rates(struct kvm_rates *r, int need_apic);

#endif
