/* nolibc: general utilities. */
#ifndef _NOLIBC_STDLIB_H
#define _NOLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

/* Numbers in base 2..36, or 0 to take "0x"/"0" prefixes as 16/8. On
 * overflow the result is clamped and errno is ERANGE; with no digits the
 * result is 0 and *endptr is str. */
long strtol(const char *restrict str, char **restrict endptr, int base);
long long strtoll(const char *restrict str, char **restrict endptr,
		  int base);
unsigned long strtoul(const char *restrict str, char **restrict endptr,
		      int base);
unsigned long long strtoull(const char *restrict str,
			    char **restrict endptr, int base);
int atoi(const char *str);
long atol(const char *str);
long long atoll(const char *str);

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

/* exit() runs the atexit handlers (up to 32), newest first, then powers
 * off with status; _Exit() powers off at once; abort() reports and
 * crashes. */
int atexit(void (*fn)(void));
_Noreturn void exit(int status);
_Noreturn void _Exit(int status);
_Noreturn void abort(void);

/* There is no environment yet: always NULL. */
char *getenv(const char *name);

/* The allocator is a separate library (lib/alloc, semantics in
 * <ts/alloc.h>); these are its standard entry points, declared here where
 * programs look for them. memalign and malloc_usable_size live in
 * <malloc.h> on glibc and musl; nolibc keeps them here. */
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t nmemb, size_t size);
void free(void *ptr);
void *aligned_alloc(size_t align, size_t size);
int posix_memalign(void **memptr, size_t align, size_t size);
void *memalign(size_t align, size_t size);
size_t malloc_usable_size(void *ptr);

#endif
