/* What every benchmark's Linux guest /init needs besides its loops
 * (bench/linux-guest/linuxguest.py builds these files into it): the CPU
 * counter the image reads (ticks-<arch>.c), its frequency, and the
 * power-off that ends the run. Not part of any image. */
#ifndef BENCH_LINUX_GUEST_H
#define BENCH_LINUX_GUEST_H

#include <stdint.h>

/* The counter: the TSC on x86_64, CNTVCT on arm64, as in the image. */
uint64_t linux_guest_ticks(void);

/* The counter's frequency, against the kernel's clock over 200 ms. */
uint64_t linux_guest_counter_hz(void);

/* Prints "<who>: exit <status>", syncs and powers the machine off. */
void linux_guest_power_off(const char *who, int status)
	__attribute__((noreturn));

/* Prints "<who>: error <what>(<arg>): errno N (text)" and powers off
 * with status 1. */
void linux_guest_die(const char *who, const char *what, const char *arg)
	__attribute__((noreturn));

/* Loads the kernel modules in /modules/order, in its order (dependencies
 * first: linuxguest.py resolved them); dies naming the one that failed. */
void linux_guest_load_modules(const char *who);

#endif
