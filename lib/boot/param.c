/* Parsing and applying "lib.name=value" kernel parameters. No output
 * here either: errors go back as text for the caller to print (words
 * in it made printable with plat/common's ts_printable()). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/plat/console.h>

static int digit(char c, unsigned base)
{
	unsigned d;

	if (c >= '0' && c <= '9')
		d = (unsigned)(c - '0');
	else if (c >= 'a' && c <= 'z')
		d = (unsigned)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'Z')
		d = (unsigned)(c - 'A' + 10);
	else
		return -1;
	return d < base ? (int)d : -1;
}

/* Magnitude with an optional binary-unit suffix, checked for overflow. */
static int parse_mag(const char *s, unsigned long *out)
{
	unsigned base = 10;
	unsigned long v = 0;
	int d, any = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	for (; (d = digit(*s, base)) >= 0; s++) {
		if (v > (ULONG_MAX - (unsigned)d) / base)
			return -1;
		v = v * base + (unsigned)d;
		any = 1;
	}
	if (!any)
		return -1;
	unsigned shift = 0;
	switch (*s) {
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	}
	if (*s)
		return -1;
	if (shift && v > (ULONG_MAX >> shift))
		return -1;
	*out = v << shift;
	return 0;
}

int ts_param_parse_uint(const char *s, unsigned long *out)
{
	if (*s == '+')
		s++;
	return parse_mag(s, out);
}

int ts_param_parse_int(const char *s, long *out)
{
	unsigned long m;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (parse_mag(s, &m))
		return -1;
	if (neg) {
		if (m > (unsigned long)LONG_MAX + 1)
			return -1;
		*out = m == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)m;
	} else {
		if (m > (unsigned long)LONG_MAX)
			return -1;
		*out = (long)m;
	}
	return 0;
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

const struct ts_param *ts_param_find(const struct ts_param *first,
				     const struct ts_param *last,
				     const char *name, unsigned long len)
{
	for (const struct ts_param *p = first; p < last; p++)
		if (strlen(p->name) == len && !strncmp(p->name, name, len))
			return p;
	return NULL;
}

static const char *const type_word[] = {
	[TS_PARAM_BOOL] = "a boolean (y/n, 1/0, on/off)",
	[TS_PARAM_INT] = "an integer",
	[TS_PARAM_UINT] = "a non-negative integer",
	[TS_PARAM_STR] = "a string",
};

int ts_param_apply(const struct ts_param *first, const struct ts_param *last,
		   char *word, char *err, unsigned long errlen)
{
	char text[128];

	char *eq = strchr(word, '=');
	unsigned long len = eq ? (unsigned long)(eq - word) : strlen(word);
	const struct ts_param *p = ts_param_find(first, last, word, len);
	const char *val = eq ? eq + 1 : NULL;

	if (!p) {
		snprintf(err, errlen, "unknown parameter '%s' (ignored)",
			 ts_printable(text, sizeof(text), word, len));
		return -1;
	}
	if (!val && p->type != TS_PARAM_BOOL) {
		snprintf(err, errlen, "parameter '%s' needs a value: %s=<%s>",
			 p->name, p->name, type_word[p->type]);
		return -1;
	}
	int bad = 0;
	switch (p->type) {
	case TS_PARAM_BOOL: {
		bool b = true;
		bad = val ? parse_bool(val, &b) : 0;
		if (!bad)
			*(bool *)p->var = b;
		break;
	}
	case TS_PARAM_INT: {
		long v;
		bad = ts_param_parse_int(val, &v);
		if (!bad)
			*(long *)p->var = v;
		break;
	}
	case TS_PARAM_UINT: {
		unsigned long v;
		bad = ts_param_parse_uint(val, &v);
		if (!bad)
			*(unsigned long *)p->var = v;
		break;
	}
	case TS_PARAM_STR:
		*(const char **)p->var = val;
		break;
	}
	if (bad) {
		snprintf(err, errlen, "parameter '%s': '%s' is not %s (ignored)",
			 p->name,
			 ts_printable(text, sizeof(text), val, strlen(val)),
			 type_word[p->type]);
		return -1;
	}
	return 0;
}
