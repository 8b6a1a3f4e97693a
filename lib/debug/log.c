/* Leveled messages: which library prints at which level, and the
 * printing itself. The levels are worked out lazily (first message, and
 * again when the kernel parameter debug.level has been applied) so that
 * messages printed before the command line is read still follow the
 * Kconfig levels. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/debug.h>
#include <ts/plat/console.h>
#include "debug_internal.h"

/* The build passes the names of the image's libraries to this file. */
#ifndef TS_DEBUG_LIBS
#define TS_DEBUG_LIBS ""
#endif

#ifndef CONFIG_LIB_DEBUG_LEVEL
#define CONFIG_LIB_DEBUG_LEVEL TS_LOG_INFO
#endif
#ifndef CONFIG_LIB_DEBUG_LEVELS
#define CONFIG_LIB_DEBUG_LEVELS ""
#endif

#define MAX_OVERRIDES 16

/* Until the levels are known every message reaches ts_log_print(). */
unsigned char ts_log_threshold = TS_LOG_MAX_LEVEL;

/* Set by the kernel parameter debug.level (log_param.c). */
const char *ts_debug_level_arg;

static struct {
	const char *lib;
	int len;
	int level;
} overrides[MAX_OVERRIDES];
static int n_overrides, default_level;
static int applied, kconfig_warned;
static const char *applied_arg, *warned_arg;

static void write_line(const char *lib, const char *fmt, va_list ap)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "%s: ", lib), m;

	m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	/* Messages may end with "\n" or not; lines always do. */
	if (buf[n - 1] != '\n')
		buf[n++] = '\n';
	ts_plat_console_write(buf, (size_t)n);
}

static void say(const char *lib, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	write_line(lib, fmt, ap);
	va_end(ap);
}

static void set_level(const char *lib, int len, int level, void *ctx)
{
	int i;

	(void)ctx;
	if (!lib) { /* a bare level: every library */
		default_level = level;
		n_overrides = 0;
		return;
	}
	for (i = 0; i < n_overrides; i++)
		if (overrides[i].len == len &&
		    !strncmp(overrides[i].lib, lib, (size_t)len))
			break;
	if (i == MAX_OVERRIDES) {
		char text[64];

		say("debug", "more than %d per-library levels; '%s' ignored",
		    MAX_OVERRIDES,
		    ts_printable(text, sizeof(text), lib, (size_t)len));
		return;
	}
	overrides[i].lib = lib;
	overrides[i].len = len;
	overrides[i].level = level;
	if (i == n_overrides)
		n_overrides++;
}

static void warn_word(const char *what, const char *word, int len, void *ctx)
{
	const char *source = ctx;
	char text[64];

	if (!source)
		return;
	/* The word comes from the command line: shown printable. */
	ts_printable(text, sizeof(text), word, (size_t)len);
	if (!strcmp(what, "unknown library"))
		say("debug", "%s: %s '%s' ignored (this image has: %s)",
		    source, what, text, TS_DEBUG_LIBS);
	else if (!strcmp(what, "unknown level"))
		say("debug", "%s: %s '%s' ignored (levels: off, err, warn, "
		    "info, debug)", source, what, text);
	else
		say("debug", "%s: %s '%s' ignored", source, what, text);
}

static void apply(void)
{
	int i, max;

	default_level = CONFIG_LIB_DEBUG_LEVEL;
	n_overrides = 0;
	ts_log_parse_levels(CONFIG_LIB_DEBUG_LEVELS, TS_DEBUG_LIBS, set_level,
			    warn_word, kconfig_warned ? NULL :
			    "CONFIG_LIB_DEBUG_LEVELS");
	kconfig_warned = 1;
	applied_arg = ts_debug_level_arg;
	if (applied_arg)
		ts_log_parse_levels(applied_arg, TS_DEBUG_LIBS, set_level,
				    warn_word, applied_arg == warned_arg ? NULL :
				    "debug.level");
	warned_arg = applied_arg;
	max = default_level;
	for (i = 0; i < n_overrides; i++)
		if (overrides[i].level > max)
			max = overrides[i].level;
	ts_log_threshold = (unsigned char)max;
	applied = 1;
}

void ts_debug_log_setup(void)
{
	apply();
}

int ts_log_enabled(int level, const char *lib)
{
	int len = (int)strlen(lib);

	if (!applied || applied_arg != ts_debug_level_arg)
		apply();
	for (int i = 0; i < n_overrides; i++)
		if (overrides[i].len == len &&
		    !strncmp(overrides[i].lib, lib, (size_t)len))
			return level <= overrides[i].level;
	return level <= default_level;
}

void ts_log_print(int level, const char *lib, const char *fmt, ...)
{
	va_list ap;

	if (!ts_log_enabled(level, lib))
		return;
	va_start(ap, fmt);
	write_line(lib, fmt, ap);
	va_end(ap);
}
