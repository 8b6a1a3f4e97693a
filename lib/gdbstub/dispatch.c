/* Which handler a packet goes to. Packets the stub does not know get
 * the empty reply, which GDB reads as "not supported". */
#include <string.h>
#include "internal.h"

struct gdb_cmd {
	const char *name;	/* one letter, or a name ending at : , ; or end */
	gdb_handler_fn *fn;
};

static const struct gdb_cmd cmds[] = {
	{ "?", gdb_cmd_stop_query },
	{ "g", gdb_cmd_read_regs },
	{ "G", gdb_cmd_write_regs },
	{ "p", gdb_cmd_read_reg },
	{ "P", gdb_cmd_write_reg },
	{ "m", gdb_cmd_read_mem },
	{ "M", gdb_cmd_write_mem },
	{ "X", gdb_cmd_write_bin },
	{ "c", gdb_cmd_continue },
	{ "C", gdb_cmd_continue },
	{ "s", gdb_cmd_step },
	{ "S", gdb_cmd_step },
	{ "Z", gdb_cmd_insert_bp },
	{ "z", gdb_cmd_remove_bp },
	{ "H", gdb_cmd_set_thread },
	{ "T", gdb_cmd_thread_alive },
	{ "D", gdb_cmd_detach },
	{ "k", gdb_cmd_kill },
	{ "vCont?", gdb_cmd_vcont_query },
	{ "vCont", gdb_cmd_vcont },
	{ "vKill", gdb_cmd_vkill },
	{ "qSupported", gdb_cmd_supported },
	{ "QStartNoAckMode", gdb_cmd_no_ack },
	{ "qXfer", gdb_cmd_xfer },
	{ "qAttached", gdb_cmd_attached },
	{ "qC", gdb_cmd_current_thread },
	{ "qfThreadInfo", gdb_cmd_thread_first },
	{ "qsThreadInfo", gdb_cmd_thread_more },
	{ "qThreadExtraInfo", gdb_cmd_thread_extra },
	{ "qRcmd", gdb_cmd_monitor },
	{ "QCatchSyscalls", gdb_cmd_catch_syscalls },
};

static bool matches(const char *name, const char *pkt)
{
	size_t n = strlen(name);

	if (n == 1)
		return pkt[0] == name[0];
	if (strncmp(pkt, name, n) != 0)
		return false;
	return pkt[n] == '\0' || pkt[n] == ':' || pkt[n] == ',' ||
	       pkt[n] == ';';
}

void gdb_handle_packet(struct ts_gdb *g, char *pkt, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (matches(cmds[i].name, pkt)) {
			cmds[i].fn(g, pkt, len);
			return;
		}
	}
	gdb_reply(g, "");
}
