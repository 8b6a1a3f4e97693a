/* Sockets as text (netinfo.c), for monitor net. */
#ifndef SOCKET_NETINFO_H
#define SOCKET_NETINFO_H

#include <stddef.h>
#include <ts/socket.h>

extern const char sock_info_header[];
void sock_info_line(char *buf, size_t len, int fd, struct ts_socket *s);

#endif
