/* The kernel command line: /chosen/bootargs of the device tree QEMU
 * passes (-append). A line that cannot be read whole stops the boot
 * (lib/boot) instead of being cut; without a usable tree there is none. */
#include <stddef.h>
#include <ts/plat/boot.h>
#include <ts/plat/devtree.h>
#include "virt.h"

void virt_cmdline_init(const struct ts_fdt *fdt)
{
	const char *args, *why;

	if (!fdt)
		return;
	args = ts_plat_devtree_bootargs(fdt, &why);
	if (why)
		ts_plat_cmdline_refuse(why);
	else
		ts_plat_cmdline_set(args);
}
