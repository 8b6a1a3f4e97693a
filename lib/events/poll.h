/* The poll loop that poll, ppoll, select and pselect6 share. */
#ifndef EVENTS_POLL_H
#define EVENTS_POLL_H

#include <stdint.h>

/* Linux's struct pollfd. */
struct ev_pollfd {
	int fd;
	short events;
	short revents;
};

/* Wait until one of the n descriptors has one of its events (revents
 * = the file's events & events; TS_POLLNVAL for a descriptor that is
 * not open; fd < 0 is skipped) or the deadline passes: the number of
 * entries with revents, 0 on timeout, -ENOMEM. */
long ev_poll(struct ev_pollfd *fds, unsigned long n, uint64_t deadline);

#endif
