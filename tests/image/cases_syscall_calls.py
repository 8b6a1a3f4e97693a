"""lib/syscall's memory, time, randomness, limits, console-input and
signal calls in images, through ts_syscall() (suites sysmem, systime,
sysmisc, syssig), with and without lib/sched, and abort()'s way to the
panic report."""
from cases import Case, End, RASPI, TARGETS

SELFTEST = "tests/image/apps/selftest"
SYSCALL = ["CONFIG_LIB_SYSCALL=y"]
SCHED = SYSCALL + ["CONFIG_LIB_SCHED=y"]
SUITES = "sysmem.*:systime.*:sysmisc.*:syssig.*:syssig_end.*"
COUNT = r"^test: 21 passed, 0 failed, 1 skipped$"

CASES = [
    Case("syscall-calls", SELFTEST, args=SUITES, config=SYSCALL, targets=TARGETS[:2],
         expect=[r"^test: PASS sysmem\.prot_none_guard_then_mprotect$",
                 r"^test: PASS sysmisc\.getrandom_fills_buffers$",
                 r"^test: PASS syssig\.blocked_signal_waits_for_unblock$",
                 r"^test: PASS systime\.sleeps_last_long_enough$",
                 COUNT],
         absent=[r"^test: FAIL", r"is not implemented"]),
    Case("syscall-calls-sched", SELFTEST, args=SUITES, config=SCHED, targets=TARGETS[:2],
         expect=[r"^test: PASS sysmisc\.resource_limits$", COUNT],
         absent=[r"^test: FAIL", r"is not implemented"]),
    # The Pis: a smoke run of the whole set.
    Case("syscall-calls-raspi", SELFTEST, args=SUITES, config=SYSCALL, targets=RASPI,
         expect=[COUNT], absent=[r"^test: FAIL"]),
    # musl's abort(): the handler runs once, then SIG_DFL ends the image
    # with the panic report naming the signal and the thread.
    Case("syscall-abort", SELFTEST, args="syssig_end.abort", kargs="syscall.test_abort",
         config=SCHED, targets=TARGETS[:2], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: signal SIGABRT \(6\) for thread \d+: its default "
                 r"action ends the process$",
                 r"^    thread main, stack 0x[0-9a-f]+-0x[0-9a-f]+$"],
         absent=[r"did not end the image", r"^test: FAIL"]),
    Case("syscall-abort-nosched", SELFTEST, args="syssig_end.abort",
         kargs="syscall.test_abort", config=SYSCALL, targets=TARGETS[:1], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: signal SIGABRT \(6\) for thread 1: its default "
                 r"action ends the process$"],
         absent=[r"did not end the image"]),
]
