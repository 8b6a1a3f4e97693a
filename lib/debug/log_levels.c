/* Parsing a level specification: "debug", "alloc:debug,sched:warn".
 * No state and no output of its own (unit-tested on the host): the
 * caller says what to do with each setting and each problem. */
#include <string.h>
#include <ts/debug.h>

static const struct {
	const char *word;
	int level;
} level_words[] = {
	{ "off", TS_LOG_OFF }, { "none", TS_LOG_OFF },
	{ "err", TS_LOG_ERR }, { "error", TS_LOG_ERR },
	{ "warn", TS_LOG_WARN }, { "warning", TS_LOG_WARN },
	{ "info", TS_LOG_INFO },
	{ "debug", TS_LOG_DEBUG },
	{ "0", TS_LOG_OFF }, { "1", TS_LOG_ERR }, { "2", TS_LOG_WARN },
	{ "3", TS_LOG_INFO }, { "4", TS_LOG_DEBUG },
};

static int level_of(const char *s, int len)
{
	for (unsigned i = 0; i < sizeof(level_words) / sizeof(level_words[0]);
	     i++)
		if ((int)strlen(level_words[i].word) == len &&
		    !strncmp(level_words[i].word, s, (size_t)len))
			return level_words[i].level;
	return -1;
}

/* Is s[0..len) one of the space-separated words of libs? */
static int known_lib(const char *libs, const char *s, int len)
{
	const char *p = libs;

	while (*p) {
		const char *e;

		while (*p == ' ')
			p++;
		e = p;
		while (*e && *e != ' ')
			e++;
		if (e - p == len && !strncmp(p, s, (size_t)len))
			return 1;
		p = e;
	}
	return 0;
}

int ts_log_parse_levels(const char *spec, const char *libs,
			void (*set)(const char *lib, int len, int level,
				    void *ctx),
			void (*warn)(const char *what, const char *word,
				     int len, void *ctx),
			void *ctx)
{
	const char *p = spec ? spec : "";
	int problems = 0;

	while (*p) {
		const char *end = p, *colon = NULL, *lvl;
		int level;

		while (*end && *end != ',') {
			if (*end == ':' && !colon)
				colon = end;
			end++;
		}
		if (end == p) { /* an empty item: "a:debug,,b:warn" */
			p++;
			continue;
		}
		lvl = colon ? colon + 1 : p;
		level = level_of(lvl, (int)(end - lvl));
		if (level < 0) {
			warn("unknown level", lvl, (int)(end - lvl), ctx);
			problems++;
		} else if (!colon) {
			set(NULL, 0, level, ctx);
		} else if (colon == p) {
			warn("missing library name before", p,
			     (int)(end - p), ctx);
			problems++;
		} else if (!known_lib(libs, p, (int)(colon - p))) {
			warn("unknown library", p, (int)(colon - p), ctx);
			problems++;
		} else {
			set(p, (int)(colon - p), level, ctx);
		}
		p = *end ? end + 1 : end;
	}
	return problems;
}
