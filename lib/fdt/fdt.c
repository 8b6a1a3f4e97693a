/* Flattened device tree reader. ts_fdt_open() checks everything once;
 * the walkers after it still stop at the end of the structure block, so
 * that even a blob changed after the check cannot make them run off. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/fdt.h>

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

/* Header fields, as byte offsets. */
#define H_MAGIC		0
#define H_TOTALSIZE	4
#define H_OFF_STRUCT	8
#define H_OFF_STRINGS	12
#define H_OFF_RSVMAP	16
#define H_VERSION	20
#define H_LAST_COMP	24
#define H_SIZE_STRINGS	32
#define H_SIZE_STRUCT	36

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

uint32_t ts_fdt_cell(const void *value, int len, int i)
{
	if (!value || i < 0 || len < 0 || (i + 1) * 4 > len)
		return 0;
	return be32((const uint8_t *)value + 4 * i);
}

static uint64_t cells(const uint8_t *p, int n)
{
	return n == 2 ? be64(p) : n == 1 ? be32(p) : 0;
}

static uint32_t align4(uint32_t n)
{
	return (n + 3) & ~3U;
}

/* The token at struct-block offset off and the offset of the token after
 * it. Anything that does not fit in the block reads as FDT_END. */
static uint32_t token(const struct ts_fdt *f, uint32_t off, uint32_t *next)
{
	const uint8_t *s = f->blob + f->struct_off;
	uint32_t tok, n, len;

	if (off > f->struct_size || f->struct_size - off < 4)
		return FDT_END;
	tok = be32(s + off);
	off += 4;
	switch (tok) {
	case FDT_BEGIN_NODE:
		/* The name is padded to 4 bytes: look for its NUL a word at
		 * a time (every walk passes every name). */
		for (n = off; f->struct_size - n >= 4; n += 4) {
			uint32_t w = be32(s + n);

			if ((w - 0x01010101U) & ~w & 0x80808080U)
				break;
		}
		for (; n < f->struct_size && s[n]; n++)
			;
		if (n >= f->struct_size)
			return FDT_END;
		*next = align4(n + 1);
		return tok;
	case FDT_PROP:
		if (f->struct_size - off < 8)
			return FDT_END;
		len = be32(s + off);
		if (len > f->struct_size - off - 8)
			return FDT_END;
		*next = align4(off + 8 + len);
		return tok;
	case FDT_END_NODE:
	case FDT_NOP:
		*next = off;
		return tok;
	default:
		return FDT_END;
	}
}

static const char *string_at(const struct ts_fdt *f, uint32_t nameoff)
{
	return (const char *)f->blob + f->strings_off + nameoff;
}

/* Walk every token once: sizes, names, nesting. */
static int check_structure(struct ts_fdt *f, const char **why)
{
	const uint8_t *s = f->blob + f->struct_off;
	uint32_t off = 0, next = 0, tok;
	int depth = 0, roots = 0;

	f->root = -1;
	for (;;) {
		if (off > f->struct_size || f->struct_size - off < 4) {
			*why = "structure block ends without an FDT_END token";
			return -1;
		}
		tok = token(f, off, &next);
		switch (tok) {
		case FDT_BEGIN_NODE:
			if (depth == 0) {
				if (roots++) {
					*why = "more than one root node";
					return -1;
				}
				f->root = (int)off;
			}
			if (++depth > TS_FDT_MAX_DEPTH) {
				*why = "nodes nested too deeply";
				return -1;
			}
			break;
		case FDT_END_NODE:
			if (depth-- == 0) {
				*why = "unbalanced FDT_END_NODE";
				return -1;
			}
			break;
		case FDT_PROP: {
			uint32_t nameoff = be32(s + off + 8);
			uint32_t n;

			if (depth == 0) {
				*why = "property outside any node";
				return -1;
			}
			if (nameoff >= f->strings_size) {
				*why = "property name offset outside the "
				       "strings block";
				return -1;
			}
			for (n = nameoff; n < f->strings_size; n++)
				if (!f->blob[f->strings_off + n])
					break;
			if (n == f->strings_size) {
				*why = "property name not terminated in the "
				       "strings block";
				return -1;
			}
			break;
		}
		case FDT_NOP:
			break;
		default:
			if (off <= f->struct_size &&
			    f->struct_size - off >= 4 &&
			    be32(s + off) == FDT_END) {
				if (depth) {
					*why = "FDT_END inside a node";
					return -1;
				}
				if (!roots) {
					*why = "no root node";
					return -1;
				}
				return 0;
			}
			*why = "bad token or a token running past the "
			       "structure block";
			return -1;
		}
		off = next;
	}
}

int ts_fdt_open(struct ts_fdt *f, const void *p, size_t max_size,
		const char **why)
{
	const uint8_t *b = p;
	uint32_t total, version, off;

	*why = NULL;
	memset(f, 0, sizeof(*f));
	f->root = -1;
	if (!p) {
		*why = "no device tree (null pointer)";
		return -1;
	}
	if (max_size < TS_FDT_HEADER_SIZE) {
		*why = "no room for a device tree header";
		return -1;
	}
	if (be32(b + H_MAGIC) != TS_FDT_MAGIC) {
		*why = "bad magic (not a device tree)";
		return -1;
	}
	total = be32(b + H_TOTALSIZE);
	version = be32(b + H_VERSION);
	if (total < TS_FDT_HEADER_SIZE || total > max_size) {
		*why = "implausible total size";
		return -1;
	}
	if (version < 16 || be32(b + H_LAST_COMP) > 17) {
		*why = "unsupported version (need 16 or 17)";
		return -1;
	}
	f->blob = b;
	f->size = total;
	f->struct_off = be32(b + H_OFF_STRUCT);
	f->strings_off = be32(b + H_OFF_STRINGS);
	f->strings_size = be32(b + H_SIZE_STRINGS);
	f->rsvmap_off = be32(b + H_OFF_RSVMAP);
	/* Version 16 has no structure size: up to the end of the blob. */
	f->struct_size = version >= 17 ? be32(b + H_SIZE_STRUCT) :
			 total > f->struct_off ? total - f->struct_off : 0;
	if ((f->struct_off & 3) || f->struct_off < TS_FDT_HEADER_SIZE ||
	    f->struct_off > total || f->struct_size > total - f->struct_off) {
		*why = "structure block outside the blob";
		return -1;
	}
	if (f->strings_off > total ||
	    f->strings_size > total - f->strings_off) {
		*why = "strings block outside the blob";
		return -1;
	}
	if ((f->rsvmap_off & 7) || f->rsvmap_off < TS_FDT_HEADER_SIZE ||
	    f->rsvmap_off > total) {
		*why = "memory reservation block outside the blob";
		return -1;
	}
	for (off = f->rsvmap_off;; off += 16) {
		if (total - off < 16) {
			*why = "memory reservation block not terminated";
			return -1;
		}
		if (!be64(b + off) && !be64(b + off + 8))
			break;
	}
	if (check_structure(f, why)) {
		f->blob = NULL;
		return -1;
	}
	return 0;
}

int ts_fdt_root(const struct ts_fdt *f)
{
	return f->root;
}

/* The offset just past a node's BEGIN_NODE token, or 0 if node is not
 * one. */
static uint32_t node_body(const struct ts_fdt *f, int node)
{
	uint32_t next;

	if (node < 0 || token(f, (uint32_t)node, &next) != FDT_BEGIN_NODE)
		return 0;
	return next;
}

const char *ts_fdt_name(const struct ts_fdt *f, int node)
{
	if (!node_body(f, node))
		return "";
	return (const char *)f->blob + f->struct_off + (uint32_t)node + 4;
}

/* From off, skip properties and NOPs; the BEGIN_NODE found there, or
 * -1 (END_NODE or the end). */
static int node_at_or_after(const struct ts_fdt *f, uint32_t off)
{
	uint32_t next, tok;

	for (;;) {
		tok = token(f, off, &next);
		if (tok == FDT_BEGIN_NODE)
			return (int)off;
		if (tok != FDT_PROP && tok != FDT_NOP)
			return -1;
		off = next;
	}
}

int ts_fdt_first_child(const struct ts_fdt *f, int node)
{
	uint32_t body = node_body(f, node);

	return body ? node_at_or_after(f, body) : -1;
}

int ts_fdt_next_sibling(const struct ts_fdt *f, int node)
{
	uint32_t off = node_body(f, node), next, tok;
	int depth = 1;

	if (!off)
		return -1;
	while (depth) {
		tok = token(f, off, &next);
		if (tok == FDT_END)
			return -1;
		if (tok == FDT_BEGIN_NODE)
			depth++;
		else if (tok == FDT_END_NODE)
			depth--;
		off = next;
	}
	return node_at_or_after(f, off);
}

int ts_fdt_next_node(const struct ts_fdt *f, int node, int *depth)
{
	uint32_t off, next, tok;
	int d;

	if (node < 0) {
		if (depth)
			*depth = 0;
		return f->root;
	}
	off = node_body(f, node);
	if (!off)
		return -1;
	d = (depth ? *depth : 0) + 1;	/* the depth of a child */
	for (;;) {
		tok = token(f, off, &next);
		if (tok == FDT_BEGIN_NODE) {
			if (depth)
				*depth = d;
			return (int)off;
		}
		if (tok == FDT_END)
			return -1;
		if (tok == FDT_END_NODE)
			d--;
		off = next;
	}
}

int ts_fdt_parent(const struct ts_fdt *f, int node)
{
	int stack[TS_FDT_MAX_DEPTH + 1];
	int n, depth = 0;

	for (n = ts_fdt_next_node(f, -1, &depth); n >= 0;
	     n = ts_fdt_next_node(f, n, &depth)) {
		if (depth < 0 || depth > TS_FDT_MAX_DEPTH)
			return -1;
		stack[depth] = n;
		if (n == node)
			return depth ? stack[depth - 1] : -1;
	}
	return -1;
}

const void *ts_fdt_getprop(const struct ts_fdt *f, int node,
			   const char *name, int *len)
{
	const uint8_t *s = f->blob + f->struct_off;
	uint32_t off = node_body(f, node), next, tok;

	if (!off)
		return NULL;
	for (;; off = next) {
		tok = token(f, off, &next);
		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			return NULL;
		if (be32(s + off + 8) < f->strings_size &&
		    !strcmp(string_at(f, be32(s + off + 8)), name)) {
			if (len)
				*len = (int)be32(s + off + 4);
			return s + off + 12;
		}
	}
}

const char *ts_fdt_prop_str(const struct ts_fdt *f, int node,
			    const char *name)
{
	int len;
	const char *v = ts_fdt_getprop(f, node, name, &len);

	if (!v || len < 1 || v[len - 1] != '\0')
		return NULL;
	return v;
}

int ts_fdt_prop_u32(const struct ts_fdt *f, int node, const char *name,
		    uint32_t *out)
{
	int len;
	const void *v = ts_fdt_getprop(f, node, name, &len);

	if (!v || len != 4)
		return -1;
	*out = be32(v);
	return 0;
}

int ts_fdt_stringlist_contains(const void *value, int len, const char *s)
{
	const char *v = value;
	size_t n = strlen(s);
	int i = 0;

	if (!v)
		return 0;
	while (i < len) {
		if ((size_t)(len - i) > n && !memcmp(v + i, s, n) &&
		    v[i + n] == '\0')
			return 1;
		while (i < len && v[i])
			i++;
		i++;
	}
	return 0;
}

int ts_fdt_is_compatible(const struct ts_fdt *f, int node,
			 const char *compat)
{
	int len;
	const void *v = ts_fdt_getprop(f, node, "compatible", &len);

	return ts_fdt_stringlist_contains(v, v ? len : 0, compat);
}

int ts_fdt_find_compatible(const struct ts_fdt *f, int after,
			   const char *compat)
{
	int n = after < 0 ? f->root : ts_fdt_next_node(f, after, NULL);

	for (; n >= 0; n = ts_fdt_next_node(f, n, NULL))
		if (ts_fdt_is_compatible(f, n, compat))
			return n;
	return -1;
}

int ts_fdt_find_phandle(const struct ts_fdt *f, uint32_t phandle)
{
	int n;
	uint32_t v;

	if (phandle == 0 || phandle == 0xffffffff)
		return -1;
	for (n = f->root; n >= 0; n = ts_fdt_next_node(f, n, NULL))
		if ((!ts_fdt_prop_u32(f, n, "phandle", &v) ||
		     !ts_fdt_prop_u32(f, n, "linux,phandle", &v)) &&
		    v == phandle)
			return n;
	return -1;
}

int ts_fdt_is_enabled(const struct ts_fdt *f, int node)
{
	const char *s = ts_fdt_prop_str(f, node, "status");

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

/* Does the node name match one path component of len bytes? A
 * component without '@' matches the name without its unit address. */
static int name_matches(const char *name, const char *comp, size_t len)
{
	if (strncmp(name, comp, len))
		return 0;
	if (name[len] == '\0')
		return 1;
	return name[len] == '@' && !memchr(comp, '@', len);
}

static int lookup_path(const struct ts_fdt *f, const char *p, size_t plen)
{
	int node = f->root;
	size_t i = 0;

	while (node >= 0 && i < plen) {
		size_t start, len;
		int child;

		while (i < plen && p[i] == '/')
			i++;
		if (i == plen)
			break;
		start = i;
		while (i < plen && p[i] != '/')
			i++;
		len = i - start;
		for (child = ts_fdt_first_child(f, node); child >= 0;
		     child = ts_fdt_next_sibling(f, child))
			if (name_matches(ts_fdt_name(f, child), p + start, len))
				break;
		node = child;
	}
	return node;
}

int ts_fdt_path(const struct ts_fdt *f, const char *path)
{
	const char *colon = strchr(path, ':');
	size_t len = colon ? (size_t)(colon - path) : strlen(path);

	if (!f->blob || len == 0)
		return -1;
	if (path[0] != '/') {
		char alias[64];
		const char *target;
		int aliases = lookup_path(f, "/aliases", 8);

		if (aliases < 0 || len >= sizeof(alias))
			return -1;
		memcpy(alias, path, len);
		alias[len] = '\0';
		target = ts_fdt_prop_str(f, aliases, alias);
		if (!target || target[0] != '/')
			return -1;
		return lookup_path(f, target, strlen(target));
	}
	return lookup_path(f, path, len);
}

/* #address-cells / #size-cells of a bus node, with the defaults of the
 * specification (2 and 1). */
static uint32_t cells_of(const struct ts_fdt *f, int bus, const char *prop,
			 uint32_t dflt)
{
	uint32_t v;

	return ts_fdt_prop_u32(f, bus, prop, &v) ? dflt : v;
}

/* Translate a from the address space of bus's children to that of bus's
 * parent through bus's "ranges". */
static int translate(const struct ts_fdt *f, int bus, int parent,
		     uint64_t *a)
{
	uint32_t cac = cells_of(f, bus, "#address-cells", 2);
	uint32_t csc = cells_of(f, bus, "#size-cells", 1);
	uint32_t pac = cells_of(f, parent, "#address-cells", 2);
	uint32_t entry = cac + pac + csc;
	const uint8_t *r;
	int len, i;

	r = ts_fdt_getprop(f, bus, "ranges", &len);
	if (!r)
		return -1;	/* no "ranges": not mapped to the CPU */
	if (len == 0)
		return 0;	/* empty: identity */
	if (cac > 2 || pac > 2 || csc > 2 || entry == 0)
		return -1;
	for (i = 0; (i + 1) * (int)entry * 4 <= len; i++) {
		const uint8_t *e = r + i * entry * 4;
		uint64_t child = cells(e, (int)cac);
		uint64_t to = cells(e + cac * 4, (int)pac);
		uint64_t size = cells(e + (cac + pac) * 4, (int)csc);

		if (*a >= child && *a - child < size) {
			*a = to + (*a - child);
			return 0;
		}
	}
	return -1;
}

int ts_fdt_reg(const struct ts_fdt *f, int node, int index, uint64_t *addr,
	       uint64_t *size)
{
	int parent = ts_fdt_parent(f, node), len;
	uint32_t ac, sc;
	const uint8_t *reg;
	uint64_t a;

	if (parent < 0 || index < 0)
		return -1;
	ac = cells_of(f, parent, "#address-cells", 2);
	sc = cells_of(f, parent, "#size-cells", 1);
	reg = ts_fdt_getprop(f, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc > 2 ||
	    (index + 1) * (int)(ac + sc) * 4 > len)
		return -1;
	reg += index * (ac + sc) * 4;
	a = cells(reg, (int)ac);
	if (size)
		*size = cells(reg + ac * 4, (int)sc);
	/* Up through every bus to the root, whose children's addresses
	 * are the CPU's. */
	while (parent != f->root) {
		int up = ts_fdt_parent(f, parent);

		if (up < 0 || translate(f, parent, up, &a))
			return -1;
		parent = up;
	}
	*addr = a;
	return 0;
}

int ts_fdt_memreserve(const struct ts_fdt *f, int index, uint64_t *addr,
		      uint64_t *size)
{
	uint32_t off;
	int i;

	if (!f->blob || index < 0)
		return -1;
	for (i = 0, off = f->rsvmap_off; f->size - off >= 16; i++, off += 16) {
		uint64_t a = be64(f->blob + off), s = be64(f->blob + off + 8);

		if (!a && !s)
			return -1;
		if (i == index) {
			*addr = a;
			*size = s;
			return 0;
		}
	}
	return -1;
}
