/* plat/xen's own interface between its common part (hypercall wrappers,
 * console, shutdown, shared info, event channels: the .c files of plat/xen) and its
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

#endif
