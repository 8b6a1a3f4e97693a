/* The kernel parameter debug.level, declared with lib/core's headers;
 * lib/boot applies it before the first init level, so the levels are
 * final from there on. */
#include <ts/init.h>
#include <ts/param.h>
#include "debug_internal.h"

TS_PARAM_STR(debug, level, ts_debug_level_arg,
	     "log levels: debug, or alloc:debug,sched:warn (off err warn "
	     "info debug)");

static int log_levels_init(void)
{
	ts_debug_log_setup();
	return 0;
}
TS_INIT(log_levels_init, TS_INIT_EARLY);
