/* Reading a flattened device tree (Devicetree Specification v0.4,
 * chapter 5): the blob a loader passes on arm64 (QEMU, Xen, Raspberry Pi
 * firmware, U-Boot). Read-only and allocation-free; the blob is checked
 * once, completely, by ts_fdt_open(), so that garbage gets one clear
 * message and the lookups after it cannot run off the blob.
 *
 * Nodes are named by their offset in the structure block (an int);
 * lookups return a negative value for "none". */
#ifndef TS_FDT_H
#define TS_FDT_H

#include <stddef.h>
#include <stdint.h>

#define TS_FDT_MAGIC		0xd00dfeed
#define TS_FDT_HEADER_SIZE	40
/* Deeper nesting than any real tree has; ts_fdt_open() refuses more. */
#define TS_FDT_MAX_DEPTH	32

struct ts_fdt {
	const uint8_t *blob;
	uint32_t size;			/* totalsize */
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t rsvmap_off;
	int root;
};

/* Check the blob at p, which may not extend past p + max_size: header
 * (magic, versions 16-17, every block inside totalsize), reservation
 * map, every token, name and property of the structure block, and the
 * nesting of nodes. Returns 0 and fills fdt, or -1 with *why set to a
 * message such as "bad magic 0x12345678 (not a device tree)". */
int ts_fdt_open(struct ts_fdt *fdt, const void *p, size_t max_size,
		const char **why);

/* The root node, the first child and next sibling of a node, the next
 * node in depth-first order after node (depth is updated when given;
 * pass node = -1 to start at the root), and the parent (a search from
 * the root, so not for hot paths). */
int ts_fdt_root(const struct ts_fdt *fdt);
int ts_fdt_first_child(const struct ts_fdt *fdt, int node);
int ts_fdt_next_sibling(const struct ts_fdt *fdt, int node);
int ts_fdt_next_node(const struct ts_fdt *fdt, int node, int *depth);
int ts_fdt_parent(const struct ts_fdt *fdt, int node);

/* The node's name with unit address ("pl011@9000000"; "" for the
 * root). */
const char *ts_fdt_name(const struct ts_fdt *fdt, int node);

/* A node by path ("/chosen", "/soc/serial@7e201000") or by alias (a
 * path not starting with '/' is looked up in /aliases first). A path
 * component without '@' also matches a node name with a unit address.
 * Anything from ':' on is ignored (stdout-path = "serial0:115200n8").
 * Returns the node or -1. */
int ts_fdt_path(const struct ts_fdt *fdt, const char *path);

/* A property's value and its length in bytes, or NULL. */
const void *ts_fdt_getprop(const struct ts_fdt *fdt, int node,
			   const char *name, int *len);
/* A string property that is NUL-terminated inside its value, or NULL. */
const char *ts_fdt_prop_str(const struct ts_fdt *fdt, int node,
			    const char *name);
/* A one-cell property: 0 and *out, or -1 if absent or not 4 bytes. */
int ts_fdt_prop_u32(const struct ts_fdt *fdt, int node, const char *name,
		    uint32_t *out);
/* Cell i (big-endian) of a property value of len bytes, 0 past it. */
uint32_t ts_fdt_cell(const void *value, int len, int i);

/* Does a string-list value (NUL-separated strings, len bytes, as in
 * "compatible") contain s? */
int ts_fdt_stringlist_contains(const void *value, int len, const char *s);
/* Does the node's "compatible" list contain compat? */
int ts_fdt_is_compatible(const struct ts_fdt *fdt, int node,
			 const char *compat);
/* The next node after "after" (-1: from the start) compatible with
 * compat, or -1. */
int ts_fdt_find_compatible(const struct ts_fdt *fdt, int after,
			   const char *compat);
/* The node whose "phandle" (or old "linux,phandle") is ph, or -1. */
int ts_fdt_find_phandle(const struct ts_fdt *fdt, uint32_t phandle);
/* "status" absent, "okay" or "ok". */
int ts_fdt_is_enabled(const struct ts_fdt *fdt, int node);

/* Entry index of the node's "reg", as a CPU physical address: sized by
 * the parent's #address-cells and #size-cells, and translated through
 * the "ranges" of every bus above it (the Raspberry Pi's /soc maps bus
 * address 0x7e000000 to 0x3f000000 or 0xfe000000). Returns 0, or -1
 * when there is no such entry or an address cannot be translated. */
int ts_fdt_reg(const struct ts_fdt *fdt, int node, int index,
	       uint64_t *addr, uint64_t *size);

/* Entry index of the memory reservation block: 0, or -1 past the
 * end. */
int ts_fdt_memreserve(const struct ts_fdt *fdt, int index, uint64_t *addr,
		      uint64_t *size);

#endif
