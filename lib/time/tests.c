/* In-image tests of lib/time. Waits use ts_time_halt_until(), which
 * halts the CPU: under the scheduler, other threads do not run
 * meanwhile, which these tests do not need. */
#include <stddef.h>
#include <ts/arch/cpu.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

/* How late a wake-up may be under QEMU's TCG: its virtual CPU is a host
 * thread woken by the main loop, whose poll() may expire up to 0.1% of
 * the timeout late, and a busy host adds scheduling delays: typically
 * 0.05-0.15 ms, outliers of 10 ms (apps/sleep) and, rarely, 20 ms
 * (bench/sched on a busy host). */
#define LATE_MAX (50 * MS)

struct record {
	int order[8];
	int n;
	int irqs_were_on;
};

/* A timer that records its number when it fires. */
struct tagged {
	struct ts_timer t;
	int id;
	struct record *r;
};

static void note(struct ts_timer *t, void *arg)
{
	struct tagged *g = arg;

	(void)t;
	if (ts_arch_irq_enabled())
		g->r->irqs_were_on = 1;
	if (g->r->n < 8)
		g->r->order[g->r->n++] = g->id;
}

static void tagged_init(struct tagged *g, int id, struct record *r)
{
	g->id = id;
	g->r = r;
	ts_timer_init(&g->t, note, g);
}

TS_TEST(time, monotonic_clock_advances)
{
	uint64_t a = ts_time_now_ns(), b;

	for (volatile int i = 0; i < 100000; i++)
		;
	b = ts_time_now_ns();
	TS_EXPECT_GT(b, a);
	TS_EXPECT_EQ(ts_time_deadline_in(TS_TIME_NEVER), TS_TIME_NEVER);
}

TS_TEST(time, timers_fire_in_deadline_order)
{
	struct record r = { { 0 }, 0, 0 };
	struct tagged t[4];
	uint64_t now = ts_time_now_ns();
	static const int ms[4] = { 30, 10, 20, 10 };

	for (int i = 0; i < 4; i++) {
		tagged_init(&t[i], i, &r);
		ts_timer_arm(&t[i].t, now + ms[i] * MS);
	}
	TS_EXPECT(ts_timer_pending(&t[0].t));
	ts_time_halt_until(now + 40 * MS);
	TS_REQUIRE_EQ(r.n, 4);
	/* 10 ms twice: the first armed fires first. */
	TS_EXPECT_EQ(r.order[0], 1);
	TS_EXPECT_EQ(r.order[1], 3);
	TS_EXPECT_EQ(r.order[2], 2);
	TS_EXPECT_EQ(r.order[3], 0);
	TS_EXPECT_EQ(r.irqs_were_on, 0);
	TS_EXPECT(!ts_timer_pending(&t[0].t));
}

TS_TEST(time, cancel_and_rearm)
{
	struct record r = { { 0 }, 0, 0 };
	struct tagged a, b;
	uint64_t now = ts_time_now_ns();

	tagged_init(&a, 1, &r);
	tagged_init(&b, 2, &r);
	ts_timer_arm(&a.t, now + 5 * MS);
	ts_timer_arm(&b.t, now + 10 * MS);
	TS_EXPECT_EQ(ts_timer_cancel(&a.t), 1);
	TS_EXPECT_EQ(ts_timer_cancel(&a.t), 0);
	/* Moving b earlier reprograms the platform timer. */
	ts_timer_arm(&b.t, now + 3 * MS);
	ts_time_halt_until(now + 20 * MS);
	TS_REQUIRE_EQ(r.n, 1);
	TS_EXPECT_EQ(r.order[0], 2);
	TS_EXPECT_EQ(ts_timer_cancel(&b.t), 0);
}

struct periodic {
	struct ts_timer t;
	int left;
	uint64_t period;
};

static void tick(struct ts_timer *t, void *arg)
{
	struct periodic *p = arg;

	if (--p->left > 0)
		ts_timer_arm(t, t->deadline + p->period);
}

TS_TEST(time, callback_rearms_itself)
{
	struct periodic p = { .left = 5, .period = 2 * MS };
	uint64_t start = ts_time_now_ns();

	ts_timer_init(&p.t, tick, &p);
	ts_timer_arm(&p.t, start + p.period);
	ts_time_halt_until(start + 11 * MS + LATE_MAX);
	TS_EXPECT_EQ(p.left, 0);
	TS_EXPECT(!ts_timer_pending(&p.t));
}

TS_TEST(time, past_deadline_fires_at_once)
{
	struct record r = { { 0 }, 0, 0 };
	struct tagged t;
	uint64_t start = ts_time_now_ns();

	tagged_init(&t, 1, &r);
	ts_timer_arm(&t.t, 0);
	ts_time_halt_until(start + MS);
	TS_EXPECT_EQ(r.n, 1);
}

/* Never early, and late by at most LATE_MAX + 0.2%. */
TS_TEST(time, halt_accuracy)
{
	static const uint64_t ms[] = { 1, 10, 50 };

	for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		uint64_t start = ts_time_now_ns(), want = ms[i] * MS, took;

		ts_time_halt_until(start + want);
		took = ts_time_now_ns() - start;
		TS_EXPECT_GE(took, want);
		TS_EXPECT_LE(took, want + LATE_MAX + want / 500);
	}
}

/* From the platform's clock (QEMU's PC sets its CMOS clock from the
 * host) or time.epoch=; runs before wall_clock_is_settable sets it. */
TS_TEST(time, wall_clock_at_boot)
{
	uint64_t y2020 = 1577836800ULL * TS_NSEC_PER_SEC;
	uint64_t y2100 = 4102444800ULL * TS_NSEC_PER_SEC;

	if (!ts_time_wall_known())
		TS_SKIP("no real-time clock, and no time.epoch= given");
	TS_EXPECT_GT(ts_time_wall_ns(), y2020);
	TS_EXPECT_LT(ts_time_wall_ns(), y2100);
}

TS_TEST(time, wall_clock_is_settable)
{
	uint64_t t2001 = 978307200ULL * TS_NSEC_PER_SEC, w;

	ts_time_wall_set(t2001);
	w = ts_time_wall_ns();
	TS_EXPECT(ts_time_wall_known());
	TS_EXPECT_GE(w, t2001);
	TS_EXPECT_LT(w, t2001 + TS_NSEC_PER_SEC);
}
