/* What plat/virt takes from the device tree QEMU passes: the console
 * UART and its clock, the GIC, the timer's interrupt and the PSCI
 * conduit. Memory and the command line: memory.c, cmdline.c. */
#include <stdint.h>
#include <string.h>
#include <ts/fdt.h>
#include "virt.h"

/* The arm64 boot protocol's limit (Documentation/arch/arm64/
 * booting.rst); it also keeps a garbage size from sending the check
 * across the whole address space. */
#define DTB_MAX_SIZE	(2 << 20)

struct ts_fdt virt_fdt;

const struct ts_fdt *virt_devtree_open(void *dtb, const char **problem)
{
	uint64_t a = (uintptr_t)dtb;

	if (!dtb) {
		/* QEMU sets x0 only for kernels it loads as Linux Images;
		 * an ELF gets 0, with the tree at the start of RAM. */
		const uint8_t *p = (const uint8_t *)(uintptr_t)VIRT_RAM_BASE;

		if (p[0] != 0xd0 || p[1] != 0x0d || p[2] != 0xfe ||
		    p[3] != 0xed) {
			*problem = "x0 was 0 and there is none at the start "
				   "of RAM";
			return NULL;
		}
		a = VIRT_RAM_BASE;
	}
	/* Only RAM is mapped (boot map) for reading it. */
	if (a < VIRT_RAM_BASE || a >= VIRT_HIGH_IO_BASE - DTB_MAX_SIZE ||
	    (a & 7)) {
		*problem = "the pointer is not an 8-byte aligned address in "
			   "RAM";
		return NULL;
	}
	if (ts_fdt_open(&virt_fdt, (const void *)(uintptr_t)a, DTB_MAX_SIZE,
			problem))
		return NULL;
	return &virt_fdt;
}

/* The compatible strings plat/virt looks for, and the first enabled node
 * of each: one walk over the tree finds them all. */
enum {
	C_PL011, C_GICV3, C_GICV2_A15, C_GICV2_400, C_GICV2_A9, C_GICV2_A7,
	C_TIMER_V8, C_TIMER_V7, C_PSCI_1, C_PSCI_02, C_PSCI, C_PL031, C_COUNT
};

static const char *const compat[C_COUNT] = {
	[C_PL011] = "arm,pl011",
	[C_GICV3] = "arm,gic-v3",
	[C_GICV2_A15] = "arm,cortex-a15-gic",
	[C_GICV2_400] = "arm,gic-400",
	[C_GICV2_A9] = "arm,cortex-a9-gic",
	[C_GICV2_A7] = "arm,cortex-a7-gic",
	[C_TIMER_V8] = "arm,armv8-timer",
	[C_TIMER_V7] = "arm,armv7-timer",
	[C_PSCI_1] = "arm,psci-1.0",
	[C_PSCI_02] = "arm,psci-0.2",
	[C_PSCI] = "arm,psci",
	[C_PL031] = "arm,pl031",
};

static int found[C_COUNT];

static void find_nodes(const struct ts_fdt *fdt)
{
	int n, i;

	for (i = 0; i < C_COUNT; i++)
		found[i] = -1;
	for (n = ts_fdt_root(fdt); n >= 0; n = ts_fdt_next_node(fdt, n, NULL)) {
		int len;
		const void *v = ts_fdt_getprop(fdt, n, "compatible", &len);

		if (!v || !ts_fdt_is_enabled(fdt, n))
			continue;
		for (i = 0; i < C_COUNT; i++)
			if (found[i] < 0 &&
			    ts_fdt_stringlist_contains(v, len, compat[i]))
				found[i] = n;
	}
}

static int first_found(int from, int to)
{
	int i;

	for (i = from; i <= to; i++)
		if (found[i] >= 0)
			return found[i];
	return -1;
}

/* A PL011's registers and clock ("clocks" lists uartclk first, then
 * apb_pclk); 0 when node n has no usable reg. */
static int read_uart(const struct ts_fdt *fdt, int n, uint64_t *base,
		     uint64_t *size, uint32_t *clock)
{
	const void *clocks;
	int len, clk;
	uint32_t hz;

	if (ts_fdt_reg(fdt, n, 0, base, size))
		return 0;
	clocks = ts_fdt_getprop(fdt, n, "clocks", &len);
	clk = ts_fdt_find_phandle(fdt, ts_fdt_cell(clocks, len, 0));
	if (clk >= 0 && !ts_fdt_prop_u32(fdt, clk, "clock-frequency", &hz))
		*clock = hz;
	return 1;
}

static void find_console(const struct ts_fdt *fdt, struct virt_devices *d)
{
	int chosen = ts_fdt_path(fdt, "/chosen"), n = -1;
	const char *out = chosen >= 0 ?
			  ts_fdt_prop_str(fdt, chosen, "stdout-path") : NULL;

	if (out)
		n = ts_fdt_path(fdt, out);
	if (n < 0 || !ts_fdt_is_compatible(fdt, n, compat[C_PL011]))
		n = found[C_PL011];
	if (n >= 0)
		read_uart(fdt, n, &d->uart, &d->uart_size, &d->uart_clock);
}

/* Another enabled PL011 than the console's: QEMU adds one (at
 * 0x09040000) when it is given a second -serial. For a debugger stub
 * that keeps the console to itself. */
static void find_uart2(const struct ts_fdt *fdt, struct virt_devices *d)
{
	int n, len;

	for (n = ts_fdt_root(fdt); n >= 0; n = ts_fdt_next_node(fdt, n, NULL)) {
		const void *v = ts_fdt_getprop(fdt, n, "compatible", &len);
		uint64_t base, size;
		uint32_t clock = 0;

		if (!v || !ts_fdt_is_enabled(fdt, n) ||
		    !ts_fdt_stringlist_contains(v, len, compat[C_PL011]) ||
		    !read_uart(fdt, n, &base, &size, &clock) ||
		    base == d->uart)
			continue;
		d->uart2 = base;
		d->uart2_size = size;
		d->uart2_clock = clock;
		return;
	}
}

static void find_gic(const struct ts_fdt *fdt, struct virt_devices *d)
{
	int n = found[C_GICV3];

	if (n >= 0) {
		if (!ts_fdt_reg(fdt, n, 0, &d->gicd, &d->gicd_size) &&
		    !ts_fdt_reg(fdt, n, 1, &d->gicr, &d->gicr_size))
			d->gic_version = 3;
		return;
	}
	n = first_found(C_GICV2_A15, C_GICV2_A7);
	if (n >= 0 && !ts_fdt_reg(fdt, n, 0, &d->gicd, &d->gicd_size) &&
	    !ts_fdt_reg(fdt, n, 1, &d->gicc, &d->gicc_size))
		d->gic_version = 2;
}

/* The third of the timer's four interrupts is the EL1 virtual timer's:
 * <type number flags>, type 1 = PPI, flags 1/2 = edge, 4/8 = level. */
static void find_timer(const struct ts_fdt *fdt, struct virt_devices *d)
{
	int n = first_found(C_TIMER_V8, C_TIMER_V7), len;
	const void *irqs;
	uint32_t hz;

	if (n < 0)
		return;
	irqs = ts_fdt_getprop(fdt, n, "interrupts", &len);
	if (irqs && len >= 36 && ts_fdt_cell(irqs, len, 6) == 1 &&
	    ts_fdt_cell(irqs, len, 7) < 16) {
		d->timer_intid = 16 + ts_fdt_cell(irqs, len, 7);
		d->timer_edge = (ts_fdt_cell(irqs, len, 8) & 3) != 0;
	}
	if (!ts_fdt_prop_u32(fdt, n, "clock-frequency", &hz))
		d->timer_freq = hz;
}

static void find_psci(const struct ts_fdt *fdt, struct virt_devices *d)
{
	int n = first_found(C_PSCI_1, C_PSCI);
	const char *method;

	method = n >= 0 ? ts_fdt_prop_str(fdt, n, "method") : NULL;
	if (method && !strcmp(method, "hvc"))
		d->psci = TS_PSCI_CONDUIT_HVC;
	else if (method && !strcmp(method, "smc"))
		d->psci = TS_PSCI_CONDUIT_SMC;
}

void virt_devtree_devices(const struct ts_fdt *fdt, struct virt_devices *d)
{
	memset(d, 0, sizeof(*d));
	d->uart = VIRT_UART0_BASE;
	d->uart_size = 0x1000;
	d->timer_intid = 27;	/* the virtual timer's usual PPI 11 */
	if (!fdt)
		return;
	find_nodes(fdt);
	find_console(fdt, d);
	find_uart2(fdt, d);
	find_gic(fdt, d);
	find_timer(fdt, d);
	find_psci(fdt, d);
	if (found[C_PL031] < 0 ||
	    ts_fdt_reg(fdt, found[C_PL031], 0, &d->rtc, &d->rtc_size))
		d->rtc = d->rtc_size = 0;
}
