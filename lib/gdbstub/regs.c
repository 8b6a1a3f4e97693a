/* Registers: g/G (the whole file), p/P (one, by GDB number). The
 * target reads and writes them in target byte order; the stub only
 * turns bytes into hex and back. */
#include <errno.h>
#include "internal.h"

/* The thread Hg selected, or the stopped one for "any" and "all". */
static long reg_thread(const struct ts_gdb *g)
{
	return g->g_thread > 0 ? g->g_thread : gdb_current_thread(g);
}

/* Append register n in hex, "xx" per byte when unavailable. */
static bool put_reg(struct ts_gdb *g, unsigned int n)
{
	const struct ts_gdb_target *t = g->t;
	uint8_t buf[TS_GDB_REG_MAX];
	unsigned int size = t->reg_size[n], i;
	int rc;

	if (size > TS_GDB_REG_MAX)
		return false;
	rc = t->reg_read(t->ctx, reg_thread(g), n, buf);
	if (rc == -ENODATA) {
		for (i = 0; i < size; i++)
			gdb_puts(g, "xx");
		return true;
	}
	if (rc < 0)
		return false;
	gdb_put_hex_bytes(g, buf, size);
	return true;
}

void gdb_cmd_read_regs(struct ts_gdb *g, char *pkt, size_t len)
{
	unsigned int n;

	(void)len;
	if (!g->t->reg_read) {
		gdb_reply(g, "");
		return;
	}
	if (pkt[1]) {
		gdb_reply_error(g, GDB_E_INVAL, "g: takes no arguments");
		return;
	}
	gdb_reply_begin(g);
	for (n = 0; n < g->t->nregs_g; n++) {
		if (!put_reg(g, n)) {
			gdb_reply_error(g, GDB_E_FAULT, "cannot read registers");
			return;
		}
	}
	gdb_reply_end(g);
}

void gdb_cmd_write_regs(struct ts_gdb *g, char *pkt, size_t len)
{
	const struct ts_gdb_target *t = g->t;
	size_t want = 0, off = 1;
	unsigned int n;

	if (!t->reg_write) {
		gdb_reply(g, "");
		return;
	}
	for (n = 0; n < t->nregs_g; n++)
		want += 2u * t->reg_size[n];
	if (len - 1 != want) {
		gdb_reply_error(g, GDB_E_INVAL, "G: wrong register file size");
		return;
	}
	/* Check all the hex first, so that a bad packet changes nothing. */
	if (!gdb_hex_decode(pkt + 1, want, (uint8_t *)pkt + 1)) {
		gdb_reply_error(g, GDB_E_INVAL, "G: bad hex");
		return;
	}
	for (n = 0; n < t->nregs_g; n++) {
		if (t->reg_write(t->ctx, reg_thread(g), n,
				 (uint8_t *)pkt + off) < 0) {
			gdb_reply_error(g, GDB_E_FAULT, "cannot write register");
			return;
		}
		off += t->reg_size[n];
	}
	gdb_reply(g, "OK");
}

/* "pN" / "PN=": the register number, checked against the target. */
static bool parse_regno(struct ts_gdb *g, const char **p, unsigned int *n)
{
	uint64_t v;

	if (!gdb_parse_hex(p, &v) || v >= g->t->nregs) {
		gdb_reply_error(g, GDB_E_INVAL, "no such register");
		return false;
	}
	*n = (unsigned int)v;
	return true;
}

void gdb_cmd_read_reg(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 1;
	unsigned int n;

	(void)len;
	if (!g->t->reg_read) {
		gdb_reply(g, "");
		return;
	}
	if (!parse_regno(g, &p, &n))
		return;
	if (*p) {
		gdb_reply_error(g, GDB_E_INVAL, "p: junk after the number");
		return;
	}
	gdb_reply_begin(g);
	if (!put_reg(g, n)) {
		gdb_reply_error(g, GDB_E_FAULT, "cannot read register");
		return;
	}
	gdb_reply_end(g);
}

void gdb_cmd_write_reg(struct ts_gdb *g, char *pkt, size_t len)
{
	const struct ts_gdb_target *t = g->t;
	const char *p = pkt + 1;
	unsigned int n;
	size_t hexlen;

	if (!t->reg_write) {
		gdb_reply(g, "");
		return;
	}
	if (!parse_regno(g, &p, &n))
		return;
	hexlen = len - (size_t)(p - pkt) - 1;
	if (*p != '=' || hexlen != 2u * t->reg_size[n] ||
	    !gdb_hex_decode(p + 1, hexlen, (uint8_t *)pkt)) {
		gdb_reply_error(g, GDB_E_INVAL, "P: bad value");
		return;
	}
	if (t->reg_write(t->ctx, reg_thread(g), n, (uint8_t *)pkt) < 0)
		gdb_reply_error(g, GDB_E_FAULT, "cannot write register");
	else
		gdb_reply(g, "OK");
}
