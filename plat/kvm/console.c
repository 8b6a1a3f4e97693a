/* The console is COM1 (plat/pc). */
#include <stddef.h>
#include <ts/plat/console.h>
#include <ts/pc.h>

void ts_plat_console_write(const char *buf, size_t len)
{
	if (ts_plat_console_hooked(buf, len))
		return;
	ts_pc_console_write(buf, len);
}

int ts_plat_console_getc(void)
{
	return ts_pc_console_getc();
}
