/* File-system types, registered with TS_FS_TYPE() next to their code:
 * the linker section ts_fs_types (plat/common/tables.lds). */
#include <string.h>
#include <ts/vfs.h>

extern const struct ts_fs_type __start_ts_fs_types[] __attribute__((weak));
extern const struct ts_fs_type __stop_ts_fs_types[] __attribute__((weak));

const struct ts_fs_type *ts_fs_type_find(const char *name)
{
	for (const struct ts_fs_type *t = __start_ts_fs_types;
	     t < __stop_ts_fs_types; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}
