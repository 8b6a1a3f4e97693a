/* The platform under host unit tests and fuzzers (tests/fuzz): the
 * console is a buffer a test can inspect, and powering off returns to the
 * test instead of ending it. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/power.h>

#include "tsh.h"

char host_console[1 << 16];
size_t host_console_len;
unsigned int host_console_writes;
jmp_buf *host_poweroff_catch;
int host_poweroff_status = -1;

void host_console_reset(void)
{
	host_console_len = 0;
	host_console_writes = 0;
	host_console[0] = '\0';
}

void tsh_ts_plat_console_write(const char *buf, size_t len);
int tsh_ts_plat_console_getc(void);
_Noreturn void tsh_ts_plat_poweroff(int status);
_Noreturn void tsh_ts_plat_crash(void);

void tsh_ts_plat_console_write(const char *buf, size_t len)
{
	size_t room = sizeof(host_console) - 1 - host_console_len;

	if (len > room)
		len = room;
	memcpy(host_console + host_console_len, buf, len);
	host_console_len += len;
	host_console[host_console_len] = '\0';
	host_console_writes++;
}

int tsh_ts_plat_console_getc(void)
{
	return -1;
}

_Noreturn void tsh_ts_plat_poweroff(int status)
{
	host_poweroff_status = status;
	if (host_poweroff_catch)
		longjmp(*host_poweroff_catch, 1);
	fprintf(stderr, "unexpected poweroff(%d)\n", status);
	abort();
}

_Noreturn void tsh_ts_plat_crash(void)
{
	tsh_ts_plat_poweroff(TS_EXIT_CRASH);
}
