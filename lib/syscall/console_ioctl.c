/* The console is a terminal (ts_syscall_console_ioctl of <ts/syscall.h>):
 * the requests stdio and line editors make of one. musl's stdout asks
 * TIOCGWINSZ on its first write and makes stdout line-buffered only if
 * the answer is yes, as on a Linux terminal, so that printf("...\n")
 * appears at once; isatty() is the same question. Line editors read the
 * terminal's modes (TCGETS) and set them (TCSETS*): the modes are kept
 * and reported back, though the UART passes bytes as they come
 * (ts_syscall_console_read's canonical mode). Anything else is -ENOTTY,
 * as Linux answers for a request a terminal does not know. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>

/* Linux's request numbers, the same on x86_64 and arm64. */
#define TS_TCGETS	0x5401
#define TS_TCSETS	0x5402
#define TS_TCSETSW	0x5403
#define TS_TCSETSF	0x5404
#define TS_TIOCGPGRP	0x540f
#define TS_TIOCGWINSZ	0x5413
#define TS_TIOCSWINSZ	0x5414

struct winsize_abi {
	unsigned short rows, cols, xpixel, ypixel;
};

/* Linux's struct termios (the kernel's, not glibc's): the same layout on
 * x86_64 and arm64. */
struct termios_abi {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line;
	uint8_t cc[19];
};

/* A serial line has no size: the VT100 default, until a program sets
 * one. The modes a Linux serial console starts with (ICRNL IXON, OPOST
 * ONLCR, B38400 CS8 CREAD HUPCL, ISIG ICANON ECHO...), with ^C ^\ ^? ^U
 * ^D as its control characters. */
static struct winsize_abi winsize = { 24, 80, 0, 0 };
static struct termios_abi modes = {
	.iflag = 0x500, .oflag = 0x5, .cflag = 0x4bf, .lflag = 0x8a3b,
	.cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
};

static long put(unsigned long arg, const void *v, size_t len)
{
	return ts_arch_mem_write_safe(arg, v, len) ? -EFAULT : 0;
}

static long get(void *v, unsigned long arg, size_t len)
{
	return ts_arch_mem_read_safe(arg, v, len) == (long)len ? 0 : -EFAULT;
}

long ts_syscall_console_ioctl(unsigned long req, unsigned long arg)
{
	static const int pgrp = 1;

	switch (req) {
	case TS_TIOCGWINSZ:
		return put(arg, &winsize, sizeof(winsize));
	case TS_TIOCSWINSZ:
		return get(&winsize, arg, sizeof(winsize));
	case TS_TCGETS:
		return put(arg, &modes, sizeof(modes));
	case TS_TCSETS:
	case TS_TCSETSW:
	case TS_TCSETSF:
		return get(&modes, arg, sizeof(modes));
	case TS_TIOCGPGRP:
		return put(arg, &pgrp, sizeof(pgrp));
	default:
		return -ENOTTY;
	}
}
