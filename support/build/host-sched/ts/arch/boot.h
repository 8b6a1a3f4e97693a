/* The boot stack symbols lib/sched's boot thread takes its bounds from;
 * the host program defines them (bench/sched-native). */
#ifndef TS_ARCH_BOOT_H
#define TS_ARCH_BOOT_H

extern char _ts_boot_stack_guard[], _ts_boot_stack_bottom[];
extern char _ts_boot_stack_top[];

#endif
