/* Helpers for platforms that boot with a device tree (QEMU virt, Xen
 * arm64, Raspberry Pi). In plat/common, built with PLAT_COMMON_DEVTREE,
 * which those platforms select (and with it lib/fdt). */
#ifndef TS_PLAT_DEVTREE_H
#define TS_PLAT_DEVTREE_H

#include <stdint.h>

struct ts_fdt;

/* Fill the memory table from the tree: the image (TS_MEMR_IMAGE), the
 * blob itself, /memreserve/ entries and /reserved-memory nodes
 * (TS_MEMR_RESERVED; "no-map" ones are left out of the table
 * altogether, so nothing maps them), then every enabled memory node's
 * RAM minus all of those and page 0 (TS_MEMR_FREE), in whole pages.
 * The initrd of /chosen (linux,initrd-start and -end), when it lies in
 * that RAM, is reserved too ("initrd") and recorded for lib/initrd
 * (<ts/plat/initrd.h>). Returns the bytes of free RAM found (0: the tree names none, which
 * is reported). */
uint64_t ts_plat_devtree_memory(const struct ts_fdt *fdt);

/* /chosen/bootargs: the string, or NULL when the tree has none (an
 * empty command line), or NULL with the reason in *why when the property
 * is malformed (not one NUL-terminated string), which must stop the
 * boot (ts_plat_cmdline_refuse()) rather than lose the arguments. */
const char *ts_plat_devtree_bootargs(const struct ts_fdt *fdt,
				     const char **why);

/* The kernel command line (lib/boot) from /chosen/bootargs: set, or
 * refused when malformed (the boot stops rather than lose arguments);
 * none without a tree (fdt NULL). */
void ts_plat_devtree_cmdline(const struct ts_fdt *fdt);

/* The checked tree the platform booted with (it calls
 * ts_plat_devtree_set() once it opened it), or NULL when it had none:
 * drivers find their devices in it (drivers/virtio's virtio-mmio). The
 * blob stays mapped read-only (a TS_MEMR_RESERVED region). */
void ts_plat_devtree_set(const struct ts_fdt *fdt);
const struct ts_fdt *ts_plat_devtree(void);

#endif
