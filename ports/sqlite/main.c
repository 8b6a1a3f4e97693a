/* The program's main(): the sqlite3 shell, or speedtest1 when the first
 * argument says so. Both are upstream programs with a main() of their own,
 * compiled under other names (Makefile.uk), so one image holds both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ts_sqlite_shell_main(int argc, char **argv);
int ts_sqlite_speedtest1_main(int argc, char **argv);

int main(int argc, char **argv)
{
	/* The shell reads ~/.sqliterc and, without HOME, looks the user up
	 * in /etc/passwd, then warns that it found no home. An image has no
	 * users: HOME is /, as Linux gives its first process (env.HOME=...
	 * on the kernel command line sets another). */
	setenv("HOME", "/", 0);
#ifdef CONFIG_LIB_SQLITE_SPEEDTEST1
	/* argv[1] becomes speedtest1's argv[0], as its usage line names it. */
	if (argc > 1 && !strcmp(argv[1], "speedtest1"))
		return ts_sqlite_speedtest1_main(argc - 1, argv + 1);
#endif
#ifdef CONFIG_LIB_SQLITE_SHELL
	return ts_sqlite_shell_main(argc, argv);
#else
	fprintf(stderr, "%s: this image has speedtest1 only "
		"(CONFIG_LIB_SQLITE_SHELL is off): run it as '%s speedtest1 "
		"OPTIONS'\n", argv[0], argv[0]);
	return 2;
#endif
}
