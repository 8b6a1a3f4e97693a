/* libFuzzer target for lib/initrd's cpio "newc" parser (lib/initrd/
 * cpio.c), which reads the initrd the loader hands over.
 *
 * The input is the archive. Beyond the sanitizers (the archive is an
 * exact-size heap copy, so one byte past its end is a report): the walk
 * ends at the trailer or with a corruption report naming a byte inside
 * the archive; every entry it passes on lies inside the archive, in
 * order, at 4-byte boundaries, its name NUL-terminated and as long as
 * name_len says, its data after its name; a callback's non-zero result
 * is returned as it is. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ts/cpio.h>
#include "fuzz_common.h"
#include "tsh.h"

struct walk {
	const uint8_t *lo, *hi;
	size_t next;		/* the least offset the next entry may have */
	unsigned int n, stop;
};

static int visit(const struct ts_cpio_entry *e, void *arg)
{
	struct walk *w = arg;
	const uint8_t *name = (const uint8_t *)e->name;
	const uint8_t *data = e->data;

	CHECK(e->offset % 4 == 0 && e->offset >= w->next);
	CHECK(name == w->lo + e->offset + TS_CPIO_HEADER_SIZE);
	CHECK(name + e->name_len < w->hi && name[e->name_len] == '\0');
	CHECK(strlen(e->name) == e->name_len && e->name_len > 0);
	CHECK(data > name + e->name_len && data <= w->hi);
	CHECK(e->size <= (size_t)(w->hi - data));
	CHECK(strcmp(e->name, TS_CPIO_TRAILER) != 0);
	w->next = (size_t)(data - w->lo) + e->size;
	return ++w->n == w->stop ? 42 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct ts_cpio_error err;
	struct walk w = { 0 };
	int rc;

	memcpy(copy, data, size);
	w.lo = copy;
	w.hi = copy + size;
	/* Sometimes stop early, by the first byte's choice. */
	w.stop = size ? data[0] % 8 : 0;
	memset(&err, 0, sizeof(err));
	rc = tsh_ts_cpio_walk(copy, size, visit, &w, &err);
	if (rc == TS_CPIO_CORRUPT) {
		CHECK(err.offset <= size);
		CHECK(err.what[0] && memchr(err.what, '\0', sizeof(err.what)));
	} else if (rc == 42) {
		CHECK(w.stop && w.n == w.stop);
	} else {
		CHECK(rc == 0);
		CHECK(!w.stop || w.n < w.stop);
	}
	free(copy);
	return 0;
}
