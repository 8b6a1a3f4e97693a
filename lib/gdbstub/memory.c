/* Memory: m (read, hex), M (write, hex), X (write, binary). The target
 * makes every access fault-safe; the stub only bounds lengths so that no
 * reply or buffer can overflow. */
#include "internal.h"

/* "ADDR,LEN" then the character that must follow (':' or end). */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len,
			   char end)
{
	if (!gdb_parse_hex(p, addr) || **p != ',')
		return false;
	(*p)++;
	if (!gdb_parse_hex(p, len) || **p != end)
		return false;
	return true;
}

void gdb_cmd_read_mem(struct ts_gdb *g, char *pkt, size_t len)
{
	const struct ts_gdb_target *t = g->t;
	const char *p = pkt + 1;
	uint64_t addr, n;
	long got;
	/* Read into the receive buffer (the packet was parsed already):
	 * a reply of n bytes takes 2n characters. */
	uint8_t *buf = (uint8_t *)g->rx_buf;
	size_t max = (TS_GDB_REPLY_SIZE - 8) / 2;

	(void)len;
	if (!parse_addr_len(&p, &addr, &n, '\0')) {
		gdb_reply_error(g, GDB_E_INVAL, "m: expected ADDR,LENGTH");
		return;
	}
	if (!t->mem_read) {
		gdb_reply_error(g, GDB_E_FAULT, "no memory access");
		return;
	}
	/* A shorter reply is allowed: GDB asks again for the rest. */
	if (n > max)
		n = max;
	if (n == 0) {
		gdb_reply(g, "");
		return;
	}
	if (addr + n - 1 < addr)	/* stop at the top of the address space */
		n = 0 - addr;
	got = t->mem_read(t->ctx, addr, buf, (size_t)n);
	if (got <= 0) {
		gdb_reply_error(g, GDB_E_FAULT, "cannot access memory");
		return;
	}
	if ((uint64_t)got > n)
		got = (long)n;
	gdb_hide_breaks(g, addr, buf, (size_t)got);
	gdb_reply_begin(g);
	gdb_put_hex_bytes(g, buf, (size_t)got);
	gdb_reply_end(g);
}

static void write_mem(struct ts_gdb *g, uint64_t addr, const uint8_t *data,
		      size_t n)
{
	const struct ts_gdb_target *t = g->t;

	if (n == 0) {	/* GDB probes X support with a zero length */
		gdb_reply(g, "OK");
		return;
	}
	if (!t->mem_write || addr + n - 1 < addr) {
		gdb_reply_error(g, GDB_E_FAULT, "cannot write memory");
		return;
	}
	if (t->mem_write(t->ctx, addr, data, n) < 0)
		gdb_reply_error(g, GDB_E_FAULT, "cannot write memory");
	else
		gdb_reply(g, "OK");
}

void gdb_cmd_write_mem(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 1;
	uint64_t addr, n;
	size_t hexlen;

	if (!parse_addr_len(&p, &addr, &n, ':')) {
		gdb_reply_error(g, GDB_E_INVAL, "M: expected ADDR,LENGTH:HEX");
		return;
	}
	p++;
	hexlen = len - (size_t)(p - pkt);
	/* n is bounded by the packet: 2n hex characters must be there. */
	if (n > hexlen / 2 || hexlen != 2 * n ||
	    !gdb_hex_decode(p, hexlen, (uint8_t *)pkt)) {
		gdb_reply_error(g, GDB_E_INVAL, "M: data does not match LENGTH");
		return;
	}
	write_mem(g, addr, (const uint8_t *)pkt, (size_t)n);
}

void gdb_cmd_write_bin(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 1;
	uint64_t addr, n;
	size_t datalen;

	if (!parse_addr_len(&p, &addr, &n, ':')) {
		gdb_reply_error(g, GDB_E_INVAL, "X: expected ADDR,LENGTH:DATA");
		return;
	}
	p++;
	/* The framing already undid the escapes. */
	datalen = len - (size_t)(p - pkt);
	if (n != datalen) {
		gdb_reply_error(g, GDB_E_INVAL, "X: data does not match LENGTH");
		return;
	}
	write_mem(g, addr, (const uint8_t *)p, datalen);
}
