/* Internal to lib/boot. */
#ifndef BOOT_INTERNAL_H
#define BOOT_INTERNAL_H

void ts_boot_run_inits(void);

#endif
