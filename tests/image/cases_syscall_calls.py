"""lib/syscall's memory, time, randomness, limits, console-input and
signal calls in images, through ts_syscall() (suites sysmem, systime,
sysmisc, syssig), with and without lib/sched, and abort()'s way to the
panic report."""
from cases import Case, End, RASPI, TARGETS

SELFTEST = "tests/image/apps/selftest"
SYSCALL = ["CONFIG_LIB_SYSCALL=y"]
SCHED = SYSCALL + ["CONFIG_LIB_SCHED=y"]
SUITES = "sysmem.*:systime.*:sysmisc.*:syssig.*:syssig_end.*"
COUNT = r"^test: 21 passed, 0 failed, 2 skipped$"
# With lib/sched, three more: sleeps leave the CPU to other threads, a
# signal for another thread runs there, a thread unmaps its own stack.
COUNT_SCHED = r"^test: 24 passed, 0 failed, 2 skipped$"

CASES = [
    Case("syscall-calls", SELFTEST, args=SUITES, config=SYSCALL, targets=TARGETS[:2],
         expect=[r"^test: PASS sysmem\.prot_none_guard_then_mprotect$",
                 r"^test: PASS sysmisc\.getrandom_fills_buffers$",
                 r"^test: PASS syssig\.blocked_signal_waits_for_unblock$",
                 r"^test: PASS systime\.sleeps_last_long_enough$",
                 COUNT],
         absent=[r"^test: FAIL", r"is not implemented"]),
    Case("syscall-calls-sched", SELFTEST, args=SUITES, config=SCHED, targets=TARGETS[:2],
         expect=[r"^test: PASS syssig\.signal_for_another_thread$",
                 r"^test: PASS systime\.sleep_lets_other_threads_run$", COUNT_SCHED],
         absent=[r"^test: FAIL", r"is not implemented"]),
    # Preemptive: the calls' own locking (preemption off around their
    # tables) under time slices.
    Case("syscall-calls-preempt", SELFTEST, args=SUITES, targets=TARGETS[:1],
         config=SCHED + ["CONFIG_LIB_SCHED_PREEMPT=y"],
         expect=[COUNT_SCHED], absent=[r"^test: FAIL"]),
    # The Pis: a smoke run of the whole set.
    Case("syscall-calls-raspi", SELFTEST, args=SUITES, config=SYSCALL, targets=RASPI,
         expect=[COUNT], absent=[r"^test: FAIL"]),
    # read on descriptor 0: lines typed on the console once the test asks.
    Case("syscall-read", SELFTEST, args="sysread.*", kargs="syscall.test_read",
         config=SCHED, targets=TARGETS, feed=(b"sysread: type a line", b"hello\rab\n\x04"),
         expect=[r"^test: PASS sysread\.console_lines$", r"^test: 1 passed, 0 failed, 0 skipped$"]),
    Case("syscall-read-nosched", SELFTEST, args="sysread.*", kargs="syscall.test_read",
         config=SYSCALL, targets=TARGETS[:1], feed=(b"sysread: type a line", b"hello\rab\n\x04"),
         expect=[r"^test: 1 passed, 0 failed, 0 skipped$"]),
    # musl's abort(): the handler runs once, then SIG_DFL ends the image
    # with the panic report naming the signal and the thread.
    Case("syscall-abort", SELFTEST, args="syssig_end.abort", kargs="syscall.test_abort",
         config=SCHED, targets=TARGETS[:2], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: signal SIGABRT \(6\) for thread \d+ 'main': its default "
                 r"action ends the process$",
                 r"^    thread main, stack 0x[0-9a-f]+-0x[0-9a-f]+$"],
         absent=[r"did not end the image", r"^test: FAIL"]),
    Case("syscall-abort-nosched", SELFTEST, args="syssig_end.abort",
         kargs="syscall.test_abort", config=SYSCALL, targets=TARGETS[:1], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: signal SIGABRT \(6\) for thread 1: its default "
                 r"action ends the process$"],
         absent=[r"did not end the image"]),
    Case("syscall-realtime-default", SELFTEST, args="syssig_end.realtime_default",
         kargs="syscall.test_abort", config=SYSCALL, targets=TARGETS[:1], end=End.CRASHED,
         expect=[r"^\*\*\* PANIC: signal SIGRT8 \(40\) for thread 1: its default "
                 r"action ends the process$"],
         absent=[r"did not end the image"]),
]
