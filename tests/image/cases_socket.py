"""lib/socket and lib/lwipsock in images: tests/image/apps/socktest runs
the socket layer's suites in one boot per target: the calls' errno and
SOL_SOCKET options (socket), AF_UNIX socketpairs (sockunix), and TCP and
UDP over lwIP's loopback through the system calls (sockinet)."""
import os
import sys

from cases import Case, events_in_order

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402

sys.path.insert(0, os.path.join(tstest.ROOT, "support", "scripts"))
import tstrace  # noqa: E402

SOCKTEST = "tests/image/apps/socktest"

CASES = [
    Case("sockets", SOCKTEST, args="socket.*:sockunix.*:sockinet.*",
         targets=["kvm-x86_64", "virt-arm64"], timeout=120,
         expect=[r"^test: PASS socket\.bad_descriptors_and_pointers$",
                 r"^test: PASS socket\.sol_socket_options_as_linux$",
                 r"^sockinet: \d+ more sockets, then -24$",
                 r"^test: PASS sockinet\.emfile_then_serving_again$",
                 r"^test: PASS sockinet\.epoll_edge_triggered_accept_loop$",
                 r"^test: PASS sockinet\.getaddrinfo_localhost_from_etc_hosts$",
                 r"^test: PASS sockinet\.tcp_accept4_with_a_client_thread$",
                 r"^test: PASS sockinet\.udp_datagrams_with_their_sender$",
                 r"^test: PASS sockunix\.epoll_edge_triggered_and_select$",
                 r"^test: PASS sockunix\.shutdown_and_end_of_file$",
                 r"^test: 19 passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented: -ENOSYS"]),
]


def sock_tracepoints(target):
    """trace.on=sock_* with the dump at exit: the socket calls'
    tracepoints decode with the .dbg, each with its descriptor and
    endpoints."""
    def verify(r):
        _, image, _ = tstest.build_case(SOCKTEST, target)
        ev = tstrace.decode_serial(tstrace.load_meta(image + ".dbg"), r.output)
        if ev.truncated or ev.warnings:
            raise AssertionError(f"dump: {ev.truncated} {ev.warnings}")
        lines = [f"{e.name} {e.text}" for e in ev]
        want = [r"^sock_socket unix stream = (\d+)$",
                r"^sock_bind fd \d+ 127\.0\.0\.1:8080 = -95$",
                r"^sock_bind fd \d+ - = -22$",
                r"^sock_close fd \d+ stream unix:unnamed - unix:unnamed$"]
        events_in_order(lines, want)
    return verify


# The debugging view of sockets, one boot per target: suite sockdebug
# with syscall.trace=1 (addresses, message headers, levels and flags
# decoded) and the sock_* tracepoints dumped at exit and decoded.
for _t in ("kvm-x86_64", "virt-arm64"):
    CASES.append(Case(
        "sockets-debug", SOCKTEST, args="sockdebug.*", targets=[_t],
        kargs="syscall.trace=1 trace.on=sock_* trace.dump=exit",
        verify=sock_tracepoints(_t), timeout=120,
        expect=[r"^syscall: \[\d+ main\] socketpair\(AF_UNIX, SOCK_STREAM\|SOCK_CLOEXEC, 0, "
                r"\[(\d+), (\d+)\]\) = 0$",
                r"^syscall: \[\d+ main\] bind\(\d+, \{sa_family=AF_INET, sin_port=htons\(8080\), "
                r'sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) = -1 EOPNOTSUPP$',
                r"^syscall: \[\d+ main\] getsockname\(\d+, \{sa_family=AF_UNIX\}, \[2\]\) = 0$",
                r"^syscall: \[\d+ main\] setsockopt\(\d+, SOL_SOCKET, 9, 0x[0-9a-f]+, 4\) = 0$",
                r"^syscall: \[\d+ main\] sendmsg\(\d+, \{msg_name=NULL, msg_namelen=0, "
                r'msg_iov=\[\{iov_base="msg", iov_len=3\}\], msg_iovlen=1, msg_controllen=0, '
                r"msg_flags=0\}, MSG_NOSIGNAL\) = 3$",
                r'^syscall: \[\d+ main\] recvfrom\(\d+, "msg", 8, MSG_DONTWAIT, NULL, NULL\) = 3$',
                r"^syscall: \[\d+ main\] shutdown\(\d+, SHUT_WR\) = 0$",
                r"^test: PASS sockdebug\.calls_decoded_and_traced$",
                r"^test: 1 passed, 0 failed, 0 skipped$",
                r"^--- trace dump end ---$"],
        absent=[r"^test: FAIL"]))
