"""`make gdb` itself (support/scripts/gdb): batch status, clear messages
when the image lacks a library or gdb-multiarch is missing, sessions side
by side, and no QEMU left behind however a session ends (quit, timeout,
SIGTERM, SIGKILL). On kvm-x86_64, the quickest target to boot."""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gdbsession  # noqa: E402
import tstest  # noqa: E402
from tstest import check  # noqa: E402

TARGET = "kvm-x86_64"
SCRIPT = os.path.join(tstest.ROOT, "support", "scripts", "gdb")


# A build of its own: qemu_pids() finds QEMU processes by the image's path,
# and tests in other workers boot helloworld's usual build.
OWN_BUILD = ["# the gdb session tests' own build"]


def unit_of(test_name):
    """tests/run: one worker for all, since each checks the QEMU processes
    of this build."""
    return "session"


def qemu_pids(image):
    """QEMU processes booting image (found by its path on their command
    line: each test build folder is unique)."""
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and b"qemu-system" in argv[0] and image.encode() in argv:
            pids.append(int(pid))
    return pids


def wait_for(cond, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


def script_cmd(image, config, cmds, timeout=60):
    return ["/usr/bin/python3", SCRIPT, "--config", config, "--image", image,
            "--cmds", cmds, "--timeout", str(timeout)]


def test_batch_status_and_missing_libraries():
    """helloworld has no scheduler, allocator or trace: every helper says
    so in one line (no Python traceback) and the batch run fails; a run
    whose commands succeed exits 0."""
    odir, image, config = tstest.build_case("apps/helloworld", TARGET, OWN_BUILD)
    p = subprocess.run(script_cmd(image, config, "break main; continue; bt"),
                       capture_output=True, text=True, env=gdbsession.clean_env(),
                       timeout=90)
    check(p.returncode == 0 and "main (" in p.stdout,
          f"a batch run that succeeds exited {p.returncode}:\n{tstest.tail(p.stdout + p.stderr)}")
    for cmd, says in (("ts threads", "has no scheduler"),
                      ("ts heap", "has no allocator"),
                      ("ts trace", "has no tracing")):
        p = subprocess.run(script_cmd(image, config, cmd), capture_output=True,
                           text=True, env=gdbsession.clean_env(), timeout=90)
        out = p.stdout + p.stderr
        check(p.returncode == 1, f"'{cmd}' on helloworld exited {p.returncode}, expected 1:\n"
                                 f"{tstest.tail(out)}")
        check(says in out and "Traceback" not in out and "Python Exception" not in out,
              f"'{cmd}' on helloworld does not say '{says}' in one line:\n{tstest.tail(out)}")
    check(not qemu_pids(image), "QEMU still runs after the sessions")


def test_make_gdb_passes_dollar_names():
    """GDB_CMDS reaches gdb as typed: gdb's $pc is not make's $p + c."""
    odir, image, config = tstest.build_case("apps/helloworld", TARGET, OWN_BUILD)
    p = subprocess.run(["make", "-C", os.path.join(tstest.ROOT, "apps", "helloworld"),
                        "O=" + odir, "gdb", "GDB_CMDS=break main; continue; p $pc"],
                       capture_output=True, text=True, env=gdbsession.clean_env(),
                       timeout=120)
    out = p.stdout + p.stderr
    check(p.returncode == 0 and re.search(r"^\$1 = .*0x[0-9a-f]+ <main", out, re.M),
          f"make gdb GDB_CMDS='... p $pc' exited {p.returncode}:\n{tstest.tail(out)}")


def test_missing_gdb_is_named():
    odir, image, config = tstest.build_case("apps/helloworld", TARGET, OWN_BUILD)
    env = gdbsession.clean_env()
    env["GDB"] = "no-such-gdb-multiarch"
    p = subprocess.run(script_cmd(image, config, "bt"), capture_output=True,
                       text=True, env=env, timeout=30)
    check(p.returncode != 0 and "install Debian's gdb-multiarch" in p.stderr
          and len(p.stderr.strip().splitlines()) == 1,
          f"a missing gdb gives:\n{tstest.tail(p.stderr)}")
    check(not qemu_pids(image), "QEMU runs although gdb is missing")


def test_parallel_sessions():
    """Two sessions at once each get their own gdbstub port."""
    odir, image, config = tstest.build_case("apps/helloworld", TARGET, OWN_BUILD)
    procs = [subprocess.Popen(script_cmd(image, config, "break main; continue; bt"),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=gdbsession.clean_env())
             for _ in range(2)]
    outs = [p.communicate(timeout=90)[0] for p in procs]
    for p, out in zip(procs, outs):
        check(p.returncode == 0 and "#0  main (" in out,
              f"a session run beside another failed ({p.returncode}):\n{tstest.tail(out)}")
    ports = [l.split("127.0.0.1:")[1].split()[0] for out in outs
             for l in out.splitlines() if "gdbstub at 127.0.0.1:" in l]
    check(len(ports) == 2 and ports[0] != ports[1], f"ports: {ports}")


def ends_without_qemu(how):
    """Start a session that waits in gdb (QEMU paused), end it by how,
    and check QEMU goes with it."""
    odir, image, config = tstest.build_case("apps/helloworld", TARGET, OWN_BUILD)
    check(not qemu_pids(image), "a QEMU of this image runs already")
    timeout = 3 if how == "timeout" else 60
    p = subprocess.Popen(script_cmd(image, config, "shell sleep 30", timeout),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, env=gdbsession.clean_env())
    try:
        check(wait_for(lambda: qemu_pids(image), 15), "QEMU never started")
        if how == "timeout":
            rc = p.wait(20)
            check(rc == 124, f"a session past its timeout exited {rc}")
        else:
            p.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
            p.wait(20)
        check(wait_for(lambda: not qemu_pids(image), 10),
              f"QEMU still runs after the session ended by {how}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        for pid in qemu_pids(image):      # never leave one behind
            os.kill(pid, signal.SIGKILL)


def test_no_qemu_left_after_timeout():
    ends_without_qemu("timeout")


def test_no_qemu_left_after_sigterm():
    ends_without_qemu("sigterm")


def test_no_qemu_left_after_sigkill():
    ends_without_qemu("sigkill")


def test_make_gdb_xen_arm64_xen_and_guest():
    """make gdb on xen-arm64: QEMU's gdbstub sees Xen at EL2 and the
    domain at EL1; gdb has Xen's symbols (xen-syms of the pinned Xen,
    fetched like Xen) beside the image's. A breakpoint on a Xen function
    stops in Xen, one on the guest's main stops there once Xen has
    started the domain, with the guest's source line."""
    # helloworld's usual build (shared with the other xen-arm64 tests: a
    # build costs more than the session).
    odir, image, config = tstest.build_case("apps/helloworld", "xen-arm64")
    p = subprocess.run(["make", "-C", os.path.join(tstest.ROOT, "apps", "helloworld"),
                        "O=" + odir, "gdb", "TIMEOUT=150",
                        "GDB_CMDS=break start_xen; continue; bt 1; break main; continue; bt; "
                        "info symbol $pc"],
                       capture_output=True, text=True, env=gdbsession.clean_env(),
                       timeout=200)
    out = p.stdout + p.stderr
    check(p.returncode == 0, f"make gdb on xen-arm64 exited {p.returncode}:\n{tstest.tail(out)}")
    check(re.search(r"^#0 .* in start_xen \(\)", out, re.M),
          f"no stop in Xen's start_xen:\n{tstest.tail(out)}")
    check(re.search(r"^#0  main \(argc=1, .*apps/helloworld/main\.c:\d+", out, re.M)
          and re.search(r"^main in section \.text of .*helloworld_xen-arm64\.dbg", out, re.M),
          f"no stop in the guest's main under Xen:\n{tstest.tail(out)}")
