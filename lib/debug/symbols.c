/* The image's own symbol table. The second link pass adds it (support/
 * build/symtab.py); the first links an empty one of the same shape. */
#include <ts/plat/memory.h>
#include <ts/symbols.h>

extern const uint32_t ts_symtab_count;
extern const unsigned char ts_symtab_entries[];

int ts_symbol_lookup(uintptr_t addr, const char **name, uintptr_t *offset)
{
	const struct ts_symtab t = {
		(uintptr_t)_ts_text_start, ts_symtab_count, ts_symtab_entries
	};

	return ts_symtab_search(&t, addr, name, offset);
}
