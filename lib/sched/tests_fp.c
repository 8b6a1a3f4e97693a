/* In-image tests: each thread keeps its own FP/SIMD state. A voluntary
 * switch keeps what the calling convention says survives a call (FP
 * control, and on arm64 d8-d15); a preemption keeps everything, which
 * only a preemptive build can show. The register-level work is the
 * architecture's (<ts/arch/fpregs.h>), so this file has no arch #ifdef. */
#include <stdint.h>
#include <string.h>
#include <ts/arch/fpregs.h>
#include <ts/sched.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

struct rounding_job {
	int mode;
	double third;
	int mode_kept, value_kept;
};

static void *divide_under_mode(void *arg)
{
	struct rounding_job *j = arg;
	volatile double one = 1.0, three = 3.0;

	ts_arch_fp_set_rounding(j->mode);
	j->third = one / three;
	j->mode_kept = j->value_kept = 1;
	for (int i = 0; i < 200; i++) {
		ts_thread_yield();
		if (ts_arch_fp_get_rounding() != j->mode)
			j->mode_kept = 0;
		if (one / three != j->third)
			j->value_kept = 0;
	}
	return NULL;
}

/* Four threads, four rounding modes, taking turns. */
TS_TEST(sched_fp, control_state_is_per_thread)
{
	struct rounding_job j[4];
	struct ts_thread *t[4];
	int mine = ts_arch_fp_get_rounding();

	for (int i = 0; i < 4; i++) {
		j[i].mode = i;
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "fpmode",
					      divide_under_mode, &j[i], NULL),
			     0);
	}
	for (int i = 0; i < 4; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(j[i].mode_kept);
		TS_EXPECT(j[i].value_kept);
	}
	/* The modes really differed: 1/3 rounded up is one ulp more. */
	TS_EXPECT(j[TS_FP_ROUND_UP].third > j[TS_FP_ROUND_DOWN].third);
	TS_EXPECT(j[TS_FP_ROUND_DOWN].third == j[TS_FP_ROUND_ZERO].third);
	TS_EXPECT_EQ(ts_arch_fp_get_rounding(), mine);
}

static void yield_once(void)
{
	ts_thread_yield();
}

static void *keep_registers(void *arg)
{
	uint64_t in[8], out[8];
	int *ok = arg;

	for (int i = 0; i < 8; i++)
		in[i] = (uint64_t)(uintptr_t)arg * 1000003ULL + (uint64_t)i;
	memset(out, 0, sizeof(out));
	int words = ts_arch_fp_callee_saved_roundtrip(in, out, yield_once, 100);
	*ok = !memcmp(in, out, (size_t)words * sizeof(in[0]));
	return NULL;
}

TS_TEST(sched_fp, callee_saved_registers_survive_yields)
{
	struct ts_thread *t[3];
	int ok[3] = { 0, 0, 0 };
	uint64_t probe[8] = { 0 }, sink[8];

	if (!ts_arch_fp_callee_saved_roundtrip(probe, sink, yield_once, 1))
		TS_SKIP("this calling convention keeps no FP register across "
			"a call; control_state_is_per_thread covers FP control");
	for (int i = 0; i < 3; i++)
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "fpregs", keep_registers,
					      &ok[i], NULL), 0);
	for (int i = 0; i < 3; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(ok[i]);
	}
}

#ifdef CONFIG_LIB_SCHED_PREEMPT
struct spin_job {
	uint8_t in[TS_ARCH_VREGS_BYTES], out[TS_ARCH_VREGS_BYTES];
	uint64_t status_in, status_out;
	volatile int *stop;
};

static void *spinner(void *arg)
{
	struct spin_job *j = arg;

	j->status_out = ts_arch_fp_spin_with_pattern(j->in, j->out, j->stop,
						     j->status_in);
	return NULL;
}

#endif

TS_TEST(sched_fp, all_registers_survive_preemption)
{
#ifdef CONFIG_LIB_SCHED_PREEMPT
	static struct spin_job j[3];
	static volatile int stop;
	struct ts_thread *t[3];
	uint64_t preempted = ts_sched_preempt_count();

	stop = 0;
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < TS_ARCH_VREGS_BYTES; i++)
			j[k].in[i] = (uint8_t)((k + 1) * 37 + i * 11);
		memset(j[k].out, 0, sizeof(j[k].out));
		j[k].status_in = ts_arch_fp_status_pattern(k);
		j[k].stop = &stop;
		TS_REQUIRE_EQ(ts_thread_create(&t[k], "fpspin", spinner, &j[k],
					      NULL), 0);
	}
	/* The spinners share the CPU in slices meanwhile. */
	ts_thread_sleep_ns(100 * MS);
	stop = 1;
	for (int k = 0; k < 3; k++) {
		/* Switched to more than once: preempted while spinning. */
		TS_EXPECT_GE(ts_thread_switches(t[k]), 2ULL);
		ts_thread_join(t[k], NULL);
		TS_EXPECT(!memcmp(j[k].in, j[k].out, TS_ARCH_VREGS_BYTES));
		TS_EXPECT_EQ(j[k].status_out, j[k].status_in);
	}
	TS_EXPECT_GE(ts_sched_preempt_count() - preempted, 3ULL);
#else
	TS_SKIP("cooperative build: nothing preempts a spinning thread");
#endif
}
