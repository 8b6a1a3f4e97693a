/* ngx_auto_config.h's part that depends on the architecture, for x86_64
 * (ports/nginx; the Makefile.uk puts arch/$(CONFIG_ARCH_NAME) on the
 * include path): configure's auto/os/conf says x86_64 loads unaligned
 * words and has 64-byte cache lines. */
#ifndef TS_NGX_ARCH_CONFIG_H
#define TS_NGX_ARCH_CONFIG_H

#define NGX_HAVE_NONALIGNED		1
#define NGX_CPU_CACHE_LINE		64

#endif
