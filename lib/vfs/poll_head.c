/* Poll heads (<ts/vfs.h>): the list of waiters a file wakes when its
 * state changes. Interrupts are off while the list changes or is
 * walked: a driver's interrupt handler may notify. */
#include <stddef.h>
#include <ts/arch/irq_save.h>
#include <ts/vfs.h>

void ts_poll_head_init(struct ts_poll_head *h)
{
	h->list.next = h->list.prev = &h->list;
	h->list.head = h;
	h->list.wake = NULL;
}

void ts_poll_add(struct ts_poll_head *h, struct ts_poll_entry *e)
{
	int on = ts_arch_irq_save();

	e->head = h;
	e->prev = h->list.prev;
	e->next = &h->list;
	h->list.prev->next = e;
	h->list.prev = e;
	ts_arch_irq_restore(on);
}

void ts_poll_del(struct ts_poll_entry *e)
{
	int on = ts_arch_irq_save();

	if (e->head) {
		e->prev->next = e->next;
		e->next->prev = e->prev;
		e->next = e->prev = NULL;
		e->head = NULL;
	}
	ts_arch_irq_restore(on);
}

void ts_poll_notify(struct ts_poll_head *h, unsigned int events)
{
	int on = ts_arch_irq_save();
	struct ts_poll_entry *e, *next;

	/* next is read first: a wake() may take its own entry off. */
	for (e = h->list.next; e != &h->list; e = next) {
		next = e->next;
		e->wake(e, events);
	}
	ts_arch_irq_restore(on);
}
