/* Event channels, 2-level ABI (public/event_channel.h): a pending and a
 * mask bit per port in the shared info page, a selector word per vCPU
 * and the upcall pending flag that Xen sets before raising its event
 * interrupt. Only vCPU 0 (the image runs on one). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/xen.h>
#include "xen.h"

/* Handlers for the lowest ports only: Xen gives a domain its ports from
 * the lowest free one, and the image binds a few (console, timer). A
 * table for all 4,096 took 64 KiB of bss. A pending port above it with
 * no handler is cleared like one below without a handler. */
#define XEN_EVTCHN_HANDLERS	64

static struct {
	xen_evtchn_fn fn;
	void *arg;
} handlers[XEN_EVTCHN_HANDLERS];

int xen_evtchn_set_handler(unsigned int port, xen_evtchn_fn fn, void *arg)
{
	if (port >= XEN_EVTCHN_HANDLERS)
		return -1;
	handlers[port].arg = arg;
	handlers[port].fn = fn;
	return 0;
}

void xen_evtchn_mask(unsigned int port)
{
	struct xen_shared_info *s = xen_shared_info();

	if (s && port < XEN_NR_EVTCHN)
		__atomic_fetch_or(&s->evtchn_mask[port / 64],
				  1ULL << (port % 64), __ATOMIC_SEQ_CST);
}

bool xen_evtchn_is_masked(unsigned int port)
{
	struct xen_shared_info *s = xen_shared_info();

	if (!s || port >= XEN_NR_EVTCHN)
		return true;
	return (s->evtchn_mask[port / 64] >> (port % 64)) & 1;
}

int xen_evtchn_unmask(unsigned int port)
{
	uint32_t p = port;

	if (!xen_shared_info() || port >= XEN_NR_EVTCHN)
		return -1;
	/* Xen clears the bit and, if the port was pending meanwhile,
	 * raises the upcall again: no event lost between the two. */
	return xen_hypercall(XEN_HC_event_channel_op, EVTCHNOP_unmask,
			     (unsigned long)&p, 0, 0, 0) < 0 ? -1 : 0;
}

unsigned int xen_evtchn_upcall(void)
{
	struct xen_shared_info *s = xen_shared_info();
	struct xen_vcpu_info *v;
	unsigned int ran = 0;
	uint64_t sel;

	if (!s)
		return 0;
	v = &s->vcpu_info[0];
	/* Cleared first: an event set after this raises it again. */
	__atomic_store_n(&v->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
	sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0,
				  __ATOMIC_SEQ_CST);
	while (sel) {
		unsigned int w = (unsigned int)__builtin_ctzll(sel);
		uint64_t bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];

		sel &= sel - 1;
		while (bits) {
			unsigned int b = (unsigned int)__builtin_ctzll(bits);
			unsigned int port = w * 64 + b;

			bits &= bits - 1;
			__atomic_fetch_and(&s->evtchn_pending[w],
					   ~(1ULL << b), __ATOMIC_SEQ_CST);
			if (port < XEN_EVTCHN_HANDLERS && handlers[port].fn) {
				handlers[port].fn(port, handlers[port].arg);
				ran++;
			}
		}
	}
	return ran;
}

/* ---- <ts/xen.h>: ports for code above the platform ---------------- */

/* The event interrupt is wired where the shared info page is mapped
 * (xen-arm64's entry does both). */
static bool usable(void)
{
	return xen_shared_info() != NULL;
}

static int op(unsigned int cmd, void *arg)
{
	long rc = xen_hypercall(XEN_HC_event_channel_op, cmd,
				(unsigned long)arg, 0, 0, 0);

	return rc < 0 ? (int)rc : 0;
}

int ts_xen_evtchn_alloc_unbound(unsigned int remote_dom)
{
	struct {
		uint16_t dom, remote_dom;
		uint32_t port;		/* out */
	} a = { DOMID_SELF, (uint16_t)remote_dom, 0 };
	int rc;

	if (!usable())
		return -ENODEV;
	if (remote_dom > 0xffff)
		return -EINVAL;
	rc = op(EVTCHNOP_alloc_unbound, &a);
	return rc < 0 ? rc : (int)a.port;
}

int ts_xen_evtchn_bind_interdomain(unsigned int remote_dom,
				   unsigned int remote_port)
{
	struct {
		uint16_t remote_dom;
		uint32_t remote_port;
		uint32_t local_port;	/* out */
	} b = { (uint16_t)remote_dom, remote_port, 0 };
	int rc;

	if (!usable())
		return -ENODEV;
	if (remote_dom > 0xffff || remote_port >= XEN_NR_EVTCHN)
		return -EINVAL;
	rc = op(EVTCHNOP_bind_interdomain, &b);
	return rc < 0 ? rc : (int)b.local_port;
}

int ts_xen_evtchn_handle(unsigned int port, ts_xen_evtchn_fn fn, void *arg)
{
	if (!usable())
		return -ENODEV;
	if (port >= XEN_NR_EVTCHN)
		return -EINVAL;
	if (port >= XEN_EVTCHN_HANDLERS)
		return -ENOSPC;
	if (!fn) {
		xen_evtchn_mask(port);
		xen_evtchn_set_handler(port, NULL, NULL);
		return 0;
	}
	xen_evtchn_set_handler(port, fn, arg);
	if (xen_evtchn_unmask(port) < 0) {
		xen_evtchn_set_handler(port, NULL, NULL);
		return -EINVAL;
	}
	return 0;
}

int ts_xen_evtchn_notify(unsigned int port)
{
	uint32_t p = port;

	if (!usable())
		return -ENODEV;
	return op(EVTCHNOP_send, &p);
}

int ts_xen_evtchn_close(unsigned int port)
{
	uint32_t p = port;
	int rc;

	if (!usable())
		return -ENODEV;
	if (port >= XEN_NR_EVTCHN)
		return -EINVAL;
	rc = op(EVTCHNOP_close, &p);
	if (rc == 0 && port < XEN_EVTCHN_HANDLERS) {
		/* Masked again for whoever gets the port next. */
		xen_evtchn_mask(port);
		xen_evtchn_set_handler(port, NULL, NULL);
	}
	return rc;
}
