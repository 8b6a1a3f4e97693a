/* The platform time interface on the TSC (clock) and the local APIC
 * timer (one-shot interrupts), in TSC-deadline mode when the CPU has it.
 *
 * Conversions are 32.32 fixed-point multiplications with a 128-bit
 * product: ns = ticks * (1e9 / hz) for any uptime (the product cannot
 * overflow, and 64-bit nanoseconds last 584 years), without division
 * at run time. */
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq.h>
#include <ts/arch/irq_save.h>
#include <ts/intc/lapic.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include <ts/plat/time.h>
#include <ts/pc.h>

static uint64_t tsc_hz;
static uint64_t tsc_base;	/* TSC when the clock started: time 0 */
static uint64_t ns_per_tsc;	/* 32.32, rounded down */
static uint64_t tsc_per_ns;	/* 32.32, rounded up */
static uint64_t apic_per_tsc;	/* 32.32, rounded up; one-shot mode */
static int deadline_mode;	/* TSC-deadline, else one-shot */
static const char *no_timer;	/* why there is no timer, or NULL */

static uint64_t deadline_ns;	/* of the armed timer */
static int armed;

/* floor or ceil of a * 2^32 / b, for a / b < 2^32: long division one
 * bit at a time, as 128-bit division needs a helper library we do not
 * link. Only used at boot. */
static uint64_t frac32(uint64_t a, uint64_t b, int round_up)
{
	uint64_t q = a / b, r = a % b;
	int i;

	for (i = 0; i < 32; i++) {
		q <<= 1;
		if (r >= b - r) {	/* 2r >= b, without overflow */
			r -= b - r;
			q |= 1;
		} else {
			r <<= 1;
		}
	}
	return q + (round_up && r);
}

/* x * m / 2^32, saturated to 64 bits. */
static uint64_t mul32(uint64_t x, uint64_t m)
{
	unsigned __int128 p = ((unsigned __int128)x * m) >> 32;

	return p > UINT64_MAX ? UINT64_MAX : (uint64_t)p;
}

static uint64_t ns_at(uint64_t tsc)
{
	return mul32(tsc - tsc_base, ns_per_tsc);
}

uint64_t ts_plat_ticks(void)
{
	return ts_arch_cycles();
}

uint64_t ts_plat_ticks_hz(void)
{
	return tsc_hz;
}

uint64_t ts_plat_time_ns(void)
{
	return ns_at(ts_arch_cycles());
}

/* Arm the hardware for deadline_ns. Rounded up twice, and one tick more
 * each time, so the interrupt never comes early on our own clock;
 * timer_irq() re-arms if it does anyway (one-shot counts are 32-bit,
 * so a long sleep takes several). */
static void program(uint64_t now)
{
	uint64_t now_ns = ns_at(now), delta_ns, delta;

	delta_ns = deadline_ns > now_ns ? deadline_ns - now_ns : 0;
	delta = mul32(delta_ns, tsc_per_ns);
	delta += delta < UINT64_MAX;
	if (deadline_mode) {
		ts_lapic_timer_deadline(now + delta < now ? UINT64_MAX :
					now + delta);
	} else {
		uint64_t count = mul32(delta, apic_per_tsc) + 1;

		ts_lapic_timer_oneshot(count > UINT32_MAX ? UINT32_MAX :
				       (uint32_t)count);
	}
}

static void timer_irq(void *arg, struct ts_regs *regs)
{
	uint64_t now = ts_arch_cycles();

	(void)arg;
	(void)regs;
	/* Cancelled while the interrupt was on its way. */
	if (!armed)
		return;
	if (ns_at(now) < deadline_ns) {
		program(now);
		return;
	}
	armed = 0;
	ts_plat_timer_expired();
}

void ts_plat_timer_set(uint64_t deadline)
{
	int was_on;

	if (no_timer) {
		ts_printk(PC_NAME ": a timer was set, but there is none: %s\n",
			  no_timer);
		ts_plat_crash();
	}
	was_on = ts_arch_irq_save();
	deadline_ns = deadline;
	armed = 1;
	program(ts_arch_cycles());
	ts_arch_irq_restore(was_on);
}

void ts_plat_timer_cancel(void)
{
	int was_on;

	if (no_timer)
		return;
	was_on = ts_arch_irq_save();
	armed = 0;
	if (deadline_mode)
		ts_lapic_timer_deadline(0);
	else
		ts_lapic_timer_oneshot(0);
	ts_arch_irq_restore(was_on);
}

void ts_pc_time_init(int have_lapic)
{
	struct ts_pc_rates r;

#ifdef CONFIG_PLAT_PC_TSC_DEADLINE
	deadline_mode = have_lapic && ts_lapic_timer_has_tsc_deadline();
#endif
	ts_pc_measure_rates(&r, have_lapic && !deadline_mode);
	if (!r.tsc_hz) {
		ts_printk(PC_NAME ": the TSC's rate is unknown (no CPUID leaf gives "
			  "it, no PIT to measure it): no clock, no timer\n");
		no_timer = "the TSC's rate is unknown";
		return;
	}
	tsc_base = ts_arch_cycles();
	ns_per_tsc = frac32(1000000000, r.tsc_hz, 0);
	tsc_per_ns = frac32(r.tsc_hz, 1000000000, 1);
	tsc_hz = r.tsc_hz;

	if (!have_lapic) {
		no_timer = "no usable local APIC";
		return;
	}
	if (!deadline_mode) {
		if (!r.apic_per_tsc_ticks) {
			ts_printk(PC_NAME ": the local APIC timer's rate is unknown "
				  "(TSC %s): no timer\n", r.tsc_from);
			no_timer = "the local APIC timer's rate is unknown";
			return;
		}
		apic_per_tsc = frac32(r.apic_ticks, r.apic_per_tsc_ticks, 1);
	}
	ts_arch_irq_set_handler(TS_X86_VEC_TIMER, timer_irq, NULL);
	ts_lapic_timer_setup(TS_X86_VEC_TIMER, deadline_mode);
}
