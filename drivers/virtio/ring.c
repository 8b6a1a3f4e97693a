/* Split virtqueues (virtio 1.x, 2.7): descriptors chained from a free
 * list, the available ring the driver fills, the used ring the device
 * fills. One driver thread per queue. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <ts/plat/time.h>
#include "internal.h"

int ts_virtq_setup(struct ts_virtio_dev *d, uint16_t index, struct ts_virtq *q)
{
	uint16_t max = d->t->queue_max(d, index), i;

	if (!max)
		return -ENOENT;
	memset(q, 0, sizeof(*q));
	q->dev = d;
	q->index = index;
	/* A power of two, as split queues need. */
	q->size = TS_VIRTQ_MAX;
	while (q->size > max)
		q->size >>= 1;
	for (i = 0; i < q->size; i++)
		q->desc[i].next = (uint16_t)(i + 1);
	q->num_free = q->size;
	/* Polled until the driver asks for interrupts (ts_virtq_irq_on). */
	q->avail.flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	/* Known to the interrupt handler, whether or not it gets one. */
	for (i = 0; i < VIRTIO_MAX_QUEUES; i++)
		if (!d->queues[i] || d->queues[i]->index == index) {
			d->queues[i] = q;
			break;
		}
	return d->t->queue_enable(d, q);
}

void ts_virtq_set_handler(struct ts_virtq *q, ts_virtio_irq_fn fn, void *arg)
{
	q->handler = NULL;
	q->handler_arg = arg;
	virtio_mb();
	q->handler = fn;
}

int ts_virtq_pending(const struct ts_virtq *q)
{
	return q->used.idx != q->last_used;
}

int ts_virtq_irq_on(struct ts_virtq *q)
{
	q->avail.flags = 0;
	/* The flag before the index is read again: a chain used before
	 * the device saw the flag raises no interrupt. */
	virtio_mb();
	return ts_virtq_pending(q);
}

void ts_virtq_irq_off(struct ts_virtq *q)
{
	q->avail.flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
}

int ts_virtq_add(struct ts_virtq *q, const struct ts_virtq_buf *bufs,
		 unsigned int out_n, unsigned int in_n)
{
	unsigned int n = out_n + in_n, i;
	uint16_t head = q->free_head, cur = head;

	if (!n)
		return -EINVAL;
	if (n > q->num_free)
		return -ENOSPC;
	for (i = 0; i < n; i++) {
		struct ts_virtq_desc *dsc = &q->desc[cur];

		dsc->addr = (uint64_t)(uintptr_t)bufs[i].addr;
		dsc->len = bufs[i].len;
		dsc->flags = (uint16_t)((i >= out_n ? VIRTQ_DESC_F_WRITE : 0) |
					(i + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		cur = dsc->next;
	}
	q->free_head = cur;
	q->num_free = (uint16_t)(q->num_free - n);
	q->avail.ring[q->avail.idx & (q->size - 1)] = head;
	/* The descriptors and the ring entry before the index. */
	virtio_mb();
	q->avail.idx++;
	return head;
}

void ts_virtq_kick(struct ts_virtq *q)
{
	virtio_mb();
	q->dev->t->notify(q->dev, q);
}

int ts_virtq_get(struct ts_virtq *q, uint32_t *len)
{
	uint16_t head, i, n = 1;

	if (q->used.idx == q->last_used)
		return -EAGAIN;
	/* The index before the entry it publishes. */
	virtio_mb();
	head = (uint16_t)q->used.ring[q->last_used & (q->size - 1)].id;
	if (len)
		*len = q->used.ring[q->last_used & (q->size - 1)].len;
	q->last_used++;
	if (head >= q->size)
		return -EIO;	/* a device that names no chain of ours */
	/* Back on the free list, chain and all. */
	for (i = head; q->desc[i].flags & VIRTQ_DESC_F_NEXT &&
	     n < q->size; i = q->desc[i].next)
		n++;
	q->desc[i].next = q->free_head;
	q->free_head = head;
	q->num_free = (uint16_t)(q->num_free + n);
	return head;
}

int ts_virtq_wait(struct ts_virtq *q, uint64_t deadline_ns, uint32_t *len)
{
	int rc;

	while ((rc = ts_virtq_get(q, len)) == -EAGAIN)
		if (ts_plat_time_ns() >= deadline_ns)
			return -ETIMEDOUT;
	return rc;
}
