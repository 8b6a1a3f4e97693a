/* plat/xen's own interface between its common part (hypercall wrappers,
 * console, shutdown, shared info, event channels: plat/xen/<name>.c) and its
 * architecture parts (arm64/: entered by Xen's arm64 loader with a
 * device tree; x86_64/: PVH). Not public: nothing outside plat/xen
 * speaks to Xen directly. Numbers and structures are from Xen's public
 * ABI (xen/include/public/), which is stable across Xen versions. */
#ifndef PLAT_XEN_XEN_H
#define PLAT_XEN_XEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hypercall numbers (public/xen.h). */
#define XEN_HC_memory_op	12
#define XEN_HC_xen_version	17
#define XEN_HC_console_io	18
#define XEN_HC_sched_op		29
#define XEN_HC_event_channel_op	32
#define XEN_HC_hvm_op		34

/* Issue one hypercall: arm64 with "hvc #0xEA1" (number in x16,
 * arguments x0..x4), x86_64 through the hypercall page Xen filled in
 * (number * 32 bytes into it). Returns Xen's result: >= 0, or -errno
 * in Xen's numbering. Only valid once xen_detected() is true. */
long xen_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long a5);

/* True when the image runs under Xen: always on arm64 (Xen's loader is
 * the only way in), on x86_64 when the hypervisor CPUID leaves say Xen
 * and the hypercall page is set up; false when a plain PVH loader such
 * as QEMU's -kernel started the image. */
bool xen_detected(void);

/* ---- What the common part offers the arch parts (and each other) ---- */

/* xen_version (version.c): XENVER_version, (major << 16) | minor. */
#define XENVER_version		0
#define XENVER_extraversion	1	/* char[16], e.g. ".7" */
unsigned long xen_version(void);
/* "Xen 4.17.7" into buf (at least 32 bytes), for the boot line. */
void xen_version_string(char *buf, size_t size);

/* console_io (console_io.c): CONSOLEIO_write to Xen's console ring,
 * shown on Xen's own console as "(d1) ..." (with guest_loglvl=all in
 * Xen's command line for a domU). Returns the bytes written, or < 0. */
#define CONSOLEIO_write		0
long xen_console_io_write(const char *buf, size_t len);

/* sched_op (shutdown.c): SCHEDOP_shutdown with the reason. Returns only
 * if Xen refused (then the caller halts). */
#define SCHEDOP_shutdown	2
#define SHUTDOWN_poweroff	0
#define SHUTDOWN_reboot		1
#define SHUTDOWN_crash		3
long xen_shutdown(unsigned int reason);

/* memory_op: XENMEM_add_to_physmap (shared_info.c). */
#define XENMEM_add_to_physmap	7
#define XENMAPSPACE_shared_info	0
#define DOMID_SELF		0x7ff0U

/* The shared info page (public/xen.h struct shared_info): vcpu_info for
 * the legacy vCPUs, then the event channel bitmaps. Only what is used is
 * spelt out; the sizes are the ABI's per architecture. */
#if defined(__aarch64__)
#define XEN_LEGACY_MAX_VCPUS	1
#define XEN_VCPU_INFO_SIZE	48	/* no arch_vcpu_info fields */
#else
#define XEN_LEGACY_MAX_VCPUS	32
#define XEN_VCPU_INFO_SIZE	64	/* + arch_vcpu_info: cr2, pad */
#endif
#define XEN_EVTCHN_WORDS	64	/* sizeof(xen_ulong_t) * 8 */

struct xen_vcpu_info {
	volatile uint8_t evtchn_upcall_pending;
	volatile uint8_t evtchn_upcall_mask;
	volatile uint64_t evtchn_pending_sel;
	uint8_t rest[XEN_VCPU_INFO_SIZE - 16];	/* arch, vcpu_time_info */
};

struct xen_shared_info {
	struct xen_vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	volatile uint64_t evtchn_pending[XEN_EVTCHN_WORDS];
	volatile uint64_t evtchn_mask[XEN_EVTCHN_WORDS];
	/* wall clock, arch part: not used */
};

/* Map the shared info page over a page of the image (add_to_physmap at
 * its frame: the arch parts run identity-mapped). Returns it, or NULL
 * with Xen's error reported. */
struct xen_shared_info *xen_shared_info_map(void);
struct xen_shared_info *xen_shared_info(void);

/* Event channels (evtchn.c), 2-level ABI. Handlers run from
 * xen_evtchn_upcall(), which the arch part calls on Xen's event
 * interrupt (arm64: the PPI 31 of public/arch-arm.h, GUEST_EVTCHN_PPI).
 * Nothing of the platform binds a port (the console is the vpl011 or
 * console_io, the timer the generic timer's PPI): the public calls of
 * <ts/xen.h> do, tested with a channel from the domain to itself. */
#define EVTCHNOP_bind_interdomain	0
#define EVTCHNOP_close		3
#define EVTCHNOP_send		4
#define EVTCHNOP_alloc_unbound	6
#define EVTCHNOP_unmask		9
#define XEN_NR_EVTCHN		(XEN_EVTCHN_WORDS * 64)
typedef void (*xen_evtchn_fn)(unsigned int port, void *arg);
int xen_evtchn_set_handler(unsigned int port, xen_evtchn_fn fn, void *arg);
void xen_evtchn_mask(unsigned int port);
int xen_evtchn_unmask(unsigned int port);
bool xen_evtchn_is_masked(unsigned int port);
/* Clear the upcall pending bit and run the handler of every pending,
 * unmasked port (clearing it). Returns how many ran. */
unsigned int xen_evtchn_upcall(void);

/* From the arch part for the common one: end the run with the exit
 * status through QEMU when the image is built for tests under QEMU
 * (PLAT_XEN_QEMU_EXIT); returns when that is off or nobody answered. */
void xen_arch_qemu_exit(int status);
/* Flush the console before the end. */
void xen_arch_console_flush(void);

#endif
