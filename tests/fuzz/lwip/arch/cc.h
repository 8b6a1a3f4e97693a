/* lwIP on the fuzzing host (tests/fuzz's fuzz_lwip): its assertions
 * are failures of the fuzzer. */
#ifndef TS_FUZZ_LWIP_ARCH_CC_H
#define TS_FUZZ_LWIP_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define LWIP_PLATFORM_DIAG(x)	do { } while (0)
#define LWIP_PLATFORM_ASSERT(x)	do { \
		fprintf(stderr, "lwIP assertion failed at %s:%d: %s\n", \
			__FILE__, __LINE__, x); \
		abort(); \
	} while (0)

#endif
