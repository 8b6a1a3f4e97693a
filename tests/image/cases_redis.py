"""apps/redis in images: redis-server of ports/redis (redis 7.0.15 from
Debian's redis) booted once per target with the app's own configuration
(apps/redis/rootfs, the initrd make run packs), served to the host through
a forwarded port (make run PORTS=) and driven by the host's redis-cli
(Debian redis-tools), as a user would:

1. once redis-server logged that it is ready, PING until it answers;
2. SET and GET of a value made for this run, INCR three times;
3. a 1 MiB value of random bytes SET from redis-cli's standard input and
   read back byte for byte, its STRLEN;
4. DBSIZE: the three keys;
5. BGSAVE, which forks: an error reply, the server's log line naming
   fork's error, and the server still answering; SAVE, in the foreground,
   writes dump.rdb to the ramfs root;
6. SHUTDOWN NOSAVE: redis-server exits with status 0, which ends the run
   (Case.serve's grace: an image that kept running is stopped after it,
   and the run's end is then "stopped", not the expected exit)."""
import os
import secrets
import subprocess
import sys
import time

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "apps", "redis")
sys.path.insert(0, os.path.join(ROOT, "support", "scripts"))
import tscpio  # noqa: E402

TARGETS = ["kvm-x86_64", "virt-arm64"]
PORT = 6379
# Per run: what the client stores, which the image cannot know beforehand.
VALUE = f"tessera-{secrets.token_hex(8)}"
BIG = secrets.token_bytes(1 << 20)


def rootfs(tmp):
    """The app's rootfs/ packed as make run ROOTFS= packs it."""
    path = os.path.join(tmp, "rootfs.cpio")
    tscpio.write(os.path.join(APP, "rootfs"), path)
    return path


def cli(port, *args, data=None, timeout=30):
    """What the host's redis-cli prints for one command (bytes, without
    the newline it adds); its exit status must be 0."""
    try:
        p = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(port)]
                           + (["-x"] if data is not None else []) + list(args),
                           input=data, capture_output=True, timeout=timeout)
    except FileNotFoundError:
        raise AssertionError("the host has no redis-cli: run 'sudo support/scripts/install-deps' "
                             "(Debian redis-tools)")
    if p.returncode != 0:
        raise AssertionError(f"redis-cli {' '.join(args)} failed ({p.returncode}): "
                             f"{(p.stdout + p.stderr).decode(errors='replace').strip()[:200]}")
    return p.stdout[:-1] if p.stdout.endswith(b"\n") else p.stdout


def expect(port, args, want, data=None):
    got = cli(port, *args, data=data)
    if got != want:
        raise AssertionError(f"{' '.join(args)}: got {got[:80]!r}, want {want[:80]!r}")


def wait_ready(port, seconds=60):
    """PING until PONG: QEMU accepts on the forwarded port whether or not
    the guest listens, so a first redis-cli may fail."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if cli(port, "PING", timeout=10) == b"PONG":
                return
        except (AssertionError, subprocess.TimeoutExpired):
            if time.monotonic() > deadline:
                raise AssertionError(f"no PONG on the forwarded port within {seconds} s")
        time.sleep(0.5)


def session(port):
    try:
        wait_ready(port)
        expect(port, ["SET", "key", VALUE], b"OK")
        expect(port, ["GET", "key"], VALUE.encode())
        for n in (1, 2, 3):
            expect(port, ["INCR", "counter"], str(n).encode())
        expect(port, ["SET", "big"], b"OK", data=BIG)
        expect(port, ["STRLEN", "big"], str(len(BIG)).encode())
        got = cli(port, "GET", "big")
        if got != BIG:
            diff = next((i for i, (a, b) in enumerate(zip(got, BIG)) if a != b), min(len(got), len(BIG)))
            raise AssertionError(f"GET big: {len(got)} bytes back for {len(BIG)}, the first "
                                 f"difference at byte {diff}")
        expect(port, ["DBSIZE"], b"3")
        got = cli(port, "BGSAVE")
        if not got.startswith(b"ERR"):
            raise AssertionError(f"BGSAVE (a fork) answered {got[:80]!r}, not an error")
        expect(port, ["PING"], b"PONG")
        expect(port, ["SAVE"], b"OK")
    finally:
        # Ends the run: redis-server exits with status 0 (a failed check
        # above still shuts it down, so the failure is the check's).
        try:
            subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(port), "SHUTDOWN", "NOSAVE"],
                           capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass


CASES = [
    Case("redis-cli", "apps/redis", args="/etc/redis.conf", targets=TARGETS, timeout=180,
         initrd=rootfs, serve=(PORT, b"Ready to accept connections", session, 30),
         expect=[r"Redis version=7\.0\.15, bits=64",
                 r"Ready to accept connections",
                 r"Can't save in background: fork: Function not implemented",
                 r"DB saved on disk",
                 r"User requested shutdown",
                 r"Redis is now ready to exit, bye bye"],
         absent=[r"\*\*\* ", r"Failed listening", r"WARNING"]),
]
