/* Xen's event channels for code above the platform: paravirtual
 * drivers to come (a console ring, netfront), and the in-image tests
 * (tests/image/apps/selftest/xen_evtchn_tests.c). In images of a Xen
 * target (PLAT_XEN). Xen's 2-level ABI (public/event_channel.h), one
 * vCPU.
 *
 * They work where the image runs under Xen with its shared info page
 * mapped and Xen's event interrupt wired: xen-arm64. Elsewhere every
 * call returns -ENODEV: xen-x86_64 has no upcall yet (no HVM callback
 * vector is set), and under a plain PVH loader there is no Xen.
 *
 * Results are >= 0, or a negative errno (Xen's numbers, which are
 * Linux's: -EINVAL for a port that is not bound, -ENOSPC when none is
 * free). Handlers run in the event interrupt, each port's with its
 * own arg. */
#ifndef TS_XEN_H
#define TS_XEN_H

/* The calling domain, as the remote end of a channel to itself. */
#define TS_XEN_DOMID_SELF	0x7ff0U

typedef void (*ts_xen_evtchn_fn)(unsigned int port, void *arg);

/* A new port of this domain that domain remote_dom may bind to: the
 * port. */
int ts_xen_evtchn_alloc_unbound(unsigned int remote_dom);
/* A port bound to remote_port of domain remote_dom (allocated there
 * for this domain): the local port. */
int ts_xen_evtchn_bind_interdomain(unsigned int remote_dom,
				   unsigned int remote_port);
/* Run fn(port, arg) for each event on port from now on, the port
 * unmasked (an event already pending runs it at once); fn NULL masks the
 * port and forgets its handler. Only the lowest 64 ports take a handler
 * (-ENOSPC above): Xen hands out the lowest free ports. */
int ts_xen_evtchn_handle(unsigned int port, ts_xen_evtchn_fn fn, void *arg);
/* An event to the other end of port. */
int ts_xen_evtchn_notify(unsigned int port);
/* Unbind port (both ends of a channel to this domain see it closed);
 * its handler is forgotten. */
int ts_xen_evtchn_close(unsigned int port);

#endif
