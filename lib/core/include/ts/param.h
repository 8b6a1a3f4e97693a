/* Kernel command-line parameters declared by libraries.
 *
 *   static unsigned long heap_kib = 1024;
 *   TS_PARAM_UINT(alloc, heap_kib, heap_kib, "initial heap in KiB");
 *
 * makes "alloc.heap_kib=2048" (or 2M, 0x800) a kernel parameter. Values
 * are checked before they are stored: a bad value leaves the default and
 * prints why. Words before "--" on the command line are parameters; the
 * words after it are the application's argv. lib/boot applies them
 * (<ts/boot.h> has its parser); declaring one needs no dependency on it. */
#ifndef TS_PARAM_H
#define TS_PARAM_H

#include <stdbool.h>

enum ts_param_type { TS_PARAM_BOOL, TS_PARAM_INT, TS_PARAM_UINT, TS_PARAM_STR };

struct ts_param {
	const char *name; /* "lib.name" */
	const char *help;
	void *var;
	enum ts_param_type type;
};

#define TS__PARAM(lib, pname, v, kind, ctype, text)                         \
	_Static_assert(__builtin_types_compatible_p(__typeof__(v), ctype),  \
		       #v " must be of type " #ctype);                      \
	static const struct ts_param __ts_param_##lib##_##pname             \
	    __attribute__((used, aligned(8), section(".ts_params"))) = {    \
		#lib "." #pname, text, (void *)&(v), kind                   \
	}

#define TS_PARAM_BOOL(lib, name, v, help) \
	TS__PARAM(lib, name, v, TS_PARAM_BOOL, bool, help)
#define TS_PARAM_INT(lib, name, v, help) \
	TS__PARAM(lib, name, v, TS_PARAM_INT, long, help)
#define TS_PARAM_UINT(lib, name, v, help) \
	TS__PARAM(lib, name, v, TS_PARAM_UINT, unsigned long, help)
#define TS_PARAM_STR(lib, name, v, help) \
	TS__PARAM(lib, name, v, TS_PARAM_STR, const char *, help)

#endif
