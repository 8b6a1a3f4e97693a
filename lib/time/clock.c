/* The monotonic clock is the platform's; the wall clock is it plus an
 * offset, set from whatever knows the date. */
#include <stdbool.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/time.h>
#include <ts/time.h>

/* Defined by platforms with a real-time clock only. */
extern uint64_t ts_plat_wall_clock_ns(void) __attribute__((weak));

static uint64_t wall_offset;
static int wall_known;

static unsigned long epoch;
TS_PARAM_UINT(time, epoch, epoch,
	      "wall-clock time at boot, seconds since 1970-01-01 UTC");

uint64_t ts_time_now_ns(void)
{
	return ts_plat_time_ns();
}

uint64_t ts_time_deadline_in(uint64_t ns)
{
	uint64_t now = ts_plat_time_ns();

	return ns > TS_TIME_NEVER - now ? TS_TIME_NEVER : now + ns;
}

uint64_t ts_time_wall_ns(void)
{
	return ts_plat_time_ns() + wall_offset;
}

void ts_time_wall_set(uint64_t ns_since_epoch)
{
	wall_offset = ns_since_epoch - ts_plat_time_ns();
	wall_known = 1;
}

int ts_time_wall_known(void)
{
	return wall_known;
}

/* The command line wins over the platform's clock: it is how a user
 * corrects a wrong one. */
static int time_init(void)
{
	uint64_t rtc = ts_plat_wall_clock_ns ? ts_plat_wall_clock_ns() : 0;

	if (epoch)
		ts_time_wall_set((uint64_t)epoch * TS_NSEC_PER_SEC);
	else if (rtc)
		ts_time_wall_set(rtc);
	return 0;
}
TS_INIT(time_init, TS_INIT_CORE);
