/* Starting the scheduler: the boot context becomes a thread (named
 * "boot" while the init functions run), main() gets a thread of its
 * own named "main" (lib/boot's main starter), and the boot context then
 * turns into the idle thread, on the boot stack it already has. Also
 * the fault report's question: which thread was running. */
#include <ts/alloc.h>
#include <ts/arch/boot.h>
#include <ts/arch/mmu.h>
#include <ts/arch/trap.h>
#include <ts/boot.h>
#include <ts/init.h>
#include <ts/debug.h>
#include "internal.h"

#ifndef CONFIG_LIB_SCHED_MAIN_STACK_KB
#define CONFIG_LIB_SCHED_MAIN_STACK_KB 64
#endif

static struct ts_thread boot_thread;
static char boot_tls[TLS_AREA_SIZE] __attribute__((aligned(64)));
static void (*boot_run_main)(void);

/* Page tables for splitting large mappings around guard pages. */
static void *table_page(void)
{
	return ts_pages_alloc(1);
}

static void *main_thread(void *unused)
{
	(void)unused;
	boot_run_main();	/* exits with main's status */
	return NULL;
}

static void start_main(void (*run_main)(void))
{
	struct ts_thread_attr a = {
		.stack_size = (size_t)CONFIG_LIB_SCHED_MAIN_STACK_KB * 1024,
		.detached = 1,
	};
	int r;

	boot_run_main = run_main;
	r = ts_thread_create(NULL, "main", main_thread, NULL, &a);
	if (r) {
		/* Threads still work: the boot context halts in place
		 * whenever main blocks with nothing else to run. */
		ts_log_warn("no thread for main() (error %d); it runs on "
			    "the boot stack", r);
		sched_set_name(&boot_thread, "main");
		run_main();
	}
	sched_become_idle();
}

/* Not static: the host build of the benchmarks calls it directly. */
int sched_init(void)
{
	boot_thread.stack_lo = (uintptr_t)_ts_boot_stack_bottom;
	boot_thread.stack_hi = (uintptr_t)_ts_boot_stack_top;
	boot_thread.guard = (uintptr_t)_ts_boot_stack_guard;
	boot_thread.tp = tls_setup(boot_tls, &boot_thread.tls);
	sched_core_init();
	sched_adopt_boot_context(&boot_thread, "boot");
	ts_arch_mmu_set_table_alloc(table_page);
	ts_boot_set_main_starter(start_main);
	preempt_init();
	return 0;
}
TS_INIT(sched_init, TS_INIT_CORE);

int ts_sched_fault_thread(struct ts_fault_thread *f)
{
	struct ts_thread *t = sched_current;

	if (!t)
		return -1;
	f->name = t->name;
	f->stack_lo = t->stack_lo;
	f->stack_hi = t->stack_hi;
	f->guard_lo = t->guard;
	f->guard_hi = t->guard ? t->guard + 4096 : 0;
	return 0;
}
