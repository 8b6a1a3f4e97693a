/* /init of bench/vfs's Linux guest. Not part of the image; built static
 * (musl-gcc on x86_64 where it is installed, else glibc) with
 * bench/linux-guest's counter and power-off (guest.h).
 *
 *   init [-o 9POPTS] run OPS REPS P9OPS RAMDIR [SHAREDIR]
 *       mounts ramfs on RAMDIR and, with SHAREDIR, loads the modules the
 *       initrd lists in /modules/order and mounts the virtio-9p share
 *       tagged "share" there with 9POPTS; then the loops of ops.c, with
 *       the lines the image prints ("vfsbench: hz", the loops,
 *       "vfsbench: done")
 *   init exec PROG [ARG...]
 *       mounts ramfs on /ram and runs PROG there (speedtest1), then
 *       prints "vfsbench: status N" with its exit status
 *
 * Both power the machine off at the end ("vfsbench: exit N"). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "guest.h"
#include "ops.h"

#define WHO "vfsbench"

static __attribute__((noreturn)) void die(const char *what, const char *arg)
{
	linux_guest_die(WHO, what, arg);
}

static void mount_ramfs(const char *dir)
{
	if (mount("ramfs", dir, "ramfs", 0, NULL))
		die("mount ramfs", dir);
}

static int run_program(char *argv[])
{
	int status;
	pid_t pid;

	mount_ramfs("/ram");
	pid = fork();
	if (pid < 0)
		die("fork", argv[0]);
	if (!pid) {
		if (chdir("/ram"))
			die("chdir", "/ram");
		execv(argv[0], argv);
		die("execv", argv[0]);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid", argv[0]);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf(WHO ": status %d\n", status);
	return status ? 1 : 0;
}

int main(int argc, char *argv[])
{
	const char *opts = "trans=virtio,version=9p2000.L";
	struct vfsbench_args a;

	if (argc > 2 && !strcmp(argv[1], "-o")) {
		opts = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc > 2 && !strcmp(argv[1], "exec"))
		linux_guest_power_off(WHO, run_program(argv + 2));
	if (argc < 2 || strcmp(argv[1], "run") || vfsbench_args(argc - 1, argv + 1, &a))
		linux_guest_power_off(WHO, 2);
	mount_ramfs(a.ram);
	if (a.share) {
		linux_guest_load_modules(WHO);
		if (mount("share", a.share, "9p", 0, opts))
			die("mount 9p", opts);
	}
	printf(WHO ": hz %llu\n", (unsigned long long)linux_guest_counter_hz());
	if (vfsbench_run(&a))
		linux_guest_power_off(WHO, 1);
	printf(WHO ": done\n");
	linux_guest_power_off(WHO, 0);
}
