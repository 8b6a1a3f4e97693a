/* Tree side of test_syscall: a call registered the way a library does,
 * which records the arguments it was given. */
#include <ts/syscall.h>

long syscall_test_args[6];
int syscall_test_calls;

static long sys_getcpu_test(long a, long b, long c, long d, long e, long f)
{
	syscall_test_args[0] = a;
	syscall_test_args[1] = b;
	syscall_test_args[2] = c;
	syscall_test_args[3] = d;
	syscall_test_args[4] = e;
	syscall_test_args[5] = f;
	syscall_test_calls++;
	return a + f;
}
TS_SYSCALL(getcpu, sys_getcpu_test);
