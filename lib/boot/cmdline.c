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
