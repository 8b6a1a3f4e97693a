/* virtio-pci, modern interface (virtio 1.x, 4.1): devices on PCI bus 0
 * found through configuration mechanism #1 (ports 0xCF8/0xCFC, as on
 * QEMU's pc machine), their structures located by vendor capabilities
 * and mapped from the BARs the firmware assigned. */
#include <stdio.h>
#include <ts/arch/mmu.h>
#include <ts/arch/x86.h>
#include <ts/plat/console.h>
#include "internal.h"

#define PCI_ADDR	0xcf8
#define PCI_DATA	0xcfc

#define VIRTIO_VENDOR	0x1af4
#define MAX_CAP_LEN	(1u << 20)

/* Config space: the header and the capability list. */
#define PCI_VENDOR	0x00
#define PCI_COMMAND	0x04
#define PCI_STATUS	0x06
#define PCI_HEADER	0x0e
#define PCI_BAR0	0x10
#define PCI_SUBSYS_ID	0x2e
#define PCI_CAP_PTR	0x34
#define PCI_CMD_MEM	0x2
#define PCI_CMD_MASTER	0x4
#define PCI_STATUS_CAPS	0x10
#define PCI_CAP_VENDOR	0x09

/* virtio_pci_cap.cfg_type */
#define CAP_COMMON	1
#define CAP_NOTIFY	2
#define CAP_ISR		3
#define CAP_DEVICE	4

/* struct virtio_pci_common_cfg */
#define C_DFSELECT	0x00
#define C_DF		0x04
#define C_GFSELECT	0x08
#define C_GF		0x0c
#define C_STATUS	0x14
#define C_GENERATION	0x15
#define C_Q_SELECT	0x16
#define C_Q_SIZE	0x18
#define C_Q_ENABLE	0x1c
#define C_Q_NOFF	0x1e
#define C_Q_DESC	0x20
#define C_Q_DRIVER	0x28
#define C_Q_DEVICE	0x30

static uint32_t cfg_addr(int bus, int dev, int fn, int off)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
	       (uint32_t)fn << 8 | (uint32_t)(off & 0xfc);
}

static uint32_t cfg_read32(int bus, int dev, int fn, int off)
{
	outl(PCI_ADDR, cfg_addr(bus, dev, fn, off));
	return inl(PCI_DATA);
}

static uint16_t cfg_read16(int bus, int dev, int fn, int off)
{
	return (uint16_t)(cfg_read32(bus, dev, fn, off) >> ((off & 2) * 8));
}

static uint8_t cfg_read8(int bus, int dev, int fn, int off)
{
	return (uint8_t)(cfg_read32(bus, dev, fn, off) >> ((off & 3) * 8));
}

static void cfg_write16(int bus, int dev, int fn, int off, uint16_t v)
{
	outl(PCI_ADDR, cfg_addr(bus, dev, fn, off));
	outw((uint16_t)(PCI_DATA + (off & 2)), v);
}

/* A memory BAR's address, 0 when it is an I/O BAR or unassigned. */
static uint64_t bar_addr(int bus, int dev, int fn, int bar)
{
	uint32_t lo = cfg_read32(bus, dev, fn, PCI_BAR0 + 4 * bar);
	uint64_t a;

	if (bar > 5 || (lo & 1))
		return 0;
	a = lo & ~0xfULL;
	if (((lo >> 1) & 3) == 2 && bar < 5)
		a |= (uint64_t)cfg_read32(bus, dev, fn,
					  PCI_BAR0 + 4 * (bar + 1)) << 32;
	return a;
}

/* ---- the transport ------------------------------------------------- */

static uint8_t p_status_get(struct ts_virtio_dev *d)
{
	return rd8(d->common, C_STATUS);
}

static void p_status_set(struct ts_virtio_dev *d, uint8_t s)
{
	wr8(d->common, C_STATUS, s);
}

static uint64_t p_features_get(struct ts_virtio_dev *d)
{
	uint64_t f;

	wr32(d->common, C_DFSELECT, 0);
	f = rd32(d->common, C_DF);
	wr32(d->common, C_DFSELECT, 1);
	return f | (uint64_t)rd32(d->common, C_DF) << 32;
}

static void p_features_set(struct ts_virtio_dev *d, uint64_t f)
{
	wr32(d->common, C_GFSELECT, 0);
	wr32(d->common, C_GF, (uint32_t)f);
	wr32(d->common, C_GFSELECT, 1);
	wr32(d->common, C_GF, (uint32_t)(f >> 32));
}

static uint32_t p_generation(struct ts_virtio_dev *d)
{
	return rd8(d->common, C_GENERATION);
}

static uint8_t p_config_byte(struct ts_virtio_dev *d, uint32_t off)
{
	return rd8(d->device, off);
}

static uint16_t p_queue_max(struct ts_virtio_dev *d, uint16_t index)
{
	wr16(d->common, C_Q_SELECT, index);
	return rd16(d->common, C_Q_SIZE);
}

static void wr64(volatile uint8_t *b, uint32_t off, uint64_t v)
{
	wr32(b, off, (uint32_t)v);
	wr32(b, off + 4, (uint32_t)(v >> 32));
}

static int p_queue_enable(struct ts_virtio_dev *d, struct ts_virtq *q)
{
	wr16(d->common, C_Q_SELECT, q->index);
	wr16(d->common, C_Q_SIZE, q->size);
	wr64(d->common, C_Q_DESC, (uintptr_t)q->desc);
	wr64(d->common, C_Q_DRIVER, (uintptr_t)&q->avail);
	wr64(d->common, C_Q_DEVICE, (uintptr_t)&q->used);
	q->notify = d->notify_base +
		    (uint32_t)rd16(d->common, C_Q_NOFF) * d->notify_mult;
	wr16(d->common, C_Q_ENABLE, 1);
	return 0;
}

static void p_notify(struct ts_virtio_dev *d, struct ts_virtq *q)
{
	(void)d;
	*(volatile uint16_t *)q->notify = q->index;
}

static const struct virtio_transport pci_transport = {
	.status_get = p_status_get,
	.status_set = p_status_set,
	.features_get = p_features_get,
	.features_set = p_features_set,
	.config_generation = p_generation,
	.config_byte = p_config_byte,
	.queue_max = p_queue_max,
	.queue_enable = p_queue_enable,
	.notify = p_notify,
};

/* ---- probing ------------------------------------------------------- */

/* The structure a capability at off points to, mapped; NULL (with a
 * message) when its BAR is not a memory BAR the firmware assigned. */
static volatile uint8_t *cap_map(struct ts_virtio_dev *d, int bus, int dev,
				 int fn, int off, uint32_t *lenp)
{
	int bar = cfg_read8(bus, dev, fn, off + 4);
	uint32_t where = cfg_read32(bus, dev, fn, off + 8);
	uint32_t len = cfg_read32(bus, dev, fn, off + 12);
	uint64_t base = bar_addr(bus, dev, fn, bar);
	int rc;

	if (!base) {
		ts_printk("virtio: %s: BAR %d is not an assigned memory BAR\n",
			  d->where, bar);
		return NULL;
	}
	/* QEMU's structures are a few KiB: a larger one is a broken
	 * device, not something to map. */
	if (len > MAX_CAP_LEN || base + where < base) {
		ts_printk("virtio: %s: capability of %u bytes at BAR %d: left "
			  "out\n", d->where, len, bar);
		return NULL;
	}
	rc = ts_arch_mmu_map_device(base + where, len);
	if (rc) {
		ts_printk("virtio: %s: cannot map BAR %d at %#llx (%d)\n",
			  d->where, bar, (unsigned long long)(base + where),
			  rc);
		return NULL;
	}
	if (lenp)
		*lenp = len;
	return (volatile uint8_t *)(uintptr_t)(base + where);
}

static void probe_fn(int bus, int dev, int fn)
{
	uint32_t id = cfg_read32(bus, dev, fn, PCI_VENDOR);
	uint16_t devid = (uint16_t)(id >> 16);
	struct ts_virtio_dev *d, tmp = { 0 };
	uint32_t type;
	int off, guard = 48;

	if ((id & 0xffff) != VIRTIO_VENDOR || devid < 0x1000 || devid > 0x107f)
		return;
	/* Transitional devices (0x1000-0x103f) say their type in the
	 * subsystem id; modern ones in the device id. */
	type = devid >= 0x1040 ? devid - 0x1040u :
	       cfg_read16(bus, dev, fn, PCI_SUBSYS_ID);
	snprintf(tmp.where, sizeof(tmp.where), "pci %02x:%02x.%x", bus, dev,
		 fn);
	if (!(cfg_read16(bus, dev, fn, PCI_STATUS) & PCI_STATUS_CAPS)) {
		ts_printk("virtio: %s: legacy device only: left out\n",
			  tmp.where);
		return;
	}
	tmp.t = &pci_transport;
	tmp.id = type;
	for (off = cfg_read8(bus, dev, fn, PCI_CAP_PTR) & 0xfc;
	     off && guard--; off = cfg_read8(bus, dev, fn, off + 1) & 0xfc) {
		uint8_t kind;

		if (cfg_read8(bus, dev, fn, off) != PCI_CAP_VENDOR)
			continue;
		kind = cfg_read8(bus, dev, fn, off + 3);
		/* The first of each kind is the one to use (4.1.4). */
		if (kind == CAP_COMMON && !tmp.common)
			tmp.common = cap_map(&tmp, bus, dev, fn, off, NULL);
		else if (kind == CAP_NOTIFY && !tmp.notify_base) {
			tmp.notify_base = cap_map(&tmp, bus, dev, fn, off,
						  NULL);
			tmp.notify_mult = cfg_read32(bus, dev, fn, off + 16);
		} else if (kind == CAP_ISR && !tmp.isr)
			tmp.isr = cap_map(&tmp, bus, dev, fn, off, NULL);
		else if (kind == CAP_DEVICE && !tmp.device)
			tmp.device = cap_map(&tmp, bus, dev, fn, off,
					     &tmp.config_len);
	}
	if (!tmp.common || !tmp.notify_base) {
		ts_printk("virtio: %s: no modern (virtio 1.x) interface: left "
			  "out\n", tmp.where);
		return;
	}
	d = virtio_dev_new();
	if (!d)
		return;
	*d = tmp;
	/* Memory decoding and bus mastering (DMA to the rings) on. */
	cfg_write16(bus, dev, fn, PCI_COMMAND,
		    cfg_read16(bus, dev, fn, PCI_COMMAND) | PCI_CMD_MEM |
		    PCI_CMD_MASTER);
}

void virtio_pci_probe(void)
{
	int dev, fn;

	for (dev = 0; dev < 32; dev++) {
		if ((cfg_read32(0, dev, 0, PCI_VENDOR) & 0xffff) == 0xffff)
			continue;
		for (fn = 0; fn < 8; fn++) {
			if (fn && !(cfg_read8(0, dev, 0, PCI_HEADER) & 0x80))
				break;
			probe_fn(0, dev, fn);
		}
	}
}
