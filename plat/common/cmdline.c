/* Keeps a copy of the boot loader's command line: the loader's memory may
 * be reused once the allocator takes over. */
#include <string.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>

#define CMDLINE_MAX 4096

static char cmdline[CMDLINE_MAX];

void ts_plat_cmdline_set(const char *s)
{
	size_t n;

	if (!s) {
		cmdline[0] = '\0';
		return;
	}
	n = strnlen(s, CMDLINE_MAX);
	if (n == CMDLINE_MAX) {
		ts_printk("plat: command line longer than %d bytes, cut\n",
			  CMDLINE_MAX - 1);
		n = CMDLINE_MAX - 1;
	}
	memcpy(cmdline, s, n);
	cmdline[n] = '\0';
}

char *ts_plat_cmdline(void)
{
	return cmdline;
}
