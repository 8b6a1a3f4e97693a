/* Is this image running under Xen? The hypervisor CPUID leaves say so
 * (Xen's signature "XenVMMXenVMM" at 0x40000000, or 0x100 further on
 * when Xen also offers Hyper-V's leaves first), and its leaf base + 2
 * names the MSR through which the guest asks for the hypercall page. A
 * plain PVH loader (QEMU's -kernel on TCG or KVM) has none of them: the
 * image then runs as on kvm, with COM1 and isa-debug-exit. */
#include <stdbool.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include "xen.h"
#include "xen_x86.h"

static bool detected;
static struct xen_x86_cpuid found;
static const char *why_not;

bool xen_detected(void)
{
	return detected;
}

void xen_x86_detect(void)
{
	why_not = xen_x86_cpuid_read(&found, ts_pc_cpuid);
	if (!found.base || why_not)
		return;
	if (xen_x86_hypercall_page_init(found.msr)) {
		why_not = "Xen did not fill in the hypercall page";
		return;
	}
	detected = true;
}

void xen_x86_detect_report(void)
{
	if (detected)
		ts_printk("xen: Xen %u.%u (CPUID leaves at %#x), hypercall "
			  "page set up; console through console_io\n",
			  found.version >> 16, found.version & 0xffff,
			  found.base);
	else if (found.base)
		ts_printk("xen: Xen's CPUID leaves at %#x, but %s: running as "
			  "on a plain PVH loader (COM1)\n", found.base,
			  why_not);
}
