/* Splitting the kernel command line into words. Kept free of any platform
 * call so the host unit tests run it as it is. */
#include <stddef.h>
#include <ts/boot.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int ts_cmdline_split(char *buf, char **words, int max, const char **err)
{
	char *in = buf, *out = buf;
	int n = 0;

	*err = NULL;
	for (;;) {
		while (is_blank(*in))
			in++;
		if (!*in)
			break;
		if (n == max) {
			*err = TS_CMDLINE_TOO_MANY_WORDS;
			words[0] = NULL;
			return -1;
		}
		/* Words are compacted in place: out never passes in, because
		 * quotes and backslashes are dropped, never added. */
		words[n++] = out;
		char quote = 0;
		for (; *in; in++) {
			if (quote) {
				if (*in == quote) {
					quote = 0;
				} else if (*in == '\\' && quote == '"' && in[1]) {
					*out++ = *++in;
				} else {
					*out++ = *in;
				}
			} else if (is_blank(*in)) {
				break;
			} else if (*in == '"' || *in == '\'') {
				quote = *in;
			} else if (*in == '\\' && in[1]) {
				*out++ = *++in;
			} else {
				*out++ = *in;
			}
		}
		if (quote) {
			*err = quote == '"' ? "unterminated \" quote"
					    : "unterminated ' quote";
			words[0] = NULL;
			return -1;
		}
		/* Terminate after reading the separator: in may equal out. */
		char *next = *in ? in + 1 : in;
		*out++ = '\0';
		in = next;
	}
	words[n] = NULL;
	return n;
}

/* "NAME=value" of an env.NAME=value word: NAME a shell identifier, so
 * that getenv() and a shell would agree on it. */
int ts_env_word_check(const char *var, const char **err)
{
	const char *p = var;

	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	      *p == '_')) {
		*err = "env.NAME=value: NAME must start with a letter or '_'";
		return -1;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	       (*p >= '0' && *p <= '9') || *p == '_')
		p++;
	if (*p != '=') {
		*err = *p ? "env.NAME=value: NAME holds a character other than "
			    "letters, digits and '_'"
			  : "env.NAME=value: no '=' (write env.NAME= for an "
			    "empty value)";
		return -1;
	}
	return 0;
}
