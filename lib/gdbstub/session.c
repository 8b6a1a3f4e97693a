/* The session around the packets: serving GDB while the program is
 * stopped, and console output while it runs. */
#include <string.h>
#include "internal.h"

enum ts_gdb_event ts_gdb_stopped(struct ts_gdb *g,
				 const struct ts_gdb_stop *why)
{
	enum ts_gdb_event ev;
	int c;

	g->last_stop = *why;
	if (g->last_stop.thread <= 0)
		g->last_stop.thread = gdb_thread_next(g, 0) > 0 ?
			gdb_thread_next(g, 0) : 1;
	/* GDB waits for a stop only after it resumed us; a stop before it
	 * ever spoke (the boot-time wait) is reported on its '?'. An
	 * unasked packet would be read as the reply to its next one. */
	if (g->running && g->attached)
		gdb_send_stop_reply(g);
	g->running = false;
	if (why->kind == TS_GDB_STOP_EXITED ||
	    why->kind == TS_GDB_STOP_TERMINATED) {
		/* The end: GDB closes the connection, so whatever is
		 * printed next goes to the line as plain text. */
		gdb_remove_all_breaks(g);
		gdb_end_session(g);
		return TS_GDB_EV_KILL;
	}
	for (;;) {
		c = g->t->getc(g->t->ctx);
		if (c < 0) {
			/* The line is gone: run on without GDB. */
			gdb_remove_all_breaks(g);
			gdb_end_session(g);
			g->running = true;
			return TS_GDB_EV_DETACH;
		}
		ev = ts_gdb_feed(g, (uint8_t)c);
		if (ev == TS_GDB_EV_RESUME || ev == TS_GDB_EV_DETACH ||
		    ev == TS_GDB_EV_KILL)
			return ev;
	}
}

/* 'O' + hex, in pieces that fit a reply. */
static void send_output(struct ts_gdb *g, const char *buf, size_t len)
{
	const size_t chunk = (TS_GDB_REPLY_SIZE - 16) / 2;
	size_t n;

	while (len) {
		n = len < chunk ? len : chunk;
		gdb_reply_begin(g);
		gdb_put(g, 'O');
		gdb_put_hex_bytes(g, buf, n);
		gdb_reply_end(g);
		buf += n;
		len -= n;
	}
}

bool ts_gdb_console_write(struct ts_gdb *g, const char *buf, size_t len)
{
	if (!g->attached)
		return false;
	/* While stopped, GDB reads only replies to its packets: output
	 * then would break the conversation, so it is dropped. */
	if (g->running)
		send_output(g, buf, len);
	return true;
}

void ts_gdb_monitor_print(struct ts_gdb *g, const char *s)
{
	send_output(g, s, strlen(s));
}
