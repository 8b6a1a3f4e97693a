/* x86_64's part of ending a run (plat/xen/shutdown.c does the rest):
 * when a plain PVH loader started the image (no Xen), the status goes to
 * QEMU's isa-debug-exit (PLAT_XEN_QEMU_EXIT), as on kvm; under Xen
 * SCHEDOP_shutdown follows (crash for the crash status: Xen has no
 * place for another exit status). */
#include <ts/pc.h>
#include "xen.h"

void xen_arch_qemu_exit(int status)
{
#ifdef CONFIG_PLAT_XEN_QEMU_EXIT
	if (!xen_detected())
		ts_pc_qemu_exit(status);
#else
	(void)status;
#endif
}

void xen_arch_console_flush(void)
{
	if (!xen_detected())
		ts_pc_console_flush();
}
