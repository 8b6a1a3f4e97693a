/* Running the TS_INIT table in level order (the linker script sorts the
 * .ts_init.<level> sections by name). */
#include <ts/init.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "boot.h"

extern const struct ts_init _ts_init_start[], _ts_init_end[];

void ts_boot_run_inits(void)
{
	for (const struct ts_init *i = _ts_init_start; i < _ts_init_end; i++) {
#ifdef CONFIG_LIB_BOOT_VERBOSE
		ts_printk("boot: init %s\n", i->name);
#endif
		int r = i->fn();
		if (r < 0) {
			ts_printk("boot: init function %s failed (error %d); "
				  "stopping\n", i->name, r);
			ts_plat_crash();
		}
	}
}
