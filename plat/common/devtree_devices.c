/* What an arm64 virtual machine's device tree says about its devices
 * (<ts/plat/devtree_devices.h>): the console UART and its clock, the
 * GIC, the timer's interrupt and the PSCI conduit, for plat/virt (QEMU)
 * and plat/xen (Xen's arm64 guests). Memory and the command line:
 * devtree_memory.c, devtree_cmdline.c. */
#include <stdint.h>
#include <string.h>
#include <ts/fdt.h>
#include <ts/plat/devtree_devices.h>

/* The arm64 boot protocol's limit (Documentation/arch/arm64/
 * booting.rst); it also keeps a garbage size from sending the check
 * across the whole address space. */
#define DTB_MAX_SIZE	(2 << 20)

const struct ts_fdt *ts_plat_devtree_open(struct ts_fdt *fdt, void *dtb,
					  uint64_t ram_lo, uint64_t ram_hi,
					  const char **problem)
{
	uint64_t a = (uintptr_t)dtb;

	/* Only RAM is mapped (boot map) for reading it. */
	if (a < ram_lo || ram_hi < DTB_MAX_SIZE ||
	    a >= ram_hi - DTB_MAX_SIZE || (a & 7)) {
		*problem = "the pointer is not an 8-byte aligned address in "
			   "RAM";
		return NULL;
	}
	if (ts_fdt_open(fdt, (const void *)(uintptr_t)a, DTB_MAX_SIZE,
			problem))
		return NULL;
	return fdt;
}

/* The compatible strings looked for, and the first enabled node
 * of each: one walk over the tree finds them all. */
enum {
	C_PL011, C_SBSA, C_GICV3, C_GICV2_A15, C_GICV2_400, C_GICV2_A9, C_GICV2_A7,
	C_TIMER_V8, C_TIMER_V7, C_PSCI_1, C_PSCI_02, C_PSCI, C_PL031, C_COUNT
};

static const char *const compat[C_COUNT] = {
	[C_PL011] = "arm,pl011",
	/* Xen's vpl011: a PL011 subset (data, flags, interrupt mask and
	 * clear) with no clock, baud or line control. */
	[C_SBSA] = "arm,sbsa-uart",
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

static void find_console(const struct ts_fdt *fdt, struct ts_plat_dt_devices *d)
{
	int chosen = ts_fdt_path(fdt, "/chosen"), n = -1;
	const char *out = chosen >= 0 ?
			  ts_fdt_prop_str(fdt, chosen, "stdout-path") : NULL;

	if (out)
		n = ts_fdt_path(fdt, out);
	if (n >= 0 && ts_fdt_is_compatible(fdt, n, compat[C_SBSA]))
		d->uart_sbsa = 1;
	else if (n < 0 || !ts_fdt_is_compatible(fdt, n, compat[C_PL011]))
		n = found[C_PL011];
	if (n < 0 && found[C_SBSA] >= 0) {
		n = found[C_SBSA];
		d->uart_sbsa = 1;
	}
	if (n >= 0 && !read_uart(fdt, n, &d->uart, &d->uart_size,
				 &d->uart_clock))
		d->uart_sbsa = 0;
}

/* Another enabled PL011 than the console's: QEMU adds one (at
 * 0x09040000) when it is given a second -serial. For a debugger stub
 * that keeps the console to itself. */
static void find_uart2(const struct ts_fdt *fdt, struct ts_plat_dt_devices *d)
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

static void find_gic(const struct ts_fdt *fdt, struct ts_plat_dt_devices *d)
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
static void find_timer(const struct ts_fdt *fdt, struct ts_plat_dt_devices *d)
{
	int n = first_found(C_TIMER_V8, C_TIMER_V7), len;
	const void *irqs;
	uint32_t hz;

	if (n < 0)
		return;
	d->timer_found = 1;
	irqs = ts_fdt_getprop(fdt, n, "interrupts", &len);
	if (irqs && len >= 36 && ts_fdt_cell(irqs, len, 6) == 1 &&
	    ts_fdt_cell(irqs, len, 7) < 16) {
		d->timer_intid = 16 + ts_fdt_cell(irqs, len, 7);
		d->timer_edge = (ts_fdt_cell(irqs, len, 8) & 3) != 0;
	}
	if (!ts_fdt_prop_u32(fdt, n, "clock-frequency", &hz))
		d->timer_freq = hz;
}

static void find_psci(const struct ts_fdt *fdt, struct ts_plat_dt_devices *d)
{
	int n = first_found(C_PSCI_1, C_PSCI);
	const char *method;

	method = n >= 0 ? ts_fdt_prop_str(fdt, n, "method") : NULL;
	if (method && !strcmp(method, "hvc"))
		d->psci = TS_PSCI_CONDUIT_HVC;
	else if (method && !strcmp(method, "smc"))
		d->psci = TS_PSCI_CONDUIT_SMC;
}

void ts_plat_devtree_devices(const struct ts_fdt *fdt,
			     struct ts_plat_dt_devices *d)
{
	memset(d, 0, sizeof(*d));
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

const char *ts_plat_devtree_missing(const struct ts_plat_dt_devices *d)
{
	if (!d->uart)
		return "no usable UART (arm,pl011 or arm,sbsa-uart with a reg)";
	if (!d->gic_version)
		return "no usable GIC (arm,gic-v3 or a GICv2 with two regs)";
	if (!d->timer_found)
		return "no timer (arm,armv8-timer)";
	return NULL;
}
