/* ngx_auto_config.h's part that depends on the architecture, for arm64
 * (ports/nginx; the Makefile.uk puts arch/$(CONFIG_ARCH_NAME) on the
 * include path): configure's auto/os/conf gives aarch64 nginx's 16-byte
 * alignment and 64-byte cache lines. */
#ifndef TS_NGX_ARCH_CONFIG_H
#define TS_NGX_ARCH_CONFIG_H

#define NGX_ALIGNMENT			16
#define NGX_CPU_CACHE_LINE		64

#endif
