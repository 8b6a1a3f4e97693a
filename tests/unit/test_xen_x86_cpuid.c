/* Finding Xen on x86_64 (plat/pc/hv_cpuid.c, plat/xen/x86_64/
 * cpuid_leaves.c) from given CPUID values: Xen's leaves at 0x40000000,
 * or at 0x40000100 behind Hyper-V's (Xen with viridian), KVM's (no Xen:
 * the image runs as under a plain PVH loader), no hypervisor bit (a
 * real CPU echoes another leaf at 0x40000000), and broken leaves (a
 * range too short, no hypercall page, no MSR), each said in words. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "tsh.h"
#include "xen_x86.h"

uint32_t tsh_ts_pc_hypervisor_base(const char *sig, uint32_t min_leaves,
				   ts_pc_cpuid_fn *cpuid);
const char *tsh_xen_x86_cpuid_read(struct xen_x86_cpuid *x,
				   ts_pc_cpuid_fn *cpuid);

/* The fake CPU: leaf 1's ECX, and up to four hypervisor leaves of each
 * range. Anything not set reads as zeros. */
#define RANGES 256
static uint32_t leaf1_ecx;
static uint32_t hv[RANGES][5][4];
static unsigned int reads;

static void fake_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
	(void)subleaf;
	reads++;
	memset(r, 0, 4 * sizeof(r[0]));
	if (leaf == 1) {
		r[2] = leaf1_ecx;
	} else if (leaf >= 0x40000000 && leaf < 0x40010000 &&
		   (leaf & 0xff) < 5) {
		memcpy(r, hv[(leaf - 0x40000000) >> 8][leaf & 0xff],
		       4 * sizeof(r[0]));
	} else if (leaf >= 0x40010000) {
		ck_abort_msg("leaf %#x read: past the hypervisor ranges", leaf);
	}
}

/* A hypervisor's range n: its highest leaf and 12-byte signature. */
static void range(int n, uint32_t max_offset, const char *sig)
{
	uint32_t *r = hv[n][0];

	r[0] = 0x40000000 + n * 0x100 + max_offset;
	memcpy(&r[1], sig, 4);
	memcpy(&r[2], sig + 4, 4);
	memcpy(&r[3], sig + 8, 4);
}

/* Xen 4.17 at range n, hypercall MSR 0x40000000, one page. */
static void xen_at(int n)
{
	range(n, 5, "XenVMMXenVMM");
	hv[n][1][0] = 4 << 16 | 17;
	hv[n][2][0] = 1;
	hv[n][2][1] = 0x40000000;
}

static void reset(void)
{
	memset(hv, 0, sizeof(hv));
	leaf1_ecx = 1U << 31;
	reads = 0;
}

START_TEST(xen_at_the_first_range)
{
	struct xen_x86_cpuid x;

	reset();
	xen_at(0);
	ck_assert_ptr_null(tsh_xen_x86_cpuid_read(&x, fake_cpuid));
	ck_assert_uint_eq(x.base, 0x40000000);
	ck_assert_uint_eq(x.version, 4 << 16 | 17);
	ck_assert_uint_eq(x.msr, 0x40000000);
	ck_assert_uint_eq(x.pages, 1);
}
END_TEST

START_TEST(xen_behind_hyper_v)
{
	struct xen_x86_cpuid x;

	reset();
	range(0, 6, "Microsoft Hv");
	xen_at(1);
	ck_assert_ptr_null(tsh_xen_x86_cpuid_read(&x, fake_cpuid));
	ck_assert_uint_eq(x.base, 0x40000100);
	ck_assert_uint_eq(x.msr, 0x40000000);
}
END_TEST

START_TEST(xen_in_the_last_range)
{
	reset();
	xen_at(RANGES - 1);
	ck_assert_uint_eq(tsh_ts_pc_hypervisor_base("XenVMMXenVMM", 3,
						    fake_cpuid), 0x4000ff00);
}
END_TEST

START_TEST(kvm_is_not_xen)
{
	struct xen_x86_cpuid x;

	reset();
	range(0, 0x10, "KVMKVMKVM\0\0\0");
	ck_assert_ptr_null(tsh_xen_x86_cpuid_read(&x, fake_cpuid));
	ck_assert_uint_eq(x.base, 0);
	/* Every range looked at, and no further. */
	ck_assert_uint_eq(reads, 1 + RANGES);
	ck_assert_uint_eq(tsh_ts_pc_hypervisor_base("KVMKVMKVM\0\0\0", 1,
						    fake_cpuid), 0x40000000);
}
END_TEST

START_TEST(no_hypervisor_bit)
{
	struct xen_x86_cpuid x;

	reset();
	leaf1_ecx = 0;
	xen_at(0);	/* what a real CPU might echo: not looked at */
	ck_assert_ptr_null(tsh_xen_x86_cpuid_read(&x, fake_cpuid));
	ck_assert_uint_eq(x.base, 0);
	ck_assert_uint_eq(reads, 1);
}
END_TEST

START_TEST(signature_with_a_bad_range)
{
	reset();
	/* Highest leaf outside its own range (a CPU's echo), or too few
	 * leaves for the hypercall page's: not Xen's leaves. */
	range(0, 0, "XenVMMXenVMM");
	hv[0][0][0] = 0x0d;
	range(1, 1, "XenVMMXenVMM");
	range(2, 0x100, "XenVMMXenVMM");
	ck_assert_uint_eq(tsh_ts_pc_hypervisor_base("XenVMMXenVMM", 3,
						    fake_cpuid), 0);
	range(3, 2, "XenVMMXenVMM");
	ck_assert_uint_eq(tsh_ts_pc_hypervisor_base("XenVMMXenVMM", 3,
						    fake_cpuid), 0x40000300);
}
END_TEST

START_TEST(no_hypercall_page)
{
	struct xen_x86_cpuid x;
	const char *why;

	reset();
	xen_at(0);
	hv[0][2][0] = 0;
	why = tsh_xen_x86_cpuid_read(&x, fake_cpuid);
	ck_assert_str_eq(why, "Xen offers no hypercall page (CPUID leaf base + "
			 "2: EAX 0)");
	ck_assert_uint_eq(x.base, 0x40000000);

	xen_at(0);
	hv[0][2][1] = 0;
	why = tsh_xen_x86_cpuid_read(&x, fake_cpuid);
	ck_assert_str_eq(why, "Xen names no MSR for the hypercall page (CPUID "
			 "leaf base + 2: EBX 0)");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("xen_x86_cpuid");
	TCase *tc = tcase_create("xen_x86_cpuid");

	tcase_add_test(tc, xen_at_the_first_range);
	tcase_add_test(tc, xen_behind_hyper_v);
	tcase_add_test(tc, xen_in_the_last_range);
	tcase_add_test(tc, kvm_is_not_xen);
	tcase_add_test(tc, no_hypervisor_bit);
	tcase_add_test(tc, signature_with_a_bad_range);
	tcase_add_test(tc, no_hypercall_page);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}
