/*
 * objmemo: compile an object once for every build folder that would make
 * the same bytes, keeping it in a folder by a hash of what makes it.
 *
 * usage: objmemo MEMO_DIR O -- CC ARGS... -c -o OBJ SRC
 *
 * make test builds about two hundred images, most of the tree's objects
 * the same in many of them (doc/build.md, "Objects shared between build
 * folders"); with TS_OBJ_MEMO=folder the build runs each compile through
 * this. The key is a hash of the compiler (its path, size and time), every
 * argument that is not only the preprocessor's (-I, -D, -include... act
 * through the preprocessed text), and the preprocessed text itself with
 * its line markers, which name the headers (not the working folder: see
 * below). The
 * build folder's path O is replaced by a placeholder in the arguments and
 * in the line markers alone: -ffile-prefix-map=O=build already makes the
 * object the same in every build folder. The preprocessing run writes the
 * dependency file the compile would (-MMD -MP -MF, target OBJ). On a hit
 * the object is copied and the compile's messages shown again; on a miss
 * the command runs as given and its object is kept if it succeeded. Any
 * other command (assembly without preprocessing, no -o) just runs.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct buf {
	char *p;
	size_t n, cap;
};

static void die(const char *what)
{
	fprintf(stderr, "objmemo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 4096;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("realloc");
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* Two 64-bit FNV-1a hashes with different starts: a 128-bit key. */
struct hash {
	uint64_t a, b;
};

static void hash_add(struct hash *h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		h->a = (h->a ^ c[i]) * 0x100000001b3ULL;
		h->b = (h->b ^ c[i]) * 0x100000001b3ULL;
		h->b ^= h->b >> 29;
	}
}

/* s with every occurrence of o replaced by "@O@", hashed, then a NUL. */
static void hash_norm(struct hash *h, const char *s, size_t n, const char *o)
{
	size_t ol = strlen(o);
	const char *end = s + n;

	while (s < end) {
		const char *m = ol ? memmem(s, end - s, o, ol) : NULL;

		if (!m) {
			hash_add(h, s, end - s);
			break;
		}
		hash_add(h, s, m - s);
		hash_add(h, "@O@", 3);
		s = m + ol;
	}
	hash_add(h, "", 1);
}

/* Run argv with stdout (out_fd, or inherited when -1) and stderr into
 * err (or to /dev/null when NULL); return its exit status. */
static int run(char **argv, struct buf *out, struct buf *err)
{
	int po[2], pe[2], status;
	pid_t pid;

	if ((out && pipe(po)) || pipe(pe))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (out)
			dup2(po[1], 1);
		dup2(pe[1], 2);
		execvp(argv[0], argv);
		fprintf(stderr, "objmemo: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (out)
		close(po[1]);
	close(pe[1]);
	/* Both pipes read until both close; stdout is the large one. */
	for (int open_o = !!out, open_e = 1; open_o || open_e;) {
		char chunk[65536];
		fd_set rd;
		int maxfd = 0;
		ssize_t n;

		FD_ZERO(&rd);
		if (open_o) {
			FD_SET(po[0], &rd);
			maxfd = po[0];
		}
		if (open_e) {
			FD_SET(pe[0], &rd);
			if (pe[0] > maxfd)
				maxfd = pe[0];
		}
		if (select(maxfd + 1, &rd, NULL, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			die("select");
		}
		if (open_o && FD_ISSET(po[0], &rd)) {
			n = read(po[0], chunk, sizeof(chunk));
			if (n > 0)
				buf_add(out, chunk, n);
			else
				open_o = 0;
		}
		if (open_e && FD_ISSET(pe[0], &rd)) {
			n = read(pe[0], chunk, sizeof(chunk));
			if (n > 0) {
				if (err)
					buf_add(err, chunk, n);
			} else {
				open_e = 0;
			}
		}
	}
	if (out)
		close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int read_file(const char *path, struct buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(b, chunk, n);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Write the bytes to path through a temporary file beside it and a
 * rename: a reader sees the whole file or none. */
static int write_file(const char *path, const struct buf *b)
{
	char tmp[4096];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (b->n && write(fd, b->p, b->n) != (ssize_t)b->n) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static void hash_compiler(struct hash *h, const char *cc)
{
	char path[4096];
	const char *dirs = getenv("PATH");
	struct stat st;

	if (strchr(cc, '/')) {
		snprintf(path, sizeof(path), "%s", cc);
	} else {
		path[0] = '\0';
		while (dirs && *dirs) {
			size_t len = strcspn(dirs, ":");

			snprintf(path, sizeof(path), "%.*s/%s", (int)len, dirs, cc);
			if (!access(path, X_OK))
				break;
			path[0] = '\0';
			dirs += len + (dirs[len] == ':');
		}
	}
	hash_add(h, path, strlen(path) + 1);
	if (path[0] && !stat(path, &st)) {
		hash_add(h, &st.st_size, sizeof(st.st_size));
		hash_add(h, &st.st_mtim, sizeof(st.st_mtim));
	}
}

/* Arguments that act through the preprocessor only, and whether the
 * next argument is theirs. */
static int preprocessor_only(const char *a, int *takes_next)
{
	static const char *const with_value[] = {
		"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
		"-idirafter",
	};

	*takes_next = 0;
	for (size_t i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++) {
		size_t l = strlen(with_value[i]);

		if (!strncmp(a, with_value[i], l)) {
			*takes_next = a[l] == '\0';
			return 1;
		}
	}
	return !strncmp(a, "-fmacro-prefix-map=", 19);
}

static int ends_with(const char *s, const char *end)
{
	size_t a = strlen(s), b = strlen(end);

	return a >= b && !strcmp(s + a - b, end);
}

int main(int argc, char **argv)
{
	const char *memo, *o, *obj = NULL, *dep = NULL, *src;
	char **cmd, **pp, path[4096], err_path[4200];
	struct buf text = {0}, msgs = {0}, cached = {0};
	struct hash h = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
	int n, k = 0, skip, rc;

	if (argc < 5 || strcmp(argv[3], "--")) {
		fprintf(stderr, "usage: objmemo MEMO_DIR O -- CC ARGS...\n");
		return 2;
	}
	memo = argv[1];
	o = argv[2];
	cmd = argv + 4;
	n = argc - 4;
	src = cmd[n - 1];
	for (int i = 1; i < n - 1; i++) {
		if (!strcmp(cmd[i], "-o"))
			obj = cmd[i + 1];
		else if (!strcmp(cmd[i], "-MF"))
			dep = cmd[i + 1];
	}
	if (!obj || !dep || !(ends_with(src, ".c") || ends_with(src, ".S"))) {
		execvp(cmd[0], cmd);
		die(cmd[0]);
	}

	/* The preprocessing: the command without -c -o OBJ -MMD -MP -MF DEP,
	 * with -E, writing the dependency file for OBJ. */
	pp = calloc(n + 10, sizeof(*pp));
	if (!pp)
		die("calloc");
	hash_add(&h, "objmemo 1", 10);
	hash_compiler(&h, cmd[0]);
	for (int i = 0; i < n; i++) {
		const char *a = cmd[i];

		if (!strcmp(a, "-o") || !strcmp(a, "-MF")) {
			i++;
			continue;
		}
		if (!strcmp(a, "-c") || !strcmp(a, "-MMD") || !strcmp(a, "-MP"))
			continue;
		pp[k++] = cmd[i];
		if (preprocessor_only(a, &skip)) {
			if (skip && i + 1 < n)
				pp[k++] = cmd[++i];
			continue;
		}
		hash_norm(&h, a, strlen(a), o);
	}
	pp[k - 1] = "-E";	/* the source goes last again */
	pp[k++] = "-MMD";
	pp[k++] = "-MP";
	pp[k++] = "-MF";
	pp[k++] = (char *)dep;
	pp[k++] = "-MT";
	pp[k++] = (char *)obj;
	pp[k++] = (char *)src;
	pp[k] = NULL;
	if (run(pp, &text, NULL)) {
		/* The compile says why, with explain-compile-error after it. */
		execvp(cmd[0], cmd);
		die(cmd[0]);
	}
	/* Line markers ("# 12 \"path\" 1") with O replaced; the rest as is. */
	for (size_t at = 0; at < text.n;) {
		char *nl = memchr(text.p + at, '\n', text.n - at);
		size_t len = (nl ? (size_t)(nl - text.p) + 1 : text.n) - at;

		if (len > 2 && text.p[at] == '#' && text.p[at + 1] == ' ' &&
		    isdigit((unsigned char)text.p[at + 2])) {
			/* gcc's working-folder marker ('# 1 "/dir//"'): the
			 * folder make runs in, the app's. Left out, so that
			 * apps share the tree's objects; it only sets the
			 * object's DW_AT_comp_dir, which names no file here
			 * (the build gives sources and -I folders as absolute
			 * paths). */
			if (len > 4 && !memcmp(text.p + at + len - 4, "//\"\n", 4)) {
				at += len;
				continue;
			}
			hash_norm(&h, text.p + at, len, o);
		}
		else
			hash_add(&h, text.p + at, len);
		at += len;
	}

	snprintf(path, sizeof(path), "%s/%02x", memo, (unsigned)(h.a >> 56));
	if (mkdir(memo, 0755) && errno != EEXIST)
		die(memo);
	if (mkdir(path, 0755) && errno != EEXIST)
		die(path);
	snprintf(path, sizeof(path), "%s/%02x/%016llx%016llx.o", memo, (unsigned)(h.a >> 56),
		 (unsigned long long)h.a, (unsigned long long)h.b);
	snprintf(err_path, sizeof(err_path), "%s.err", path);
	if (!read_file(path, &cached)) {
		struct buf m = {0};

		if (write_file(obj, &cached))
			die(obj);
		if (!read_file(err_path, &m) && m.n)
			fwrite(m.p, 1, m.n, stderr);
		return 0;
	}

	rc = run(cmd, NULL, &msgs);
	if (msgs.n)
		fwrite(msgs.p, 1, msgs.n, stderr);
	if (rc == 0 && !read_file(obj, &cached)) {
		/* The messages first: an object without its .err is whole. */
		if (msgs.n)
			write_file(err_path, &msgs);
		else
			unlink(err_path);
		write_file(path, &cached);
	}
	return rc;
}
