/* Shared by the test image's files. */
#ifndef NETTEST_H
#define NETTEST_H

/* The MAC QEMU was given ("52:54:00:..."), from argv[2], or NULL. */
extern const char *nettest_mac;

#endif
