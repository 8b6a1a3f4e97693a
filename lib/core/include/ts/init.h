/* Init functions, run in level order before main() by lib/boot (lib/core:
 * declaring one needs no dependency on lib/boot). */
#ifndef TS_INIT_H
#define TS_INIT_H

/* Levels: lower runs first; within a level, link order (arch, platform,
 * drivers, libraries, app). Parameters are applied before level 1. */
#define TS_INIT_EARLY 1 /* debugging and tracing set-up */
#define TS_INIT_PLAT  2 /* platform devices beyond the console */
#define TS_INIT_MEM   3 /* allocators: everything after may allocate */
#define TS_INIT_CORE  4 /* time, scheduler */
#define TS_INIT_LIB   5 /* ordinary libraries */
#define TS_INIT_FS    6 /* file systems, network */
#define TS_INIT_LATE  7 /* last things before main() */

struct ts_init {
	int (*fn)(void); /* 0 on success, a negative errno value on failure */
	const char *name;
};

#define TS__STR2(x) #x
#define TS__STR(x) TS__STR2(x)

/* A failing init function stops the boot with a report naming it. */
#define TS_INIT(fn, level)                                                  \
	static const struct ts_init __ts_init_##fn                          \
	    __attribute__((used, aligned(8),                                \
			   section(".ts_init." TS__STR(level)))) = { fn, #fn }

#endif
