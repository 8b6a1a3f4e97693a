/* The cpio "newc" parser (<ts/cpio.h>): every header is checked before
 * its entry is handed on, so that a corrupt or truncated archive is
 * refused at the first bad byte with its offset, and nothing outside
 * [buf, buf + len) is ever read. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/cpio.h>

/* The header's fields after the 6-byte magic, in order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE,
	F_CHECK, F_COUNT
};

static const char *const field_name[F_COUNT] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize",
	"check",
};

static int fail(struct ts_cpio_error *err, size_t offset, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail(struct ts_cpio_error *err, size_t offset, const char *fmt,
		...)
{
	va_list ap;

	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->what, sizeof(err->what), fmt, ap);
	va_end(ap);
	return TS_CPIO_CORRUPT;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Eight hexadecimal digits; -1 (with the offending digit's index in
 * *bad) when one is not. */
static int hex8(const char *p, uint32_t *v, int *bad)
{
	uint32_t x = 0;

	for (int i = 0; i < 8; i++) {
		int d = hex_digit(p[i]);

		if (d < 0) {
			*bad = i;
			return -1;
		}
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return 0;
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* The padding [from, to) lies in the archive and holds NUL bytes only:
 * anything else means the sizes before it are wrong. */
static int check_padding(const uint8_t *a, size_t len, size_t from,
			 size_t to, const char *after,
			 struct ts_cpio_error *err)
{
	if (to > len)
		return fail(err, from, "the padding after the %s runs past "
			    "the end of the archive (%zu bytes)", after, len);
	for (size_t i = from; i < to; i++)
		if (a[i])
			return fail(err, i, "padding byte after the %s is "
				    "%#x, not 0: a size before it is wrong",
				    after, a[i]);
	return 0;
}

static int show_char(int c)
{
	return c >= 0x20 && c < 0x7f ? c : '?';
}

static int parse_header(const uint8_t *a, size_t len, size_t off,
			struct ts_cpio_entry *e, struct ts_cpio_error *err)
{
	const char *h = (const char *)a + off;
	uint32_t f[F_COUNT];
	size_t name, data, end;
	int bad;

	if (len - off < TS_CPIO_HEADER_SIZE)
		return fail(err, off, "truncated header: %zu bytes left, a "
			    "header takes %d", len - off, TS_CPIO_HEADER_SIZE);
	if (memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2'))
		return fail(err, off, "bad magic \"%c%c%c%c%c%c\" (not "
			    "070701 or 070702)", show_char(h[0]),
			    show_char(h[1]), show_char(h[2]), show_char(h[3]),
			    show_char(h[4]), show_char(h[5]));
	for (int i = 0; i < F_COUNT; i++)
		if (hex8(h + 6 + 8 * i, &f[i], &bad))
			return fail(err, off + 6 + 8 * i + bad, "field %s is "
				    "not 8 hexadecimal digits (byte '%c')",
				    field_name[i],
				    show_char((unsigned char)h[6 + 8 * i + bad]));

	name = off + TS_CPIO_HEADER_SIZE;
	if (f[F_NAMESIZE] < 2)
		return fail(err, off + 6 + 8 * F_NAMESIZE, "namesize %u: a "
			    "name takes at least one byte and its NUL",
			    f[F_NAMESIZE]);
	if (f[F_NAMESIZE] > len - name)
		return fail(err, name, "name (namesize %u) runs past the end "
			    "of the archive (%zu bytes left)", f[F_NAMESIZE],
			    len - name);
	if (a[name + f[F_NAMESIZE] - 1] != '\0')
		return fail(err, name, "name (namesize %u) is not "
			    "NUL-terminated", f[F_NAMESIZE]);
	if (strlen((const char *)a + name) != f[F_NAMESIZE] - 1)
		return fail(err, name, "name (namesize %u) has a NUL at "
			    "byte %zu", f[F_NAMESIZE],
			    strlen((const char *)a + name));

	data = align4(name + f[F_NAMESIZE]);
	/* The archive may end right after the trailer's name. */
	if (data > len && !f[F_FILESIZE] &&
	    !strcmp((const char *)a + name, TS_CPIO_TRAILER))
		data = len;
	if (check_padding(a, len, name + f[F_NAMESIZE], data, "name", err))
		return TS_CPIO_CORRUPT;
	if (f[F_FILESIZE] > len - data)
		return fail(err, off + 6 + 8 * F_FILESIZE, "file size %u of "
			    "\"%s\" runs past the end of the archive (%zu "
			    "bytes left)", f[F_FILESIZE],
			    (const char *)a + name, len - data);
	end = data + f[F_FILESIZE];

	if (h[5] == '2') {
		uint32_t sum = 0;

		for (size_t i = data; i < end; i++)
			sum += a[i];
		if (sum != f[F_CHECK])
			return fail(err, off + 6 + 8 * F_CHECK, "checksum of "
				    "\"%s\" is %#x, the header says %#x",
				    (const char *)a + name, sum, f[F_CHECK]);
	}

	e->name = (const char *)a + name;
	e->name_len = f[F_NAMESIZE] - 1;
	e->mode = f[F_MODE];
	e->ino = f[F_INO];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->devmajor = f[F_DEVMAJOR];
	e->devminor = f[F_DEVMINOR];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	e->data = a + data;
	e->size = f[F_FILESIZE];
	e->offset = off;
	return 0;
}

int ts_cpio_walk(const void *buf, size_t len,
		 int (*fn)(const struct ts_cpio_entry *e, void *arg),
		 void *arg, struct ts_cpio_error *err)
{
	const uint8_t *a = buf;
	size_t off = 0;

	for (;;) {
		struct ts_cpio_entry e;
		size_t end;
		int rc;

		if (off == len)
			return fail(err, off, "the archive ends without a "
				    "\"%s\" entry", TS_CPIO_TRAILER);
		if (parse_header(a, len, off, &e, err))
			return TS_CPIO_CORRUPT;
		end = (size_t)((const uint8_t *)e.data - a) + e.size;
		if (!strcmp(e.name, TS_CPIO_TRAILER))
			return 0;
		/* The trailer's padding may be cut off; any other entry's
		 * is followed by a header. */
		if (check_padding(a, len, end, align4(end), "data", err))
			return TS_CPIO_CORRUPT;
		rc = fn(&e, arg);
		if (rc)
			return rc;
		off = align4(end);
	}
}
