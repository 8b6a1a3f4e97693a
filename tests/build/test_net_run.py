"""The network card of `make run` (support/scripts/run, tsqemu.net_args):
virtio-net on QEMU's user-mode network whenever the image has the driver,
PORTS= forwarded from 127.0.0.1, PCAP= recording every frame. One boot per
target of tests/image/apps/vfstest (the build tests/image/cases_9p.py
boots, which has virtio-net), whose suite net talks to QEMU's gateway
with no stack but its own (ARP, ICMP echo) and checks the MAC it was given,
the counters (receive interrupts) and a full send ring; suite net_fwd waits
for the SYN a host connection to the forwarded port brings; on virt-arm64,
suite net_link sees the link go down and up as QEMU's monitor sets it. Checked here:
the suites' results, the frames in the pcap file, the tracepoints
netdev_rx/netdev_tx in the trace dump. Bad PORTS words, and PORTS for an
image without the driver, are one line before QEMU starts."""
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import ROOT, build_case, check, fresh, make, tail  # noqa: E402
import tsqemu  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tstrace  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tests", "image"))
import cases  # noqa: E402
# cases imports every cases_*.py itself: take the one it loaded.
cases_9p = sys.modules[cases.__name__ + "_9p"]

APP = cases_9p.APP
CONFIG = cases_9p.VIRTIO_9P
ARGS = "net.*:net_fwd.*"
KARGS = "trace.on=netdev_* trace.dump=exit"
SUITE = ["arp_gateway", "bad_frames_refused", "device_and_registry",
         "full_send_ring_is_bounded", "icmp_echo_gateway", "zz_counters"]
WAITING = "net: waiting for a TCP SYN to port 80"
LINK_DOWN = "net: waiting for the link to go down"
LINK_UP = "net: link down; waiting for it to come up"
GUEST_IP = bytes([10, 0, 2, 15])
GATEWAY_IP = bytes([10, 0, 2, 2])


def free_port():
    """A TCP port of 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect_when_waiting(port, output_lines, done, host_side=None):
    """Connect to the forwarded port once the image says it waits (slirp
    then sends the guest a SYN); held open until the run ends. A refused
    or failed connection is tried again until the run ends; what happened
    goes into host_side, for the message when the guest saw no SYN."""
    host_side = host_side if host_side is not None else []
    deadline = time.monotonic() + 100
    while time.monotonic() < deadline and not done.is_set():
        if WAITING in "".join(list(output_lines)):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=10):
                    host_side.append(f"connected to 127.0.0.1:{port}")
                    done.wait(30)
                return
            except OSError as e:
                host_side.append(f"connecting to 127.0.0.1:{port}: {e}")
        time.sleep(0.05)
    if not host_side:
        host_side.append("never connected: the image did not say it waits")


def qmp(path, *commands):
    """QEMU's QMP monitor at path: the capabilities handshake, then each
    command (name, arguments); raises on an error reply."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(10)
        s.connect(path)
        f = s.makefile("rw")
        json.loads(f.readline())     # the greeting
        for name, args in (("qmp_capabilities", {}),) + commands:
            f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "return" in reply or "error" in reply:
                    break
            if "error" in reply:
                raise OSError(f"QMP {name}: {reply['error']}")


def flip_link_when_waiting(path, output_lines, done):
    """set_link off once the image waits for it, on once it saw that."""
    for marker, up in ((LINK_DOWN, False), (LINK_UP, True)):
        deadline = time.monotonic() + 100
        while marker not in "".join(list(output_lines)):
            if time.monotonic() > deadline or done.is_set():
                return
            time.sleep(0.05)
        try:
            qmp(path, ("set_link", {"name": "tsnet0", "up": up}))
        except OSError:
            return


def pcap_frames(path):
    """The frames of a pcap file (QEMU's filter-dump: Ethernet link type)."""
    with open(path, "rb") as f:
        data = f.read()
    check(len(data) >= 24, f"{path}: {len(data)} bytes, no pcap header")
    magic, _, _, _, _, _, link = struct.unpack("<IHHiIII", data[:24])
    check(magic == 0xa1b2c3d4, f"{path}: magic {magic:#x}, not a little-endian pcap file")
    check(link == 1, f"{path}: link type {link}, not Ethernet")
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    check(off == len(data), f"{path}: a record runs past the end")
    return frames


def frames_hold(frames, mac):
    """The pcap has both sides of what suite net and net_fwd did: the ARP
    request from mac and its reply, the echo request and reply, the SYN
    from the forwarded port."""
    mac = bytes.fromhex(mac.replace(":", ""))

    def ip(f, proto):
        return len(f) >= 34 and f[12:14] == b"\x08\x00" and f[23] == proto

    kinds = {
        "ARP request from the guest": lambda f: f[12:14] == b"\x08\x06" and f[6:12] == mac
        and f[20:22] == b"\x00\x01" and f[38:42] == GATEWAY_IP,
        "ARP reply to the guest": lambda f: f[12:14] == b"\x08\x06" and f[0:6] == mac
        and f[20:22] == b"\x00\x02" and f[28:32] == GATEWAY_IP,
        "ICMP echo request": lambda f: ip(f, 1) and f[6:12] == mac and f[34] == 8,
        "ICMP echo reply": lambda f: ip(f, 1) and f[0:6] == mac and f[34] == 0,
        "TCP SYN to port 80": lambda f: ip(f, 6) and f[30:34] == GUEST_IP
        and f[36:38] == b"\x00\x50",
    }
    for what, match in kinds.items():
        check(any(match(f) for f in frames),
              f"no {what} among the pcap's {len(frames)} frames")


def traced(image, output):
    """netdev_tx and netdev_rx events name eth0, lengths and ethertypes."""
    meta = tstrace.load_meta(image + ".dbg")
    events = tstrace.decode_serial(meta, output)
    texts = [(e.name, e.text) for e in events]
    for want in [("netdev_tx", "eth0 len 60 type 0x0806"), ("netdev_rx", "type 0x0806"),
                 ("netdev_tx", "eth0 len 98 type 0x0800"), ("netdev_rx", "eth0 len 98 type 0x0800")]:
        check(any(n == want[0] and want[1] in t for n, t in texts),
              f"no {want[0]} event with '{want[1]}' in the trace: {texts[:12]}")


def console(output, n=40):
    """The last n lines the image printed, without its trace dump (which
    follows them at exit and would fill any tail)."""
    kept, dumping = [], False
    for line in output.splitlines():
        if tstrace.DUMP_BEGIN in line:
            dumping = True
        elif tstrace.DUMP_END in line:
            dumping = False
        elif not dumping:
            kept.append(line)
    return tail("\n".join(kept), n)


def suite_passed(output, mac, link=False):
    for t in SUITE:
        check(f"test: PASS net.{t}" in output, f"net.{t} did not pass:\n{console(output)}")
    check("test: PASS net_fwd.syn_from_forwarded_port" in output,
          f"no SYN from the forwarded port:\n{console(output)}")
    check(f"mac {mac} " in output, f"the card's MAC is not {mac}:\n{console(output)}")
    if link:
        check("test: PASS net_link.down_and_up" in output,
              f"the link did not go down and up:\n{console(output)}")
    check(f"test: {len(SUITE) + 1 + link} passed, 0 failed, 0 skipped" in output,
          f"the suites did not pass:\n{console(output)}")


def test_make_run_net_ports_refuses_bad_words_before_qemu():
    """Through make once, then support/scripts/run (what make runs) for
    the other words: each is one line, and QEMU never starts."""
    odir, image, config = build_case(APP, "kvm-x86_64", CONFIG)
    cases = [("8080:80 x:1", "tessera: PORTS: 'x:1' is not HOST:GUEST"),
             ("70000:80", "tessera: PORTS: '70000:80' is not HOST:GUEST"),
             ("8080:0", "tessera: PORTS: '8080:0' is not HOST:GUEST"),
             ("8080:80,8080:81", "tessera: PORTS: host port 8080 is forwarded twice")]
    for i, (ports, want) in enumerate(cases):
        if i == 0:
            p = make(os.path.join(ROOT, APP), "run", odir=odir, extra=[f"PORTS={ports}"],
                     check_rc=False)
        else:
            p = subprocess.run([sys.executable, os.path.join(ROOT, "support", "scripts", "run"),
                                "--config", config, "--image", image, "--ports", ports],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
        check(p.returncode != 0, f"PORTS={ports}: the run succeeded:\n{tail(p.stdout)}")
        lines = [l for l in p.stderr.splitlines() if l.startswith("tessera: PORTS")]
        check(lines and lines[0].startswith(want),
              f"PORTS={ports}: no line {want!r}:\n{tail(p.stderr)}")
        check("accel" not in p.stderr and "test:" not in p.stdout,
              f"PORTS={ports}: QEMU was started:\n{tail(p.stderr)}")


def test_make_run_net_ports_refuses_an_image_without_virtio_net():
    # The image tests/build/test_share_run.py builds too (no virtio).
    odir, _, _ = build_case(APP, "kvm-x86_64")
    p = make(os.path.join(ROOT, APP), "run", odir=odir, extra=["PORTS=8080:80"], check_rc=False)
    check(p.returncode != 0, f"make run succeeded:\n{tail(p.stdout)}")
    check("tessera: PORTS= needs the virtio-net driver in the image" in p.stderr,
          f"no line about the driver:\n{tail(p.stderr)}")
    check("accel" not in p.stderr, f"QEMU was started:\n{tail(p.stderr)}")


def test_make_run_net_kvm_x86_64():
    """make run itself: PORTS, PCAP, the default MAC."""
    odir, image, _ = build_case(APP, "kvm-x86_64", CONFIG)
    d = fresh("net-run-x86")
    pcap = os.path.join(d, "out.pcap")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    cmd = ["make", "-C", os.path.join(ROOT, APP), f"O={odir}", "run", "TIMEOUT=120",
           f"PORTS={port}:80", f"PCAP={os.path.relpath(pcap, os.path.join(ROOT, APP))}",
           f"ARGS={ARGS} {tsqemu.NET_MAC}", f"KARGS={KARGS}"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=env, stdin=subprocess.DEVNULL)
    lines, done, host_side = [], threading.Event(), []
    t = threading.Thread(target=connect_when_waiting, args=(port, lines, done, host_side),
                         daemon=True)
    t.start()
    for line in p.stdout:
        lines.append(line)
    p.wait()
    done.set()
    t.join()
    output = "".join(lines)
    check(p.returncode == 0, f"make run exited {p.returncode} (host: {'; '.join(host_side)}):"
          f"\n{console(output)}")
    suite_passed(output, tsqemu.NET_MAC)
    frames_hold(pcap_frames(pcap), tsqemu.NET_MAC)
    traced(image, output)


def test_net_virt_arm64():
    """virtio-mmio and the GIC's SPI, a MAC of the test's own, and the
    link turned off and on through QEMU's QMP monitor (set_link): the
    configuration-change interrupt reaches the stack's link()."""
    _, image, config = build_case(APP, "virt-arm64", CONFIG)
    d = fresh("net-run-arm64")
    mac = "52:54:00:5e:a7:11"
    port = free_port()
    net = tsqemu.Net(ports=f"{port}:80", pcap=os.path.join(d, "out.pcap"), mac=mac)
    monitor = os.path.join(d, "qmp.sock")
    lines, done, host_side = [], threading.Event(), []
    threads = [threading.Thread(target=connect_when_waiting, args=(port, lines, done, host_side),
                                daemon=True),
               threading.Thread(target=flip_link_when_waiting, args=(monitor, lines, done),
                                daemon=True)]
    for t in threads:
        t.start()
    try:
        r = tsqemu.boot(config, image, KARGS, f"{ARGS}:net_link.* {mac} link", timeout=120,
                        quiet=True, net=net, extra=["-qmp", f"unix:{monitor},server=on,wait=off"],
                        on_output=lambda b: lines.append(b.decode("utf-8", "replace")))
    finally:
        done.set()
        for t in threads:
            t.join()
    check(r.kind == tsqemu.EXITED and r.status == 0,
          f"the run {r.kind} ({r.status}, {r.why}; host: {'; '.join(host_side)}):"
          f"\n{console(r.output)}")
    suite_passed(r.output, mac, link=True)
    frames_hold(pcap_frames(net.pcap), mac)
    traced(image, r.output)

