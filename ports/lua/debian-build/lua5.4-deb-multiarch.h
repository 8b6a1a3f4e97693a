/* Debian's build of lua5.4 generates this header (debian/rules) for its
 * patch 0002-lua-modules-paths, which makes luaconf.h include it: it names
 * the multiarch folder in the search path of C modules
 * (/usr/lib/<multiarch>/lua/5.4/?.so). Tessera loads no C modules (no
 * dlopen), so the name only has to make a well-formed path. */
#ifndef LUA_DEB_MULTIARCH_H
#define LUA_DEB_MULTIARCH_H

#define DEB_HOST_MULTIARCH "tessera"

#endif
