/* libFuzzer target for the image side of the GDB stub, built once per
 * architecture (fuzz_gdb_image_x86_64, fuzz_gdb_image_arm64): the
 * register packets (g, G, p, P) through the architecture's register
 * code (lib/gdbstub/arch/<arch>/regmap.c) on a trap frame and its
 * FP/SIMD state, and the image's monitor commands
 * (lib/gdbstub/image/monitor.c: "monitor trace on|off PATTERN" reaches
 * lib/trace's pattern matching), all through the protocol engine. Memory, threads and the channel are the
 * unit tests' fake target's (tests/unit/gdb_fake.c).
 *
 * Input: newline-separated packet bodies, framed with a correct checksum
 * by the harness; a first byte with bit 0 set starts in no-ack mode.
 * Beyond the sanitizers: every write the stub makes is one well-formed
 * packet (gdb_check.h), and the registers GDB cannot change (the
 * exception vector and error code of the frame) stay as they were. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "gdb_arch.h"
#include "gdb_check.h"
#include "gdb_fake.h"

extern const char tsh_gdbstub_arch_target_xml[];
extern const uint8_t tsh_gdbstub_arch_reg_size[];
int tsh_gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			     unsigned int regno, uint8_t *buf);
int tsh_gdbstub_arch_reg_write(struct ts_regs *r, void *fp,
			      unsigned int regno, const uint8_t *buf);
extern const struct ts_gdb_monitor_cmd tsh_gdbstub_monitor_cmds[];
extern const size_t tsh_gdbstub_nmonitor_cmds;

/* lib/trace's clock (support/build/host-arch, TS_HOST_FAKE_TICKS) and
 * its rate. */
uint64_t tsh_trace_host_ticks;
uint64_t tsh_ts_plat_ticks_hz(void);
uint64_t tsh_ts_plat_ticks_hz(void)
{
	return 1000000;
}

#ifdef FUZZ_ARCH_X86_64
/* Stands in for lib/gdbstub/arch/x86_64/live_regs.c's reads of the CPU
 * (segment selectors and bases, which a trap frame does not hold). */
uint64_t tsh_gdbstub_x86_live_reg(unsigned int regno);
uint64_t tsh_gdbstub_x86_live_reg(unsigned int regno)
{
	return 0x5000 + regno;
}
#endif

static struct ts_gdb g;
static struct ts_gdb_target target;
static struct ts_regs regs;
static uint8_t fpstate[1024] __attribute__((aligned(64)));

static int reg_read(void *ctx, long thread, unsigned int n, uint8_t *buf)
{
	(void)ctx, (void)thread;
	return tsh_gdbstub_arch_reg_read(&regs, fpstate, n, buf);
}

static int reg_write(void *ctx, long thread, unsigned int n,
		     const uint8_t *buf)
{
	(void)ctx, (void)thread;
	return tsh_gdbstub_arch_reg_write(&regs, fpstate, n, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_regs before;
	size_t i, start;

	if (size < 1)
		return 0;
	fake_reset();
	fake_write_hook = gdb_check_write;
	target = fake_target;
	target.target_xml = tsh_gdbstub_arch_target_xml;
	target.nregs = GDBSTUB_ARCH_NREGS;
	target.nregs_g = GDBSTUB_ARCH_NREGS_G;
	target.pc_regno = GDBSTUB_ARCH_PC;
	target.reg_size = tsh_gdbstub_arch_reg_size;
	target.reg_read = reg_read;
	target.reg_write = reg_write;
	target.monitor = tsh_gdbstub_monitor_cmds;
	target.nmonitor = tsh_gdbstub_nmonitor_cmds;
	memset(&regs, 0x5a, sizeof(regs));
	memset(fpstate, 0xa5, sizeof(fpstate));
	regs.vector = 3;
	before = regs;
	tsh_ts_gdb_init(&g, &target);
	g.running = false;
	if (data[0] & 1)
		g.no_ack = true;
	for (start = i = 1; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			gdb_feed_framed(&g, data + start, i - start);
			fake.out_len = 0;
			start = i + 1;
			/* A resumed program stops again at once. */
			g.running = false;
		}
	}
	CHECK(regs.vector == before.vector);
#ifdef FUZZ_ARCH_X86_64
	CHECK(regs.error_code == before.error_code);
#endif
	return 0;
}
