/* Host-side view of tree code built for unit tests. The Makefile gives
 * every symbol of a test's tree sources the prefix tsh_, so tree code
 * and the host C library live side by side; this header declares the
 * prefixed names, and the host platform stand-in (host_plat.c). */
#ifndef TESTS_UNIT_TSH_H
#define TESTS_UNIT_TSH_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- host platform (host_plat.c) ---------------------------------- */

/* Everything written through tsh_ts_plat_console_write, NUL-terminated,
 * and how many writes it took. */
extern char host_console[1 << 16];
extern size_t host_console_len;
extern unsigned int host_console_writes;
void host_console_reset(void);

/* Power-off and crash land here: with host_poweroff_catch set they
 * record the status and longjmp to it; without, the test aborts. */
extern jmp_buf *host_poweroff_catch;
extern int host_poweroff_status;

/* Runs a Check suite with the usual summary; the exit status of main. */
struct Suite;
int host_run_suite(struct Suite *s);

/* ---- lib/nolibc --------------------------------------------------- */

struct __nolibc_file;
extern struct __nolibc_file *const tsh_stdout;
extern struct __nolibc_file *const tsh_stderr;

int tsh_snprintf(char *buf, size_t size, const char *fmt, ...);
int tsh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tsh_sprintf(char *buf, const char *fmt, ...);
int tsh_printf(const char *fmt, ...);
int tsh_fprintf(struct __nolibc_file *f, const char *fmt, ...);
int tsh_puts(const char *s);
int tsh_fputs(const char *s, struct __nolibc_file *f);
int tsh_putchar(int c);
int tsh_fputc(int c, struct __nolibc_file *f);
size_t tsh_fwrite(const void *p, size_t size, size_t n,
		  struct __nolibc_file *f);
int tsh_fflush(struct __nolibc_file *f);
double tsh_nolibc_quad_to_double(uint64_t hi, uint64_t lo);

int *tsh___errno_location(void);
#define tsh_errno (*tsh___errno_location())

void *tsh_memcpy(void *dst, const void *src, size_t n);
void *tsh_memmove(void *dst, const void *src, size_t n);
void *tsh_memset(void *dst, int c, size_t n);
int tsh_memcmp(const void *a, const void *b, size_t n);
void *tsh_memchr(const void *s, int c, size_t n);
size_t tsh_strlen(const char *s);
size_t tsh_strnlen(const char *s, size_t maxlen);
int tsh_strcmp(const char *a, const char *b);
int tsh_strncmp(const char *a, const char *b, size_t n);
char *tsh_strchr(const char *s, int c);
char *tsh_strrchr(const char *s, int c);
char *tsh_strcpy(char *dst, const char *src);
char *tsh_strncpy(char *dst, const char *src, size_t n);
char *tsh_strcat(char *dst, const char *src);
char *tsh_strncat(char *dst, const char *src, size_t n);
char *tsh_strstr(const char *haystack, const char *needle);
size_t tsh_strspn(const char *s, const char *accept);
size_t tsh_strcspn(const char *s, const char *reject);
char *tsh_strpbrk(const char *s, const char *accept);
char *tsh_strtok_r(char *s, const char *delim, char **saveptr);
char *tsh_strerror(int errnum);
const char *tsh_strerrorname_np(int errnum);
int tsh_strcasecmp(const char *a, const char *b);
int tsh_strncasecmp(const char *a, const char *b, size_t n);

int tsh_isalnum(int c);
int tsh_isalpha(int c);
int tsh_isblank(int c);
int tsh_iscntrl(int c);
int tsh_isdigit(int c);
int tsh_isgraph(int c);
int tsh_islower(int c);
int tsh_isprint(int c);
int tsh_ispunct(int c);
int tsh_isspace(int c);
int tsh_isupper(int c);
int tsh_isxdigit(int c);
int tsh_isascii(int c);
int tsh_tolower(int c);
int tsh_toupper(int c);

long tsh_strtol(const char *s, char **end, int base);
long long tsh_strtoll(const char *s, char **end, int base);
unsigned long tsh_strtoul(const char *s, char **end, int base);
unsigned long long tsh_strtoull(const char *s, char **end, int base);
intmax_t tsh_strtoimax(const char *s, char **end, int base);
uintmax_t tsh_strtoumax(const char *s, char **end, int base);
int tsh_atoi(const char *s);
long tsh_atol(const char *s);
long long tsh_atoll(const char *s);
int tsh_abs(int x);
long tsh_labs(long x);
long long tsh_llabs(long long x);
div_t tsh_div(int num, int den);
ldiv_t tsh_ldiv(long num, long den);
lldiv_t tsh_lldiv(long long num, long long den);
char *tsh_getenv(const char *name);
void tsh_qsort(void *base, size_t n, size_t size,
	       int (*cmp)(const void *, const void *));
void *tsh_bsearch(const void *key, const void *base, size_t n, size_t size,
		  int (*cmp)(const void *, const void *));

int tsh_atexit(void (*fn)(void));
_Noreturn void tsh_exit(int status);
_Noreturn void tsh__Exit(int status);
_Noreturn void tsh_abort(void);
_Noreturn void tsh___assert_fail(const char *expr, const char *file,
				 unsigned int line, const char *func);

/* ---- tree functions the tests and fuzzers call ---------------------- */

struct ts_fdt;
struct ts_param;

/* lib/boot: command line and parameters */
int tsh_ts_cmdline_split(char *buf, char **words, int max, const char **err);
int tsh_ts_env_word_check(const char *var, const char **err);
int tsh_ts_param_parse_int(const char *s, long *out);
int tsh_ts_param_parse_uint(const char *s, unsigned long *out);
int tsh_ts_param_apply(const struct ts_param *first,
		       const struct ts_param *last, char *word, char *err,
		       unsigned long errlen);

/* plat/common: the kept command line, device-tree helpers */
uint64_t tsh_ts_plat_devtree_memory(const struct ts_fdt *fdt);
const char *tsh_ts_plat_devtree_bootargs(const struct ts_fdt *fdt,
					 const char **why);
void tsh_ts_plat_cmdline_set(const char *cmdline);
char *tsh_ts_plat_cmdline(const char **why);

/* lib/debug: log levels */
int tsh_ts_log_parse_levels(const char *spec, const char *libs,
			    void (*set)(const char *lib, int len, int level,
					void *ctx),
			    void (*warn)(const char *what, const char *word,
					 int len, void *ctx),
			    void *ctx);

/* lib/initrd's parser */
struct ts_cpio_entry;
struct ts_cpio_error;
int tsh_ts_cpio_walk(const void *buf, size_t len,
		     int (*fn)(const struct ts_cpio_entry *e, void *arg),
		     void *arg, struct ts_cpio_error *err);

/* lib/fdt */
int tsh_ts_fdt_open(struct ts_fdt *fdt, const void *p, size_t max_size,
		    const char **why);
int tsh_ts_fdt_root(const struct ts_fdt *fdt);
int tsh_ts_fdt_first_child(const struct ts_fdt *fdt, int node);
int tsh_ts_fdt_next_sibling(const struct ts_fdt *fdt, int node);
int tsh_ts_fdt_next_node(const struct ts_fdt *fdt, int node, int *depth);
int tsh_ts_fdt_parent(const struct ts_fdt *fdt, int node);
const char *tsh_ts_fdt_name(const struct ts_fdt *fdt, int node);
int tsh_ts_fdt_path(const struct ts_fdt *fdt, const char *path);
const void *tsh_ts_fdt_getprop(const struct ts_fdt *fdt, int node,
			       const char *name, int *len);
const char *tsh_ts_fdt_prop_str(const struct ts_fdt *fdt, int node,
				const char *name);
int tsh_ts_fdt_prop_u32(const struct ts_fdt *fdt, int node,
			const char *name, uint32_t *out);
int tsh_ts_fdt_is_compatible(const struct ts_fdt *fdt, int node,
			     const char *compat);
int tsh_ts_fdt_find_compatible(const struct ts_fdt *fdt, int after,
			       const char *compat);
int tsh_ts_fdt_find_phandle(const struct ts_fdt *fdt, uint32_t phandle);
int tsh_ts_fdt_is_enabled(const struct ts_fdt *fdt, int node);
int tsh_ts_fdt_reg(const struct ts_fdt *fdt, int node, int index,
		   uint64_t *addr, uint64_t *size);
int tsh_ts_fdt_memreserve(const struct ts_fdt *fdt, int index,
			  uint64_t *addr, uint64_t *size);

/* drivers/bcm2835 */
size_t tsh_ts_bcm2835_mbox_build(uint32_t *msg, size_t cap, uint32_t tag,
				 const uint32_t *in, unsigned int in_words,
				 unsigned int buf_words);
int tsh_ts_bcm2835_mbox_parse(const uint32_t *msg, size_t msg_words,
			      uint32_t tag, uint32_t *out,
			      unsigned int out_words);
int tsh_ts_bcm2835_aux_divisor(uint32_t clock_hz, uint32_t baud,
			       unsigned int *err_permille);
int tsh_ts_bcm2835_mbox_call(uint32_t tag, uint32_t *val,
			     unsigned int in_words, unsigned int buf_words);
int tsh_ts_bcm2835_mbox_board_revision(uint32_t *rev);
int tsh_ts_bcm2835_mbox_arm_memory(uint32_t *base, uint32_t *size);
int tsh_ts_bcm2835_mbox_clock_rate(uint32_t clock_id, uint32_t *hz);
int tsh_ts_bcm2835_mbox_command_line(char *buf, size_t size);
int tsh_ts_bcm2835_mbox_set_gpio(uint32_t gpio, uint32_t state);

#endif
