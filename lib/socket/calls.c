/* The socket system calls: socket, socketpair, bind, listen, accept,
 * accept4, connect, sendto, recvfrom, sendmsg, recvmsg, sendmmsg,
 * recvmmsg, shutdown, getsockname, getpeername (options: sockopt.c).
 * The program's pointers are checked or copied here, in the order Linux
 * looks at them (the descriptor first, then the address), so that each
 * mistake gets Linux's errno; the family sees kernel memory only. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include "internal.h"

#define SOMAXCONN_LINUX 4096

/* The socket at fd with a reference to its file: 0, -EBADF or
 * -ENOTSOCK. */
static int get_sock(long fd, struct ts_file **fp, struct ts_socket **sp)
{
	struct ts_file *f = ts_fd_get((int)fd);

	if (!f)
		return -EBADF;
	if (!(*sp = ts_socket_of(f))) {
		ts_file_put(f);
		return -ENOTSOCK;
	}
	*fp = f;
	return 0;
}

/* An address from the program into a (Linux's move_addr_to_kernel). */
static int addr_in(struct sockaddr_storage *a, unsigned long ua, long len)
{
	if (len < 0 || len > (long)sizeof(*a))
		return -EINVAL;
	if (!len)
		return 0;
	if (ts_arch_mem_read_safe(ua, a, (size_t)len) != len)
		return -EFAULT;
	return 0;
}

/* An address to the program: at most *ulen bytes of it, and its whole
 * length into *ulen (move_addr_to_user). */
static int addr_out(const struct sockaddr_storage *a, socklen_t len,
		    unsigned long ua, unsigned long ulen)
{
	int room;

	if (ts_arch_mem_read_safe(ulen, &room, sizeof(room)) != sizeof(room))
		return -EFAULT;
	if (room < 0)
		return -EINVAL;
	if ((socklen_t)room > len)
		room = (int)len;
	if (room && ts_arch_mem_write_safe(ua, a, (size_t)room))
		return -EFAULT;
	if (ts_arch_mem_write_safe(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

/* The room the program gives for an address (accept, recvfrom,
 * getsockname): checked before the call takes anything, as Linux reads
 * *addrlen first. */
static int addr_room(unsigned long ulen)
{
	int room;

	if (ts_arch_mem_read_safe(ulen, &room, sizeof(room)) != sizeof(room))
		return -EFAULT;
	return room < 0 ? -EINVAL : 0;
}

static int bad_type_flags(long type)
{
	return (type & ~(long)(0xf | SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0;
}

static unsigned int status_of(long flags)
{
	return flags & SOCK_NONBLOCK ? TS_O_NONBLOCK : 0;
}

static unsigned int fdflags_of(long flags)
{
	return flags & SOCK_CLOEXEC ? TS_FD_CLOEXEC : 0;
}

/* The family of a new socket: -EAFNOSUPPORT as Linux for one it has
 * no code for (AF_MAX and beyond included), -EINVAL for a type beyond
 * SOCK_MAX (a type in range the family does not know is its own
 * -ESOCKTNOSUPPORT). */
static int family_for(long domain, long type,
		      const struct ts_socket_family **fam)
{
	int t = (int)(type & 0xf);

	if (bad_type_flags(type) || t > SOCK_PACKET)
		return -EINVAL;
	if (domain < 0 || domain >= 46 || !(*fam = ts_socket_family_find(
						   (int)domain)))
		return -EAFNOSUPPORT;
	return 0;
}

static long sys_socket(long domain, long type, long proto, long d, long e,
		       long g)
{
	const struct ts_socket_family *fam = NULL;
	struct ts_socket *s;
	long r;

	(void)d, (void)e, (void)g;
	if ((r = family_for(domain, type, &fam)))
		goto out;
	if (!fam->create) {
		r = -EAFNOSUPPORT;
		goto out;
	}
	if (!(s = sock_alloc((int)domain, (int)(type & 0xf), (int)proto))) {
		r = -ENOMEM;
		goto out;
	}
	if ((r = fam->create(s, (int)proto))) {
		free(s);
		goto out;
	}
	r = sock_install(s, status_of(type), fdflags_of(type));
out:
	sock_trace_socket((int)domain, (int)type, r);
	return r;
}
TS_SYSCALL(socket, sys_socket);

static long sys_socketpair(long domain, long type, long proto, long usv,
			   long e, long g)
{
	const struct ts_socket_family *fam = NULL;
	struct ts_socket *a, *b;
	int fd[2];
	long r;

	(void)e, (void)g;
	if ((r = family_for(domain, type, &fam)))
		return r;
	if (!fam->pair)
		return -EOPNOTSUPP;
	if (ts_syscall_user_ok((unsigned long)usv, sizeof(fd)))
		return -EFAULT;
	a = sock_alloc((int)domain, (int)(type & 0xf), (int)proto);
	b = sock_alloc((int)domain, (int)(type & 0xf), (int)proto);
	if (!a || !b) {
		free(a);
		free(b);
		return -ENOMEM;
	}
	if ((r = fam->pair(a, b, (int)proto))) {
		free(a);
		free(b);
		return r;
	}
	fd[0] = sock_install(a, status_of(type), fdflags_of(type));
	if (fd[0] < 0) {
		/* b's release tells its peer, already gone, nothing. */
		b->ops->release(b);
		free(b);
		return fd[0];
	}
	if ((fd[1] = sock_install(b, status_of(type), fdflags_of(type))) < 0) {
		ts_fd_close(fd[0]);
		return fd[1];
	}
	if (ts_arch_mem_write_safe((unsigned long)usv, fd, sizeof(fd))) {
		ts_fd_close(fd[0]);
		ts_fd_close(fd[1]);
		return -EFAULT;
	}
	sock_trace_socket((int)domain, (int)type, fd[0]);
	sock_trace_socket((int)domain, (int)type, fd[1]);
	return 0;
}
TS_SYSCALL(socketpair, sys_socketpair);

static long sys_bind(long fd, long ua, long len, long d, long e, long g)
{
	struct sockaddr_storage a;
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	(void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (!(r = addr_in(&a, (unsigned long)ua, len)))
		r = s->ops->bind ? s->ops->bind(s, (struct sockaddr *)&a,
						(socklen_t)len) :
				   -EOPNOTSUPP;
	sock_trace_addr(SOCK_TRACE_BIND, (int)fd, (struct sockaddr *)&a,
			r == -EFAULT ? 0 : (socklen_t)len, r);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(bind, sys_bind);

static long sys_listen(long fd, long backlog, long c, long d, long e, long g)
{
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	(void)c, (void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	if ((int)backlog > SOMAXCONN_LINUX || (int)backlog < 0)
		backlog = SOMAXCONN_LINUX;
	r = s->ops->listen ? s->ops->listen(s, (int)backlog) : -EOPNOTSUPP;
	if (!r)
		s->opts |= TS_SOCK_LISTENING;
	sock_trace_listen((int)fd, (int)backlog, r);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(listen, sys_listen);

static long do_accept(long fd, unsigned long ua, unsigned long ulen,
		      long flags)
{
	struct sock_wait_ctx c = { NULL };
	struct sockaddr_storage a;
	struct ts_file *f;
	struct ts_socket *s, *ns;
	socklen_t alen = sizeof(a);
	long r;

	if (flags & ~(long)(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (!s->ops->accept) {
		r = -EOPNOTSUPP;
		goto out;
	}
	if (ua && (r = addr_room(ulen)))
		goto out;
	if (!(ns = sock_alloc(s->family, s->type, s->protocol))) {
		r = -ENOMEM;
		goto out;
	}
	for (;;) {
		sock_wait_arm(&c);
		r = s->ops->accept(s, ns);
		if (r != -EAGAIN || (f->flags & TS_O_NONBLOCK))
			break;
		if (!c.w)
			sock_wait_start(s, &c, TS_POLLIN, s->rcvtimeo_ns);
		else if ((r = sock_wait_sleep(&c)))
			break;
	}
	sock_wait_end(&c);
	if (r) {
		free(ns);
		goto out;
	}
	/* The peer's address, before the descriptor exists: a bad
	 * pointer then loses the connection, as on Linux. */
	memset(&a, 0, sizeof(a));
	if (ua && ns->ops->getname &&
	    ns->ops->getname(ns, (struct sockaddr *)&a, &alen, 1))
		alen = 0;
	if (ua && (r = addr_out(&a, alen, ua, ulen))) {
		ns->ops->release(ns);
		free(ns);
		goto out;
	}
	r = sock_install(ns, status_of(flags), fdflags_of(flags));
	sock_trace_accept((int)fd, r >= 0 ? ns : NULL, r);
out:
	ts_file_put(f);
	return r;
}

static long sys_accept4(long fd, long ua, long ulen, long flags, long e,
			long g)
{
	(void)e, (void)g;
	return do_accept(fd, (unsigned long)ua, (unsigned long)ulen, flags);
}
TS_SYSCALL(accept4, sys_accept4);

static long sys_accept(long fd, long ua, long ulen, long d, long e, long g)
{
	(void)d, (void)e, (void)g;
	return do_accept(fd, (unsigned long)ua, (unsigned long)ulen, 0);
}
TS_SYSCALL(accept, sys_accept);

static long sys_connect(long fd, long ua, long len, long d, long e, long g)
{
	struct sock_wait_ctx c = { NULL };
	struct sockaddr_storage a;
	struct ts_file *f;
	struct ts_socket *s;
	int err = 0;
	socklen_t elen = sizeof(err);
	long r;

	(void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	if ((r = addr_in(&a, (unsigned long)ua, len)))
		goto out;
	if (!s->ops->connect) {
		r = -EOPNOTSUPP;
		goto out;
	}
	/* Queued before the family starts, so that a connection made at
	 * once (loopback) cannot notify before the wait listens. */
	if (!(f->flags & TS_O_NONBLOCK))
		sock_wait_start(s, &c, TS_POLLOUT, s->sndtimeo_ns);
	sock_wait_arm(&c);
	r = s->ops->connect(s, (struct sockaddr *)&a, (socklen_t)len);
	while (r == -EINPROGRESS && c.w) {
		if (sock_wait_sleep(&c))
			break;	/* timed out: still in progress */
		sock_wait_arm(&c);
		if (!(s->ops->poll(s) & (TS_POLLOUT | TS_POLLERR | TS_POLLHUP)))
			continue;
		r = s->ops->getsockopt ?
			s->ops->getsockopt(s, SOL_SOCKET, SO_ERROR, &err,
					   &elen) : 0;
		r = r ? r : -err;
	}
	sock_wait_end(&c);
out:
	sock_trace_addr(SOCK_TRACE_CONNECT, (int)fd, (struct sockaddr *)&a,
			r == -EFAULT || r == -EINVAL ? 0 : (socklen_t)len, r);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(connect, sys_connect);

/* ---- Messages ------------------------------------------------------- */

/* The program's msghdr at um into m, its pointers checked: the vectors
 * (-EMSGSIZE over UIO_MAXIOV, as sendmsg and recvmsg answer), the name
 * (copied into a for a send; its room checked for a receive) and the
 * control buffer. */
static int msg_in(struct msghdr *m, unsigned long um,
		  struct sockaddr_storage *a, int send, unsigned long *unamep)
{
	unsigned long uname;
	long r;

	if (ts_arch_mem_read_safe(um, m, sizeof(*m)) != sizeof(*m))
		return -EFAULT;
	*unamep = (unsigned long)m->msg_name;
	if (m->msg_iovlen > TS_UIO_MAXIOV)
		return -EMSGSIZE;
	r = ts_syscall_user_iov((unsigned long)m->msg_iov,
				(long)m->msg_iovlen, 1);
	if (r)
		return (int)r;
	uname = (unsigned long)m->msg_name;
	if (uname) {
		if (send) {
			if ((r = addr_in(a, uname, (long)m->msg_namelen)))
				return (int)r;
		} else {
			if ((int)m->msg_namelen < 0)
				return -EINVAL;
			if (ts_syscall_user_ok(uname, m->msg_namelen))
				return -EFAULT;
			m->msg_namelen = m->msg_namelen > sizeof(*a) ?
				sizeof(*a) : m->msg_namelen;
		}
		m->msg_name = a;
	} else {
		m->msg_namelen = 0;
	}
	if (m->msg_controllen &&
	    ts_syscall_user_ok((unsigned long)m->msg_control,
			       m->msg_controllen))
		return -EFAULT;
	return 0;
}

static long do_sendmsg(struct ts_socket *s, struct msghdr *m, long flags)
{
	return sock_sendmsg(s, m, (int)flags);
}

/* A received message's name and lengths back into the program's
 * msghdr at um (the name to uname, which had room). */
static int msg_out(const struct msghdr *m, unsigned long um,
		   unsigned long uname, socklen_t room)
{
	struct msghdr *u = (struct msghdr *)um;
	socklen_t nl = m->msg_namelen;

	if (uname && nl) {
		if (ts_arch_mem_write_safe(uname, m->msg_name,
					   nl < room ? nl : room))
			return -EFAULT;
	}
	if (ts_arch_mem_write_safe((unsigned long)&u->msg_namelen, &nl,
				   sizeof(nl)) ||
	    ts_arch_mem_write_safe((unsigned long)&u->msg_controllen,
				   &m->msg_controllen,
				   sizeof(m->msg_controllen)) ||
	    ts_arch_mem_write_safe((unsigned long)&u->msg_flags, &m->msg_flags,
				   sizeof(m->msg_flags)))
		return -EFAULT;
	return 0;
}

static long one_msg(struct ts_socket *s, unsigned long um, long flags,
		    int send)
{
	struct sockaddr_storage a;
	struct msghdr m;
	unsigned long uname;
	socklen_t room;
	long r;

	if ((r = msg_in(&m, um, &a, send, &uname)))
		return r;
	if (send)
		return do_sendmsg(s, &m, flags);
	room = m.msg_namelen;
	memset(&a, 0, sizeof(a));
	r = sock_recvmsg(s, &m, (int)flags);
	if (r >= 0) {
		if (!uname)
			m.msg_namelen = 0;
		if (msg_out(&m, um, uname, room))
			return -EFAULT;
	}
	return r;
}

static long sys_sendmsg(long fd, long um, long flags, long d, long e,
			long g)
{
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	(void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	r = one_msg(s, (unsigned long)um, flags, 1);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(sendmsg, sys_sendmsg);

static long sys_recvmsg(long fd, long um, long flags, long d, long e,
			long g)
{
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	(void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	r = one_msg(s, (unsigned long)um, flags, 0);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(recvmsg, sys_recvmsg);

static long sys_sendto(long fd, long buf, long len, long flags, long ua,
		       long alen)
{
	struct sockaddr_storage a;
	struct iovec v = { (void *)buf, (size_t)len };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (ts_syscall_user_ok((unsigned long)buf, (size_t)len)) {
		r = -EFAULT;
		goto out;
	}
	if (ua) {
		if ((r = addr_in(&a, (unsigned long)ua, alen)))
			goto out;
		m.msg_name = &a;
		m.msg_namelen = (socklen_t)alen;
	}
	r = do_sendmsg(s, &m, flags);
out:
	ts_file_put(f);
	return r;
}
TS_SYSCALL(sendto, sys_sendto);

static long sys_recvfrom(long fd, long buf, long len, long flags, long ua,
			 long ulen)
{
	struct sockaddr_storage a;
	struct iovec v = { (void *)buf, (size_t)len };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (ts_syscall_user_ok((unsigned long)buf, (size_t)len)) {
		r = -EFAULT;
		goto out;
	}
	if (ua && (r = addr_room((unsigned long)ulen)))
		goto out;
	memset(&a, 0, sizeof(a));
	if (ua) {
		m.msg_name = &a;
		m.msg_namelen = sizeof(a);
	}
	r = sock_recvmsg(s, &m, (int)flags);
	if (r >= 0 && ua && addr_out(&a, m.msg_namelen, (unsigned long)ua,
				     (unsigned long)ulen))
		r = -EFAULT;
out:
	ts_file_put(f);
	return r;
}
TS_SYSCALL(recvfrom, sys_recvfrom);

/* struct mmsghdr: a msghdr and the bytes that message moved. */
struct mmsg {
	struct msghdr hdr;
	unsigned int len;
};

static long many_msgs(long fd, unsigned long uv, long vlen, long flags,
		      unsigned long uts, int send)
{
	struct ts_file *f;
	struct ts_socket *s;
	uint64_t deadline = TS_TIME_NEVER;
	struct timespec ts;
	long r, n = 0;

	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (uts) {
		if (ts_arch_mem_read_safe(uts, &ts, sizeof(ts)) != sizeof(ts)) {
			r = -EFAULT;
			goto out;
		}
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= 1000000000L) {
			r = -EINVAL;
			goto out;
		}
		deadline = ts_time_deadline_in((uint64_t)ts.tv_sec *
					       1000000000ull +
					       (uint64_t)ts.tv_nsec);
	}
	if (vlen > TS_UIO_MAXIOV)
		vlen = TS_UIO_MAXIOV;
	for (; n < vlen; n++) {
		unsigned long um = uv + (unsigned long)n * sizeof(struct mmsg);
		unsigned int len;

		r = one_msg(s, um, flags & ~(long)MSG_WAITFORONE, send);
		if (r < 0)
			break;
		len = (unsigned int)r;
		if (ts_arch_mem_write_safe(um + offsetof(struct mmsg, len),
					   &len, sizeof(len))) {
			r = -EFAULT;
			break;
		}
		/* Linux looks at the timeout after each message only. */
		if (!send && ts_time_now_ns() >= deadline) {
			n++;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
	}
	r = n ? n : r;
out:
	ts_file_put(f);
	return r;
}

static long sys_sendmmsg(long fd, long uv, long vlen, long flags, long e,
			 long g)
{
	(void)e, (void)g;
	return many_msgs(fd, (unsigned long)uv, vlen, flags, 0, 1);
}
TS_SYSCALL(sendmmsg, sys_sendmmsg);

static long sys_recvmmsg(long fd, long uv, long vlen, long flags, long uts,
			 long g)
{
	(void)g;
	return many_msgs(fd, (unsigned long)uv, vlen, flags,
			 (unsigned long)uts, 0);
}
TS_SYSCALL(recvmmsg, sys_recvmmsg);

/* ---- The rest -------------------------------------------------------- */

static long sys_shutdown(long fd, long how, long c, long d, long e, long g)
{
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	(void)c, (void)d, (void)e, (void)g;
	if ((r = get_sock(fd, &f, &s)))
		return r;
	if (how < SHUT_RD || how > SHUT_RDWR)
		r = -EINVAL;
	else
		r = s->ops->shutdown ? s->ops->shutdown(s, (int)how) :
				       -EOPNOTSUPP;
	ts_file_put(f);
	return r;
}
TS_SYSCALL(shutdown, sys_shutdown);

static long getname(long fd, unsigned long ua, unsigned long ulen, int peer)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);
	struct ts_file *f;
	struct ts_socket *s;
	long r;

	if ((r = get_sock(fd, &f, &s)))
		return r;
	if ((r = addr_room(ulen)))
		goto out;
	memset(&a, 0, sizeof(a));
	r = s->ops->getname ? s->ops->getname(s, (struct sockaddr *)&a, &len,
					      peer) :
			      -EOPNOTSUPP;
	if (!r)
		r = addr_out(&a, len, ua, ulen);
out:
	ts_file_put(f);
	return r;
}

static long sys_getsockname(long fd, long ua, long ulen, long d, long e,
			    long g)
{
	(void)d, (void)e, (void)g;
	return getname(fd, (unsigned long)ua, (unsigned long)ulen, 0);
}
TS_SYSCALL(getsockname, sys_getsockname);

static long sys_getpeername(long fd, long ua, long ulen, long d, long e,
			    long g)
{
	(void)d, (void)e, (void)g;
	return getname(fd, (unsigned long)ua, (unsigned long)ulen, 1);
}
TS_SYSCALL(getpeername, sys_getpeername);
