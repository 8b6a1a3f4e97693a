/* Hardware breakpoints and watchpoints on the debug registers DBGBVRn/
 * DBGBCRn and DBGWVRn/DBGWCRn (Arm ARM D2.8 and D2.9, register fields in
 * D13.3). GDB's Z1-Z4 packets map onto them; ID_AA64DFR0_EL1 says how
 * many the CPU has (2-16 of each). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/debug.h>
#include "self_debug.h"

#define MAX_REGS	16

/* DBGBCRn_EL1: enable, PMC = 0b11 (match at EL1 and EL0), BAS = 0b1111
 * (an A64 instruction), BT = 0 (unlinked address match). */
#define BCR_E		(1ULL << 0)
#define BCR_EXEC	((3ULL << 1) | (0xfULL << 5))

/* DBGWCRn_EL1: enable, PAC = 0b11 (EL1 and EL0), LSC (1 load, 2 store,
 * 3 both), BAS (bytes of the doubleword at DBGWVRn), MASK (a power of
 * two of 8 bytes or more, aligned: the low MASK address bits are
 * ignored, BAS must then be all ones). */
#define WCR_E		(1ULL << 0)
#define WCR_PAC		(3ULL << 1)
#define WCR_LSC(x)	((uint64_t)(x) << 3)
#define WCR_BAS(x)	((uint64_t)(x) << 5)
#define WCR_MASK(x)	((uint64_t)(x) << 24)
#define LSC_LOAD	1
#define LSC_STORE	2

/* The Z packet types. */
#define Z_HW_BREAK	1
#define Z_WATCH_WRITE	2
#define Z_WATCH_READ	3
#define Z_WATCH_ACCESS	4

/* What is programmed, so that remove and the exception handler need not
 * read the registers back. */
static struct {
	bool used;
	uint64_t addr;
} bps[MAX_REGS];

static struct {
	bool used;
	int type;
	uint64_t addr, len;	/* as GDB asked */
} wps[MAX_REGS];

static bool suspended;

/* msr/mrs name the register number in the instruction itself. */
#define CASE_WRITE(kind, n, v)						\
	case n: ts_arm64_write_sysreg(dbg##kind##n##_el1, v); break

#define SWITCH_16(kind, n, v) do {					\
	switch (n) {							\
	CASE_WRITE(kind, 0, v); CASE_WRITE(kind, 1, v);			\
	CASE_WRITE(kind, 2, v); CASE_WRITE(kind, 3, v);			\
	CASE_WRITE(kind, 4, v); CASE_WRITE(kind, 5, v);			\
	CASE_WRITE(kind, 6, v); CASE_WRITE(kind, 7, v);			\
	CASE_WRITE(kind, 8, v); CASE_WRITE(kind, 9, v);			\
	CASE_WRITE(kind, 10, v); CASE_WRITE(kind, 11, v);		\
	CASE_WRITE(kind, 12, v); CASE_WRITE(kind, 13, v);		\
	CASE_WRITE(kind, 14, v); CASE_WRITE(kind, 15, v);		\
	}								\
} while (0)

static void write_bvr(unsigned int n, uint64_t v) { SWITCH_16(bvr, n, v); }
static void write_bcr(unsigned int n, uint64_t v) { SWITCH_16(bcr, n, v); }
static void write_wvr(unsigned int n, uint64_t v) { SWITCH_16(wvr, n, v); }
static void write_wcr(unsigned int n, uint64_t v) { SWITCH_16(wcr, n, v); }

unsigned int arm64_dbg_nbrp(void)
{
	return DFR0_BRPS(ts_arm64_read_sysreg(id_aa64dfr0_el1));
}

unsigned int arm64_dbg_nwrp(void)
{
	return DFR0_WRPS(ts_arm64_read_sysreg(id_aa64dfr0_el1));
}

unsigned int ts_arch_dbg_hw_count(int type)
{
	/* ID_AA64DFR0_EL1 still counts them under Xen, which drops the
	 * writes. */
	if (!arm64_dbg_hw_usable())
		return 0;
	if (type == Z_HW_BREAK)
		return arm64_dbg_nbrp();
	if (type >= Z_WATCH_WRITE && type <= Z_WATCH_ACCESS)
		return arm64_dbg_nwrp();
	return 0;
}

/* The control value for watchpoint i as recorded; 0 when the range
 * cannot be watched. Up to 8 bytes inside one doubleword use BAS;
 * larger ranges must be a power of two, aligned to their size (MASK). */
static uint64_t wcr_value(int type, uint64_t addr, uint64_t len,
			  uint64_t *wvr)
{
	static const unsigned char lsc[] = {
		[Z_WATCH_WRITE] = LSC_STORE,
		[Z_WATCH_READ] = LSC_LOAD,
		[Z_WATCH_ACCESS] = LSC_LOAD | LSC_STORE,
	};
	uint64_t ctl = WCR_E | WCR_PAC | WCR_LSC(lsc[type]);
	unsigned int off = addr & 7, bits;

	if (!len)
		return 0;
	if (off + len <= 8) {
		*wvr = addr & ~7ULL;
		return ctl | WCR_BAS(((1u << len) - 1) << off);
	}
	if (len & (len - 1) || addr & (len - 1))
		return 0;
	bits = __builtin_ctzll(len);
	if (bits > 31)
		return 0;
	*wvr = addr;
	return ctl | WCR_BAS(0xff) | WCR_MASK(bits);
}

static void sync_regs(void)
{
	ts_arm64_isb();
}

int ts_arch_dbg_hw_insert(int type, uint64_t addr, uint64_t len)
{
	unsigned int i, n;
	uint64_t ctl, wvr = 0;

	if (!arm64_dbg_hw_usable())
		return -ENOSYS;
	if (type == Z_HW_BREAK) {
		if (addr & 3)
			return -EINVAL;
		n = arm64_dbg_nbrp();
		for (i = 0; i < n && bps[i].used; i++)
			;
		if (i == n)
			return -ENOSPC;
		bps[i].used = true;
		bps[i].addr = addr;
		write_bvr(i, addr);
		write_bcr(i, suspended ? 0 : BCR_E | BCR_EXEC);
		sync_regs();
		return 0;
	}
	if (type < Z_WATCH_WRITE || type > Z_WATCH_ACCESS)
		return -ENOSYS;
	ctl = wcr_value(type, addr, len, &wvr);
	if (!ctl)
		return -EINVAL;
	n = arm64_dbg_nwrp();
	for (i = 0; i < n && wps[i].used; i++)
		;
	if (i == n)
		return -ENOSPC;
	wps[i].used = true;
	wps[i].type = type;
	wps[i].addr = addr;
	wps[i].len = len;
	write_wvr(i, wvr);
	write_wcr(i, suspended ? 0 : ctl);
	sync_regs();
	return 0;
}

int ts_arch_dbg_hw_remove(int type, uint64_t addr, uint64_t len)
{
	unsigned int i, n;

	if (type == Z_HW_BREAK) {
		n = arm64_dbg_nbrp();
		for (i = 0; i < n; i++)
			if (bps[i].used && bps[i].addr == addr) {
				bps[i].used = false;
				write_bcr(i, 0);
				sync_regs();
				return 0;
			}
		return -ENOENT;
	}
	if (type < Z_WATCH_WRITE || type > Z_WATCH_ACCESS)
		return -ENOSYS;
	n = arm64_dbg_nwrp();
	for (i = 0; i < n; i++)
		if (wps[i].used && wps[i].type == type &&
		    wps[i].addr == addr && wps[i].len == len) {
			wps[i].used = false;
			write_wcr(i, 0);
			sync_regs();
			return 0;
		}
	return -ENOENT;
}

void ts_arch_dbg_hw_clear(void)
{
	unsigned int i, nb = arm64_dbg_nbrp(), nw = arm64_dbg_nwrp();

	for (i = 0; i < nb; i++) {
		bps[i].used = false;
		write_bcr(i, 0);
	}
	for (i = 0; i < nw; i++) {
		wps[i].used = false;
		write_wcr(i, 0);
	}
	suspended = false;
	sync_regs();
}

bool arm64_dbg_bp_at(uint64_t pc)
{
	unsigned int i, n = arm64_dbg_nbrp();

	for (i = 0; i < n; i++)
		if (bps[i].used && bps[i].addr == pc)
			return true;
	return false;
}

bool arm64_dbg_any_watch(void)
{
	unsigned int i, n = arm64_dbg_nwrp();

	for (i = 0; i < n; i++)
		if (wps[i].used)
			return true;
	return false;
}

void arm64_dbg_suspend(void)
{
	unsigned int i, nb = arm64_dbg_nbrp(), nw = arm64_dbg_nwrp();

	for (i = 0; i < nb; i++)
		if (bps[i].used)
			write_bcr(i, 0);
	for (i = 0; i < nw; i++)
		if (wps[i].used)
			write_wcr(i, 0);
	suspended = true;
	sync_regs();
}

void arm64_dbg_resume(void)
{
	unsigned int i, nb = arm64_dbg_nbrp(), nw = arm64_dbg_nwrp();
	uint64_t wvr;

	for (i = 0; i < nb; i++)
		if (bps[i].used)
			write_bcr(i, BCR_E | BCR_EXEC);
	for (i = 0; i < nw; i++)
		if (wps[i].used)
			write_wcr(i, wcr_value(wps[i].type, wps[i].addr,
					       wps[i].len, &wvr));
	suspended = false;
	sync_regs();
}

/* The hardware does not say which watchpoint fired (before FEAT_Debugv8p9).
 * FAR_EL1 holds an address of the access that lies at or below the
 * highest watched byte it touched: inside the watched range for the
 * usual access, below it when the access started lower (an unaligned
 * or a pair store, DC ZVA). So: a range that holds far wins, else the
 * nearest range above far; only watchpoints of the access's kind. */
int arm64_dbg_watch_hit(uint64_t far, bool write, uint64_t *start)
{
	unsigned int i, n = arm64_dbg_nwrp();
	int best = -1;
	uint64_t best_dist = ~0ULL;

	for (i = 0; i < n; i++) {
		uint64_t lo = wps[i].addr, hi = lo + wps[i].len, dist;

		if (!wps[i].used ||
		    (write && wps[i].type == Z_WATCH_READ) ||
		    (!write && wps[i].type == Z_WATCH_WRITE))
			continue;
		if (far >= lo && far < hi)
			dist = 0;
		else if (far < lo)
			dist = lo - far;
		else
			continue;
		if (dist < best_dist) {
			best_dist = dist;
			best = (int)i;
		}
	}
	if (best < 0)
		return -1;
	/* GDB finds its watchpoint by this address: the start of the
	 * range it asked for is always inside it. */
	*start = wps[best].addr;
	return wps[best].type;
}
