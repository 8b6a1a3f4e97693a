/* Running the TS_INIT table in level order (the linker script sorts the
 * .ts_init.<level> sections by name). */
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/plat/power.h>
#include <ts/trace.h>
#include "boot.h"

/* Each init step once it returned: the decoder names the function. */
TS_TRACEPOINT(boot_init, "%pS returned %d after %lu ticks", void *, int,
	      uint64_t);

extern const struct ts_init _ts_init_start[], _ts_init_end[];

/* Each init step is a debug message (debug.level=boot:debug), or always
 * printed with LIB_BOOT_VERBOSE. */
#ifdef CONFIG_LIB_BOOT_VERBOSE
#define STEP_LEVEL TS_LOG_INFO
#else
#define STEP_LEVEL TS_LOG_DEBUG
#endif

void ts_boot_run_inits(void)
{
	for (const struct ts_init *i = _ts_init_start; i < _ts_init_end; i++) {
		ts_log(STEP_LEVEL, "init %s", i->name);
		uint64_t t0 = ts_trace_ticks();
		int r = i->fn();

		trace_boot_init((void *)i->fn, r, ts_trace_ticks() - t0);
		if (r < 0) {
			ts_log_err("init function %s failed (error %d); "
				   "stopping", i->name, r);
			ts_plat_crash();
		}
	}
}
