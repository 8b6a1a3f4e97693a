/* What every virtio device shares whatever its transport: the table of
 * devices found, feature negotiation, the configuration space, status. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <ts/init.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include "internal.h"

#define RESET_TIMEOUT_NS	1000000000ULL

static struct ts_virtio_dev devices[VIRTIO_MAX_DEVICES];
static unsigned int ndevices;
static int probed;

struct ts_virtio_dev *virtio_dev_new(void)
{
	if (ndevices == VIRTIO_MAX_DEVICES) {
		ts_printk("virtio: more than %d devices: the others are left "
			  "out\n", VIRTIO_MAX_DEVICES);
		return NULL;
	}
	return &devices[ndevices++];
}

__attribute__((weak)) void virtio_pci_probe(void)
{
}

__attribute__((weak)) void virtio_mmio_probe(void)
{
}

/* Before the allocator takes the free RAM (TS_INIT_MEM): mapping the
 * devices' registers may need page tables, which the boot source still
 * gives then (<ts/arch/mmu.h>). */
static int virtio_probe(void)
{
	if (!probed) {
		probed = 1;
		virtio_pci_probe();
		virtio_mmio_probe();
	}
	return 0;
}
TS_INIT(virtio_probe, TS_INIT_PLAT);

struct ts_virtio_dev *ts_virtio_find(uint32_t id, unsigned int n)
{
	unsigned int i;

	virtio_probe();
	for (i = 0; i < ndevices; i++)
		if (devices[i].id == id && n-- == 0)
			return &devices[i];
	return NULL;
}

const char *ts_virtio_where(const struct ts_virtio_dev *d)
{
	return d->where;
}

void ts_virtio_fail(struct ts_virtio_dev *d)
{
	d->t->status_set(d, d->t->status_get(d) | VIRTIO_S_FAILED);
}

int ts_virtio_negotiate(struct ts_virtio_dev *d, uint64_t wanted,
			uint64_t *got)
{
	uint64_t offered, use, deadline;

	/* Reset, and wait for it to finish (reading 0 back): a device
	 * that never does is left out, not waited for forever. */
	d->t->status_set(d, 0);
	deadline = ts_plat_time_ns() + RESET_TIMEOUT_NS;
	while (d->t->status_get(d))
		if (ts_plat_time_ns() > deadline) {
			ts_printk("virtio: %s: the device does not reset: left "
				  "out\n", d->where);
			return -ENODEV;
		}
	d->t->status_set(d, VIRTIO_S_ACKNOWLEDGE);
	d->t->status_set(d, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER);
	offered = d->t->features_get(d);
	if (!(offered & TS_VIRTIO_F_VERSION_1)) {
		ts_printk("virtio: %s: the device is not virtio 1.x "
			  "(no VERSION_1): left out\n", d->where);
		ts_virtio_fail(d);
		return -ENODEV;
	}
	use = offered & (wanted | TS_VIRTIO_F_VERSION_1);
	d->t->features_set(d, use);
	d->t->status_set(d, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER |
			    VIRTIO_S_FEATURES_OK);
	if (!(d->t->status_get(d) & VIRTIO_S_FEATURES_OK)) {
		ts_printk("virtio: %s: the device refused features %#llx\n",
			  d->where, (unsigned long long)use);
		ts_virtio_fail(d);
		return -ENODEV;
	}
	if (got)
		*got = use;
	return 0;
}

int ts_virtio_config_read(struct ts_virtio_dev *d, uint32_t off, void *buf,
			  uint32_t len)
{
	uint32_t gen, i;
	int tries = 100;

	if (off > d->config_len || len > d->config_len - off)
		return -EINVAL;
	/* The device may change its configuration while it is read: read
	 * again until the generation stays the same. */
	do {
		gen = d->t->config_generation(d);
		for (i = 0; i < len; i++)
			((uint8_t *)buf)[i] = d->t->config_byte(d, off + i);
	} while (gen != d->t->config_generation(d) && --tries);
	return tries ? 0 : -EIO;
}

void ts_virtio_ready(struct ts_virtio_dev *d)
{
	d->t->status_set(d, d->t->status_get(d) | VIRTIO_S_DRIVER_OK);
}

int ts_virtio_irq_init(struct ts_virtio_dev *d)
{
	int rc;

	if (d->irq_on)
		return 0;
	if (!d->t->irq_init)
		return -ENODEV;
	rc = d->t->irq_init(d);
	if (!rc)
		d->irq_on = 1;
	return rc;
}

void ts_virtio_set_config_handler(struct ts_virtio_dev *d, ts_virtio_irq_fn fn,
				  void *arg)
{
	d->config_fn = NULL;
	d->config_arg = arg;
	d->config_fn = fn;
}

void virtio_irq_queues(struct ts_virtio_dev *d)
{
	unsigned int i;

	for (i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		struct ts_virtq *q = d->queues[i];

		if (q && q->handler)
			q->handler(q->handler_arg);
	}
}

void virtio_irq_config(struct ts_virtio_dev *d)
{
	if (d->config_fn)
		d->config_fn(d->config_arg);
}
