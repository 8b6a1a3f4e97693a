/* The transports drivers register (virtio-9p devices), by mount tag. */
#include <string.h>
#include <ts/9p.h>

static struct ts_9p_transport *first;

void ts_9p_transport_register(struct ts_9p_transport *t)
{
	struct ts_9p_transport **p = &first;

	/* In the order found, so that "the first" is the first device. */
	while (*p)
		p = &(*p)->next;
	t->next = NULL;
	*p = t;
}

struct ts_9p_transport *ts_9p_transport_find(const char *tag)
{
	struct ts_9p_transport *t;

	for (t = first; t; t = t->next)
		if (tag ? !strcmp(t->tag, tag) : !t->owner)
			return t;
	return NULL;
}
