/* xen_version: which Xen the image runs under, for the boot line. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "xen.h"

unsigned long xen_version(void)
{
	long v = xen_hypercall(XEN_HC_xen_version, XENVER_version, 0, 0, 0,
			       0);

	return v < 0 ? 0 : (unsigned long)v;
}

void xen_version_string(char *buf, size_t size)
{
	char extra[16 + 1];
	unsigned long v = xen_version();

	memset(extra, 0, sizeof(extra));
	if (xen_hypercall(XEN_HC_xen_version, XENVER_extraversion,
			  (unsigned long)extra, 0, 0, 0) < 0)
		extra[0] = 0;
	extra[16] = 0;
	snprintf(buf, size, "Xen %lu.%lu%s", v >> 16, v & 0xffff, extra);
}
