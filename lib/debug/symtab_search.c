/* Binary search of a symbol table (pure; unit-tested on the host). */
#include <ts/symbols.h>

int ts_symtab_search(const struct ts_symtab *t, uintptr_t addr,
		     const char **name, uintptr_t *offset)
{
	uint32_t lo = 0, hi = t->count;
	uintptr_t rel;
	const struct ts_symtab_entry *e;

	if (addr < t->base || addr - t->base > UINT32_MAX)
		return -1;
	rel = addr - t->base;
	/* The last entry that starts at or below rel. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (t->entries[mid].start <= rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	e = &t->entries[lo - 1];
	if (rel - e->start >= e->size)
		return -1;
	*name = t->names + e->name;
	*offset = rel - e->start;
	return 0;
}
