/*
 * fixdep: turn a compiler dependency file into one that depends on single
 * configuration symbols instead of on the whole config.h.
 *
 * Every object is compiled with -include config.h, so a plain dependency
 * file makes every object depend on config.h and any change of .config
 * rebuilds everything. Instead this reads each file the object depends on,
 * collects the CONFIG_* names it mentions, and writes a make fragment that
 * depends on one stamp file per symbol ($(TS_INCLUDE)/config/NAME, which
 * tskconfig.py rewrites only when that symbol's value changes).
 *
 * usage: fixdep DEPFILE TARGET STAMPDIR > TARGET.cmd-deps
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct strset {
	char **v;
	size_t n, cap;
};

static int strset_add(struct strset *s, const char *p, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && !memcmp(s->v[i], p, len))
			return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v) {
			perror("fixdep");
			exit(1);
		}
	}
	s->v[s->n] = strndup(p, len);
	if (!s->v[s->n]) {
		perror("fixdep");
		exit(1);
	}
	s->n++;
	return 1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 16384;
			buf = realloc(buf, cap);
			if (!buf) {
				perror("fixdep");
				exit(1);
			}
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

static void scan_configs(const char *path, struct strset *syms)
{
	size_t len;
	char *buf = slurp(path, &len);

	if (!buf)
		return; /* a vanished header: make's empty rule handles it */
	for (char *p = buf; (p = strstr(p, "CONFIG_")) != NULL;) {
		if (p > buf && is_ident((unsigned char)p[-1])) {
			p += 7;
			continue;
		}
		char *q = p + 7;
		while (is_ident((unsigned char)*q))
			q++;
		if (q > p + 7)
			strset_add(syms, p + 7, (size_t)(q - p - 7));
		p = q;
	}
	free(buf);
}

static int is_config_h(const char *dep)
{
	static const char suffix[] = "/ts/config.h";
	size_t n = strlen(dep), m = sizeof(suffix) - 1;

	return n >= m && !strcmp(dep + n - m, suffix);
}

int main(int argc, char **argv)
{
	struct strset deps = { 0 }, syms = { 0 };
	size_t len;
	char *buf, *p;

	if (argc != 4) {
		fprintf(stderr, "usage: fixdep DEPFILE TARGET STAMPDIR\n");
		return 2;
	}
	buf = slurp(argv[1], &len);
	if (!buf) {
		fprintf(stderr, "fixdep: cannot read %s\n", argv[1]);
		return 1;
	}
	/* gcc -MMD: "target: dep dep \\\n dep". Skip the first "target:"
	 * word, keep the rest; -MP's phony "dep:" lines repeat names only. */
	p = strchr(buf, ':');
	if (!p) {
		fprintf(stderr, "fixdep: %s: no rule in dependency file\n",
			argv[1]);
		return 1;
	}
	for (p++; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' ||
		       (*p == '\\' && p[1] == '\n'))
			p += (*p == '\\') ? 2 : 1;
		if (!*p)
			break;
		char *w = p;
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n') &&
		       !(*p == '\\' && p[1] == '\n'))
			p++;
		size_t wl = (size_t)(p - w);
		if (wl && w[wl - 1] == ':') /* a -MP phony target */
			continue;
		strset_add(&deps, w, wl);
	}

	printf("deps_%s := \\\n", argv[2]);
	for (size_t i = 0; i < deps.n; i++) {
		if (is_config_h(deps.v[i]))
			continue;
		printf("  %s \\\n", deps.v[i]);
		scan_configs(deps.v[i], &syms);
	}
	for (size_t i = 0; i < syms.n; i++)
		printf("  $(wildcard %s/%s) \\\n", argv[3], syms.v[i]);
	printf("\n%s: $(deps_%s)\n$(deps_%s):\n", argv[2], argv[2], argv[2]);
	free(buf);
	return 0;
}
