/* The hypercall page: Xen writes its hypercall stubs here (32 bytes per
 * hypercall) when the guest writes the page's physical address to the
 * MSR its CPUID leaf names. In .text, so that the final page tables map
 * it executable (and read-only: Xen writes physical memory). int3 until
 * then: a hypercall before the page is set up stops with a report. */
	.section .text.ts_xen_hypercall_page, "ax", @progbits
	.balign 4096
	.globl xen_hypercall_page
	.type xen_hypercall_page, @object
xen_hypercall_page:
	.fill 4096, 1, 0xcc
	.size xen_hypercall_page, 4096

	.section .note.GNU-stack, "", @progbits
