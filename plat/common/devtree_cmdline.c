/* The kernel command line from a device tree's /chosen/bootargs, for
 * every platform booted with one. */
#include <string.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/devtree.h>

const char *ts_plat_devtree_bootargs(const struct ts_fdt *fdt,
				     const char **why)
{
	int chosen = ts_fdt_path(fdt, "/chosen"), len;
	const char *v;

	*why = NULL;
	if (chosen < 0)
		return NULL;
	v = ts_fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!v)
		return NULL;
	/* A NUL before the end would silently drop the rest. */
	if (len < 1 || v[len - 1] != '\0' || strlen(v) != (size_t)len - 1) {
		*why = "/chosen/bootargs in the device tree is not one "
		       "NUL-terminated string";
		return NULL;
	}
	return v;
}

void ts_plat_devtree_cmdline(const struct ts_fdt *fdt)
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
