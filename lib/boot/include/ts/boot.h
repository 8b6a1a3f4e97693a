/* lib/boot's interface: who calls main(), and the command-line and
 * parameter parsing it applies at boot (also run on the host by the unit
 * tests and fuzzers). Declaring init functions and parameters needs only
 * lib/core's <ts/init.h> and <ts/param.h>. */
#ifndef TS_BOOT_H
#define TS_BOOT_H

#include <ts/param.h>

/* Who calls main(). lib/boot does, on the boot stack, once the init
 * functions ran, unless a library registered a starter from its init
 * function: lib/boot then calls starter(run_main) instead. The starter
 * must see to it that run_main() gets called (it calls main() and exits
 * with its status; it does not return) and must not return itself.
 * lib/sched registers one that runs main() in a thread named "main" and
 * keeps the boot context as its idle thread; lib/boot knows nothing of
 * threads. The last registration wins. */
void ts_boot_set_main_starter(void (*starter)(void (*run_main)(void)));

/* How main() is called, on whatever context the starter gave: by
 * default lib/boot calls main(argc, argv) and exit()s with its status;
 * a C library with a start-up of its own (lib/musl's
 * __libc_start_main) registers entry from its init function instead,
 * and entry calls main and exits itself (it does not return). envp is the environment set
 * on the command line (env.NAME=value before "--"), NULL-terminated. */
void ts_boot_set_main_entry(void (*entry)(int argc, char **argv,
						     char **envp));

/* The environment on the command line: "env.NAME=value" before "--"
 * puts NAME=value in main's environment. NAME is a shell identifier
 * ([A-Za-z_][A-Za-z0-9_]*), the value may be empty. A word that breaks
 * the rule stops the boot with the reason, like any malformed line. */
#define TS_BOOT_ENV_PREFIX "env."
/* Check the part after the prefix ("NAME=value"): 0, or -1 with *err
 * set. */
int ts_env_word_check(const char *var, const char **err);

/* Split buf in place into words: blanks separate, "..." and '...' group,
 * a backslash takes the next character literally (not inside '...').
 * Returns the word count, or -1 with *err set (unterminated quote, more
 * than max words); words[] is NULL-terminated, so it holds max + 1. */
#define TS_CMDLINE_TOO_MANY_WORDS "too many words"
int ts_cmdline_split(char *buf, char **words, int max, const char **err);

/* Number syntax of parameters: decimal, 0x hex, 0 octal, an optional
 * K/M/G suffix (binary units). 0 on success, -1 if malformed or out of
 * range. */
int ts_param_parse_int(const char *s, long *out);
int ts_param_parse_uint(const char *s, unsigned long *out);

/* Look up a parameter in the table [first, last). */
const struct ts_param *ts_param_find(const struct ts_param *first,
				     const struct ts_param *last,
				     const char *name, unsigned long len);

/* Apply one "name=value" (or "name" for a boolean) word. Returns 0, or -1
 * with the reason (unknown name, bad value) in err, changing nothing. An
 * unknown name close to a known one (a typo) names that one too. */
int ts_param_apply(const struct ts_param *first, const struct ts_param *last,
		   char *word, char *err, unsigned long errlen);

#endif
