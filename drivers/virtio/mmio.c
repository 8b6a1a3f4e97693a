/* virtio-mmio version 2 (virtio 1.x, 4.2): the device tree's
 * "virtio,mmio" nodes (QEMU's virt board has 32 transports from
 * 0x0a000000, most of them empty). Version 1 is the legacy interface,
 * which QEMU offers unless told -global virtio-mmio.force-legacy=false:
 * such a device is named and left out. */
#include <errno.h>
#include <stdio.h>
#include <ts/arch/irq.h>
#include <ts/arch/mmu.h>
#include <ts/fdt.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include "internal.h"

#define M_MAGIC		0x000
#define M_VERSION	0x004
#define M_DEVICE_ID	0x008
#define M_DF		0x010
#define M_DFSEL		0x014
#define M_GF		0x020
#define M_GFSEL		0x024
#define M_QSEL		0x030
#define M_QNUM_MAX	0x034
#define M_QNUM		0x038
#define M_QREADY	0x044
#define M_QNOTIFY	0x050
#define M_INT_STATUS	0x060
#define M_INT_ACK	0x064
#define M_STATUS	0x070
#define M_QDESC		0x080
#define M_QDRIVER	0x090
#define M_QDEVICE	0x0a0
#define M_GENERATION	0x0fc
#define M_CONFIG	0x100

#define MAGIC		0x74726976	/* "virt" */
#define INT_USED	1	/* a queue's used ring changed */
#define INT_CONFIG	2	/* the configuration changed */

static uint8_t m_status_get(struct ts_virtio_dev *d)
{
	return (uint8_t)rd32(d->mmio, M_STATUS);
}

static void m_status_set(struct ts_virtio_dev *d, uint8_t s)
{
	wr32(d->mmio, M_STATUS, s);
}

static uint64_t m_features_get(struct ts_virtio_dev *d)
{
	uint64_t f;

	wr32(d->mmio, M_DFSEL, 0);
	f = rd32(d->mmio, M_DF);
	wr32(d->mmio, M_DFSEL, 1);
	return f | (uint64_t)rd32(d->mmio, M_DF) << 32;
}

static void m_features_set(struct ts_virtio_dev *d, uint64_t f)
{
	wr32(d->mmio, M_GFSEL, 0);
	wr32(d->mmio, M_GF, (uint32_t)f);
	wr32(d->mmio, M_GFSEL, 1);
	wr32(d->mmio, M_GF, (uint32_t)(f >> 32));
}

static uint32_t m_generation(struct ts_virtio_dev *d)
{
	return rd32(d->mmio, M_GENERATION);
}

static uint8_t m_config_byte(struct ts_virtio_dev *d, uint32_t off)
{
	return rd8(d->mmio, M_CONFIG + off);
}

static uint16_t m_queue_max(struct ts_virtio_dev *d, uint16_t index)
{
	wr32(d->mmio, M_QSEL, index);
	if (rd32(d->mmio, M_QREADY))
		return 0;	/* in use: not ours to set up */
	return (uint16_t)rd32(d->mmio, M_QNUM_MAX);
}

static void wr64(volatile uint8_t *b, uint32_t off, uint64_t v)
{
	wr32(b, off, (uint32_t)v);
	wr32(b, off + 4, (uint32_t)(v >> 32));
}

static int m_queue_enable(struct ts_virtio_dev *d, struct ts_virtq *q)
{
	wr32(d->mmio, M_QSEL, q->index);
	wr32(d->mmio, M_QNUM, q->size);
	wr64(d->mmio, M_QDESC, (uintptr_t)q->desc);
	wr64(d->mmio, M_QDRIVER, (uintptr_t)&q->avail);
	wr64(d->mmio, M_QDEVICE, (uintptr_t)&q->used);
	wr32(d->mmio, M_QREADY, 1);
	return 0;
}

static void m_notify(struct ts_virtio_dev *d, struct ts_virtq *q)
{
	wr32(d->mmio, M_QNOTIFY, q->index);
}

/* Acknowledged before the handlers look at the rings: a chain used
 * after that raises the interrupt again. */
static void m_irq(void *arg, struct ts_regs *regs)
{
	struct ts_virtio_dev *d = arg;
	uint32_t st = rd32(d->mmio, M_INT_STATUS);

	(void)regs;
	wr32(d->mmio, M_INT_ACK, st);
	if (st & INT_USED)
		virtio_irq_queues(d);
	if (st & INT_CONFIG)
		virtio_irq_config(d);
}

static int m_irq_init(struct ts_virtio_dev *d)
{
	int rc;

	if (!d->intid) {
		ts_printk("virtio: %s: no SPI in the device tree: polled\n",
			  d->where);
		return -ENODEV;
	}
	rc = ts_arch_irq_set_handler(d->intid, m_irq, d);
	if (!rc) {
		rc = ts_gic_enable(d->intid, d->intid_edge);
		if (rc)
			ts_arch_irq_set_handler(d->intid, NULL, NULL);
	}
	if (rc) {
		ts_printk("virtio: %s: cannot take INTID %u (%d): polled\n",
			  d->where, d->intid, rc);
		return -ENODEV;
	}
	return 0;
}

static const struct virtio_transport mmio_transport = {
	.status_get = m_status_get,
	.status_set = m_status_set,
	.features_get = m_features_get,
	.features_set = m_features_set,
	.config_generation = m_generation,
	.config_byte = m_config_byte,
	.queue_max = m_queue_max,
	.queue_enable = m_queue_enable,
	.notify = m_notify,
	.irq_init = m_irq_init,
};

static void probe_node(const struct ts_fdt *fdt, int n)
{
	struct ts_virtio_dev *d;
	volatile uint8_t *regs;
	uint64_t base, size;
	uint32_t version, id;
	const void *irqs;
	int len;

	if (ts_fdt_reg(fdt, n, 0, &base, &size) || size < M_CONFIG)
		return;
	if (ts_arch_mmu_map_device(base, size)) {
		ts_printk("virtio: mmio %#llx: cannot map it\n",
			  (unsigned long long)base);
		return;
	}
	regs = (volatile uint8_t *)(uintptr_t)base;
	if (rd32(regs, M_MAGIC) != MAGIC)
		return;
	version = rd32(regs, M_VERSION);
	id = rd32(regs, M_DEVICE_ID);
	if (!id)
		return;		/* an empty transport */
	if (version != 2) {
		ts_printk("virtio: mmio %#llx: device %u has the legacy "
			  "interface (version %u), not virtio 1.x: left out "
			  "(QEMU: -global virtio-mmio.force-legacy=false)\n",
			  (unsigned long long)base, id, version);
		return;
	}
	d = virtio_dev_new();
	if (!d)
		return;
	d->t = &mmio_transport;
	d->id = id;
	d->mmio = regs;
	d->config_len = (uint32_t)size - M_CONFIG;
	snprintf(d->where, sizeof(d->where), "mmio %#llx",
		 (unsigned long long)base);
	/* The GIC's three cells <type number flags>: type 0 is an SPI,
	 * INTID number + 32; flags 1 and 2 are edges, 4 and 8 levels. */
	irqs = ts_fdt_getprop(fdt, n, "interrupts", &len);
	if (irqs && len == 12 && ts_fdt_cell(irqs, len, 0) == 0 &&
	    ts_fdt_cell(irqs, len, 1) < 988) {
		d->intid = 32 + ts_fdt_cell(irqs, len, 1);
		d->intid_edge = (ts_fdt_cell(irqs, len, 2) & 3) != 0;
	}
}

void virtio_mmio_probe(void)
{
	const struct ts_fdt *fdt = ts_plat_devtree();
	int n = -1;

	if (!fdt)
		return;
	while ((n = ts_fdt_find_compatible(fdt, n, "virtio,mmio")) >= 0)
		if (ts_fdt_is_enabled(fdt, n))
			probe_node(fdt, n);
}
