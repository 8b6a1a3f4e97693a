/* Time and the one-shot timer every platform provides. lib/time (timers,
 * clocks) is built on these; so is the plain sleep below. */
#ifndef TS_PLAT_TIME_H
#define TS_PLAT_TIME_H

#include <stdint.h>

/* The CPU's free-running counter (TSC, arm64 generic counter) and its
 * frequency in Hz, as measured or read at boot. Cheap: for tracing and
 * boot timing. */
uint64_t ts_plat_ticks(void);
uint64_t ts_plat_ticks_hz(void);

/* Monotonic nanoseconds since the platform started its clock. */
uint64_t ts_plat_time_ns(void);

/* One-shot timer interrupt at or after deadline_ns (ts_plat_time_ns
 * scale); a new call replaces the pending one. The interrupt calls
 * ts_plat_timer_expired() with interrupts off. */
void ts_plat_timer_set(uint64_t deadline_ns);
void ts_plat_timer_cancel(void);

/* Called from the timer interrupt. plat/common has a weak empty one (the
 * interrupt itself is what wakes a sleeping CPU); lib/time overrides it. */
void ts_plat_timer_expired(void);

/* The date now, ns since 1970-01-01 UTC, from a real-time clock the
 * platform has (kvm: the PC's CMOS clock); 0 when it reads nonsense.
 * Optional: platforms without one leave it out, lib/time refers to it
 * weakly and reads it once at boot (device reads are slow). */
uint64_t ts_plat_wall_clock_ns(void);

/* Sleep until deadline_ns with the CPU halted between interrupts, woken by
 * the one-shot timer: no busy waiting (plat/common). With lib/time in the
 * image, use its ts_time_halt_until() (or lib/sched's sleeps) instead:
 * this one takes the one-shot timer over and cancels lib/time's.
 * Returns how many times the CPU halted: 0 when the deadline had passed
 * before the first halt (a short sleep on a busy host). */
unsigned int ts_plat_sleep_until_ns(uint64_t deadline_ns);

#endif
