"""apps/httpreply built for the host with gcc (what bench/net's Linux
guest runs, static) serves on 127.0.0.1: the page, a keep-alive pair and
a pipelined pair on one connection, 1 MiB of /bytes/N byte-exact through
curl, the error replies, Connection: close and HTTP/1.0 closing, an
oversized head refused, and a bad command line refused with its usage."""
import os
import re
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check  # noqa: E402

SRC = os.path.join(ROOT, "apps", "httpreply")
MIB = 1 << 20


def build():
    out = os.path.join(BUILD, "bench-build", "httpreply-host", "httpreply")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["gcc", "-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o", out,
                    os.path.join(SRC, "main.c"), os.path.join(SRC, "http.c")], check=True)
    return out


def pattern(n):
    return bytes(i % 251 for i in range(n))


def read_reply(f):
    """One reply from a socket file: (status, headers, body)."""
    line = f.readline().decode()
    m = re.fullmatch(r"HTTP/1\.1 (\d{3}) [^\r]+\r\n", line)
    check(m, f"status line {line!r}")
    headers = {}
    while True:
        h = f.readline().decode()
        if h == "\r\n":
            break
        k, _, v = h.partition(":")
        check(v.endswith("\r\n"), f"header line {h!r}")
        headers[k.lower()] = v.strip()
    body = f.read(int(headers["content-length"]))
    return int(m.group(1)), headers, body


def closed(f):
    return f.read(1) == b""


def test_httpreply_serves_on_the_host():
    prog = build()
    p = subprocess.Popen([prog, "-a", "127.0.0.1", "0"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        m = re.fullmatch(r"httpreply: listening on port (\d+)\n", line)
        check(m, f"first line {line!r}; stderr: {p.stderr.read() if p.poll() is not None else ''}")
        port = int(m.group(1))
        url = f"http://127.0.0.1:{port}"

        def conn():
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            return s, s.makefile("rb")

        # The page, then a second request on the same connection, then
        # two requests in one write (pipelined), then Connection: close.
        s, f = conn()
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        st, h, page = read_reply(f)
        check(st == 200 and b"httpreply" in page and h["content-type"] == "text/html"
              and "connection" not in h, f"GET /: {st} {h} {page!r}")
        s.sendall(b"GET /bytes/1000 HTTP/1.1\r\nHost: x\r\n\r\n")
        st, h, body = read_reply(f)
        check(st == 200 and body == pattern(1000), f"keep-alive /bytes/1000: {st} {h}")
        s.sendall(b"GET /bytes/7 HTTP/1.1\r\n\r\nHEAD / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n")
        st, h, body = read_reply(f)
        check(st == 200 and body == pattern(7), f"pipelined first: {st} {body!r}")
        line = f.readline()
        check(line.startswith(b"HTTP/1.1 200 "), f"pipelined HEAD: {line!r}")
        while f.readline() != b"\r\n":
            pass
        s.sendall(b"GET /bytes/0 HTTP/1.1\r\nconnection:  Close \r\n\r\n")
        st, h, body = read_reply(f)
        check(st == 200 and body == b"" and h.get("connection") == "close" and closed(f),
              f"Connection: close: {st} {h} (the server must close)")
        s.close()
        # 1 MiB through a real client, byte-exact.
        got = subprocess.run(["curl", "-sf", f"{url}/bytes/{MIB}"], capture_output=True,
                             check=True).stdout
        check(got == pattern(MIB), f"curl /bytes/{MIB}: {len(got)} bytes, not the pattern")
        # The errors, each on a connection of its own.
        cases = [(b"GET /nope HTTP/1.1\r\n\r\n", 404, True),
                 (b"GET /bytes/01 HTTP/1.1\r\n\r\n", 404, True),
                 (b"GET /bytes/1073741825 HTTP/1.1\r\n\r\n", 404, True),
                 (b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405, True),
                 (b"GARBAGE\r\n\r\n", 400, False),
                 (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400, False),
                 (b"GET / HTTP/2.0\r\n\r\n", 505, False),
                 (b"GET / HTTP/1.0\r\n\r\n", 200, False),
                 (b"GET / HTTP/1.1\r\nX: " + b"a" * 9000, 431, False)]
        for req, want, keep in cases:
            s, f = conn()
            s.sendall(req)
            st, h, body = read_reply(f)
            check(st == want, f"{req[:40]!r}: status {st}, not {want}")
            if keep:
                check("connection" not in h, f"{req[:40]!r}: closes after {st}")
            else:
                check(h.get("connection") == "close" and closed(f),
                      f"{req[:40]!r}: the connection stays open after {st}")
            s.close()
        check(p.poll() is None, "the server stopped")
    finally:
        p.kill()
        p.wait()
    for args, why in ((["70000"], "the port must be a number"), (["-1"], "the port must be"),
                      (["-a", "nowhere", "0"], "not an IPv4 address"),
                      (["1", "2"], "too many arguments")):
        r = subprocess.run([prog] + args, capture_output=True, text=True, timeout=10)
        check(r.returncode == 2 and why in r.stderr and "usage:" in r.stderr,
              f"httpreply {args}: exit {r.returncode}, stderr {r.stderr!r}")
