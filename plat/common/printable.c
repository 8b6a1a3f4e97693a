/* Text from outside (the command line, a debugger) as a message shows
 * it: one line, no terminal control. */
#include <string.h>
#include <ts/plat/console.h>

const char *ts_printable(char *out, size_t size, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (size_t i = 0; i < len && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[5] = { (char)c, 0 };
		size_t n;

		if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
			e[0] = '\\';
			e[1] = c == '\n' ? 'n' : c == '\r' ? 'r' :
			       c == '\t' ? 't' : '\\';
		} else if (c < 0x20 || c > 0x7e) {
			e[0] = '\\', e[1] = 'x', e[2] = hex[c >> 4];
			e[3] = hex[c & 15];
		}
		n = strlen(e);
		if (o + n >= size)
			break;
		memcpy(out + o, e, n);
		o += n;
	}
	if (size)
		out[o] = '\0';
	return out;
}
