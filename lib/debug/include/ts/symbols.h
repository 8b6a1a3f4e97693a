/* Function names for addresses, from the symbol table embedded in the
 * image (LIB_DEBUG_SYMBOLS: a second link pass writes it, see
 * support/build/symtab.py). */
#ifndef TS_SYMBOLS_H
#define TS_SYMBOLS_H

#include <stdint.h>

/* One function: its start as an offset from the table's base (the start
 * of .text in an image), its size, and its name as an offset into the
 * names blob. Entries are sorted by start and never overlap. */
struct ts_symtab_entry {
	uint32_t start, size, name;
};

struct ts_symtab {
	uintptr_t base;
	uint32_t count;
	const struct ts_symtab_entry *entries;
	const char *names;
};

/* The function of table t that contains addr: 0 with its name and addr's
 * offset from its start, or -1 when addr lies in no function (before the
 * first, after the last, in a gap, an empty table). */
int ts_symtab_search(const struct ts_symtab *t, uintptr_t addr,
		     const char **name, uintptr_t *offset);

#ifdef CONFIG_LIB_DEBUG_SYMBOLS
/* The same for the image's own table. */
int ts_symbol_lookup(uintptr_t addr, const char **name, uintptr_t *offset);
#else
/* No table in this image: every address is unknown. */
static inline int ts_symbol_lookup(uintptr_t addr, const char **name,
				   uintptr_t *offset)
{
	(void)addr;
	(void)name;
	(void)offset;
	return -1;
}
#endif

#endif
