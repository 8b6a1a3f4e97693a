/* The x86 PC parts that plat/kvm and plat/xen's x86_64 PVH guest share
 * (plat/pc, PLAT_PC): the 32-bit memory check, the loader's PVH start
 * info, the memory table, boot modules, the command line, COM1, the
 * local APIC and 8259/8254 set-up, the TSC clock and APIC timer, the
 * CMOS clock, the isa-debug-exit and reset ports. For platform code
 * only: libraries reach the platform through plat/include. */
#ifndef TS_PC_H
#define TS_PC_H

#include <stddef.h>
#include <stdint.h>

/* The platform's name in front of its messages ("kvm: ...", "xen: ..."). */
#ifdef CONFIG_PLAT_NAME
#define PC_NAME CONFIG_PLAT_NAME
#else
#define PC_NAME "pc"	/* host builds (tests/unit, tests/fuzz) */
#endif

/* COM1 as the console (console.c). */
void ts_pc_console_init(void);
void ts_pc_console_flush(void);
void ts_pc_console_write(const char *buf, size_t len);
int ts_pc_console_getc(void);

/* Physical memory table (memory.c). Free RAM never includes page 0, the
 * image or boot modules; entries are clipped to whole pages. */
void ts_pc_mem_init(void);
void ts_pc_mem_reserve_module(uint64_t start, uint64_t end, const char *name);
/* Module i of the loader's list at [start, end) (modules.c): reserved;
 * the first is the initrd (<ts/plat/initrd.h>; QEMU's -initrd), the
 * others are left alone. what: "Multiboot module" or "PVH module". */
void ts_pc_boot_module(uint32_t i, uint64_t start, uint64_t end,
		       const char *what);
void ts_pc_mem_add_e820(uint64_t base, uint64_t len, uint32_t type);
void ts_pc_mem_done(void);
/* The memory-mapped devices (devices.c), before the MMU maps the table. */
void ts_pc_mem_add_devices(void);

/* The PVH start info at physical address info (pvh.c): the memory
 * table, modules and command line from it. Returns 0, or -1 when the
 * start info itself was refused (then there is no memory map, and the
 * message said why). */
int ts_pc_pvh_parse(uint64_t info);

/* The loader's data at [paddr, paddr+len) as a pointer, or NULL where
 * it cannot be read during boot (bootmem.c: outside what the boot page
 * tables map, ts_x86_boot_mapped_end, or address 0). Guards against
 * garbage pointers from a loader. */
const void *ts_pc_boot_ptr(uint64_t paddr, uint64_t len);

/* Does [addr, addr+len) lie in memory the loader's map reports (RAM or
 * reserved)? 1 when there is no map to ask. */
int ts_pc_mem_reported(uint64_t addr, uint64_t len);

/* Past the end of the machine's RAM the bytes read back as zeros or
 * ones: a command line there is lost. Unless [addr, addr+len) is
 * reported memory, stop the boot saying how much RAM is missing. */
void ts_pc_mem_check_cmdline(uint64_t addr, uint64_t len, const char *proto);

/* Copy the NUL-terminated command line at paddr (cmdline.c; after the
 * memory map was read). With
 * skip_name, the first word (the image's file name, which Multiboot
 * loaders put first) is left out. A line too long or not terminated in
 * readable memory is refused (ts_plat_cmdline_refuse()). */
void ts_pc_cmdline_from(uint64_t paddr, const char *proto, int skip_name);

/* Interrupt controllers: the 8259 PICs masked, the local APIC on
 * (irq.c). Returns 0 or the local APIC's error. */
int ts_pc_irq_init(void);

/* The clock (TSC) and the one-shot timer (local APIC), once the
 * interrupt controllers are set up (time.c). */
void ts_pc_time_init(int have_lapic);

/* The TSC's rate and the local APIC timer's relative to it, from CPUID
 * or measured (calibrate.c). Zeros mean unknown: no TSC rate, or (when
 * the caller needs it) no APIC timer rate. */
struct ts_pc_rates {
	uint64_t tsc_hz;
	const char *tsc_from;		/* how tsc_hz was found */
	/* apic_ticks APIC timer ticks per apic_per_tsc_ticks TSC ticks */
	uint64_t apic_ticks, apic_per_tsc_ticks;
};
void ts_pc_measure_rates(struct ts_pc_rates *r, int need_apic);

/* The hypervisor CPUID leaves (hv_cpuid.c): hypervisors put their
 * signature at 0x40000000 + n * 0x100 (n < 256; more than one where a
 * hypervisor also offers another's interface, as Xen with Hyper-V's),
 * leaf base's EBX, ECX, EDX, with the highest leaf of the range in EAX.
 * The base of the first range whose signature is sig (12 bytes) and
 * whose highest leaf is at least base + min_leaves - 1, or 0. cpuid
 * reads a leaf into r[0..3] (EAX, EBX, ECX, EDX): the CPU's in the
 * image, given values in tests. */
typedef void ts_pc_cpuid_fn(uint32_t leaf, uint32_t subleaf, uint32_t r[4]);
uint32_t ts_pc_hypervisor_base(const char *sig, uint32_t min_leaves,
			       ts_pc_cpuid_fn *cpuid);
/* The CPU's CPUID, for ts_pc_hypervisor_base() (not in host builds). */
void ts_pc_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4]);

/* The exit status to QEMU's isa-debug-exit device (port 0xf4): QEMU
 * exits with (ts_plat_qemu_exit_value(status) << 1) | 1. Nothing
 * happens on a machine without it (power.c). */
void ts_pc_qemu_exit(int status);
/* Reset the PC (PIIX3's reset register, then the keyboard controller). */
_Noreturn void ts_pc_reset(void);

#endif
