/* Binary buddy allocator: the page layer of the TLSF and buddy backends.
 *
 * Each memory range handed over becomes a zone. Blocks have power-of-two
 * sizes (orders BUDDY_MIN_ORDER..BUDDY_MAX_ORDER) and are aligned to their
 * size in absolute terms, so the buddy of a block is found by flipping one
 * address bit, and a run of 2^k pages is 2^k pages aligned. A free block
 * keeps its list links and order in its own memory; the zone's bitmap (one
 * bit per smallest block, at the start of the zone) says where a free
 * block starts, so that freeing can tell a free buddy from allocated
 * memory that merely looks like one. Freeing merges with free buddies at
 * once, up to the largest order that fits the zone.
 */
#include <string.h>
#include "backend.h"

#define MAX_ZONES	8
#define MIN_SIZE	((uintptr_t)1 << BUDDY_MIN_ORDER)
#define WORD_BITS	64

struct zone {
	uintptr_t base, end;	/* managed range; the bitmap sits at base */
	uint64_t *map;
};

struct free_block {
	struct free_block *next, *prev;
	unsigned long order;
};

static struct {
	struct zone zones[MAX_ZONES];
	int nzones;
	struct free_block *heads[BUDDY_MAX_ORDER + 1];
	uint64_t nonempty;	/* bit k: heads[k] is not empty */
	size_t free_bytes, total_bytes;
} buddy;

_Static_assert(sizeof(struct free_block) <= MIN_SIZE,
	       "a free block must hold its links");

static struct zone *zone_of(uintptr_t a)
{
	for (int i = 0; i < buddy.nzones; i++)
		if (a >= buddy.zones[i].base && a < buddy.zones[i].end)
			return &buddy.zones[i];
	return NULL;
}

static inline size_t bit_of(const struct zone *z, uintptr_t a)
{
	return (a - z->base) >> BUDDY_MIN_ORDER;
}

static inline bool starts_free(const struct zone *z, uintptr_t a)
{
	size_t i = bit_of(z, a);

	return z->map[i / WORD_BITS] >> (i % WORD_BITS) & 1;
}

static inline void mark(const struct zone *z, uintptr_t a, bool on)
{
	size_t i = bit_of(z, a);
	uint64_t m = (uint64_t)1 << (i % WORD_BITS);

	if (on)
		z->map[i / WORD_BITS] |= m;
	else
		z->map[i / WORD_BITS] &= ~m;
}

static void push(const struct zone *z, uintptr_t a, unsigned int order)
{
	struct free_block *b = (struct free_block *)a;
	struct free_block *h = buddy.heads[order];

	b->order = order;
	b->prev = NULL;
	b->next = h;
	if (h)
		h->prev = b;
	buddy.heads[order] = b;
	buddy.nonempty |= (uint64_t)1 << order;
	mark(z, a, true);
	buddy.free_bytes += (size_t)1 << order;
}

static void unlink_block(const struct zone *z, struct free_block *b)
{
	unsigned int order = b->order;

	if (b->next)
		b->next->prev = b->prev;
	if (b->prev) {
		b->prev->next = b->next;
	} else {
		buddy.heads[order] = b->next;
		if (!b->next)
			buddy.nonempty &= ~((uint64_t)1 << order);
	}
	mark(z, (uintptr_t)b, false);
	buddy.free_bytes -= (size_t)1 << order;
}

/* The free buddy of (a, order) in zone z, or NULL. */
static struct free_block *free_buddy(const struct zone *z, uintptr_t a,
				     unsigned int order)
{
	uintptr_t b = a ^ ((uintptr_t)1 << order);

	if (b < z->base || b >= z->end || !starts_free(z, b))
		return NULL;
	if (((struct free_block *)b)->order != order)
		return NULL;
	return (struct free_block *)b;
}

static void free_in_zone(const struct zone *z, uintptr_t a,
			 unsigned int order)
{
	struct free_block *b;

	while (order < BUDDY_MAX_ORDER && (b = free_buddy(z, a, order))) {
		unlink_block(z, b);
		a &= ~((uintptr_t)1 << order);
		order++;
	}
	push(z, a, order);
}

/* Free [a, a + len) as the largest aligned blocks it holds. */
static void free_range(const struct zone *z, uintptr_t a, size_t len)
{
	while (len >= MIN_SIZE) {
		unsigned int order = a ? (unsigned int)__builtin_ctzl(a) :
					 BUDDY_MAX_ORDER;
		unsigned int fit = 63 - (unsigned int)__builtin_clzl(len);

		if (order > fit)
			order = fit;
		if (order > BUDDY_MAX_ORDER)
			order = BUDDY_MAX_ORDER;
		free_in_zone(z, a, order);
		a += (uintptr_t)1 << order;
		len -= (size_t)1 << order;
	}
}

void *buddy_alloc(unsigned int order)
{
	uint64_t avail;
	unsigned int k;
	struct free_block *b;
	const struct zone *z;

	if (order < BUDDY_MIN_ORDER)
		order = BUDDY_MIN_ORDER;
	if (order > BUDDY_MAX_ORDER)
		return NULL;
	avail = buddy.nonempty & (~(uint64_t)0 << order);
	if (!avail)
		return NULL;
	k = (unsigned int)__builtin_ctzll(avail);
	b = buddy.heads[k];
	z = zone_of((uintptr_t)b);
	unlink_block(z, b);
	while (k > order) {
		k--;
		push(z, (uintptr_t)b + ((uintptr_t)1 << k), k);
	}
	return b;
}

void buddy_free(void *p, unsigned int order)
{
	const struct zone *z = zone_of((uintptr_t)p);

	if (z)
		free_in_zone(z, (uintptr_t)p, order);
}

bool buddy_resize(void *p, unsigned int order, unsigned int new_order)
{
	uintptr_t a = (uintptr_t)p;
	const struct zone *z = zone_of(a);
	unsigned int k;

	if (!z || new_order > BUDDY_MAX_ORDER)
		return false;
	if (new_order <= order) {
		/* Give back the upper halves; they cannot merge with their
		 * buddies, which are the block we keep. */
		for (k = order; k > new_order; k--)
			push(z, a + ((uintptr_t)1 << (k - 1)), k - 1);
		return true;
	}
	/* Growing needs p to be the lower half at every step and each
	 * upper buddy free: check all before changing anything. */
	for (k = order; k < new_order; k++)
		if (a & ((uintptr_t)1 << k) || !free_buddy(z, a, k))
			return false;
	for (k = order; k < new_order; k++)
		unlink_block(z, free_buddy(z, a, k));
	return true;
}

int pages_add_memory(uintptr_t base, size_t len)
{
	uintptr_t end = (base + len) & ~(MIN_SIZE - 1);
	size_t words, map_bytes;
	struct zone *z;

	base = (base + MIN_SIZE - 1) & ~(MIN_SIZE - 1);
	if (end <= base || buddy.nzones == MAX_ZONES)
		return -1;
	words = ((end - base) / MIN_SIZE + WORD_BITS - 1) / WORD_BITS;
	map_bytes = (words * sizeof(uint64_t) + MIN_SIZE - 1) &
		    ~(MIN_SIZE - 1);
	if (map_bytes + MIN_SIZE > end - base)
		return -1;
	z = &buddy.zones[buddy.nzones++];
	z->base = base;
	z->end = end;
	z->map = (uint64_t *)base;
	memset(z->map, 0, words * sizeof(uint64_t));
	buddy.total_bytes += end - base - map_bytes;
	free_range(z, base + map_bytes, end - base - map_bytes);
	return 0;
}

/* A run of exactly npages pages: the smallest block that holds it, with
 * the pages beyond the run given back at once. */
void *pages_get(size_t npages)
{
	size_t bytes;
	uintptr_t a;
	unsigned int order;

	if (npages == 0 || npages > ALLOC_REQUEST_MAX / TS_PAGE_SIZE)
		return NULL;
	bytes = npages * TS_PAGE_SIZE;
	order = (unsigned int)ceil_log2(bytes);
	a = (uintptr_t)buddy_alloc(order);
	if (a && bytes < ((size_t)1 << order))
		free_range(zone_of(a), a + bytes, ((size_t)1 << order) - bytes);
	return (void *)a;
}

void pages_put(void *p, size_t npages)
{
	const struct zone *z = zone_of((uintptr_t)p);

	if (z)
		free_range(z, (uintptr_t)p, npages * TS_PAGE_SIZE);
}

bool pages_owns(const void *p)
{
	return zone_of((uintptr_t)p) != NULL;
}

/* A free block holding a is aligned to its size: try each order. */
static bool in_free_block(const struct zone *z, uintptr_t a)
{
	for (unsigned int k = BUDDY_MIN_ORDER; k <= BUDDY_MAX_ORDER; k++) {
		uintptr_t b = a & ~(((uintptr_t)1 << k) - 1);

		if (b < z->base)
			break;
		if (starts_free(z, b) && ((struct free_block *)b)->order == k)
			return true;
	}
	return false;
}

bool pages_is_free(const void *p, size_t npages)
{
	uintptr_t a = (uintptr_t)p;
	const struct zone *z = zone_of(a);

	for (size_t i = 0; z && i < npages; i++, a += TS_PAGE_SIZE)
		if (in_free_block(z, a))
			return true;
	return false;
}

size_t pages_free_bytes(void)
{
	return buddy.free_bytes;
}

size_t pages_total_bytes(void)
{
	return buddy.total_bytes;
}

void pages_reset(void)
{
	memset(&buddy, 0, sizeof(buddy));
}

size_t buddy_count_free(unsigned int order)
{
	size_t n = 0;

	if (order <= BUDDY_MAX_ORDER)
		for (struct free_block *b = buddy.heads[order]; b; b = b->next)
			n++;
	return n;
}

const char *buddy_check(void)
{
	size_t bytes = 0, marked = 0;

	for (unsigned int k = 0; k <= BUDDY_MAX_ORDER; k++) {
		if (!buddy.heads[k] != !(buddy.nonempty >> k & 1))
			return "the non-empty mask disagrees with a list";
		for (struct free_block *b = buddy.heads[k]; b; b = b->next) {
			uintptr_t a = (uintptr_t)b;
			const struct zone *z = zone_of(a);

			if (k < BUDDY_MIN_ORDER || b->order != k)
				return "a free block has the wrong order";
			if (!z || a + ((uintptr_t)1 << k) > z->end)
				return "a free block lies outside its zone";
			if (a & (((uintptr_t)1 << k) - 1))
				return "a free block is misaligned";
			if (!starts_free(z, a))
				return "a listed block is not marked free";
			if (b->next && b->next->prev != b)
				return "broken list links";
			if (free_buddy(z, a, k) && k < BUDDY_MAX_ORDER)
				return "two free buddies were not merged";
			bytes += (size_t)1 << k;
		}
	}
	if (bytes != buddy.free_bytes)
		return "free bytes disagree with the lists";
	for (int i = 0; i < buddy.nzones; i++) {
		const struct zone *z = &buddy.zones[i];
		size_t n = (z->end - z->base) / MIN_SIZE;

		for (size_t j = 0; j < n; j++)
			marked += z->map[j / WORD_BITS] >> (j % WORD_BITS) & 1;
	}
	for (unsigned int k = 0; k <= BUDDY_MAX_ORDER; k++)
		marked -= buddy_count_free(k);
	return marked ? "a block is marked free but not listed" : NULL;
}
