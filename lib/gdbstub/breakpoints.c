/* Z/z: software breakpoints are kept here (address + the bytes the
 * breakpoint instruction replaced) and written through the target's
 * mem_write, which knows how to write read-only text; hardware
 * breakpoints and watchpoints go to the target's debug registers. */
#include <errno.h>
#include <string.h>
#include "internal.h"

static struct ts_gdb_sw_break *find_sw(struct ts_gdb *g, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < TS_GDB_MAX_SW_BREAK; i++)
		if (g->sw[i].used && g->sw[i].addr == addr)
			return &g->sw[i];
	return NULL;
}

bool ts_gdb_is_sw_break(const struct ts_gdb *g, uint64_t addr)
{
	return find_sw((struct ts_gdb *)g, addr) != NULL;
}

void gdb_hide_breaks(const struct ts_gdb *g, uint64_t addr, uint8_t *buf,
		     size_t len)
{
	size_t blen = g->t->break_len, i, k;

	for (i = 0; i < TS_GDB_MAX_SW_BREAK; i++) {
		const struct ts_gdb_sw_break *b = &g->sw[i];

		if (!b->used)
			continue;
		for (k = 0; k < blen; k++) {
			uint64_t a = b->addr + k;

			if (a >= addr && a - addr < len)
				buf[a - addr] = b->saved[k];
		}
	}
}

static int insert_sw(struct ts_gdb *g, uint64_t addr)
{
	const struct ts_gdb_target *t = g->t;
	struct ts_gdb_sw_break *b;
	unsigned int i;

	if (find_sw(g, addr))	/* GDB may insert twice: still one */
		return 0;
	for (i = 0; i < TS_GDB_MAX_SW_BREAK && g->sw[i].used; i++)
		;
	if (i == TS_GDB_MAX_SW_BREAK)
		return -ENOSPC;
	b = &g->sw[i];
	if (!t->mem_read || !t->mem_write ||
	    t->mem_read(t->ctx, addr, b->saved, t->break_len) !=
		    (long)t->break_len)
		return -EFAULT;
	if (t->mem_write(t->ctx, addr, t->break_insn, t->break_len) < 0)
		return -EFAULT;
	b->addr = addr;
	b->used = true;
	return 0;
}

static int remove_sw(struct ts_gdb *g, struct ts_gdb_sw_break *b)
{
	const struct ts_gdb_target *t = g->t;

	b->used = false;
	return t->mem_write(t->ctx, b->addr, b->saved, t->break_len) < 0 ?
		-EFAULT : 0;
}

void gdb_remove_all_breaks(struct ts_gdb *g)
{
	unsigned int i;

	for (i = 0; i < TS_GDB_MAX_SW_BREAK; i++)
		if (g->sw[i].used)
			remove_sw(g, &g->sw[i]);
	if (g->t->hw_clear)
		g->t->hw_clear(g->t->ctx);
}

/* "Ztype,addr,kind". Conditions and commands after ';' are not
 * advertised (ConditionalBreakpoints, BreakpointCommands): a packet with
 * them is refused rather than half obeyed. */
static void break_packet(struct ts_gdb *g, char *pkt, bool insert)
{
	const struct ts_gdb_target *t = g->t;
	const char *p = pkt + 1;
	uint64_t type, addr, kind;
	struct ts_gdb_sw_break *b;
	int rc;

	if (!gdb_parse_hex(&p, &type) || *p++ != ',' ||
	    !gdb_parse_hex(&p, &addr) || *p++ != ',' ||
	    !gdb_parse_hex(&p, &kind) || *p) {
		gdb_reply_error(g, GDB_E_INVAL, "Z: expected TYPE,ADDR,KIND");
		return;
	}
	if (type > TS_GDB_WP_ACCESS) {
		gdb_reply(g, "");
		return;
	}
	if (type == TS_GDB_BP_SW) {
		if (!t->break_len) {
			gdb_reply(g, "");
			return;
		}
		if (kind != t->break_len) {
			gdb_reply_error(g, GDB_E_INVAL,
					"Z0: unsupported breakpoint kind");
			return;
		}
		if (insert) {
			rc = insert_sw(g, addr);
		} else {
			b = find_sw(g, addr);
			rc = b ? remove_sw(g, b) : 0;
		}
	} else {
		rc = t->hw_break ? t->hw_break(t->ctx, insert,
					       (enum ts_gdb_bp_type)type,
					       addr, kind) : -ENOSYS;
	}
	if (rc == -ENOSYS)
		gdb_reply(g, "");
	else if (rc == -ENOSPC)
		gdb_reply_error(g, GDB_E_NOSPC, "no free breakpoint slot");
	else if (rc == -EINVAL)
		gdb_reply_error(g, GDB_E_INVAL, "unsupported address or length");
	else if (rc < 0)
		gdb_reply_error(g, GDB_E_FAULT, "cannot access memory");
	else
		gdb_reply(g, "OK");
}

void gdb_cmd_insert_bp(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	break_packet(g, pkt, true);
}

void gdb_cmd_remove_bp(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	break_packet(g, pkt, false);
}
