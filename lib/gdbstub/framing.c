/* Packet framing: "$data#cs" in both directions, acknowledgements,
 * retransmission, binary escapes, oversize and corrupt packets. */
#include <string.h>
#include "internal.h"

enum { RX_IDLE, RX_DATA, RX_CSUM_HI, RX_CSUM_LO };

/* Characters that must be escaped in what we send: the framing ones,
 * and '*', which GDB would take for run-length encoding. */
static bool needs_escape(char c)
{
	return c == '$' || c == '#' || c == '}' || c == '*';
}

void ts_gdb_init(struct ts_gdb *g, const struct ts_gdb_target *t)
{
	memset(g, 0, sizeof(*g));
	g->t = t;
	g->rx_state = RX_IDLE;
	g->last_stop.kind = TS_GDB_STOP_SIGNAL;
	g->last_stop.signal = TS_GDB_SIGTRAP;
	/* The program runs until something stops it (a boot-time wait
	 * calls ts_gdb_stopped() at once). */
	g->running = true;
}

static void send_raw(struct ts_gdb *g, const char *buf, size_t len)
{
	g->t->write(g->t->ctx, buf, len);
}

/* ---- replies ----------------------------------------------------------- */

/* tx_buf holds '$', the data, then "#cs"; data may use all but the
 * four framing characters (and the NUL kept for debugging). */
#define TX_DATA_MAX (sizeof(((struct ts_gdb *)0)->tx_buf) - 5)

void gdb_reply_begin(struct ts_gdb *g)
{
	g->tx_buf[0] = '$';
	g->tx_len = 1;
	g->tx_full = false;
}

static void put_raw(struct ts_gdb *g, char c)
{
	if (g->tx_len - 1 >= TX_DATA_MAX) {
		g->tx_full = true;
		return;
	}
	g->tx_buf[g->tx_len++] = c;
}

void gdb_put(struct ts_gdb *g, char c)
{
	if (needs_escape(c)) {
		put_raw(g, '}');
		put_raw(g, (char)(c ^ 0x20));
	} else {
		put_raw(g, c);
	}
}

void gdb_puts(struct ts_gdb *g, const char *s)
{
	while (*s)
		gdb_put(g, *s++);
}

void gdb_put_hex_byte(struct ts_gdb *g, unsigned int b)
{
	put_raw(g, "0123456789abcdef"[(b >> 4) & 15]);
	put_raw(g, "0123456789abcdef"[b & 15]);
}

void gdb_put_hex_bytes(struct ts_gdb *g, const void *buf, size_t n)
{
	const uint8_t *p = buf;

	while (n--)
		gdb_put_hex_byte(g, *p++);
}

void gdb_put_hex_num(struct ts_gdb *g, uint64_t v)
{
	char buf[24];

	gdb_puts(g, gdb_fmt_ulong(buf, (unsigned long)v, 16));
}

size_t gdb_reply_room(const struct ts_gdb *g)
{
	return g->tx_full ? 0 : TX_DATA_MAX - (g->tx_len - 1);
}

/* Run-length encoding (GDB manual, "Overview" of the remote protocol):
 * "X*n" stands for X and then n - 29 more copies of it. Over an emulated
 * UART every character costs tens of microseconds, and register and
 * stack replies are long runs of '0' and 'f'. GDB expands runs in
 * every reply before it looks at escapes, so binary replies (qXfer) are
 * encoded too: their '*' is escaped by gdb_put(), so a '*' on the line
 * is always ours, and an escape pair is two different characters, so a
 * run never splits one. The count must be printable and at most '~'
 * (97 copies), and never '#' or '$' (6 or 7 copies): those runs take 5
 * and leave the rest to the next run. Two copies or fewer would gain
 * nothing (3 copies: "X* ", 3 characters for 4). Encodes buf in place
 * (what is written never passes what is read: the result is never
 * longer) and returns its new length; the reply's limits, checked as it
 * was built, hold for the encoded one. */
#define RLE_BIAS 29
#define RLE_MAX ('~' - RLE_BIAS)

static size_t rle_encode(char *buf, size_t len)
{
	size_t in = 0, out = 0, more;

	while (in < len) {
		char c = buf[in++];

		buf[out++] = c;
		for (more = 0; more < RLE_MAX && in + more < len &&
		     buf[in + more] == c; more++)
			;
		if (more < 3)
			continue;	/* written literally, one by one */
		if (more + RLE_BIAS == '#' || more + RLE_BIAS == '$')
			more = '"' - RLE_BIAS;
		buf[out++] = '*';
		buf[out++] = (char)(more + RLE_BIAS);
		in += more;
	}
	return out;
}

void gdb_reply_end(struct ts_gdb *g)
{
	uint8_t sum = 0;
	size_t i;

	if (g->tx_full) {
		/* Rebuilt: an error fits in any buffer. */
		gdb_reply_begin(g);
		if (g->peer_error_message)
			gdb_puts(g, "E.reply too long for the stub");
		else
			gdb_puts(g, "E07");
	}
	/* The checksum covers what is sent, the encoded data. */
	g->tx_len = 1 + rle_encode(g->tx_buf + 1, g->tx_len - 1);
	for (i = 1; i < g->tx_len; i++)
		sum = (uint8_t)(sum + (uint8_t)g->tx_buf[i]);
	g->tx_buf[g->tx_len++] = '#';
	g->tx_buf[g->tx_len++] = "0123456789abcdef"[sum >> 4];
	g->tx_buf[g->tx_len++] = "0123456789abcdef"[sum & 15];
	g->tx_buf[g->tx_len] = '\0';
	send_raw(g, g->tx_buf, g->tx_len);
}

void gdb_reply(struct ts_gdb *g, const char *s)
{
	gdb_reply_begin(g);
	gdb_puts(g, s);
	gdb_reply_end(g);
}

void gdb_reply_error(struct ts_gdb *g, unsigned int code, const char *text)
{
	gdb_reply_begin(g);
	if (g->peer_error_message) {
		gdb_puts(g, "E.");
		gdb_puts(g, text);
	} else {
		gdb_put(g, 'E');
		gdb_put_hex_byte(g, code);
	}
	gdb_reply_end(g);
}

/* ---- receiver -------------------------------------------------------- */

static void rx_data(struct ts_gdb *g, uint8_t c)
{
	g->rx_sum = (uint8_t)(g->rx_sum + c);
	/* The limit is on what GDB sent (PacketSize); what is stored after
	 * unescaping is never longer. */
	if (++g->rx_raw > TS_GDB_PACKET_SIZE)
		g->rx_overflow = true;
	if (g->rx_overflow)
		return;
	if (g->rx_escape) {
		g->rx_buf[g->rx_len++] = (char)(c ^ 0x20);
		g->rx_escape = false;
	} else if (c == '}') {
		g->rx_escape = true;
	} else {
		g->rx_buf[g->rx_len++] = (char)c;
	}
}

/* FNV-1a: enough to tell one packet from the previous one. */
static uint32_t packet_hash(const char *buf, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (uint8_t)*buf++) * 16777619u;
	return h;
}

/* GDB sends a packet again when it reads a '-' (or times out) before
 * its '+': the stub's '-' before GDB ever spoke (image/target.c) can
 * cross GDB's first packet, and a stub that was slow to acknowledge
 * sees a timeout's copy. GDB then reads one reply, which the stub sent
 * for the first copy: answering the second too would put every later
 * reply one packet behind. GDB acknowledges each reply before it sends its next
 * request, so the same packet with no '+' in between is the copy: it is
 * acknowledged (GDB waits for that) and otherwise ignored. A request
 * GDB really repeats (two reads of one address) comes after its '+'. */
static bool resent_by_peer(struct ts_gdb *g)
{
	/* rx_raw: what came over the line, which tells an oversize packet
	 * from its stored (cut) part. */
	uint32_t h = packet_hash(g->rx_buf, g->rx_len);
	bool copy = !g->no_ack && g->rx_last_unacked &&
		    g->rx_last_len == g->rx_raw && g->rx_last_hash == h;

	g->rx_last_len = g->rx_raw;
	g->rx_last_hash = h;
	g->rx_last_unacked = true;
	return copy;
}

void gdb_end_session(struct ts_gdb *g)
{
	g->attached = false;
	g->no_ack = false;
	g->heard = false;
	g->rx_last_unacked = false;
	/* The next GDB sets its own catchpoints. */
	g->catch_syscalls = TS_GDB_CATCH_NONE;
}

static enum ts_gdb_event rx_complete(struct ts_gdb *g)
{
	g->rx_state = RX_IDLE;
	if (g->rx_csum_bad || g->rx_csum != g->rx_sum) {
		/* Corrupt: ask again. In no-ack mode nobody would resend, and
		 * acting on corrupt data is worse than dropping it. */
		g->bad_checksums++;
		if (!g->no_ack)
			send_raw(g, "-", 1);
		return TS_GDB_EV_NONE;
	}
	if (!g->no_ack)
		send_raw(g, "+", 1);
	if (resent_by_peer(g)) {
		g->resent_by_peer++;
		return TS_GDB_EV_NONE;
	}
	g->attached = true;
	g->event = TS_GDB_EV_NONE;
	if (g->rx_overflow || g->rx_escape) {
		if (g->rx_overflow)
			g->oversize++;
		gdb_reply_error(g, GDB_E_TOOBIG, g->rx_overflow ?
				"packet longer than PacketSize" :
				"packet ends inside an escape");
		return TS_GDB_EV_NONE;
	}
	g->rx_buf[g->rx_len] = '\0';
	gdb_handle_packet(g, g->rx_buf, g->rx_len);
	return g->event;
}

enum ts_gdb_event ts_gdb_feed(struct ts_gdb *g, uint8_t c)
{
	int v;

	g->heard = true;
	switch (g->rx_state) {
	case RX_IDLE:
		if (c == '$') {
			g->rx_state = RX_DATA;
			g->rx_len = g->rx_raw = 0;
			g->rx_sum = 0;
			g->rx_escape = g->rx_overflow = false;
			/* A GDB connecting to a running program: stop it, then
			 * the packet goes on in ts_gdb_stopped(). */
			if (g->running && !g->attached)
				return TS_GDB_EV_INTERRUPT;
		} else if (c == '-' && !g->no_ack && g->tx_len) {
			g->retransmits++;
			send_raw(g, g->tx_buf, g->tx_len);
		} else if (c == 0x03 && g->running) {
			return TS_GDB_EV_INTERRUPT;
		} else if (c == '+') {
			/* GDB read our last reply: what it sends next is new. */
			g->rx_last_unacked = false;
		}
		/* Noise between packets needs nothing. */
		return TS_GDB_EV_NONE;
	case RX_DATA:
		if (c == '#')
			g->rx_state = RX_CSUM_HI;
		else if (c == '$')	/* a lost '#': start over */
			g->rx_len = g->rx_raw = 0, g->rx_sum = 0,
			g->rx_escape = g->rx_overflow = false;
		else
			rx_data(g, c);
		return TS_GDB_EV_NONE;
	case RX_CSUM_HI:
		v = gdb_hexval(c);
		g->rx_csum_bad = v < 0;
		g->rx_csum = (uint8_t)(v < 0 ? 0 : v << 4);
		g->rx_state = RX_CSUM_LO;
		return TS_GDB_EV_NONE;
	case RX_CSUM_LO:
		v = gdb_hexval(c);
		if (v < 0)
			g->rx_csum_bad = true;
		else
			g->rx_csum = (uint8_t)(g->rx_csum | v);
		return rx_complete(g);
	default:
		g->rx_state = RX_IDLE;
		return TS_GDB_EV_NONE;
	}
}

bool ts_gdb_between_packets(const struct ts_gdb *g)
{
	return g->rx_state == RX_IDLE;
}
