/* Platform-independent half of ending a run. */
#include <ts/plat/power.h>

_Noreturn void ts_plat_crash(void)
{
	ts_plat_poweroff(TS_EXIT_CRASH);
}
