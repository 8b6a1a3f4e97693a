/* What nginx's configure writes as objs/ngx_auto_headers.h, written by
 * hand for Tessera (ports/nginx): configure compiles and runs test
 * programs on the build machine, which says nothing about an image on
 * another architecture with musl and Tessera's system calls, so the port
 * never runs it. These are the headers musl 1.2.3 has that nginx's
 * Linux configuration (auto/headers, auto/os/linux) looks for; all of
 * them are in musl's include/. */
#ifndef TS_NGX_AUTO_HEADERS_H
#define TS_NGX_AUTO_HEADERS_H

#define NGX_HAVE_UNISTD_H	1
#define NGX_HAVE_INTTYPES_H	1
#define NGX_HAVE_LIMITS_H	1
#define NGX_HAVE_SYS_PARAM_H	1
#define NGX_HAVE_SYS_MOUNT_H	1
#define NGX_HAVE_SYS_STATVFS_H	1
#define NGX_HAVE_CRYPT_H	1
#define NGX_LINUX		1
#define NGX_HAVE_SYS_PRCTL_H	1
#define NGX_HAVE_SYS_VFS_H	1

#endif
