/* A fake target for lib/gdbstub's host tests and fuzzer: registers of
 * three threads, two memory regions with a hole between, a scripted
 * input and a captured output, all in host memory. */
#ifndef TESTS_UNIT_GDB_FAKE_H
#define TESTS_UNIT_GDB_FAKE_H

#include <stddef.h>
#include <stdint.h>
#include <ts/gdbstub.h>

/* The tree's functions under their host-test names. */
void tsh_ts_gdb_init(struct ts_gdb *g, const struct ts_gdb_target *t);
enum ts_gdb_event tsh_ts_gdb_feed(struct ts_gdb *g, uint8_t byte);
enum ts_gdb_event tsh_ts_gdb_stopped(struct ts_gdb *g,
				     const struct ts_gdb_stop *why);
bool tsh_ts_gdb_console_write(struct ts_gdb *g, const char *buf, size_t len);
void tsh_ts_gdb_monitor_print(struct ts_gdb *g, const char *s);
bool tsh_ts_gdb_is_sw_break(const struct ts_gdb *g, uint64_t addr);
bool tsh_ts_gdb_catches_syscall(const struct ts_gdb *g, long nr);

#define FAKE_NTHREADS	3
#define FAKE_NREGS	5	/* r0 r1 pc flags (in g), vec (p only) */
#define FAKE_NREGS_G	4
#define FAKE_PC		2
#define FAKE_TEXT	0x1000	/* 256 bytes */
#define FAKE_DATA	0x8000	/* 256 bytes */
#define FAKE_REGION	0x100
#define FAKE_HW_SLOTS	2

struct fake {
	uint64_t r[FAKE_NTHREADS][3];		/* r0, r1, pc */
	uint32_t flags[FAKE_NTHREADS];
	uint8_t text[FAKE_REGION], data[FAKE_REGION];
	bool alive[FAKE_NTHREADS];		/* ids 1..3 */
	/* hardware slots in use */
	struct { bool used; int type; uint64_t addr, kind; } hw[FAKE_HW_SLOTS];
	struct ts_gdb_resume last_resume;
	int resumes, kills, reboots, hw_clears;
	int step_error;		/* what resume() returns for a step */
	/* channel */
	const char *in;
	size_t in_len, in_pos;
	char out[1 << 16];
	size_t out_len;
};

extern struct fake fake;
/* Called with every write the stub makes (the fuzzer checks them). */
extern void (*fake_write_hook)(const char *buf, size_t len);
extern const struct ts_gdb_target fake_target;

void fake_reset(void);

#endif
