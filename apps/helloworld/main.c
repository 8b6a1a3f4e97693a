/* The smallest useful Tessera application. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	printf("Hello, world!\n");
#ifdef CONFIG_APP_HELLOWORLD_ARGS
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
#else
	(void)argc;
	(void)argv;
#endif
	return 0;
}
