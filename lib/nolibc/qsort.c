/* Sorting and binary search.
 *
 * qsort is a heapsort: O(n log n) in the worst case, no recursion and no
 * allocation, which suits kernel stacks better than a quicksort's
 * unbounded worst case. It is not stable; neither is qsort by contract. */
#include <stdint.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	char t;

	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Moves element i down the heap of n elements until both children are
 * no greater than it. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      cmp_fn cmp)
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void qsort(void *base, size_t nmemb, size_t size, cmp_fn cmp)
{
	char *b = base;
	size_t i;

	if (nmemb < 2 || size == 0)
		return;
	for (i = nmemb / 2; i-- > 0;)
		sift_down(b, i, nmemb, size, cmp);
	for (i = nmemb - 1; i > 0; i--) {
		swap(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      cmp_fn cmp)
{
	const char *b = base;
	size_t lo = 0, hi = nmemb, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = cmp(key, b + mid * size);
		if (r == 0)
			return (void *)(b + mid * size);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
