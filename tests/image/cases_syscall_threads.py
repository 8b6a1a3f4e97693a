"""lib/syscall's thread calls in images (lib/syscall/tests_threads.c):
threads started with ts_syscall_clone on the test's stacks and TLS
blocks, futex waits, wakes, timeouts and requeues between them, the
CLONE_CHILD_CLEARTID wake-up a join relies on, one thread's exit, names
through prctl; cooperative and preemptive; and in the trace, clone, the
thread's exit and the munmap of a stack made by the thread that runs
after it."""
import re

from cases import Case

SELFTEST = "tests/image/apps/selftest"
THREADS = ["CONFIG_LIB_SYSCALL=y", "CONFIG_LIB_SCHED=y"]
ALL_PASS = [r"^test: PASS clone\.exit_clears_and_wakes_the_tid_word$",
            r"^test: PASS clone\.thread_runs_with_its_stack_tls_and_id$",
            r"^test: PASS futex\.requeue_moves_waiters$",
            r"^test: PASS futex\.timeouts$",
            r"^test: [1-9]\d* passed, 0 failed, [01] skipped$"]


def unmap_after_exit(r):
    """The thread that asked for its stack to be unmapped exits first
    (exit = ?), and the munmap of that stack comes after, made by another
    thread."""
    m = re.search(r"^clone-test: thread (\d+) unmaps (0x[0-9a-f]+)$", r.output, re.M)
    if not m:
        raise AssertionError("no 'clone-test: thread N unmaps' line")
    tid, base = m.group(1), m.group(2)
    # "[tid]" or "[tid name]": the trace may name the thread too.
    ex = re.search(r"^syscall: \[" + tid + r"\b[^\]]*\] exit\(", r.output, re.M)
    if not ex:
        raise AssertionError(f"no exit traced for thread {tid}")
    unmap = re.compile(r"^syscall: \[(\d+)\b[^\]]*\] munmap\(" + re.escape(base) + r"\b", re.M)
    u = unmap.search(r.output, ex.end())
    if not u:
        raise AssertionError(f"no munmap({base}, ...) traced after thread {tid}'s exit")
    if u.group(1) == tid:
        raise AssertionError(f"munmap({base}) was made by thread {tid} itself, on that stack")


CASES = [
    Case("syscall-threads", SELFTEST, args="clone.*:futex.*", config=THREADS,
         targets=["kvm-x86_64", "virt-arm64", "raspi3b"], timeout=120,
         expect=ALL_PASS, absent=[r"^test: FAIL"]),
    Case("syscall-threads-preemptive", SELFTEST, args="clone.*:futex.*",
         config=THREADS + ["CONFIG_LIB_SCHED_PREEMPT=y"],
         targets=["kvm-x86_64", "virt-arm64"], timeout=120,
         expect=ALL_PASS, absent=[r"^test: FAIL"]),
    Case("syscall-threads-trace", SELFTEST, args="clone.exit_unmap_after_the_switch",
         kargs="syscall.trace=1", config=THREADS, targets=["kvm-x86_64", "virt-arm64"],
         expect=[r"^syscall: \[\d+\b[^\]]*\] clone\(", r"^test: 1 passed, 0 failed"],
         verify=unmap_after_exit),
]
