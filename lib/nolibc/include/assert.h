/* nolibc: assert(). Deliberately without an include guard: the standard
 * lets a file re-include it after changing NDEBUG. */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr)							\
	((expr) ? (void)0 :						\
		  __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _NOLIBC_ASSERT_H
#define _NOLIBC_ASSERT_H

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

/* Prints "Assertion failed: EXPR (FILE:LINE: FUNC)", then abort(). */
_Noreturn void __assert_fail(const char *expr, const char *file,
			     unsigned int line, const char *func);

#endif
