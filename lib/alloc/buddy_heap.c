/* Buddy backend: the malloc family straight on the buddy allocator, whose
 * smallest block is then 32 bytes. Each block is a power of two with a
 * 16-byte header in front of the caller's pointer; simple and free of
 * external fragmentation at the price of up to half a block of slack.
 */
#include "backend.h"

/* Just before each pointer handed out. */
struct header {
	uint64_t offset;	/* from the block's start to the pointer */
	uint64_t order;
};

const char ts_alloc_backend[] = "buddy";

static struct header *header_of(const void *p)
{
	return (struct header *)p - 1;
}

static unsigned int order_for(size_t bytes)
{
	unsigned int order = (unsigned int)ceil_log2(bytes);

	return order < BUDDY_MIN_ORDER ? BUDDY_MIN_ORDER : order;
}

static void *place(uint8_t *block, unsigned int order, size_t offset,
		   size_t *usable)
{
	struct header *h;

	if (!block)
		return NULL;
	h = header_of(block + offset);
	h->order = order;
	h->offset = offset;
	*usable = ((size_t)1 << order) - offset;
	return block + offset;
}

void *heap_alloc(size_t size, size_t *usable)
{
	unsigned int order;

	if (size > ALLOC_REQUEST_MAX)
		return NULL;
	order = order_for(size + sizeof(struct header));
	return place(buddy_alloc(order), order, sizeof(struct header), usable);
}

/* A block of order k is aligned to 2^k, so with the pointer align bytes
 * into a block of at least align + size bytes, it is aligned too. */
void *heap_alloc_aligned(size_t align, size_t size, size_t *usable)
{
	unsigned int order;

	if (size > ALLOC_REQUEST_MAX || align > ALLOC_REQUEST_MAX)
		return NULL;
	order = order_for(size + align);
	return place(buddy_alloc(order), order, align, usable);
}

size_t heap_free(void *p)
{
	const struct header *h = header_of(p);
	size_t usable = ((size_t)1 << h->order) - h->offset;

	buddy_free((uint8_t *)p - h->offset, (unsigned int)h->order);
	return usable;
}

size_t heap_usable_size(const void *p)
{
	const struct header *h = header_of(p);

	return ((size_t)1 << h->order) - h->offset;
}

bool heap_resize(void *p, size_t size)
{
	struct header *h = header_of(p);
	unsigned int order;

	if (size > ALLOC_REQUEST_MAX)
		return false;
	order = order_for(size + h->offset);
	if (order == h->order)
		return true;
	if (!buddy_resize((uint8_t *)p - h->offset, (unsigned int)h->order,
			  order))
		return false;
	h->order = order;
	return true;
}

size_t heap_free_bytes(void)
{
	return 0;
}

void heap_reset(void)
{
}

void heap_flush(void)
{
}

const char *heap_check(struct heap_report *r)
{
	r->free_blocks = r->used_blocks = r->largest_free = 0;
	r->pools = 0;
	for (unsigned int k = BUDDY_MIN_ORDER; k <= BUDDY_MAX_ORDER; k++) {
		size_t n = buddy_count_free(k);

		r->free_blocks += n;
		if (n)
			r->largest_free = (size_t)1 << k;
	}
	return buddy_check();
}
