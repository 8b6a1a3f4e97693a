/* The kernel command line: /chosen/bootargs of the firmware's device
 * tree, else the mailbox's copy (QEMU: -append). The firmware puts its
 * own Linux parameters in front of cmdline.txt's contents; the
 * cmdline.txt that `make sdcard` writes starts with the word
 * "tessera", and everything before that word is dropped. */
#include <string.h>
#include <ts/bcm2835/mbox.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include "raspi.h"

#define MARKER		"tessera"
#define MARKER_LEN	(sizeof(MARKER) - 1)

static char line[1024];

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What follows the first whole word MARKER, or s itself. */
static const char *after_marker(const char *s)
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
	const char *s = NULL;
	int chosen, rc;

	if (fdt) {
		chosen = ts_fdt_path(fdt, "/chosen");
		if (chosen >= 0)
			s = ts_fdt_prop_str(fdt, chosen, "bootargs");
	} else {
		rc = ts_bcm2835_mbox_command_line(line, sizeof(line));
		if (rc)
			ts_printk("raspi: no command line from the firmware "
				  "(error %d)\n", rc);
		else
			s = line;
	}
	ts_plat_cmdline_set(s ? after_marker(s) : NULL);
}
