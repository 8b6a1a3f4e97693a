/* What nginx's configure writes as objs/ngx_auto_config.h, written by
 * hand for Tessera (ports/nginx). configure detects features by compiling
 * and running test programs on the build machine: that answers for the
 * host's glibc and kernel, not for an image built for x86_64 or arm64
 * with musl 1.2.3 on Tessera's system calls, so the port never runs it.
 *
 * Each value below is what configure finds on Linux with musl (as on
 * Alpine, nginx's usual musl build), except where a comment says this
 * port turns a feature off: then the feature needs a system call or a
 * socket option Tessera does not offer, or serves only several worker
 * processes, which an image never has (master_process off, one process).
 * The module list that goes with it is ngx_modules.c, beside this file.
 * To compare with a host build: ./configure with the same --without
 * options, then diff objs/ngx_auto_config.h. */
#ifndef TS_NGX_AUTO_CONFIG_H
#define TS_NGX_AUTO_CONFIG_H

#define NGX_CONFIGURE " (none: ports/nginx/configured/ngx_auto_config.h, written for Tessera)"
#define NGX_COMPILER "gcc " __VERSION__

/* The compiler (gcc 12 on both architectures). */
#define NGX_HAVE_GCC_ATOMIC		1
#define NGX_HAVE_C99_VARIADIC_MACROS	1
#define NGX_HAVE_GCC_VARIADIC_MACROS	1
#define NGX_HAVE_GCC_BSWAP64		1

/* The architecture (auto/os/conf): x86_64 loads unaligned words, arm64
 * gets nginx's 16-byte alignment; both have 64-byte cache lines, 64-bit
 * pointers, time_t and off_t, and are little-endian. */
#if defined(__x86_64__)
#define NGX_HAVE_NONALIGNED		1
#elif defined(__aarch64__)
#define NGX_ALIGNMENT			16
#else
#error "ports/nginx: ngx_auto_config.h knows x86_64 and aarch64 only"
#endif
#define NGX_CPU_CACHE_LINE		64
#define NGX_PTR_SIZE			8
#define NGX_SIG_ATOMIC_T_SIZE		4
#define NGX_HAVE_LITTLE_ENDIAN		1
#define NGX_MAX_SIZE_T_VALUE		9223372036854775807LL
#define NGX_SIZE_T_LEN			(sizeof("-9223372036854775808") - 1)
#define NGX_MAX_OFF_T_VALUE		9223372036854775807LL
#define NGX_OFF_T_LEN			(sizeof("-9223372036854775808") - 1)
#define NGX_TIME_T_SIZE			8
#define NGX_TIME_T_LEN			(sizeof("-9223372036854775808") - 1)
#define NGX_MAX_TIME_T_VALUE		9223372036854775807LL
#define NGX_KQUEUE_UDATA_T		(void *)

/* Events: epoll, edge-triggered (lib/events has EPOLLET and EPOLLRDHUP),
 * and eventfd (lib/events), which the epoll module opens for its
 * notifications. Not EPOLLEXCLUSIVE: it serves several workers sharing
 * a listening socket. */
#define NGX_HAVE_EPOLL			1
#define NGX_HAVE_CLEAR_EVENT		1
#define NGX_HAVE_EPOLLRDHUP		1
#define NGX_HAVE_EVENTFD		1
#define NGX_HAVE_SYS_EVENTFD_H		1

/* Files. Not sendfile: Tessera has no sendfile system call, and without
 * it nginx reads a file into its buffers and writes them with writev
 * (the same path as `sendfile off`, nginx's default). Not O_DIRECT,
 * posix_fadvise, statfs or O_PATH: directio, read-ahead hints and
 * disable_symlinks, none of which serves files from memory any faster. */
#define NGX_HAVE_PREAD			1
#define NGX_HAVE_PWRITE			1
#define NGX_HAVE_PWRITEV		1
#define NGX_HAVE_OPENAT			1
#define NGX_HAVE_D_TYPE			1

/* The C library (musl). musl has neither strerrordesc_np() nor sys_nerr,
 * so configure would leave NGX_SYS_NERR out and nginx would then copy
 * strerror() of 0..999 at start, "No error information" 866 times: the
 * number of Linux's error codes on both architectures (EHWPOISON is 133)
 * keeps that memory. */
#define NGX_SYS_NERR			134
#define NGX_HAVE_LOCALTIME_R		1
#define NGX_HAVE_CLOCK_MONOTONIC	1
#define NGX_HAVE_POSIX_MEMALIGN		1
#define NGX_HAVE_MEMALIGN		1
#define NGX_HAVE_GMTOFF			1
#define NGX_HAVE_SC_NPROCESSORS_ONLN	1
#define NGX_HAVE_GETADDRINFO		1
#define NGX_HAVE_SCHED_YIELD		1

/* Memory shared between processes: anonymous MAP_SHARED mappings, which
 * lib/syscall's mmap gives (nginx maps one for its event statistics even
 * in one process). Not System V shared memory or POSIX semaphores (only
 * the workers' accept mutex uses them), nor dlopen (load_module). */
#define NGX_HAVE_MAP_ANON		1

/* Process control: prctl(PR_SET_DUMPABLE) is in musl's headers, as
 * configure finds it; only a worker process calls it, and an image runs
 * none. Not the capability calls (CAP_NET_RAW for transparent proxying)
 * nor sched_setaffinity (worker_cpu_affinity). */
#define NGX_HAVE_PR_SET_DUMPABLE	1

/* Sockets: the calls every server makes (accept4, msghdr for the
 * channel between processes), IPv4, IPv6 and Unix-domain addresses.
 * Not ioctl(FIONBIO) or FIONREAD: non-blocking mode is set with fcntl
 * (O_NONBLOCK), which every Tessera file takes. Not the Linux-only
 * socket options lwIP does not implement: SO_REUSEPORT, IP_TRANSPARENT,
 * IP_BIND_ADDRESS_NO_PORT, IP_PKTINFO, IPV6_RECVPKTINFO, TCP_DEFER_ACCEPT,
 * TCP_KEEPIDLE & co. (so_keepalive=), TCP_FASTOPEN, TCP_INFO. */
#define NGX_HAVE_ACCEPT4		1
#define NGX_HAVE_MSGHDR_MSG_CONTROL	1
#define NGX_HAVE_INET6			1
#define NGX_HAVE_UNIX_DOMAIN		1

/* Paths inside the image (the initrd: apps/nginx/rootfs). The error log
 * before nginx reads its configuration is the console (configure's
 * --error-log-path=stderr gives ""). */
#define NGX_PREFIX			"/"
#define NGX_CONF_PREFIX			"/etc/nginx/"
#define NGX_SBIN_PATH			"/nginx"
#define NGX_CONF_PATH			"/etc/nginx/nginx.conf"
#define NGX_PID_PATH			"/nginx.pid"
#define NGX_LOCK_PATH			"/nginx.lock"
#define NGX_ERROR_LOG_PATH		""
#define NGX_HTTP_LOG_PATH		"/dev/stderr"
#define NGX_HTTP_CLIENT_TEMP_PATH	"/tmp/client_body_temp"
#define NGX_HTTP_PROXY_TEMP_PATH	"/tmp/proxy_temp"
#define NGX_HTTP_FASTCGI_TEMP_PATH	"/tmp/fastcgi_temp"
#define NGX_HTTP_UWSGI_TEMP_PATH	"/tmp/uwsgi_temp"
#define NGX_HTTP_SCGI_TEMP_PATH		"/tmp/scgi_temp"

#define NGX_SUPPRESS_WARN		1
#define NGX_SMP				1
#define NGX_USER			"nobody"
#define NGX_GROUP			"nogroup"

#endif
