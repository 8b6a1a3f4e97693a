/* Clocks and one-shot timers (lib/time).
 *
 * Times are nanoseconds as uint64_t: monotonic ones count from the
 * platform's clock start (boot), wall-clock ones from the Unix epoch.
 * Deadlines are absolute monotonic times; TS_TIME_NEVER is "no
 * deadline". */
#ifndef TS_TIME_H
#define TS_TIME_H

#include <stdint.h>

#define TS_TIME_NEVER	UINT64_MAX
#define TS_NSEC_PER_USEC	1000ULL
#define TS_NSEC_PER_MSEC	1000000ULL
#define TS_NSEC_PER_SEC		1000000000ULL

/* Monotonic time: the platform's calibrated counter (TSC, Arm generic
 * counter). Never goes back; cheap enough for timestamps. */
uint64_t ts_time_now_ns(void);

/* now + ns, saturated at TS_TIME_NEVER. */
uint64_t ts_time_deadline_in(uint64_t ns);

/* Wall-clock time, ns since 1970-01-01 UTC: the monotonic clock plus an
 * offset set at boot from the platform's clock if it has one (the PC's
 * CMOS RTC) or the kernel parameter time.epoch=<seconds>, or later with
 * ts_time_wall_set(). Before any of these, time counts from the epoch
 * at boot and ts_time_wall_known() says 0. */
uint64_t ts_time_wall_ns(void);
void ts_time_wall_set(uint64_t ns_since_epoch);
int ts_time_wall_known(void);

/* One-shot timers, multiplexed on the platform's one-shot timer: the
 * earliest pending deadline is the one programmed. The callback runs in
 * the timer interrupt, with interrupts off: it must be short and must
 * not block (waking a thread is fine). It may arm its own timer again
 * (periodic timers) or others. Timers are the caller's memory, and a
 * pending one must not be freed or re-initialised. */
struct ts_timer;
typedef void (*ts_timer_fn)(struct ts_timer *t, void *arg);

struct ts_timer_link {
	struct ts_timer_link *next, *prev;
};

struct ts_timer {
	struct ts_timer_link link;	/* private: the pending list */
	uint64_t deadline;
	ts_timer_fn fn;
	void *arg;
};

#define TS_TIMER_INIT(f, a)	{ { 0, 0 }, 0, (f), (a) }

void ts_timer_init(struct ts_timer *t, ts_timer_fn fn, void *arg);

/* (Re)arm t for deadline_ns; a pending t moves. A deadline already past
 * fires at once (from the interrupt). */
void ts_timer_arm(struct ts_timer *t, uint64_t deadline_ns);

/* Disarm t. Returns 1 if it was pending, 0 if it had fired or was never
 * armed. Once it returns, the callback is not running and will not. */
int ts_timer_cancel(struct ts_timer *t);

int ts_timer_pending(const struct ts_timer *t);

/* Timer callbacks run so far (statistics, tests). */
uint64_t ts_timer_fired_count(void);

/* Halt the CPU until deadline_ns, woken by a timer: no busy waiting,
 * and the other timers keep running. Without a scheduler this is how to
 * sleep; with lib/sched, threads sleep with ts_thread_sleep_*() instead,
 * which lets other threads run. */
void ts_time_halt_until(uint64_t deadline_ns);

#endif
