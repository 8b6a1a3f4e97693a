/* Hypercalls on x86_64: a call into the hypercall page Xen filled in,
 * number * 32 bytes into it, arguments in rdi, rsi, rdx, r10, r8 (Xen's
 * x86_64 ABI), the result in rax; rcx and r11 are clobbered (the stubs
 * use syscall-like entries). */
#include <stdint.h>
#include <ts/arch/x86.h>
#include "xen.h"
#include "xen_x86.h"

#define XEN_HC_STUB_BYTES	32

extern uint8_t xen_hypercall_page[4096];

int xen_x86_hypercall_page_init(uint32_t msr)
{
	/* Physical address = address: the image runs identity-mapped. */
	wrmsr(msr, (uintptr_t)xen_hypercall_page);
	/* Xen writes the stubs at once; int3 still there means it did not. */
	return *(volatile uint8_t *)xen_hypercall_page == 0xcc ? -1 : 0;
}

long xen_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 __asm__("r10") = a4;
	register unsigned long r8 __asm__("r8") = a5;
	void *stub = xen_hypercall_page + op * XEN_HC_STUB_BYTES;
	long ret;

	__asm__ __volatile__("call *%[stub]"
			     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3),
			       "+r"(r10), "+r"(r8)
			     : [stub] "r"(stub)
			     : "rcx", "r11", "memory");
	return ret;
}
