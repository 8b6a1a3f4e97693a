/* libFuzzer target for the kernel command line: the platform's copy
 * (plat/common/cmdline.c), the splitting into words (lib/boot/cmdline.c)
 * and the "lib.name=value" parameters (lib/boot/param.c).
 *
 * The input, up to its first NUL, is the line a loader hands over.
 * Checked beyond the sanitizers:
 *   - a line of 4096 bytes or more is refused whole, a shorter one kept
 *     exactly;
 *   - the words are those of a second, independent reading of the
 *     quoting rules below (a differential check), or both refuse the
 *     line for the same reason (a quote left open, more words than
 *     lib/boot has room for);
 *   - a parameter that is refused changes nothing, one that is taken
 *     holds the value its text says, and every message is one
 *     terminated line that fits its buffer. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ts/boot.h>
#include <ts/plat/boot.h>
#include "fuzz_common.h"
#include "tsh.h"

/* lib/boot's room (lib/boot/main.c). */
#define MAX_WORDS	256

static bool b;
static long i;
static unsigned long u;
static const char *s;
static const struct ts_param params[] = {
	{ "t.b", "", &b, TS_PARAM_BOOL },
	{ "t.i", "", &i, TS_PARAM_INT },
	{ "t.u", "", &u, TS_PARAM_UINT },
	{ "t.s", "", &s, TS_PARAM_STR },
};


static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The rules of <ts/boot.h>, read one character at a time into a
 * separate buffer: the words, NUL after each, in out; their count, or
 * -1 for an unterminated quote or more than max words. */
static int model_split(const char *in, char *out, int max)
{
	int n = 0, inword = 0;
	char quote = 0;

	for (; *in; in++) {
		char c = *in;

		if (!quote && blank(c)) {
			if (inword)
				*out++ = '\0';
			inword = 0;
			continue;
		}
		if (!inword) {
			if (n++ == max)
				return -1;
			inword = 1;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && in[1])
				*out++ = *++in;
			else
				*out++ = c;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '\\' && in[1]) {
			*out++ = *++in;
		} else {
			*out++ = c;
		}
	}
	if (quote)
		return -1;
	if (inword)
		*out = '\0';
	return n;
}

static void check_param(char *word)
{
	char err[160], copy[TS_CMDLINE_MAX];
	bool b0;
	long i0;
	unsigned long u0;
	const char *s0, *eq;
	int rc;

	b = i = u = 0;
	s = NULL;
	b0 = b, i0 = i, u0 = u, s0 = s;
	memset(err, 'x', sizeof(err));
	strcpy(copy, word);
	rc = tsh_ts_param_apply(params, params + 4, word, err, sizeof(err));
	CHECK(!strcmp(copy, word));	/* the word is not changed */
	if (rc) {
		CHECK(rc == -1);
		CHECK(memchr(err, '\0', sizeof(err)));
		CHECK(!strchr(err, '\n'));
		CHECK(b == b0 && i == i0 && u == u0 && s == s0);
		return;
	}
	eq = strchr(word, '=');
	if (!strncmp(word, "t.s=", 4)) {
		CHECK(s == eq + 1);
	} else if (!strncmp(word, "t.i=", 4)) {
		long back;
		char text[32];

		snprintf(text, sizeof(text), "%ld", i);
		CHECK(!tsh_ts_param_parse_int(text, &back) && back == i);
	} else if (!strncmp(word, "t.u=", 4)) {
		unsigned long back;
		char text[32];

		snprintf(text, sizeof(text), "%#lx", u);
		CHECK(!tsh_ts_param_parse_uint(text, &back) && back == u);
	} else {
		CHECK(!strncmp(word, "t.b", 3));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[1 << 15], buf[TS_CMDLINE_MAX], want[TS_CMDLINE_MAX];
	static char *words[MAX_WORDS + 1];
	const char *kept, *why, *err;
	size_t len;
	int n, m, k;
	char *p;

	if (size >= sizeof(line))
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	len = strlen(line);

	tsh_ts_plat_cmdline_set(line);
	kept = tsh_ts_plat_cmdline(&why);
	if (len >= TS_CMDLINE_MAX) {
		CHECK(!kept && why && *why);
		return 0;
	}
	CHECK(kept && !why && !strcmp(kept, line));

	strcpy(buf, kept);
	n = tsh_ts_cmdline_split(buf, words, MAX_WORDS, &err);
	m = model_split(kept, want, MAX_WORDS);
	CHECK(n == m);
	if (n < 0) {
		CHECK(err && (!strcmp(err, "unterminated \" quote") ||
			      !strcmp(err, "unterminated ' quote") ||
			      !strcmp(err, TS_CMDLINE_TOO_MANY_WORDS)));
		CHECK(!words[0]);
		return 0;
	}
	CHECK(words[n] == NULL);
	for (k = 0, p = want; k < n; k++, p += strlen(p) + 1) {
		CHECK(words[k] >= buf && words[k] < buf + sizeof(buf));
		CHECK(!strcmp(words[k], p));
	}
	/* Words before "--" are parameters, as lib/boot reads them (the
	 * first 128: more only slow the fuzzer down). */
	for (k = 0; k < n && k < 128 && strcmp(words[k], "--"); k++)
		check_param(words[k]);
	return 0;
}
