/* lwIP's compiler and platform definitions (lwip/arch.h includes it):
 * messages and assertions go to lib/lwip's glue (diag.c), which
 * prints with lib/debug. Both architectures are little-endian. */
#ifndef TS_LWIP_ARCH_CC_H
#define TS_LWIP_ARCH_CC_H

#define BYTE_ORDER	LITTLE_ENDIAN

void ts_lwip_diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
_Noreturn void ts_lwip_assert(const char *msg, const char *file, int line);

#define LWIP_PLATFORM_DIAG(x)	do { ts_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)	ts_lwip_assert(x, __FILE__, __LINE__)

/* Off, lwIP's assertions compile to nothing. */
#ifndef CONFIG_LIB_LWIP_DEBUG_ASSERTS
#define LWIP_NOASSERT
#endif

#endif
