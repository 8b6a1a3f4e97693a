/* Ending a run. */
#ifndef TS_PLAT_POWER_H
#define TS_PLAT_POWER_H

/* Exit status reserved for "the image crashed" (exception, panic). An
 * application's status is carried as 0..125; larger values become 125
 * (QEMU's exit code has 8 bits, some of which the run script needs to tell
 * a crash or a QEMU failure from an exit status). */
#define TS_EXIT_CRASH 127

/* Stop the machine. Under QEMU (Kconfig option of the platform) the
 * status reaches the host as QEMU's exit status through the run script;
 * on real hardware the CPU halts (or the board resets). */
_Noreturn void ts_plat_poweroff(int status);

/* A hook run once as the run ends, before the machine stops: a debugger
 * stub tells an attached GDB that the program exited (lib/gdbstub sets
 * it; a pointer, so that the platform never calls a library). Every
 * platform's ts_plat_poweroff() starts with
 *     ts_plat_poweroff_hooked(status);
 * (plat/common/power.c). NULL removes it. */
typedef void (*ts_plat_poweroff_hook_fn)(int status);
void ts_plat_poweroff_set_hook(ts_plat_poweroff_hook_fn fn);
void ts_plat_poweroff_hooked(int status);

/* Restart the machine, as a reset button would (x86: the chipset's reset
 * register, then the keyboard controller; arm64 virt: PSCI SYSTEM_RESET;
 * raspi: the watchdog). QEMU run with -no-reboot exits with 0. */
_Noreturn void ts_plat_reset(void);

/* Poweroff with TS_EXIT_CRASH, after the caller printed its report. */
_Noreturn void ts_plat_crash(void);

/* What to hand a QEMU exit device for a status (plat/common/power.c). */
unsigned int ts_plat_qemu_exit_value(int status);

#endif
