/* lib/socket's own: the socket file, blocking on its poll head, the
 * calls' shared steps, the tracepoints. */
#ifndef SOCKET_INTERNAL_H
#define SOCKET_INTERNAL_H

#include <stdint.h>
#include <sys/socket.h>
#include <ts/socket.h>
#include <ts/vfs.h>

extern const struct ts_file_ops sock_fops;

/* A new socket (no ops yet), with Linux's defaults. */
struct ts_socket *sock_alloc(int family, int type, int protocol);
/* Its file and lowest free descriptor, status flags TS_O_NONBLOCK and
 * fd flags TS_FD_CLOEXEC: the descriptor, or an errno with s gone. */
int sock_install(struct ts_socket *s, unsigned int status,
		 unsigned int fdflags);

/* Sending and receiving with the blocking rules of <ts/socket.h>: m is
 * the kernel's copy (checked vectors), which sending may advance. */
long sock_sendmsg(struct ts_socket *s, struct msghdr *m, int flags);
long sock_recvmsg(struct ts_socket *s, struct msghdr *m, int flags);

/* Blocking in a call: start (queue on the head; none until the first
 * -EAGAIN), arm before each try, sleep after a try that would block
 * (0 woken, -EAGAIN when the timeout passed, -ENOMEM), end. */
struct sock_wait;
struct sock_wait_ctx {
	struct sock_wait *w;
};
void sock_wait_start(struct ts_socket *s, struct sock_wait_ctx *c,
		     unsigned int want, uint64_t timeout_ns);
void sock_wait_arm(struct sock_wait_ctx *c);
int sock_wait_sleep(struct sock_wait_ctx *c);
void sock_wait_end(struct sock_wait_ctx *c);

/* SOL_SOCKET options lib/socket answers (sockopt.c): -ENOPROTOOPT for
 * the others. */
int sock_getsockopt_generic(struct ts_socket *s, int name, void *val,
			    socklen_t *len);
int sock_setsockopt_generic(struct ts_socket *s, int name, const void *val,
			    socklen_t len);

/* Tracepoints (trace.c); nothing without CONFIG_LIB_TRACE. */
#ifdef CONFIG_LIB_TRACE
void sock_trace_socket(int family, int type, long r);
void sock_trace_addr(int which, int fd, const struct sockaddr *a,
		     socklen_t len, long r);
void sock_trace_listen(int fd, int backlog, long r);
void sock_trace_accept(int fd, struct ts_socket *ns, long r);
void sock_trace_release(struct ts_socket *s);
#else
static inline void sock_trace_socket(int family, int type, long r)
{
	(void)family, (void)type, (void)r;
}
static inline void sock_trace_addr(int which, int fd,
				   const struct sockaddr *a, socklen_t len,
				   long r)
{
	(void)which, (void)fd, (void)a, (void)len, (void)r;
}
static inline void sock_trace_listen(int fd, int backlog, long r)
{
	(void)fd, (void)backlog, (void)r;
}
static inline void sock_trace_accept(int fd, struct ts_socket *ns, long r)
{
	(void)fd, (void)ns, (void)r;
}
static inline void sock_trace_release(struct ts_socket *s)
{
	(void)s;
}
#endif
#define SOCK_TRACE_BIND 0
#define SOCK_TRACE_CONNECT 1

#endif
