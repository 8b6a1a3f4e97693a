/* Test app for the boot path: arguments, kernel parameters, exit status
 * and CPU faults, chosen by argv[1]. The image tests drive it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/param.h>
#include <ts/plat/memory.h>

static long count = 7;
static unsigned long size = 4096;
static bool verbose;
static const char *label = "none";

TS_PARAM_INT(bootcheck, count, count, "a signed number");
TS_PARAM_UINT(bootcheck, size, size, "a size, with K/M/G suffixes");
TS_PARAM_BOOL(bootcheck, verbose, verbose, "a switch");
TS_PARAM_STR(bootcheck, label, label, "a string");

static volatile int sink;
static volatile int depth_limit = 1 << 30; /* never reached: overflows first */

/* Not inlined and not a tail call, so the stack really grows. */
static __attribute__((noinline)) int recurse(int n)
{
	volatile char pad[256];

	if (n > depth_limit)
		return 0;
	pad[0] = (char)n;
	return recurse(n + 1) + pad[0];
}

static char data_code[16] __attribute__((aligned(16)));

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "args";

	if (!strcmp(what, "args")) {
		printf("argc=%d\n", argc);
		for (int i = 0; i < argc; i++)
			printf("argv[%d]=<%s>\n", i, argv[i]);
	} else if (!strcmp(what, "params")) {
		printf("count=%ld size=%lu verbose=%d label=%s\n", count, size,
		       verbose, label);
	} else if (!strcmp(what, "exit") && argc > 2) {
		return atoi(argv[2]);
	} else if (!strcmp(what, "float")) {
		volatile double x = 2.0;
		/* The argument after the double shows that it was taken
		 * even when floating-point printf is off. */
		printf("sqrt-ish %.6f then %d\n", x / 3.0 + 0.25, 42);
	} else if (!strcmp(what, "memory")) {
		unsigned long free_kib = 0;

		for (int i = 0; i < ts_plat_memregion_count(); i++) {
			const struct ts_memregion *r = ts_plat_memregion_get(i);

			printf("region %#lx-%#lx %s flags %#x\n",
			       (unsigned long)r->base,
			       (unsigned long)(r->base + r->len), r->name,
			       r->flags);
			if (r->flags & TS_MEMR_FREE)
				free_kib += r->len / 1024;
		}
		printf("free %lu KiB\n", free_kib);
	} else if (!strcmp(what, "hang")) {
		for (;;)
			sink++;
	} else if (!strcmp(what, "null")) {
		sink = *(volatile int *)0;
	} else if (!strcmp(what, "read") && argc > 2) {
		/* A wild pointer: reading it must fault, not return 0. */
		volatile int *p = (volatile int *)strtoul(argv[2], NULL, 0);

		printf("read %#x\n", *p);
	} else if (!strcmp(what, "write") && argc > 2) {
		volatile int *p = (volatile int *)strtoul(argv[2], NULL, 0);

		*p = 0x5a5a5a5a;
		printf("wrote, read back %#x\n", *p);
	} else if (!strcmp(what, "trap")) {
		__builtin_trap();
	} else if (!strcmp(what, "write-text")) {
		*(volatile char *)(void *)main = 0;
	} else if (!strcmp(what, "exec-data")) {
		((void (*)(void))(void *)data_code)();
	} else if (!strcmp(what, "overflow")) {
		sink = recurse(0);
	} else {
		printf("bootcheck: unknown test '%s'\n", what);
		return 2;
	}
	printf("bootcheck: %s done\n", what);
	return 0;
}
