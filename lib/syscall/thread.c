/* The calling thread's id, for gettid and the trace: lib/sched's when
 * it is in the image, else 1, the one context there is. */
#include <ts/syscall.h>
#include "internal.h"
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

long ts_syscall_tid(void)
{
#ifdef CONFIG_LIB_SCHED
	struct ts_thread *t = ts_thread_self();

	if (t)
		return ts_thread_id(t);
#endif
	return 1;
}
