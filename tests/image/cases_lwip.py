"""lib/lwip in images: suite lwip over the loopback interface and suite
lwip_dev over the virtio-net card on QEMU's user network, in the file
layer's test image (vfstest, musl) with lwIP and the card added: eth0's
address from DHCP (10.0.2.15) or from net.ip=, bad parameter values as
one line each, and the TCP state and interface tracepoints decoded from
the dump at exit. One image per target for all of them."""
import os
import sys

from cases import Case

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import tstest  # noqa: E402

sys.path.insert(0, os.path.join(tstest.ROOT, "support", "scripts"))
import tstrace  # noqa: E402

APP = "tests/image/apps/vfstest"
TARGETS = ["kvm-x86_64", "virt-arm64"]
CONFIG = ["CONFIG_LIB_LWIP=y", "CONFIG_LIB_NETDEV=y", "CONFIG_DRIVER_VIRTIO=y",
          "CONFIG_DRIVER_VIRTIO_NET=y"]
LOOPBACK = [f"lwip.{t}" for t in ["core_lock_is_free_between_calls",
                                   "tcp_connect_refused_without_listener",
                                   "tcp_echo_over_loopback", "udp_datagrams_with_their_source"]]
DEVICE = [f"lwip_dev.{t}" for t in ["eth0_is_up_with_an_address_in_qemus_network",
                                     "qemus_gateway_answers_an_echo_request",
                                     "tcp_to_the_gateway_gets_an_answer"]]
SOCKETS = ["lwip_sockets.linux_types_and_the_event_hook"]


def passed(tests):
    return [rf"^test: PASS {t.replace('.', '[.]')}$" for t in tests] + \
        [rf"^test: {len(tests)} passed, 0 failed, 0 skipped$"]


def traced(target):
    """The dump at exit decodes, with the loopback and eth0 interfaces
    going up (eth0 with DHCP's address) and the loopback echo's
    connections through their states, both ends, to the end."""
    def verify(r):
        _, image, _ = tstest.build_case(APP, target, CONFIG)
        ev = tstrace.decode_serial(tstrace.load_meta(image + ".dbg"), r.output)
        text = tstrace.to_text(ev)
        want = ["lwip_iface             lo0 up 1 link 1 address 7f000001 netmask ff000000",
                "lwip_iface             en1 up 1 link 1 address 0a00020f netmask ffffff00",
                "CLOSED -> LISTEN local port 7002",
                "CLOSED -> SYN_SENT", "SYN_SENT -> ESTAB", "CLOSED -> SYN_RCVD",
                "SYN_RCVD -> ESTAB", "ESTAB -> FIN_WT1", "ESTAB -> CLOSE_WT",
                "FIN_WT2 -> TIME_WT", "LAST_ACK -> CLOSED", "LISTEN -> CLOSED"]
        missing = [w for w in want if w not in text]
        if missing:
            raise AssertionError(f"not in the decoded trace: {missing}\n{text}")
    return verify


CASES = [
    Case("lwip-dhcp", APP, args="lwip.*:lwip_dev.*:lwip_sockets.*", config=CONFIG, targets=[t],
         kargs="trace.on=lwip_* trace.dump=exit",
         expect=[r"^lwip: eth0: 10[.]0[.]2[.]15/24 .*[(]DHCP[)]$"] + passed(LOOPBACK + DEVICE + SOCKETS),
         absent=[r"^lwip: .*(error|cannot|no DHCP)"], verify=traced(t))
    for t in TARGETS
] + [
    # A static address, with a DNS list of which one word is bad: that
    # line, and the address and gateway that were good.
    Case("lwip-static", APP, args="lwip_dev.*", config=CONFIG, targets=[t],
         kargs="net.ip=10.0.2.16/24 net.gw=10.0.2.2 net.dns=10.0.2.3,10.0.2.x",
         expect=[r"^lwip: net[.]dns=10[.]0[.]2[.]3,10[.]0[.]2[.]x: not IPv4 addresses separated "
                 r"by commas .*; no DNS server set$",
                 r"^lwip: eth0: 10[.]0[.]2[.]16/24 gateway 10[.]0[.]2[.]2 [(]net[.]ip[)]$"]
         + passed(DEVICE), absent=[r"DHCP"])
    for t in TARGETS
] + [
    # A bad address: one line, no address, the loopback still works.
    Case("lwip-bad-ip", APP, args="lwip.udp*", config=CONFIG, targets=["kvm-x86_64"],
         kargs="net.ip=10.0.2.300/24",
         expect=[r"^lwip: net[.]ip=10[.]0[.]2[.]300/24: not an IPv4 address with a prefix "
                 r"length [(]e[.]g[.] net[.]ip=10[.]0[.]2[.]15/24[)] or dhcp; eth0 has no IPv4 "
                 r"address$"] + passed(["lwip.udp_datagrams_with_their_source"])),
]
