/* "catch syscall": QCatchSyscalls:1;NR;NR... (stop at these system
 * calls), QCatchSyscalls:1 (at every one), QCatchSyscalls:0 (at none).
 * GDB sends it before it resumes the program whenever its syscall
 * catchpoints changed; the target asks ts_gdb_catches_syscall() at each
 * call and reports the stops (TS_GDB_STOP_SYSCALL_ENTRY/_RETURN: stop
 * replies with syscall_entry:NR / syscall_return:NR). */
#include <string.h>
#include "internal.h"

bool ts_gdb_catches_syscall(const struct ts_gdb *g, long nr)
{
	switch (g->catch_syscalls) {
	case TS_GDB_CATCH_ALL:
		return true;
	case TS_GDB_CATCH_SOME:
		return nr >= 0 && nr < TS_GDB_SYSCALL_MAX &&
		       (g->catch_set[nr / 8] & (1u << (nr % 8)));
	default:
		return false;
	}
}

void gdb_cmd_catch_syscalls(struct ts_gdb *g, char *pkt, size_t len)
{
	uint8_t set[sizeof(g->catch_set)];
	const char *p = pkt + 14;	/* after "QCatchSyscalls" */
	uint64_t nr;

	(void)len;
	if (!g->t->syscalls) {
		gdb_reply(g, "");	/* not offered in qSupported */
		return;
	}
	if (!strcmp(p, ":0")) {
		g->catch_syscalls = TS_GDB_CATCH_NONE;
		gdb_reply(g, "OK");
		return;
	}
	if (strncmp(p, ":1", 2) != 0 || (p[2] && p[2] != ';')) {
		gdb_reply_error(g, GDB_E_INVAL,
				"QCatchSyscalls: expected :0, :1 or :1;NR;...");
		return;
	}
	if (!p[2]) {
		g->catch_syscalls = TS_GDB_CATCH_ALL;
		gdb_reply(g, "OK");
		return;
	}
	/* The whole list is checked before anything changes. */
	memset(set, 0, sizeof(set));
	for (p += 2; *p; ) {
		p++;	/* the ';' */
		if (!gdb_parse_hex(&p, &nr) || (*p && *p != ';')) {
			gdb_reply_error(g, GDB_E_INVAL,
					"QCatchSyscalls: a number is not hex");
			return;
		}
		if (nr >= TS_GDB_SYSCALL_MAX) {
			gdb_reply_error(g, GDB_E_INVAL,
					"QCatchSyscalls: no system call has "
					"that number");
			return;
		}
		set[nr / 8] |= (uint8_t)(1u << (nr % 8));
	}
	memcpy(g->catch_set, set, sizeof(set));
	g->catch_syscalls = TS_GDB_CATCH_SOME;
	gdb_reply(g, "OK");
}
