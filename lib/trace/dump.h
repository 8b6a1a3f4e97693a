/* Internal to lib/trace: the dump both the panic and the exit print. */
#ifndef TRACE_DUMP_H
#define TRACE_DUMP_H

#include <stdint.h>

/* Per ring: a title line ("trace: last N of M events ..." for the panic
 * dump, title NULL; else "trace: <title>: M events ..."), the last `text`
 * events as text lines, then the last `raw` records as hex between
 * "--- trace dump begin" and "--- trace dump end ---". */
void ts_trace_dump(uint64_t text, uint64_t raw, const char *title);

#endif
