/* lwIP's options for tests/fuzz's fuzz_lwip: the protocols of the
 * image's configuration (lib/lwip/include/lwipopts.h: IPv4 and IPv6,
 * ARP, ICMP, IGMP, MLD, TCP, UDP, DHCP, reassembly) without an
 * operating system (NO_SYS: the harness calls lwIP from one thread and
 * advances its clock), and small pools so that running out of them is
 * fuzzed too. lwIP's assertions abort (a failure of the fuzzer). */
#ifndef TS_FUZZ_LWIPOPTS_H
#define TS_FUZZ_LWIPOPTS_H

#define NO_SYS				1
#define LWIP_TIMERS			1
#define SYS_LIGHTWEIGHT_PROT		0
#define LWIP_NETCONN			0
#define LWIP_SOCKET			0

#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			0
#define MEM_ALIGNMENT			8
#define LWIP_SUPPORT_CUSTOM_PBUF	1
#define PBUF_POOL_SIZE			16
#define MEMP_NUM_PBUF			32
#define MEMP_NUM_TCP_PCB		8
#define MEMP_NUM_TCP_PCB_LISTEN		2
#define MEMP_NUM_UDP_PCB		6
#define MEMP_NUM_TCP_SEG		32
#define MEMP_NUM_REASSDATA		4
#define MEMP_NUM_FRAG_PBUF		8
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)

#define LWIP_TCP			1
#define TCP_MSS				1460
#define TCP_WND				(4 * TCP_MSS)
#define TCP_SND_BUF			(4 * TCP_MSS)
#define TCP_QUEUE_OOSEQ			1
#define TCP_OOSEQ_MAX_PBUFS		8
#define LWIP_TCP_KEEPALIVE		1
#define TCP_LISTEN_BACKLOG		1
#define LWIP_UDP			1
#define LWIP_RAW			1
#define LWIP_ICMP			1
#define LWIP_IGMP			1
#define LWIP_IPV4			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define ARP_QUEUEING			1
#define LWIP_IPV6			1
#define LWIP_IPV6_AUTOCONFIG		1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT	1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS	1
#define LWIP_ND6_ALLOW_RA_UPDATES	1
#define IPV6_FRAG_COPYHEADER		1
#define LWIP_IPV6_MLD			1
#define LWIP_DHCP			1
#define LWIP_DNS			1
#define LWIP_ETHERNET			1
#define LWIP_NETIF_LOOPBACK		0
#define LWIP_HAVE_LOOPIF		0
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define LWIP_STATS			0

#define LWIP_RAND()			((u32_t)rand())

#endif
