/* What redis's src/mkreleasehdr.sh writes at build time from git and the
 * host's name and clock (INFO's redis_git_sha1, redis_git_dirty,
 * redis_build_id): fixed here, so that every build makes the same
 * objects (there is no git tree in a Debian source package either). */
#define REDIS_GIT_SHA1 "00000000"
#define REDIS_GIT_DIRTY "0"
#define REDIS_BUILD_ID "tessera"
