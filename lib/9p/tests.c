/* The 9p client in an image, against the host folder QEMU shares
 * under the mount tag test-9p (tests/image/cases_9p.py fills it, boots
 * the image with it, and checks afterwards what the image wrote there):
 * suite 9p. Skipped when the image has no such share. And replies that
 * lie, from a transport of the test's own: -EIO for the call, nothing
 * else. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/9p.h>
#include <ts/test.h>
#include "msg.h"

/* Small, so that reads and writes take several messages each (QEMU
 * warns about 8 KiB and less). */
#define BUF_SIZE	12288
#define BIG_SIZE	40000

static uint8_t tx[BUF_SIZE], rx[BUF_SIZE];
static struct ts_9p_client client;
static int connected;
static uint8_t big[BIG_SIZE], back[BIG_SIZE];

static struct ts_9p_client *host(void)
{
	struct ts_9p_transport *t;

	if (connected)
		return &client;
	/* A share of its own: another client on the same channel would
	 * end this one's session. */
	t = ts_9p_transport_find("test-9p");
	if (!t)
		TS_SKIP("no 9p share tagged test-9p (tests/image/cases_9p.py)");
	TS_REQUIRE_EQ(ts_9p_connect(&client, t, tx, rx, BUF_SIZE, "root", "",
				    0), 0);
	connected = 1;
	return &client;
}

/* Open path (relative to the root) with flags: its fid. */
static uint32_t open_path(struct ts_9p_client *c, const char *path,
			  uint32_t flags)
{
	uint32_t fid;

	TS_REQUIRE_EQ(ts_9p_walk_path(c, c->root, path, &fid, NULL), 0);
	TS_REQUIRE_EQ(ts_9p_lopen(c, fid, flags, NULL, NULL), 0);
	return fid;
}

/* Create name in the root, open for writing: its fid. */
static uint32_t create(struct ts_9p_client *c, const char *name)
{
	uint32_t fid;

	TS_REQUIRE_EQ(ts_9p_walk(c, c->root, NULL, 0, &fid, NULL), 0);
	TS_REQUIRE_EQ(ts_9p_lcreate(c, fid, name, TS_9P_O_WRONLY |
				    TS_9P_O_TRUNC, 0644, 0, NULL, NULL), 0);
	return fid;
}

TS_TEST(9p, read_host_file_and_write_one)
{
	struct ts_9p_client *c = host();
	struct ts_9p_attr a;
	char text[256];
	const char *prefix = "9p-test:";
	uint32_t fid;
	long n;

	fid = open_path(c, "hello.txt", TS_9P_O_RDONLY);
	TS_REQUIRE_EQ(ts_9p_getattr(c, fid, TS_9P_GETATTR_BASIC, &a), 0);
	n = ts_9p_read(c, fid, 0, text, sizeof(text) - 1);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	TS_REQUIRE(n >= (long)strlen(prefix));
	TS_EXPECT_EQ((uint64_t)n, a.size);
	TS_REQUIRE(!memcmp(text, prefix, strlen(prefix)));
	/* What the host checks: its text with the image's name instead. */
	fid = create(c, "from-image.txt");
	TS_EXPECT_EQ(ts_9p_write(c, fid, 0, "9p-image:", 9), 9L);
	TS_EXPECT_EQ(ts_9p_write(c, fid, 9, text + strlen(prefix),
				 (size_t)n - strlen(prefix)),
		     n - (long)strlen(prefix));
	TS_EXPECT_EQ(ts_9p_fsync(c, fid, 0), 0);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
}

TS_TEST(9p, big_file_in_many_messages)
{
	struct ts_9p_client *c = host();
	struct ts_9p_attr a;
	uint32_t fid, i;

	for (i = 0; i < BIG_SIZE; i++)
		big[i] = (uint8_t)(i * 7 + i / 251);
	fid = create(c, "big.bin");
	TS_EXPECT_EQ(ts_9p_write(c, fid, 0, big, BIG_SIZE), (long)BIG_SIZE);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	fid = open_path(c, "big.bin", TS_9P_O_RDONLY);
	TS_EXPECT_EQ(ts_9p_getattr(c, fid, TS_9P_GETATTR_BASIC, &a), 0);
	TS_EXPECT_EQ(a.size, (uint64_t)BIG_SIZE);
	memset(back, 0, sizeof(back));
	TS_EXPECT_EQ(ts_9p_read(c, fid, 0, back, BIG_SIZE), (long)BIG_SIZE);
	TS_EXPECT(!memcmp(big, back, BIG_SIZE));
	/* At the end: nothing more. */
	TS_EXPECT_EQ(ts_9p_read(c, fid, BIG_SIZE, back, 10), 0L);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
}

TS_TEST(9p, one_client_per_channel)
{
	static uint8_t t2[BUF_SIZE], r2[BUF_SIZE];
	struct ts_9p_client *c = host(), other;

	TS_EXPECT_EQ(ts_9p_connect(&other, c->t, t2, r2, BUF_SIZE, "root",
				   "", 0), -EBUSY);
}

TS_TEST(9p, errors_are_the_hosts)
{
	struct ts_9p_client *c = host();
	uint32_t fid;
	char name[300];

	TS_EXPECT_EQ(ts_9p_walk_path(c, c->root, "no-such-file", &fid, NULL),
		     -ENOENT);
	TS_EXPECT_EQ(ts_9p_walk_path(c, c->root, "sub/no-such-file", &fid,
				     NULL), -ENOENT);
	TS_EXPECT_EQ(ts_9p_unlinkat(c, c->root, "no-such-file", 0), -ENOENT);
	TS_EXPECT_EQ(ts_9p_mkdir(c, c->root, "sub", 0755, 0, NULL), -EEXIST);
	TS_EXPECT_EQ(ts_9p_unlinkat(c, c->root, "sub", TS_9P_AT_REMOVEDIR),
		     -ENOTEMPTY);
	TS_REQUIRE_EQ(ts_9p_walk(c, c->root, NULL, 0, &fid, NULL), 0);
	TS_EXPECT_EQ(ts_9p_lcreate(c, fid, "hello.txt", TS_9P_O_WRONLY |
				   TS_9P_O_CREAT | TS_9P_O_EXCL, 0644, 0, NULL,
				   NULL), -EEXIST);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	/* Refused before anything is sent. */
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	TS_EXPECT_EQ(ts_9p_walk_path(c, c->root, name, &fid, NULL),
		     -ENAMETOOLONG);
	/* No fid was lost on the way. */
	fid = ts_9p_fid_get(c);
	TS_EXPECT_LT(fid, 8u);
	ts_9p_fid_put(c, fid);
}

TS_TEST(9p, directories)
{
	struct ts_9p_client *c = host();
	struct ts_9p_qid q;
	uint8_t buf[1024];
	struct ts_9p_dirent d;
	int seen_a = 0, seen_b = 0, others = 0, rc;
	uint64_t off = 0;
	uint32_t fid;
	long n;

	fid = open_path(c, "sub", TS_9P_O_RDONLY | TS_9P_O_DIRECTORY);
	/* In several calls: 64 bytes hold one or two entries. */
	while ((n = ts_9p_readdir(c, fid, off, buf, 64)) > 0) {
		size_t pos = 0;

		while ((rc = ts_9p_dirent_next(buf, (size_t)n, &pos, &d)) > 0) {
			if (d.name_len == 1 && d.name[0] == 'a')
				seen_a++;
			else if (d.name_len == 1 && d.name[0] == 'b')
				seen_b++;
			else if (!(d.name_len == 1 && d.name[0] == '.') &&
				 !(d.name_len == 2 && !memcmp(d.name, "..", 2)))
				others++;
			off = d.offset;
		}
		TS_EXPECT_EQ(rc, 0);
	}
	TS_EXPECT_EQ(n, 0L);
	TS_EXPECT_EQ(seen_a, 1);
	TS_EXPECT_EQ(seen_b, 1);
	TS_EXPECT_EQ(others, 0);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);

	TS_EXPECT_EQ(ts_9p_mkdir(c, c->root, "made-dir", 0755, 0, &q), 0);
	TS_EXPECT(q.type & TS_9P_QTDIR);
	/* Rename into it, and unlink. */
	fid = create(c, "old-name");
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	TS_REQUIRE_EQ(ts_9p_walk_path(c, c->root, "made-dir", &fid, NULL), 0);
	TS_EXPECT_EQ(ts_9p_renameat(c, c->root, "old-name", fid, "new-name"),
		     0);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	fid = create(c, "gone");
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
	TS_EXPECT_EQ(ts_9p_unlinkat(c, c->root, "gone", 0), 0);
	TS_EXPECT_EQ(ts_9p_walk_path(c, c->root, "gone", &fid, NULL), -ENOENT);
}

TS_TEST(9p, truncate)
{
	struct ts_9p_client *c = host();
	struct ts_9p_setattr sa = { .valid = TS_9P_SETATTR_SIZE, .size = 3 };
	struct ts_9p_attr a;
	uint32_t fid;

	TS_REQUIRE_EQ(ts_9p_walk_path(c, c->root, "trunc.txt", &fid, NULL), 0);
	TS_EXPECT_EQ(ts_9p_setattr(c, fid, &sa), 0);
	TS_EXPECT_EQ(ts_9p_getattr(c, fid, TS_9P_GETATTR_BASIC, &a), 0);
	TS_EXPECT_EQ(a.size, 3ULL);
	TS_EXPECT_EQ(ts_9p_clunk(c, fid), 0);
}

/* ---- a server that lies -------------------------------------------- */

static const uint8_t *lie;
static size_t lie_len;

static int lying_request(struct ts_9p_transport *t, const void *req,
			 size_t req_len, void *reply, size_t reply_max,
			 size_t *reply_len)
{
	(void)t;
	(void)req_len;
	if (lie_len > reply_max)
		return -EIO;
	memcpy(reply, lie, lie_len);
	/* The request's tag, so that only the body is wrong. */
	if (lie_len >= 7) {
		((uint8_t *)reply)[5] = ((const uint8_t *)req)[5];
		((uint8_t *)reply)[6] = ((const uint8_t *)req)[6];
	}
	*reply_len = lie_len;
	return 0;
}

static long lie_read(const uint8_t *msg, size_t len)
{
	static struct ts_9p_transport t = { .tag = "liar",
					    .request = lying_request };
	static uint8_t ltx[BUF_SIZE], lrx[BUF_SIZE];
	static struct ts_9p_client lc;
	char buf[64];

	lc.t = &t;
	lc.tx = ltx;
	lc.rx = lrx;
	lc.msize = BUF_SIZE;
	lie = msg;
	lie_len = len;
	return ts_9p_read(&lc, 1, 0, buf, sizeof(buf));
}

TS_TEST(9p, malformed_replies_are_eio)
{
	/* Rread (117) claiming 100 bytes, carrying 3. */
	static const uint8_t short_data[] = { 14, 0, 0, 0, 117, 0, 0,
					      100, 0, 0, 0, 'a', 'b', 'c' };
	/* The size field says more than arrived. */
	static const uint8_t long_size[] = { 99, 0, 0, 0, 117, 0, 0,
					     1, 0, 0, 0, 'a' };
	/* The wrong type (Rwrite). */
	static const uint8_t wrong_type[] = { 12, 0, 0, 0, 119, 0, 0,
					      1, 0, 0, 0, 'a' };
	/* Rlerror with errno 0, and one with a sane errno. */
	static const uint8_t lerror0[] = { 11, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0 };
	static const uint8_t lerror2[] = { 11, 0, 0, 0, 7, 0, 0, 2, 0, 0, 0 };
	/* Trailing bytes after the count's data. */
	static const uint8_t trailing[] = { 13, 0, 0, 0, 117, 0, 0,
					    1, 0, 0, 0, 'a', 'b' };
	static const uint8_t good[] = { 12, 0, 0, 0, 117, 0, 0,
					1, 0, 0, 0, 'a' };

	TS_EXPECT_EQ(lie_read(short_data, sizeof(short_data)), -(long)EIO);
	TS_EXPECT_EQ(lie_read(long_size, sizeof(long_size)), -(long)EIO);
	TS_EXPECT_EQ(lie_read(wrong_type, sizeof(wrong_type)), -(long)EIO);
	TS_EXPECT_EQ(lie_read(lerror0, sizeof(lerror0)), -(long)EIO);
	TS_EXPECT_EQ(lie_read(lerror2, sizeof(lerror2)), -(long)ENOENT);
	TS_EXPECT_EQ(lie_read(trailing, sizeof(trailing)), -(long)EIO);
	TS_EXPECT_EQ(lie_read(short_data, 5), -(long)EIO);
	TS_EXPECT_EQ(lie_read(good, sizeof(good)), 1L);
}
