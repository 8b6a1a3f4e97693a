/* The test filter, GoogleTest's syntax: "include[-exclude]", each part
 * a ':'-separated list of globs ('*', '?') over a test's full name; an
 * empty include part means every test. Plain C with <string.h> only:
 * lib/test's runner uses it, and so does the musl suite
 * (tests/image/apps/musltest), a plain C program that also runs on the
 * host, so that both read ARGS the same way. */
#include <string.h>
#include "filter.h"

static int glob_match(const char *g, const char *s)
{
	for (; *g; g++, s++) {
		if (*g == '*') {
			for (const char *t = s;; t++) {
				if (glob_match(g + 1, t))
					return 1;
				if (!*t)
					return 0;
			}
		}
		if (!*s || (*g != '?' && *g != *s))
			return 0;
	}
	return !*s;
}

/* Does name match one of the ':'-separated globs in [list, end)? */
static int match_list(const char *list, const char *end, const char *name)
{
	char g[96];

	while (list < end) {
		const char *colon = memchr(list, ':', (size_t)(end - list));
		const char *stop = colon ? colon : end;
		size_t n = (size_t)(stop - list);

		if (n < sizeof(g)) {
			memcpy(g, list, n);
			g[n] = '\0';
			if (glob_match(g, name))
				return 1;
		}
		list = stop + 1;
	}
	return 0;
}

int ts_test_filter_selects(const char *filter, const char *name)
{
	const char *minus, *end;

	if (!filter)
		filter = "";
	minus = strchr(filter, '-');
	end = minus ? minus : filter + strlen(filter);
	if (end > filter && !match_list(filter, end, name))
		return 0;
	return !(minus && match_list(minus + 1, minus + strlen(minus), name));
}
