/* Sockets as files (lib/socket): the socket system calls on lib/vfs's
 * files, with the address families supplied by libraries that register
 * them next to their code, as file systems register with TS_FS_TYPE:
 *
 *   TS_SOCKET_FAMILY(inet, AF_INET, "inet", inet_create, NULL);
 *
 * lib/socket itself has AF_UNIX socketpair (no network stack); lib/lwip
 * registers AF_INET and AF_INET6 on lwIP's socket API. Nothing here
 * knows a network stack.
 *
 * The division of work: a family's operations never block. A call that
 * would wait answers -EAGAIN (accept, send, receive) or -EINPROGRESS
 * (connect); lib/socket blocks the calling thread when the descriptor
 * is blocking, on the socket's poll head, until the family calls
 * ts_socket_notify() (or SO_RCVTIMEO/SO_SNDTIMEO pass), then asks
 * again. So O_NONBLOCK (fcntl, FIONBIO, SOCK_NONBLOCK), timeouts, and
 * poll/select/epoll are the same for every family, and a family's own
 * state is touched only from its operations and its event callbacks.
 *
 * Pointers handed to operations are the kernel's or checked ones: the
 * system-call layer checks the program's (ts_syscall_user_*). Results
 * are 0 or a value, or minus an errno. */
#ifndef TS_SOCKET_H
#define TS_SOCKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <ts/vfs.h>

struct ts_socket;

struct ts_socket_ops {
	/* NULL entries answer -EOPNOTSUPP (bind, listen, accept,
	 * connect, shutdown) or what Linux answers for them. */
	int (*bind)(struct ts_socket *s, const struct sockaddr *a,
		    socklen_t len);
	int (*listen)(struct ts_socket *s, int backlog);
	/* A connection that is waiting, made into ns (whose family, type
	 * and protocol are s's; set ns->ops and ns->priv), or -EAGAIN. */
	int (*accept)(struct ts_socket *s, struct ts_socket *ns);
	/* Start connecting: 0 when connected, -EINPROGRESS when it goes
	 * on (POLLOUT then, and SO_ERROR says how it ended). */
	int (*connect)(struct ts_socket *s, const struct sockaddr *a,
		       socklen_t len);
	/* m's vectors, name and control are checked; flags are the
	 * program's MSG_* (MSG_DONTWAIT always added). The bytes moved
	 * (a stream may move fewer than asked: the layer asks again for
	 * the rest when blocking), -EAGAIN if none could. recvmsg sets
	 * m->msg_namelen, msg_controllen and msg_flags. */
	long (*sendmsg)(struct ts_socket *s, const struct msghdr *m,
			int flags);
	long (*recvmsg)(struct ts_socket *s, struct msghdr *m, int flags);
	int (*shutdown)(struct ts_socket *s, int how);	/* SHUT_* */
	/* Options: -ENOPROTOOPT for an option the family does not know;
	 * for SOL_SOCKET, lib/socket answers those itself (the type, the
	 * timeouts, and flags it keeps: SO_REUSEADDR...). *len in: room,
	 * out: bytes written. */
	int (*getsockopt)(struct ts_socket *s, int level, int name,
			  void *val, socklen_t *len);
	int (*setsockopt)(struct ts_socket *s, int level, int name,
			  const void *val, socklen_t len);
	/* getsockname (peer 0) and getpeername (peer 1): the address in a
	 * (*len: room in, the address's full length out; -ENOTCONN). */
	int (*getname)(struct ts_socket *s, struct sockaddr *a,
		       socklen_t *len, int peer);
	/* The TS_POLL* events true now. */
	unsigned int (*poll)(struct ts_socket *s);
	/* ioctl requests besides FIONBIO/FIOCLEX (FIONREAD...); NULL or
	 * -ENOTTY when unknown. arg is the program's (unchecked). */
	long (*ioctl)(struct ts_socket *s, unsigned long req,
		      unsigned long arg);
	/* The last descriptor closed: free the family's state. */
	void (*release)(struct ts_socket *s);
	/* For `monitor net` and `ts net`: the state ("LISTEN",
	 * "ESTABLISHED", "connected"...), or NULL. */
	const char *(*state)(struct ts_socket *s);
};

/* Flags lib/socket keeps for SOL_SOCKET options a family does not
 * take itself (stored and reported, as a single process may). */
#define TS_SOCK_REUSEADDR	0x01
#define TS_SOCK_REUSEPORT	0x02
#define TS_SOCK_KEEPALIVE	0x04
#define TS_SOCK_BROADCAST	0x08
#define TS_SOCK_OOBINLINE	0x10
#define TS_SOCK_LISTENING	0x20	/* listen() succeeded */

struct ts_socket {
	const struct ts_socket_ops *ops;
	void *priv;			/* the family's own */
	int family, type, protocol;	/* type without SOCK_NONBLOCK... */
	unsigned int opts;		/* TS_SOCK_* */
	int sndbuf, rcvbuf;		/* as SO_SNDBUF/SO_RCVBUF report */
	uint64_t rcvtimeo_ns, sndtimeo_ns;	/* 0: none */
	int linger_on, linger_s;
	int fd;				/* the first descriptor, for traces */
	struct ts_file *file;		/* the file it is (no reference) */
	struct ts_poll_head poll;
};

/* An address family, registered with TS_SOCKET_FAMILY next to its code
 * (linker section ts_socket_families).
 * create: socket(family, type, protocol): set s->ops and s->priv
 *   (s->type is the type without its flags): -EPROTONOSUPPORT,
 *   -ESOCKTNOSUPPORT (-EPROTOTYPE), -EMFILE/-ENFILE when the family has
 *   no socket left, -ENOMEM.
 * pair: socketpair(): both sockets at once; NULL: -EOPNOTSUPP (as
 *   Linux answers for AF_INET). */
struct ts_socket_family {
	int family;
	const char *name;
	int (*create)(struct ts_socket *s, int protocol);
	int (*pair)(struct ts_socket *a, struct ts_socket *b, int protocol);
};

#define TS_SOCKET_FAMILY(id, fam, famname, createfn, pairfn)                \
	static const struct ts_socket_family __ts_socket_family_##id        \
	    __attribute__((used, aligned(8),                                \
			   section("ts_socket_families"))) = {              \
		fam, famname, createfn, pairfn                              \
	}

const struct ts_socket_family *ts_socket_family_find(int family);

/* Events on s (TS_POLL*: what became true): wakes poll, select, epoll
 * and threads blocked in a call on it. Safe from any context a family's
 * stack calls back in, interrupts off included. */
void ts_socket_notify(struct ts_socket *s, unsigned int events);

/* The socket behind a file, or NULL when it is no socket. */
struct ts_socket *ts_socket_of(struct ts_file *f);

/* An address as text: "127.0.0.1:80", "[::1]:6379", "unix:unnamed",
 * "unix:/path", "-" for none, "af 17" for a family this code does not
 * print. Into buf (size bytes, NUL-terminated); returns buf. */
char *ts_socket_addr_text(char *buf, size_t size, const struct sockaddr *a,
			  socklen_t len);

/* "stream", "dgram", "seqpacket", "raw" ... */
const char *ts_socket_type_name(int type);
const char *ts_socket_family_name(int family);

/* Call fn for every descriptor that is a socket, in order (a dup'ed
 * socket once per descriptor), for monitor net and tests; fn must not
 * open or close descriptors. */
void ts_socket_foreach(void (*fn)(int fd, struct ts_socket *s, void *arg),
		       void *arg);

#endif
