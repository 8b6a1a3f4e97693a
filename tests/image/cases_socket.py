"""lib/socket and lib/lwipsock in images: tests/image/apps/socktest runs
the socket layer's suites in one boot per target: the calls' errno and
SOL_SOCKET options (socket), AF_UNIX socketpairs (sockunix), and TCP and
UDP over lwIP's loopback through the system calls (sockinet)."""
from cases import Case

SOCKTEST = "tests/image/apps/socktest"

CASES = [
    Case("sockets", SOCKTEST, args="socket.*:sockunix.*:sockinet.*",
         targets=["kvm-x86_64", "virt-arm64"], timeout=120,
         expect=[r"^test: PASS socket\.bad_descriptors_and_pointers$",
                 r"^test: PASS socket\.sol_socket_options_as_linux$",
                 r"^test: PASS sockunix\.epoll_edge_triggered_and_select$",
                 r"^test: PASS sockunix\.shutdown_and_end_of_file$",
                 r"^test: PASS sockinet\.tcp_accept4_with_a_client_thread$",
                 r"^test: PASS sockinet\.epoll_edge_triggered_accept_loop$",
                 r"^sockinet: \d+ more sockets, then -24$",
                 r"^test: PASS sockinet\.emfile_then_serving_again$",
                 r"^test: PASS sockinet\.udp_datagrams_with_their_sender$",
                 r"^test: 18 passed, 0 failed, 0 skipped$"],
         absent=[r"^test: FAIL", r"not implemented: -ENOSYS"]),
]
