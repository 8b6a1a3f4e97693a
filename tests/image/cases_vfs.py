"""lib/vfs in images: tests/image/apps/vfstest runs the file layer's
in-image suites (one image per target for all of them), and a musl
program's stdio goes through /dev/console's descriptors."""
from cases import Case, TARGETS

VFSTEST = "tests/image/apps/vfstest"

CASES = [
    Case("vfs", VFSTEST, args="vfs.*", targets=TARGETS,
         expect=[r"^vfs-test: written through fd 1$",
                 r"^test: PASS vfs\.console_descriptors$",
                 r"^test: PASS vfs\.table_full_is_emfile$",
                 r"^test: \d+ passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented"]),
]
