/* plat/xen's x86_64 PVH part, shared by its files only. */
#ifndef XEN_X86_64_XEN_X86_H
#define XEN_X86_64_XEN_X86_H

#include <stdint.h>
#include <ts/pc.h>

/* Xen's CPUID leaves, relative to the base ts_pc_hypervisor_base()
 * found (public/arch-x86/cpuid.h): base + 1 the version (EAX: major
 * << 16 | minor), base + 2 the hypercall pages (EAX: how many, EBX:
 * the MSR that takes the physical address of one), base + 3 the TSC. */
#define XEN_CPUID_SIGNATURE	"XenVMMXenVMM"
#define XEN_CPUID_LEAVES	3	/* at least base .. base + 2 */

/* What the CPUID leaves say about Xen (detect.c). */
struct xen_x86_cpuid {
	uint32_t base;		/* 0: not under Xen */
	uint32_t version;	/* major << 16 | minor */
	uint32_t msr;		/* takes the hypercall page's address */
	uint32_t pages;		/* hypercall pages Xen offers */
};

/* Read the leaves through cpuid (the CPU's in the image, given values in
 * tests/unit). Returns NULL when under Xen with a usable hypercall page
 * or when not under Xen at all (x->base 0), else why the leaves are
 * unusable (then x->base is the base found). */
const char *xen_x86_cpuid_read(struct xen_x86_cpuid *x, ts_pc_cpuid_fn *cpuid);

/* Detect Xen and set up the hypercall page (detect.c); afterwards
 * xen_detected() says whether hypercalls work. Before the console: it
 * decides where the console goes. A reason it cannot use Xen is kept
 * for xen_x86_detect_report(). */
void xen_x86_detect(void);
/* Say on the console what xen_x86_detect() found. */
void xen_x86_detect_report(void);

/* Set the hypercall page up at MSR msr (hypercall.c): 0 once Xen filled
 * it in, else -1. */
int xen_x86_hypercall_page_init(uint32_t msr);


#endif
