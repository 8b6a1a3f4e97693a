/* Requests and replies (http.h): a head is parsed whole before anything
 * is answered; only GET and HEAD of / and /bytes/N exist. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "http.h"

const char http_page[] =
	"<!DOCTYPE html>\n"
	"<html><head><title>httpreply</title></head>\n"
	"<body><p>Served by httpreply, Tessera's static HTTP server.</p></body>\n"
	"</html>\n";

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 431: return "Request Header Fields Too Large";
	default: return "HTTP Version Not Supported";
	}
}

/* The reply: bytes is N of /bytes/N, or -1 for the page. */
static void finish(struct http_reply *r, int status, int head_only,
		   long long bytes)
{
	const char *type = bytes >= 0 ? "application/octet-stream"
				       : "text/html";
	int n;

	r->status = status;
	r->pattern_len = 0;
	if (status != 200) {
		/* Errors carry their reason as the body. */
		r->body = reason(status);
		r->body_len = strlen(r->body);
		type = "text/plain";
	} else if (bytes < 0) {
		r->body = http_page;
		r->body_len = sizeof(http_page) - 1;
	} else {
		r->body = NULL;
		r->pattern_len = (uint64_t)bytes;
		r->body_len = r->pattern_len;
	}
	n = snprintf(r->head, sizeof(r->head),
		     "HTTP/1.1 %d %s\r\nServer: httpreply\r\n"
		     "Content-Type: %s\r\nContent-Length: %llu\r\n%s%s\r\n",
		     status, reason(status), type,
		     (unsigned long long)r->body_len,
		     r->keep_alive ? "" : "Connection: close\r\n",
		     status == 405 ? "Allow: GET, HEAD\r\n" : "");
	r->head_len = (size_t)n;
	if (head_only) {
		r->body = NULL;
		r->pattern_len = 0;
		r->body_len = 0;
	}
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "/bytes/N" with N decimal, no sign, no leading zero, at most
 * HTTP_BYTES_MAX: its N, else -1. */
static long long bytes_path(const char *p, size_t len)
{
	static const char prefix[] = "/bytes/";
	unsigned long long n = 0;
	size_t i = sizeof(prefix) - 1;

	if (len <= i || memcmp(p, prefix, i) || (p[i] == '0' && len > i + 1))
		return -1;
	for (; i < len; i++) {
		if (!digit(p[i]))
			return -1;
		n = n * 10 + (unsigned)(p[i] - '0');
		if (n > HTTP_BYTES_MAX)
			return -1;
	}
	return (long long)n;
}

/* Whether the header line (name: value) says Connection: TOKEN. */
static int connection_is(const char *line, size_t len, const char *token)
{
	static const char name[] = "connection:";
	size_t n = sizeof(name) - 1, t = strlen(token);

	if (len < n || strncasecmp(line, name, n))
		return 0;
	line += n;
	len -= n;
	while (len && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	return len == t && !strncasecmp(line, token, t);
}

long http_request(const char *buf, size_t len, struct http_reply *r)
{
	const char *end = NULL, *line, *sp1, *sp2, *eol, *path;
	size_t i, head, path_len;
	int head_only, http11;
	long long n;

	memset(r, 0, sizeof(*r));
	for (i = 0; i + 3 < len && i + 4 <= HTTP_HEAD_MAX; i++) {
		if (!memcmp(buf + i, "\r\n\r\n", 4)) {
			end = buf + i;
			break;
		}
	}
	if (!end) {
		if (len < HTTP_HEAD_MAX)
			return 0;
		finish(r, 431, 0, -1);
		return -1;
	}
	head = (size_t)(end - buf) + 4;
	/* The request line: METHOD SP PATH SP HTTP/1.x */
	eol = memchr(buf, '\r', head);
	sp1 = memchr(buf, ' ', (size_t)(eol - buf));
	sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1)) : NULL;
	if (eol[1] != '\n' || !sp1 || !sp2 || sp1 == buf || sp2 == sp1 + 1 ||
	    eol - sp2 - 1 != 8 || memcmp(sp2 + 1, "HTTP/", 5) ||
	    !digit(sp2[6]) || sp2[7] != '.' || !digit(sp2[8])) {
		finish(r, 400, 0, -1);
		return (long)head;
	}
	if (sp2[6] != '1' || sp2[8] > '1') {
		finish(r, 505, 0, -1);
		return (long)head;
	}
	http11 = sp2[8] == '1';
	r->keep_alive = http11;
	for (line = eol + 2; line < end + 2; line = eol + 2) {
		eol = memchr(line, '\r', (size_t)(end + 2 - line));
		if (eol[1] != '\n' || !memchr(line, ':', (size_t)(eol - line))) {
			r->keep_alive = 0;
			finish(r, 400, 0, -1);
			return (long)head;
		}
		if (connection_is(line, (size_t)(eol - line), "close"))
			r->keep_alive = 0;
		else if (connection_is(line, (size_t)(eol - line), "keep-alive"))
			r->keep_alive = 1;
	}
	head_only = sp1 - buf == 4 && !memcmp(buf, "HEAD", 4);
	if (!head_only && !(sp1 - buf == 3 && !memcmp(buf, "GET", 3))) {
		finish(r, 405, 0, -1);
		return (long)head;
	}
	path = sp1 + 1;
	path_len = (size_t)(sp2 - path);
	if (path_len == 1 && path[0] == '/')
		finish(r, 200, head_only, -1);
	else if ((n = bytes_path(path, path_len)) >= 0)
		finish(r, 200, head_only, n);
	else
		finish(r, 404, head_only, -1);
	return (long)head;
}

void http_pattern(uint64_t offset, unsigned char *out, size_t len)
{
	unsigned v = (unsigned)(offset % 251);

	for (size_t i = 0; i < len; i++) {
		out[i] = (unsigned char)v;
		v = v == 250 ? 0 : v + 1;
	}
}
