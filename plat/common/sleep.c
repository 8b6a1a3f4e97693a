/* Sleeping without busy waiting, for every platform: arm the one-shot timer
 * and halt until an interrupt, until the deadline has passed. */
#include <ts/arch/cpu.h>
#include <ts/plat/time.h>

__attribute__((weak)) void ts_plat_timer_expired(void)
{
}

unsigned int ts_plat_sleep_until_ns(uint64_t deadline_ns)
{
	int was_on = ts_arch_irq_enabled();
	unsigned int halts = 0;

	for (;;) {
		/* Check and halt with interrupts off: ts_arch_idle() enables
		 * them and waits in one step, so a timer interrupt arriving
		 * between the check and the halt still wakes us. */
		ts_arch_irq_disable();
		if (ts_plat_time_ns() >= deadline_ns)
			break;
		ts_plat_timer_set(deadline_ns);
		ts_arch_idle();
		halts++;
	}
	ts_plat_timer_cancel();
	if (was_on)
		ts_arch_irq_enable();
	return halts;
}
