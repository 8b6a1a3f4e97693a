/* Thread-local storage areas, laid out the way the architecture's ELF
 * TLS ABI (and so a C library like musl, and compiled TLS accesses)
 * expects: see <ts/sched.h>. Each area starts as a copy of the image's
 * TLS template (the __thread variables: .tdata's initial values, then
 * .tbss's zeros; plat/common/tls.lds), placed where the linker's
 * thread-pointer offsets for local-exec accesses expect it; the rest is
 * zeroed. */
#include <string.h>
#include <ts/arch/tls.h>
#include <ts/debug.h>
#include "internal.h"

/* From the platform's linker script (plat/common/tls.lds). Weak: a host
 * build of lib/sched (bench/sched-native) has no template. */
extern const char __ts_tls_start[] __attribute__((weak));
extern const char __ts_tls_data_end[] __attribute__((weak));
extern const char __ts_tls_end[] __attribute__((weak));
extern const char __ts_tls_align[] __attribute__((weak));
/* Weak too: that host build has no lib/debug report (and, without a
 * template, never calls it). */
extern __typeof__(ts_panic) ts_panic __attribute__((weak));

/* Variant I: the ABI's thread control block before the TLS blocks (two
 * words: dtv, reserved); the first block starts at the next multiple of
 * its alignment. */
#define TLS_TCB_ABI	16

#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))

/* What every TLS area is aligned to (stack.c, boot.c). */
#define AREA_ALIGN	64

struct tls_template {
	const char *data;
	size_t filesz, memsz, align;
	/* Where the block goes: its offset from the thread pointer. */
	intptr_t offset;
	/* An alignment above the area's 64 bytes: the thread pointer moves
	 * into the area by up to this much to get it. */
	size_t slack;
};

static struct tls_template tmpl;
static int tmpl_known;

/* Read the linker's symbols once, and refuse a template the area cannot
 * hold: every __thread access would then land outside it. The first
 * call is sched_init's (level TS_INIT_CORE), so a too large template
 * stops the boot at once, with the option to raise. */
static void template_load(void)
{
	size_t need;

	tmpl_known = 1;
	if (!__ts_tls_start || &__ts_tls_end[0] == &__ts_tls_start[0])
		return;
	tmpl.data = __ts_tls_start;
	tmpl.filesz = (size_t)(__ts_tls_data_end - __ts_tls_start);
	tmpl.memsz = (size_t)(__ts_tls_end - __ts_tls_start);
	tmpl.align = (size_t)(uintptr_t)__ts_tls_align;
	if (!tmpl.align)
		tmpl.align = 1;
	/* The linker only makes powers of two. The area is 64-byte
	 * aligned; a larger alignment is had by moving the thread pointer
	 * up to align - 64 bytes into it (tls_setup), which the area must
	 * then have room for. */
	if (tmpl.align & (tmpl.align - 1))
		ts_panic("sched: __thread variables' alignment %zu is no "
			 "power of two", tmpl.align);
	tmpl.slack = tmpl.align > AREA_ALIGN ? tmpl.align - AREA_ALIGN : 0;
#if TS_ARCH_TLS_VARIANT == 2
	/* [template][TCB]: the block ends at tp, its size rounded up to
	 * its alignment (what the linker's offsets assume). */
	need = ALIGN_UP(tmpl.memsz, tmpl.align);
	tmpl.offset = -(intptr_t)need;
#else
	/* [TCB][padding][template]: the block starts at the first multiple
	 * of its alignment after the ABI's TCB. */
	tmpl.offset = (intptr_t)ALIGN_UP(TLS_TCB_ABI, tmpl.align);
	need = (size_t)tmpl.offset - TLS_TCB_ABI + tmpl.memsz;
#endif
	need += tmpl.slack;
	if (need > CONFIG_LIB_SCHED_TLS_SIZE)
		ts_panic("sched: __thread variables need %zu bytes of TLS "
			 "per thread (%zu, %zu-aligned); "
			 "CONFIG_LIB_SCHED_TLS_SIZE is %d: raise it to %zu",
			 need, tmpl.memsz, tmpl.align,
			 CONFIG_LIB_SCHED_TLS_SIZE, need);
}

uintptr_t tls_setup(void *area, void **tls)
{
	char *a = area;
	uintptr_t tp;

	if (!tmpl_known)
		template_load();
	memset(a, 0, TLS_AREA_SIZE);
#if TS_ARCH_TLS_VARIANT == 2
	/* [static TLS][TCB]: tp at the TCB, whose first word points to
	 * itself (what %fs:0 reads); moved down to the template's
	 * alignment when it wants more than the area's. */
	tp = (uintptr_t)(a + TLS_STATIC_SIZE);
	if (tmpl.slack)
		tp = ALIGN_DOWN(tp, tmpl.align);
	*(uintptr_t *)tp = tp;
	*tls = (char *)tp - ts_thread_tls_size();
#else
	/* [TCB: dtv, reserved][static TLS]: tp at the TCB; moved up to
	 * the template's alignment when it wants more than the area's. */
	tp = (uintptr_t)a;
	if (tmpl.slack)
		tp = ALIGN_UP(tp, tmpl.align);
	*tls = (char *)tp + TLS_TCB_ABI;
#endif
	/* .tbss's part is already zero. */
	if (tmpl.filesz)
		memcpy((char *)(tp + tmpl.offset), tmpl.data, tmpl.filesz);
	return tp;
}

size_t ts_thread_tls_size(void)
{
	if (!tmpl_known)
		template_load();
	/* What moving the thread pointer for the alignment left. */
	return CONFIG_LIB_SCHED_TLS_SIZE - tmpl.slack;
}

void ts_thread_tls_template(const void **data, size_t *filesz,
			    size_t *memsz, intptr_t *offset)
{
	if (!tmpl_known)
		template_load();
	*data = tmpl.data;
	*filesz = tmpl.filesz;
	*memsz = tmpl.memsz;
	*offset = tmpl.offset;
}
