/* In-image tests: each thread keeps its own FP/SIMD state. A voluntary
 * switch keeps what the calling convention says survives a call (FP
 * control, and on arm64 d8-d15); a preemption keeps everything, which
 * only a preemptive build can show. */
#include <stdint.h>
#include <string.h>
#include <ts/sched.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

enum { RM_NEAREST, RM_UP, RM_DOWN, RM_ZERO };

#if defined(__x86_64__)
static const unsigned int rc_bits[] = { 0, 2, 1, 3 };	/* MXCSR.RC */

static void set_rounding(int mode)
{
	uint32_t csr;

	__asm__ __volatile__("stmxcsr %0" : "=m"(csr));
	csr = (csr & ~0x6000U) | rc_bits[mode] << 13;
	__asm__ __volatile__("ldmxcsr %0" :: "m"(csr));
}

static int get_rounding(void)
{
	uint32_t csr;

	__asm__ __volatile__("stmxcsr %0" : "=m"(csr));
	for (int m = 0; m < 4; m++)
		if (rc_bits[m] == ((csr >> 13) & 3))
			return m;
	return -1;
}
#elif defined(__aarch64__)
static void set_rounding(int mode)		/* FPCR.RMode: as enum */
{
	uint64_t f;

	__asm__ __volatile__("mrs %0, fpcr" : "=r"(f));
	f = (f & ~(3ULL << 22)) | (uint64_t)mode << 22;
	__asm__ __volatile__("msr fpcr, %0" :: "r"(f));
}

static int get_rounding(void)
{
	uint64_t f;

	__asm__ __volatile__("mrs %0, fpcr" : "=r"(f));
	return (int)((f >> 22) & 3);
}
#endif

struct rounding_job {
	int mode;
	double third;
	int mode_kept, value_kept;
};

static void *divide_under_mode(void *arg)
{
	struct rounding_job *j = arg;
	volatile double one = 1.0, three = 3.0;

	set_rounding(j->mode);
	j->third = one / three;
	j->mode_kept = j->value_kept = 1;
	for (int i = 0; i < 200; i++) {
		ts_thread_yield();
		if (get_rounding() != j->mode)
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
	int mine = get_rounding();

	for (int i = 0; i < 4; i++) {
		j[i].mode = i;
		TS_ASSERT_EQ(ts_thread_create(&t[i], "fpmode",
					      divide_under_mode, &j[i], NULL),
			     0);
	}
	for (int i = 0; i < 4; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(j[i].mode_kept);
		TS_EXPECT(j[i].value_kept);
	}
	/* The modes really differed: 1/3 rounded up is one ulp more. */
	TS_EXPECT(j[RM_UP].third > j[RM_DOWN].third);
	TS_EXPECT(j[RM_DOWN].third == j[RM_ZERO].third);
	TS_EXPECT_EQ(get_rounding(), mine);
}

#if defined(__aarch64__)
/* d8-d15 loaded, then 100 yields from inside the asm, then stored: the
 * compiler has no say in between. */
static void yield_with_d8_d15(const uint64_t *in, uint64_t *out)
{
	__asm__ __volatile__(
		"ldp d8, d9, [%[in], #0]\n\t"
		"ldp d10, d11, [%[in], #16]\n\t"
		"ldp d12, d13, [%[in], #32]\n\t"
		"ldp d14, d15, [%[in], #48]\n\t"
		"mov x19, #100\n"
		"1:\n\t"
		"bl ts_thread_yield\n\t"
		"subs x19, x19, #1\n\t"
		"b.ne 1b\n\t"
		"stp d8, d9, [%[out], #0]\n\t"
		"stp d10, d11, [%[out], #16]\n\t"
		"stp d12, d13, [%[out], #32]\n\t"
		"stp d14, d15, [%[out], #48]"
		:: [in] "r"(in), [out] "r"(out)
		: "memory", "cc", "x0", "x1", "x2", "x3", "x4", "x5", "x6",
		  "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
		  "x16", "x17", "x18", "x19", "x30", "v0", "v1", "v2", "v3",
		  "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12",
		  "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20",
		  "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28",
		  "v29", "v30", "v31");
}

static void *keep_registers(void *arg)
{
	uint64_t in[8], out[8];
	int *ok = arg;

	for (int i = 0; i < 8; i++)
		in[i] = (uint64_t)(uintptr_t)arg * 1000003ULL + (uint64_t)i;
	yield_with_d8_d15(in, out);
	*ok = !memcmp(in, out, sizeof(in));
	return NULL;
}
#endif

TS_TEST(sched_fp, callee_saved_registers_survive_yields)
{
#if defined(__aarch64__)
	struct ts_thread *t[3];
	int ok[3] = { 0, 0, 0 };

	for (int i = 0; i < 3; i++)
		TS_ASSERT_EQ(ts_thread_create(&t[i], "fpregs", keep_registers,
					      &ok[i], NULL), 0);
	for (int i = 0; i < 3; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(ok[i]);
	}
#else
	TS_SKIP("the x86_64 calling convention keeps no SSE register "
		"across a call; control_state_is_per_thread covers MXCSR");
#endif
}

#ifdef CONFIG_LIB_SCHED_PREEMPT
/* Every vector register and the FP status, loaded with a pattern of
 * the thread's own, kept while the thread spins without calling
 * anything until *stop, then stored. Only preemption switches away
 * from it. */
#if defined(__x86_64__)
#define VREGS_BYTES	(16 * 16)	/* xmm0-xmm15 */
#else
#define VREGS_BYTES	(16 * 32)	/* v0-v31 */
#endif

struct spin_job {
	uint8_t in[VREGS_BYTES], out[VREGS_BYTES];
	uint64_t status_in, status_out;
	volatile int *stop;
};

#if defined(__x86_64__)
#define XMM_LOAD(n)	"movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define XMM_STORE(n)	"movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define XMM_ALL(m)	m(0) m(1) m(2) m(3) m(4) m(5) m(6) m(7) m(8) m(9) \
			m(10) m(11) m(12) m(13) m(14) m(15)

static void spin_with_pattern(struct spin_job *j)
{
	uint32_t csr_in = (uint32_t)j->status_in, csr_out;

	__asm__ __volatile__(
		"ldmxcsr %[csr_in]\n\t"
		XMM_ALL(XMM_LOAD)
		"1:\n\t"
		"pause\n\t"
		"cmpl $0, (%[stop])\n\t"
		"je 1b\n\t"
		XMM_ALL(XMM_STORE)
		"stmxcsr %[csr_out]"
		: [csr_out] "=m"(csr_out)
		: [in] "r"(j->in), [out] "r"(j->out), [stop] "r"(j->stop),
		  [csr_in] "m"(csr_in)
		: "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
		  "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
		  "xmm12", "xmm13", "xmm14", "xmm15");
	j->status_out = csr_out;
	__asm__ __volatile__("ldmxcsr %0" :: "m"(csr_in));
}

/* MXCSR: rounding toward zero, exceptions masked, the thread's own
 * sticky flags in bits 0-5. */
static uint64_t status_pattern(int k)
{
	return 0x7f80U | (uint32_t)(k + 1);
}
#elif defined(__aarch64__)
#define Q_LOAD(a, b, off)  "ldp q" #a ", q" #b ", [%[in], #" #off "]\n\t"
#define Q_STORE(a, b, off) "stp q" #a ", q" #b ", [%[out], #" #off "]\n\t"
#define Q_ALL(m) m(0, 1, 0) m(2, 3, 32) m(4, 5, 64) m(6, 7, 96) \
	m(8, 9, 128) m(10, 11, 160) m(12, 13, 192) m(14, 15, 224) \
	m(16, 17, 256) m(18, 19, 288) m(20, 21, 320) m(22, 23, 352) \
	m(24, 25, 384) m(26, 27, 416) m(28, 29, 448) m(30, 31, 480)

static void spin_with_pattern(struct spin_job *j)
{
	uint64_t fpsr_out;

	__asm__ __volatile__(
		"msr fpsr, %[fpsr_in]\n\t"
		Q_ALL(Q_LOAD)
		"1:\n\t"
		"yield\n\t"
		"ldr w9, [%[stop]]\n\t"
		"cbz w9, 1b\n\t"
		Q_ALL(Q_STORE)
		"mrs %[fpsr_out], fpsr"
		: [fpsr_out] "=&r"(fpsr_out)
		: [in] "r"(j->in), [out] "r"(j->out), [stop] "r"(j->stop),
		  [fpsr_in] "r"(j->status_in)
		: "memory", "cc", "x9", "v0", "v1", "v2", "v3", "v4", "v5",
		  "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14",
		  "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22",
		  "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30",
		  "v31");
	j->status_out = fpsr_out;
	__asm__ __volatile__("msr fpsr, xzr");
}

/* FPSR: the thread's own cumulative flags (IOC..IXC, bits 0-4). */
static uint64_t status_pattern(int k)
{
	return (uint64_t)(k + 1) & 0x1f;
}
#endif

static void *spinner(void *arg)
{
	spin_with_pattern(arg);
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
		for (int i = 0; i < VREGS_BYTES; i++)
			j[k].in[i] = (uint8_t)((k + 1) * 37 + i * 11);
		memset(j[k].out, 0, sizeof(j[k].out));
		j[k].status_in = status_pattern(k);
		j[k].stop = &stop;
		TS_ASSERT_EQ(ts_thread_create(&t[k], "fpspin", spinner, &j[k],
					      NULL), 0);
	}
	/* The spinners share the CPU in slices meanwhile. */
	ts_thread_sleep_ns(100 * MS);
	stop = 1;
	for (int k = 0; k < 3; k++) {
		/* Switched to more than once: preempted while spinning. */
		TS_EXPECT_GE(ts_thread_switches(t[k]), 2ULL);
		ts_thread_join(t[k], NULL);
		TS_EXPECT(!memcmp(j[k].in, j[k].out, VREGS_BYTES));
		TS_EXPECT_EQ(j[k].status_out, j[k].status_in);
	}
	TS_EXPECT_GE(ts_sched_preempt_count() - preempted, 3ULL);
#else
	TS_SKIP("cooperative build: nothing preempts a spinning thread");
#endif
}
