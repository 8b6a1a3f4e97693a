/* Shared by the GDB stub's fuzz targets: every write the stub makes is
 * checked, a single '+' or '-', or one whole packet with a correct
 * checksum, no framing character inside, its run-length encoding valid
 * as GDB decodes it ("X*n": X and n - 29 more, n printable, at most '~',
 * never '#' or '$'; no run of four equal characters left unencoded) and
 * no more data, decoded, than the reply buffer holds; and packet bodies
 * framed with a correct checksum. */
#ifndef TESTS_FUZZ_GDB_CHECK_H
#define TESTS_FUZZ_GDB_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gdb_fake.h"

static inline void gdb_check_write(const char *buf, size_t len)
{
	uint8_t sum = 0;
	unsigned int want, same = 0;
	size_t i, decoded = 0;
	char prev = 0;

	if (len == 1 && (buf[0] == '+' || buf[0] == '-'))
		return;
	if (len < 4 || buf[0] != '$' || buf[len - 3] != '#' ||
	    len - 4 > TS_GDB_REPLY_SIZE)
		goto bad;
	for (i = 1; i < len - 3; i++) {
		if (buf[i] == '$' || buf[i] == '#')
			goto bad;
		sum = (uint8_t)(sum + (uint8_t)buf[i]);
	}
	if (sscanf(buf + len - 2, "%2x", &want) != 1 || want != sum)
		goto bad;
	/* Run-length decoding: only lengths are needed. */
	for (i = 1; i < len - 3; i++) {
		unsigned int c;

		if (buf[i] != '*') {
			same = same && buf[i] == prev ? same + 1 : 1;
			if (same >= 4)
				goto bad;
			prev = buf[i];
			decoded++;
			continue;
		}
		if (decoded == 0 || i + 1 >= len - 3)
			goto bad;
		c = (uint8_t)buf[++i];
		if (c < ' ' || c > '~' || c == '#' || c == '$')
			goto bad;
		decoded += c - 29;
		same = 0;
	}
	if (decoded > TS_GDB_REPLY_SIZE)
		goto bad;
	return;
bad:
	fprintf(stderr, "malformed write from the stub (%zu bytes): %.*s\n",
		len, (int)(len > 200 ? 200 : len), buf);
	abort();
}

/* One packet as GDB frames it, then the '+' with which GDB acknowledges
 * the reply: the next packet is a new request even when it is the same
 * (an identical packet before the ack is a resend, answered once). */
static inline void gdb_feed_framed(struct ts_gdb *g, const uint8_t *p,
				   size_t n)
{
	char tail[4];
	uint8_t sum = 0;
	size_t i;

	tsh_ts_gdb_feed(g, '$');
	for (i = 0; i < n; i++) {
		sum = (uint8_t)(sum + p[i]);
		tsh_ts_gdb_feed(g, p[i]);
	}
	snprintf(tail, sizeof(tail), "#%02x", sum);
	for (i = 0; i < 3; i++)
		tsh_ts_gdb_feed(g, (uint8_t)tail[i]);
	tsh_ts_gdb_feed(g, '+');
}

#endif
