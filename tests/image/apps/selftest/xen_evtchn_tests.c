/* Xen's event channels (<ts/xen.h>, plat/xen/evtchn.c) under the real
 * Xen: a channel from the domain to itself (one end allocated unbound
 * for DOMID_SELF, the other bound to it), an event sent on each end
 * reaching the other end's handler through Xen's event interrupt and
 * the upcall, a closed channel refusing events, ports that are not
 * bound refused. Built into selftest for the Xen targets only
 * (Makefile.uk); where the platform has no event channels (xen-x86_64:
 * no upcall yet; no Xen under QEMU's PVH loader) each call must say
 * -ENODEV, and the tests that need events skip. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/time.h>
#include <ts/test.h>
#include <ts/xen.h>

static volatile unsigned int hits, last_port;
static void *volatile last_arg;

static void on_event(unsigned int port, void *arg)
{
	last_port = port;
	last_arg = arg;
	hits++;
}

/* Up to ns for the handler to have run want times in all. The test runs
 * with interrupts masked (selftest has no scheduler), so it sleeps in
 * 1 ms slices: the CPU halts with them taken, the event interrupt among
 * them. */
#define EVENT_NS	(5ULL * 1000000000ULL)	/* ends as soon as it came */
#define NO_EVENT_NS	(100ULL * 1000000ULL)	/* to see none comes */

static unsigned int wait_hits_ns(unsigned int want, uint64_t ns)
{
	uint64_t now = ts_plat_time_ns(), end = now + ns;

	while (hits < want && now < end) {
		ts_plat_sleep_until_ns(now + 1000000);
		now = ts_plat_time_ns();
	}
	return hits;
}

static unsigned int wait_hits(unsigned int want)
{
	return wait_hits_ns(want, EVENT_NS);
}

static void need_event_channels(void)
{
	int rc = ts_xen_evtchn_alloc_unbound(TS_XEN_DOMID_SELF);

	if (rc == -ENODEV)
		TS_SKIP("no event channels on this platform (-ENODEV)");
	TS_REQUIRE(rc >= 0);
	TS_REQUIRE_EQ(ts_xen_evtchn_close((unsigned int)rc), 0);
}

/* A channel from the domain to itself: a allocated for DOMID_SELF, b
 * bound to it; no event seen yet. */
static void loopback(int *a, int *b)
{
	need_event_channels();
	hits = 0;
	*a = ts_xen_evtchn_alloc_unbound(TS_XEN_DOMID_SELF);
	TS_REQUIRE(*a >= 0);
	*b = ts_xen_evtchn_bind_interdomain(TS_XEN_DOMID_SELF, (unsigned int)*a);
	TS_REQUIRE(*b >= 0);
	TS_EXPECT(*a != *b);
}

TS_TEST(xen_evtchn, loopback_events_reach_the_other_end)
{
	int a, b;
	char tag_a, tag_b;

	loopback(&a, &b);
	TS_REQUIRE_EQ(ts_xen_evtchn_handle((unsigned int)a, on_event, &tag_a), 0);
	TS_REQUIRE_EQ(ts_xen_evtchn_handle((unsigned int)b, on_event, &tag_b), 0);
	/* a's event arrives at b, and b's at a. */
	TS_REQUIRE_EQ(ts_xen_evtchn_notify((unsigned int)a), 0);
	TS_REQUIRE_EQ(wait_hits(1), 1u);
	TS_EXPECT_EQ(last_port, (unsigned int)b);
	TS_EXPECT(last_arg == &tag_b);
	TS_REQUIRE_EQ(ts_xen_evtchn_notify((unsigned int)b), 0);
	TS_REQUIRE_EQ(wait_hits(2), 2u);
	TS_EXPECT_EQ(last_port, (unsigned int)a);
	TS_EXPECT(last_arg == &tag_a);
	/* Many in a row: at least one event each time it is handled
	 * (Xen merges those still pending). */
	for (int i = 0; i < 100; i++) {
		unsigned int before = hits;

		TS_REQUIRE_EQ(ts_xen_evtchn_notify((unsigned int)a), 0);
		TS_REQUIRE(wait_hits(before + 1) > before);
	}
	TS_EXPECT_EQ(ts_xen_evtchn_close((unsigned int)b), 0);
	TS_EXPECT_EQ(ts_xen_evtchn_close((unsigned int)a), 0);
	/* Closed: nothing to send on. */
	TS_EXPECT(ts_xen_evtchn_notify((unsigned int)a) < 0);
}

/* Without a handler (fn NULL) the port is masked: an event stays
 * pending and runs the handler once one is set. */
TS_TEST(xen_evtchn, masked_port_keeps_its_event)
{
	int a, b;

	loopback(&a, &b);
	TS_REQUIRE_EQ(ts_xen_evtchn_handle((unsigned int)b, NULL, NULL), 0);
	TS_REQUIRE_EQ(ts_xen_evtchn_notify((unsigned int)a), 0);
	TS_EXPECT_EQ(wait_hits_ns(1, NO_EVENT_NS), 0u);
	TS_REQUIRE_EQ(ts_xen_evtchn_handle((unsigned int)b, on_event, NULL), 0);
	TS_EXPECT_EQ(wait_hits(1), 1u);
	TS_EXPECT_EQ(last_port, (unsigned int)b);
	TS_EXPECT_EQ(ts_xen_evtchn_close((unsigned int)b), 0);
	TS_EXPECT_EQ(ts_xen_evtchn_close((unsigned int)a), 0);
}

TS_TEST(xen_evtchn, bad_ports_refused)
{
	need_event_channels();
	TS_EXPECT_EQ(ts_xen_evtchn_handle(4096, on_event, NULL), -EINVAL);
	TS_EXPECT_EQ(ts_xen_evtchn_handle(100, on_event, NULL), -ENOSPC);
	TS_EXPECT_EQ(ts_xen_evtchn_bind_interdomain(TS_XEN_DOMID_SELF, 5000),
		     -EINVAL);
	TS_EXPECT_EQ(ts_xen_evtchn_alloc_unbound(0x10000), -EINVAL);
	/* Xen's own checks: a port never allocated. */
	TS_EXPECT(ts_xen_evtchn_notify(4000) < 0);
	TS_EXPECT(ts_xen_evtchn_close(4000) < 0);
	TS_EXPECT(ts_xen_evtchn_bind_interdomain(TS_XEN_DOMID_SELF, 4000) < 0);
}

/* Where there are none, every call says so. */
TS_TEST(xen_evtchn, no_event_channels_is_enodev)
{
	if (ts_xen_evtchn_alloc_unbound(TS_XEN_DOMID_SELF) != -ENODEV)
		TS_SKIP("this platform has event channels");
	TS_EXPECT_EQ(ts_xen_evtchn_bind_interdomain(TS_XEN_DOMID_SELF, 1),
		     -ENODEV);
	TS_EXPECT_EQ(ts_xen_evtchn_handle(1, on_event, NULL), -ENODEV);
	TS_EXPECT_EQ(ts_xen_evtchn_notify(1), -ENODEV);
	TS_EXPECT_EQ(ts_xen_evtchn_close(1), -ENODEV);
}
