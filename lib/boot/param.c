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

/* A guess for a mistyped name: at most NEAR_EDITS letters added, dropped
 * or changed, and fewer than half of the name's. Longer names than
 * NEAR_NAME_MAX get none, so that one row of the distance table fits on
 * the stack (the longest parameter name today has 19 characters). */
#define NEAR_EDITS 2
#define NEAR_NAME_MAX 48

/* Edit (Levenshtein) distance of a[0..alen) and b, row by row. Cold, as
 * nearest(): only a mistyped parameter gets here, so both are compiled
 * for size and kept out of the hot text (helloworld's size budget). */
static __attribute__((cold)) unsigned long distance(const char *a, unsigned long alen, const char *b,
			      unsigned long blen)
{
	unsigned long row[NEAR_NAME_MAX + 1];

	for (unsigned long j = 0; j <= blen; j++)
		row[j] = j;
	for (unsigned long i = 1; i <= alen; i++) {
		unsigned long diag = row[0]; /* row i - 1, column j - 1 */

		row[0] = i;
		for (unsigned long j = 1; j <= blen; j++) {
			unsigned long up = row[j], best;

			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen];
}

/* The parameter nearest to name[0..len), or NULL when none is near. */
static __attribute__((cold)) const struct ts_param *nearest(const struct ts_param *first,
				      const struct ts_param *last,
				      const char *name, unsigned long len)
{
	const struct ts_param *best = NULL;
	unsigned long best_d = NEAR_EDITS + 1;

	if (len > NEAR_NAME_MAX)
		return NULL;
	for (const struct ts_param *p = first; p < last; p++) {
		unsigned long plen = strlen(p->name), d;

		if (plen > NEAR_NAME_MAX)
			continue;
		d = distance(name, len, p->name, plen);
		if (d < best_d && 2 * d < plen) {
			best = p;
			best_d = d;
		}
	}
	return best;
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
		const struct ts_param *near = nearest(first, last, word, len);

		snprintf(err, errlen, "unknown parameter '%s' (ignored)%s%s%s",
			 ts_printable(text, sizeof(text), word, len),
			 near ? "; did you mean '" : "",
			 near ? near->name : "", near ? "'?" : "");
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
