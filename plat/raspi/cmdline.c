/* The kernel command line: /chosen/bootargs of the firmware's device
 * tree, else the mailbox's copy (QEMU: -append). The firmware puts its
 * own Linux parameters in front of cmdline.txt's contents; the
 * cmdline.txt that `make sdcard` writes starts with the word
 * "tessera", and everything before that word is dropped. A line that
 * cannot be read whole stops the boot (lib/boot) instead of being cut. */
#include <errno.h>
#include <string.h>
#include <ts/bcm2835/mbox.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include "raspi.h"

#define MARKER		"tessera"
#define MARKER_LEN	(sizeof(MARKER) - 1)

static char line[TS_CMDLINE_MAX];

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *raspi_cmdline_after_marker(const char *s)
{
	const char *p = s;

	while ((p = strstr(p, MARKER))) {
		if ((p == s || is_space(p[-1])) &&
		    (!p[MARKER_LEN] || is_space(p[MARKER_LEN])))
			return p + MARKER_LEN;
		p += MARKER_LEN;
	}
	return s;
}

void raspi_cmdline_init(const struct ts_fdt *fdt)
{
	const char *s = NULL, *why = NULL;
	int rc;

	if (fdt) {
		s = ts_plat_devtree_bootargs(fdt, &why);
	} else {
		rc = ts_bcm2835_mbox_command_line(line, sizeof(line));
		if (rc == -E2BIG) {
			why = TS_CMDLINE_TOO_LONG;
		} else if (rc) {
			ts_printk("raspi: no command line from the firmware's "
				  "mailbox (error %d)\n", rc);
			why = "the firmware's mailbox did not give it";
		} else {
			s = line;
		}
	}
	if (why)
		ts_plat_cmdline_refuse(why);
	else
		ts_plat_cmdline_set(s ? raspi_cmdline_after_marker(s) : NULL);
}
