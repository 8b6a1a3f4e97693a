/* Stop replies, resuming (c, s, C, S, vCont), detach and kill. The
 * machine stops as a whole (all-stop): a stop reply names the thread
 * that stopped, and resuming runs every thread again. */
#include <string.h>
#include "internal.h"

/* "NN:VALUE;" for each expedited register of the stopped thread, as
 * gdbserver and KGDB send them; one that cannot be read is left out
 * (GDB then asks for it). */
static void put_expedited(struct ts_gdb *g)
{
	const struct ts_gdb_target *t = g->t;
	uint8_t buf[TS_GDB_REG_MAX];
	unsigned int i, n;

	if (!t->reg_read)
		return;
	for (i = 0; i < t->nexpedite; i++) {
		n = t->expedite[i];
		if (n >= t->nregs || t->reg_size[n] > TS_GDB_REG_MAX ||
		    t->reg_read(t->ctx, gdb_current_thread(g), n, buf) < 0)
			continue;
		gdb_put_hex_byte(g, n);
		gdb_put(g, ':');
		gdb_put_hex_bytes(g, buf, t->reg_size[n]);
		gdb_put(g, ';');
	}
}

void gdb_send_stop_reply(struct ts_gdb *g)
{
	const struct ts_gdb_stop *s = &g->last_stop;
	const char *why = NULL;
	bool with_addr = false;

	gdb_reply_begin(g);
	if (s->kind == TS_GDB_STOP_EXITED || s->kind == TS_GDB_STOP_TERMINATED) {
		gdb_put(g, s->kind == TS_GDB_STOP_EXITED ? 'W' : 'X');
		gdb_put_hex_byte(g, (unsigned int)(s->kind == TS_GDB_STOP_EXITED ?
						   s->status : s->signal) & 0xff);
		gdb_reply_end(g);
		return;
	}
	gdb_put(g, 'T');
	gdb_put_hex_byte(g, (unsigned int)s->signal & 0xff);
	put_expedited(g);
	gdb_puts(g, "thread:");
	gdb_put_hex_num(g, (uint64_t)gdb_current_thread(g));
	gdb_put(g, ';');
	switch (s->kind) {
	/* swbreak/hwbreak only to a GDB that asked for them: to an older
	 * one they are unknown stop reasons. */
	case TS_GDB_STOP_SWBREAK:
		why = g->peer_swbreak ? "swbreak" : NULL;
		break;
	case TS_GDB_STOP_HWBREAK:
		why = g->peer_hwbreak ? "hwbreak" : NULL;
		break;
	/* GDB's names: watch = write, rwatch = read, awatch = access. */
	case TS_GDB_STOP_WATCH:
		why = "watch", with_addr = true;
		break;
	case TS_GDB_STOP_RWATCH:
		why = "rwatch", with_addr = true;
		break;
	case TS_GDB_STOP_AWATCH:
		why = "awatch", with_addr = true;
		break;
	case TS_GDB_STOP_SYSCALL_ENTRY:
		why = "syscall_entry", with_addr = true;
		break;
	case TS_GDB_STOP_SYSCALL_RETURN:
		why = "syscall_return", with_addr = true;
		break;
	default:
		break;
	}
	if (why) {
		gdb_puts(g, why);
		gdb_put(g, ':');
		/* The data address, or the system call's number. */
		if (with_addr)
			gdb_put_hex_num(g, s->kind == TS_GDB_STOP_SYSCALL_ENTRY ||
					s->kind == TS_GDB_STOP_SYSCALL_RETURN ?
					(uint64_t)s->syscall : s->addr);
		gdb_put(g, ';');
	}
	gdb_reply_end(g);
}

void gdb_cmd_stop_query(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (pkt[1]) {
		gdb_reply_error(g, GDB_E_INVAL, "?: takes no arguments");
		return;
	}
	gdb_send_stop_reply(g);
}

static void do_resume(struct ts_gdb *g, enum ts_gdb_resume_kind kind,
		      int sig, long thread)
{
	struct ts_gdb_resume r = { kind, sig, thread };

	if (r.thread <= 0)
		r.thread = gdb_current_thread(g);
	if (g->t->resume && g->t->resume(g->t->ctx, &r) < 0) {
		gdb_reply_error(g, GDB_E_PERM, kind == TS_GDB_RESUME_STEP ?
				"this instruction cannot be stepped here" :
				"cannot resume");
		return;
	}
	g->running = true;
	g->event = TS_GDB_EV_RESUME;
}

/* "c[ADDR]", "CSIG[;ADDR]", and the same with s/S. */
static void resume_packet(struct ts_gdb *g, char *pkt,
			  enum ts_gdb_resume_kind kind)
{
	const struct ts_gdb_target *t = g->t;
	const char *p = pkt + 1;
	uint64_t sig = 0, addr;
	uint8_t buf[TS_GDB_REG_MAX];
	unsigned int i;

	if (pkt[0] == 'C' || pkt[0] == 'S') {
		if (!gdb_parse_hex(&p, &sig) || sig > 0xff ||
		    (*p && *p++ != ';')) {
			gdb_reply_error(g, GDB_E_INVAL, "bad signal");
			return;
		}
		if (!*p && p[-1] == ';') {
			gdb_reply_error(g, GDB_E_INVAL, "missing address");
			return;
		}
	}
	if (*p) {
		unsigned int size = t->pc_regno < t->nregs ?
			t->reg_size[t->pc_regno] : 0;

		if (!gdb_parse_hex(&p, &addr) || *p || !t->reg_write ||
		    !size || size > sizeof(buf) || size > 8) {
			gdb_reply_error(g, GDB_E_INVAL, "bad resume address");
			return;
		}
		for (i = 0; i < size; i++)	/* target is little-endian */
			buf[i] = (uint8_t)(addr >> (8 * i));
		if (t->reg_write(t->ctx, gdb_current_thread(g), t->pc_regno,
				 buf) < 0) {
			gdb_reply_error(g, GDB_E_FAULT, "cannot set pc");
			return;
		}
	}
	do_resume(g, kind, (int)sig, 0);
}

void gdb_cmd_continue(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	resume_packet(g, pkt, TS_GDB_RESUME_CONTINUE);
}

void gdb_cmd_step(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	resume_packet(g, pkt, TS_GDB_RESUME_STEP);
}

void gdb_cmd_vcont_query(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (pkt[6]) {
		gdb_reply_error(g, GDB_E_INVAL, "vCont?: takes no arguments");
		return;
	}
	gdb_reply(g, "vCont;c;C;s;S;t");
}

/* "vCont;ACTION[:TID];ACTION[:TID]...". Each thread takes the leftmost
 * action that names it or names no thread. One CPU runs one thread: the
 * one that stopped, unless an action steps another one explicitly (GDB
 * does that after "thread N" + "step"); the target decides what it can
 * do with that. If every action is 't' (stop), nothing runs. */
void gdb_cmd_vcont(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 5;
	long cur = gdb_current_thread(g), tid;
	bool chosen = false, any = false;
	enum ts_gdb_resume_kind kind = TS_GDB_RESUME_CONTINUE;
	int sig = 0;
	long run = cur;

	(void)len;
	if (*p != ';') {
		gdb_reply_error(g, GDB_E_INVAL, "vCont: expected actions");
		return;
	}
	while (*p == ';') {
		char a = *++p;
		uint64_t s = 0;
		bool stop = a == 't';

		p++;
		if (a == 'C' || a == 'S') {
			if (!gdb_parse_hex(&p, &s) || s > 0xff)
				goto bad;
		} else if (a != 'c' && a != 's' && a != 't') {
			goto bad;
		}
		tid = -1;
		if (*p == ':') {
			p++;
			if (!gdb_parse_thread(&p, &tid))
				goto bad;
			/* An action for a thread that is not there is
			 * GDB's mistake, not an action to skip. */
			if (tid > 0 && !gdb_thread_alive(g, tid)) {
				gdb_reply_error(g, GDB_E_INVAL,
						"vCont: no such thread");
				return;
			}
		}
		if (*p && *p != ';')
			goto bad;
		if (chosen)
			continue;
		if (tid == -1 || tid == 0 || tid == cur ||
		    ((a == 's' || a == 'S') && tid > 0)) {
			chosen = true;
			if (stop)
				continue;
			any = true;
			kind = (a == 's' || a == 'S') ? TS_GDB_RESUME_STEP :
				TS_GDB_RESUME_CONTINUE;
			sig = (int)s;
			run = tid > 0 ? tid : cur;
		}
	}
	if (*p)
		goto bad;
	if (!any) {
		/* Nothing resumed: the threads stop as asked, signal 0. */
		g->last_stop.kind = TS_GDB_STOP_SIGNAL;
		g->last_stop.signal = 0;
		gdb_send_stop_reply(g);
		return;
	}
	if (run != cur && !gdb_thread_alive(g, run)) {
		gdb_reply_error(g, GDB_E_INVAL, "vCont: no such thread");
		return;
	}
	do_resume(g, kind, sig, run);
	return;
bad:
	gdb_reply_error(g, GDB_E_INVAL, "vCont: malformed action");
}

/* ";PID" (the multiprocess forms of D and vKill) or nothing when
 * may_omit: one process, so any pid that parses names it. Whatever else
 * is malformed and must not detach or kill. */
static bool pid_suffix(const char *p, bool may_omit)
{
	uint64_t pid;

	if (!*p)
		return may_omit;
	return *p++ == ';' && gdb_parse_hex(&p, &pid) && pid > 0 && !*p;
}

/* Detach: breakpoints out, the program runs on, the console is plain
 * text again; the next GDB starts in ack mode. */
void gdb_cmd_detach(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (!pid_suffix(pkt + 1, true)) {
		gdb_reply_error(g, GDB_E_INVAL, "D: expected nothing or ;PID");
		return;
	}
	gdb_remove_all_breaks(g);
	gdb_reply(g, "OK");
	do_resume(g, TS_GDB_RESUME_CONTINUE, 0, 0);
	gdb_end_session(g);
	g->event = TS_GDB_EV_DETACH;
}

static void kill_target(struct ts_gdb *g)
{
	gdb_remove_all_breaks(g);
	gdb_end_session(g);
	g->event = TS_GDB_EV_KILL;
	if (g->t->kill)
		g->t->kill(g->t->ctx);
}

void gdb_cmd_kill(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	/* 'k' has no reply; anything after it is not a 'k'. */
	if (pkt[1]) {
		gdb_reply_error(g, GDB_E_INVAL, "k: takes no arguments");
		return;
	}
	kill_target(g);
}

void gdb_cmd_vkill(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (!pid_suffix(pkt + 5, false)) {
		gdb_reply_error(g, GDB_E_INVAL, "vKill: expected ;PID");
		return;
	}
	gdb_reply(g, "OK");
	kill_target(g);
}
