/* The loops of bench/vfs, compiled into the image (bench/vfsbench) and
 * into the Linux guest's /init (linux-init.c): the same calls through
 * each side's C library (musl in the image; musl or glibc in Linux).
 *
 *   call          a plain function call: the reference
 *   open_close    open(RAM/file, O_RDONLY) + close of an existing file
 *   stat          stat(RAM/file)
 *   ram_write     a 4 MiB file written in 64 KiB writes: open
 *                 (O_CREAT|O_TRUNC) to close, in bytes (throughput)
 *   ram_read      the same file read back in 64 KiB reads
 *   p9_read4k ... pread/pwrite of 4 KiB and 64 KiB at offset 0 of a
 *   p9_write64k   file in the 9p share: each one round trip to the host
 *
 * The 9p share holds read.dat (64 KiB whose byte i is i % 251, written
 * by bench/vfs); the write loops write that pattern into write.dat,
 * which bench/vfs checks after the run. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ops.h"
#include "ticks.h"

#define CHUNK 65536
#define FILE_SIZE (4L << 20)
#define PATH_LEN 256

static volatile long sink;
static unsigned char pattern[CHUNK], rbuf[CHUNK];

static char small_path[PATH_LEN], big_path[PATH_LEN];
static char p9_read_path[PATH_LEN], p9_write_path[PATH_LEN];
static int p9_read_fd = -1, p9_write_fd = -1;

/* Set when a timed call fails: the loop's line is not printed. */
static int failed;

static void fail(const char *call, const char *path)
{
	if (!failed)
		printf("vfsbench: error %s(%s): errno %d (%s)\n", call, path,
		       errno, strerror(errno));
	failed = 1;
}

/* The reference: a call the compiler must make, with an argument and a
 * result. */
static __attribute__((noinline)) long vfsbench_plain(long x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static uint64_t loop_call(long n)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		sink = vfsbench_plain(i);
	return bench_ticks() - t0;
}

static uint64_t loop_open_close(long n)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++) {
		int fd = open(small_path, O_RDONLY);

		if (fd < 0 || close(fd))
			fail("open+close", small_path);
	}
	return bench_ticks() - t0;
}

static uint64_t loop_stat(long n)
{
	struct stat st;
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		if (stat(small_path, &st))
			fail("stat", small_path);
	return bench_ticks() - t0;
}

static uint64_t loop_ram_write(long n)
{
	uint64_t t0 = bench_ticks();
	int fd = open(big_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	(void)n;
	if (fd < 0) {
		fail("open", big_path);
		return 0;
	}
	for (long off = 0; off < FILE_SIZE; off += CHUNK)
		if (write(fd, pattern, CHUNK) != CHUNK)
			fail("write", big_path);
	if (close(fd))
		fail("close", big_path);
	return bench_ticks() - t0;
}

/* check: compare what is read with what ram_write wrote (the warm-up
 * round only, outside the timed loops' real runs). */
static uint64_t ram_read(int check)
{
	uint64_t t0 = bench_ticks();
	int fd = open(big_path, O_RDONLY);
	long total = 0;
	ssize_t r;

	if (fd < 0) {
		fail("open", big_path);
		return 0;
	}
	while ((r = read(fd, rbuf, CHUNK)) > 0) {
		if (check && memcmp(rbuf, pattern, (size_t)r) && !failed) {
			printf("vfsbench: error read wrong bytes from %s\n",
			       big_path);
			failed = 1;
		}
		total += r;
	}
	if (r < 0)
		fail("read", big_path);
	close(fd);
	if (total != FILE_SIZE && !failed) {
		printf("vfsbench: error read %ld bytes of %s, not %ld\n", total,
		       big_path, FILE_SIZE);
		failed = 1;
	}
	return bench_ticks() - t0;
}

static uint64_t loop_ram_read(long n)
{
	uint64_t t = ram_read(0);

	(void)n;
	if (unlink(big_path))
		fail("unlink", big_path);
	return t;
}

static uint64_t p9_read(long n, size_t size)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		if (pread(p9_read_fd, rbuf, size, 0) != (ssize_t)size)
			fail("pread", p9_read_path);
	return bench_ticks() - t0;
}

static uint64_t p9_write(long n, size_t size)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		if (pwrite(p9_write_fd, pattern, size, 0) != (ssize_t)size)
			fail("pwrite", p9_write_path);
	return bench_ticks() - t0;
}

static uint64_t loop_p9_read4k(long n)
{
	return p9_read(n, 4096);
}

static uint64_t loop_p9_read64k(long n)
{
	return p9_read(n, CHUNK);
}

static uint64_t loop_p9_write4k(long n)
{
	return p9_write(n, 4096);
}

static uint64_t loop_p9_write64k(long n)
{
	return p9_write(n, CHUNK);
}

enum kind { LATENCY, BYTES, P9 };

static const struct {
	const char *name;
	uint64_t (*fn)(long n);
	enum kind kind;
} loops[] = {
	{ "call", loop_call, LATENCY },
	{ "open_close", loop_open_close, LATENCY },
	{ "stat", loop_stat, LATENCY },
	{ "ram_write", loop_ram_write, BYTES },
	{ "ram_read", loop_ram_read, BYTES },
	{ "p9_read4k", loop_p9_read4k, P9 },
	{ "p9_read64k", loop_p9_read64k, P9 },
	{ "p9_write4k", loop_p9_write4k, P9 },
	{ "p9_write64k", loop_p9_write64k, P9 },
};

#define LOOPS ((int)(sizeof(loops) / sizeof(loops[0])))

static int join(char *out, const char *dir, const char *name)
{
	if ((size_t)snprintf(out, PATH_LEN, "%s/%s", dir, name) >= PATH_LEN) {
		printf("vfsbench: error path too long: %s/%s\n", dir, name);
		return -1;
	}
	return 0;
}

/* The files the loops use: RAM/file (a few bytes, for open and stat),
 * and in the share read.dat (checked against the pattern) and
 * write.dat, opened once. */
static int setup(const struct vfsbench_args *a)
{
	int fd;

	for (int i = 0; i < CHUNK; i++)
		pattern[i] = (unsigned char)(i % 251);
	if (join(small_path, a->ram, "file") || join(big_path, a->ram, "big"))
		return -1;
	fd = open(small_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "vfsbench\n", 9) != 9 || close(fd)) {
		fail("create", small_path);
		return -1;
	}
	if (!a->share)
		return 0;
	if (join(p9_read_path, a->share, "read.dat") ||
	    join(p9_write_path, a->share, "write.dat"))
		return -1;
	p9_read_fd = open(p9_read_path, O_RDONLY);
	if (p9_read_fd < 0) {
		fail("open", p9_read_path);
		return -1;
	}
	if (pread(p9_read_fd, rbuf, CHUNK, 0) != CHUNK ||
	    memcmp(rbuf, pattern, CHUNK)) {
		printf("vfsbench: error %s: not the 64 KiB bench/vfs wrote\n",
		       p9_read_path);
		return -1;
	}
	p9_write_fd = open(p9_write_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (p9_write_fd < 0) {
		fail("open", p9_write_path);
		return -1;
	}
	return 0;
}

int vfsbench_args(int argc, char *argv[], struct vfsbench_args *a)
{
	if (argc < 5 || argc > 6)
		goto usage;
	a->ops = atol(argv[1]);
	a->reps = atoi(argv[2]);
	a->p9_ops = atol(argv[3]);
	a->ram = argv[4];
	a->share = argc > 5 ? argv[5] : NULL;
	if (a->ops < 1 || a->reps < 1 || a->p9_ops < 1)
		goto usage;
	return 0;
usage:
	printf("usage: vfsbench OPS REPS P9OPS RAMDIR [SHAREDIR]\n");
	return -1;
}

int vfsbench_run(const struct vfsbench_args *a)
{
	if (setup(a))
		return 1;
	/* Round 0 warms up (TCG translates the code on first use) and
	 * checks that the file ram_write wrote reads back. */
	for (int rep = 0; rep <= a->reps; rep++) {
		for (int i = 0; i < LOOPS; i++) {
			long n = loops[i].kind == P9 ? a->p9_ops : a->ops;
			uint64_t t;

			if (loops[i].kind == P9 && !a->share)
				continue;
			if (!rep && loops[i].fn == loop_ram_read)
				ram_read(1);
			t = loops[i].fn(n);
			if (failed)
				return 1;
			if (rep)
				printf("vfsbench: %s %ld %llu\n", loops[i].name,
				       loops[i].kind == BYTES ? FILE_SIZE : n,
				       (unsigned long long)t);
		}
	}
	if (a->share && (close(p9_read_fd) || close(p9_write_fd))) {
		fail("close", a->share);
		return 1;
	}
	return 0;
}
