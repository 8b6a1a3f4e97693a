/* Lookup in a symbol table (pure; unit-tested on the host). A linear
 * walk: the records have no fixed size (<ts/symbols.h>), and a report
 * looks up a few dozen addresses at most. */
#include <ts/symbols.h>

/* An unsigned LEB128 number; the generator writes 32-bit ones, and bits
 * beyond 64 are dropped rather than shifted out of range. */
static uint64_t uleb128(const unsigned char **p)
{
	uint64_t v = 0;
	unsigned int shift = 0;
	unsigned char b;

	do {
		b = *(*p)++;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

int ts_symtab_search(const struct ts_symtab *t, uintptr_t addr,
		     const char **name, uintptr_t *offset)
{
	const unsigned char *p = t->entries;
	uint64_t rel, start, end = 0;
	uint32_t i;

	if (addr < t->base || addr - t->base > UINT32_MAX)
		return -1;
	rel = addr - t->base;
	for (i = 0; i < t->count; i++) {
		start = end + uleb128(&p);
		end = start + uleb128(&p);
		if (rel < start)
			return -1; /* in the gap before this function */
		if (rel < end) {
			*name = (const char *)p;
			*offset = rel - start;
			return 0;
		}
		while (*p++)
			;
	}
	return -1;
}
