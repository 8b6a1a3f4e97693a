/* musl's malloc family is lib/alloc's (musl's src/malloc is left out of
 * the build): malloc, free, calloc, realloc, reallocarray,
 * aligned_alloc, posix_memalign, memalign and malloc_usable_size are
 * lib/alloc's public functions, so the allocator choice, `ts heap`, the
 * statistics and the debug guards apply to ported programs. musl's own
 * files call the __libc_ names below where they must not reach a
 * replaced malloc (atexit, locale, dlerror, ...): here they are the
 * same functions. Tail calls, so that lib/alloc's tracepoints still
 * name musl's caller. */
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_malloc_impl(size_t n);
void *__libc_calloc(size_t m, size_t n);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

void *__libc_malloc(size_t n)
{
	return malloc(n);
}

void *__libc_malloc_impl(size_t n)
{
	return malloc(n);
}

void *__libc_calloc(size_t m, size_t n)
{
	return calloc(m, n);
}

void *__libc_realloc(void *p, size_t n)
{
	return realloc(p, n);
}

void __libc_free(void *p)
{
	free(p);
}
