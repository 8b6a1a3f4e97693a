/* What Xen's CPUID leaves say: its base (found by signature, plat/pc's
 * search), version and hypercall page MSR. The CPUID instruction is a
 * parameter: tests/unit gives the leaves of a Xen, of KVM, of Xen with
 * Hyper-V's leaves first, and broken ones. */
#include <stdint.h>
#include <ts/arch/x86.h>
#include "xen_x86.h"

const char *xen_x86_cpuid_read(struct xen_x86_cpuid *x, ts_pc_cpuid_fn *cpuid)
{
	uint32_t r[4];

	*x = (struct xen_x86_cpuid){ 0, 0, 0, 0 };
	/* CPUID.1:ECX bit 31: a hypervisor is there. Without it the
	 * 0x4000xxxx leaves are a real CPU's echo of another leaf. */
	cpuid(1, 0, r);
	if (!(r[2] & X86_CPUID1_ECX_HYPERVISOR))
		return NULL;
	x->base = ts_pc_hypervisor_base(XEN_CPUID_SIGNATURE, XEN_CPUID_LEAVES,
					cpuid);
	if (!x->base)
		return NULL;
	cpuid(x->base + 1, 0, r);
	x->version = r[0];
	cpuid(x->base + 2, 0, r);
	x->pages = r[0];
	x->msr = r[1];
	if (x->pages == 0)
		return "Xen offers no hypercall page (CPUID leaf base + 2: EAX 0)";
	if (x->msr == 0)
		return "Xen names no MSR for the hypercall page (CPUID leaf "
		       "base + 2: EBX 0)";
	return NULL;
}
