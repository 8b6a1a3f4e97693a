/* From the platform's hand-over to the application's main() and back. */
#include <stdlib.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include <ts/plat/time.h>
#include <ts/trace.h>
#include "boot.h"

TS_TRACEPOINT(boot_main, "main() called with %d arguments", int);

/* Words on the command line, kernel parameters and arguments together.
 * Linux gives init at most 32 arguments and refuses to boot past that;
 * 256 pointers (2 KiB of .bss) is room enough, where one for every word
 * a 4095-byte line can hold would cost 16 KiB of the 1,280 KiB the
 * smallest x86 images run in (doc/targets.md). More is refused. */
#define MAX_WORDS 256
#define TS_STRINGIFY(x) TS_STRINGIFY_(x)
#define TS_STRINGIFY_(x) #x

extern const struct ts_param _ts_params_start[], _ts_params_end[];
extern int main(int argc, char *argv[]);

static char *words[MAX_WORDS + 2];
/* argv[0]. Writable, as every string of argv and the environment is
 * (C11 5.1.2.2.1; the others are in the platform's copy of the line):
 * programs overwrite them (setproctitle in redis and nginx clears
 * argv[0]), which a string literal in .rodata turned into a fault. */
static char app_name[] = TS_APP_NAME;
static int main_argc;
static char **main_argv;
/* The environment from env.NAME=value words: words[0..], NULL-ended. */
static char **main_envp = words + MAX_WORDS + 1;
static void (*main_starter)(void (*run_main)(void));
static void (*main_entry)(int argc, char **argv, char **envp);

static bool timing;
TS_PARAM_BOOL(boot, timing, timing,
	      "print the CPU counter's ticks when main() is called");

/* The counter runs from machine reset (QEMU, real CPUs), so the figure
 * includes firmware time: it is what a user waits for. */
static void report_timing(void)
{
	uint64_t t = ts_plat_ticks(), hz = ts_plat_ticks_hz();
	/* Split so that t * 10^6 cannot overflow. */
	uint64_t us = hz ? t / hz * 1000000 + t % hz * 1000000 / hz : 0;

	ts_printk("boot: main() after %llu ticks (%llu us at %llu Hz)\n",
		  (unsigned long long)t, (unsigned long long)us,
		  (unsigned long long)hz);
}

static void list_params(void)
{
	const struct ts_param *p;

	ts_printk("Kernel parameters (before \"--\" on the command line):\n");
	for (p = _ts_params_start; p < _ts_params_end; p++)
		ts_printk("  %-28s %s\n", p->name, p->help);
	if (p == _ts_params_start)
		ts_printk("  (none in this image)\n");
}

/* A line that cannot be taken whole stops the boot: the application must
 * never run with arguments it was not given (parameters that lost their
 * "--", words past a cut, an argv of nothing). */
static _Noreturn void refuse(const char *why)
{
	ts_printk("boot: command line refused: %s; the application is not "
		  "started\n", why);
	ts_plat_crash();
}

static int split_args(char ***argv_out)
{
	const char *err;
	char *line = ts_plat_cmdline(&err);
	int n, dashes = -1;

	if (!line)
		refuse(err);
	/* In place: the platform's copy is ours (<ts/plat/boot.h>; one 4 KiB
	 * buffer, not two). words[0] is kept for argv[0]. */
	n = ts_cmdline_split(line, words + 1, MAX_WORDS, &err);
	if (n < 0)
		refuse(strcmp(err, TS_CMDLINE_TOO_MANY_WORDS) ? err :
		       "more than " TS_STRINGIFY(MAX_WORDS) " words");
	for (int i = 1; i <= n; i++) {
		if (!strcmp(words[i], "--")) {
			dashes = i;
			break;
		}
	}
	if (dashes < 0) {
		words[0] = app_name;
		*argv_out = words;
		return n + 1;
	}
	int nenv = 0;

	for (int i = 1; i < dashes; i++) {
		char msg[160];

		if (!strncmp(words[i], TS_BOOT_ENV_PREFIX,
			     sizeof(TS_BOOT_ENV_PREFIX) - 1)) {
			char *var = words[i] + sizeof(TS_BOOT_ENV_PREFIX) - 1;

			if (ts_env_word_check(var, &err))
				refuse(err);
			/* Slots 0..i-1 are used up: nenv <= i - 1. */
			words[nenv++] = var;
			continue;
		}
		if (!strcmp(words[i], "help")) {
			list_params();
			continue;
		}
		if (ts_param_apply(_ts_params_start, _ts_params_end, words[i],
				   msg, sizeof(msg)))
			ts_log_warn("%s", msg);
	}
	/* nenv < dashes: the NULL never overwrites argv[0]. */
	words[nenv] = NULL;
	main_envp = words;
	words[dashes] = app_name;
	*argv_out = words + dashes;
	return n - dashes + 1;
}

void ts_boot_set_main_starter(void (*starter)(void (*run_main)(void)))
{
	main_starter = starter;
}

void ts_boot_set_main_entry(void (*entry)(int argc, char **argv,
						     char **envp))
{
	main_entry = entry;
}

static _Noreturn void run_main(void)
{
	int status;

	if (timing)
		report_timing();
	trace_boot_main(main_argc);
	if (main_entry)
		main_entry(main_argc, main_argv, main_envp);
	/* Only a C library with a start-up of its own has an
	 * environment: say so rather than drop it silently. */
	if (main_envp[0])
		ts_log_warn("%s: this image's C library has no "
			    "environment (choose musl); ignored",
			    main_envp[0] - (sizeof(TS_BOOT_ENV_PREFIX) - 1));
	status = main(main_argc, main_argv);
#ifdef CONFIG_LIB_BOOT_VERBOSE
	ts_printk("boot: main() returned %d\n", status);
#endif
	exit(status);
}

_Noreturn void ts_boot_main(void)
{
	main_argc = split_args(&main_argv);
	ts_boot_run_inits();
	if (main_starter)
		main_starter(run_main);
	/* Reached only if the starter returned after all. */
	run_main();
}
