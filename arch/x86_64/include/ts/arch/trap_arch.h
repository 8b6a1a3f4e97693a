/* x86_64's part of <ts/arch/trap.h>; included only from there: the
 * exception numbers hooks are set for. */
#ifndef TS_ARCH_TRAP_H
#error "include <ts/arch/trap.h>, not its architecture part"
#endif

#define TS_X86_VEC_DE	0	/* divide error */
#define TS_X86_VEC_DB	1	/* debug */
#define TS_X86_VEC_NMI	2
#define TS_X86_VEC_BP	3	/* breakpoint (int3) */
#define TS_X86_VEC_OF	4
#define TS_X86_VEC_BR	5
#define TS_X86_VEC_UD	6	/* invalid opcode */
#define TS_X86_VEC_NM	7
#define TS_X86_VEC_DF	8	/* double fault */
#define TS_X86_VEC_TS	10
#define TS_X86_VEC_NP	11
#define TS_X86_VEC_SS	12
#define TS_X86_VEC_GP	13	/* general protection */
#define TS_X86_VEC_PF	14	/* page fault */
#define TS_X86_VEC_MF	16
#define TS_X86_VEC_AC	17
#define TS_X86_VEC_MC	18	/* machine check */
#define TS_X86_VEC_XM	19
#define TS_X86_NR_EXCEPTIONS 32

/* A hook for TS_X86_VEC_BP finds rip one byte past the int3. */
