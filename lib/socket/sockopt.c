/* getsockopt and setsockopt. The family sees every option first (lwIP
 * sets SO_REUSEADDR and SO_KEEPALIVE on its PCBs, TCP_NODELAY...);
 * SOL_SOCKET options it does not take (-ENOPROTOOPT) are answered here
 * with Linux's values, and the ones kept here (the flags, buffer sizes,
 * timeouts) are recorded even when the family took them too, so that
 * getsockopt reports what was set whichever family it is. */
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include "internal.h"

/* Linux's sysctl defaults: net.core.wmem_max, rmem_max (setsockopt
 * doubles what it is given, up to twice these) and the least a buffer
 * may be (SOCK_MIN_SNDBUF, SOCK_MIN_RCVBUF). */
#define WMEM_MAX 212992
#define RMEM_MAX 212992
#define MIN_SNDBUF 4608
#define MIN_RCVBUF 2304
/* SO_RCVTIMEO_NEW, SO_SNDTIMEO_NEW: the same struct on 64-bit ABIs. */
#define SO_RCVTIMEO_NEW_ 66
#define SO_SNDTIMEO_NEW_ 67

static unsigned int flag_of(int name)
{
	switch (name) {
	case SO_REUSEADDR:
		return TS_SOCK_REUSEADDR;
	case SO_REUSEPORT:
		return TS_SOCK_REUSEPORT;
	case SO_KEEPALIVE:
		return TS_SOCK_KEEPALIVE;
	case SO_BROADCAST:
		return TS_SOCK_BROADCAST;
	case SO_OOBINLINE:
		return TS_SOCK_OOBINLINE;
	default:
		return 0;
	}
}

static uint64_t timeval_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ull +
	       (uint64_t)tv->tv_usec * 1000ull;
}

int sock_getsockopt_generic(struct ts_socket *s, int name, void *val,
			    socklen_t *len)
{
	struct timeval tv;
	struct linger lg;
	struct { int32_t pid; uint32_t uid, gid; } cred;	/* struct ucred */
	const void *src = NULL;
	size_t size = sizeof(int);
	int v;

	switch (name) {
	case SO_TYPE:
		v = s->type;
		break;
	case SO_DOMAIN:
		v = s->family;
		break;
	case SO_PROTOCOL:
		v = s->protocol;
		break;
	case SO_ERROR:
		v = 0;
		break;
	case SO_ACCEPTCONN:
		v = !!(s->opts & TS_SOCK_LISTENING);
		break;
	case SO_SNDBUF:
		v = s->sndbuf;
		break;
	case SO_RCVBUF:
		v = s->rcvbuf;
		break;
	case SO_RCVLOWAT:
	case SO_SNDLOWAT:
		v = 1;
		break;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
	case SO_RCVTIMEO_NEW_:
	case SO_SNDTIMEO_NEW_: {
		uint64_t ns = name == SO_RCVTIMEO || name == SO_RCVTIMEO_NEW_ ?
				      s->rcvtimeo_ns : s->sndtimeo_ns;

		tv.tv_sec = (time_t)(ns / 1000000000ull);
		tv.tv_usec = (suseconds_t)(ns % 1000000000ull / 1000);
		src = &tv;
		size = sizeof(tv);
		break;
	}
	case SO_LINGER:
		lg.l_onoff = s->linger_on;
		lg.l_linger = s->linger_s;
		src = &lg;
		size = sizeof(lg);
		break;
	case SO_PEERCRED:
		/* One process, root: the peer is this image. */
		cred.pid = 1;
		cred.uid = 0;
		cred.gid = 0;
		src = &cred;
		size = sizeof(cred);
		break;
	default:
		if (!flag_of(name))
			return -ENOPROTOOPT;
		v = !!(s->opts & flag_of(name));
	}
	if (!src)
		src = &v;
	if (*len > size)
		*len = (socklen_t)size;
	memcpy(val, src, *len);
	return 0;
}

int sock_setsockopt_generic(struct ts_socket *s, int name, const void *val,
			    socklen_t len)
{
	struct timeval tv;
	struct linger lg;
	int v = 0;

	switch (name) {
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
	case SO_RCVTIMEO_NEW_:
	case SO_SNDTIMEO_NEW_:
		if (len < sizeof(tv))
			return -EINVAL;
		memcpy(&tv, val, sizeof(tv));
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EDOM;
		/* A negative time is no timeout, as Linux takes it. */
		if (name == SO_RCVTIMEO || name == SO_RCVTIMEO_NEW_)
			s->rcvtimeo_ns = tv.tv_sec < 0 ? 0 : timeval_ns(&tv);
		else
			s->sndtimeo_ns = tv.tv_sec < 0 ? 0 : timeval_ns(&tv);
		return 0;
	case SO_LINGER:
		if (len < sizeof(lg))
			return -EINVAL;
		memcpy(&lg, val, sizeof(lg));
		s->linger_on = !!lg.l_onoff;
		s->linger_s = lg.l_linger;
		return 0;
	}
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	switch (name) {
	case SO_SNDBUF:
		v = v > WMEM_MAX ? WMEM_MAX : v < 0 ? 0 : v;
		s->sndbuf = 2 * v < MIN_SNDBUF ? MIN_SNDBUF : 2 * v;
		return 0;
	case SO_RCVBUF:
		v = v > RMEM_MAX ? RMEM_MAX : v < 0 ? 0 : v;
		s->rcvbuf = 2 * v < MIN_RCVBUF ? MIN_RCVBUF : 2 * v;
		return 0;
	case SO_RCVLOWAT:
	case SO_SNDLOWAT:
	case SO_PRIORITY:
	case SO_DONTROUTE:
	case SO_NO_CHECK:
		return 0;	/* accepted; every byte wakes a reader */
	case SO_TYPE:
	case SO_DOMAIN:
	case SO_PROTOCOL:
	case SO_ERROR:
	case SO_ACCEPTCONN:
	case SO_PEERCRED:
		return -ENOPROTOOPT;	/* read-only, as Linux */
	}
	if (!flag_of(name))
		return -ENOPROTOOPT;
	/* Linux: port reuse is for IP sockets only. */
	if (name == SO_REUSEPORT && v && s->family != AF_INET &&
	    s->family != AF_INET6)
		return -EOPNOTSUPP;
	if (v)
		s->opts |= flag_of(name);
	else
		s->opts &= ~flag_of(name);
	return 0;
}

static long sys_setsockopt(long fd, long level, long name, long uval,
			   long len, long g)
{
	unsigned char val[64];
	struct ts_file *f = ts_fd_get((int)fd);
	struct ts_socket *s = ts_socket_of(f);
	long r;

	(void)g;
	if (!f)
		return -EBADF;
	if (!s) {
		r = -ENOTSOCK;
		goto out;
	}
	if ((int)len < 0) {
		r = -EINVAL;
		goto out;
	}
	/* Every option Linux has fits; longer values (filters) are not
	 * taken here. */
	if ((size_t)len > sizeof(val))
		len = sizeof(val);
	if (len && ts_arch_mem_read_safe((unsigned long)uval, val,
					 (size_t)len) != len) {
		r = -EFAULT;
		goto out;
	}
	r = s->ops->setsockopt ? s->ops->setsockopt(s, (int)level, (int)name,
						     val, (socklen_t)len) :
				 -ENOPROTOOPT;
	if (level == SOL_SOCKET && (r == 0 || r == -ENOPROTOOPT)) {
		long g2 = sock_setsockopt_generic(s, (int)name, val,
						  (socklen_t)len);

		r = r == 0 && g2 == -ENOPROTOOPT ? 0 : g2;
	}
out:
	ts_file_put(f);
	return r;
}
TS_SYSCALL(setsockopt, sys_setsockopt);

static long sys_getsockopt(long fd, long level, long name, long uval,
			   long ulen, long g)
{
	unsigned char val[64];
	struct ts_file *f = ts_fd_get((int)fd);
	struct ts_socket *s = ts_socket_of(f);
	socklen_t len;
	int room;
	long r;

	(void)g;
	if (!f)
		return -EBADF;
	if (!s) {
		r = -ENOTSOCK;
		goto out;
	}
	if (ts_arch_mem_read_safe((unsigned long)ulen, &room, sizeof(room)) !=
	    sizeof(room)) {
		r = -EFAULT;
		goto out;
	}
	if (room < 0) {
		r = -EINVAL;
		goto out;
	}
	len = (size_t)room > sizeof(val) ? sizeof(val) : (socklen_t)room;
	memset(val, 0, sizeof(val));
	r = -ENOPROTOOPT;
	/* SO_ERROR is the family's (a connection's outcome); the other
	 * SOL_SOCKET options this layer keeps are answered here first. */
	if (level == SOL_SOCKET && name != SO_ERROR)
		r = sock_getsockopt_generic(s, (int)name, val, &len);
	if (r == -ENOPROTOOPT && s->ops->getsockopt) {
		len = (size_t)room > sizeof(val) ? sizeof(val) : (socklen_t)room;
		r = s->ops->getsockopt(s, (int)level, (int)name, val, &len);
	}
	if (r == -ENOPROTOOPT && level == SOL_SOCKET && name == SO_ERROR)
		r = sock_getsockopt_generic(s, (int)name, val, &len);
	if (r)
		goto out;
	if ((len && ts_arch_mem_write_safe((unsigned long)uval, val, len)) ||
	    ts_arch_mem_write_safe((unsigned long)ulen, &len, sizeof(len)))
		r = -EFAULT;
out:
	if (f)
		ts_file_put(f);
	return r;
}
TS_SYSCALL(getsockopt, sys_getsockopt);
