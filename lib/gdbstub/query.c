/* General queries: qSupported, QStartNoAckMode, qXfer:features:read
 * (the target description) and qAttached. */
#include <string.h>
#include "internal.h"

/* GDB's features end in '+' (supported) or '-', or are name=value. */
static bool peer_has(const char *list, const char *feature)
{
	size_t n = strlen(feature);
	const char *p = list;

	while (p && *p) {
		if (strncmp(p, feature, n) == 0 && p[n] == '+' &&
		    (p[n + 1] == ';' || p[n + 1] == '\0'))
			return true;
		p = strchr(p, ';');
		if (p)
			p++;
	}
	return false;
}

void gdb_cmd_supported(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *features = pkt[10] == ':' ? pkt + 11 : "";

	(void)len;
	if (pkt[10] && pkt[10] != ':') {
		gdb_reply_error(g, GDB_E_INVAL, "qSupported: expected :FEATURES");
		return;
	}
	g->peer_swbreak = peer_has(features, "swbreak");
	g->peer_hwbreak = peer_has(features, "hwbreak");
	g->peer_error_message = peer_has(features, "error-message");
	gdb_reply_begin(g);
	gdb_puts(g, "PacketSize=");
	gdb_put_hex_num(g, TS_GDB_PACKET_SIZE);
	gdb_puts(g, ";QStartNoAckMode+;vContSupported+");
	if (g->t->target_xml)
		gdb_puts(g, ";qXfer:features:read+");
	if (g->t->syscalls)
		gdb_puts(g, ";QCatchSyscalls+");
	if (g->peer_swbreak)
		gdb_puts(g, ";swbreak+");
	if (g->peer_hwbreak)
		gdb_puts(g, ";hwbreak+");
	if (g->peer_error_message)
		gdb_puts(g, ";error-message+");
	gdb_reply_end(g);
}

void gdb_cmd_no_ack(struct ts_gdb *g, char *pkt, size_t len)
{
	(void)len;
	if (pkt[15]) {
		gdb_reply_error(g, GDB_E_INVAL,
				"QStartNoAckMode: takes no arguments");
		return;
	}
	/* This reply is still acknowledged; from the next packet on, none. */
	gdb_reply(g, "OK");
	g->no_ack = true;
}

void gdb_cmd_attached(struct ts_gdb *g, char *pkt, size_t len)
{
	const char *p = pkt + 9;
	uint64_t pid;

	(void)len;
	/* "qAttached" or, multiprocess, "qAttached:PID". */
	if (*p && (*p++ != ':' || !gdb_parse_hex(&p, &pid) || *p)) {
		gdb_reply_error(g, GDB_E_INVAL, "qAttached: expected :PID");
		return;
	}
	/* The program was running before GDB came: quitting GDB detaches
	 * instead of killing it. */
	gdb_reply(g, "1");
}

/* "qXfer:features:read:ANNEX:OFFSET,LENGTH" -> "m" + data (more follows)
 * or "l" + data (the end), data binary with escapes. */
void gdb_cmd_xfer(struct ts_gdb *g, char *pkt, size_t len)
{
	static const char prefix[] = "qXfer:features:read:";
	const char *xml = g->t->target_xml, *p;
	uint64_t off, n;
	size_t total, i;

	(void)len;
	if (strncmp(pkt, prefix, sizeof(prefix) - 1) != 0 || !xml) {
		gdb_reply(g, "");
		return;
	}
	p = pkt + sizeof(prefix) - 1;
	if (strncmp(p, "target.xml:", 11) != 0) {
		gdb_reply_error(g, 0, "unknown annex");
		return;
	}
	p += 11;
	if (!gdb_parse_hex(&p, &off) || *p++ != ',' ||
	    !gdb_parse_hex(&p, &n) || *p || n == 0) {
		gdb_reply_error(g, 0, "qXfer: expected OFFSET,LENGTH");
		return;
	}
	total = strlen(xml);
	if (off > total)
		off = total;
	/* Every character may need an escape: half the reply is safe. */
	if (n > (TS_GDB_REPLY_SIZE - 8) / 2)
		n = (TS_GDB_REPLY_SIZE - 8) / 2;
	if (n > total - off)
		n = total - off;
	gdb_reply_begin(g);
	gdb_put(g, off + n < total ? 'm' : 'l');
	for (i = 0; i < n; i++)
		gdb_put(g, xml[off + i]);
	gdb_reply_end(g);
}
