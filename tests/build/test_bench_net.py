"""bench/net works without running it (make test times nothing): its
parsers read what wrk and redis-benchmark print and refuse output
without figures; the Linux guest's /init builds static and its initrd is
a cpio that the real cpio reads back with /init, httpreply and nginx's
data; the network namespace with its tap is made, entered, left and
removed; the readiness probe and the byte-exact check run against the
real httpreply on the host's 127.0.0.1, and refuse a wrong answer."""
import importlib.machinery
import importlib.util
import os
import re
import socket
import subprocess
import sys
import threading
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from tstest import BUILD, ROOT, check  # noqa: E402


def bench():
    path = os.path.join(ROOT, "bench", "net")
    loader = importlib.machinery.SourceFileLoader("bench_net", path)
    spec = importlib.util.spec_from_loader("bench_net", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


# wrk 4.1's summary, as it prints it (numbers changed).
WRK = """Running 10s test @ http://10.0.2.15:80/
  2 threads and 30 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    16.41ms    3.02ms  52.10ms   88.12%
    Req/Sec     0.92k    81.23     1.10k    71.00%
  18312 requests in 10.02s, 5.70MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   1827.54
Transfer/sec:    582.76KB
"""
REDIS = ('"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms",'
         '"p99_latency_ms","max_latency_ms"\n'
         '"SET","61349.69","7.412","1.280","7.199","9.815","11.503","17.295"\n'
         '"GET","73529.41","6.178","1.112","6.015","8.119","9.367","13.087"\n')


def expect_error(f, why):
    b = bench()
    try:
        f()
    except b.BenchError as e:
        check(why in str(e), f"error {e!r} does not say {why!r}")
    else:
        raise AssertionError(f"accepted, expected an error saying {why!r}")


def test_net_bench_parsers():
    b = bench()
    w = b.parse_wrk(WRK, "x")
    check(w["rps"] == 1827.54 and w["bytes_per_s"] == 582.76 * 1024 and w["requests"] == 18312
          and w["errors"] == {"read": 3, "timeout": 2} and w["non2xx"] == 7, f"wrk: {w}")
    clean = "\n".join(ln for ln in WRK.splitlines() if "errors" not in ln and "Non-2xx" not in ln)
    w = b.parse_wrk(clean, "x")
    check(w["errors"] == {} and w["non2xx"] == 0, f"wrk without errors: {w}")
    expect_error(lambda: b.parse_wrk(WRK.replace("Requests/sec", "Req"), "x"), "no summary")
    expect_error(lambda: b.parse_wrk("unable to connect to 10.0.2.15:80 Connection refused",
                                     "x"), "no summary")
    r = b.parse_redis_csv(REDIS, "x")
    check(r == {"SET": 61349.69, "GET": 73529.41}, f"redis: {r}")
    expect_error(lambda: b.parse_redis_csv(REDIS.replace('"GET"', '"LPUSH"'), "x"), "no GET")
    expect_error(lambda: b.parse_redis_csv(REDIS.replace("61349.69", "many"), "x"), "bad line")
    check(b.parse_guest_kb("netbench: rss 12\nnetbench: rss 3456\n", "rss") == 3456
          and b.parse_guest_kb("netbench: rss -1\n", "rss") is None, "guest lines")


def test_net_bench_ratios_and_goals():
    """A table row's ratio is Tessera over Linux (higher is better for
    both units); goals say met or MISSED, and not measured without
    image figures."""
    b = bench()
    rows = [("t", "nginx", "small page", "req/s", [3000.0, 2900.0, 3100.0], [1000.0, 900.0]),
            ("t", "redis", "GET -P 16", "req/s", [10.0], [10.0]),
            ("t", "redis", "SET -P 16", "req/s", [], [10.0]),
            ("t", "nginx", "1 MiB file", "MB/s", [2e8], [1e8])]
    tb = b.table(rows)
    check(re.search(r"\| t \| nginx \| small page \(req/s\) \| 3,000 \(2,900-3,100\) \| "
                    r"950 \(900-1,000\) \| 3\.16x \|$", tb, re.M), f"small page row:\n{tb}")
    check(re.search(r"\| 1 MiB file \(MB/s\) \| 200\.0 .* \| 2\.00x \|$", tb, re.M),
          f"MB/s row:\n{tb}")
    g = b.goals(rows)
    check("t: redis GET -P 16: Tessera / Linux 1.00x (goal >= 1.74x: MISSED)" in g
          and "t: redis SET -P 16: goal >= 1.74x: not measured (no image figures)" in g
          and "t: nginx small page: Tessera / Linux 3.16x (goal >= 2.79x: met)" in g,
          f"goals: {g}")


def test_net_bench_linux_initrd():
    """httpreply's initrd (no download: no Debian package, no modules)."""
    b = bench()
    odir = os.path.join(BUILD, "bench-build", "net-linux")
    rd, argv, versions = b.linux_initrd("kvm-x86_64", "httpreply", odir, with_modules=False)
    check(argv == ["/httpreply", "80"], f"argv {argv}")
    listing = subprocess.run(["cpio", "-itv", "--quiet"], stdin=open(rd, "rb"),
                             capture_output=True, text=True, check=True).stdout
    for pat in (r"^-rwxr-xr-x.* init$", r"^-rwxr-xr-x.* httpreply$", r"^dr.* proc$",
                r"^-rw-r--r--.* etc/passwd$", r"^crw-------.* dev/console$"):
        check(re.search(pat, listing, re.M), f"no /{pat} in the initrd:\n{listing}")
    for prog in ("init", "httpreply"):
        head = subprocess.run(["readelf", "-lh", os.path.join(odir, prog)],
                              capture_output=True, text=True, check=True).stdout
        check("Advanced Micro Devices X86-64" in head and "INTERP" not in head,
              f"{prog} is not a static x86_64 executable:\n{head}")
    # The image's files for nginx: the same configuration and pages.
    img = b.image_initrd("nginx", odir)
    out = os.path.join(odir, "unpacked")
    subprocess.run(["rm", "-rf", out], check=True)
    os.makedirs(out)
    subprocess.run(["cpio", "-id", "--quiet"], stdin=open(img, "rb"), cwd=out, check=True)
    with open(os.path.join(out, "www", "big.bin"), "rb") as f:
        check(f.read() == bytes(i % 251 for i in range(1 << 20)), "www/big.bin")
    with open(os.path.join(out, "etc", "nginx", "nginx.conf")) as f:
        check("root /www;" in f.read(), "nginx.conf")


def test_net_bench_namespace():
    """The namespace and its tap exist while in use and are gone after;
    inside it, the tap has the host's address and this process's
    sockets see that namespace's interfaces."""
    b = bench()
    if os.geteuid():
        raise AssertionError("this test needs root (ip netns add), as the benchmark does")
    ns = b.Netns(name=f"tstest{os.getpid()}")
    try:
        check(ns.name in subprocess.run(["ip", "netns", "list"], capture_output=True,
                                        text=True).stdout, "the namespace was not made")
        ns.enter()
        addrs = subprocess.run(["ip", "-o", "-4", "addr"], capture_output=True,
                               text=True).stdout
        check(re.search(rf"\btap0\s+inet {re.escape(b.HOST_IP)}/{b.PREFIX}\b", addrs)
              and len(addrs.splitlines()) == 2, f"inside: {addrs}")
        with socket.socket() as s:
            s.bind((b.HOST_IP, 0))  # only in there
        ns.leave()
        addrs = subprocess.run(["ip", "-o", "-4", "addr"], capture_output=True,
                               text=True).stdout
        check(not re.search(rf"\btap0\s+inet {re.escape(b.HOST_IP)}/", addrs),
              f"left the namespace, but still see its tap: {addrs}")
    finally:
        ns.close()
    check(ns.name not in subprocess.run(["ip", "netns", "list"], capture_output=True,
                                        text=True).stdout, "the namespace is left behind")


def test_net_bench_probe_and_check():
    """The readiness probe and the 1 MiB check on the real httpreply;
    a server answering something else is refused."""
    b = bench()
    out = os.path.join(BUILD, "bench-build", "net-host", "httpreply")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", out, os.path.join(b.HTTPREPLY, "main.c"),
                    os.path.join(b.HTTPREPLY, "http.c")], check=True)
    p = subprocess.Popen([out, "-a", "127.0.0.1", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"port (\d+)", p.stdout.readline()).group(1))
        check(b.probe("httpreply", ("127.0.0.1", port)) is None, "probe of httpreply failed")
        b.check_big(("127.0.0.1", port), f"/bytes/{b.MIB}", "host")
        expect_error(lambda: b.check_big(("127.0.0.1", port), f"/bytes/{b.MIB - 1}", "host"),
                     "not the 1 MiB pattern")
        # httpreply waits for the rest of a head that PING never ends.
        why = b.probe("redis", ("127.0.0.1", port), timeout=0.5)
        check(why, "httpreply taken for a redis server")
    finally:
        p.kill()
        p.wait()
    # Nothing listening: the probe says why, it does not hang.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    check(b.probe("nginx", ("127.0.0.1", port)), "a closed port probed as serving")
    # A server that accepts and says nothing: the probe gives up.
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen()
    t = threading.Thread(target=lambda: ls.accept(), daemon=True)
    t.start()
    check(b.probe("redis", ls.getsockname(), timeout=0.5), "a silent server probed as serving")
    ls.close()


def test_net_bench_same_card_for_both_guests():
    """The Linux guest gets the card tsqemu gives an image (make run
    PORTS=): the same device, MAC and forwarded port on the user
    network; on the tap, the same card with its netdev on the tap."""
    b = bench()
    user = b.Path("user")
    cmd = b.linux_command("kvm-x86_64", "vmlinuz", "rd", ["/httpreply", "80"], "tcg", user,
                          "httpreply", "/tmp", "256M")
    port = user.forward("httpreply")
    check(f"user,id=tsnet0,restrict=on,hostfwd=tcp:127.0.0.1:{port}-:80" in cmd
          and f"virtio-net-pci,netdev=tsnet0,mac={b.tsqemu.NET_MAC}" in cmd, f"user: {cmd}")
    tap = b.Path.__new__(b.Path)
    tap.kind, tap.ns, tap.host_port = "tap", types.SimpleNamespace(tap="tap7"), {}
    cmd = b.linux_command("virt-arm64", "vmlinuz", "rd", ["/httpreply", "80"], "tcg", tap,
                          "httpreply", "/tmp", "256M")
    check("tap,id=tsnet0,ifname=tap7,script=no,downscript=no" in cmd
          and f"virtio-net-device,netdev=tsnet0,mac={b.tsqemu.NET_MAC}" in cmd
          and not any(x.startswith("user,") for x in cmd), f"tap: {cmd}")
    expect_error(lambda: tap.tap_netdev(["qemu", "-netdev", "socket,id=x"]), "not one user-mode")
