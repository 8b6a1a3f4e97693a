/* lib/sched on the host, against the host's threads, in one process:
 *
 *   yield_rt     two Tessera threads yield to each other (one round trip:
 *                A -> B -> A, two switches) vs two pthreads taking turns
 *                through a mutex and two condition variables;
 *   condvar_rt   the same turn-taking on Tessera's mutex and condition
 *                variables, vs the pthreads;
 *   create_join  thread create + join, vs pthread_create + pthread_join.
 *
 * Tessera's side is bench/schedbench/threads.c, the loops the image
 * runs, on the image's own code (lib/sched, lib/time, the x86_64
 * switch.S), built for the host with every symbol prefixed tsh_; this
 * shim holds main(), the host's reference and what the tree code takes
 * from a platform. Only the CPU services are stand-ins (no interrupts to mask, the thread
 * pointer left to the host's C library). Prints one line per figure:
 *   name tessera_ns host_ns ratio
 *
 * usage: sched-native [ROUNDS]  */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

/* ---- what the tree code calls, for the host ---------------------- */

int tsh_sched_init(void);
uint64_t tsh_schedbench_yield_rt(long n);
uint64_t tsh_schedbench_condvar_rt(long n);
uint64_t tsh_schedbench_create_join(long n);

char tsh__ts_boot_stack_guard[4096], tsh__ts_boot_stack_bottom[4096];
char tsh__ts_boot_stack_top[1];

void *tsh_ts_pages_alloc(size_t n);
void tsh_ts_pages_free(void *p, size_t n);
void *tsh_malloc(size_t n);
void *tsh_aligned_alloc(size_t a, size_t n);
void tsh_free(void *p);
void tsh_exit(int status);
void tsh_ts_printk(const char *fmt, ...);
void tsh_ts_plat_console_write(const char *buf, size_t len);
uint64_t tsh_ts_plat_time_ns(void);
void tsh_ts_plat_timer_set(uint64_t deadline);
void tsh_ts_plat_timer_cancel(void);
int tsh_ts_arch_mmu_guard(void *page, int guard);
void tsh_ts_arch_mmu_set_table_alloc(void *(*alloc)(void));
void tsh_ts_arch_irq_set_preempt(int (*w)(void), void (*r)(void));
void tsh_ts_boot_set_main_starter(void (*s)(void (*)(void)));
void tsh_ts_alloc_set_lock(void (*l)(void), void (*u)(void));

void *tsh_ts_pages_alloc(size_t n)
{
	return aligned_alloc(4096, n * 4096);
}

void tsh_ts_pages_free(void *p, size_t n)
{
	(void)n;
	free(p);
}

void *tsh_malloc(size_t n)
{
	return malloc(n);
}

void *tsh_aligned_alloc(size_t a, size_t n)
{
	return aligned_alloc(a, (n + a - 1) / a * a);
}

void tsh_free(void *p)
{
	free(p);
}

void tsh_exit(int status)
{
	exit(status);
}

void tsh_ts_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* lib/debug's log lines (the scheduler's warnings) end up here. */
void tsh_ts_plat_console_write(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stderr);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t tsh_ts_plat_time_ns(void)
{
	return now_ns();
}

void tsh_ts_plat_timer_set(uint64_t deadline)
{
	(void)deadline;
}

void tsh_ts_plat_timer_cancel(void)
{
}

/* The guard page, as in the image: unmapped (here: inaccessible). */
int tsh_ts_arch_mmu_guard(void *page, int guard)
{
	return mprotect(page, 4096, guard ? PROT_NONE :
				    PROT_READ | PROT_WRITE);
}

void tsh_ts_arch_mmu_set_table_alloc(void *(*alloc)(void))
{
	(void)alloc;
}

void tsh_ts_arch_irq_set_preempt(int (*w)(void), void (*r)(void))
{
	(void)w;
	(void)r;
}

void tsh_ts_boot_set_main_starter(void (*s)(void (*)(void)))
{
	(void)s;
}

void tsh_ts_alloc_set_lock(void (*l)(void), void (*u)(void))
{
	(void)l;
	(void)u;
}

/* ---- the benchmarks ----------------------------------------------- */

/* Each figure is ns per round (a round trip, or a create + join). */
static long rounds;

/* Turn-taking through a mutex and two condition variables: the same
 * algorithm on both sides. */
static pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pc[2] = { PTHREAD_COND_INITIALIZER,
				PTHREAD_COND_INITIALIZER };
static int p_turn;

static void *p_player(void *arg)
{
	int me = (int)(intptr_t)arg;

	pthread_mutex_lock(&pm);
	for (long i = 0; i < rounds; i++) {
		while (p_turn != me)
			pthread_cond_wait(&pc[me], &pm);
		p_turn = !me;
		pthread_cond_signal(&pc[!me]);
	}
	pthread_mutex_unlock(&pm);
	return NULL;
}

static double host_pingpong(void)
{
	pthread_t a, b;
	uint64_t t0 = now_ns();

	p_turn = 0;
	pthread_create(&a, NULL, p_player, (void *)0);
	pthread_create(&b, NULL, p_player, (void *)1);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	return (double)(now_ns() - t0) / (double)rounds;
}

static void *nothing(void *arg)
{
	return arg;
}

static double host_create(void)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < rounds; i++) {
		pthread_t t;

		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	return (double)(now_ns() - t0) / (double)rounds;
}

/* The best of five runs of n rounds: the host's other work only ever
 * adds to a figure. */
static double best(double (*fn)(void), long n)
{
	double b = 0;

	rounds = n;
	for (int i = 0; i < 5; i++) {
		double v = fn();

		if (!i || v < b)
			b = v;
	}
	return b;
}

/* The same for bench/schedbench's figures (threads.c), in ns per round. */
static double best_ts(uint64_t (*fn)(long), long n)
{
	double b = 0;

	for (int i = 0; i < 5; i++) {
		double v = (double)fn(n) / (double)n;

		if (!i || v < b)
			b = v;
	}
	return b;
}

static void row(const char *name, double tessera, double host)
{
	printf("%s %.1f %.1f %.1f\n", name, tessera, host, host / tessera);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	/* Host threads are far slower: fewer rounds, same per-round unit. */
	long host_n = n / 20 > 1000 ? n / 20 : 1000;
	double host_pp;

	if (n < 1)
		n = 1;
	tsh_sched_init();
	host_pp = best(host_pingpong, host_n);
	row("yield_rt", best_ts(tsh_schedbench_yield_rt, n), host_pp);
	row("condvar_rt", best_ts(tsh_schedbench_condvar_rt, n), host_pp);
	row("create_join", best_ts(tsh_schedbench_create_join, 1000),
	    best(host_create, 1000));
	return 0;
}
