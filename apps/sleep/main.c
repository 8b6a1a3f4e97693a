/* Sleeps on the platform's one-shot timer and checks each sleep against
 * the platform clock: never shorter than asked, late by less than a
 * tolerance, and woken by the timer once, not by polling.
 *
 *   sleep [-r ROUNDS] [-t TOLERANCE_MS] [MS ...]
 *
 * Defaults: one round of 10, 100 and 500 ms, tolerance 20 ms + 0.2%
 * (see below). Exits 0 when every sleep passed, 1 when one did not, 2 on
 * bad arguments. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/time.h>

#define MAX_SLEEPS	16
#define MAX_MS		60000UL
#define MAX_ROUNDS	1000UL

/* A sleep arms the timer and halts until its interrupt: one per sleep.
 * A second is allowed for a platform whose timer may fire a hair before
 * the deadline on its own clock (the sleep then re-arms); more would
 * mean a timer firing far too early. Whether the CPU really halted
 * shows outside: QEMU uses next to no host CPU time while it sleeps. */
#define MAX_TIMER_IRQS	2

/*
 * Tolerance: how late a wake-up may be. The timer itself is exact to a
 * tick; the rest is interrupt latency. On hardware and KVM that is
 * microseconds. Under QEMU's TCG the virtual CPU is a host thread woken
 * by QEMU's main loop, whose poll() a Linux host lets expire up to 0.1%
 * of the timeout late (timer slack), and on a busy host that thread can
 * wait for a CPU as well: measured here 0.1-1.3 ms late for 1-1000 ms
 * sleeps, with rare outliers near 10 ms. Hence 20 ms + 0.2% by default;
 * -t sets a fixed tolerance instead.
 */
#define DEFAULT_TOLERANCE_MS	20UL
#define DEFAULT_TOLERANCE_PER	500	/* plus 1/500 of the request */

/* The timer interrupt calls this (plat/common has an empty default that
 * a timer library would replace; this app has none, so it counts). */
static volatile unsigned long timer_irqs;

void ts_plat_timer_expired(void)
{
	timer_irqs++;
}

static int parse(const char *what, const char *s, unsigned long min,
		 unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s) {
		printf("sleep: %s needs a value\n", what);
		return -1;
	}
	if (*s < '0' || *s > '9') {
		printf("sleep: %s: '%s' is not a number\n", what, s);
		return -1;
	}
	v = strtoul(s, &end, 10);
	if (*end || v < min || v > max) {
		printf("sleep: %s: '%s' is not a number from %lu to %lu\n",
		       what, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static void print_ms(const char *label, uint64_t ns)
{
	printf("%s%lu.%03lu ms", label, (unsigned long)(ns / 1000000),
	       (unsigned long)(ns / 1000 % 1000));
}

int main(int argc, char *argv[])
{
	unsigned long ms[MAX_SLEEPS] = { 10, 100, 500 };
	unsigned long rounds = 1, tol = DEFAULT_TOLERANCE_MS;
	unsigned long n = 3, total_ms = 0, r, i;
	uint64_t total_ns = 0;
	int failed = 0, given = 0, fixed_tol = 0;

	for (i = 1; i < (unsigned long)argc; i++) {
		if (!strcmp(argv[i], "-r")) {
			if (parse("-r", argv[++i], 1, MAX_ROUNDS, &rounds))
				return 2;
		} else if (!strcmp(argv[i], "-t")) {
			if (parse("-t", argv[++i], 0, MAX_MS, &tol))
				return 2;
			fixed_tol = 1;
		} else {
			if (!given)
				n = 0;
			given = 1;
			if (n == MAX_SLEEPS) {
				printf("sleep: at most %d sleeps\n",
				       MAX_SLEEPS);
				return 2;
			}
			if (parse("sleep length (ms)", argv[i], 1, MAX_MS,
				  &ms[n]))
				return 2;
			n++;
		}
	}

	printf("sleep: clock %lu Hz, tolerance %lu ms%s\n",
	       (unsigned long)ts_plat_ticks_hz(), tol,
	       fixed_tol ? "" : " + 0.2%");
	for (r = 1; r <= rounds; r++) {
		for (i = 0; i < n; i++) {
			uint64_t want = (uint64_t)ms[i] * 1000000, t0, took;
			uint64_t late_max = (uint64_t)tol * 1000000 +
				(fixed_tol ? 0 : want / DEFAULT_TOLERANCE_PER);
			unsigned long irqs0 = timer_irqs, irqs;
			unsigned int halts;
			const char *why = NULL;

			t0 = ts_plat_time_ns();
			halts = ts_plat_sleep_until_ns(t0 + want);
			took = ts_plat_time_ns() - t0;
			irqs = timer_irqs - irqs0;

			/* No halt: the host ran something else until after
			 * the deadline (QEMU is a process too), and no
			 * interrupt was needed. A halt must end by one. */
			if (took < want)
				why = "woke up early";
			else if (took - want >= late_max)
				why = "woke up too late";
			else if (irqs == 0 && halts)
				why = "no timer interrupt ended it";
			else if (irqs > MAX_TIMER_IRQS)
				why = "too many timer interrupts";
			printf("slept %lu ms: ", ms[i]);
			print_ms("measured ", took);
			printf(", %lu timer interrupt%s%s%s%s\n", irqs,
			       irqs == 1 ? "" : "s",
			       halts ? "" : " (the deadline passed before the CPU halted)",
			       why ? ": FAIL, " : "", why ? why : "");
			failed |= why != NULL;
			total_ns += took;
			total_ms += ms[i];
		}
	}
	printf("sleep: total %lu ms requested, ", total_ms);
	print_ms("", total_ns);
	printf(" measured\n");
	printf("sleep: %s\n", failed ? "FAILED" : "ok");
	return failed;
}
