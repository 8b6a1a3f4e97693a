/* lwIP's messages (LWIP_PLATFORM_DIAG) and assertions
 * (LWIP_PLATFORM_ASSERT, with CONFIG_LIB_LWIP_DEBUG_ASSERTS), and the
 * random numbers it asks for (LWIP_RAND: initial sequence numbers,
 * local ports, DHCP transaction ids). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/debug.h>
#include <ts/plat/console.h>
#include <ts/time.h>
#include <arch/cc.h>

void ts_lwip_diag(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		ts_plat_console_write(buf, strnlen(buf, sizeof(buf)));
}

/* An lwIP invariant does not hold: its state is corrupt, so stop with
 * the report (thread, backtrace, last trace events). */
_Noreturn void ts_lwip_assert(const char *msg, const char *file, int line)
{
	ts_panic("lwip: assertion failed at %s:%d: %s", file, line, msg);
}

/* xorshift64*, seeded from the cycle counter at the first call (the
 * time since power-on differs from boot to boot on real hardware and
 * under QEMU's TCG alike). Not for cryptography: lwIP's uses only need
 * numbers another host cannot guess from the last one. */
static uint64_t rand_state;

unsigned int ts_lwip_rand(void)
{
	uint64_t x = rand_state;

	if (!x)
		x = (ts_arch_cycles() ^ ts_time_now_ns()) | 1;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rand_state = x;
	return (unsigned int)((x * 0x2545f4914f6cdd1dULL) >> 32);
}
