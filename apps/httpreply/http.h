/* apps/httpreply's HTTP/1.1 requests and replies, apart from the sockets
 * (main.c) so that the same code serves in the image, on the host and in
 * the Linux guest of bench/net. */
#ifndef HTTPREPLY_HTTP_H
#define HTTPREPLY_HTTP_H

#include <stddef.h>
#include <stdint.h>

/* The largest request head read: a longer one is answered 431. */
#define HTTP_HEAD_MAX 8192

/* GET /bytes/N serves at most this many bytes (1 GiB). */
#define HTTP_BYTES_MAX (1ull << 30)

/* The page GET / serves. */
extern const char http_page[];

struct http_reply {
	int status;		/* 200, 400, 404, 405, 431, 505 */
	int keep_alive;		/* the connection stays open after it */
	char head[256];		/* status line and headers */
	size_t head_len;
	const char *body;	/* a fixed body (body_len bytes), or NULL: */
	uint64_t pattern_len;	/* pattern bytes http_pattern() gives */
	uint64_t body_len;
};

/* What a request starting at buf (len bytes, maybe less than a whole
 * head) asks for. Returns the head's length when buf holds a whole head
 * (reply filled in), 0 when it needs more bytes, or -1 when it can never
 * be one: a head longer than HTTP_HEAD_MAX (reply is the 431 then, with
 * keep_alive 0). A malformed head is a whole one answered 400. */
long http_request(const char *buf, size_t len, struct http_reply *reply);

/* The pattern of /bytes/N: byte i is i % 251 (a period that no power of
 * two divides, so a shifted or repeated block shows). Fills out with the
 * bytes from offset on. */
void http_pattern(uint64_t offset, unsigned char *out, size_t len);

#endif
