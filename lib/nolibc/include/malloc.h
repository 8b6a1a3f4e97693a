/* Where glibc and musl declare memalign and malloc_usable_size (nolibc's
 * <stdlib.h> declares them too): code that includes <malloc.h> builds
 * against either C library. */
#ifndef _NOLIBC_MALLOC_H
#define _NOLIBC_MALLOC_H

#include <stdlib.h>

#endif
