/* qRcmd: GDB's "monitor" command. The text arrives hex-encoded; output
 * goes back as 'O' packets, then "OK". The stub knows a few commands by
 * name; the target adds or provides the ones it can do (trace, heap). */
#include <string.h>
#include "internal.h"

static int mon_help(struct ts_gdb *g, const char *args);
static int mon_threads(struct ts_gdb *g, const char *args);
static int mon_reboot(struct ts_gdb *g, const char *args);

static const struct ts_gdb_monitor_cmd builtin[] = {
	{ "help", "list the monitor commands", mon_help },
	{ "threads", "every thread with its state", mon_threads },
	/* fn NULL: the target must provide it (same name in its table). */
	{ "trace", "dump the trace buffer", NULL },
	{ "heap", "allocator statistics", NULL },
	{ "fds", "open file descriptors (with lib/vfs)", NULL },
	{ "reboot", "restart the machine", mon_reboot },
};
#define NBUILTIN (sizeof(builtin) / sizeof(builtin[0]))

static const struct ts_gdb_monitor_cmd *target_cmd(struct ts_gdb *g,
						   const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < g->t->nmonitor; i++) {
		const char *m = g->t->monitor[i].name;

		if (strlen(m) == n && strncmp(m, name, n) == 0)
			return &g->t->monitor[i];
	}
	return NULL;
}

static void print_line(struct ts_gdb *g, const char *a, const char *b,
		       const char *c)
{
	ts_gdb_monitor_print(g, a);
	ts_gdb_monitor_print(g, b);
	ts_gdb_monitor_print(g, c);
}

/* For the commands that take no arguments: 1 (an error) when given
 * some, rather than doing something the user did not ask for. */
static int no_args(struct ts_gdb *g, const char *name, const char *args)
{
	if (!*args)
		return 0;
	ts_gdb_monitor_print(g, name);
	ts_gdb_monitor_print(g, ": takes no arguments\n");
	return 1;
}

static int mon_help(struct ts_gdb *g, const char *args)
{
	size_t i;

	if (no_args(g, "help", args))
		return 1;
	for (i = 0; i < NBUILTIN; i++)
		print_line(g, builtin[i].name, " - ", builtin[i].help),
		ts_gdb_monitor_print(g, "\n");
	for (i = 0; i < g->t->nmonitor; i++) {
		const struct ts_gdb_monitor_cmd *c = &g->t->monitor[i];
		size_t k;
		bool dup = false;

		for (k = 0; k < NBUILTIN; k++)
			dup |= strcmp(c->name, builtin[k].name) == 0;
		if (!dup)
			print_line(g, c->name, " - ", c->help ? c->help : ""),
			ts_gdb_monitor_print(g, "\n");
	}
	return 0;
}

static int mon_threads(struct ts_gdb *g, const char *args)
{
	char num[24], text[96];
	long id = 0;
	unsigned int guard = 0;

	if (no_args(g, "threads", args))
		return 1;
	while ((id = gdb_thread_next(g, id)) > 0 && ++guard < 100000) {
		if (!g->t->thread_describe ||
		    g->t->thread_describe(g->t->ctx, id, text,
					  sizeof(text)) < 0)
			strcpy(text, "main");
		text[sizeof(text) - 1] = '\0';
		print_line(g, id == gdb_current_thread(g) ? "* " : "  ",
			   gdb_fmt_ulong(num, (unsigned long)id, 10), " ");
		print_line(g, text, "\n", "");
	}
	return 0;
}

static int mon_reboot(struct ts_gdb *g, const char *args)
{
	void (*how)(void *ctx) = g->t->reboot ? g->t->reboot : g->t->kill;

	if (no_args(g, "reboot", args))
		return 1;
	if (!how) {
		ts_gdb_monitor_print(g, "reboot: not available in this image\n");
		return 0;
	}
	ts_gdb_monitor_print(g, "rebooting\n");
	gdb_reply(g, "OK");	/* GDB waits for it; a reboot does not return */
	how(g->t->ctx);
	return -1;		/* replied already */
}

void gdb_cmd_monitor(struct ts_gdb *g, char *pkt, size_t len)
{
	const struct ts_gdb_monitor_cmd *c = NULL;
	char *line = pkt, *args;
	size_t n, i, hexlen = len - 6;

	if (pkt[5] != ',' || !gdb_hex_decode(pkt + 6, hexlen, (uint8_t *)pkt)) {
		gdb_reply_error(g, GDB_E_INVAL, "qRcmd: expected hex");
		return;
	}
	line[hexlen / 2] = '\0';
	if (strlen(line) != hexlen / 2) {
		gdb_reply_error(g, GDB_E_INVAL, "qRcmd: NUL in command");
		return;
	}
	while (*line == ' ')
		line++;
	for (n = 0; line[n] && line[n] != ' '; n++)
		;
	for (args = line + n; *args == ' '; args++)
		;
	if (n == 0)
		n = 4, line = "help";
	c = target_cmd(g, line, n);
	for (i = 0; !c && i < NBUILTIN; i++)
		if (strlen(builtin[i].name) == n &&
		    strncmp(builtin[i].name, line, n) == 0)
			c = &builtin[i];
	if (!c) {
		ts_gdb_monitor_print(g, "unknown monitor command; "
				     "try \"monitor help\"\n");
	} else if (!c->fn) {
		ts_gdb_monitor_print(g, c->name);
		ts_gdb_monitor_print(g, ": not available in this image\n");
	} else {
		int rc = c->fn(g, args);

		if (rc < 0)
			return;	/* the command replied itself */
		if (rc > 0) {
			gdb_reply_error(g, GDB_E_INVAL, "monitor command failed");
			return;
		}
	}
	gdb_reply(g, "OK");
}
