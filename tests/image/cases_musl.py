"""lib/musl in images (doc/libc.md): apps/hello-musl through musl's own
start-up on every target: argv from after "--", the environment from
env.NAME=value, constructors, printf with floats, malloc from lib/alloc,
the clock, a pthread pool, atexit, stdio
flushed at exit and the exit status; a malformed env word stops the
boot."""
from cases import BOOTCHECK, Case, End, TARGETS

HELLO = "apps/hello-musl"

# The pool's line: four pthreads on lib/sched threads (clone, futex,
# set_tid_address: lib/syscall's thread calls; stacks from its mmap).
POOL = r"^threads: 4 workers, 100 jobs, sum of squares 338350, [1-4] worker\(s\) took jobs$"

CASES = [
    Case("hello-musl", HELLO, args="one 'two words' exit=7", kargs="env.GREETING=hi env.EMPTY=",
         targets=TARGETS, status=7, timeout=60,
         expect=[r"^Hello from musl: 4 argument\(s\), constructor ran$",
                 r'^argv\[0\] = "hello-musl"$',
                 r'^argv\[1\] = "one"$',
                 r'^argv\[2\] = "two words"$',
                 r'^argv\[3\] = "exit=7"$',
                 r"^environment: 2 variable\(s\), GREETING=hi$",
                 r"^floats: 3\.142 1e-05 6\.022141e\+23 0x1p-1$",
                 r"^malloc: 10000 doubles, sum of 1/k\^2 = 1\.644834$",
                 r"^clock: monotonic \d+\.\d{9} s, never backwards$",
                 POOL,
                 r"atexit handler ran; stdout flushed at exit"],
         absent=[r"DID NOT RUN", r"WENT BACKWARDS",
                 r"'(ioctl|clone|futex|set_tid_address|mmap)' \(\d+\) is not implemented"]),
    Case("hello-musl-status-0", HELLO, targets=TARGETS[:2] + ["xen-arm64"], timeout=60,
         expect=[r"^Hello from musl: 1 argument\(s\), constructor ran$",
                 r"^environment: 0 variable\(s\), GREETING=\(unset\)$",
                 r"atexit handler ran; stdout flushed at exit"]),
    Case("hello-musl-bad-env", HELLO, kargs="env.1X=y", targets=TARGETS[:2] + ["xen-arm64"], end=End.CRASHED,
         timeout=60,
         expect=[r"^boot: command line refused: env\.NAME=value: NAME must start with a "
                 r"letter or '_'; the application is not started$"],
         absent=[r"Hello from musl"]),
    # nolibc has no environment: an env word is named, not dropped silently.
    Case("env-without-musl", BOOTCHECK, kargs="env.GREETING=hi", args="exit 3", status=3,
         targets=TARGETS[:1],
         expect=[r"^boot: env\.GREETING=hi: this image's C library has no environment \(choose musl\); "
                 r"ignored$"]),
    Case("hello-musl-env-no-equals", HELLO, kargs="env.GREETING", targets=TARGETS[:1],
         end=End.CRASHED, timeout=60,
         expect=[r"^boot: command line refused: env\.NAME=value: no '=' "]),
]
