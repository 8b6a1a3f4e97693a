/* Where the rates of the TSC and of the local APIC timer come from: the
 * CPU or hypervisor says (CPUID), or they are measured at boot against
 * the 8254 PIT. QEMU's TCG runs the TSC at whatever rate its host has
 * and says nothing, so measuring is the normal case there. */
#include <stdint.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/arch/x86.h>
#include <ts/intc/lapic.h>
#include <ts/timer/i8254.h>
#include <ts/pc.h>

/* 10 ms of PIT time: long enough that the microsecond or two a PIT read
 * takes is 1e-4 of it, short enough not to slow the boot. */
#define PIT_TICKS	11932
/* 100 us, for a first run that only warms up (see ts_pc_measure_rates()). */
#define PIT_WARMUP	119
/* A PIT counts a step every 0.84 us: one that stood still for this many
 * reads is not there. */
#define PIT_STALE_READS	100000UL

/* Plausible TSC rates; anything else is a measurement gone wrong. */
#define TSC_HZ_MIN	10000000ULL
#define TSC_HZ_MAX	100000000000ULL

/* A counter's value and the TSC at (nearly) the same moment. */
struct stamp {
	uint64_t tsc;
	uint32_t count;
};

static uint32_t apic_count(void)
{
	return ts_lapic_timer_current();
}

static uint32_t pit_count(void)
{
	return ts_i8254_counter_read();
}

/* The TSC halfway through the counter's read, of the fastest of a few
 * reads. A read can be slow for reasons of its own (under TCG the first
 * one after a busy loop takes 30 us instead of 0.5), and then the count
 * is not taken halfway through it: that alone put the rate 0.15% off. */
static void stamp(struct stamp *s, uint32_t (*read)(void))
{
	uint64_t best = UINT64_MAX;
	int i;

	for (i = 0; i < 3; i++) {
		uint64_t t0 = ts_arch_cycles(), t1;
		uint32_t count = read();

		t1 = ts_arch_cycles();
		if (t1 - t0 < best) {
			best = t1 - t0;
			*s = (struct stamp){ t0 + (t1 - t0) / 2, count };
		}
	}
}

static int hypervisor_is(const char *sig)
{
	uint32_t a, r[3];

	cpuid(0x40000000, 0, &a, &r[0], &r[1], &r[2]);
	return !memcmp(r, sig, 12);
}

/* Rates from CPUID, when the CPU or hypervisor gives them. */
static void from_cpuid(struct ts_pc_rates *r)
{
	uint32_t max, a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	if (c & X86_CPUID1_ECX_HYPERVISOR) {
		/* Xen's leaf base + 3, subleaf 0: the guest's TSC rate in
		 * kHz in ECX. Xen's PVH guests have no PIT to measure it
		 * against, and its APIC timer is then measured against
		 * the TSC (or not needed: TSC-deadline mode). */
		uint32_t xen = ts_pc_hypervisor_base("XenVMMXenVMM", 4,
						     ts_pc_cpuid);

		if (xen) {
			cpuid(xen + 3, 0, &a, &b, &c, &d);
			if (c) {
				r->tsc_hz = (uint64_t)c * 1000;
				r->tsc_from = "Xen's CPUID leaf";
				return;
			}
		}

		/* QEMU/KVM (with a known, invariant TSC) and VMware give both
		 * rates in kHz in this leaf. Other hypervisors use the leaf
		 * number for something else, hence the signature check. */
		cpuid(0x40000000, 0, &max, &b, &c, &d);
		if (max >= 0x40000010 && max < 0x40000100 &&
		    (hypervisor_is("KVMKVMKVM\0\0\0") ||
		     hypervisor_is("VMwareVMware"))) {
			cpuid(0x40000010, 0, &a, &b, &c, &d);
			if (a) {
				r->tsc_hz = (uint64_t)a * 1000;
				r->tsc_from = "hypervisor CPUID 0x40000010";
				r->apic_ticks = (uint64_t)b * 1000;
				r->apic_per_tsc_ticks = r->apic_ticks ?
							r->tsc_hz : 0;
				return;
			}
		}
	}

	/* Intel: TSC = crystal * EBX / EAX. The crystal (which also drives
	 * the APIC timer) is in ECX, or, where ECX is 0, follows from the
	 * base frequency in leaf 0x16. */
	cpuid(0, 0, &max, &b, &c, &d);
	if (max < 0x15)
		return;
	cpuid(0x15, 0, &a, &b, &c, &d);
	if (!a || !b)
		return;
	if (!c && max >= 0x16) {
		uint32_t den = a, num = b, mhz;

		cpuid(0x16, 0, &mhz, &b, &c, &d);
		c = (uint32_t)((uint64_t)mhz * 1000000 * den / num);
		a = den;
		b = num;
	}
	if (!c)
		return;
	r->tsc_hz = (uint64_t)c * b / a;
	r->tsc_from = "CPUID 0x15";
	r->apic_ticks = c;
	r->apic_per_tsc_ticks = r->tsc_hz;
}

/* At least ticks PIT clocks: TSC ticks in *pit PIT clocks, or 0 if
 * there is no PIT. with_apic also measures the APIC timer in the same
 * window. */
static uint64_t pit_window(uint16_t ticks, uint16_t *pit, int with_apic,
			  struct stamp *a0, struct stamp *a1)
{
	struct stamp p0 = { 0, 0 }, p1 = { 0, 0 };
	uint16_t now, last;
	unsigned long stale = 0;

	ts_i8254_counter_start();
	if (with_apic) {
		ts_lapic_timer_free_run();
		stamp(a0, apic_count);
	}
	stamp(&p0, pit_count);
	last = p0.count;
	do {
		now = ts_i8254_counter_read();
		stale = now == last ? stale + 1 : 0;
		last = now;
	} while ((uint16_t)(p0.count - now) < ticks &&
		 stale < PIT_STALE_READS);
	stamp(&p1, pit_count);
	if (with_apic)
		stamp(a1, apic_count);
	ts_i8254_counter_stop();
	*pit = p0.count - p1.count;
	if (stale == PIT_STALE_READS || *pit < ticks)
		return 0;
	return p1.tsc - p0.tsc;
}

/* The APIC timer against a TSC whose rate is known: 10 ms. */
static void tsc_window(uint64_t tsc_hz, struct stamp *a0, struct stamp *a1)
{
	ts_lapic_timer_free_run();
	stamp(a0, apic_count);
	while (ts_arch_cycles() - a0->tsc < tsc_hz / 100)
		ts_arch_pause();
	stamp(a1, apic_count);
}

void ts_pc_measure_rates(struct ts_pc_rates *r, int need_apic)
{
	struct stamp a0 = { 0, 0 }, a1 = { 0, 0 };
	uint64_t tsc;

	memset(r, 0, sizeof(*r));
	from_cpuid(r);
	if (r->apic_per_tsc_ticks)
		need_apic = 0;

	if (!r->tsc_hz) {
		uint16_t pit;

		/* The first run of this code is slow (caches; under TCG the
		 * translation of each block as it first runs), which skews
		 * the reads that a pair of TSC reads bracket. A short run
		 * for nothing first halved the spread of the results here
		 * (to +-55 ppm under TCG). */
		pit_window(PIT_WARMUP, &pit, need_apic, &a0, &a1);
		tsc = pit_window(PIT_TICKS, &pit, need_apic, &a0, &a1);
		if (!tsc)
			return;
		/* hz = tsc / (pit / PIT's hz), rounded */
		r->tsc_hz = (tsc * TS_I8254_HZ_NUM +
			     pit * TS_I8254_HZ_DEN / 2) /
			    (pit * TS_I8254_HZ_DEN);
		r->tsc_from = "measured against the PIT";
		if (r->tsc_hz < TSC_HZ_MIN || r->tsc_hz > TSC_HZ_MAX) {
			r->tsc_hz = 0;
			return;
		}
	} else if (need_apic) {
		tsc_window(r->tsc_hz, &a0, &a1);
	}

	if (need_apic && a1.tsc > a0.tsc && a0.count > a1.count) {
		r->apic_ticks = a0.count - a1.count;
		r->apic_per_tsc_ticks = a1.tsc - a0.tsc;
	}
}
