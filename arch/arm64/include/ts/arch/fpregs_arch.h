/* arm64's part of <ts/arch/fpregs.h>, which declares these and says
 * what they do; included only from there. */
#ifndef TS_ARCH_FPREGS_H
#error "include <ts/arch/fpregs.h>, not its architecture part"
#endif

/* FPCR.RMode uses the order of TS_FP_ROUND_*. */
static inline void ts_arch_fp_set_rounding(int mode)
{
	uint64_t f;

	__asm__ __volatile__("mrs %0, fpcr" : "=r"(f));
	f = (f & ~(3ULL << 22)) | (uint64_t)mode << 22;
	__asm__ __volatile__("msr fpcr, %0" :: "r"(f));
}

static inline int ts_arch_fp_get_rounding(void)
{
	uint64_t f;

	__asm__ __volatile__("mrs %0, fpcr" : "=r"(f));
	return (int)((f >> 22) & 3);
}

/* AAPCS64 keeps d8-d15 across a call: 8 words. */
static inline int ts_arch_fp_callee_saved_roundtrip(const uint64_t *in,
						    uint64_t *out,
						    void (*fn)(void), int n)
{
	__asm__ __volatile__(
		"ldp d8, d9, [%[in], #0]\n\t"
		"ldp d10, d11, [%[in], #16]\n\t"
		"ldp d12, d13, [%[in], #32]\n\t"
		"ldp d14, d15, [%[in], #48]\n\t"
		"mov x19, %[n]\n\t"
		"mov x20, %[fn]\n\t"
		"mov x21, %[out]\n"
		"1:\n\t"
		"blr x20\n\t"
		"subs x19, x19, #1\n\t"
		"b.ne 1b\n\t"
		"stp d8, d9, [x21, #0]\n\t"
		"stp d10, d11, [x21, #16]\n\t"
		"stp d12, d13, [x21, #32]\n\t"
		"stp d14, d15, [x21, #48]"
		:: [in] "r"(in), [out] "r"(out), [fn] "r"(fn),
		   [n] "r"((uint64_t)(n > 0 ? n : 1))
		: "memory", "cc", "x0", "x1", "x2", "x3", "x4", "x5", "x6",
		  "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
		  "x16", "x17", "x18", "x19", "x20", "x21", "x30", "v0", "v1",
		  "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
		  "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19",
		  "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27",
		  "v28", "v29", "v30", "v31");
	return 8;
}

#define TS_ARCH_VREGS_BYTES (16 * 32) /* v0-v31 */

/* FPSR: thread k's own cumulative flags (IOC..IXC, bits 0-4). */
static inline uint64_t ts_arch_fp_status_pattern(int k)
{
	return (uint64_t)(k + 1) & 0x1f;
}

#define TS__Q_LOAD(a, b, off)  "ldp q" #a ", q" #b ", [%[in], #" #off "]\n\t"
#define TS__Q_STORE(a, b, off) "stp q" #a ", q" #b ", [%[out], #" #off "]\n\t"
#define TS__Q_ALL(m) m(0, 1, 0) m(2, 3, 32) m(4, 5, 64) m(6, 7, 96) \
	m(8, 9, 128) m(10, 11, 160) m(12, 13, 192) m(14, 15, 224) \
	m(16, 17, 256) m(18, 19, 288) m(20, 21, 320) m(22, 23, 352) \
	m(24, 25, 384) m(26, 27, 416) m(28, 29, 448) m(30, 31, 480)

/* The status register is FPSR. */
static inline uint64_t ts_arch_fp_spin_with_pattern(const uint8_t *in,
						    uint8_t *out,
						    volatile int *stop,
						    uint64_t status)
{
	uint64_t fpsr_out;

	__asm__ __volatile__(
		"msr fpsr, %[fpsr_in]\n\t"
		TS__Q_ALL(TS__Q_LOAD)
		"1:\n\t"
		"yield\n\t"
		"ldr w9, [%[stop]]\n\t"
		"cbz w9, 1b\n\t"
		TS__Q_ALL(TS__Q_STORE)
		"mrs %[fpsr_out], fpsr"
		: [fpsr_out] "=&r"(fpsr_out)
		: [in] "r"(in), [out] "r"(out), [stop] "r"(stop),
		  [fpsr_in] "r"(status)
		: "memory", "cc", "x9", "v0", "v1", "v2", "v3", "v4", "v5",
		  "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14",
		  "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22",
		  "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30",
		  "v31");
	__asm__ __volatile__("msr fpsr, xzr");
	return fpsr_out;
}
