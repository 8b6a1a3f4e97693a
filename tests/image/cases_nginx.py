"""apps/nginx in images: nginx 1.22.1 of ports/nginx (Debian's nginx,
built without its configure) in one boot per target, as far as it goes
without sockets: `nginx -V -t` on a configuration with no server, read
from an initrd made by the app's own mkrootfs: nginx's version line,
then the whole start-up of a configuration test (the configuration
parsed, every module's configuration made, /etc/passwd and /etc/group
read for the user nobody, the pid file written, the logs opened),
"test is successful" and exit status 0, with no system call missing on
the way (syscall.trace=1 names each that is). The HTTP checks with curl
need the sockets of lib/socket and lwIP (not in this tree yet)."""
import hashlib
import os
import re
import subprocess
import sys
import tempfile

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "apps", "nginx")
TARGETS = ["kvm-x86_64", "virt-arm64"]
CHECK_CONF = "/etc/nginx/check.conf"
# A path opened, as the trace names it: open on x86_64, openat on arm64.
OPEN = r"^syscall: \[\d+ main\] open(at)?\((AT_FDCWD, )?\""

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tscpio  # noqa: E402


def check_conf(conf):
    """The app's nginx.conf without its server block: the same settings,
    and no port to listen on, so nginx -t needs no socket."""
    out, n = re.subn(r"\n    server \{.*?\n    \}\n", "\n", conf, flags=re.S)
    if n != 1:
        raise RuntimeError("apps/nginx/rootfs/etc/nginx/nginx.conf: no 'server {' block found")
    return out


def initrd(tmp):
    """apps/nginx/mkrootfs's folder, plus check.conf, packed."""
    top = os.path.join(tmp, "rootfs")
    subprocess.run([os.path.join(APP, "mkrootfs"), top], check=True)
    with open(os.path.join(top, "etc", "nginx", "nginx.conf")) as f:
        conf = f.read()
    with open(os.path.join(top, "etc", "nginx", "check.conf"), "w") as f:
        f.write(check_conf(conf))
    path = os.path.join(tmp, "rootfs.cpio")
    tscpio.write(top, path)
    return path


# nginx's last line before it serves: its notice of the limits, written
# after the listening socket is open (ngx_os_status).
READY = b"getrlimit(RLIMIT_NOFILE)"


def curl(port, path, out, *extra):
    """curl from the host through the forwarded port: (status, headers)."""
    p = subprocess.run(["curl", "-sS", "--max-time", "60", "--retry", "3", "--retry-all-errors",
                        "-D", "-", "-o", out, *extra, f"http://127.0.0.1:{port}{path}"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"curl {path}: exit status {p.returncode}: {p.stderr.strip()}")
    m = re.match(r"HTTP/1\.1 (\d+)", p.stdout)
    if not m:
        raise AssertionError(f"curl {path}: no HTTP/1.1 status line in {p.stdout!r}")
    return int(m.group(1)), p.stdout


def http_checks(port):
    """/ (the page, byte for byte), /1m.bin (SHA-256 and length, as
    mkrootfs made it), its bytes 1000-1999 (a range: 206), and a 404."""
    with tempfile.TemporaryDirectory(prefix="tessera-nginx-") as tmp:
        top = os.path.join(tmp, "rootfs")
        subprocess.run([os.path.join(APP, "mkrootfs"), top], check=True)
        got = os.path.join(tmp, "got")
        status, head = curl(port, "/", got)
        want = open(os.path.join(top, "www", "index.html"), "rb").read()
        if status != 200 or open(got, "rb").read() != want:
            raise AssertionError(f"GET /: status {status}, body {open(got, 'rb').read()[:200]!r}, "
                                 f"not the {len(want)} bytes of www/index.html")
        if not re.search(r"(?im)^content-type: text/html\r?$", head):
            raise AssertionError(f"GET /: not text/html: {head!r}")
        status, head = curl(port, "/1m.bin", got)
        big = open(os.path.join(top, "www", "1m.bin"), "rb").read()
        body = open(got, "rb").read()
        if status != 200 or hashlib.sha256(body).digest() != hashlib.sha256(big).digest():
            raise AssertionError(f"GET /1m.bin: status {status}, {len(body)} bytes whose SHA-256 "
                                 f"is not that of the {len(big)} bytes of www/1m.bin")
        status, head = curl(port, "/1m.bin", got, "-r", "1000-1999")
        if status != 206 or open(got, "rb").read() != big[1000:2000]:
            raise AssertionError(f"GET /1m.bin bytes 1000-1999: status {status}, not those bytes")
        status, head = curl(port, "/no-such-file.html", got)
        if status != 404:
            raise AssertionError(f"GET /no-such-file.html: status {status}, not 404")


CASES = [
    Case("nginx-check", "apps/nginx", args=f"-V -t -c {CHECK_CONF}", kargs="syscall.trace=1",
         targets=TARGETS, initrd=initrd, timeout=60,
         expect=[r"^nginx version: nginx/1\.22\.1$",
                 OPEN + r"/etc/nginx/check\.conf\", O_RDONLY",
                 rf"^nginx: the configuration file {re.escape(CHECK_CONF)} syntax is ok$",
                 OPEN + r"/etc/passwd\", .* = 3$",
                 OPEN + r"/etc/group\", .* = 3$",
                 OPEN + r"/nginx\.pid\", O_RDWR\|O_CREAT.* = 3$",
                 OPEN + r"/dev/stderr\", .* = 3$",
                 rf"^nginx: configuration file {re.escape(CHECK_CONF)} test is successful$"],
         absent=[r"is not implemented", r"\[emerg\]", r"\[alert\]", r"= -1 ENOSYS"]),
]
