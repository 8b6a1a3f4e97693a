/* `monitor net` for the in-image GDB stub: the sockets, one line each
 * (netinfo.c), after what the network stacks add (interfaces and
 * addresses, through ts_socket_net_info hooks). Registered from here,
 * so that the stub knows nothing of sockets. Runs while the image is
 * stopped. */
#include <ts/gdbstub.h>
#include "netinfo.h"

static void sock_line(int fd, struct ts_socket *s, void *arg)
{
	char line[160];

	sock_info_line(line, sizeof(line), fd, s);
	ts_gdb_monitor_print(arg, line);
}

static int mon_net(struct ts_gdb *g, const char *args)
{
	if (*args) {
		ts_gdb_monitor_print(g, "net: takes no arguments\n");
		return 1;
	}
	ts_gdb_monitor_print(g, "sockets:\n");
	ts_gdb_monitor_print(g, sock_info_header);
	ts_socket_foreach(sock_line, g);
	return 0;
}
TS_GDB_MONITOR(net, "net", "network interfaces, addresses and sockets",
	       mon_net);
