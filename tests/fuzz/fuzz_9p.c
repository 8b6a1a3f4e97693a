/* libFuzzer target for lib/9p's reply decoding: every client call (and
 * the version/attach handshake) against a transport that answers with
 * the fuzzer's bytes. The host's server is outside the image: whatever
 * it sends, a call must return a count it asked for or a negative errno,
 * never read or write out of bounds (the sanitizers), and leave nothing
 * behind on failure.
 *
 * Input: byte 0 picks the call, byte 1's bit 0 sets the reply's size
 * field to its real length and bit 1 its tag to the request's (so that
 * the fuzzer reaches the bodies quickly), its other bits a small read's
 * count, the rest is the reply, given
 * to every request the call makes. Checked beyond the sanitizers:
 *   - results are 0, a byte count no larger than asked, or -1..-4095;
 *   - a failed walk takes no fid, a failed getattr fills nothing;
 *   - readdir's bytes are entries ts_9p_dirent_next() takes apart to
 *     the end, each name inside them. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#define ts_9p_connect tsh_ts_9p_connect
#define ts_9p_walk tsh_ts_9p_walk
#define ts_9p_walk_path tsh_ts_9p_walk_path
#define ts_9p_clunk tsh_ts_9p_clunk
#define ts_9p_lopen tsh_ts_9p_lopen
#define ts_9p_lcreate tsh_ts_9p_lcreate
#define ts_9p_read tsh_ts_9p_read
#define ts_9p_write tsh_ts_9p_write
#define ts_9p_mkdir tsh_ts_9p_mkdir
#define ts_9p_unlinkat tsh_ts_9p_unlinkat
#define ts_9p_renameat tsh_ts_9p_renameat
#define ts_9p_getattr tsh_ts_9p_getattr
#define ts_9p_setattr tsh_ts_9p_setattr
#define ts_9p_fsync tsh_ts_9p_fsync
#define ts_9p_readdir tsh_ts_9p_readdir
#define ts_9p_dirent_next tsh_ts_9p_dirent_next
#define ts_9p_fid_get tsh_ts_9p_fid_get
#include <ts/9p.h>
#include "fuzz_common.h"

#define MSIZE	8192

static const uint8_t *reply;
static size_t reply_len;
static int fix_size, fix_tag;

static int fake_request(struct ts_9p_transport *t, const void *req,
			size_t req_len, void *out, size_t out_max,
			size_t *out_len)
{
	(void)t;
	CHECK(req_len >= TS_9P_HDR && req_len <= MSIZE);
	if (reply_len > out_max)
		return -EIO;
	memcpy(out, reply, reply_len);
	if (fix_size && reply_len >= 4) {
		uint32_t n = (uint32_t)reply_len;

		memcpy(out, &n, 4);
	}
	if (fix_tag && reply_len >= 7)
		memcpy((uint8_t *)out + 5, (const uint8_t *)req + 5, 2);
	*out_len = reply_len;
	return 0;
}

static int used_fids(const struct ts_9p_client *c)
{
	int n = 0, i;

	for (i = 0; i < TS_9P_MAX_FIDS; i++)
		n += !!(c->fids[i / 32] & (1u << (i % 32)));
	return n;
}

static void check_rc(long rc, long most)
{
	CHECK((rc >= 0 && rc <= most) || (rc < 0 && rc >= -4095));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t tx[MSIZE], rx[MSIZE], buf[MSIZE];
	static struct ts_9p_transport t = { .tag = "fuzz",
					    .request = fake_request };
	struct ts_9p_client c;
	struct ts_9p_attr a, before;
	struct ts_9p_qid q;
	struct ts_9p_setattr sa = { .valid = TS_9P_SETATTR_SIZE };
	struct ts_9p_dirent d;
	static const char *const names[] = { "a", "b", "c" };
	uint32_t fid = TS_9P_NOFID;
	int used;
	long rc;

	if (size < 2)
		return 0;
	fix_size = data[1] & 1;
	fix_tag = data[1] & 2;
	reply = data + 2;
	reply_len = size - 2;

	t.owner = NULL;
	memset(&c, 0, sizeof(c));
	c.t = &t;
	c.tx = tx;
	c.rx = rx;
	c.msize = MSIZE;
	c.root = ts_9p_fid_get(&c);
	used = used_fids(&c);

	switch (data[0] % 16) {
	case 0:
		check_rc(ts_9p_connect(&c, &t, tx, rx, MSIZE, "u", "", 0), 0);
		CHECK(c.msize <= MSIZE);
		break;
	case 1:
		rc = ts_9p_walk(&c, c.root, names, 3, &fid, &q);
		check_rc(rc, 0);
		CHECK(used_fids(&c) == used + !rc);
		break;
	case 2:
		rc = ts_9p_walk_path(&c, c.root, "x/y/../z/./w", &fid, NULL);
		check_rc(rc, 0);
		CHECK(used_fids(&c) == used + !rc);
		break;
	case 3:
		check_rc(ts_9p_lopen(&c, c.root, 0, &q, NULL), 0);
		break;
	case 4:
		check_rc(ts_9p_lcreate(&c, c.root, "n", 0, 0644, 0, &q, NULL),
			 0);
		break;
	case 5:
		/* A count of 1..64 from byte 1: replies longer than that. */
		check_rc(ts_9p_read(&c, c.root, 0, buf, (data[1] >> 2) + 1u),
			 (data[1] >> 2) + 1);
		break;
	case 6:
		check_rc(ts_9p_read(&c, c.root, 0, buf, sizeof(buf)),
			 sizeof(buf));
		break;
	case 7:
		check_rc(ts_9p_write(&c, c.root, 0, buf, 3000), 3000);
		break;
	case 8:
		check_rc(ts_9p_mkdir(&c, c.root, "d", 0755, 0, &q), 0);
		break;
	case 9:
		check_rc(ts_9p_unlinkat(&c, c.root, "f", 0), 0);
		break;
	case 10:
		check_rc(ts_9p_renameat(&c, c.root, "f", c.root, "g"), 0);
		break;
	case 11:
		memset(&a, 0x5a, sizeof(a));
		before = a;
		rc = ts_9p_getattr(&c, c.root, TS_9P_GETATTR_BASIC, &a);
		check_rc(rc, 0);
		if (rc)
			CHECK(!memcmp(&a, &before, sizeof(a)));
		break;
	case 12:
		check_rc(ts_9p_setattr(&c, c.root, &sa), 0);
		break;
	case 13:
		check_rc(ts_9p_fsync(&c, c.root, 1), 0);
		break;
	case 14:
		check_rc(ts_9p_clunk(&c, c.root), 0);
		CHECK(used_fids(&c) == used - 1);
		break;
	default: {
		size_t pos = 0;
		int n;

		rc = ts_9p_readdir(&c, c.root, 0, buf, 1000);
		check_rc(rc, 1000);
		if (rc <= 0)
			break;
		while ((n = ts_9p_dirent_next(buf, (size_t)rc, &pos, &d)) > 0) {
			CHECK(d.name >= (const char *)buf &&
			      d.name + d.name_len <= (const char *)buf + rc);
			CHECK(d.name_len > 0);
		}
		CHECK(n == 0 && pos == (size_t)rc);
		break;
	}
	}
	return 0;
}
