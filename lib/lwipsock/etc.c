/* /etc/hosts and /etc/resolv.conf for the C library's resolver (musl's
 * getaddrinfo reads them): written at boot, after the file systems and
 * the network are up, unless the root already has them (an initrd's
 * own win). hosts names localhost (127.0.0.1 and ::1); resolv.conf
 * names the DNS servers lwIP knows then (net.dns= or a static
 * configuration: lib/lwip's), so that names resolve through UDP to
 * them, QEMU's 10.0.2.3 on its user network. Servers learned later
 * (DHCP after boot) are not written. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <lwip/dns.h>
#include <lwip/ip_addr.h>
#include <lwip/tcpip.h>
#include <ts/init.h>
#include <ts/vfs.h>

static int missing(const char *path)
{
	struct stat st;

	return ts_vfs_stat(path, &st) != 0;
}

static int etc_write(void)
{
	static const char hosts[] = "127.0.0.1\tlocalhost\n"
				    "::1\tlocalhost ip6-localhost\n";
	char conf[256], ip[IPADDR_STRLEN_MAX];
	size_t at = 0;

	(void)ts_vfs_mkdir("/etc", 0755);
	if (missing("/etc/hosts"))
		(void)ts_vfs_write_file("/etc/hosts", hosts, strlen(hosts),
					0644);
#if LWIP_DNS
	if (!missing("/etc/resolv.conf"))
		return 0;
	LOCK_TCPIP_CORE();
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++) {
		const ip_addr_t *s = dns_getserver(i);

		if (!s || ip_addr_isany(s))
			continue;
		ipaddr_ntoa_r(s, ip, sizeof(ip));
		at += (size_t)snprintf(conf + at, sizeof(conf) - at,
				       "nameserver %s\n", ip);
	}
	UNLOCK_TCPIP_CORE();
	if (at)
		(void)ts_vfs_write_file("/etc/resolv.conf", conf, at, 0644);
#endif
	return 0;
}
TS_INIT(etc_write, TS_INIT_LATE);
