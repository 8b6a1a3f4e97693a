"""lib/vfs in images: tests/image/apps/vfstest runs the file layer's
in-image suites (one image per target for all of them, in one boot): the
descriptors (vfs), the path layer on a ramfs root (paths), ramfs's files
(ramfs), /dev (devfs), and a musl program's stdio and directory calls on
files (files)."""
from cases import Case, TARGETS

VFSTEST = "tests/image/apps/vfstest"

CASES = [
    Case("vfs", VFSTEST, args="vfs.*:paths.*:ramfs.*:devfs.*", targets=TARGETS,
         expect=[r"^devfs-test: through /dev/console$",
                 r"^test: PASS devfs\.random_bytes_differ$",
                 r"^test: PASS paths\.symlinks$",
                 r"^vfs-test: written through fd 1$",
                 r"^test: PASS vfs\.console_descriptors$",
                 r"^test: PASS vfs\.table_full_is_emfile$",
                 r"^test: \d+ passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented"]),
]
