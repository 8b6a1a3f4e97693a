"""The GDB stub's hardware side on arm64, before any GDB: brk (GDB's and
the compiled-in one), single step, hardware breakpoints, watchpoints of
each kind, fault-safe memory reads and writes (unmapped, guard page,
device; patching code). The in-image suite gdb_arm64 (lib/gdbstub/arch/
arm64/debug_tests.c) calls arch/arm64's debug facilities directly and
checks what the CPU (QEMU TCG here) delivers. On xen-arm64, under the
real Xen, which keeps the debug registers from its guests: the same
steps (emulated there with brk by arch/arm64) and brk, the hardware
breakpoint and watchpoint tests skipped, inserts refused."""
from cases import Case

SELFTEST = "tests/image/apps/selftest"
ARM64 = ["virt-arm64", "raspi3b", "raspi4b"]
GDBSTUB = ["CONFIG_LIB_GDBSTUB=y"]

TESTS = ["access_watchpoint_part_of_a_doubleword", "brk_of_gdb_reaches_handler",
         "compiled_in_breakpoint_reaches_handler",
         "hw_breakpoint_stops_and_resumes", "hw_insert_refuses",
         "mem_read_safe_refuses_what_would_fault", "mem_write_safe",
         "mem_write_safe_patches_code", "read_watchpoint",
         "single_step_follows_branches", "single_step_stops_after_each_instruction",
         "step_from_hw_breakpoint", "write_watchpoint"]
EXPECT = ([fr"^test: PASS gdb_arm64\.{t}$" for t in TESTS]
          + [fr"^test: {len(TESTS)} passed, 0 failed, 0 skipped$"])
NEED_HW = ["access_watchpoint_part_of_a_doubleword", "hw_breakpoint_stops_and_resumes",
           "read_watchpoint", "step_from_hw_breakpoint", "write_watchpoint"]
EXPECT_XEN = ([fr"^test: SKIP gdb_arm64\.{t}$" if t in NEED_HW else
               fr"^test: PASS gdb_arm64\.{t}$" for t in TESTS]
              + [fr"^test: {len(TESTS) - len(NEED_HW)} passed, 0 failed, "
                 fr"{len(NEED_HW)} skipped$"])

CASES = [
    Case("gdbstub-arm64-hw", SELFTEST, args="gdb_arm64.*", config=GDBSTUB,
         targets=ARM64, expect=EXPECT),
    # Timer interrupts and preemption running meanwhile (the stub's
    # Ctrl-C poll, the scheduler's tick): steps still stop after one
    # instruction, step-overs do not leave breakpoints off.
    Case("gdbstub-arm64-hw-preempt", SELFTEST, args="gdb_arm64.*",
         config=GDBSTUB + ["CONFIG_LIB_SCHED=y", "CONFIG_LIB_SCHED_PREEMPT=y"],
         targets=["virt-arm64"], expect=EXPECT),
    Case("gdbstub-arm64-emulated-step", SELFTEST, args="gdb_arm64.*", config=GDBSTUB,
         targets=["xen-arm64"], expect=EXPECT_XEN),
]
