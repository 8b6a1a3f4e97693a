"""apps/httpreply in images, served to the host: one boot per target with
a free port of the host's 127.0.0.1 forwarded to the guest's port 80
(make run PORTS=H:80), and the host's curl and sockets as clients: GET /
answered 200 with the page, two requests on one connection (keep-alive)
and two in one write (pipelined), 1 MiB of /bytes/N byte-exact, a 404.

Registered once lwIP has a network interface on lib/netdev (a source of
lib/lwip opens a netdev device): before that, nothing reaches the
image's sockets from outside and the image only listens."""
import glob
import os
import re
import socket
import subprocess

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MIB = 1 << 20


def netif_on_netdev():
    for path in glob.glob(os.path.join(ROOT, "lib", "lwip", "*.c")):
        with open(path, errors="replace") as f:
            if "ts_netdev_open" in f.read():
                return True
    return False


def pattern(n):
    return bytes(i % 251 for i in range(n))


def curl(port, path, *opts):
    p = subprocess.run(["curl", "-s", "-m", "60", *opts, f"http://127.0.0.1:{port}{path}"],
                       capture_output=True)
    if p.returncode:
        raise AssertionError(f"curl {path}: exit {p.returncode} {p.stderr.decode().strip()}")
    return p.stdout


def reply(f):
    """One reply from a socket file: (status, body)."""
    line = f.readline()
    m = re.match(rb"HTTP/1\.1 (\d{3}) ", line)
    if not m:
        raise AssertionError(f"status line {line!r}")
    length = None
    while (h := f.readline()) not in (b"\r\n", b""):
        k, _, v = h.partition(b":")
        if k.lower() == b"content-length":
            length = int(v)
    if length is None:
        raise AssertionError("a reply without Content-Length")
    return int(m.group(1)), f.read(length)


def client(port):
    page = curl(port, "/", "-w", "\n%{http_code}")
    if not page.endswith(b"\n200") or b"Served by httpreply" not in page:
        raise AssertionError(f"GET /: {page[-80:]!r}")
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        f = s.makefile("rb")
        s.sendall(b"GET /bytes/100 HTTP/1.1\r\nHost: t\r\n\r\n")
        first = reply(f)
        s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        second = reply(f)
        s.sendall(b"GET /bytes/3 HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\n")
        third, fourth = reply(f), reply(f)
    if first != (200, pattern(100)) or second[0] != 200 or third != (200, pattern(3)) \
            or fourth[0] != 404:
        raise AssertionError(f"one connection: {first[0]} {second[0]} {third} {fourth[0]}")
    big = curl(port, f"/bytes/{MIB}")
    if big != pattern(MIB):
        raise AssertionError(f"/bytes/{MIB}: {len(big)} bytes, not the pattern")


MARKER = b"httpreply: listening on port 80"
CASES = [
    Case("httpreply-serve", "apps/httpreply", args="80", targets=["kvm-x86_64", "virt-arm64"],
         end="stopped", timeout=120, serve=(80, MARKER, client),
         expect=[r"^httpreply: listening on port 80$"], absent=[r"^httpreply: (?!listening)"]),
] if netif_on_netdev() else []
