/* /init of bench/net's Linux guest. Not part of any image; built static
 * (musl-gcc on x86_64 where it is installed, else glibc) with
 * bench/linux-guest's power-off (guest.h).
 *
 *   init ADDRESS/PREFIX PROGRAM [ARG...]
 *
 * Loads the modules the initrd lists in /modules/order (virtio, its
 * transport, virtio-net), mounts /proc, brings lo up and eth0 up with
 * ADDRESS/PREFIX (the subnet's route comes with it; no gateway: bench/net
 * talks to the guest from that subnet, or through QEMU's user network,
 * whose host address is in it too), then runs PROGRAM, the server, with
 * its output on the console, and says "netbench: serving PID".
 *
 * While it serves, lines on the console's input are commands:
 *   rss   prints "netbench: rss KB" (the server's VmRSS) and
 *         "netbench: memfree KB" (the kernel's MemFree)
 *   stop  stops the server and powers off
 * When the server ends by itself, "netbench: status N" and power-off. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "guest.h"

#define WHO "netbench"

static __attribute__((noreturn)) void die(const char *what, const char *arg)
{
	linux_guest_die(WHO, what, arg);
}

static void set_addr(int s, unsigned long req, const char *ifname,
		     struct in_addr a)
{
	struct ifreq ifr;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr = a };

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	memcpy(&ifr.ifr_addr, &sa, sizeof(sa));
	if (ioctl(s, req, &ifr))
		die("ioctl address", ifname);
}

static void up(int s, const char *ifname)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		die("SIOCGIFFLAGS", ifname);
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		die("SIOCSIFFLAGS", ifname);
}

static void configure(const char *cidr)
{
	char addr[32];
	const char *slash = strchr(cidr, '/');
	struct in_addr a, mask;
	int prefix, s;

	if (!slash || (size_t)(slash - cidr) >= sizeof(addr) ||
	    (prefix = atoi(slash + 1)) < 1 || prefix > 30) {
		errno = EINVAL;
		die("address", cidr);
	}
	memcpy(addr, cidr, (size_t)(slash - cidr));
	addr[slash - cidr] = 0;
	if (inet_pton(AF_INET, addr, &a) != 1) {
		errno = EINVAL;
		die("address", cidr);
	}
	mask.s_addr = htonl(~0u << (32 - prefix));
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		die("socket", "AF_INET");
	up(s, "lo");
	set_addr(s, SIOCSIFADDR, "eth0", a);
	set_addr(s, SIOCSIFNETMASK, "eth0", mask);
	up(s, "eth0");
	close(s);
}

/* A "Key:   N kB" line's N from a /proc file, or -1. */
static long proc_kb(const char *path, const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long kb = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			kb = atol(line + n + 1);
	fclose(f);
	return kb;
}

static void report(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	printf(WHO ": rss %ld\n", proc_kb(path, "VmRSS"));
	printf(WHO ": memfree %ld\n", proc_kb("/proc/meminfo", "MemFree"));
	fflush(stdout);
}

int main(int argc, char *argv[])
{
	char cmd[64];
	size_t have = 0;
	pid_t pid;

	if (argc < 3) {
		printf(WHO ": error usage: init ADDRESS/PREFIX PROGRAM [ARG...]\n");
		linux_guest_power_off(WHO, 2);
	}
	if (mount("proc", "/proc", "proc", 0, NULL))
		die("mount", "/proc");
	linux_guest_load_modules(WHO);
	configure(argv[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	pid = fork();
	if (pid < 0)
		die("fork", argv[2]);
	if (!pid) {
		execv(argv[2], argv + 2);
		die("execv", argv[2]);
	}
	printf(WHO ": serving %d\n", (int)pid);
	for (;;) {
		struct pollfd p = { .fd = 0, .events = POLLIN };
		int status;
		ssize_t n;
		char *nl;

		if (waitpid(pid, &status, WNOHANG) == pid) {
			printf(WHO ": status %d\n", WIFEXITED(status)
			       ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
			linux_guest_power_off(WHO, 1);
		}
		if (poll(&p, 1, 500) <= 0)
			continue;
		n = read(0, cmd + have, sizeof(cmd) - 1 - have);
		if (n <= 0) {
			/* No console input (EOF): only the server's end
			 * or QEMU's stops the run. */
			sleep(1);
			continue;
		}
		have += (size_t)n;
		cmd[have] = 0;
		while ((nl = strchr(cmd, '\n'))) {
			*nl = 0;
			if (!strcmp(cmd, "rss")) {
				report(pid);
			} else if (!strcmp(cmd, "stop")) {
				kill(pid, SIGKILL);
				waitpid(pid, NULL, 0);
				linux_guest_power_off(WHO, 0);
			}
			have -= (size_t)(nl + 1 - cmd);
			memmove(cmd, nl + 1, have + 1);
		}
		if (have == sizeof(cmd) - 1)
			have = 0;	/* a line too long: dropped */
	}
}
