/* stdio over the console: the console is a terminal, so stdout is line
 * buffered and stderr unbuffered as on Linux; setvbuf's three modes on a
 * second stream over fd 1 (fdopen: no file system needed); flushing. The
 * lines these tests print are checked by the image case too (order and
 * presence). __fpending (stdio_ext.h, in musl and glibc) tells how many
 * bytes a stream holds back. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "musltest.h"

MT_TEST(stdio, console_is_a_terminal)
{
	/* musl decides by ioctl(TIOCGWINSZ): without it stdout is fully
	 * buffered and its lines come late, after kernel messages. */
	MT_EXPECT(isatty(0));
	MT_EXPECT(isatty(1));
	MT_EXPECT(isatty(2));
	MT_EXPECT(!isatty(-1));
}

MT_TEST(stdio, stdout_is_line_buffered)
{
	static const char part[] = "musltest: a line in two parts";

	printf("%s", part);
	MT_EXPECT_EQ(__fpending(stdout), strlen(part));
	printf(", ended\n");
	MT_EXPECT_EQ(__fpending(stdout), 0);
	MT_EXPECT(__flbf(stdout));
}

/* A second stream over the console; never closed (that would close fd
 * 1). Its first output goes through setvbuf's mode. */
static FILE *console(void)
{
	FILE *f = fdopen(1, "w");

	if (!f)
		mt_fail(__FILE__, __LINE__, "fdopen(1, \"w\") failed: %s",
			mt_errno_name(errno));
	return f;
}

MT_TEST(stdio, setvbuf_full)
{
	static char buf[128];
	static const char line[] = "musltest: full-buffered line\n";
	char big[200];
	FILE *f = console();

	MT_REQUIRE(f);
	MT_REQUIRE(setvbuf(f, buf, _IOFBF, sizeof(buf)) == 0);
	fputs(line, f);
	MT_EXPECT_EQ(__fpending(f), strlen(line));
	/* Held in the caller's buffer (where in it is the library's). */
	MT_EXPECT(memmem(buf, sizeof(buf), line, strlen(line)) != NULL);
	MT_EXPECT_EQ(fflush(f), 0);
	MT_EXPECT_EQ(__fpending(f), 0);
	/* More than the buffer holds: some of it must have gone out. */
	memset(big, '=', sizeof(big));
	memcpy(big, "musltest: ", 10);
	big[sizeof(big) - 1] = '\n';
	MT_EXPECT_EQ(fwrite(big, 1, sizeof(big), f), sizeof(big));
	MT_EXPECT_LE(__fpending(f), sizeof(buf));
	MT_EXPECT_EQ(fflush(f), 0);
	MT_EXPECT(!ferror(f));
}

MT_TEST(stdio, setvbuf_line)
{
	static const char part[] = "musltest: line-buffered";
	FILE *f = console();

	MT_REQUIRE(f);
	MT_REQUIRE(setvbuf(f, NULL, _IOLBF, 64) == 0);
	fputs(part, f);
	MT_EXPECT_EQ(__fpending(f), strlen(part));
	fputs(", ended\n", f);
	MT_EXPECT_EQ(__fpending(f), 0);
	MT_EXPECT(!ferror(f));
}

MT_TEST(stdio, setvbuf_unbuffered)
{
	FILE *f = console();

	MT_REQUIRE(f);
	MT_REQUIRE(setvbuf(f, NULL, _IONBF, 0) == 0);
	fputs("musltest: unbuffered", f);
	MT_EXPECT_EQ(__fpending(f), 0);
	fputs(", ended\n", f);
	MT_EXPECT_EQ(__fpending(f), 0);
	MT_EXPECT(!ferror(f));
}

/* The case checks that "order 1" comes out before "order 2". */
MT_TEST(stdio, fully_buffered_output_comes_after_fflush)
{
	static char buf[256];
	FILE *f = console();

	MT_REQUIRE(f);
	MT_REQUIRE(setvbuf(f, buf, _IOFBF, sizeof(buf)) == 0);
	fprintf(f, "musltest: order 2 (fully buffered, flushed second)\n");
	printf("musltest: order 1 (stdout, line buffered)\n");
	MT_EXPECT_EQ(fflush(f), 0);
}

MT_TEST(stdio, stderr_is_unbuffered)
{
	fputs("musltest: stderr, ", stderr);
	MT_EXPECT_EQ(__fpending(stderr), 0);
	fputs("unbuffered\n", stderr);
	MT_EXPECT(!__flbf(stderr));
}

MT_TEST(stdio, memstream)
{
	char *p = NULL, got[32];
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);

	MT_REQUIRE(f);
	fprintf(f, "%d-%s", 42, "abc");
	MT_EXPECT_EQ(fclose(f), 0);
	MT_REQUIRE(p);
	MT_EXPECT_EQ(n, 6);
	MT_EXPECT_STREQ(p, "42-abc");
	f = fmemopen(p, n, "r");
	MT_REQUIRE(f);
	MT_EXPECT(fgets(got, sizeof(got), f) != NULL);
	MT_EXPECT_STREQ(got, "42-abc");
	MT_EXPECT_EQ(fgetc(f), EOF);
	MT_EXPECT(feof(f));
	fclose(f);
	free(p);
}
