/* The shared info page: Xen's per-domain page of event channel bitmaps
 * and per-vCPU upcall flags, mapped by the guest over one of its own
 * frames (XENMEM_add_to_physmap, XENMAPSPACE_shared_info). */
#include <stdint.h>
#include <ts/plat/console.h>
#include "xen.h"

struct xen_add_to_physmap {
	uint16_t domid;
	uint16_t size;		/* only for XENMAPSPACE_gmfn_range */
	uint32_t space;
	uint64_t idx;
	uint64_t gpfn;
};

/* The frame Xen's page takes the place of; its contents are Xen's from
 * then on. */
static uint8_t frame[4096] __attribute__((aligned(4096)));
static struct xen_shared_info *shared;

struct xen_shared_info *xen_shared_info_map(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (uintptr_t)frame >> 12,
	};
	long rc;

	if (shared)
		return shared;
	rc = xen_hypercall(XEN_HC_memory_op, XENMEM_add_to_physmap,
			   (unsigned long)&xatp, 0, 0, 0);
	if (rc < 0) {
		ts_printk("xen: cannot map the shared info page (Xen error "
			  "%ld): no event channels\n", rc);
		return NULL;
	}
	shared = (struct xen_shared_info *)frame;
	return shared;
}

struct xen_shared_info *xen_shared_info(void)
{
	return shared;
}
