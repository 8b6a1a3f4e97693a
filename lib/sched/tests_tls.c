/* In-image tests: each thread has its own TLS area and thread pointer,
 * in the register compiled code reads it from. */
#include <stdint.h>
#include <string.h>
#include <ts/arch/tls.h>
#include <ts/sched.h>
#include <ts/test.h>

struct tls_job {
	int id;
	uintptr_t tp;
	int hw_ok, layout_ok, zeroed, kept;
};

/* Read a word of static TLS the way compiled code does: relative to the
 * thread pointer register. */
static uint64_t tls_word_via_tp(void)
{
	uint64_t v;

#if TS_ARCH_TLS_VARIANT == 2
	/* The last word of static TLS, just below the TCB. */
	__asm__ __volatile__("movq %%fs:-8, %0" : "=r"(v));
#else
	/* The first word of static TLS, 16 bytes past the TCB. */
	__asm__ __volatile__("mrs %0, tpidr_el0\n\t"
			     "ldr %0, [%0, #16]" : "=r"(v));
#endif
	return v;
}

static uint64_t *tls_word(void)
{
	struct ts_thread *self = ts_thread_self();

#if TS_ARCH_TLS_VARIANT == 2
	return (uint64_t *)(ts_thread_tp(self) - 8);
#else
	return (uint64_t *)ts_thread_tls(self);
#endif
}

/* The area as creation leaves it: the image's template (the __thread
 * variables below) at its place, zeros everywhere else. */
static int area_is_fresh(struct ts_thread *self)
{
	const uint8_t *tls = ts_thread_tls(self);
	const uint8_t *tp = (const uint8_t *)ts_thread_tp(self);
	const void *data;
	size_t filesz, memsz;
	intptr_t off;

	ts_thread_tls_template(&data, &filesz, &memsz, &off);
	for (size_t i = 0; i < ts_thread_tls_size(); i++) {
		intptr_t at = (intptr_t)(tls + i - tp) - off;
		uint8_t want = 0;

		if (at >= 0 && (size_t)at < filesz)
			want = ((const uint8_t *)data)[at];
		if (tls[i] != want)
			return 0;
	}
	return 1;
}

static void *tls_worker(void *arg)
{
	struct tls_job *j = arg;
	struct ts_thread *self = ts_thread_self();
	const uint8_t *tls = ts_thread_tls(self);
	uint64_t marker = 0x5eed000000000000ULL + (uint64_t)j->id;

	j->tp = ts_thread_tp(self);
	j->hw_ok = ts_arch_tp_get() == j->tp;
#if TS_ARCH_TLS_VARIANT == 2
	/* The TCB's first word points to itself (%fs:0 gives tp). */
	j->layout_ok = *(const uintptr_t *)j->tp == j->tp &&
		       (uintptr_t)tls + ts_thread_tls_size() <= j->tp;
#else
	j->layout_ok = (uintptr_t)tls == j->tp + 16;
#endif
	j->zeroed = area_is_fresh(self);
	*tls_word() = marker;
	j->kept = 1;
	for (int i = 0; i < 50; i++) {
		ts_thread_yield();
		if (ts_arch_tp_get() != j->tp || tls_word_via_tp() != marker)
			j->kept = 0;
	}
	return NULL;
}

TS_TEST(sched_tls, thread_pointer_is_per_thread)
{
	struct tls_job j[4];
	struct ts_thread *t[4];

	TS_REQUIRE(ts_thread_tls_size() >= 8);
	TS_EXPECT_EQ(ts_arch_tp_get(), ts_thread_tp(ts_thread_self()));
	for (int i = 0; i < 4; i++) {
		memset(&j[i], 0, sizeof(j[i]));
		j[i].id = i;
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "tls", tls_worker, &j[i],
					      NULL), 0);
	}
	for (int i = 0; i < 4; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(j[i].hw_ok);
		TS_EXPECT(j[i].layout_ok);
		TS_EXPECT(j[i].zeroed);
		TS_EXPECT(j[i].kept);
		for (int k = 0; k < i; k++)
			TS_EXPECT_NE(j[i].tp, j[k].tp);
		TS_EXPECT_NE(j[i].tp, ts_thread_tp(ts_thread_self()));
	}
	TS_EXPECT_EQ(ts_arch_tp_get(), ts_thread_tp(ts_thread_self()));
}

/* A C library sets its own thread pointer; the scheduler keeps it. */
static void *own_tp(void *arg)
{
	uintptr_t block[16] __attribute__((aligned(64)));
	uintptr_t mine = (uintptr_t)block;
	int *ok = arg;

	block[0] = mine;
	ts_thread_set_tp(mine);
	*ok = 1;
	for (int i = 0; i < 20; i++) {
		ts_thread_yield();
		if (ts_arch_tp_get() != mine ||
		    ts_thread_tp(ts_thread_self()) != mine)
			*ok = 0;
	}
	return NULL;
}

TS_TEST(sched_tls, set_tp_is_kept)
{
	struct ts_thread *t[2];
	int ok[2] = { 0, 0 };

	for (int i = 0; i < 2; i++)
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "own-tp", own_tp, &ok[i],
					      NULL), 0);
	for (int i = 0; i < 2; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(ok[i]);
	}
	TS_EXPECT_EQ(ts_arch_tp_get(), ts_thread_tp(ts_thread_self()));
}

/* The image's own __thread variables: initialised ones (.tdata), zeroed
 * ones (.tbss), of several alignments, read and written by compiled
 * code through the thread pointer. Each thread starts with the
 * template's values and keeps its own copy across switches. */
static __thread uint64_t tdata_u64 = 0x0123456789abcdefULL;
static __thread char tdata_str[12] = "tessera-tls";
static __thread uint32_t tbss_u32;
static __thread uint64_t tbss_big[4] __attribute__((aligned(32)));
static __thread uint8_t tdata_u8 = 0x5a;

struct tvar_job {
	int id;
	int initial_ok, kept_ok;
	uintptr_t addr;
};

static int tvars_initial(void)
{
	return tdata_u64 == 0x0123456789abcdefULL &&
	       !strcmp(tdata_str, "tessera-tls") && tbss_u32 == 0 &&
	       !tbss_big[0] && !tbss_big[3] && tdata_u8 == 0x5a &&
	       ((uintptr_t)tbss_big & 31) == 0;
}

static void *tvar_worker(void *arg)
{
	struct tvar_job *j = arg;
	int kept = 1;

	j->initial_ok = tvars_initial();
	j->addr = (uintptr_t)&tdata_u64;
	tdata_u64 += (uint64_t)j->id;
	tdata_str[0] = (char)('a' + j->id);
	tbss_u32 = 100u + (uint32_t)j->id;
	tbss_big[3] = 7u * (uint64_t)j->id;
	tdata_u8 = (uint8_t)j->id;
	for (int i = 0; i < 20; i++) {
		ts_thread_yield();
		if (tdata_u64 != 0x0123456789abcdefULL + (uint64_t)j->id ||
		    tdata_str[0] != (char)('a' + j->id) ||
		    strcmp(tdata_str + 1, "essera-tls") ||
		    tbss_u32 != 100u + (uint32_t)j->id ||
		    tbss_big[3] != 7u * (uint64_t)j->id ||
		    tdata_u8 != (uint8_t)j->id)
			kept = 0;
	}
	j->kept_ok = kept;
	return NULL;
}

TS_TEST(sched_tls, thread_variables_start_from_the_template)
{
	struct tvar_job j[3];
	struct ts_thread *t[3];
	const void *data;
	size_t filesz, memsz;
	intptr_t off;

	ts_thread_tls_template(&data, &filesz, &memsz, &off);
	TS_EXPECT_NE(data, NULL);
	TS_EXPECT(filesz >= sizeof(uint64_t) + 12 + 1);
	TS_EXPECT(memsz >= filesz + sizeof(uint32_t) + 32);
	/* Where compiled code finds a variable, tp + offset says too. */
	TS_EXPECT(&tdata_u64 >= (uint64_t *)(ts_thread_tp(ts_thread_self()) +
					     off));
	TS_EXPECT((uintptr_t)&tdata_u64 <
		  ts_thread_tp(ts_thread_self()) + off + memsz);
	for (int i = 0; i < 3; i++) {
		memset(&j[i], 0, sizeof(j[i]));
		j[i].id = i + 1;
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "tvar", tvar_worker,
					      &j[i], NULL), 0);
	}
	for (int i = 0; i < 3; i++) {
		ts_thread_join(t[i], NULL);
		TS_EXPECT(j[i].initial_ok);
		TS_EXPECT(j[i].kept_ok);
		for (int k = 0; k < i; k++)
			TS_EXPECT_NE(j[i].addr, j[k].addr);
		TS_EXPECT_NE(j[i].addr, (uintptr_t)&tdata_u64);
	}
	/* The threads changed their copies, not this one's. */
	TS_EXPECT(tvars_initial());
}
