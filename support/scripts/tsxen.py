"""The xen-arm64 target's run path: the real Xen (Debian's arm64
hypervisor, fetched at run time into the upstream cache) inside QEMU's
virt board, in dom0less mode with the image as its one domain, domU1
(doc/targets.md, "xen-arm64"). tsqemu.XenArm64 uses it.

- xen_binary(): Xen, pinned by version and the .deb's SHA-256, downloaded
  and unpacked by support/build/fetch-upstream --deb.
- dom0less_dtb(): QEMU's own device tree, dumped with the run's machine
  options (cached per options), with /chosen's Xen command line and the
  domU1 node added.
- Console: Xen writes the domain's vpl011 lines as "(XEN) DOM1: text"
  and its console_io lines as "(d1) text"; ConsoleFilter turns those
  into the guest's own lines and keeps Xen's lines apart.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Debian 12's Xen 4.17 for arm64, a binary package (never installed).
# A new Debian revision (+deb12uN) is a new .deb: set both lines to it
# ('apt-get download xen-hypervisor-4.17-arm64:arm64=V; sha256sum *.deb').
XEN_PACKAGE = "xen-hypervisor-4.17-arm64"
XEN_VERSION = "4.17.7+13-g2445b30a44-0+deb12u1"
XEN_SHA256 = "f76507aca2df2c1870d492406724e812f2b7ab822ee9a24c7634fc3e2cb1100e"
XEN_BINARY = "boot/xen-4.17-arm64"
# Its symbols (xen-syms, the ELF Xen's binary was made from), same version:
# make gdb loads them beside the guest's.
XEN_DBG_PACKAGE = "xen-hypervisor-4.17-arm64-dbg"
XEN_DBG_SHA256 = "ec550d9eab4d10995aa94a4827243de6566c4687bb88b621f3fab1d3d46d73c1"
XEN_SYMS = "usr/lib/debug/boot/xen-syms-4.17-arm64"
PIN = "support/scripts/tsxen.py (XEN_VERSION, XEN_SHA256, XEN_DBG_SHA256)"

# The machine Xen runs on: EL2 for Xen, the GIC the device tree names.
MACHINE = {"virtualization": "on", "gic-version": "3"}
CPU = "cortex-a57"
# One CPU: the domain has one vCPU, and a second CPU under TCG costs
# time and CPU (the first guest line: 0.4 s with one, 0.8-1.3 s with
# two; QEMU's CPU time halves).
SMP = "1"
# Where QEMU's loader puts the guest image and its initrd (Xen copies
# them into the domain). Not 0x48000000: QEMU puts its device tree at
# RAM base + min(RAM / 2, 128 MiB).
IMAGE_ADDR = 0x50000000
MODULE_ALIGN = 2 << 20
# Xen's RAM beside the domain's (its heap, the domain's page tables).
XEN_OWN_MIB = 512
# Xen's command line: its console on the board's PL011; guest_loglvl=all
# lets a domU's console_io writes through (Xen drops them otherwise);
# bootscrub=0: no clearing of free RAM, which under TCG takes longer than
# the rest of the boot and guards nothing here.
XEN_BOOTARGS = "console=dtuart dtuart=serial0 guest_loglvl=all bootscrub=0"


class XenError(Exception):
    """One line saying what is wrong (the caller prefixes "tessera: ")."""


def cache_dir():
    return os.environ.get("TS_UPSTREAM_CACHE") or os.path.join(ROOT, "build", "cache", "upstream")


def fetch_package(package, sha256, use):
    """The root of Debian package (XEN_VERSION, arm64) unpacked in the
    upstream cache, fetched if needed; one line (XenError) when that
    fails."""
    p = subprocess.run([sys.executable, os.path.join(ROOT, "support", "build", "fetch-upstream"),
                        "--deb", "--package", package, "--arch", "arm64",
                        "--version", XEN_VERSION, "--sha256", sha256, "--pin", PIN,
                        "--use", use],
                       capture_output=True, text=True)
    if p.returncode:
        line = (p.stderr.strip().splitlines() or [f"fetch-upstream failed for {package}"])[-1]
        raise XenError(line.removeprefix("tessera: "))
    return p.stdout.strip()


def xen_binary():
    """The path of Xen's binary, fetched and unpacked if needed; one line
    (XenError) naming the package when that fails."""
    path = os.path.join(fetch_package(XEN_PACKAGE, XEN_SHA256, "the xen-arm64 target (make run)"),
                        XEN_BINARY)
    if not os.path.isfile(path):
        raise XenError(f"Debian package {XEN_PACKAGE}:arm64={XEN_VERSION} has no {XEN_BINARY}")
    return path


def xen_syms():
    """The path of xen-syms, the ELF with Xen's symbols of the same build
    as xen_binary() (its -dbg package), for make gdb on xen-arm64."""
    path = os.path.join(fetch_package(XEN_DBG_PACKAGE, XEN_DBG_SHA256,
                                      "make gdb on xen-arm64 (Xen's symbols)"), XEN_SYMS)
    if not os.path.isfile(path):
        raise XenError(f"Debian package {XEN_DBG_PACKAGE}:arm64={XEN_VERSION} has no {XEN_SYMS}")
    return path


def mem_kib(mem):
    """QEMU -m syntax (tsqemu.guest_mem: 128M, 1280K, 1G; MiB without a
    suffix) in KiB; Xen gives a domain whole 4 KiB pages."""
    m = re.fullmatch(r"([1-9][0-9]*)([KMGkmg]?)", mem)
    if not m:
        raise XenError(f"MEM={mem}: give the domain's RAM as a number with K, M or G, e.g. MEM=16M")
    kib = int(m.group(1)) * {"k": 1, "m": 1024, "g": 1 << 20, "": 1024}[m.group(2).lower()]
    if kib % 4:
        raise XenError(f"MEM={mem}: Xen gives a domain whole 4 KiB pages: use a multiple of 4K")
    return kib


def dts_string(s):
    """A device tree source string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def need_dtc():
    if not shutil.which("dtc"):
        raise XenError("dtc not found: the xen-arm64 target builds Xen's device tree with it; "
                       "install Debian's device-tree-compiler (support/scripts/install-deps)")


def machine_options(machine_opts):
    """The -M value (tsqemu.machine), the run's MACHINE_OPTS merged."""
    import tsqemu
    return tsqemu.machine("virt", MACHINE, machine_opts)


def host_args(machine_opts, domain_kib):
    """The options QEMU's device tree depends on, the same for the dump
    and the run: board, CPU, CPU count, RAM."""
    ram_mib = domain_kib // 1024 + 1 + XEN_OWN_MIB
    return ["-M", machine_options(machine_opts), "-cpu", CPU, "-smp", SMP, "-m", f"{ram_mib}M"]


def qemu_dts(qemu, args):
    """QEMU's own device tree for these options, as source: dumped once
    per (QEMU binary, options) into the cache (a dump starts QEMU)."""
    need_dtc()
    st = os.stat(shutil.which(qemu) or qemu)
    key = hashlib.sha256(repr((qemu, st.st_size, st.st_mtime_ns, args)).encode()).hexdigest()[:16]
    folder = os.path.join(cache_dir(), "xen-dtb")
    path = os.path.join(folder, f"virt-{key}.dts")
    if os.path.isfile(path):
        with open(path) as f:
            return f.read()
    os.makedirs(folder, exist_ok=True)
    dtb = f"{path}.{os.getpid()}.dtb"
    try:
        dump = list(args)
        dump[1] += f",dumpdtb={dtb}"
        p = subprocess.run([qemu] + dump + ["-nodefaults", "-no-user-config", "-display", "none"],
                           capture_output=True, text=True)
        if p.returncode or not os.path.isfile(dtb):
            first = (p.stderr.strip().splitlines() or ["?"])[0]
            raise XenError(f"QEMU could not dump its device tree ({' '.join(args)}): {first}")
        p = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], capture_output=True,
                           text=True)
        if p.returncode:
            raise XenError(f"dtc could not read QEMU's device tree: {p.stderr.strip()}")
    finally:
        if os.path.exists(dtb):
            os.unlink(dtb)
    with open(f"{path}.tmp{os.getpid()}", "w") as f:
        f.write(p.stdout)
    os.rename(f"{path}.tmp{os.getpid()}", path)
    return p.stdout


def align(n, to):
    return (n + to - 1) // to * to


def domain_node(domain_kib, image_size, cmdline, initrd_size=None, more_modules=""):
    """/chosen's additions: Xen's command line and the dom0less domain
    (Xen's docs/misc/arm/device-tree/booting.txt). With no module right
    under /chosen there is no dom0. The initrd, if any, follows the
    image, 2 MiB aligned."""
    mods = [f"""		module@{IMAGE_ADDR:x} {{
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <0x0 {IMAGE_ADDR:#x} 0x0 {image_size:#x}>;
			bootargs = {dts_string(cmdline)};
		}};
"""]
    if initrd_size is not None:
        at = initrd_addr(image_size)
        mods.append(f"""		module@{at:x} {{
			compatible = "multiboot,ramdisk", "multiboot,module";
			reg = <0x0 {at:#x} 0x0 {initrd_size:#x}>;
		}};
""")
    return f"""
/ {{
	chosen {{
		#address-cells = <2>;
		#size-cells = <2>;
		xen,xen-bootargs = {dts_string(XEN_BOOTARGS)};
		domU1 {{
		compatible = "xen,domain";
		#address-cells = <2>;
		#size-cells = <2>;
		memory = <0x0 {domain_kib:#x}>;
		cpus = <1>;
		vpl011;
{"".join(mods)}{more_modules}		}};
	}};
}};
"""


def initrd_addr(image_size):
    return IMAGE_ADDR + align(image_size, MODULE_ALIGN)


def dom0less_dtb(qemu, machine_opts, domain_kib, image, cmdline, out, initrd=None,
                 uart2=False):
    """Write Xen's device tree to out: QEMU's own for the same options,
    with the domain. uart2: QEMU's second PL011 passed through to the
    domain (uart2_passthrough). Returns QEMU's arguments for the board
    (host_args)."""
    args = host_args(machine_opts, domain_kib)
    size = os.path.getsize(image)
    isize = os.path.getsize(initrd) if initrd else None
    end = (initrd_addr(size) + isize) if initrd else IMAGE_ADDR + size
    if end > 0x40000000 + (domain_kib // 1024 + 1 + XEN_OWN_MIB) * (1 << 20):
        raise XenError("the image and initrd do not fit in QEMU's RAM beside Xen")
    host = qemu_dts(qemu, args + (UART2_DUMP_ARGS if uart2 else []))
    more = uart2_passthrough(host, end, out + ".uart2.dtb") if uart2 else ""
    src = host + domain_node(domain_kib, size, cmdline, isize, more)
    if uart2:
        src += f"\n&{{{UART2_PATH}}} {{ xen,passthrough; }};\n"
    p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, "-"], input=src,
                       capture_output=True, text=True)
    if p.returncode:
        raise XenError(f"dtc could not build Xen's device tree: {p.stderr.strip()}")
    return args


def loader_args(image, initrd=None, dtb=None):
    """QEMU's generic loader puts the modules where the device tree says
    (dtb: dom0less_dtb's out, for the passed-through UART's module)."""
    args = ["-device", f"loader,file={image},addr={IMAGE_ADDR:#x},force-raw=on"]
    end = IMAGE_ADDR + os.path.getsize(image)
    if initrd:
        at = initrd_addr(os.path.getsize(image))
        args += ["-device", f"loader,file={initrd},addr={at:#x},force-raw=on"]
        end = at + os.path.getsize(initrd)
    if dtb and os.path.isfile(dtb + ".uart2.dtb"):
        args += ["-device", f"loader,file={dtb}.uart2.dtb,addr={align(end, MODULE_ALIGN):#x},"
                 "force-raw=on"]
    return args


# The debugger stub's own UART on xen-arm64 (make debug, tests/gdb with
# the stub on the second UART). Xen's vpl011 cannot carry GDB's protocol:
# Xen sends a domain's output on only at a newline, behind "(XEN) DOM1: ".
# QEMU's virt board has a second PL011 when given a second -serial; Xen
# passes it through to the domain (dom0less device passthrough, Xen's
# docs/misc/arm/passthrough.txt): the host node marked xen,passthrough,
# and a partial device tree for the domain as a module. The domain sees
# a real PL011 at the same address, as on virt-arm64. There is no IOMMU
# on the board: a UART does no DMA, so xen,force-assign-without-iommu.
UART2_PATH = "/pl011@9040000"
UART2_BASE = 0x9040000
UART2_DUMP_ARGS = ["-serial", "null", "-serial", "null"]
# Xen's phandle of the GIC in a domain's tree (GUEST_PHANDLE_GIC).
GUEST_PHANDLE_GIC = 65000


def uart2_passthrough(host_dts, end, out):
    """Write the domain's partial device tree for the UART to out (a dtb),
    the module to load right after end (2 MiB aligned); returns the domain
    node's module for it."""
    m = re.search(r"\n\t" + re.escape(UART2_PATH[1:]) + r" \{(.*?)\n\t\};", host_dts, re.S)
    irq = m and re.search(r"\binterrupts = <([^>]*)>;", m.group(1))
    if not irq:
        raise XenError(f"QEMU's device tree has no {UART2_PATH} with interrupts to pass through")
    src = f"""/dts-v1/;
/ {{
	#address-cells = <2>;
	#size-cells = <2>;
	passthrough {{
		compatible = "simple-bus";
		ranges;
		#address-cells = <2>;
		#size-cells = <2>;
		{UART2_PATH[1:]} {{
			compatible = "arm,pl011", "arm,primecell";
			reg = <0x0 {UART2_BASE:#x} 0x0 0x1000>;
			interrupts = <{irq.group(1)}>;
			interrupt-parent = <{GUEST_PHANDLE_GIC}>;
			xen,reg = <0x0 {UART2_BASE:#x} 0x0 0x1000 0x0 {UART2_BASE:#x}>;
			xen,path = {dts_string(UART2_PATH)};
			xen,force-assign-without-iommu;
		}};
	}};
}};
"""
    p = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, "-"], input=src,
                       capture_output=True, text=True)
    if p.returncode:
        raise XenError(f"dtc could not build the UART's partial device tree: {p.stderr.strip()}")
    at = align(end, MODULE_ALIGN)
    return f"""		module@{at:x} {{
			compatible = "multiboot,device-tree", "multiboot,module";
			reg = <0x0 {at:#x} 0x0 {os.path.getsize(out):#x}>;
		}};
"""


# Xen's console lines that are the guest's (domain 1): its vpl011 and
# its console_io writes.
GUEST_LINE = re.compile(rb"^(?:\(XEN\) DOM1: |\(d1\) )(.*)$", re.S)
# Ctrl-a three times: Xen's console input goes to the next domain. At
# the end of its boot Xen gives it to "DOM0" (none here); once more and
# the domain has it. The run sends it then (ConsoleFilter.want_input),
# so that the guest reads what is typed, and its output comes as it
# writes it: Xen prints the vpl011 of the domain that has the input a
# character at a time ("(XEN) " at each line's start, no "DOM1: "), that
# of the others a line at a time, cut every 126 bytes, and a line
# without a newline never (a prompt, the last words before an exit).
SWITCH_INPUT = b"\x01\x01\x01"
INPUT_TO = re.compile(r"^\(XEN\) \*\*\* Serial input to (\S+)")
# While the domain has the input, every "(XEN) " line is the guest's
# but Xen's messages about the domain ("d1v0 ..."), the input switch,
# a panic (between two lines of 40 stars), a crash: the starts of those.
# Not any line starting "***": the image's own reports do.
# "DOM1: " too: the domain's line as Xen prints it while the domain does
# not have the input (GUEST_LINE), which must be read so however its
# bytes come (found by tests/fuzz/test_fuzz_tools.py, xen-console).
XEN_OWN = re.compile(r"d\d+v\d+[ :]|\*\*\* Serial input|\*{40}$|Panic on CPU|Domain \d+ "
                     r"|Reboot in|DOM1: ")
XEN_OWN_PREFIXES = ("*** Serial input", "*" * 40, "Panic on CPU", "Domain ", "Reboot in",
                    "DOM1: ")
# Xen's last line before the domain runs: "(XEN) " lines before it are
# Xen's, whoever has the input.
BOOTED = re.compile(r"^\(XEN\) Freed \d+kB init memory")
# Xen's end: a panic (then "Reboot in five seconds..."), or the domain
# crashed (Xen stays up with nothing to run). Either ends the run.
PANIC = re.compile(r"^\(XEN\) Panic on CPU \d+:\s*$")
DOMAIN_CRASH = re.compile(r"^\(XEN\) (?:Domain 1 .*crashed|d1v\d+ .*crash)", re.I)


# The image's last line before SCHEDOP_shutdown (plat/xen/shutdown.c):
# Xen prints nothing when a domain shuts down, so an image without the
# QEMU exit (PLAT_XEN_QEMU_EXIT off, as for a real host) would leave the
# run waiting for its timeout.
SHUTDOWN_LINE = re.compile(rb"xen: shutdown: (poweroff, exit status (-?\d{1,9})|crash|reboot)\r?")

# The length of the pieces Xen's vpl011 cuts a long line into.
VPL011_CHUNK = 126


def maybe_xen_own(text):
    """Whether text, the start of a "(XEN) " line, is or may become one
    of Xen's own lines (XEN_OWN) as more of it comes."""
    if XEN_OWN.match(text):
        return True
    return (any(p.startswith(text) for p in XEN_OWN_PREFIXES)
            or re.fullmatch(r"d(\d+(v\d*)?)?|Domain \d*", text) is not None)


class ConsoleFilter:
    """Splits QEMU's serial output into the guest's output (Xen's prefix
    taken off) and Xen's own lines (kept in xen_lines, shown with
    XEN_LOG=1). feed(bytes) returns the guest's output so far: while the
    domain has Xen's console input, as it comes (a prompt without its
    newline too); before, whole lines. ended is set to a reason once Xen
    panicked or the domain crashed; shutdown to ("poweroff", status),
    ("crash", None) or ("reboot", None) once the image said it shuts
    down (SHUTDOWN_LINE); want_input to what the caller must type on the
    console (SWITCH_INPUT once Xen booted), then None."""

    def __init__(self, show_xen=False):
        self.buf = b""
        self.xen_lines = []
        self.show_xen = show_xen
        self.ended = None
        self.panic = None
        self.focus = False      # the domain has Xen's console input
        self.partial = b""      # a long guest line's first pieces
        self.within = False     # inside a guest line passed on in part
        self.want_input = None
        self.switched = False
        self.booted = False
        self.shutdown = None
        self.guest_line = b""   # for SHUTDOWN_LINE (watch_shutdown)

    def vpl011(self, piece):
        """A piece of the domain's vpl011 output as Xen printed it
        while the domain did not have the input."""
        # Xen's vpl011 prints a line of the domain's every 126 bytes
        # (VPL011_OUT_BUF_SIZE - 2) as well as at each newline: 126
        # bytes of text are always a piece of a longer line (a
        # newline among them leaves at most 125), and are joined to
        # the next piece (an empty one for a line of exactly 126).
        text = self.partial + piece
        if len(piece) == VPL011_CHUNK:
            self.partial = text
            return b""
        self.partial = b""
        return text + b"\n"

    def guest_start(self, rest, whole=False):
        """While the domain has the input: whether a "(XEN) " line that
        so far is rest (text after the prefix) is the guest's. A whole
        line is one of Xen's or not (an empty one is the guest's); one
        still coming may yet become one of Xen's."""
        if not (self.focus and self.booted and self.panic is None):
            return False
        text = rest.decode("utf-8", "replace")
        if not whole and text.endswith("\r"):
            return False        # its end may come next: decided then
        return not (XEN_OWN.match(text) if whole else maybe_xen_own(text))

    def line(self, raw):
        m = GUEST_LINE.match(raw.rstrip(b"\r\n"))
        if m:
            if raw.startswith(b"(d1) "):
                return m.group(1) + b"\n"      # console_io: whole lines
            return self.vpl011(m.group(1))
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        if not text.startswith("(XEN)"):
            return raw          # QEMU's own messages
        m = INPUT_TO.match(text)
        if m:
            self.focus = m.group(1) == "DOM1"
            if m.group(1) == "DOM0" and not self.switched:
                self.switched = True
                self.want_input = SWITCH_INPUT
        elif text.startswith("(XEN) ") and self.guest_start(raw[6:].rstrip(b"\r\n"),
                                                            whole=raw.endswith(b"\n")):
            # As it came (a "\r" kept, no newline added to the last
            # line), as when it comes in pieces.
            return raw[6:]
        self.xen_lines.append(text)
        if BOOTED.match(text):
            self.booted = True
        if self.panic is not None:
            if text.startswith("(XEN) ****") or "Reboot in" in text:
                msg = " ".join(self.panic) or "no message"
                self.ended = f"Xen panicked: {msg}"
            elif text.startswith("(XEN) ") and not text.startswith("(XEN) ****"):
                self.panic.append(text[6:].strip())
        elif PANIC.match(text):
            self.panic = []
        elif DOMAIN_CRASH.match(text) and not self.ended:
            self.ended = f"Xen: the domain crashed: {text[6:].strip()}"
        if self.show_xen or self.panic is not None or self.ended:
            return raw if raw.endswith(b"\n") else raw + b"\n"
        return b""

    def feed(self, data):
        self.buf += data
        out = []
        while self.buf:
            if self.within:
                # The rest of a guest line already begun: as it comes.
                piece, nl, self.buf = self.buf.partition(b"\n")
                out.append(piece + nl)
                self.within = not nl
                continue
            if b"\n" in self.buf:
                raw, self.buf = self.buf.split(b"\n", 1)
                out.append(self.line(raw + b"\n"))
                continue
            # A line not ended yet: the guest's, once that is sure, goes
            # on at once (a prompt); anything else waits for its end.
            if self.buf.startswith(b"(XEN) ") and len(self.buf) > 6 \
                    and self.guest_start(self.buf[6:]):
                out.append(self.buf[6:])
                self.buf, self.within = b"", True
            break
        out = b"".join(out)
        self.watch_shutdown(out)
        return out

    def watch_shutdown(self, out):
        """shutdown from a whole line of the guest's output; guest_line
        holds the line begun so far (b"\0" once too long to be it)."""
        if self.shutdown or not out:
            return
        lines = (self.guest_line + out).split(b"\n")
        for line in lines[:-1]:
            m = SHUTDOWN_LINE.fullmatch(line)
            if m:
                word = m.group(1).split(b",")[0].decode()
                self.shutdown = (word, int(m.group(2)) if m.group(2) is not None else None)
                return
        self.guest_line = lines[-1] if len(lines[-1]) < 80 else b"\0"

    def flush(self):
        rest, self.buf = self.buf, b""
        out = rest if self.within else self.line(rest) if rest.strip() else b""
        # The run ended inside a long line: its pieces last, after what
        # was still held (as they come when the rest was passed on as it
        # came).
        if self.partial:
            out, self.partial = out + self.partial + b"\n", b""
        return out


def main():
    """`tsxen.py fetch` (make fetch on xen-arm64): Xen into the cache, so
    that a later make run needs no network."""
    if sys.argv[1:] != ["fetch"]:
        sys.exit("usage: tsxen.py fetch")
    try:
        path = xen_binary()
    except XenError as e:
        sys.exit(f"tessera: {e}")
    print(f"  FETCH   {XEN_PACKAGE}:arm64={XEN_VERSION} (sha256 ok): {path}")


if __name__ == "__main__":
    main()
