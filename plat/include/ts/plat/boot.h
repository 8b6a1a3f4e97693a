/* The hand-over from a platform to the rest of the system. */
#ifndef TS_PLAT_BOOT_H
#define TS_PLAT_BOOT_H

/* The platform records the kernel command line it was given (NUL-
 * terminated; longer lines are cut at 4095 bytes with a warning). The
 * copy is lib/boot's to split into words in place (one 4 KiB buffer,
 * not two: RAM the smallest images need). */
void ts_plat_cmdline_set(const char *cmdline);
char *ts_plat_cmdline(void);

/* Implemented by lib/boot. The platform calls it once the console,
 * the CPU (traps, FPU, MMU) and the memory map are ready. */
_Noreturn void ts_boot_main(void);

#endif
