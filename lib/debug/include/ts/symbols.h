/* Function names for addresses, from the symbol table embedded in the
 * image (LIB_DEBUG_SYMBOLS: a second link pass writes it, see
 * support/build/symtab.py). */
#ifndef TS_SYMBOLS_H
#define TS_SYMBOLS_H

#include <stdint.h>

/* A table: count records, one per function in address order, each the
 * gap between the end of the function before (the base for the first)
 * and its start, then its size, both ULEB128, then its NUL-terminated
 * name. Functions never overlap. Compact rather than fast: only reports
 * read it. */
struct ts_symtab {
	uintptr_t base;
	uint32_t count;
	const unsigned char *entries;
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
