/* Debian's build of lua5.4 generates this header (debian/rules) for its
 * patch 0002-lua-modules-paths, which makes luaconf.h include it: it names
 * the multiarch folder where C modules are searched
 * (/usr/lib/<multiarch>/lua/5.4/). Tessera loads no C modules (no
 * dlopen), so the path only has to be well formed. */
#ifndef LUA_DEB_MULTIARCH_H
#define LUA_DEB_MULTIARCH_H

#ifdef __x86_64__
#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"
#else
#define DEB_HOST_MULTIARCH "aarch64-linux-gnu"
#endif

#endif
