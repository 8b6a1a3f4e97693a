/* `monitor net` for the in-image GDB stub: the network devices of
 * lib/netdev (name, MAC, MTU, link, counters) when the image has it,
 * what each address family's stack adds (lib/lwipsock: the interfaces'
 * addresses), then the sockets, one line each (netinfo.c). Registered
 * from here, so that the stub knows nothing of sockets. Runs while the
 * image is stopped: nothing here locks. */
#include <stdio.h>
#include <ts/gdbstub.h>
#include "netinfo.h"
#ifdef CONFIG_LIB_NETDEV
#include <ts/netdev.h>
#endif

static void print(void *arg, const char *text)
{
	ts_gdb_monitor_print(arg, text);
}

#ifdef CONFIG_LIB_NETDEV
static void devices(struct ts_gdb *g)
{
	char line[200];

	ts_gdb_monitor_print(g, "devices:\n");
	for (unsigned int i = 0; i < ts_netdev_count(); i++) {
		const struct ts_netdev *d = ts_netdev_get(i);
		const struct ts_netdev_stats *st = &d->stats;

		snprintf(line, sizeof(line),
			 "  %s %02x:%02x:%02x:%02x:%02x:%02x mtu %u link %s "
			 "rx %llu pkts %llu bytes %llu dropped %llu errors, "
			 "tx %llu pkts %llu bytes %llu dropped %llu errors\n",
			 d->name, d->mac[0], d->mac[1], d->mac[2], d->mac[3],
			 d->mac[4], d->mac[5], d->mtu,
			 d->link_up ? "up" : "down",
			 (unsigned long long)st->rx_packets,
			 (unsigned long long)st->rx_bytes,
			 (unsigned long long)st->rx_dropped,
			 (unsigned long long)st->rx_errors,
			 (unsigned long long)st->tx_packets,
			 (unsigned long long)st->tx_bytes,
			 (unsigned long long)st->tx_dropped,
			 (unsigned long long)st->tx_errors);
		ts_gdb_monitor_print(g, line);
	}
	if (!ts_netdev_count())
		ts_gdb_monitor_print(g, "  (none)\n");
}
#endif

static void family_info(const struct ts_socket_family *f, void *arg)
{
	if (f->info)
		f->info(print, arg);
}

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
#ifdef CONFIG_LIB_NETDEV
	devices(g);
#endif
	ts_socket_family_foreach(family_info, g);
	ts_gdb_monitor_print(g, "sockets:\n");
	ts_gdb_monitor_print(g, sock_info_header);
	ts_socket_foreach(sock_line, g);
	return 0;
}
TS_GDB_MONITOR(net, "net", "network devices, addresses and sockets",
	       mon_net);
