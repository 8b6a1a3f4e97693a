/* Platform-independent half of ending a run. */
#include <stddef.h>
#include <ts/plat/power.h>

static ts_plat_poweroff_hook_fn poweroff_hook;

void ts_plat_poweroff_set_hook(ts_plat_poweroff_hook_fn fn)
{
	poweroff_hook = fn;
}

void ts_plat_poweroff_hooked(int status)
{
	ts_plat_poweroff_hook_fn fn = poweroff_hook;

	/* Once: a fault inside the hook ends in ts_plat_poweroff() again. */
	poweroff_hook = NULL;
	if (fn)
		fn(status);
}

_Noreturn void ts_plat_crash(void)
{
	ts_plat_poweroff(TS_EXIT_CRASH);
}

/* The value a QEMU exit device (isa-debug-exit, semihosting SYS_EXIT) is
 * given: status + 1 for an exit (1..126), 127 for a crash. QEMU's own
 * failure code 1 and a plain power-off (0) then differ from every status;
 * support/scripts/tsqemu.py decodes it. Negative statuses are failures:
 * they never become 0. */
unsigned int ts_plat_qemu_exit_value(int status)
{
	if (status == TS_EXIT_CRASH)
		return 127;
	if (status < 0 || status > 125)
		status = 125;
	return (unsigned int)status + 1;
}
