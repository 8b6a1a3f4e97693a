/* Descriptor tables and FPU/SSE state: what the CPU needs before any
 * exception can be reported. */
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/tls.h>
#include <ts/arch/x86.h>
#include "internal.h"

/* 64-bit TSS: only the interrupt stack table is used (no ring change). */
struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss64) == 104, "TSS layout");

/* Separate stacks so that a fault on a broken stack (overflow into the
 * guard page) still gets a working stack for its report. */
uint8_t x86_ist_stack_df[IST_DF_STACK_SIZE] __attribute__((aligned(16)));
uint8_t x86_ist_stack_nmi[IST_STACK_SIZE] __attribute__((aligned(16)));
uint8_t x86_ist_stack_mc[IST_STACK_SIZE] __attribute__((aligned(16)));

static struct tss64 tss __attribute__((aligned(16)));

static uint64_t gdt[5] __attribute__((aligned(16))) = {
	0,
	0x00af9a000000ffffULL,	/* SEL_CODE: 64-bit code */
	0x00cf92000000ffffULL,	/* SEL_DATA */
	0, 0,			/* SEL_TSS: filled in at run time */
};

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void x86_gdt_init(void)
{
	uint64_t base = (uint64_t)(uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };

	tss.ist[IST_DF - 1] = (uint64_t)(uintptr_t)(x86_ist_stack_df +
						    IST_DF_STACK_SIZE);
	tss.ist[IST_NMI - 1] = (uint64_t)(uintptr_t)(x86_ist_stack_nmi +
						     IST_STACK_SIZE);
	tss.ist[IST_MC - 1] = (uint64_t)(uintptr_t)(x86_ist_stack_mc +
						    IST_STACK_SIZE);
	tss.iomap_base = sizeof(tss); /* no I/O permission bitmap */

	/* Available 64-bit TSS (type 9), present. */
	gdt[SEL_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			   (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	gdt[SEL_TSS / 8 + 1] = base >> 32;

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"movw %3, %%ax\n\t"
		"ltr %%ax"
		:: "m"(gdtr), "i"(SEL_CODE), "i"(SEL_DATA), "i"(SEL_TSS)
		: "rax", "memory");
}

void x86_fpu_init(void)
{
	uint32_t mxcsr = 0x1f80; /* all SSE exceptions masked, round-nearest */

	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) &
		  ~(X86_CR0_EM | X86_CR0_TS));
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit\n\tldmxcsr %0" :: "m"(mxcsr));
}

int ts_x86_have_fsgsbase;

/* wrfsbase makes a thread switch's thread-pointer write cheap; without
 * it the FS base is written through its MSR. */
static void fsgsbase_init(void)
{
	uint32_t a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	if (!(b & X86_CPUID7_EBX_FSGSBASE))
		return;
	write_cr4(read_cr4() | X86_CR4_FSGSBASE);
	ts_x86_have_fsgsbase = 1;
}

void ts_arch_init(void)
{
	x86_gdt_init();
	x86_idt_init();
	x86_fpu_init();
	fsgsbase_init();
}
