/* Inside lib/musl: what start.c takes from the architecture's folder. */
#ifndef TS_MUSL_START_H
#define TS_MUSL_START_H

/* The auxiliary vector's AT_HWCAP: Linux's value for this CPU. */
unsigned long musl_hwcap(void);

#endif
