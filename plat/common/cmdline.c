/* Keeps a copy of the boot loader's command line: the loader's memory may
 * be reused once the allocator takes over. A line that does not fit, or
 * that the platform could not read whole, is not kept in part: lib/boot
 * refuses to start rather than run the application with the front of a
 * line (which may have lost its "--") or with none. */
#include <string.h>
#include <ts/plat/boot.h>

static char cmdline[TS_CMDLINE_MAX];
static const char *problem;

void ts_plat_cmdline_set(const char *s)
{
	size_t n = s ? strnlen(s, TS_CMDLINE_MAX) : 0;

	if (n == TS_CMDLINE_MAX) {
		ts_plat_cmdline_refuse(TS_CMDLINE_TOO_LONG);
		return;
	}
	problem = NULL;
	if (n)
		memcpy(cmdline, s, n);
	cmdline[n] = '\0';
}

void ts_plat_cmdline_refuse(const char *why)
{
	problem = why;
	cmdline[0] = '\0';
}

char *ts_plat_cmdline(const char **why)
{
	*why = problem;
	return problem ? NULL : cmdline;
}
