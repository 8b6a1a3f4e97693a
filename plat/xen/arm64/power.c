/* The QEMU exit of test builds: semihosting SYS_EXIT (arch/arm64), which
 * QEMU answers for a domU too when run with -semihosting-config
 * enable=on,target=native. Xen's own SCHEDOP_shutdown only parks the
 * domain (the machine goes on), so tests need this to end. */
#include <ts/arch/semihosting.h>
#include <ts/plat/power.h>
#include "../xen.h"

void xen_arch_qemu_exit(int status)
{
#ifdef CONFIG_PLAT_XEN_QEMU_EXIT
	ts_arm64_semihosting_exit(ts_plat_qemu_exit_value(status));
#else
	(void)status;
#endif
}
