/* lwIP's socket API on the C library's socket types (lwipopts.h:
 * LWIP_SOCKET_EXTERNAL_HEADERS), instead of lwIP's own BSD-style ones:
 * lwip_bind() takes Linux's struct sockaddr (no sa_len), lwip_setsockopt()
 * Linux's levels and option numbers, lwip_fcntl() Linux's O_NONBLOCK,
 * and errno values are Linux's, so that a system-call layer passes
 * them through unchanged. lwip/sockets.h includes this file in place
 * of its own declarations. */
#ifndef TS_LWIP_SOCKETS_H
#define TS_LWIP_SOCKETS_H

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#if LWIP_DNS
#include <netdb.h>
#endif
#include LWIP_SOCKET_EXTERNAL_HEADER_INET_H

/* Linux's socket addresses have no length field: lwIP's socket layer
 * (as Debian patches it) writes none and takes the length from the
 * family. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin)
#define IP6ADDR_SOCKADDR_SET_LEN(sin6)
#define IPADDR_SOCKADDR_GET_LEN(addr) \
	((addr)->sa.sa_family == AF_INET ? sizeof(struct sockaddr_in) : \
	 (addr)->sa.sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : 0)
#define SIN_ZERO_LEN	8

#if IOV_MAX > 0xFFFF
#undef IOV_MAX
#define IOV_MAX 0xFFFF
#endif

#define LWIP_SELECT_MAXNFDS	FD_SETSIZE

/* Options lwIP knows that Linux has no number for: numbers Linux does
 * not use, so that lwIP's switch statements compile; nobody passes
 * them. */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE	0x7fff
#endif

void lwip_socket_thread_init(void);
void lwip_socket_thread_cleanup(void);

int lwip_accept(int s, struct sockaddr *addr, socklen_t *addrlen);
int lwip_bind(int s, const struct sockaddr *name, socklen_t namelen);
int lwip_shutdown(int s, int how);
int lwip_getpeername(int s, struct sockaddr *name, socklen_t *namelen);
int lwip_getsockname(int s, struct sockaddr *name, socklen_t *namelen);
int lwip_getsockopt(int s, int level, int optname, void *optval,
		    socklen_t *optlen);
int lwip_setsockopt(int s, int level, int optname, const void *optval,
		    socklen_t optlen);
int lwip_close(int s);
int lwip_connect(int s, const struct sockaddr *name, socklen_t namelen);
int lwip_listen(int s, int backlog);
ssize_t lwip_recv(int s, void *mem, size_t len, int flags);
ssize_t lwip_read(int s, void *mem, size_t len);
ssize_t lwip_readv(int s, const struct iovec *iov, int iovcnt);
ssize_t lwip_recvfrom(int s, void *mem, size_t len, int flags,
		      struct sockaddr *from, socklen_t *fromlen);
ssize_t lwip_recvmsg(int s, struct msghdr *message, int flags);
ssize_t lwip_send(int s, const void *dataptr, size_t size, int flags);
ssize_t lwip_sendmsg(int s, const struct msghdr *message, int flags);
ssize_t lwip_sendto(int s, const void *dataptr, size_t size, int flags,
		    const struct sockaddr *to, socklen_t tolen);
int lwip_socket(int domain, int type, int protocol);
ssize_t lwip_write(int s, const void *dataptr, size_t size);
ssize_t lwip_writev(int s, const struct iovec *iov, int iovcnt);
int lwip_select(int maxfdp1, fd_set *readset, fd_set *writeset,
		fd_set *exceptset, struct timeval *timeout);
int lwip_poll(struct pollfd *fds, nfds_t nfds, int timeout);
int lwip_ioctl(int s, long cmd, void *argp);
int lwip_fcntl(int s, int cmd, int val);
const char *lwip_inet_ntop(int af, const void *src, char *dst,
			   socklen_t size);
int lwip_inet_pton(int af, const char *src, void *dst);

#endif
