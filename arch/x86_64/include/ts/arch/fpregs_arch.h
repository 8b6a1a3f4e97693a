/* x86_64's part of <ts/arch/fpregs.h>, which declares these and says
 * what they do; included only from there. */
#ifndef TS_ARCH_FPREGS_H
#error "include <ts/arch/fpregs.h>, not its architecture part"
#endif

/* MXCSR.RC for each TS_FP_ROUND_*. */
static const unsigned int ts__mxcsr_rc[] = { 0, 2, 1, 3 };

static inline void ts_arch_fp_set_rounding(int mode)
{
	uint32_t csr;

	__asm__ __volatile__("stmxcsr %0" : "=m"(csr));
	csr = (csr & ~0x6000U) | ts__mxcsr_rc[mode] << 13;
	__asm__ __volatile__("ldmxcsr %0" :: "m"(csr));
}

static inline int ts_arch_fp_get_rounding(void)
{
	uint32_t csr;

	__asm__ __volatile__("stmxcsr %0" : "=m"(csr));
	for (int m = 0; m < 4; m++)
		if (ts__mxcsr_rc[m] == ((csr >> 13) & 3))
			return m;
	return -1;
}

/* The System V ABI keeps no SSE register across a call: 0 words. */
static inline int ts_arch_fp_callee_saved_roundtrip(const uint64_t *in,
						    uint64_t *out,
						    void (*fn)(void), int n)
{
	(void)in;
	(void)out;
	(void)fn;
	(void)n;
	return 0;
}

#define TS_ARCH_VREGS_BYTES (16 * 16) /* xmm0-xmm15 */

/* MXCSR: rounding toward zero, exceptions masked, thread k's own sticky
 * flags in bits 0-5. */
static inline uint64_t ts_arch_fp_status_pattern(int k)
{
	return 0x7f80U | (uint32_t)(k + 1);
}

#define TS__XMM_LOAD(n)  "movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define TS__XMM_STORE(n) "movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define TS__XMM_ALL(m) m(0) m(1) m(2) m(3) m(4) m(5) m(6) m(7) m(8) m(9) \
		       m(10) m(11) m(12) m(13) m(14) m(15)

/* The status register is MXCSR. */
static inline uint64_t ts_arch_fp_spin_with_pattern(const uint8_t *in,
						    uint8_t *out,
						    volatile int *stop,
						    uint64_t status)
{
	uint32_t csr_in = (uint32_t)status, csr_out;

	__asm__ __volatile__(
		"ldmxcsr %[csr_in]\n\t"
		TS__XMM_ALL(TS__XMM_LOAD)
		"1:\n\t"
		"pause\n\t"
		"cmpl $0, (%[stop])\n\t"
		"je 1b\n\t"
		TS__XMM_ALL(TS__XMM_STORE)
		"stmxcsr %[csr_out]"
		: [csr_out] "=m"(csr_out)
		: [in] "r"(in), [out] "r"(out), [stop] "r"(stop),
		  [csr_in] "m"(csr_in)
		: "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
		  "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
		  "xmm12", "xmm13", "xmm14", "xmm15");
	csr_in = 0x1f80; /* back to the default for the caller */
	__asm__ __volatile__("ldmxcsr %0" :: "m"(csr_in));
	return csr_out;
}
