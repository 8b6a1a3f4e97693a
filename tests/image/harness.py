"""Image tests: build each case's (app, target, config), boot it under QEMU
with a timeout, check its serial output and how the run ended. A run that
hangs, crashes or exits with the wrong status is reported as exactly that."""
import os
import re
import resource
import shutil
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402
from tstest import Failure, tsqemu  # noqa: E402

# A case's guest gets the RAM its case names, else the default: not the
# MEM= of the shell that runs the suite (and the Pis take none).
os.environ.pop("MEM", None)

sys.path.insert(0, HERE)
import cases as table  # noqa: E402


def check_output(case, out, arch, target=None):
    lines = out.splitlines()
    pos = 0
    for pat in case.expected(arch, target):
        rx = re.compile(pat)
        while pos < len(lines) and not rx.search(lines[pos]):
            pos += 1
        if pos == len(lines):
            raise Failure(f"expected a line matching /{pat}/ (in order) in:\n{tstest.tail(out)}")
        pos += 1
    for pat in case.absent:
        for line in lines:
            if re.search(pat, line):
                raise Failure(f"line {line!r} must not appear:\n{tstest.tail(out)}")


# raspi3b and raspi4b boot one kernel8.img: their configurations differ
# only in the QEMU board `make run` picks (PLAT_RASPI_QEMU_MACHINE, which
# the image embeds in its .config but does not act on). An image case on
# raspi4b boots the raspi3b build on QEMU's raspi4b, as a user puts one
# card in either Pi: each configuration is built once instead of twice,
# which took the suite over 2 minutes on 2 cores. Build tests still make
# raspi4b_defconfig images of their own.
SAME_IMAGE = {"raspi4b": "raspi3b"}


def build(case, target):
    base = SAME_IMAGE.get(target)
    if not base:
        return tstest.build_case(case.app, target, case.config)
    odir, image, config = tstest.build_case(case.app, base, case.config)
    board = f"{config}.{target}"
    if not os.path.exists(board):
        with open(config) as f:
            text = f.read()
        machine = f'CONFIG_PLAT_RASPI_QEMU_MACHINE="{base}"'
        if machine not in text:
            raise Failure(f"{config}: no {machine} line to boot it on {target}")
        tmp = f"{board}.{os.getpid()}"
        with open(tmp, "w") as f:
            f.write(text.replace(machine, f'CONFIG_PLAT_RASPI_QEMU_MACHINE="{target}"'))
        os.replace(tmp, board)
    return odir, image, board


def run_case(case, target):
    _, image, config = build(case, target)
    # mem: QEMU's -m, or a function of the built image that returns it.
    mem = case.mem(image) if callable(case.mem) else case.mem
    share = None
    if case.share:
        share = tempfile.mkdtemp(prefix=f"share-{case.name}-", dir=tstest.BUILD)
        case.share(share)
    try:
        net = client = None
        if case.serve:
            port = free_port()
            net = tsqemu.Net(ports=f"{port}:{case.serve[0]}")
            client = (case.serve[1], lambda: case.serve[2](port))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with tempfile.TemporaryDirectory(prefix="tessera-initrd-") as tmp:
            r = tsqemu.boot(config, image, case.kargs, case.args, timeout=case.timeout,
                            quiet=True, protocol=case.boot, machine_opts=case.machine,
                            mem=mem, feed=case.feed, share=share, share_tags=case.share_tags,
                            initrd=case.initrd(tmp) if case.initrd else None,
                            net=net, client=client)
        judge(case, target, config, r, before)
        if case.share_verify:
            try:
                case.share_verify(share)
            except AssertionError as e:
                raise Failure(f"the shared folder after the run: {e}:\n{tstest.tail(r.output)}")
    finally:
        if share:
            shutil.rmtree(share, ignore_errors=True)


def free_port():
    """A TCP port of 127.0.0.1 nobody listens on now, for QEMU to forward
    (Case.serve)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def judge(case, target, config, r, before):
    """How the run ended, its output, the case's own check."""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r.cpu_seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if r.client_error is not None:
        e = r.client_error
        raise Failure(f"the host's client: {type(e).__name__}: {e}:\n{tstest.tail(r.output)}")
    if r.kind != case.end:
        raise Failure(f"expected the run to end '{case.end}' but it {r.kind} ("
                      f"{r.why or f'status {r.status}'}):\n{tstest.tail(r.output)}")
    if r.kind == tsqemu.EXITED and r.status != case.status:
        raise Failure(f"exit status {r.status}, expected {case.status}:\n{tstest.tail(r.output)}")
    # A QEMU failure's reason (e.g. the guest-error log) is checked as
    # output lines too.
    out = r.output + ("\n" + r.why if r.kind == tsqemu.QEMU_ERROR else "")
    check_output(case, out, tsqemu.read_config(config)["ARCH_NAME"], target)
    if case.verify:
        try:
            case.verify(r)
        except AssertionError as e:
            raise Failure(f"{e}:\n{tstest.tail(r.output)}")


def cases():
    """tstest.Test for tests/run, one per case and target: a case that
    measures time runs alone, its build made beforehand."""
    for case in table.CASES:
        for target in case.targets:
            name = f"image/{target}/{case.name}"
            yield tstest.Test(name, lambda c=case, t=target: run_case(c, t), alone=case.alone,
                              prepare=(lambda c=case, t=target: build(c, t)) if case.alone else None)
