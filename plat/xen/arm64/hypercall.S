/* Xen's arm64 hypercall ABI (public/arch-arm.h): "hvc #0xEA1", the
 * number in x16, arguments in x0..x4, the result in x0. Xen preserves
 * the other registers but for x0..x4 and x16 (clobbered in debug
 * builds of Xen), which the C caller treats as scratch anyway. */
	.section .text.xen_hypercall, "ax"
	.global xen_hypercall
	.type xen_hypercall, %function
xen_hypercall:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	hvc	#0xea1
	ret
	.size xen_hypercall, . - xen_hypercall
