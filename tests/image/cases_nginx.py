"""apps/nginx in images: nginx 1.22.1 of ports/nginx (Debian's nginx,
built without its configure) in one boot per target, serving the initrd
the app's own mkrootfs makes, traced (syscall.trace=1): once nginx has
logged its start, curl on the host fetches through a forwarded port
(Case.serve) the page on / (byte for byte), the 1 MiB file (SHA-256), a
range of it and a missing file (404); the console must show the start-up
(the configuration, /etc/passwd and /etc/group read for the user
nobody, the pid file and the logs opened, the listening socket), the
access log's line for each request, and no system call missing."""
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
# A path opened, as the trace names it: open on x86_64, openat on arm64.
OPEN = r"^syscall: \[\d+ main\] open(at)?\((AT_FDCWD, )?\""

sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tscpio  # noqa: E402


def initrd(tmp):
    """apps/nginx/mkrootfs's folder, packed as make run packs it."""
    top = os.path.join(tmp, "rootfs")
    subprocess.run([os.path.join(APP, "mkrootfs"), top], check=True)
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
    Case("nginx-http", "apps/nginx", kargs="syscall.trace=1", targets=TARGETS, initrd=initrd,
         timeout=120, serve=(80, READY, http_checks), end="stopped",
         expect=[OPEN + r"/etc/nginx/nginx\.conf\", O_RDONLY",
                 OPEN + r"/etc/passwd\", .* = 3$",
                 OPEN + r"/etc/group\", .* = 3$",
                 r"^syscall: \[\d+ main\] mkdir(at)?\((AT_FDCWD, )?\"/tmp/client_body_temp\", 0700\) = 0$",
                 r"^syscall: \[\d+ main\] bind\(\d+, .*\) = 0$",
                 r"^syscall: \[\d+ main\] listen\(\d+, 511\) = 0$",
                 r"\[notice\] \d+#0: using the \"epoll\" event method$",
                 r"\[notice\] \d+#0: nginx/1\.22\.1$",
                 r"\[notice\] \d+#0: OS: Tessera 6\.1\.0-tessera$",
                 r"^syscall: \[\d+ main\] accept4\(",
                 r"\"GET / HTTP/1\.1\" 200 \d+ ",
                 r"\"GET /1m\.bin HTTP/1\.1\" 200 1048576 ",
                 r"\"GET /1m\.bin HTTP/1\.1\" 206 1000 ",
                 r"open\(\) \"/www/no-such-file\.html\" failed \(2: No such file or directory\)",
                 r"\"GET /no-such-file\.html HTTP/1\.1\" 404 "],
         absent=[r"is not implemented", r"= -1 ENOSYS", r"\[emerg\]", r"\[alert\]",
                 r"\[crit\]"]),
]
