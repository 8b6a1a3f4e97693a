"""lib/vfs in images: tests/image/apps/vfstest runs the file layer's
in-image suites (one image per target for all of them: vfs; lib/events'
pipe, eventfd, poll, epoll), and a musl program's stdio goes through
/dev/console's descriptors."""
from cases import Case, TARGETS

VFSTEST = "tests/image/apps/vfstest"

CASES = [
    Case("vfs", VFSTEST, args="vfs.*:pipe.*:eventfd.*:poll.*:epoll.*",
         targets=TARGETS,
         expect=[r"^test: PASS epoll\.socket_like_file_with_rdhup$",
                 r"^test: PASS eventfd\.blocking_read_wakes_on_write$",
                 r"^test: PASS pipe\.blocking_read_wakes_on_write_and_on_close$",
                 r"^test: PASS poll\.sleeps_until_another_thread_writes$",
                 r"^vfs-test: written through fd 1$",
                 r"^test: PASS vfs\.console_descriptors$",
                 r"^test: PASS vfs\.table_full_is_emfile$",
                 r"^test: \d+ passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented"]),
]
