/* The hand-over from a platform to the rest of the system. */
#ifndef TS_PLAT_BOOT_H
#define TS_PLAT_BOOT_H

/* Bytes of the longest kernel command line, with its NUL: 4095
 * characters on every platform (Linux takes 2048 to 4096 by platform). */
#define TS_CMDLINE_MAX 4096
#define TS_CMDLINE_TOO_LONG "longer than 4095 bytes"

/* The platform records the kernel command line it was given (NUL-
* terminated; NULL is an empty line). A line of TS_CMDLINE_MAX bytes or
 * more is not kept, nor one the platform could not read whole
 * (ts_plat_cmdline_refuse(why), e.g. a malformed device-tree property):
 * ts_plat_cmdline() then returns NULL with the reason in *why, and
 * lib/boot refuses to start. The copy is lib/boot's to split into words
 * in place (one 4 KiB buffer, not two: RAM the smallest images need). */
void ts_plat_cmdline_set(const char *cmdline);
void ts_plat_cmdline_refuse(const char *why);
char *ts_plat_cmdline(const char **why);

/* Implemented by lib/boot. The platform calls it once the console,
 * the CPU (traps, FPU, MMU) and the memory map are ready. */
_Noreturn void ts_boot_main(void);

#endif
