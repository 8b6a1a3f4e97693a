/* virtio-pci, modern interface (virtio 1.x, 4.1): devices on PCI bus 0
 * found through configuration mechanism #1 (ports 0xCF8/0xCFC, as on
 * QEMU's pc machine), their structures located by vendor capabilities
 * and mapped from the BARs the firmware assigned. */
#include <errno.h>
#include <stdio.h>
#include <ts/arch/irq.h>
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
#define PCI_CAP_MSIX	0x11

/* The MSI-X capability: message control (table size - 1, function
 * mask, enable), the table's BAR and offset; 16-byte table entries. */
#define MSIX_CTRL	2
#define MSIX_TABLE	4
#define MSIX_CTRL_SIZE	0x7ff
#define MSIX_CTRL_MASK	(1u << 14)
#define MSIX_CTRL_ON	(1u << 15)
#define MSIX_E_ADDR_LO	0
#define MSIX_E_ADDR_HI	4
#define MSIX_E_DATA	8
#define MSIX_E_CTRL	12
#define MSIX_E_MASKED	1
/* x86 MSI: a write to the local APIC's window, destination in bits
 * 19:12; the data is the vector (fixed delivery, edge). */
#define MSI_ADDR_BASE	0xfee00000u
#define VIRTIO_NO_VECTOR 0xffff

/* virtio_pci_cap.cfg_type */
#define CAP_COMMON	1
#define CAP_NOTIFY	2
#define CAP_ISR		3
#define CAP_DEVICE	4

/* struct virtio_pci_common_cfg */
#define C_MSIX_CONFIG	0x10
#define C_Q_MSIX	0x1a
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
	/* Interrupts taken (ts_virtio_irq_init): the queues' MSI-X entry,
	 * 0. The device says NO_VECTOR when it cannot take it. */
	if (d->irq_on) {
		wr16(d->common, C_Q_MSIX, 0);
		if (rd16(d->common, C_Q_MSIX) != 0)
			ts_printk("virtio: %s: queue %u refuses its MSI-X "
				  "vector: no interrupts from it\n", d->where,
				  q->index);
	}
	wr16(d->common, C_Q_ENABLE, 1);
	return 0;
}

static void p_notify(struct ts_virtio_dev *d, struct ts_virtq *q)
{
	(void)d;
	*(volatile uint16_t *)q->notify = q->index;
}

static void cfg_write16_d(struct ts_virtio_dev *d, int off, uint16_t v)
{
	cfg_write16(d->pci_bus, d->pci_dev, d->pci_fn, off, v);
}

static uint16_t cfg_read16_d(struct ts_virtio_dev *d, int off)
{
	return cfg_read16(d->pci_bus, d->pci_dev, d->pci_fn, off);
}

/* The queues' vector (entry 0) and the configuration's (entry 1, or
 * entry 0 too when the table has one entry). */
static void msix_queues_irq(void *arg, struct ts_regs *regs)
{
	struct ts_virtio_dev *d = arg;

	(void)regs;
	virtio_irq_queues(d);
	if (d->vec_config == d->vec_queues)
		virtio_irq_config(d);
}

static void msix_config_irq(void *arg, struct ts_regs *regs)
{
	(void)regs;
	virtio_irq_config(arg);
}

/* The first free device vector for fn, or 0 when none is left. */
static uint8_t take_vector(ts_arch_irq_fn fn, void *arg)
{
	unsigned int v;

	for (v = TS_X86_VEC_DEV_FIRST; v <= TS_X86_VEC_DEV_LAST; v++)
		if (!ts_arch_irq_set_handler(v, fn, arg))
			return (uint8_t)v;
	return 0;
}

static void msix_entry(struct ts_virtio_dev *d, unsigned int i, uint8_t vec)
{
	volatile uint8_t *e = d->msix_table + 16 * i;
	uint32_t a, b, c, dx, apic;

	/* The boot CPU's local APIC id (CPUID 1, EBX 31:24). */
	cpuid(1, 0, &a, &b, &c, &dx);
	apic = b >> 24;
	wr32(e, MSIX_E_CTRL, MSIX_E_MASKED);
	wr32(e, MSIX_E_ADDR_LO, MSI_ADDR_BASE | apic << 12);
	wr32(e, MSIX_E_ADDR_HI, 0);
	wr32(e, MSIX_E_DATA, vec);
	wr32(e, MSIX_E_CTRL, 0);
}

static int p_irq_init(struct ts_virtio_dev *d)
{
	uint16_t ctrl;

	if (!d->msix_table || !d->msix_size) {
		ts_printk("virtio: %s: no MSI-X: polled\n", d->where);
		return -ENODEV;
	}
	d->vec_queues = take_vector(msix_queues_irq, d);
	d->vec_config = d->msix_size > 1 ?
			take_vector(msix_config_irq, d) : d->vec_queues;
	if (!d->vec_queues || !d->vec_config) {
		ts_printk("virtio: %s: no free interrupt vector: polled\n",
			  d->where);
		if (d->vec_queues)
			ts_arch_irq_set_handler(d->vec_queues, NULL, NULL);
		return -ENODEV;
	}
	msix_entry(d, 0, d->vec_queues);
	if (d->msix_size > 1)
		msix_entry(d, 1, d->vec_config);
	/* MSI-X on (and INTx off with it), the function unmasked; then the
	 * device is told which entry each source uses. */
	ctrl = cfg_read16_d(d, d->msix_cap + MSIX_CTRL);
	ctrl = (uint16_t)((ctrl | MSIX_CTRL_ON) & ~MSIX_CTRL_MASK);
	cfg_write16_d(d, d->msix_cap + MSIX_CTRL, ctrl);
	wr16(d->common, C_MSIX_CONFIG, d->msix_size > 1 ? 1 : 0);
	if (rd16(d->common, C_MSIX_CONFIG) == VIRTIO_NO_VECTOR)
		ts_printk("virtio: %s: the configuration refuses its MSI-X "
			  "vector: no link-change interrupts\n", d->where);
	return 0;
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
	.irq_init = p_irq_init,
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

/* The MSI-X table, mapped now (page tables may be had only at probe
 * time); left unused (polled) when its BAR is not usable. */
static void msix_map(struct ts_virtio_dev *d)
{
	uint32_t t = cfg_read32(d->pci_bus, d->pci_dev, d->pci_fn,
				d->msix_cap + MSIX_TABLE);
	uint16_t size = (uint16_t)((cfg_read16(d->pci_bus, d->pci_dev,
					       d->pci_fn,
					       d->msix_cap + MSIX_CTRL) &
				    MSIX_CTRL_SIZE) + 1);
	uint64_t base = bar_addr(d->pci_bus, d->pci_dev, d->pci_fn,
				 (int)(t & 7));

	if (!base || (t & 7) > 5) {
		ts_printk("virtio: %s: MSI-X table in BAR %u, not an assigned "
			  "memory BAR: polled\n", d->where, t & 7);
		return;
	}
	base += t & ~7u;
	if (ts_arch_mmu_map_device(base, 16u * size)) {
		ts_printk("virtio: %s: cannot map the MSI-X table\n",
			  d->where);
		return;
	}
	d->msix_table = (volatile uint8_t *)(uintptr_t)base;
	d->msix_size = size;
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

		if (cfg_read8(bus, dev, fn, off) == PCI_CAP_MSIX &&
		    !tmp.msix_cap) {
			tmp.msix_cap = off;
			continue;
		}
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
	tmp.pci_bus = bus;
	tmp.pci_dev = dev;
	tmp.pci_fn = fn;
	if (tmp.msix_cap)
		msix_map(&tmp);
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
