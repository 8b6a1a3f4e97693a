"""lib/vfs in images: tests/image/apps/vfstest runs the file layer's
in-image suites (one image per target for all of them, in one boot): the
descriptors (vfs), the path layer on a ramfs root (paths), ramfs's files
(ramfs), /dev (devfs), lib/events' pipe, eventfd, poll, epoll, and a musl
program's stdio and directory calls on files (files)."""
import os
import sys

from cases import Case, TARGETS, events_in_order

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402

sys.path.insert(0, os.path.join(tstest.ROOT, "support", "scripts"))
import tstrace  # noqa: E402

VFSTEST = "tests/image/apps/vfstest"
LONG_TAIL = "rather-long-name.txt"


def vfs_tracepoints(target):
    """Suite vfsdebug with trace.on=vfs_* and the dump at exit: the
    file layer's tracepoints decode with the .dbg, each naming the
    descriptor and the file (a long path by its tail)."""
    def verify(r):
        _, image, _ = tstest.build_case(VFSTEST, target)
        ev = tstrace.decode_serial(tstrace.load_meta(image + ".dbg"), r.output)
        if ev.truncated or ev.warnings:
            raise AssertionError(f"dump: {ev.truncated} {ev.warnings}")
        lines = [f"{e.name} {e.text}" for e in ev]
        want = [r"^vfs_write fd 10 \.\.\.-rather-long-name\.txt 5 bytes = 5$",
                r"^vfs_read fd 10 \.\.\.-rather-long-name\.txt 8 bytes = 0$",
                r"^vfs_read fd 10 \.\.\.-rather-long-name\.txt 3 bytes = 3$",
                r"^vfs_close fd 20 \.\.\.e-with-a-rather-long-name\.txt = 0$",
                r"^vfs_close fd 10 \.\.\.e-with-a-rather-long-name\.txt = 0$",
                r"^vfs_close fd 10 += -9$",
                # openat: a missing path, then a file created on ramfs.
                r"^vfs_open /vfsdebug-missing/x flags 0x0 = -2$",
                r"^vfs_open \.\.\.e-with-a-rather-long-name\.txt flags 0x80042 = (\d+)$",
                r"^vfs_write fd \d+ \.\.\.-rather-long-name\.txt 2 bytes = 2$",
                r"^vfs_close fd \d+ \.\.\.e-with-a-rather-long-name\.txt = 0$",
                r"^vfs_write fd 1 /dev/console \d+ bytes = \d+$"]
        events_in_order(lines, want)
    return verify


CASES = [
    # vfs.mount with one good mount and two bad ones: each bad one says
    # why, the boot goes on; suite paths checks the good one.
    Case("vfs", VFSTEST,
         args="vfs.*:pipe.*:eventfd.*:poll.*:epoll.*:paths.*:ramfs.*:devfs.*:files.*",
         targets=TARGETS,
         kargs="vfs.mount=ramfs:cmdline:/mnt/cmd;bogus;nofs:x:/mnt/y",
         expect=[r"vfs: mounted cmdline on /mnt/cmd \(ramfs\)$",
                 r"vfs: vfs.mount: 'bogus' is not fstype:source:/path\[:options\]$",
                 r"vfs: vfs.mount: x on /mnt/y \(nofs\): ENODEV \(no such file-system type in the image\)$",
                 r"^devfs-test: through /dev/console$",
                 r"^test: PASS devfs\.random_bytes_differ$",
                 r"^test: PASS epoll\.socket_like_file_with_rdhup$",
                 r"^test: PASS eventfd\.blocking_read_wakes_on_write$",
                 r"^files-test: /dev/console through musl's stdio$",
                 r"^test: PASS files\.stdio_write_then_read$",
                 r"^test: PASS paths\.command_line_mount$",
                 r"^test: PASS paths\.symlinks$",
                 r"^test: PASS pipe\.blocking_read_wakes_on_write_and_on_close$",
                 r"^test: PASS poll\.sleeps_until_another_thread_writes$",
                 r"^test: PASS ramfs\.sparse_file$",
                 r"^vfs-test: written through fd 1$",
                 r"^test: PASS vfs\.console_descriptors$",
                 r"^test: PASS vfs\.table_full_is_emfile$",
                 r"^test: \d+ passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented"]),
]

# A root file system the image does not have: one line says so and ramfs
# is the root (the same build as vfs, one short boot).
CASES.append(Case(
    "vfs-root-fallback", VFSTEST, args="paths.root_is_ramfs_with_dev",
    targets=["kvm-x86_64"], kargs="vfs.root=nofs:src",
    expect=[r"vfs: vfs.root: no file system 'nofs' in the image: trying ramfs$",
            r"^test: PASS paths\.root_is_ramfs_with_dev$",
            r"^test: 1 passed, 0 failed, 0 skipped$"],
    absent=[r"^test: FAIL"]))

# The debugging view of files, on one target per architecture (one boot
# each): suite vfsdebug with syscall.trace=1 (the calls decoded) and the
# vfs_* tracepoints dumped at exit and decoded (vfs_tracepoints).
for _t in ("kvm-x86_64", "virt-arm64"):
    CASES.append(Case(
        "vfs-debug", VFSTEST, args="vfsdebug.*", targets=[_t],
        kargs="syscall.trace=1 trace.on=vfs_* trace.dump=exit",
        verify=vfs_tracepoints(_t),
        expect=[r"^syscall: \[\d+ main\] write\(10, \"hello\", 5\) = 5$",
                r"^syscall: \[\d+ main\] lseek\(10, 1, SEEK_SET\) = 1$",
                r"^syscall: \[\d+ main\] fcntl\(10, F_DUPFD, 20\) = 20$",
                r"^syscall: \[\d+ main\] fcntl\(20, F_SETFL, O_APPEND\|O_NONBLOCK\) = 0$",
                r"^syscall: \[\d+ main\] read\(99, 0x[0-9a-f]+, 1\) = -1 EBADF$",
                r"^syscall: \[\d+ main\] close\(10\) = -1 EBADF$",
                r'^syscall: \[\d+ main\] openat\(AT_FDCWD, "/vfsdebug-missing/x", '
                r"O_RDONLY, 0\) = -1 ENOENT$",
                r'^syscall: \[\d+ main\] mkdirat\(AT_FDCWD, "/vfsdebug", 0755\) = 0$',
                r'^syscall: \[\d+ main\] openat\(AT_FDCWD, "/vfsdebug/a-file-with-a-rather-l"'
                r"\.\.\., O_RDWR\|O_CREAT\|O_CLOEXEC, 0644\) = \d+$",
                r'^syscall: \[\d+ main\] unlinkat\(AT_FDCWD, "/vfsdebug", AT_REMOVEDIR\) = 0$',
                r"^syscall: \[\d+ main\] ioctl\(1, TIOCGWINSZ, 0x[0-9a-f]+\) = 0$",
                r"^test: PASS vfsdebug\.fds_shown_and_traced$",
                # The structures of the pipe and epoll calls (epoll_event
                # is packed on x86_64, padded on arm64).
                r"^syscall: \[\d+ main\] pipe2\(\[(\d+), (\d+)\], O_CLOEXEC\) = 0$",
                r"^syscall: \[\d+ main\] epoll_create1\(O_CLOEXEC\) = \d+$",
                r"^syscall: \[\d+ main\] epoll_ctl\(\d+, EPOLL_CTL_ADD, \d+, "
                r"\{events=EPOLLIN\|EPOLLET, data=0x1234\}\) = 0$",
                r"^syscall: \[\d+ main\] epoll_pwait\(\d+, \[\{events=EPOLLIN, "
                r"data=0x1234\}\], 4, 0, NULL, 8\) = 1$",
                r"^syscall: \[\d+ main\] ppoll\(\[\{fd=\d+, events=POLLIN, "
                r"revents=POLLIN\}\], 1, \{tv_sec=0, tv_nsec=0\}, NULL, 8\) = 1$",
                r"^syscall: \[\d+ main\] fstat\(\d+, \{st_mode=S_IFIFO\|0[0-7]*, "
                r"st_size=\d+, \.\.\.\}\) = 0$",
                r"^test: PASS vfsdebug\.pipe_poll_epoll_calls$",
                r"^test: 2 passed, 0 failed, 0 skipped$",
                r"^--- trace dump end ---$"],
        absent=[r"^test: FAIL"]))
