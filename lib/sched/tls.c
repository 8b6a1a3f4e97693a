/* Thread-local storage areas, laid out the way the architecture's ELF
 * TLS ABI (and so a C library like musl, and compiled TLS accesses)
 * expects: see <ts/sched.h>. The static TLS starts zeroed: the image
 * itself has no TLS template (.tdata/.tbss) yet. */
#include <string.h>
#include <ts/arch/tls.h>
#include "internal.h"

uintptr_t tls_setup(void *area, void **tls)
{
	char *a = area;
	uintptr_t tp;

	memset(a, 0, TLS_AREA_SIZE);
#if TS_ARCH_TLS_VARIANT == 2
	/* [static TLS][TCB]: tp at the TCB, whose first word points to
	 * itself (what %fs:0 reads). */
	tp = (uintptr_t)(a + TLS_STATIC_SIZE);
	*(uintptr_t *)tp = tp;
	*tls = a;
#else
	/* [TCB: dtv, reserved][static TLS]: tp at the TCB. */
	tp = (uintptr_t)a;
	*tls = a + 16;
#endif
	return tp;
}
