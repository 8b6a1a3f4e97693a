/* Ending the program: atexit handlers, exit, _Exit, abort. */
#include <stdlib.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>

/* The minimum the C standard guarantees; enough for a unikernel. */
#define ATEXIT_MAX 32

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	/* Taking each handler off before calling it means a handler that
	 * calls exit() resumes with the remaining ones instead of looping. */
	while (nhandlers > 0)
		handlers[--nhandlers]();
	ts_plat_poweroff(status);
}

_Noreturn void _Exit(int status)
{
	ts_plat_poweroff(status);
}

_Noreturn void abort(void)
{
	static const char msg[] = "abort() called\n";

	/* Straight to the console: abort must work even when the state
	 * behind printf is what went wrong. */
	ts_plat_console_write(msg, sizeof(msg) - 1);
	ts_plat_crash();
}
