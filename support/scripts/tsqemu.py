"""Booting Tessera images in QEMU: the one place that knows each target's
QEMU command line, the accelerator choice and how a run's end is decoded.
Used by `make run` (support/scripts/run) and by the test harnesses.
"""
import dataclasses
import enum
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import tsxen

CRASH_STATUS = 127          # TS_EXIT_CRASH in <ts/plat/power.h>
MAX_APP_STATUS = 125

# Guest RAM unless MEM= (the environment) or mem= says otherwise.
DEFAULT_MEM = "128M"

class End(enum.StrEnum):
    """How a run ended. RESET: the x86 machine reset (a triple fault, or a
    reboot) and -no-reboot made QEMU exit; the image reported nothing.
    A StrEnum: its members compare equal to (and print as) their words."""
    EXITED = "exited"
    CRASHED = "crashed"
    HUNG = "hung"
    QEMU_ERROR = "qemu-error"
    RESET = "reset"
    # The caller's client (boot(client=)) was done with a server that
    # serves until stopped, and QEMU was stopped.
    STOPPED = "stopped"


EXITED, CRASHED, HUNG, QEMU_ERROR, RESET, STOPPED = End


class Boot(enum.StrEnum):
    """How QEMU is given the image (make run BOOT=, a test case's boot);
    each target lists those it takes, its default first."""
    DEFAULT = "default"
    MULTIBOOT = "multiboot"     # kvm-x86_64: -kernel, a Multiboot image
    PVH = "pvh"                 # kvm-x86_64: -kernel, the PVH entry of the .dbg ELF
    KERNEL8 = "kernel8"         # the Pis: kernel8.img as the firmware loads it
    ELF = "elf"                 # the Pis: the .dbg ELF, started on all four cores
    KERNEL8_DTB = "kernel8-dtb"  # the Pis: kernel8.img with a device tree in x0

# The mount tag of a shared folder (make run SHARE=).
SHARE_TAG = "share"


def share_check(folder):
    """A folder QEMU can share: one line saying what is wrong otherwise,
    before QEMU starts (QEMU itself would fail later, less clearly).
    Returns [] (for share_args' list)."""
    if not os.path.exists(folder):
        raise SystemExit(f"tessera: SHARE={folder}: no such folder")
    if not os.path.isdir(folder):
        raise SystemExit(f"tessera: SHARE={folder}: not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise SystemExit(f"tessera: SHARE={folder}: not readable by this user")
    if "," in folder:
        raise SystemExit(f"tessera: SHARE={folder}: QEMU's -fsdev cannot take a path with a comma")
    return []


# QEMU's user-mode network (make run PORTS=, PCAP=; doc/networking.md):
# the card's MAC unless one is given. The guest is 10.0.2.15 by convention,
# the gateway (QEMU itself) 10.0.2.2.
NET_MAC = "52:54:00:12:34:56"
NET_PORTS_EXAMPLE = 'PORTS="8080:80 6379:6379"'


@dataclasses.dataclass
class Net:
    """The network card of a run: host ports forwarded to the guest's
    (HOST:GUEST words, PORTS=), a pcap file of every frame (PCAP=), the
    card's MAC, and whether the guest may reach beyond QEMU's own
    addresses (outside: slirp's restrict=off)."""
    ports: str = ""
    pcap: str | None = None
    mac: str = NET_MAC
    outside: bool = False


def parse_ports(ports):
    """PORTS= as [(host, guest)]: words HOST:GUEST (or PORT for both),
    separated by blanks or commas. A bad word is one line naming it."""
    pairs, seen = [], set()
    for word in re.split(r"[\s,]+", ports.strip()):
        if not word:
            continue
        m = re.fullmatch(r"(\d{1,5})(?::(\d{1,5}))?", word)
        nums = [int(x) for x in m.groups() if x is not None] if m else []
        if not m or not all(1 <= n <= 65535 for n in nums):
            raise SystemExit(f"tessera: PORTS: '{word}' is not HOST:GUEST with TCP ports "
                             f"1-65535 (e.g. {NET_PORTS_EXAMPLE})")
        host, guest = nums[0], nums[-1]
        if host in seen:
            raise SystemExit(f"tessera: PORTS: host port {host} is forwarded twice")
        seen.add(host)
        pairs.append((host, guest))
    return pairs


def pcap_check(path):
    """A file QEMU's filter-dump can write: one line otherwise."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise SystemExit(f"tessera: PCAP={path}: no folder {folder}")
    if os.path.isdir(path):
        raise SystemExit(f"tessera: PCAP={path}: a folder, not a file")
    if "," in path:
        raise SystemExit(f"tessera: PCAP={path}: QEMU's filter-dump cannot take a path with a "
                         "comma")


# Output that means the run failed whatever the exit status says.
FATAL_PATTERNS = [
    (re.compile(r"KVM internal error"),
     "QEMU's KVM failed to emulate an instruction; rerun with ACCEL=tcg"),
]


# QEMU's error messages ("qemu-system-aarch64: -M foo: ..."), not its
# warnings.
QEMU_MESSAGE = re.compile(r"^qemu-system-\S+: (?!warning:).*$", re.M)


def guest_mem(mem):
    """QEMU's -m value: mem, else $MEM, else DEFAULT_MEM. A number with an
    optional K, M or G suffix (QEMU's default unit is MiB)."""
    mem = (mem or os.environ.get("MEM") or DEFAULT_MEM).strip()
    if not re.match(r"^[1-9][0-9]*[KMGkmg]?$", mem):
        raise SystemExit(f"tessera: MEM={mem}: give the guest's RAM as a number with K, M or G, "
                         "e.g. MEM=128M or MEM=1280K")
    return mem


def read_config(path):
    """The CONFIG_ values of a .config as a dict (strings unquoted)."""
    conf = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$", line.strip())
            if m:
                v = m.group(2)
                if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                    v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                conf[m.group(1)] = v
    return conf


def kvm_usable():
    """(usable, why). /dev/kvm alone proves nothing: on machines that are
    themselves VMs it may be kvm_pvm, a software emulator that cannot run
    real guests (doc/targets.md, kvm-x86_64)."""
    if not os.path.exists("/dev/kvm"):
        return False, "no /dev/kvm"
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False, "/dev/kvm is not accessible to this user"
    if os.path.isdir("/sys/module/kvm_pvm"):
        return False, "/dev/kvm is kvm_pvm (software nested virtualisation)"
    try:
        flags = open("/proc/cpuinfo").read()
    except OSError:
        flags = ""
    if not re.search(r"\b(vmx|svm)\b", flags):
        return False, "the CPU has no VT-x/AMD-V"
    return True, "VT-x/AMD-V present"


class Target:
    """One boot target: how to start QEMU and decode its exit code."""
    protocols = (Boot.DEFAULT,)

    def __init__(self, qemu, package):
        self.qemu = qemu
        self.package = package

    def prepare(self, image, protocol, tmpdir):
        """The file to give QEMU for a boot protocol."""
        return image

    def command(self, image, cmdline, accel, interactive, extra, tmpdir,
                machine_opts="", serials=None, mem=None):
        """QEMU's argument list. tmpdir is private to this run (for logs);
        machine_opts ("key=value,...") are merged into -M; mem is the
        guest's RAM (guest_mem())."""
        raise NotImplementedError

    def problem(self, tmpdir):
        """After QEMU exited: a reason to fail the run whatever its exit
        code says (e.g. QEMU logged a guest error), or None."""
        return None

    # The virtio-9p device of the board (make run SHARE=), None: none.
    virtio_9p = None

    def share_args(self, folder, tags=(SHARE_TAG,)):
        """QEMU's arguments that share a host folder with the guest over
        virtio-9p, one device per mount tag (lib/9pfs mounts one:
        doc/sharing.md)."""
        if not self.virtio_9p:
            raise SystemExit(f"tessera: SHARE: QEMU's {getattr(self, 'board', 'machine')} has "
                             "no virtio: sharing a folder needs kvm-x86_64 or virt-arm64")
        args = share_check(folder)
        for i, tag in enumerate(tags):
            args += ["-fsdev", f"local,id=tsshare{i},path={folder},security_model=none",
                     "-device", f"{self.virtio_9p},fsdev=tsshare{i},mount_tag={tag}"]
        return args

    # The virtio-net device of the board (make run PORTS=, PCAP=), None: none.
    virtio_net = None

    def net_args(self, net):
        """QEMU's arguments for a virtio-net card on the user-mode network:
        host ports forwarded from 127.0.0.1 only, frames dumped to a pcap
        file if asked."""
        if not self.virtio_net:
            raise SystemExit(f"tessera: PORTS/PCAP: QEMU's {getattr(self, 'board', 'machine')} "
                             "has no virtio: networking needs kvm-x86_64 or virt-arm64")
        fwd = "".join(f",hostfwd=tcp:127.0.0.1:{h}-:{g}" for h, g in parse_ports(net.ports))
        restrict = "off" if net.outside else "on"
        args = ["-netdev", f"user,id=tsnet0,restrict={restrict}{fwd}",
                "-device", f"{self.virtio_net},netdev=tsnet0,mac={net.mac}"]
        if net.pcap:
            pcap_check(net.pcap)
            args += ["-object", f"filter-dump,id=tsdump0,netdev=tsnet0,file={net.pcap}"]
        return args

    # The -serial values of a run with an in-image GDB stub (make debug,
    # tests/gdb): which is the stub's UART as in <ts/plat/debug_uart.h>
    # (0 the console's, 1 the second), console and stub are chardev specs.
    # Each target lists its UARTs in QEMU's -serial order.
    def stub_serials(self, which, console, stub):
        return [stub] if which == 0 else [console, stub]

    def serial_args(self, interactive, serials=None):
        """The console on stdio as the one UART (QEMU's monitor on it too
        when interactive), or the -serial values given (a GDB stub run)."""
        if serials:
            return self.serial_override(serials)
        return (["-serial", "mon:stdio"] if interactive
                else ["-serial", "stdio", "-monitor", "none"])

    @staticmethod
    def serial_override(serials):
        return sum((["-serial", s] for s in serials), ["-monitor", "none"])

    def exit_value(self, rc):
        """The value the guest gave its exit device, from QEMU's exit code
        (None if QEMU did not exit through the device)."""
        raise NotImplementedError

    def gdb_symbols(self):
        """ELF files whose symbols make gdb (support/scripts/gdb) loads
        beside the image's own: what else runs on the machine."""
        return []

    def initrd_args(self, initrd):
        """QEMU's arguments for an initrd file (lib/initrd)."""
        return initrd_args(initrd)

    # Seconds between the bytes typed on the console (boot(feed=)), for
    # a console that drops what comes faster than the guest reads; 0:
    # all at once (QEMU's UARTs hold the rest back until the guest reads).
    type_gap = 0

    def console_filter(self):
        """Something with feed(bytes) -> bytes, flush() -> bytes, ended
        (a reason to stop the run as a crash, or None), shutdown (the
        image's own end when nothing else will end the run: (reason,
        status) or None), want_input (bytes to type on the console, or
        None) and xen_lines, through which the serial output goes before
        anyone sees it; None: as it is. A filtered console in a terminal
        gets the keyboard through the run (Terminal)."""
        return None

    def decode(self, rc):
        """The guest writes ts_plat_qemu_exit_value(status): status + 1, or
        127 for a crash (plat/common/power.c). QEMU's own failures exit 1;
        0 is a power-off or reset without a status."""
        if rc == 0:
            return CRASHED, None, ("the machine stopped or reset without an exit status "
                                   "(a reboot, or a triple fault)")
        v = self.exit_value(rc)
        if v is None or v < 1:
            return QEMU_ERROR, None, f"QEMU failed (exit code {rc})"
        if v == CRASH_STATUS:
            return CRASHED, None, "the image reported a crash"
        return EXITED, v - 1, None


class KvmX86(Target):
    protocols = (Boot.MULTIBOOT, Boot.PVH)
    virtio_9p = "virtio-9p-pci"
    virtio_net = "virtio-net-pci"
    # The pc machine's firmware (SeaBIOS, QEMU 10.0) keeps the top 128 KiB
    # of RAM below 4 GiB for its tables and reports it as reserved: the
    # image's RAM ends there (measured with -m 1296K ... 128M; below about
    # 1,290 KiB it keeps less or nothing).
    FIRMWARE_TOP_KIB = 128
    # PVH: QEMU writes the image to RAM before SeaBIOS's POST, which uses
    # RAM below its tables for itself meanwhile: within about 300 KiB of
    # that a PVH image is overwritten before it runs (measured: helloworld
    # boots from 1,436 KiB, bootcheck from 1,460 KiB; from there to
    # 1,760 KiB every 16 KiB step boots). Multiboot loads the image after.
    PVH_FIRMWARE_KIB = 192

    def __init__(self):
        super().__init__("qemu-system-x86_64", "qemu-system-x86")

    def prepare(self, image, protocol, tmpdir):
        """The image carries a Multiboot header and a PVH note; QEMU uses
        Multiboot whenever the header is there, so the PVH entry is booted
        from a copy without the .multiboot section."""
        if protocol != Boot.PVH:
            return image
        copy = os.path.join(tmpdir, os.path.basename(image) + "-pvh")
        subprocess.run(["objcopy", "--remove-section=.multiboot", image, copy],
                       check=True)
        return copy

    def accel_args(self, accel):
        if accel == "kvm":
            return ["-accel", "kvm", "-cpu", "host,-arch-capabilities"]
        return ["-accel", "tcg", "-cpu", "max"]

    def command(self, image, cmdline, accel, interactive, extra, tmpdir,
                machine_opts="", serials=None, mem=None):
        serial = self.serial_args(interactive, serials)
        return ([self.qemu, "-M", machine("pc", {}, machine_opts),
                 "-m", guest_mem(mem), "-nodefaults",
                 "-no-user-config", "-display", "none", "-no-reboot"]
                + self.accel_args(accel) + serial
                + ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                   "-kernel", image, "-append", cmdline] + extra)

    def exit_value(self, rc):
        """isa-debug-exit: QEMU exits with (v << 1) | 1."""
        return rc >> 1 if rc & 1 else None

    def decode(self, rc):
        """The image never powers the pc machine off (it halts when there
        is no isa-debug-exit): exit code 0 is a reset, which -no-reboot
        turns into QEMU's exit. Kept apart from a crash the image reported
        itself, which a test must be able to tell from a silent reset."""
        if rc == 0:
            return RESET, None, ("the machine reset without an exit status "
                                 "(a reboot, or a triple fault)")
        return super().decode(rc)


class XenX86(KvmX86):
    """xen-x86_64 booted by QEMU's own PVH loader (-kernel on the pc
    machine): the image has no Multiboot header, so QEMU takes its PVH
    note. No Xen: the image finds no Xen CPUID leaves and runs as on kvm
    (COM1, isa-debug-exit). Xen for x86 cannot run here (TCG offers no
    nested virtualisation)."""
    protocols = (Boot.PVH,)

    def prepare(self, image, protocol, tmpdir):
        return image


class VirtArm64(Target):
    """QEMU's arm64 virt board. The image is a raw arm64 Linux Image, so
    QEMU passes the device tree in x0 and the command line in it; the exit
    status comes back through semihosting (SYS_EXIT). Guest errors and
    accesses to unimplemented devices are logged and fail the run (a real
    machine would not forgive them)."""
    MACHINE = {"gic-version": "3"}
    # On virt's virtio-mmio transports, version 2 (virtio 1.x): QEMU
    # offers the legacy version 1 unless told otherwise.
    virtio_9p = "virtio-9p-device"
    virtio_net = "virtio-net-device"
    MODERN_MMIO = ["-global", "virtio-mmio.force-legacy=false"]

    def share_args(self, folder, tags=(SHARE_TAG,)):
        return self.MODERN_MMIO + super().share_args(folder, tags)

    def net_args(self, net):
        return self.MODERN_MMIO + super().net_args(net)

    def __init__(self):
        super().__init__("qemu-system-aarch64", "qemu-system-arm")

    def accel_args(self, accel):
        if accel == "kvm":
            return ["-accel", "kvm", "-cpu", "host"]
        return ["-accel", "tcg", "-cpu", "cortex-a72"]

    def command(self, image, cmdline, accel, interactive, extra, tmpdir,
                machine_opts="", serials=None, mem=None):
        serial = self.serial_args(interactive, serials)
        return ([self.qemu, "-M", machine("virt", self.MACHINE, machine_opts),
                 "-m", guest_mem(mem), "-nodefaults", "-no-user-config",
                 "-display", "none", "-no-reboot",
                 "-semihosting-config", "enable=on,target=native"]
                + self.accel_args(accel) + serial
                + ["-d", "guest_errors,unimp", "-D", self.log(tmpdir),
                   "-kernel", image, "-append", cmdline] + extra)

    def log(self, tmpdir):
        return os.path.join(tmpdir, "qemu.log")

    def problem(self, tmpdir):
        try:
            with open(self.log(tmpdir), errors="replace") as f:
                text = f.read().strip()
        except OSError:
            return None
        return "QEMU logged:\n" + text if text else None

    def exit_value(self, rc):
        """Semihosting SYS_EXIT: QEMU exits with the value itself."""
        return rc


class RaspiArm64(Target):
    """QEMU's raspi3b and raspi4b boards, one kernel8.img for both. The
    console is the mini UART, QEMU's second serial port (the first is the
    PL011). QEMU loads the raw Image at 0x80000 and parks cores 1-3 in a
    spin loop, as the firmware does; BOOT=elf gives it the .dbg ELF
    instead, which starts all four cores at the entry (the image must
    park three of them itself); BOOT=kernel8-dtb passes a device tree in
    x0 as the firmware does (plat/raspi/qemu/firmware.dts, which QEMU
    completes with the memory size and -append). The exit status comes
    back through semihosting; guest errors and accesses to unimplemented
    devices fail the run, except the log lines below."""
    protocols = (Boot.KERNEL8, Boot.ELF, Boot.KERNEL8_DTB)
    DTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "plat", "raspi", "qemu", "firmware.dts")

    # What QEMU's raspi models log as unimplemented although real
    # hardware needs it (QEMU 10.0): the mini UART's line, modem and
    # extra control and its baud register; the watchdog's RSTS and WDOG;
    # the firmware's SET_GPIO_STATE tag (the Pi 3B's activity LED on the
    # GPIO expander). Nothing else is forgiven.
    BENIGN = re.compile(
        r"^(bcm2835_aux_write: AUX_MU_(LCR|MCR|CNTL|BAUD)_REG unsupported"
        r"|bcm2835_powermgt_write: (RSTS|WDOG)"
        r"|bcm2835_property: unhandled tag 0x00038041)$")

    def __init__(self, board, pl011=False):
        super().__init__("qemu-system-aarch64", "qemu-system-arm")
        self.board = board
        self.pl011 = pl011      # console on the PL011 (UART0) instead

    def prepare(self, image, protocol, tmpdir):
        self.dtb = None
        if protocol == Boot.KERNEL8_DTB:
            self.dtb = os.path.join(tmpdir, "firmware.dtb")
            p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o",
                                self.dtb, self.DTS], capture_output=True,
                               text=True)
            if p.returncode:
                raise SystemExit("tessera: BOOT=kernel8-dtb: dtc failed "
                                 "(Debian's device-tree-compiler):\n"
                                 + p.stderr)
            return image
        if protocol != Boot.ELF:
            return image
        dbg = image + ".dbg"
        if not os.path.isfile(dbg):
            raise SystemExit(f"tessera: BOOT=elf: no {dbg}")
        return dbg

    def command(self, image, cmdline, accel, interactive, extra, tmpdir,
                machine_opts="", serials=None, mem=None):
        if mem or os.environ.get("MEM"):
            raise SystemExit(f"tessera: MEM: QEMU's {self.board} board has a fixed amount of "
                             "RAM, like the real board")
        console = "mon:stdio" if interactive else "stdio"
        serial = (["-serial", console if self.pl011 else "null",
                   "-serial", "null" if self.pl011 else console]
                  + ([] if interactive else ["-monitor", "none"]))
        if serials:
            serial = self.serial_override(serials)
        return ([self.qemu, "-M", machine(self.board, {}, machine_opts),
                 "-nodefaults", "-no-user-config", "-display", "none",
                 "-no-reboot",
                 "-semihosting-config", "enable=on,target=native",
                 "-accel", "tcg"]
                + serial
                + ["-d", "guest_errors,unimp", "-D", self.log(tmpdir),
                   "-kernel", image, "-append", cmdline]
                + (["-dtb", self.dtb] if getattr(self, "dtb", None) else [])
                + extra)

    def log(self, tmpdir):
        return os.path.join(tmpdir, "qemu.log")

    def problem(self, tmpdir):
        try:
            with open(self.log(tmpdir), errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            return None
        bad = [l for l in lines if l.strip() and not self.BENIGN.match(l)]
        return "QEMU logged:\n" + "\n".join(bad) if bad else None

    def exit_value(self, rc):
        return rc

    def stub_serials(self, which, console, stub):
        """QEMU's first serial is the PL011, the second the mini UART;
        the stub's "second UART" is the one the console does not use."""
        on_pl011 = self.pl011 == (which == 0)
        return [stub, console if which else "null"] if on_pl011 else \
            [console if which else "null", stub]


class XenArm64(Target):
    """The real Xen (Debian's 4.17, fetched into the upstream cache) on
    QEMU's virt board at EL2, the image its one dom0less domain, domU1,
    with $MEM of RAM, one vCPU and the vpl011 (support/scripts/tsxen.py,
    doc/targets.md). The guest's lines come out of Xen's console prefix
    ("(XEN) DOM1: "): the output holds them as the guest wrote them, and
    Xen's own lines only when XEN_LOG=1 (always in Result.xen_log); a
    Xen panic or a crash of the domain ends the run as a crash. The exit
    status comes through semihosting, which QEMU serves the domain too."""
    board = "xen-arm64 (a domain under Xen)"

    def __init__(self):
        super().__init__("qemu-system-aarch64", "qemu-system-arm")
        self.initrd = None

    def initrd_args(self, initrd):
        """A dom0less module (multiboot,ramdisk), not QEMU's -initrd,
        which would go to Xen's own /chosen."""
        initrd_args(initrd)
        self.initrd = initrd
        return []

    def command(self, image, cmdline, accel, interactive, extra, tmpdir,
                machine_opts="", serials=None, mem=None):
        if accel == "kvm":
            raise SystemExit("tessera: ACCEL=kvm: xen-arm64 runs Xen at EL2 of QEMU's "
                             "emulated CPU (TCG)")
        dtb = os.path.join(tmpdir, "xen.dtb")
        try:
            kib = tsxen.mem_kib(guest_mem(mem))
            tsxen.need_dtc()
            xen = tsxen.xen_binary()
            # A stub on the second UART (stub_serials): QEMU's second
            # PL011, passed through to the domain.
            board = tsxen.dom0less_dtb(self.qemu, machine_opts, kib, image, cmdline, dtb,
                                       self.initrd, uart2=bool(serials) and len(serials) == 2)
        except tsxen.XenError as e:
            raise SystemExit(f"tessera: xen-arm64: {e}")
        # Ctrl-a must reach Xen (three switch its console's input), so
        # QEMU's monitor is never on the console.
        serial = (self.serial_override(serials) if serials
                  else ["-serial", "stdio", "-monitor", "none"])
        return ([self.qemu] + board
                + ["-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
                   "-semihosting-config", "enable=on,target=native", "-accel", "tcg"]
                + serial + ["-kernel", xen, "-dtb", dtb]
                + tsxen.loader_args(image, self.initrd, dtb) + extra)

    def stub_serials(self, which, console, stub):
        """Only a stub on the second UART (QEMU's second PL011, passed
        through to the domain: tsxen.uart2_passthrough) can speak GDB's
        protocol: Xen passes the vpl011's bytes on only at a newline."""
        if which == 0:
            raise SystemExit("tessera: xen-arm64: the GDB stub cannot use the console UART (Xen's "
                             "vpl011 passes a domain's output on only at a newline, behind "
                             "\"(XEN) DOM1: \"): set CONFIG_LIB_GDBSTUB_UART_SECOND=y")
        return super().stub_serials(which, console, stub)

    # Xen's serial driver hands typed bytes to the domain's vpl011, whose
    # receive FIFO holds 32 (SBSA_UART_FIFO_SIZE) and drops the rest:
    # nothing holds them back. A byte every 10 ms leaves the guest 0.3 s
    # to read a full FIFO.
    type_gap = 0.01

    def console_filter(self):
        return tsxen.ConsoleFilter(show_xen=os.environ.get("XEN_LOG") == "1")

    def gdb_symbols(self):
        """Xen's own (xen-syms, fetched like Xen): a user can stop in Xen
        and in the guest in one session; their addresses do not meet."""
        try:
            return [tsxen.xen_syms()]
        except tsxen.XenError as e:
            raise SystemExit(f"tessera: xen-arm64: {e}")

    def exit_value(self, rc):
        """Semihosting SYS_EXIT: QEMU exits with the value itself."""
        return rc


def machine(name, defaults, opts):
    """-M argument: the board, its default options, then opts
    ("key=value,...") overriding them."""
    merged = dict(defaults)
    for item in filter(None, (opts or "").split(",")):
        key, _, value = item.partition("=")
        merged[key] = value
    return ",".join([name] + [f"{k}={v}" if v else k for k, v in merged.items()])


def kvm_image_end_kib(image):
    """Where a kvm-x86_64 image ends (KiB from 0; loaded at 1 MiB, up to
    _ts_image_end in its .dbg)."""
    out = subprocess.run(["nm", image + ".dbg"], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r"^([0-9a-f]+) \S _ts_image_end$", out, re.M)
    if not m:
        raise SystemExit(f"tessera: no _ts_image_end in {image}.dbg")
    return (int(m.group(1), 16) + 1023) // 1024


def kvm_min_mem_kib(image, protocol=Boot.MULTIBOOT):
    """The least -m (KiB) from which on every size boots a kvm-x86_64
    image on QEMU's pc machine: the image must lie in RAM the loader
    reports, which ends FIRMWARE_TOP_KIB below the machine's RAM. With
    PVH, QEMU puts the image in place before SeaBIOS runs, and SeaBIOS's
    POST writes over it unless PVH_FIRMWARE_KIB more lie above it."""
    extra = KvmX86.PVH_FIRMWARE_KIB if protocol == Boot.PVH else 0
    return kvm_image_end_kib(image) + KvmX86.FIRMWARE_TOP_KIB + extra


def target_for(conf):
    if conf.get("PLAT_XEN") == "y" and conf.get("ARCH_ARM64") == "y":
        return XenArm64()
    if conf.get("PLAT_KVM") == "y":
        return KvmX86()
    if conf.get("PLAT_XEN") == "y" and conf.get("ARCH_X86_64") == "y":
        return XenX86()
    if conf.get("PLAT_VIRT") == "y":
        return VirtArm64()
    if conf.get("PLAT_RASPI") == "y":
        board = conf.get("PLAT_RASPI_QEMU_MACHINE", "raspi3b")
        # raspi3ap (a Pi 3A+: BCM2837, the LED on GPIO 29) boots the same
        # image; the tests use it for that LED.
        if board not in ("raspi3b", "raspi3ap", "raspi4b"):
            raise SystemExit(f"tessera: run: PLAT_RASPI_QEMU_MACHINE is '{board}'; QEMU boards: "
                             "raspi3b, raspi3ap, raspi4b")
        return RaspiArm64(board, conf.get("PLAT_RASPI_CONSOLE_PL011") == "y")
    raise SystemExit("tessera: run: this configuration's platform has no QEMU target (PLAT_"
                     f"{conf.get('PLAT_NAME', '?').upper()})")


def choose_accel(forced, target):
    if forced:
        if forced not in ("kvm", "tcg"):
            raise SystemExit(f"tessera: ACCEL must be kvm or tcg, not '{forced}'")
        return forced, "forced by ACCEL"
    if not isinstance(target, KvmX86):
        return "tcg", "no KVM for this target on this host"
    ok, why = kvm_usable()
    return ("kvm" if ok else "tcg"), why


def build_cmdline(kargs, args):
    """Kernel parameters, then '--', then the application's arguments."""
    kargs, args = kargs.strip(), args.strip()
    if kargs or args:
        return (f"{kargs} -- {args}").strip()
    return ""


def gdbserver_args(listen_fd):
    """QEMU's own gdbstub, the machine paused at reset (-S), on a socket
    the caller already listens on (listen_fd, inherited by QEMU). Binding
    first and handing QEMU the socket leaves no window in which another
    session could take the port, so sessions run side by side. nodelay:
    as QEMU's own -gdb tcp:... sets it; without it every remote-protocol
    round trip waits for delayed ACKs (a memory read took 0.3 s)."""
    return ["-S", "-chardev",
            f"socket,id=tsgdb,fd={listen_fd},server=on,wait=off,nodelay=on",
            "-gdb", "chardev:tsgdb"]


def _target_protocol(config, protocol, initrd=None):
    """The target of a build's .config and the boot protocol to use (its
    first when none is asked for), or a one-line error. With an initrd,
    the Pis boot with a device tree: that is where QEMU says where the
    initrd lies, as the firmware does (without -dtb QEMU writes only
    32-bit ATAGs at 0x100, which Tessera does not read)."""
    conf = read_config(config)
    target = target_for(conf)
    if initrd and isinstance(target, RaspiArm64):
        if protocol not in (None, Boot.KERNEL8_DTB):
            raise SystemExit(f"tessera: an initrd on the Pis needs BOOT={Boot.KERNEL8_DTB} (the "
                             "device tree says where it lies), not BOOT=" + protocol)
        protocol = Boot.KERNEL8_DTB
    protocol = protocol or target.protocols[0]
    if protocol not in target.protocols:
        raise SystemExit(f"tessera: BOOT={protocol}: this target boots with "
                         f"{', '.join(target.protocols)}")
    return conf, target, protocol


def _qemu_and_accel(target, accel, quiet):
    """QEMU is installed (or a one-line error naming the package), and the
    accelerator to use, said in one line unless quiet."""
    if not shutil.which(target.qemu):
        raise SystemExit(f"tessera: {target.qemu} not found: install Debian's {target.package} "
                         "(support/scripts/install-deps)")
    accel, why = choose_accel(accel or os.environ.get("ACCEL"), target)
    if not quiet:
        sys.stderr.write(f"tessera: accel {accel} ({why})\n")
    return accel


def initrd_args(initrd):
    """QEMU's arguments for an initrd file (lib/initrd): -initrd, which is
    the first Multiboot or PVH module on x86 and /chosen's
    linux,initrd-start and -end in the device tree on arm64."""
    if not initrd:
        return []
    if not os.path.isfile(initrd):
        raise SystemExit(f"tessera: initrd {initrd}: no such file")
    return ["-initrd", initrd]


def net_args(conf, target, net=None):
    """The network card of a run: one whenever the image has the
    virtio-net driver (net: a Net, None for the defaults: no forwarded
    port, no pcap); asking for ports or a pcap of an image without it is
    one line."""
    if conf.get("DRIVER_VIRTIO_NET") != "y":
        if net and (net.ports.strip() or net.pcap):
            what = " and ".join(w for w, v in (("PORTS=", net.ports.strip()), ("PCAP=", net.pcap))
                                if v)
            raise SystemExit(f"tessera: {what} needs the virtio-net driver in the image: "
                             "CONFIG_DRIVER_VIRTIO_NET=y (make menuconfig: Platform -> Drivers "
                             "-> virtio, or that line in the app's app.config)")
        return []
    return target.net_args(net or Net())


def command(config, image, tmpdir, kargs="", args="", accel=None,
            protocol=None, machine_opts="", extra=(), quiet=False,
            stub_uart=None, stub_chardev=None, mem=None, initrd=None, net=None):
    """QEMU's argument list for image, as boot() would start it (serial
    console on stdio, no monitor), for callers that run QEMU themselves
    (support/scripts/gdb). Returns (target, argv)."""
    conf, target, protocol = _target_protocol(config, protocol, initrd)
    extra = list(extra) + target.initrd_args(initrd) + net_args(conf, target, net)
    accel = _qemu_and_accel(target, accel, quiet)
    # An in-image GDB stub on UART stub_uart (0 or 1), its serial line on
    # stub_chardev (a -serial value, e.g. "chardev:tsstub"); the console
    # stays on stdio when the stub has a UART of its own.
    serials = (target.stub_serials(stub_uart, "stdio", stub_chardev)
               if stub_uart is not None else None)
    cmd = target.command(target.prepare(image, protocol, tmpdir),
                         build_cmdline(kargs, args), accel, False,
                         list(extra), tmpdir, machine_opts, serials=serials,
                         mem=mem)
    return target, cmd


@dataclasses.dataclass
class Result:
    """A run: how it ended (End), the exit status when it exited, why
    otherwise, the serial output and the wall time; cpu_seconds: QEMU's
    CPU time, where the caller measured it."""
    kind: End
    status: int | None
    why: str | None
    output: str
    seconds: float
    cpu_seconds: float | None = None
    # What the client of boot(client=) raised, None when it returned.
    client_error: BaseException | None = None
    # A hypervisor's own console lines, kept out of output (xen-arm64).
    xen_log: str = ""


def boot(config, image, kargs="", args="", accel=None, timeout=None,
         echo=False, interactive=False, extra=(), quiet=False, protocol=None,
         machine_opts="", mem=None, feed=None, share=None, share_tags=(SHARE_TAG,),
         initrd=None, net=None, on_output=None, client=None):
    """Boot image and wait for the end. Returns a Result; output is the
    guest's serial output (and QEMU's messages) as text. machine_opts
    ("key=value,...") are added to QEMU's -M (e.g. gic-version=2); mem is
    the guest's RAM (guest_mem(): else $MEM, else 128M). feed, a pair of
    bytes (marker, data), types data on the console once the guest has
    written marker (so that nothing is sent before the guest reads).
    share: a host folder the guest gets over virtio-9p, one device per
    mount tag of share_tags.
    initrd: a file QEMU hands over as the initrd (initrd_args()).
    net: the network card's forwarded ports, pcap and MAC (a Net; the
    card is there whenever the image has the virtio-net driver).
    on_output: called with each piece of the serial output (bytes) as it
    comes, from a thread of its own (a test that acts on a line).
    client, (marker, function) or (marker, function, grace): for a
    server, the function runs in a thread of its own once the guest has
    written marker (a request from the host through net's ports). When it
    returns or raises, QEMU is stopped and the run ends STOPPED; with
    grace, the guest first has that many seconds to end by itself (a
    client that shut the server down), and then the run ends as the guest
    ended. What the function raised is the Result's client_error."""
    conf, target, protocol = _target_protocol(config, protocol, initrd)
    if share:
        extra = list(extra) + target.share_args(share, share_tags)
    extra = list(extra) + target.initrd_args(initrd) + net_args(conf, target, net)
    with tempfile.TemporaryDirectory(prefix="tessera-run-") as tmp:
        return _boot(conf, target, target.prepare(image, protocol, tmp), kargs,
                     args, accel, timeout, echo, interactive, extra, quiet,
                     tmp, machine_opts, mem, feed, on_output, client)


def _boot(conf, target, image, kargs, args, accel, timeout, echo, interactive,
          extra, quiet, tmpdir, machine_opts, mem, feed=None, on_output=None,
          client=None):
    accel = _qemu_and_accel(target, accel, quiet)
    cmd = target.command(image, build_cmdline(kargs, args), accel,
                         interactive, list(extra), tmpdir, machine_opts,
                         mem=mem)
    if os.environ.get("V") == "1":
        sys.stderr.write(" ".join(cmd) + "\n")
    start = time.monotonic()
    filt = target.console_filter()
    # A filtered console (Xen) in a terminal: the keyboard goes through
    # this process (Terminal), so that the run can type what the filter
    # wants (Xen's input switch) and pace the user's keys.
    relay = interactive and filt is not None
    stdin = (None if interactive and not relay else
             subprocess.PIPE if feed or filt else subprocess.DEVNULL)
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=not interactive)
    terminal = Terminal(proc, target.type_gap) if relay else None
    chunks = []
    stopped, client_error = threading.Event(), []

    def run_client():
        try:
            client[1]()
        except BaseException as e:  # the caller's check, reported in the Result
            client_error.append(e)
        if len(client) > 2:
            try:
                proc.wait(timeout=client[2])
                return              # ended by itself: its own end counts
            except subprocess.TimeoutExpired:
                pass
        stopped.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL) if not interactive else proc.kill()
        except ProcessLookupError:
            pass
    client_thread = []

    def pump():
        fed = not feed or proc.stdin is None
        started = not client
        while True:
            data = os.read(proc.stdout.fileno(), 4096)
            if not data:
                # The filter's last line, if it had no newline.
                data = filt.flush() if filt else b""
                if data:
                    chunks.append(data)
                    if echo:
                        os.write(sys.stdout.fileno(), data)
                    if on_output:
                        on_output(data)
                break
            if filt:
                data = filt.feed(data)
                if filt.want_input and proc.stdin:
                    try:
                        proc.stdin.write(filt.want_input)
                        proc.stdin.flush()
                    except OSError:
                        pass
                filt.want_input = None
                if (filt.ended or filt.shutdown) and proc.poll() is None:
                    # A Xen panic reboots after five seconds, a crashed
                    # or shut down domain leaves Xen idle: the run is
                    # over either way.
                    try:
                        os.killpg(proc.pid, signal.SIGKILL) if not interactive else proc.kill()
                    except ProcessLookupError:
                        pass
            chunks.append(data)
            if not started and client[0] in b"".join(chunks):
                started = True
                client_thread.append(threading.Thread(target=run_client, daemon=True))
                client_thread[0].start()
            if not fed and feed[0] in b"".join(chunks):
                fed = True
                if target.type_gap:
                    threading.Thread(target=type_slowly, args=(proc.stdin, feed[1], target.type_gap),
                                     daemon=True).start()
                else:
                    try:
                        proc.stdin.write(feed[1])
                        proc.stdin.flush()
                    except OSError:
                        pass
            if echo:
                os.write(sys.stdout.fileno(), data)
            if on_output:
                on_output(data)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    hung = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGKILL) if not interactive else proc.kill()
        proc.wait()
    except KeyboardInterrupt:
        proc.kill()
        proc.wait()
        raise
    finally:
        if terminal:
            terminal.restore()
    reader.join(5)
    if client_thread:
        # A guest that ended while the client still checked it: the
        # client's verdict (it fails soon, the server being gone) counts.
        client_thread[0].join(30)
    output = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    seconds = time.monotonic() - start
    if filt and filt.ended:
        result = Result(CRASHED, None, filt.ended, output, seconds)
    elif filt and filt.shutdown and not hung:
        result = _domain_shutdown(filt.shutdown, output, seconds)
    else:
        result = _result(target, tmpdir, proc, hung, timeout, stopped, output, seconds)
    if filt:
        result.xen_log = "\n".join(filt.xen_lines)
    if client_thread and client_thread[0].is_alive():
        client_error.append(AssertionError("the client still ran 30 s after the guest ended"))
    if client_error and result.client_error is None:
        result.client_error = client_error[0]
    return result


def _domain_shutdown(shutdown, output, seconds):
    """The Result of a run that ended at the image's own shutdown line
    under Xen (tsxen.SHUTDOWN_LINE: an image without the QEMU exit), as
    the QEMU exit would have said it."""
    reason, status = shutdown
    if reason == "crash":
        return Result(CRASHED, None, "the domain shut down as a crash (SCHEDOP_shutdown)",
                      output, seconds)
    if reason == "reboot":
        return Result(CRASHED, None, "the domain asked Xen for a reboot (SCHEDOP_shutdown)",
                      output, seconds)
    return Result(EXITED, status, None, output, seconds)


class Terminal:
    """The user's keyboard to QEMU's standard input, where the run owns
    that input (a filtered console in a terminal: xen-arm64). The
    terminal goes raw as QEMU would set it for its own stdio (keys as
    typed, no echo), except that Ctrl-C still stops the run (ISIG, as
    QEMU's stdio keeps it) and output lines still start at the left
    (OPOST); each key is passed on gap seconds apart (Target.type_gap).
    restore() puts the terminal back; it runs however the run ends."""

    def __init__(self, proc, gap):
        import termios
        import tty
        self.termios, self.fd, self.proc, self.gap = termios, sys.stdin.fileno(), proc, gap
        self.saved = termios.tcgetattr(self.fd)
        tty.setraw(self.fd)
        attrs = termios.tcgetattr(self.fd)
        attrs[1] |= termios.OPOST | termios.ONLCR
        attrs[3] |= termios.ISIG
        termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        threading.Thread(target=self.relay, daemon=True).start()

    def relay(self):
        try:
            while self.proc.poll() is None:
                data = os.read(self.fd, 256)
                if not data:
                    break
                type_slowly(self.proc.stdin, data, self.gap)
        except OSError:
            pass

    def restore(self):
        if self.saved is not None:
            self.termios.tcsetattr(self.fd, self.termios.TCSADRAIN, self.saved)
            self.saved = None


def type_slowly(stdin, data, gap):
    """Write data a byte at a time, gap seconds apart (Target.type_gap)."""
    try:
        for i in range(len(data)):
            stdin.write(data[i:i + 1])
            stdin.flush()
            time.sleep(gap)
    except OSError:
        pass


def _result(target, tmpdir, proc, hung, timeout, stopped, output, seconds):
    """How a run ended, from QEMU's exit and the output."""
    if hung:
        return Result(HUNG, None, f"no exit after {timeout:g} s", output, seconds)
    if stopped.is_set():
        return Result(STOPPED, None, "stopped once the client was done", output, seconds)
    for pat, msg in FATAL_PATTERNS:
        if pat.search(output):
            return Result(QEMU_ERROR, None, msg, output, seconds)
    problem = target.problem(tmpdir)
    if problem:
        return Result(QEMU_ERROR, None, problem, output, seconds)
    # QEMU's own failures exit 1, which a semihosting exit value can be
    # too (status 0): QEMU's error message tells them apart.
    m = QEMU_MESSAGE.search(output)
    if proc.returncode == 1 and m:
        return Result(QEMU_ERROR, None, m.group(0), output, seconds)
    kind, status, why = target.decode(proc.returncode)
    return Result(kind, status, why, output, seconds)
