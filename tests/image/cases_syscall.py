"""lib/syscall in images: its in-image tests through <ts/syscall.h>, the
console text write and writev put out, a missing call named once, -EFAULT
for bad pointers, exit_group's status, the panic option, and the trace."""
from cases import Case, End, TARGETS

SELFTEST = "tests/image/apps/selftest"
SYSCALL = ["CONFIG_LIB_SYSCALL=y"]
ENOSYS_LINE = r"^syscall: 'openat' \(\d+\) is not implemented: -ENOSYS$"


def enosys_named_once(r):
    lines = [ln for ln in r.output.splitlines() if "'openat'" in ln]
    if len(lines) != 1:
        raise AssertionError(f"'openat' named {len(lines)} times, not once: {lines}")


CASES = [
    Case("syscall", SELFTEST, args="syscall*", config=SYSCALL, targets=TARGETS,
         expect=[r"^test: PASS syscall\.bad_pointers_are_efault$",
                 r"^test: PASS syscall\.identity$",
                 ENOSYS_LINE,
                 r"^syscall: system call number -5 does not exist on \w+: -ENOSYS",
                 r"^test: PASS syscall\.missing_call_is_enosys$",
                 r"^test: PASS syscall\.parent_and_cpus$",
                 r"^syscall-test: written by write\(1\)$",
                 r"^syscall-test: written by write\(2\)$",
                 r"^syscall-test: written by writev$",
                 r"^test: SKIP syscall_end\.enosys$",
                 r"^test: 8 passed, 0 failed, 2 skipped$"],
         absent=[r"^test: FAIL", r"number 100000"],
         verify=enosys_named_once),
    Case("syscall-sched", SELFTEST, args="syscall.identity", targets=TARGETS[:2],
         config=SYSCALL + ["CONFIG_LIB_SCHED=y"],
         expect=[r"^test: 1 passed, 0 failed, 0 skipped$"]),
    Case("syscall-exit-status", SELFTEST, args="syscall_end.exit_group_status",
         kargs="syscall.test_end syscall.trace=1", config=SYSCALL, targets=TARGETS[:2],
         status=0x2a, absent=[r"exit_group returned"],
         expect=[r"^syscall: \[1\] exit_group\(298\) = \?$"]),
    Case("syscall-enosys-panics", SELFTEST, args="syscall_end.enosys",
         kargs="syscall.test_end", targets=TARGETS[:2], end=End.CRASHED,
         config=SYSCALL + ["CONFIG_LIB_SYSCALL_PANIC_ON_ENOSYS=y"],
         expect=[r"system call 'openat' \(\d+\) is not implemented"]),
    Case("syscall-trace", SELFTEST, args="syscall.other_descriptors_are_ebadf",
         kargs="syscall.trace=1", config=SYSCALL, targets=TARGETS[:2],
         expect=[r'^syscall: \[1\] write\(3, "x", 1\) = -1 EBADF$',
                 r"^syscall: \[1\] writev\(7, NULL, 0\) = -1 EBADF$"]),
]
