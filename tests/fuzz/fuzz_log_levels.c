/* libFuzzer target for lib/debug's level specifications
 * ("debug.level=alloc:debug,sched:warn" on the command line):
 * lib/debug/log_levels.c.
 *
 * The input is split at its first NUL: the specification, then the
 * image's space-separated library names (a fixed list when there is no
 * NUL). Checked beyond the sanitizers: every setting and every problem
 * names bytes inside the specification, a setting names a library of
 * the list (or none: all) and a level from off to debug, the problems
 * counted are the problems reported, and each comma-separated item
 * gives exactly one setting or one problem. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ts/debug.h>
#include "fuzz_common.h"
#include "tsh.h"


struct seen {
	const char *spec, *libs;
	size_t spec_len;
	int sets, warns;
};

static int inside(const struct seen *s, const char *p, int len)
{
	return len >= 0 && p >= s->spec &&
	       p + len <= s->spec + s->spec_len;
}

/* Is lib[0..len) one word of the list? */
static int listed(const char *libs, const char *lib, int len)
{
	const char *p = libs;

	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n && n == (size_t)len && !strncmp(p, lib, n))
			return 1;
		p += n;
	}
	return 0;
}

static void on_set(const char *lib, int len, int level, void *ctx)
{
	struct seen *s = ctx;

	CHECK(level >= TS_LOG_OFF && level <= TS_LOG_DEBUG);
	if (lib) {
		CHECK(inside(s, lib, len) && len > 0);
		CHECK(listed(s->libs, lib, len));
	} else {
		CHECK(len == 0);
	}
	s->sets++;
}

static void on_warn(const char *what, const char *word, int len, void *ctx)
{
	struct seen *s = ctx;

	CHECK(what && *what);
	CHECK(inside(s, word, len));
	s->warns++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2);
	const char *nul;
	struct seen s = { 0 };
	int problems, items = 0;
	const char *p;

	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	s.spec = buf;
	s.spec_len = strlen(buf);
	nul = memchr(buf, '\0', size);
	s.libs = nul ? nul + 1 : "alloc sched boot debug gdbstub";
	problems = tsh_ts_log_parse_levels(s.spec, s.libs, on_set, on_warn,
					   &s);
	CHECK(problems == s.warns);
	for (p = s.spec; *p; p++)
		if (*p != ',' && (p == s.spec || p[-1] == ','))
			items++;
	CHECK(s.sets + s.warns == items);
	free(buf);
	return 0;
}
