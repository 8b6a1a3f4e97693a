/* virtio-9p (virtio 1.x, 5.3 and QEMU's -virtfs): one request queue,
 * each request a chain of the T-message (read by the device) and room
 * for the R-message (written by it). Every device found becomes a lib/9p
 * transport named by its mount tag. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/9p.h>
#include <ts/init.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include <ts/virtio/virtio.h>

#define VIRTIO_9P_MOUNT_TAG	(1ULL << 0)
#define MAX_DEVICES		4
#define TAG_MAX			255
#define TIMEOUT_NS	((uint64_t)CONFIG_DRIVER_VIRTIO_9P_TIMEOUT_MS * 1000000)

struct v9p {
	struct ts_9p_transport t;
	struct ts_virtio_dev *dev;
	int broken;	/* a request timed out: the queue is not ours */
	char tag[TAG_MAX + 1];
	struct ts_virtq q;
};

static struct v9p chans[MAX_DEVICES];

static int v9p_request(struct ts_9p_transport *t, const void *req,
		       size_t req_len, void *reply, size_t reply_max,
		       size_t *reply_len)
{
	struct v9p *c = t->priv;
	struct ts_virtq_buf bufs[2] = {
		{ (void *)(uintptr_t)req, (uint32_t)req_len },
		{ reply, (uint32_t)reply_max },
	};
	uint32_t len = 0;
	int rc;

	if (c->broken)
		return -EIO;
	if (req_len > UINT32_MAX || reply_max > UINT32_MAX)
		return -EINVAL;
	rc = ts_virtq_add(&c->q, bufs, 1, 1);
	if (rc < 0)
		return rc;
	ts_virtq_kick(&c->q);
	rc = ts_virtq_wait(&c->q, ts_plat_time_ns() + TIMEOUT_NS, &len);
	if (rc == -ETIMEDOUT) {
		ts_printk("virtio: 9p '%s' (%s): no answer in %d ms: channel "
			  "given up\n", c->tag, ts_virtio_where(c->dev),
			  CONFIG_DRIVER_VIRTIO_9P_TIMEOUT_MS);
		c->broken = 1;
		ts_virtio_fail(c->dev);
		return -EIO;
	}
	if (rc < 0)
		return rc;
	/* The host says how much it wrote: never more than the room. */
	if (len > reply_max)
		return -EIO;
	*reply_len = len;
	return 0;
}

static int setup(struct v9p *c, struct ts_virtio_dev *d)
{
	uint64_t got;
	uint16_t len;
	int rc;

	c->dev = d;
	rc = ts_virtio_negotiate(d, VIRTIO_9P_MOUNT_TAG, &got);
	if (rc)
		return rc;
	if (!(got & VIRTIO_9P_MOUNT_TAG) ||
	    ts_virtio_config_read(d, 0, &len, 2) || !len || len > TAG_MAX ||
	    ts_virtio_config_read(d, 2, c->tag, len)) {
		ts_printk("virtio: 9p at %s: no usable mount tag: left out\n",
			  ts_virtio_where(d));
		ts_virtio_fail(d);
		return -ENODEV;
	}
	c->tag[len] = '\0';
	if (strlen(c->tag) != len) {
		ts_printk("virtio: 9p at %s: a NUL in the mount tag: left "
			  "out\n", ts_virtio_where(d));
		ts_virtio_fail(d);
		return -ENODEV;
	}
	rc = ts_virtq_setup(d, 0, &c->q);
	if (rc) {
		ts_printk("virtio: 9p '%s' at %s: no request queue\n", c->tag,
			  ts_virtio_where(d));
		ts_virtio_fail(d);
		return rc;
	}
	ts_virtio_ready(d);
	c->t.tag = c->tag;
	c->t.request = v9p_request;
	c->t.priv = c;
	ts_9p_transport_register(&c->t);
	return 0;
}

static int virtio_9p_init(void)
{
	struct ts_virtio_dev *d;
	unsigned int i, n = 0;

	for (i = 0; (d = ts_virtio_find(TS_VIRTIO_ID_9P, i)); i++) {
		if (n == MAX_DEVICES) {
			ts_printk("virtio: more than %d 9p devices: %s left "
				  "out\n", MAX_DEVICES, ts_virtio_where(d));
			continue;
		}
		if (!setup(&chans[n], d))
			n++;
	}
	return 0;
}
TS_INIT(virtio_9p_init, TS_INIT_PLAT);
