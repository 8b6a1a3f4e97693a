/* lib/gdbstub's protocol engine against a fake target (gdb_fake.c):
 * every packet it implements, framing errors, no-ack mode, threads,
 * binary escapes and memory that is not there. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "gdb_fake.h"
#include "tsh.h"

static struct ts_gdb g;

static void setup(void)
{
	fake_reset();
	tsh_ts_gdb_init(&g, &fake_target);
	/* As if stopped at boot, waiting for GDB. */
	g.running = false;
}

static enum ts_gdb_event feed(const char *s, size_t n)
{
	enum ts_gdb_event ev = TS_GDB_EV_NONE, e;
	size_t i;

	for (i = 0; i < n; i++) {
		e = tsh_ts_gdb_feed(&g, (uint8_t)s[i]);
		if (e != TS_GDB_EV_NONE)
			ev = e;
	}
	return ev;
}

/* Frame data (n bytes, already escaped) as GDB does and feed it. */
static enum ts_gdb_event send_n(const char *data, size_t n)
{
	char head = '$', tail[4];
	uint8_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum = (uint8_t)(sum + (uint8_t)data[i]);
	snprintf(tail, sizeof(tail), "#%02x", sum);
	feed(&head, 1);
	feed(data, n);
	return feed(tail, 3);
}

static enum ts_gdb_event send(const char *data)
{
	return send_n(data, strlen(data));
}

/* The data of packet number k in the output as it went over the line
 * (run-length encoded, escapes kept), its checksum checked; NULL if
 * there is no such packet. *len (if not NULL) gets its length. */
static const char *wire_n(int k, size_t *len)
{
	static char buf[1 << 16];
	size_t i = 0, start, n;
	unsigned int sum, want;
	int which = 0;

	for (;;) {
		while (i < fake.out_len && fake.out[i] != '$')
			i++;
		if (i >= fake.out_len)
			return NULL;
		start = ++i;
		while (i < fake.out_len && fake.out[i] != '#')
			i++;
		ck_assert_uint_le(i + 3, fake.out_len);
		if (which++ == k)
			break;
		i += 3;
	}
	n = i - start;
	for (sum = 0, i = start; i < start + n; i++)
		sum = (sum + (uint8_t)fake.out[i]) & 0xff;
	ck_assert_int_eq(sscanf(fake.out + start + n + 1, "%2x", &want), 1);
	ck_assert_uint_eq(sum, want);
	memcpy(buf, fake.out + start, n);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static const char *wire(int k)
{
	return wire_n(k, NULL);
}

/* GDB's side of the run-length encoding, from the manual (not from the
 * stub): "X*n" is X then n - 29 more copies of X, n printable, at most
 * '~', never '#' or '$'. Also checks that the stub encoded every run
 * worth it: never four equal characters one after the other on the
 * line (counts aside). Returns the decoded length. */
static size_t rle_decode(const char *in, size_t n, char *out, size_t max)
{
	size_t i, o = 0, same = 0;
	unsigned int c, copies;

	for (i = 0; i < n; i++) {
		if (in[i] != '*') {
			same = same && out[o - 1] == in[i] ? same + 1 : 1;
			/* Per character, so not ck_assert: each passing one
			 * writes its line to Check's pipe (half a million
			 * writes, 6 s of this program's 8). */
			if (same >= 4)
				ck_abort_msg("run of '%c' not encoded: %.*s",
					     in[i], (int)n, in);
			if (o >= max)
				ck_abort_msg("decoded past %zu bytes: %.*s",
					     max, (int)n, in);
			out[o++] = in[i];
			continue;
		}
		ck_assert_msg(o > 0, "'*' with nothing to repeat: %.*s",
			      (int)n, in);
		ck_assert_msg(i + 1 < n, "'*' without a count: %.*s",
			      (int)n, in);
		c = (uint8_t)in[++i];
		ck_assert_msg(c >= ' ' && c <= '~' && c != '#' && c != '$',
			      "bad count 0x%02x: %.*s", c, (int)n, in);
		copies = c - 29;
		ck_assert_uint_le(o + copies, max);
		memset(out + o, out[o - 1], copies);
		o += copies;
		same = 0;	/* a count ends a run of literals */
	}
	return o;
}

/* The data of packet number k, run-length decoded (escapes kept). */
static const char *packet_n(int k, size_t *len)
{
	static char buf[1 << 17];
	const char *w;
	size_t n, wn;

	w = wire_n(k, &wn);
	if (!w)
		return NULL;
	n = rle_decode(w, wn, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static const char *packet(int k)
{
	return packet_n(k, NULL);
}

/* Send a packet, expect the ack and one reply, and acknowledge the
 * reply as GDB does; return the reply. */
static const char *ask(const char *data)
{
	fake.out_len = 0;
	send(data);
	if (!g.no_ack)
		ck_assert_msg(fake.out_len && fake.out[0] == '+',
			      "no ack for %s", data);
	ck_assert_msg(packet(0) != NULL, "no reply to %s", data);
	ck_assert_msg(packet(1) == NULL, "more than one reply to %.40s", data);
	if (!g.no_ack)
		feed("+", 1);
	return packet(0);
}

static void hex_of(char *out, const char *s)
{
	while (*s)
		out += sprintf(out, "%02x", (uint8_t)*s++);
}

/* The text of every 'O' packet in the output, decoded. */
static const char *console_text(void)
{
	static char text[16384];
	const char *p;
	size_t n = 0;
	unsigned int c;
	int k;

	for (k = 0; (p = packet(k)) != NULL; k++) {
		if (p[0] != 'O' || !p[1])
			continue;
		for (p++; *p && sscanf(p, "%2x", &c) == 1; p += 2)
			text[n++] = (char)c;
	}
	text[n] = '\0';
	return text;
}

/* ---- queries --------------------------------------------------------- */

START_TEST(supported)
{
	const char *r = ask("qSupported:multiprocess+;swbreak+;hwbreak+;"
			    "xmlRegisters=i386;vContSupported+");

	ck_assert_ptr_nonnull(strstr(r, "PacketSize=1000"));
	ck_assert_ptr_nonnull(strstr(r, "QStartNoAckMode+"));
	ck_assert_ptr_nonnull(strstr(r, "qXfer:features:read+"));
	ck_assert_ptr_nonnull(strstr(r, "swbreak+"));
	ck_assert_ptr_nonnull(strstr(r, "hwbreak+"));
	ck_assert_ptr_null(strstr(r, "error-message"));
	ck_assert(g.peer_swbreak && g.peer_hwbreak && !g.peer_error_message);
	/* An older GDB: no swbreak offered back. */
	r = ask("qSupported");
	ck_assert_ptr_null(strstr(r, "swbreak"));
	ck_assert_str_eq(ask("qAttached"), "1");
}
END_TEST

START_TEST(unknown_packets_get_empty_reply)
{
	ck_assert_str_eq(ask("vMustReplyEmpty"), "");
	ck_assert_str_eq(ask("qFooBar:1"), "");
	ck_assert_str_eq(ask("!"), "");
	ck_assert_str_eq(ask("qCRC:1000,4"), "");	/* not qC */
	ck_assert_str_eq(ask("vContX"), "");		/* not vCont */
	ck_assert_str_eq(ask(""), "");
	ck_assert_str_eq(ask("QStartNoAckModeX"), "");
	ck_assert(!g.no_ack);
}
END_TEST

START_TEST(target_xml)
{
	const char *xml = fake_target.target_xml;
	char want[512], *w = want;
	const char *r, *s;

	r = ask("qXfer:features:read:target.xml:0,a");
	ck_assert_str_eq(r, "m<?xml vers");
	/* The whole document, "l" at the end, $ # } * escaped. */
	r = ask("qXfer:features:read:target.xml:0,fff");
	*w++ = 'l';
	for (s = xml; *s; s++) {
		if (strchr("$#}*", *s)) {
			*w++ = '}';
			*w++ = (char)(*s ^ 0x20);
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	ck_assert_str_eq(r, want);
	/* Past the end: empty last chunk. */
	ck_assert_str_eq(ask("qXfer:features:read:target.xml:ffff,10"), "l");
	ck_assert_str_eq(ask("qXfer:features:read:other.xml:0,10"), "E00");
	ck_assert_str_eq(ask("qXfer:features:read:target.xml:0"), "E00");
	ck_assert_str_eq(ask("qXfer:libraries:read::0,10"), "");
}
END_TEST

/* ---- registers --------------------------------------------------------- */

START_TEST(read_registers)
{
	ck_assert_str_eq(ask("g"), "1111111111111111" "2222222222222222"
			 "3333333333333333" "46020000");
	ck_assert_str_eq(ask("p2"), "3333333333333333");
	ck_assert_str_eq(ask("p3"), "46020000");
	/* Not available: x per hex digit. */
	ck_assert_str_eq(ask("p4"), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	ck_assert_str_eq(ask("p5"), "E16");
	ck_assert_str_eq(ask("p"), "E16");
	ck_assert_str_eq(ask("pzz"), "E16");
	ck_assert_str_eq(ask("p2,"), "E16");
	ck_assert_str_eq(ask("p10000000000000002"), "E16");
}
END_TEST

START_TEST(write_registers)
{
	ck_assert_str_eq(ask("G" "0100000000000000" "0200000000000000"
			     "0300000000000000" "04000000"), "OK");
	ck_assert_uint_eq(fake.r[0][0], 1);
	ck_assert_uint_eq(fake.r[0][2], 3);
	ck_assert_uint_eq(fake.flags[0], 4);
	/* Wrong size or bad hex: an error, and nothing changes. */
	ck_assert_str_eq(ask("G0100"), "E16");
	ck_assert_str_eq(ask("G" "0900000000000000" "0200000000000000"
			     "0300000000000000" "0400000g"), "E16");
	ck_assert_uint_eq(fake.r[0][0], 1);
	ck_assert_str_eq(ask("P1=efbeadde00000000"), "OK");
	ck_assert_uint_eq(fake.r[0][1], 0xdeadbeef);
	ck_assert_str_eq(ask("P1=efbe"), "E16");
	ck_assert_str_eq(ask("P1efbeadde00000000"), "E16");
	ck_assert_str_eq(ask("P9=00"), "E16");
	ck_assert_str_eq(ask("P4=" "00000000000000000000000000000000"), "E0e");
}
END_TEST

START_TEST(registers_of_another_thread)
{
	ck_assert_str_eq(ask("Hg2"), "OK");
	ck_assert_str_eq(ask("p0"), "1211111111111111");
	ck_assert_str_eq(ask("P0=0700000000000000"), "OK");
	ck_assert_uint_eq(fake.r[1][0], 7);
	ck_assert_uint_eq(fake.r[0][0], 0x1111111111111111ull);
	ck_assert_str_eq(ask("Hg0"), "OK");	/* any: the stopped one */
	ck_assert_str_eq(ask("p0"), "1111111111111111");
	ck_assert_str_eq(ask("Hgp1.3"), "OK");	/* multiprocess form */
	ck_assert_str_eq(ask("p0"), "1311111111111111");
	ck_assert_str_eq(ask("Hg9"), "E16");
	ck_assert_str_eq(ask("Hc-1"), "OK");
	ck_assert_str_eq(ask("Hx1"), "E16");
	ck_assert_str_eq(ask("Hg"), "E16");
}
END_TEST

/* ---- memory ------------------------------------------------------------ */

START_TEST(read_memory)
{
	char big[600];

	ck_assert_str_eq(ask("m1000,4"), "90919293");
	ck_assert_str_eq(ask("M8000,0:"), "OK");
	ck_assert_str_eq(ask("m8010,3"), "101112");
	/* Unmapped, and the hole between the regions. */
	ck_assert_str_eq(ask("m0,8"), "E0e");
	ck_assert_str_eq(ask("m5000,4"), "E0e");
	ck_assert_str_eq(ask("mffffffffffffffff,10"), "E0e");
	/* Running into the hole: the readable part. */
	ck_assert_str_eq(ask("m10fe,4"), "9697");
	/* A huge length is cut to what a reply holds. */
	ck_assert_str_eq(ask("m8000,ffffffff"), ask("m8000,100"));
	snprintf(big, sizeof(big), "%s", ask("m8000,100"));
	ck_assert_uint_eq(strlen(big), 512);
	/* Malformed. */
	ck_assert_str_eq(ask("m1000"), "E16");
	ck_assert_str_eq(ask("m,4"), "E16");
	ck_assert_str_eq(ask("m1000,"), "E16");
	ck_assert_str_eq(ask("m1000,4x"), "E16");
	ck_assert_str_eq(ask("m10000000000000000,4"), "E16");
}
END_TEST

START_TEST(write_memory)
{
	ck_assert_str_eq(ask("M8000,2:abcd"), "OK");
	ck_assert_uint_eq(fake.data[0], 0xab);
	ck_assert_uint_eq(fake.data[1], 0xcd);
	ck_assert_str_eq(ask("M8000,3:abcd"), "E16");
	ck_assert_str_eq(ask("M8000,1:abcd"), "E16");
	ck_assert_str_eq(ask("M8000,1:zz"), "E16");
	ck_assert_str_eq(ask("M8000,1"), "E16");
	ck_assert_str_eq(ask("M5000,1:00"), "E0e");
	ck_assert_str_eq(ask("M80ff,2:0000"), "E0e");
	ck_assert_uint_eq(fake.data[0xff], 0xff);
}
END_TEST

START_TEST(write_binary_with_escapes)
{
	/* 0x23 '#', 0x24 '$', 0x7d '}', 0x2a '*' arrive escaped; 0 as is. */
	static const char pkt[] = "X8010,6:}\x03}\x04}\x5d}\x0a\0A";
	static const uint8_t want[] = { 0x23, 0x24, 0x7d, 0x2a, 0, 'A' };

	fake.out_len = 0;
	send_n(pkt, sizeof(pkt) - 1);
	ck_assert_str_eq(packet(0), "OK");
	ck_assert_mem_eq(fake.data + 0x10, want, sizeof(want));
	ck_assert_str_eq(ask("X8000,0:"), "OK");	/* GDB's probe */
	ck_assert_str_eq(ask("X8000,2:a"), "E16");
	ck_assert_str_eq(ask("X8000,1:ab"), "E16");
	ck_assert_str_eq(ask("X5000,1:a"), "E0e");
	ck_assert_str_eq(ask("X8000"), "E16");
	/* A packet that ends inside an escape is refused whole. */
	fake.out_len = 0;
	send_n("X8000,1:}", 9);
	ck_assert_str_eq(packet(0), "E07");
}
END_TEST

/* ---- run-length encoding of replies ------------------------------------ */

/* A run of L '0' digits in an m reply, between '1's: the exact form on
 * the line ("X*n": X and n - 29 more), from the manual's examples. */
START_TEST(rle_runs_in_replies)
{
	static const struct { size_t run; const char *form; } cases[] = {
		{ 1, "0" }, { 2, "00" }, { 3, "000" }, { 4, "0* " },
		{ 5, "0*!" }, { 6, "0*\"" },
		/* 6 and 7 more would be '#' and '$': 5, and the rest */
		{ 7, "0*\"0" }, { 8, "0*\"00" }, { 9, "0*%" },
		{ 97, "0*}" }, { 98, "0*~" }, { 99, "0*~0" },
		{ 200, "0*~0*~0* " },
	};
	char req[32], want_wire[64], want[512], *w;
	size_t k, i, nbytes, wn;
	const char *r;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t run = cases[k].run, z = run / 2;

		memset(fake.data, 0x11, sizeof(fake.data));
		/* odd: "10" then zero bytes */
		i = 1;
		if (run % 2)
			fake.data[i++] = 0x10;
		memset(fake.data + i, 0, z);
		nbytes = i + z + 1;
		snprintf(req, sizeof(req), "m8000,%zx", nbytes);
		r = ask(req);
		for (w = want, i = 0; i < nbytes; i++)
			w += sprintf(w, "%02x", fake.data[i]);
		ck_assert_str_eq(r, want);
		snprintf(want_wire, sizeof(want_wire), "11%s%s11",
			 run % 2 ? "1" : "", cases[k].form);
		ck_assert_str_eq(wire_n(0, &wn), want_wire);
		if (run >= 4)
			ck_assert_uint_lt(wn, strlen(want));
	}
	/* Registers: r0 of thread 1 is 0, flags all ones. */
	fake.r[0][0] = 0;
	fake.flags[0] = 0xffffffff;
	ck_assert_str_eq(ask("g"), "0000000000000000" "2222222222222222"
			 "3333333333333333" "ffffffff");
	ck_assert_str_eq(wire(0), "0*,2*,3*,f*\"ff");
	/* Unavailable: 32 'x'. */
	ck_assert_str_eq(ask("p4"), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	ck_assert_str_eq(wire(0), "x*<");
	/* Acknowledgements are never encoded, and a '-' resends the
	 * encoded packet as it was. */
	fake.out_len = 0;
	send("p4");
	ck_assert_uint_eq(fake.out[0], '+');
	ck_assert_mem_eq(fake.out + 1, "$x*<#", 5);
	fake.out_len = 0;
	feed("-", 1);
	ck_assert_str_eq(wire(0), "x*<");
	ck_assert_uint_eq(fake.out_len, 7);
}
END_TEST

/* Random memory with long runs: what GDB decodes is exactly the reply
 * (packet() checks every count and that every run is encoded). */
START_TEST(rle_random_memory_replies)
{
	static const uint8_t alphabet[] = { 0x00, 0xff, 0x0f, 0xf0, 0x11,
					    0x10, 0x01, 0xee };
	char req[32], want[600], *w;
	size_t i, j, off, len, run, wn, dn;
	unsigned int seed = 12345;
	uint8_t b;
	const char *r;
	int iter;

	for (iter = 0; iter < 400; iter++) {
		for (i = 0; i < sizeof(fake.data); i += run) {
			b = rand_r(&seed) % 4 ? alphabet[rand_r(&seed) % 8] :
			    (uint8_t)rand_r(&seed);
			run = 1 + (size_t)rand_r(&seed) % (iter % 3 ? 8 : 120);
			for (j = i; j < i + run && j < sizeof(fake.data); j++)
				fake.data[j] = b;
		}
		off = (size_t)rand_r(&seed) % sizeof(fake.data);
		len = 1 + (size_t)rand_r(&seed) % (sizeof(fake.data) - off);
		snprintf(req, sizeof(req), "m%zx,%zx", FAKE_DATA + off, len);
		for (w = want, i = 0; i < len; i++)
			w += sprintf(w, "%02x", fake.data[off + i]);
		r = ask(req);
		ck_assert_str_eq(r, want);
		packet_n(0, &dn);
		wire_n(0, &wn);
		ck_assert_uint_le(wn, dn);
	}
}
END_TEST

/* Binary replies (qXfer) are encoded too: GDB expands runs before it
 * undoes escapes. Escapes undone after decoding give back the document
 * exactly, runs of '#', '$', '*' and '}' included. */
static void unescape_check(const char *in, size_t n, char *out, size_t *on)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		ck_assert_msg(in[i] != '$' && in[i] != '#' && in[i] != '*',
			      "unescaped 0x%02x in a binary reply", in[i]);
		if (in[i] == '}') {
			ck_assert_uint_lt(i + 1, n);
			out[o++] = (char)(in[++i] ^ 0x20);
		} else {
			out[o++] = in[i];
		}
	}
	*on = o;
}

static void xfer_whole(const char *xml)
{
	static char got[8192], data[4096];
	struct ts_gdb_target t = fake_target;
	size_t got_len = 0, n, dn;
	char req[64];
	const char *r;

	t.target_xml = xml;
	tsh_ts_gdb_init(&g, &t);
	g.running = false;
	for (;;) {
		snprintf(req, sizeof(req),
			 "qXfer:features:read:target.xml:%zx,fff", got_len);
		r = ask(req);
		packet_n(0, &n);
		ck_assert(r[0] == 'm' || r[0] == 'l');
		unescape_check(r + 1, n - 1, data, &dn);
		ck_assert_uint_le(got_len + dn, sizeof(got));
		memcpy(got + got_len, data, dn);
		got_len += dn;
		if (r[0] == 'l')
			break;
		ck_assert_uint_gt(dn, 0);
	}
	ck_assert_uint_eq(got_len, strlen(xml));
	ck_assert_mem_eq(got, xml, got_len);
	tsh_ts_gdb_init(&g, &fake_target);
	g.running = false;
}

START_TEST(rle_binary_replies)
{
	static const char specials[] = "#$*}]a \n~\x7f\xff\x0a";
	static const size_t runs[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 97, 98,
				       99, 200 };
	static char xml[4096];
	unsigned int seed = 777;
	size_t i, j, k, n, run;
	int iter;

	/* Each special character in runs of every edge length. */
	for (k = 0; k < sizeof(specials) - 1; k++) {
		for (j = 0; j < sizeof(runs) / sizeof(runs[0]); j++) {
			n = 0;
			xml[n++] = '<';
			for (i = 0; i < runs[j]; i++)
				xml[n++] = specials[k];
			xml[n++] = '>';
			xml[n] = '\0';
			xfer_whole(xml);
		}
	}
	/* Random documents of runs of those characters. */
	for (iter = 0; iter < 60; iter++) {
		size_t len = 1 + (size_t)rand_r(&seed) % 2000;

		for (n = 0; n < len; n += run) {
			char c = specials[rand_r(&seed) % (sizeof(specials) - 1)];

			run = 1 + (size_t)rand_r(&seed) % (iter % 2 ? 10 : 250);
			for (i = n; i < n + run && i < len; i++)
				xml[i] = c;
		}
		xml[len] = '\0';
		xfer_whole(xml);
	}
}
END_TEST

/* ---- breakpoints ---------------------------------------------------------- */

START_TEST(software_breakpoints)
{
	ck_assert_str_eq(ask("Z0,1010,1"), "OK");
	ck_assert_uint_eq(fake.text[0x10], 0xcc);
	ck_assert(tsh_ts_gdb_is_sw_break(&g, 0x1010));
	ck_assert(!tsh_ts_gdb_is_sw_break(&g, 0x1011));
	/* GDB sees the original instruction, not ours. */
	ck_assert_str_eq(ask("m100f,3"), "979091");
	/* Twice is still one; removing restores. */
	ck_assert_str_eq(ask("Z0,1010,1"), "OK");
	ck_assert_str_eq(ask("z0,1010,1"), "OK");
	ck_assert_uint_eq(fake.text[0x10], 0x90);
	ck_assert(!tsh_ts_gdb_is_sw_break(&g, 0x1010));
	ck_assert_str_eq(ask("z0,1010,1"), "OK");
	/* Wrong kind, unmapped, malformed. */
	ck_assert_str_eq(ask("Z0,1010,4"), "E16");
	ck_assert_str_eq(ask("Z0,5000,1"), "E0e");
	ck_assert_str_eq(ask("Z0,zz,1"), "E16");
	ck_assert_str_eq(ask("Z0,1010"), "E16");
	/* Conditions were not offered: refused, not half obeyed. */
	ck_assert_str_eq(ask("Z0,1010,1;X1,0"), "E16");
	ck_assert_str_eq(ask("Z9,1010,1"), "");
}
END_TEST

START_TEST(software_breakpoint_table_full)
{
	char pkt[32];
	int i;

	for (i = 0; i < TS_GDB_MAX_SW_BREAK; i++) {
		snprintf(pkt, sizeof(pkt), "Z0,%x,1", FAKE_DATA + i);
		ck_assert_str_eq(ask(pkt), "OK");
	}
	ck_assert_str_eq(ask("Z0,80ff,1"), "E1c");
	ck_assert_uint_eq(fake.data[0xff], 0xff);
}
END_TEST

START_TEST(hardware_breakpoints_and_watchpoints)
{
	ck_assert_str_eq(ask("Z1,1020,1"), "OK");
	ck_assert(fake.hw[0].used && fake.hw[0].type == 1);
	ck_assert_str_eq(ask("Z2,8000,4"), "OK");
	ck_assert(fake.hw[1].type == 2 && fake.hw[1].addr == 0x8000 &&
		  fake.hw[1].kind == 4);
	ck_assert_str_eq(ask("Z3,8008,8"), "E1c");	/* no slot left */
	ck_assert_str_eq(ask("z2,8000,4"), "OK");
	ck_assert(!fake.hw[1].used);
	ck_assert_str_eq(ask("Z4,8008,8"), "OK");
	ck_assert_str_eq(ask("z4,8008,8"), "OK");
	ck_assert_str_eq(ask("Z3,8008,3"), "E16");	/* odd length */
	ck_assert_str_eq(ask("Z1,1020"), "E16");
}
END_TEST

static const char *monitor(const char *cmd);

START_TEST(reboot_without_a_reset_kills)
{
	struct ts_gdb_target t = fake_target;

	t.reboot = NULL;
	tsh_ts_gdb_init(&g, &t);
	monitor("reboot");
	ck_assert_int_eq(fake.kills, 1);
	ck_assert_int_eq(fake.reboots, 0);
}
END_TEST

START_TEST(no_hardware_support_is_empty_reply)
{
	struct ts_gdb_target t = fake_target;

	t.hw_break = NULL;
	t.break_len = 0;
	tsh_ts_gdb_init(&g, &t);
	ck_assert_str_eq(ask("Z1,1020,1"), "");
	ck_assert_str_eq(ask("Z2,8000,4"), "");
	ck_assert_str_eq(ask("Z0,1020,1"), "");
}
END_TEST

/* ---- stops and resuming -------------------------------------------------- */

/* Stop for why as the arch's trap hook would, with GDB waiting. */
static const char *stop(struct ts_gdb_stop why)
{
	g.running = true;
	g.attached = true;
	fake.out_len = 0;
	fake.in = "";
	fake.in_len = fake.in_pos = 0;
	tsh_ts_gdb_stopped(&g, &why);
	return packet(0);
}

START_TEST(stop_replies)
{
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SIGNAL,
				 .signal = TS_GDB_SIGINT, .thread = 2 };

	ask("qSupported:swbreak+;hwbreak+");
	ck_assert_str_eq(stop(s), "T02thread:2;");
	s.kind = TS_GDB_STOP_SWBREAK, s.signal = TS_GDB_SIGTRAP;
	ck_assert_str_eq(stop(s), "T05thread:2;swbreak:;");
	s.kind = TS_GDB_STOP_HWBREAK, s.thread = 1;
	ck_assert_str_eq(stop(s), "T05thread:1;hwbreak:;");
	/* watch = write, rwatch = read, awatch = access. */
	s.kind = TS_GDB_STOP_WATCH, s.addr = 0x8000;
	ck_assert_str_eq(stop(s), "T05thread:1;watch:8000;");
	s.kind = TS_GDB_STOP_RWATCH, s.addr = 0x8008;
	ck_assert_str_eq(stop(s), "T05thread:1;rwatch:8008;");
	s.kind = TS_GDB_STOP_AWATCH, s.addr = 0xffff800000001000ull;
	ck_assert_str_eq(stop(s), "T05thread:1;awatch:ffff800000001000;");
	s.kind = TS_GDB_STOP_SIGNAL, s.signal = TS_GDB_SIGSEGV, s.thread = 0;
	ck_assert_str_eq(stop(s), "T0bthread:1;");
	/* '?' repeats the last one (after EOF the stub detached: attach
	 * again by speaking). */
	ck_assert_str_eq(ask("?"), "T0bthread:1;");
	s.kind = TS_GDB_STOP_EXITED, s.status = 3;
	ck_assert_str_eq(stop(s), "W03");
	/* The end of the session: what follows is plain console text. */
	ck_assert(!ts_gdb_attached(&g));
	ck_assert(!tsh_ts_gdb_console_write(&g, "x", 1));
	s.kind = TS_GDB_STOP_TERMINATED, s.signal = TS_GDB_SIGABRT;
	ck_assert_str_eq(stop(s), "X06");
	ck_assert(!ts_gdb_attached(&g));
}
END_TEST

/* catch syscall: QCatchSyscalls offered, the set kept, the stops. */
START_TEST(catch_syscalls)
{
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SYSCALL_ENTRY,
				 .signal = TS_GDB_SIGTRAP, .thread = 2,
				 .syscall = 0x40 };

	ck_assert_ptr_nonnull(strstr(ask("qSupported:swbreak+"),
				     ";QCatchSyscalls+"));
	ck_assert(!ts_gdb_catching_syscalls(&g));
	ck_assert_str_eq(ask("QCatchSyscalls:1;1;40;3ff"), "OK");
	ck_assert(ts_gdb_catching_syscalls(&g));
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 1));
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 0x40));
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 0x3ff));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, 0));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, 2));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, -1));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, TS_GDB_SYSCALL_MAX));
	/* A new list replaces the old one. */
	ck_assert_str_eq(ask("QCatchSyscalls:1;2"), "OK");
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, 1));
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 2));
	/* Every call. */
	ck_assert_str_eq(ask("QCatchSyscalls:1"), "OK");
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 0));
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 12345));
	ck_assert_str_eq(stop(s), "T05thread:2;syscall_entry:40;");
	s.kind = TS_GDB_STOP_SYSCALL_RETURN;
	ck_assert_str_eq(stop(s), "T05thread:2;syscall_return:40;");
	ck_assert_str_eq(ask("?"), "T05thread:2;syscall_return:40;");
	/* None. */
	ck_assert_str_eq(ask("QCatchSyscalls:0"), "OK");
	ck_assert(!ts_gdb_catching_syscalls(&g));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, 0x40));
	/* A detach ends them: the next GDB sets its own. */
	ck_assert_str_eq(ask("QCatchSyscalls:1;40"), "OK");
	ck_assert_int_eq(send("D"), TS_GDB_EV_DETACH);
	ck_assert(!ts_gdb_catching_syscalls(&g));
}
END_TEST

START_TEST(catch_syscalls_malformed)
{
	static const char *const bad[] = {
		"QCatchSyscalls", "QCatchSyscalls:", "QCatchSyscalls:2",
		"QCatchSyscalls:01", "QCatchSyscalls:0;1", "QCatchSyscalls:1;",
		"QCatchSyscalls:1;;2", "QCatchSyscalls:1;2;", "QCatchSyscalls:1;x",
		"QCatchSyscalls:1;2x", "QCatchSyscalls:1;-1", "QCatchSyscalls:1,2",
		"QCatchSyscalls:1;400", "QCatchSyscalls:1;11111111111111111",
		"QCatchSyscalls:1;40;ffffffffffffffff", "QCatchSyscalls:10",
	};
	size_t i;

	ck_assert_str_eq(ask("QCatchSyscalls:1;40"), "OK");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strcmp(ask(bad[i]), "E16") == 0,
			      "%s: got %s, not E16", bad[i], packet(0));
	/* Nothing changed. */
	ck_assert(tsh_ts_gdb_catches_syscall(&g, 0x40));
	ck_assert(!tsh_ts_gdb_catches_syscall(&g, 2));
	ck_assert_int_eq(g.catch_syscalls, TS_GDB_CATCH_SOME);
}
END_TEST

/* A target without system calls offers nothing and takes nothing. */
START_TEST(catch_syscalls_not_offered)
{
	struct ts_gdb_target t = fake_target;

	t.syscalls = false;
	tsh_ts_gdb_init(&g, &t);
	g.running = false;
	ck_assert_ptr_null(strstr(ask("qSupported"), "QCatchSyscalls"));
	ck_assert_str_eq(ask("QCatchSyscalls:1"), "");
	ck_assert(!ts_gdb_catching_syscalls(&g));
}
END_TEST

START_TEST(stop_reasons_unknown_to_an_old_gdb)
{
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SWBREAK,
				 .signal = TS_GDB_SIGTRAP, .thread = 1 };

	ask("qSupported");
	ck_assert_str_eq(stop(s), "T05thread:1;");
}
END_TEST

START_TEST(first_stop_waits_for_question)
{
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SIGNAL,
				 .signal = TS_GDB_SIGTRAP };
	static const char in[] = "+$qSupported#37$?#3f$c#63";
	enum ts_gdb_event ev;

	tsh_ts_gdb_init(&g, &fake_target);	/* running, never attached */
	fake.in = in;
	fake.in_len = sizeof(in) - 1;
	ev = tsh_ts_gdb_stopped(&g, &s);
	ck_assert_int_eq(ev, TS_GDB_EV_RESUME);
	/* No unasked stop reply: qSupported's reply comes first. */
	ck_assert_ptr_nonnull(strstr(packet(0), "PacketSize"));
	ck_assert_str_eq(packet(1), "T05thread:1;");
	ck_assert_ptr_null(packet(2));
	ck_assert_int_eq(fake.resumes, 1);
	/* The next stop is reported unasked: GDB waits for it. */
	s.thread = 3;
	fake.out_len = 0;
	fake.in_len = fake.in_pos = 0;
	tsh_ts_gdb_stopped(&g, &s);
	ck_assert_str_eq(packet(0), "T05thread:3;");
}
END_TEST

START_TEST(continue_and_step)
{
	fake.out_len = 0;
	ck_assert_int_eq(send("c"), TS_GDB_EV_RESUME);
	ck_assert_str_eq(fake.out, "+");	/* no reply until it stops */
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_CONTINUE);
	ck_assert_int_eq(fake.last_resume.thread, 1);
	ck_assert_int_eq(fake.last_resume.signal, 0);
	g.running = false;
	ck_assert_int_eq(send("s"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_STEP);
	g.running = false;
	ck_assert_int_eq(send("c1020"), TS_GDB_EV_RESUME);
	ck_assert_uint_eq(fake.r[0][FAKE_PC], 0x1020);
	g.running = false;
	ck_assert_int_eq(send("C0b"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.signal, 11);
	g.running = false;
	ck_assert_int_eq(send("S05;1030"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_STEP);
	ck_assert_int_eq(fake.last_resume.signal, 5);
	ck_assert_uint_eq(fake.r[0][FAKE_PC], 0x1030);
	g.running = false;
	ck_assert_int_eq(fake.resumes, 5);
	ck_assert_str_eq(ask("Cxx"), "E16");
	ck_assert_str_eq(ask("C100"), "E16");
	ck_assert_str_eq(ask("C05;"), "E16");
	ck_assert_str_eq(ask("c12x"), "E16");
	ck_assert_int_eq(fake.resumes, 5);
}
END_TEST

/* A step the target cannot take (arm64 under Xen: an ERET, where steps
 * are emulated with brk) is an error reply, and the program stays
 * stopped: a stop reply or a run would leave GDB waiting. Continuing
 * still works. */
START_TEST(step_refused_stays_stopped)
{
	fake.step_error = -38;	/* -ENOSYS */
	ck_assert_str_eq(ask("s"), "E01");
	ck_assert(!g.running);
	ck_assert_str_eq(ask("vCont;s:1;c"), "E01");
	ck_assert(!g.running);
	ck_assert_str_eq(ask("?"), "T05thread:1;");
	ck_assert_int_eq(send("c"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_CONTINUE);
	fake.step_error = 0;
}
END_TEST

START_TEST(vcont)
{
	ck_assert_str_eq(ask("vCont?"), "vCont;c;C;s;S;t");
	ck_assert_int_eq(send("vCont;c"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_CONTINUE);
	g.running = false;
	/* Step thread 2, continue the others. */
	ck_assert_int_eq(send("vCont;s:2;c"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_STEP);
	ck_assert_int_eq(fake.last_resume.thread, 2);
	g.running = false;
	ck_assert_int_eq(send("vCont;S0b:1;c"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_STEP);
	ck_assert_int_eq(fake.last_resume.signal, 11);
	ck_assert_int_eq(fake.last_resume.thread, 1);
	g.running = false;
	/* A continue for another thread does not apply to the stopped
	 * one: the leftmost matching action is the plain c. */
	ck_assert_int_eq(send("vCont;C1f:p1.2;c:-1"), TS_GDB_EV_RESUME);
	ck_assert_int_eq(fake.last_resume.kind, TS_GDB_RESUME_CONTINUE);
	ck_assert_int_eq(fake.last_resume.signal, 0);
	ck_assert_int_eq(fake.last_resume.thread, 1);
	g.running = false;
	ck_assert_int_eq(fake.resumes, 4);
	/* Stop everything: reported at once with signal 0. */
	ck_assert_str_eq(ask("vCont;t"), "T00thread:1;");
	ck_assert_str_eq(ask("vCont;s:9"), "E16");
	ck_assert_str_eq(ask("vCont;x"), "E16");
	ck_assert_str_eq(ask("vCont;c:"), "E16");
	ck_assert_str_eq(ask("vCont;Cz"), "E16");
	ck_assert_str_eq(ask("vCont"), "E16");
	ck_assert_str_eq(ask("vCont;c;"), "E16");
	ck_assert_int_eq(fake.resumes, 4);
}
END_TEST

START_TEST(ctrl_c)
{
	const char brk = 0x03;

	ck_assert_int_eq(feed(&brk, 1), TS_GDB_EV_NONE);	/* stopped */
	send("c");
	ck_assert_int_eq(feed(&brk, 1), TS_GDB_EV_INTERRUPT);
}
END_TEST

START_TEST(connect_to_a_running_program)
{
	tsh_ts_gdb_init(&g, &fake_target);
	ck_assert_int_eq(feed("+", 1), TS_GDB_EV_NONE);
	ck_assert_int_eq(feed("$", 1), TS_GDB_EV_INTERRUPT);
	/* The packet goes on after the stop. */
	fake.out_len = 0;
	feed("?#3f", 4);
	ck_assert_str_eq(packet(0), "T05thread:1;");
}
END_TEST

START_TEST(detach)
{
	ask("QStartNoAckMode");
	ck_assert_str_eq(ask("Z0,1010,1"), "OK");
	ck_assert_str_eq(ask("Z2,8000,4"), "OK");
	fake.out_len = 0;
	ck_assert_int_eq(send("D"), TS_GDB_EV_DETACH);
	ck_assert_str_eq(packet(0), "OK");
	ck_assert_uint_eq(fake.text[0x10], 0x90);
	ck_assert_int_eq(fake.hw_clears, 1);
	ck_assert(!fake.hw[0].used);
	ck_assert_int_eq(fake.resumes, 1);
	ck_assert(!g.attached && !g.no_ack);
	/* Console output is the caller's again. */
	ck_assert(!tsh_ts_gdb_console_write(&g, "x", 1));
}
END_TEST

START_TEST(kill)
{
	fake.out_len = 0;
	ck_assert_int_eq(send("k"), TS_GDB_EV_KILL);
	ck_assert_str_eq(fake.out, "+");
	ck_assert_int_eq(fake.kills, 1);
	ck_assert_int_eq(send("vKill;1"), TS_GDB_EV_KILL);
	ck_assert_int_eq(fake.kills, 2);
}
END_TEST

/* ---- threads --------------------------------------------------------------- */

START_TEST(threads)
{
	char hex[64];

	ck_assert_str_eq(ask("qfThreadInfo"), "m1,2,3");
	ck_assert_str_eq(ask("qsThreadInfo"), "l");
	ck_assert_str_eq(ask("qsThreadInfo"), "l");
	fake.alive[1] = false;
	ck_assert_str_eq(ask("qfThreadInfo"), "m1,3");
	ck_assert_str_eq(ask("T2"), "E16");
	ck_assert_str_eq(ask("T3"), "OK");
	ck_assert_str_eq(ask("Tp1.3"), "OK");
	ck_assert_str_eq(ask("T0"), "E16");
	ck_assert_str_eq(ask("Tx"), "E16");
	ck_assert_str_eq(ask("qC"), "QC1");
	hex_of(hex, "idle (ready)");
	ck_assert_str_eq(ask("qThreadExtraInfo,3"), hex);
	ck_assert_str_eq(ask("qThreadExtraInfo,2"), "E16");
	ck_assert_str_eq(ask("qThreadExtraInfo,"), "E16");
	ck_assert_str_eq(ask("qThreadExtraInfo"), "E16");
	g.last_stop.thread = 3;
	ck_assert_str_eq(ask("qC"), "QC3");
}
END_TEST

START_TEST(single_thread_target)
{
	struct ts_gdb_target t = fake_target;
	char hex[32];

	t.thread_next = NULL;
	t.thread_describe = NULL;
	tsh_ts_gdb_init(&g, &t);
	ck_assert_str_eq(ask("qfThreadInfo"), "m1");
	ck_assert_str_eq(ask("qsThreadInfo"), "l");
	ck_assert_str_eq(ask("qC"), "QC1");
	hex_of(hex, "main");
	ck_assert_str_eq(ask("qThreadExtraInfo,1"), hex);
}
END_TEST

/* ---- monitor ----------------------------------------------------------------- */

static const char *monitor(const char *cmd)
{
	char pkt[256] = "qRcmd,";

	hex_of(pkt + 6, cmd);
	fake.out_len = 0;
	send(pkt);
	return console_text();
}

START_TEST(monitor_commands)
{
	const char *out = monitor("help");

	ck_assert_ptr_nonnull(strstr(out, "threads - "));
	ck_assert_ptr_nonnull(strstr(out, "trace - "));
	ck_assert_ptr_nonnull(strstr(out, "heap - "));
	ck_assert_ptr_nonnull(strstr(out, "reboot - "));
	ck_assert_ptr_nonnull(strstr(out, "echo - print the arguments"));
	out = monitor("threads");
	ck_assert_str_eq(out, "* 1 main (running)\n  2 worker (blocked)\n"
			 "  3 idle (ready)\n");
	out = monitor("trace");
	ck_assert_str_eq(out, "trace: not available in this image\n");
	out = monitor("  heap  ");
	ck_assert_str_eq(out, "heap: not available in this image\n");
	/* lib/vfs registers fds in an image; the engine alone names it. */
	out = monitor("fds");
	ck_assert_str_eq(out, "fds: not available in this image\n");
	out = monitor("echo a b");
	ck_assert_str_eq(out, "a b\n");
	out = monitor("frobnicate");
	ck_assert_ptr_nonnull(strstr(out, "unknown monitor command"));
	out = monitor("reboot");
	ck_assert_int_eq(fake.reboots, 1);
	ck_assert_int_eq(fake.kills, 0);
	ck_assert_str_eq(ask("qRcmd,zz"), "E16");
	ck_assert_str_eq(ask("qRcmd,686"), "E16");
	ck_assert_str_eq(ask("qRcmd,6800"), "E16");
}
END_TEST

START_TEST(monitor_reply_ends_with_ok)
{
	int k;
	const char *p, *last = NULL;

	monitor("threads");
	for (k = 0; (p = packet(k)) != NULL; k++)
		last = p;
	ck_assert_ptr_nonnull(last);
	ck_assert_str_eq(last, "OK");
}
END_TEST

/* ---- framing ----------------------------------------------------------------- */

START_TEST(bad_checksum_then_retransmission)
{
	fake.out_len = 0;
	feed("$g#00", 5);
	ck_assert_str_eq(fake.out, "-");
	ck_assert_uint_eq(g.bad_checksums, 1);
	/* Not hex in the checksum. */
	fake.out_len = 0;
	feed("$g#6z", 5);
	ck_assert_uint_eq(fake.out_len, 1);
	ck_assert_int_eq(fake.out[0], '-');
	feed("$g#z7", 5);
	ck_assert_uint_eq(g.bad_checksums, 3);
	/* GDB sends it again, correctly. */
	ck_assert_str_eq(ask("p2"), "3333333333333333");
}
END_TEST

START_TEST(nack_makes_us_resend)
{
	const char *r = ask("p0");
	char first[64];

	snprintf(first, sizeof(first), "%s", r);
	fake.out_len = 0;
	feed("-", 1);
	ck_assert_str_eq(packet(0), first);
	ck_assert_uint_eq(g.retransmits, 1);
	fake.out_len = 0;
	feed("+", 1);
	ck_assert_uint_eq(fake.out_len, 0);
}
END_TEST

START_TEST(noise_and_restarts)
{
	fake.out_len = 0;
	/* Junk between packets, and a '$' that restarts a broken one. */
	feed("xyz\r\n", 5);
	feed("$m10", 4);
	send("p3");
	ck_assert_str_eq(packet(0), "46020000");
}
END_TEST

START_TEST(oversize_packet)
{
	static char big[TS_GDB_PACKET_SIZE + 100];

	memset(big, 'a', sizeof(big) - 1);
	big[0] = 'M';
	fake.out_len = 0;
	send(big);
	ck_assert_int_eq(fake.out[0], '+');
	ck_assert_str_eq(packet(0), "E07");
	ck_assert_uint_eq(g.oversize, 1);
	/* Exactly PacketSize is fine. */
	big[TS_GDB_PACKET_SIZE] = '\0';
	ck_assert_str_eq(ask(big), "E16");
	/* With GDB's error-message feature, the error says what. */
	ask("qSupported:error-message+");
	big[TS_GDB_PACKET_SIZE] = 'a';
	ck_assert_str_eq(ask(big), "E.packet longer than PacketSize");
	ck_assert_str_eq(ask("m5000,4"), "E.cannot access memory");
	/* And the stub still works. */
	ck_assert_str_eq(ask("p3"), "46020000");
}
END_TEST

START_TEST(no_ack_mode)
{
	fake.out_len = 0;
	send("QStartNoAckMode");
	ck_assert_int_eq(fake.out[0], '+');	/* this one still acked */
	ck_assert_str_eq(packet(0), "OK");
	ck_assert(g.no_ack);
	fake.out_len = 0;
	send("p3");
	ck_assert_int_eq(fake.out[0], '$');
	ck_assert_str_eq(packet(0), "46020000");
	/* A corrupt packet is dropped silently; '-' resends nothing. */
	fake.out_len = 0;
	feed("$p3#00", 6);
	feed("-", 1);
	ck_assert_uint_eq(fake.out_len, 0);
}
END_TEST

/* ---- console ---------------------------------------------------------------- */

START_TEST(console_output)
{
	tsh_ts_gdb_init(&g, &fake_target);
	ck_assert(!tsh_ts_gdb_console_write(&g, "hi", 2));	/* no GDB */
	g.running = false;
	ask("qSupported");
	/* Stopped: swallowed, the conversation stays clean. */
	fake.out_len = 0;
	ck_assert(tsh_ts_gdb_console_write(&g, "hi", 2));
	ck_assert_uint_eq(fake.out_len, 0);
	send("c");
	fake.out_len = 0;
	ck_assert(tsh_ts_gdb_console_write(&g, "hi\n$#", 5));
	ck_assert_str_eq(packet(0), "O68690a2423");
}
END_TEST

START_TEST(console_output_split_in_packets)
{
	static char text[5000];

	memset(text, 'z', sizeof(text));
	tsh_ts_gdb_init(&g, &fake_target);
	ask("?");
	fake.out_len = 0;
	tsh_ts_gdb_console_write(&g, text, sizeof(text));
	ck_assert_ptr_nonnull(packet(2));
	ck_assert_uint_eq(strlen(console_text()), sizeof(text));
}
END_TEST

/* ---- first contact: GDB resending its packet --------------------------- */

/* The stub's nudge ('-', sent while nobody has spoken) crossed GDB's
 * first packet: GDB sends it again before it reads the ack and the
 * reply, and reads exactly one reply. A second one would be read as the
 * answer to GDB's next packet. */
START_TEST(resent_first_packet_gets_one_reply)
{
	int k;

	fake.out_len = 0;
	feed("+", 1);
	ck_assert(ts_gdb_heard_from_peer(&g));
	send("qSupported:swbreak+");
	send("qSupported:swbreak+");	/* GDB read our '-' */
	ck_assert_ptr_nonnull(strstr(packet(0), "PacketSize"));
	ck_assert_ptr_null(packet(1));
	/* Both copies acknowledged: GDB waits for the second ack. */
	for (k = 0; fake.out[k] == '+'; k++)
		;
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(fake.out[fake.out_len - 1], '+');
	ck_assert_uint_eq(g.resent_by_peer, 1);
	feed("+", 1);			/* GDB acks the reply */
	/* The conversation is in step. */
	ck_assert_str_eq(ask("vMustReplyEmpty"), "");
	ck_assert_str_eq(ask("QStartNoAckMode"), "OK");
}
END_TEST

/* The same with the stub stopped at boot (gdb.wait): its reply to '?'
 * is the stop, not a second qSupported reply. */
START_TEST(resent_first_packet_in_the_boot_wait)
{
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SIGNAL,
				 .signal = TS_GDB_SIGTRAP };
	static const char in[] = "+$qSupported#37$qSupported#37+$?#3f+$c#63";

	tsh_ts_gdb_init(&g, &fake_target);
	fake.in = in;
	fake.in_len = sizeof(in) - 1;
	ck_assert_int_eq(tsh_ts_gdb_stopped(&g, &s), TS_GDB_EV_RESUME);
	ck_assert_ptr_nonnull(strstr(packet(0), "PacketSize"));
	ck_assert_str_eq(packet(1), "T05thread:1;");
	ck_assert_ptr_null(packet(2));
}
END_TEST

/* A request GDB makes again after it read the reply (it acked it) is a
 * new request and is answered; so is every packet in no-ack mode. */
START_TEST(repeated_request_is_answered)
{
	ck_assert_str_eq(ask("m8000,2"), "0001");
	ck_assert_str_eq(ask("m8000,2"), "0001");
	ck_assert_str_eq(ask("qfThreadInfo"), "m1,2,3");
	ck_assert_str_eq(ask("qfThreadInfo"), "m1,2,3");
	ask("QStartNoAckMode");
	fake.out_len = 0;
	send("p3");
	send("p3");
	ck_assert_str_eq(packet(0), "46020000");
	ck_assert_str_eq(packet(1), "46020000");
	/* A corrupt copy does not count as the packet. */
	tsh_ts_gdb_init(&g, &fake_target);
	g.running = false;
	fake.out_len = 0;
	feed("$p3#00", 6);
	send("p3");
	ck_assert_str_eq(packet(0), "46020000");
	ck_assert_uint_eq(g.resent_by_peer, 0);
}
END_TEST

START_TEST(heard_from_peer_until_detach)
{
	ck_assert(!ts_gdb_heard_from_peer(&g));
	feed("+", 1);
	ck_assert(ts_gdb_heard_from_peer(&g));
	ask("qSupported");
	ck_assert_int_eq(send("D"), TS_GDB_EV_DETACH);
	ck_assert(!ts_gdb_heard_from_peer(&g));
}
END_TEST

/* ---- malformed packets: an error reply, and nothing done ---------------- */

START_TEST(malformed_packets_get_an_error)
{
	static const char *const bad[] = {
		/* kill and detach: the pid must be there and be a number */
		"vKill", "vKill;", "vKill;xyz", "vKill;1x", "vKill;0",
		"vKill;11111111111111111", "vKill:1", "kx", "k;1",
		"Dx", "D;", "D;zz", "D;1;2",
		/* packets without arguments */
		"?x", "g0", "qC:1", "qfThreadInfo:1", "qsThreadInfo,1",
		"vCont?;c", "QStartNoAckMode:1", "qSupported;swbreak+",
		"qAttached:", "qAttached:zz",
		/* threads that are not there, for a resume that would
		 * otherwise skip them */
		"vCont;c:9", "vCont;t:9", "vCont;s:1;c:9",
		/* conditions and commands were not offered */
		"Z0,1010,1;X2,ab", "Z1,1010,1;cmds:0,X2,ab", "z0,1010,1;",
		/* lengths */
		"m8000,", "m,4", "M8000,2:0", "M8000,1:0000", "X8000,2:a",
		"m11111111111111111,4", "Z0,1010", "Z0,1010,1,",
		/* resume addresses and signals */
		"c1010x", "s;1010", "C05;", "S100", "Hg", "Hc-2", "Hgx",
		"T", "T-2", "p", "P2", "P2=00",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strcmp(ask(bad[i]), "E16") == 0,
			      "%s: got %s, not E16", bad[i], packet(0));
	ck_assert_int_eq(fake.kills, 0);
	ck_assert_int_eq(fake.resumes, 0);
	ck_assert_int_eq(fake.text[0x10], 0x90);	/* no breakpoint */
	ck_assert(g.attached && !g.no_ack && !g.running);
	/* The well-formed ones still work. */
	ck_assert_str_eq(ask("qAttached:a410"), "1");
	ck_assert_str_eq(ask("qXfer:features:read:target.xml:0,0"), "E00");
	ck_assert_str_eq(ask("qXfer:features:read:target.xml:0,1"), "m<");
	ck_assert_int_eq(send("vKill;a410"), TS_GDB_EV_KILL);
	ck_assert_int_eq(fake.kills, 1);
}
END_TEST

START_TEST(malformed_detach_keeps_the_session)
{
	ask("Z0,1010,1");
	ck_assert_str_eq(ask("D;p1"), "E16");
	ck_assert_int_eq(fake.text[0x10], 0xcc);	/* still inserted */
	fake.out_len = 0;
	ck_assert_int_eq(send("D;a410"), TS_GDB_EV_DETACH);
	ck_assert_str_eq(packet(0), "OK");
	ck_assert_int_eq(fake.text[0x10], 0x90);
}
END_TEST

/* Monitor commands that take no arguments refuse them (reboot with an
 * argument must not reboot). */
START_TEST(monitor_arguments_are_checked)
{
	const char *out;
	int k;

	out = monitor("reboot now");
	ck_assert_ptr_nonnull(strstr(out, "reboot: takes no arguments"));
	ck_assert_int_eq(fake.reboots, 0);
	for (k = 0; packet(k + 1); k++)
		;
	ck_assert_str_eq(packet(k), "E16");
	out = monitor("threads 2");
	ck_assert_ptr_nonnull(strstr(out, "threads: takes no arguments"));
	out = monitor("help me");
	ck_assert_ptr_nonnull(strstr(out, "help: takes no arguments"));
}
END_TEST

/* ---- expedited registers in stop replies ---------------------------------- */

START_TEST(stop_reply_carries_expedited_registers)
{
	static const uint8_t exp[] = { 1, FAKE_PC };
	struct ts_gdb_target t = fake_target;
	struct ts_gdb_stop s = { .kind = TS_GDB_STOP_SWBREAK,
				 .signal = TS_GDB_SIGTRAP, .thread = 2 };

	t.expedite = exp;
	t.nexpedite = sizeof(exp);
	tsh_ts_gdb_init(&g, &t);
	g.running = false;
	ask("qSupported:swbreak+");
	/* The stopped thread's registers, not Hg's (thread 3 here). */
	ck_assert_str_eq(ask("Hg3"), "OK");
	ck_assert_str_eq(stop(s),
			 "T05" "01:2322222222222222;" "02:3433333333333333;"
			 "thread:2;swbreak:;");
	ck_assert_str_eq(ask("?"),
			 "T05" "01:2322222222222222;" "02:3433333333333333;"
			 "thread:2;swbreak:;");
	/* A register that cannot be read, or is out of range, is left
	 * out: GDB then fetches it. */
	static const uint8_t exp2[] = { 4, 9, FAKE_PC };
	t.expedite = exp2;
	t.nexpedite = sizeof(exp2);
	ck_assert_str_eq(ask("?"),
			 "T05" "02:3433333333333333;" "thread:2;swbreak:;");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("gdbstub");
	TCase *tc = tcase_create("core");
	/* The run-length tests encode thousands of replies: seconds on a
	 * loaded machine, well past Check's default 4 s. */
	tcase_set_timeout(tc, 60);

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, supported);
	tcase_add_test(tc, unknown_packets_get_empty_reply);
	tcase_add_test(tc, target_xml);
	tcase_add_test(tc, read_registers);
	tcase_add_test(tc, write_registers);
	tcase_add_test(tc, registers_of_another_thread);
	tcase_add_test(tc, read_memory);
	tcase_add_test(tc, write_memory);
	tcase_add_test(tc, write_binary_with_escapes);
	tcase_add_test(tc, rle_runs_in_replies);
	tcase_add_test(tc, rle_random_memory_replies);
	tcase_add_test(tc, rle_binary_replies);
	tcase_add_test(tc, software_breakpoints);
	tcase_add_test(tc, software_breakpoint_table_full);
	tcase_add_test(tc, hardware_breakpoints_and_watchpoints);
	tcase_add_test(tc, no_hardware_support_is_empty_reply);
	tcase_add_test(tc, stop_replies);
	tcase_add_test(tc, stop_reasons_unknown_to_an_old_gdb);
	tcase_add_test(tc, first_stop_waits_for_question);
	tcase_add_test(tc, continue_and_step);
	tcase_add_test(tc, step_refused_stays_stopped);
	tcase_add_test(tc, vcont);
	tcase_add_test(tc, ctrl_c);
	tcase_add_test(tc, connect_to_a_running_program);
	tcase_add_test(tc, detach);
	tcase_add_test(tc, kill);
	tcase_add_test(tc, reboot_without_a_reset_kills);
	tcase_add_test(tc, threads);
	tcase_add_test(tc, single_thread_target);
	tcase_add_test(tc, monitor_commands);
	tcase_add_test(tc, monitor_reply_ends_with_ok);
	tcase_add_test(tc, bad_checksum_then_retransmission);
	tcase_add_test(tc, nack_makes_us_resend);
	tcase_add_test(tc, noise_and_restarts);
	tcase_add_test(tc, oversize_packet);
	tcase_add_test(tc, no_ack_mode);
	tcase_add_test(tc, console_output);
	tcase_add_test(tc, console_output_split_in_packets);
	tcase_add_test(tc, resent_first_packet_gets_one_reply);
	tcase_add_test(tc, resent_first_packet_in_the_boot_wait);
	tcase_add_test(tc, repeated_request_is_answered);
	tcase_add_test(tc, heard_from_peer_until_detach);
	tcase_add_test(tc, malformed_packets_get_an_error);
	tcase_add_test(tc, malformed_detach_keeps_the_session);
	tcase_add_test(tc, monitor_arguments_are_checked);
	tcase_add_test(tc, stop_reply_carries_expedited_registers);
	tcase_add_test(tc, catch_syscalls);
	tcase_add_test(tc, catch_syscalls_malformed);
	tcase_add_test(tc, catch_syscalls_not_offered);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return host_run_suite(suite());
}
