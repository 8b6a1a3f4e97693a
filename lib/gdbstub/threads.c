/* Thread packets: Hg/Hc, T, qC, qfThreadInfo/qsThreadInfo and
 * qThreadExtraInfo. Without thread hooks the image is one thread, 1. */
#include <string.h>
#include "internal.h"

long gdb_thread_next(const struct ts_gdb *g, long prev)
{
	if (!g->t->thread_next)
		return prev == 0 ? 1 : 0;
	return g->t->thread_next(g->t->ctx, prev);
}

bool gdb_thread_alive(const struct ts_gdb *g, long id)
{
	long t = 0;
	unsigned int guard = 0;

	if (id <= 0)
		return false;
	/* The guard stops a target whose list loops. */
	while ((t = gdb_thread_next(g, t)) > 0 && ++guard < 100000)
		if (t == id)
			return true;
	return false;
}

long gdb_current_thread(const struct ts_gdb *g)
{
	long t = g->last_stop.thread;

	return t > 0 ? t : gdb_thread_next(g, 0) > 0 ? gdb_thread_next(g, 0) : 1;
}

/* "Hg<tid>" (registers, memory) and "Hc<tid>" (old-style step and
 * continue): 0 is any thread, -1 all of them. */
void gdb_cmd_set_thread(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 2;
	long id;

	(void)len;
	if ((pkt[1] != 'g' && pkt[1] != 'c') || !gdb_parse_thread(&p, &id) ||
	    *p) {
		gdb_reply_error(g, GDB_E_INVAL, "H: expected Hg or Hc and a thread");
		return;
	}
	if (id > 0 && !gdb_thread_alive(g, id)) {
		gdb_reply_error(g, GDB_E_INVAL, "no such thread");
		return;
	}
	if (pkt[1] == 'g')
		g->g_thread = id;
	else
		g->c_thread = id;
	gdb_reply(g, "OK");
}

void gdb_cmd_thread_alive(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 1;
	long id;

	(void)len;
	if (!gdb_parse_thread(&p, &id) || *p) {
		gdb_reply_error(g, GDB_E_INVAL, "T: expected a thread id");
		return;
	}
	if (gdb_thread_alive(g, id))
		gdb_reply(g, "OK");
	else
		gdb_reply_error(g, GDB_E_INVAL, "thread is gone");
}

/* Packets that take no arguments: anything after the name is an
 * error, not something to ignore. */
static bool no_args(struct ts_gdb *g, const char *pkt, size_t name_len)
{
	if (!pkt[name_len])
		return true;
	gdb_reply_error(g, GDB_E_INVAL, "this packet takes no arguments");
	return false;
}

void gdb_cmd_current_thread(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (!no_args(g, pkt, 2))
		return;
	gdb_reply_begin(g);
	gdb_puts(g, "QC");
	gdb_put_hex_num(g, (uint64_t)gdb_current_thread(g));
	gdb_reply_end(g);
}

/* As many ids as fit in one reply after the cursor, "l" at the end. */
static void thread_list(struct ts_gdb *g)
{
	long id = gdb_thread_next(g, g->list_cursor);
	bool first = true;

	gdb_reply_begin(g);
	if (id <= 0) {
		gdb_put(g, 'l');
		gdb_reply_end(g);
		return;
	}
	gdb_put(g, 'm');
	/* 17 characters: a comma and 16 hex digits. */
	while (id > 0 && gdb_reply_room(g) > 17) {
		if (!first)
			gdb_put(g, ',');
		gdb_put_hex_num(g, (uint64_t)id);
		first = false;
		g->list_cursor = id;
		id = gdb_thread_next(g, id);
	}
	if (id <= 0)
		g->list_cursor = -1;	/* the next qs says 'l' */
	gdb_reply_end(g);
}

void gdb_cmd_thread_first(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (!no_args(g, pkt, 12))
		return;
	g->list_cursor = 0;
	thread_list(g);
}

void gdb_cmd_thread_more(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (!no_args(g, pkt, 12))
		return;
	if (g->list_cursor < 0) {
		gdb_reply(g, "l");
		return;
	}
	thread_list(g);
}

/* "qThreadExtraInfo,<tid>": "name (state)", as hex. */
void gdb_cmd_thread_extra(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 16;
	char text[96];
	long id;

	(void)len;
	if (*p++ != ',' || !gdb_parse_thread(&p, &id) || *p) {
		gdb_reply_error(g, GDB_E_INVAL, "qThreadExtraInfo: expected ,tid");
		return;
	}
	if (!gdb_thread_alive(g, id)) {
		gdb_reply_error(g, GDB_E_INVAL, "no such thread");
		return;
	}
	if (!g->t->thread_describe ||
	    g->t->thread_describe(g->t->ctx, id, text, sizeof(text)) < 0)
		strcpy(text, "main");
	text[sizeof(text) - 1] = '\0';
	gdb_reply_begin(g);
	gdb_put_hex_bytes(g, text, strlen(text));
	gdb_reply_end(g);
}
