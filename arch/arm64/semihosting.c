/* Arm semihosting (Arm "Semihosting for AArch32 and AArch64", 2.0). */
#include <stdint.h>
#include <ts/arch/semihosting.h>

#define SYS_EXIT			0x18
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

void ts_arm64_semihosting_exit(unsigned int code)
{
	/* On AArch64, SYS_EXIT itself takes the two-field block with the
	 * exit code (the "extended" form that SYS_EXIT_EXTENDED, 0x20,
	 * brings to AArch32). */
	uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };
	register uint64_t x0 __asm__("x0") = SYS_EXIT;
	register uint64_t x1 __asm__("x1") = (uintptr_t)block;

	__asm__ __volatile__("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}
