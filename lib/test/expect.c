/* Comparing and printing the values of TS_EXPECT_*: on failure one line
 * with the place, the expression as written and both values. */
#include <stdio.h>
#include <string.h>
#include <ts/test.h>
#include "test.h"

static const char *const op_word[] = { "==", "!=", "<", "<=", ">", ">=" };

static int holds(int cmp, int op)
{
	switch (op) {
	case TS_OP_EQ: return cmp == 0;
	case TS_OP_NE: return cmp != 0;
	case TS_OP_LT: return cmp < 0;
	case TS_OP_LE: return cmp <= 0;
	case TS_OP_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

static int report(int ok, const char *expr, const char *file, int line,
		  const char *values)
{
	if (ok)
		return 1;
	printf("  %s:%d: expected %s, got %s\n", file, line, expr, values);
	ts_test_failures_in_current++;
	return 0;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

int ts_test_expect_int_(long long a, long long b, int op, const char *expr,
			const char *file, int line)
{
	char v[64];

	snprintf(v, sizeof(v), "%lld %s %lld", a, op_word[op], b);
	return report(holds(CMP(a, b), op), expr, file, line, v);
}

int ts_test_expect_uint_(unsigned long long a, unsigned long long b, int op,
			 const char *expr, const char *file, int line)
{
	char v[64];

	snprintf(v, sizeof(v), "%llu (%#llx) %s %llu (%#llx)", a, a,
		 op_word[op], b, b);
	return report(holds(CMP(a, b), op), expr, file, line, v);
}

int ts_test_expect_ptr_(const void *a, const void *b, int op,
			const char *expr, const char *file, int line)
{
	char v[64];

	snprintf(v, sizeof(v), "%p %s %p", a, op_word[op], b);
	return report(holds(CMP((uintptr_t)a, (uintptr_t)b), op), expr, file,
		      line, v);
}

int ts_test_expect_str_(const char *a, const char *b, int op,
			const char *expr, const char *file, int line)
{
	char v[160];
	int cmp = (a && b) ? strcmp(a, b) : CMP((uintptr_t)a, (uintptr_t)b);

	snprintf(v, sizeof(v), "\"%.60s\" %s \"%.60s\"", a ? a : "(null)",
		 op_word[op], b ? b : "(null)");
	return report(holds(cmp, op), expr, file, line, v);
}
