/* The physical memory table every platform fills from its boot
 * information (Multiboot, PVH, device tree, Pi mailbox). Fixed size: it is
 * filled before any allocator exists. */
#include <ts/plat/memory.h>
#include <ts/plat/console.h>

#define MAX_REGIONS 32

static struct ts_memregion regions[MAX_REGIONS];
static int nregions;
static int last_taken = -1;
/* An allocator owns the free RAM: nothing more is taken from it. */
static int sealed;

static int append(uintptr_t base, size_t len, unsigned int flags,
		  const char *name)
{
	if (nregions == MAX_REGIONS) {
		ts_printk("plat: memory map has more than %d regions; "
			  "ignoring %s at %#lx\n", MAX_REGIONS,
			  name ? name : "region", (unsigned long)base);
		return -1;
	}
	regions[nregions].base = base;
	regions[nregions].len = len;
	regions[nregions].flags = flags;
	regions[nregions].name = name;
	nregions++;
	return 0;
}

/* Free RAM [s, e) minus the free regions from index i on: a loader or a
 * tree that describes RAM twice (overlapping e820 entries or memory
 * nodes) must not make the allocator hand out the same page twice. */
static int add_free(uintptr_t s, uintptr_t e, const char *name, int i)
{
	for (; i < nregions; i++) {
		const struct ts_memregion *r = &regions[i];
		uintptr_t rs = r->base, re = r->base + r->len;
		int rc = 0;

		if (!(r->flags & TS_MEMR_FREE) || re <= s || rs >= e)
			continue;
		if (rs > s)
			rc |= add_free(s, rs, name, i + 1);
		if (re < e)
			rc |= add_free(re, e, name, i + 1);
		return rc;
	}
	return append(s, e - s, TS_MEMR_FREE, name);
}

int ts_plat_memregion_add(uintptr_t base, size_t len, unsigned int flags,
			  const char *name)
{
	if (flags == TS_MEMR_FREE && len && base + len > base)
		return add_free(base, base + len, name, 0);
	return append(base, len, flags, name);
}

void ts_plat_memregion_add_free_except(uint64_t s, uint64_t e,
				       const struct ts_memrange *excluded,
				       int n)
{
	for (int i = 0; i < n; i++) {
		if (excluded[i].end <= s || excluded[i].start >= e)
			continue;
		/* The parts on either side of this one, checked against the
		 * ranges after it (the ones before do not touch [s, e)). */
		if (excluded[i].start > s)
			ts_plat_memregion_add_free_except(s, excluded[i].start,
							  excluded + i + 1,
							  n - i - 1);
		if (excluded[i].end < e)
			ts_plat_memregion_add_free_except(excluded[i].end, e,
							  excluded + i + 1,
							  n - i - 1);
		return;
	}
	ts_plat_memregion_add(s, e - s, TS_MEMR_FREE, "ram");
}

int ts_plat_memregion_count(void)
{
	return nregions;
}

const struct ts_memregion *ts_plat_memregion_get(int i)
{
	if (i < 0 || i >= nregions)
		return 0;
	return &regions[i];
}

void ts_plat_memregion_seal(void)
{
	sealed = 1;
}

uintptr_t ts_plat_memregion_take(size_t size, const char *name)
{
	struct ts_memregion *from = 0, *t;
	uintptr_t a;
	int i;

	if (sealed)
		return 0;

	for (i = 0; i < nregions; i++)
		if ((regions[i].flags & TS_MEMR_FREE) && regions[i].len >= size &&
		    (!from || regions[i].base < from->base))
			from = &regions[i];
	if (!from)
		return 0;
	a = from->base + from->len - size;
	t = last_taken >= 0 ? &regions[last_taken] : 0;
	if (t && t->name == name && t->base == a + size) {
		t->base = a;
		t->len += size;
	} else if (ts_plat_memregion_add(a, size, TS_MEMR_IMAGE, name) == 0) {
		last_taken = nregions - 1;
	} else {
		return 0;
	}
	from->len -= size;
	return a;
}

void ts_plat_memregion_clear(void)
{
	nregions = 0;
	last_taken = -1;
	sealed = 0;
}
