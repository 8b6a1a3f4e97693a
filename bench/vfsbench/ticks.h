/* The counter both sides of bench/vfs time with: the TSC on x86_64, the
 * generic timer's count on arm64, read as the image reads it. */
#ifndef VFSBENCH_TICKS_H
#define VFSBENCH_TICKS_H

#ifdef CONFIG_LIB_SYSCALL
#include <ts/plat/time.h>
#define bench_ticks ts_plat_ticks
#else
#include "guest.h"	/* bench/linux-guest */
#define bench_ticks linux_guest_ticks
#endif

#endif
