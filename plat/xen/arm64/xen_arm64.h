/* Shared by the files of plat/xen/arm64 only. */
#ifndef XEN_ARM64_H
#define XEN_ARM64_H

#include <stdint.h>

/* Xen's guest layout (public/arch-arm.h): RAM bank 0 at 1 GiB (3 GiB
 * at most), bank 1 at 8 GiB (up to 1016 GiB). */
#define XEN_GUEST_RAM0_BASE	0x40000000ULL
#define XEN_GUEST_RAM_END	0x10000000000ULL
/* Xen's event channel interrupt (GUEST_EVTCHN_PPI). */
#define XEN_EVTCHN_INTID	31

/* console.c */
void xen_arm64_console_init(uint64_t base, int sbsa, uint32_t clock);
struct ts_pl011;
const struct ts_pl011 *xen_arm64_console_pl011(void);

#endif
