"""A small seeded mutation fuzzer for the host tools written in Python
(Debian 12 has no atheris): inputs made from a seed corpus by bit flips,
interesting values, byte insertion and deletion, truncation, splicing
and tokens, each given to a check function in this process, with a
per-input time limit and an address-space limit.

    stats = fuzz("name", check, seeds, seed=1, seconds=10)

check(data) runs the tool on one input and judges the outcome: it
returns a short signature of what happened ("ok", the error message
without its numbers), or raises Finding when the oracle is not met.
Any other exception escaping check (a tool's traceback), running past
the time limit, or a MemoryError is a finding too. Each finding's input
is kept in the artifacts folder; the run is reproducible from the seed
(the same seed, corpus and iteration count give the same inputs).

There is no coverage feedback; an input whose signature was not seen
before joins the corpus instead, so that mutations go on from inputs
that got past one more check of the parser."""
import hashlib
import os
import random
import re
import resource
import signal
import struct
import time
import traceback

INTERESTING = [0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256,
               1023, 1024, 4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
               0x80000000, 0xffffffff, 1 << 32, (1 << 63) - 1, 1 << 63, (1 << 64) - 1]
INTERESTING_BYTES = [0x00, 0x01, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x25, 0x30, 0x39, 0x41,
                     0x5c, 0x66, 0x7f, 0x80, 0xc3, 0xff]


class Finding(Exception):
    """The oracle was not met; the message says how."""


class Hang(BaseException):
    """An input ran past the per-input time limit (a BaseException, so
    that a tool's `except Exception` does not swallow it)."""


class Mutator:
    """Mutations of bytes, drawn from rng; tokens: byte strings of the
    format (markers, keywords) to insert or overwrite with."""

    def __init__(self, rng, tokens=(), max_len=1 << 16):
        self.rng, self.tokens, self.max_len = rng, [bytes(t) for t in tokens], max_len
        self.ops = [self.flip_bit, self.flip_bit, self.set_byte, self.set_int,
                    self.insert, self.delete, self.truncate, self.splice,
                    self.duplicate, self.line_op]
        if self.tokens:
            self.ops += [self.token, self.token]

    def mutate(self, data, other):
        """data changed by one to four mutations; other: a second corpus
        input, for splicing."""
        self.other = other
        for _ in range(1 + self.rng.randrange(4)):
            data = self.rng.choice(self.ops)(bytearray(data))
        return bytes(data[:self.max_len])

    def _pos(self, data, end=False):
        """A position in data (end: or just after it). Headers sit at the
        start of binary formats and section tables at the end: half the
        positions fall in the first 256 or the last 1024 bytes."""
        n = len(data) + (1 if end else 0)
        if n == 0:
            return 0
        r = self.rng.random()
        if r < 0.25:
            return self.rng.randrange(min(n, 256))
        if r < 0.5:
            return n - 1 - self.rng.randrange(min(n, 1024))
        return self.rng.randrange(n)

    def flip_bit(self, d):
        if d:
            d[self._pos(d)] ^= 1 << self.rng.randrange(8)
        return d

    def set_byte(self, d):
        if d:
            d[self._pos(d)] = self.rng.choice(INTERESTING_BYTES)
        return d

    def set_int(self, d):
        width = self.rng.choice((1, 2, 4, 8))
        if len(d) < width:
            return d
        v = self.rng.choice(INTERESTING)
        if self.rng.random() < 0.3:
            v = (v + self.rng.randrange(-2, 3)) % (1 << 64)
        v &= (1 << (8 * width)) - 1
        fmt = {1: "B", 2: "H", 4: "I", 8: "Q"}[width]
        i = min(self._pos(d), len(d) - width)
        if width > 1 and self.rng.random() < 0.7:
            i -= i % width      # fields are mostly aligned
        d[i:i + width] = struct.pack(self.rng.choice("<>") + fmt, v)
        return d

    def insert(self, d):
        n = self.rng.choice((1, 1, 2, 4, 8, 64, 1000))
        if self.rng.random() < 0.5:
            chunk = bytes([self.rng.choice(INTERESTING_BYTES)]) * n
        else:
            chunk = bytes(self.rng.randrange(256) for _ in range(min(n, 64)))
        i = self._pos(d, end=True)
        d[i:i] = chunk
        return d

    def delete(self, d):
        if d:
            i = self._pos(d)
            del d[i:i + self.rng.choice((1, 1, 2, 4, 8, 64, 512))]
        return d

    def truncate(self, d):
        return d[:self._pos(d, end=True)]

    def splice(self, d):
        o = self.other
        if not o:
            return d
        return d[:self._pos(d, end=True)] + o[self.rng.randrange(len(o)):]

    def duplicate(self, d):
        if d:
            i = self._pos(d)
            chunk = d[i:i + self.rng.choice((1, 8, 64, 256))]
            j = self._pos(d, end=True)
            d[j:j] = chunk
        return d

    def line_op(self, d):
        """Text formats: drop, repeat or swap whole lines."""
        lines = bytes(d).split(b"\n")
        if len(lines) < 2:
            return d
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        op = self.rng.randrange(3)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(j, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return bytearray(b"\n".join(lines))

    def token(self, d):
        t = self.rng.choice(self.tokens)
        i = self._pos(d, end=True)
        if self.rng.random() < 0.5:
            d[i:i] = t
        else:
            d[i:i + len(t)] = t
        return d


class Stats:
    def __init__(self, name):
        self.name, self.execs, self.seconds, self.findings = name, 0, 0.0, []
        self.corpus = 0

    def rate(self):
        return self.execs / self.seconds if self.seconds else 0.0

    def summary(self):
        return (f"{self.name}: {self.execs} executions in {self.seconds:.1f} s ("
                f"{self.rate():.0f}/s), corpus {self.corpus}, {len(self.findings)} findings")


def _on_alarm(signum, frame):
    raise Hang()


def _limit_memory(mb):
    """An address-space limit mb MiB above what this process uses now, so
    that an input that makes a tool allocate without bound gets a
    MemoryError instead of the machine's OOM killer. Returns the old
    limit, for restoring."""
    old = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    want = used + mb * 1024 * 1024
    if old[1] == resource.RLIM_INFINITY or want < old[1]:
        resource.setrlimit(resource.RLIMIT_AS, (want, old[1]))
    return old


def _numberless(text):
    return re.sub(r"0x[0-9a-fA-F]+|\d+", "N", text)


def run_one(check, data, timeout):
    """(signature, None, None) or (None, what went wrong, a key that
    tells one bug from another: the exception's type and where it was
    raised, or the oracle's message, without numbers)."""
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return check(data), None, None
    except Hang:
        return None, f"no result after {timeout:.1f} s (a hang?)", "hang"
    except Finding as e:
        return None, str(e), _numberless(str(e))[:100]
    except Exception as e:  # noqa: B902 - a tool's traceback is the finding
        tb = traceback.extract_tb(e.__traceback__)
        # The innermost frame outside the standard library.
        frames = [f for f in tb if "/python3" not in f.filename and "<frozen" not in f.filename]
        f = (frames or tb or [None])[-1]
        where = f"{os.path.basename(f.filename)}:{f.lineno}" if f else "?"
        trace = "".join(traceback.format_exception(e))[-3000:]
        text = f"{type(e).__name__} at {where}: {e}\n{trace}"
        return None, text, f"{type(e).__name__} at {where}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)


def fuzz(name, check, seeds, seed=1, seconds=None, iterations=None, timeout=5.0,
         tokens=(), artifacts=None, max_len=1 << 16, memory_mb=1024, max_findings=10,
         log=None):
    """Run check on the seeds, then on mutations of the corpus until
    seconds run out or iterations mutated inputs ran (whichever is given
    first; the seeds always run). Findings
    ([(iteration, message, saved path)]) stop the run after
    max_findings distinct ones. Returns Stats."""
    if seconds is None and iterations is None:
        raise ValueError("fuzz: give seconds or iterations")
    rng = random.Random(f"{name}:{seed}")
    mut = Mutator(rng, tokens, max_len)
    stats = Stats(name)
    corpus = [bytes(s) for s in seeds]
    seen_sigs, seen_findings = set(), set()
    old_limit = _limit_memory(memory_mb)
    start = time.monotonic()
    try:
        k = 0
        while True:
            if k < len(seeds):
                data = corpus[k]
            else:
                if iterations is not None and k - len(seeds) >= iterations:
                    break
                if seconds is not None and time.monotonic() - start >= seconds:
                    break
                data = mut.mutate(rng.choice(corpus), rng.choice(corpus))
            sig, bad, key = run_one(check, data, timeout)
            stats.execs += 1
            if bad is None:
                if sig not in seen_sigs and len(corpus) < 512:
                    seen_sigs.add(sig)
                    if k >= len(seeds):
                        corpus.append(data)
            else:
                if key not in seen_findings:
                    seen_findings.add(key)
                    path = None
                    if artifacts:
                        os.makedirs(artifacts, exist_ok=True)
                        path = os.path.join(artifacts, f"{name}-"
                                                       f"{hashlib.sha1(data).hexdigest()[:12]}")
                        with open(path, "wb") as f:
                            f.write(data)
                    stats.findings.append((k, bad, path))
                    if log:
                        first = bad.split("\n")[0][:200]
                        kept = f" (kept in {path})" if path else ""
                        log(f"{name}: finding at input {k} (seed {seed}): {first}{kept}")
                    if len(stats.findings) >= max_findings:
                        break
            k += 1
    finally:
        stats.seconds = time.monotonic() - start
        stats.corpus = len(corpus)
        resource.setrlimit(resource.RLIMIT_AS, old_limit)
    return stats
