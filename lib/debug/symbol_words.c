/* An address as the report writes it in cause lines: "main+0x40". */
#include <stdio.h>
#include <ts/symbols.h>
#include "debug_internal.h"

const char *debug_symbol_words(uint64_t addr, char *buf, unsigned long len)
{
	const char *name;
	uintptr_t off;

	if (ts_symbol_lookup((uintptr_t)addr, &name, &off))
		return "?";
	snprintf(buf, len, "%s+0x%lx", name, (unsigned long)off);
	return buf;
}
