/* The fake target of gdb_fake.h. */
#include <errno.h>
#include <string.h>
#include "gdb_fake.h"

struct fake fake;
void (*fake_write_hook)(const char *buf, size_t len);

static const uint8_t sizes[FAKE_NREGS] = { 8, 8, 8, 4, 16 };

void fake_reset(void)
{
	unsigned int i, t;

	memset(&fake, 0, sizeof(fake));
	for (t = 0; t < FAKE_NTHREADS; t++) {
		fake.alive[t] = true;
		for (i = 0; i < 3; i++)
			fake.r[t][i] = 0x1111111111111111ull * (i + 1) + t;
		fake.flags[t] = 0x246;
	}
	for (i = 0; i < FAKE_REGION; i++) {
		fake.text[i] = (uint8_t)(0x90 + (i & 7));
		fake.data[i] = (uint8_t)i;
	}
}

static void fwrite_(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	if (fake_write_hook)
		fake_write_hook(buf, len);
	if (len > sizeof(fake.out) - 1 - fake.out_len)
		len = sizeof(fake.out) - 1 - fake.out_len;
	memcpy(fake.out + fake.out_len, buf, len);
	fake.out_len += len;
	fake.out[fake.out_len] = '\0';
}

static int fgetc_(void *ctx)
{
	(void)ctx;
	if (fake.in_pos >= fake.in_len)
		return -1;
	return (unsigned char)fake.in[fake.in_pos++];
}

static int reg_read(void *ctx, long thread, unsigned int n, uint8_t *buf)
{
	(void)ctx;
	if (thread < 1 || thread > FAKE_NTHREADS)
		return -EINVAL;
	if (n < 3)
		memcpy(buf, &fake.r[thread - 1][n], 8);
	else if (n == 3)
		memcpy(buf, &fake.flags[thread - 1], 4);
	else
		return -ENODATA;	/* vec: never available */
	return 0;
}

static int reg_write(void *ctx, long thread, unsigned int n,
		     const uint8_t *buf)
{
	(void)ctx;
	if (thread < 1 || thread > FAKE_NTHREADS)
		return -EINVAL;
	if (n < 3)
		memcpy(&fake.r[thread - 1][n], buf, 8);
	else if (n == 3)
		memcpy(&fake.flags[thread - 1], buf, 4);
	else
		return -EPERM;
	return 0;
}

/* The region holding addr, with how many bytes are left in it. */
static uint8_t *region(uint64_t addr, size_t *left)
{
	if (addr >= FAKE_TEXT && addr < FAKE_TEXT + FAKE_REGION) {
		*left = FAKE_TEXT + FAKE_REGION - addr;
		return fake.text + (addr - FAKE_TEXT);
	}
	if (addr >= FAKE_DATA && addr < FAKE_DATA + FAKE_REGION) {
		*left = FAKE_DATA + FAKE_REGION - addr;
		return fake.data + (addr - FAKE_DATA);
	}
	return NULL;
}

static long mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	size_t left;
	uint8_t *p = region(addr, &left);

	(void)ctx;
	if (!p)
		return -EFAULT;
	if (len > left)
		len = left;
	memcpy(buf, p, len);
	return (long)len;
}

static int mem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	size_t left;
	uint8_t *p = region(addr, &left);

	(void)ctx;
	if (!p || len > left)
		return -EFAULT;
	memcpy(p, buf, len);
	return 0;
}

static int hw_break(void *ctx, bool insert, enum ts_gdb_bp_type type,
		    uint64_t addr, uint64_t kind)
{
	unsigned int i;

	(void)ctx;
	if (kind != 1 && kind != 2 && kind != 4 && kind != 8)
		return -EINVAL;
	for (i = 0; i < FAKE_HW_SLOTS; i++) {
		if (insert && !fake.hw[i].used) {
			fake.hw[i].used = true;
			fake.hw[i].type = (int)type;
			fake.hw[i].addr = addr;
			fake.hw[i].kind = kind;
			return 0;
		}
		if (!insert && fake.hw[i].used &&
		    fake.hw[i].type == (int)type && fake.hw[i].addr == addr) {
			fake.hw[i].used = false;
			return 0;
		}
	}
	return insert ? -ENOSPC : 0;
}

static void hw_clear(void *ctx)
{
	(void)ctx;
	memset(fake.hw, 0, sizeof(fake.hw));
	fake.hw_clears++;
}

static int resume(void *ctx, const struct ts_gdb_resume *r)
{
	(void)ctx;
	fake.last_resume = *r;
	fake.resumes++;
	return r->kind == TS_GDB_RESUME_STEP ? fake.step_error : 0;
}

static void kill_(void *ctx)
{
	(void)ctx;
	fake.kills++;
}

static void reboot_(void *ctx)
{
	(void)ctx;
	fake.reboots++;
}

static long thread_next(void *ctx, long prev)
{
	long id;

	(void)ctx;
	for (id = prev + 1; id <= FAKE_NTHREADS; id++)
		if (fake.alive[id - 1])
			return id;
	return 0;
}

static int thread_describe(void *ctx, long id, char *buf, size_t size)
{
	static const char *const names[] = { "main (running)",
		"worker (blocked)", "idle (ready)" };

	(void)ctx;
	if (id < 1 || id > FAKE_NTHREADS || size < 20)
		return -EINVAL;
	strcpy(buf, names[id - 1]);
	return 0;
}

static int mon_echo(struct ts_gdb *g, const char *args)
{
	tsh_ts_gdb_monitor_print(g, args);
	tsh_ts_gdb_monitor_print(g, "\n");
	return 0;
}

static const struct ts_gdb_monitor_cmd monitor[] = {
	{ "echo", "print the arguments", mon_echo },
};

const struct ts_gdb_target fake_target = {
	.write = fwrite_,
	.getc = fgetc_,
	.target_xml = "<?xml version=\"1.0\"?><target><architecture>fake"
		      "</architecture><!-- $#}* escaped --></target>",
	.nregs = FAKE_NREGS,
	.nregs_g = FAKE_NREGS_G,
	.pc_regno = FAKE_PC,
	.reg_size = sizes,
	.reg_read = reg_read,
	.reg_write = reg_write,
	.mem_read = mem_read,
	.mem_write = mem_write,
	.break_insn = { 0xcc },
	.break_len = 1,
	.hw_break = hw_break,
	.hw_clear = hw_clear,
	.resume = resume,
	.kill = kill_,
	.reboot = reboot_,
	.thread_next = thread_next,
	.thread_describe = thread_describe,
	.monitor = monitor,
	.nmonitor = 1,
	.syscalls = true,
};
