"""lib/vfs in images: tests/image/apps/vfstest runs the file layer's
in-image suites (one image per target for all of them, in one boot): the
descriptors (vfs), the path layer on a ramfs root (paths), ramfs's files
(ramfs), /dev (devfs), and a musl program's stdio and directory calls on
files (files)."""
from cases import Case, TARGETS

VFSTEST = "tests/image/apps/vfstest"

CASES = [
    # vfs.mount with one good mount and two bad ones: each bad one says
    # why, the boot goes on; suite paths checks the good one.
    Case("vfs", VFSTEST, args="vfs.*:paths.*:ramfs.*:devfs.*:files.*", targets=TARGETS,
         kargs="vfs.mount=ramfs:cmdline:/mnt/cmd;bogus;nofs:x:/mnt/y",
         expect=[r"vfs: mounted cmdline on /mnt/cmd \(ramfs\)$",
                 r"vfs: vfs.mount: 'bogus' is not fstype:source:/path\[:options\]$",
                 r"vfs: vfs.mount: x on /mnt/y \(nofs\): ENODEV \(no such file-system type in the image\)$",
                 r"^devfs-test: through /dev/console$",
                 r"^test: PASS devfs\.random_bytes_differ$",
                 r"^files-test: /dev/console through musl's stdio$",
                 r"^test: PASS files\.stdio_write_then_read$",
                 r"^test: PASS paths\.command_line_mount$",
                 r"^test: PASS paths\.symlinks$",
                 r"^vfs-test: written through fd 1$",
                 r"^test: PASS vfs\.console_descriptors$",
                 r"^test: PASS vfs\.table_full_is_emfile$",
                 r"^test: \d+ passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented"]),
]
