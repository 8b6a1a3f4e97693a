"""`ts net`: the sockets of lib/socket, read from memory (the descriptor
table of lib/vfs, each socket's struct ts_socket, and for AF_INET and
AF_INET6 lwIP's socket table and PCBs), with the columns of the
in-image stub's `monitor net` (lib/socket/netinfo.c): descriptor,
family, type, state, local and peer endpoint. No code runs in the
target, so it works wherever the image is stopped."""
import gdb

from . import fds

HEADER = "  fd family type      state        local                   peer"
FAMILIES = {1: "unix", 2: "inet", 10: "inet6"}
TYPES = {1: "stream", 2: "dgram", 3: "raw", 5: "seqpacket"}
TCP_STATES = ["CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
              "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK",
              "TIME_WAIT"]
NETCONN_TCP, NETCONN_UDP = 0x10, 0x20
UDP_FLAGS_CONNECTED = 0x04
RCV_SHUT, SEND_SHUT = 1, 2


def lwip_sockets():
    """lwIP's static socket table (api/sockets.c), or None."""
    try:
        syms = gdb.lookup_static_symbols("sockets")
    except (AttributeError, gdb.error):
        syms = [gdb.lookup_static_symbol("sockets")]
    for sym in syms:
        if sym is not None and sym.symtab is not None and \
                sym.symtab.filename.endswith("api/sockets.c"):
            return sym.value()
    return None


def v6_text(groups):
    """RFC 5952's form, as lib/socket/addr.c writes it."""
    best, bestlen, run = -1, 1, 0
    for i, g in enumerate(groups):
        run = 0 if g else run + 1
        if run > bestlen:
            bestlen, best = run, i - run + 1
    out, i = "", 0
    while i < 8:
        if i == best:
            out += "::"
            i += bestlen
            continue
        out += (":" if i and i != best + bestlen else "") + f"{groups[i]:x}"
        i += 1
    return out


def endpoint(family, ip, port):
    """An lwIP ip_addr_t and port as text in the socket's family."""
    try:
        v6 = int(ip["type"]) == 6
        u = ip["u_addr"]
    except gdb.error:       # an IPv4-only build: ip_addr_t is ip4_addr_t
        v6, u = False, None
    if v6:
        words = [int(u["ip6"]["addr"][i]) for i in range(4)]
        raw = b"".join(w.to_bytes(4, "little") for w in words)
    else:
        addr = int(u["ip4"]["addr"]) if u is not None else int(ip["addr"])
        raw = addr.to_bytes(4, "little")
        if family == 2:
            return f"{'.'.join(str(b) for b in raw)}:{port}"
        raw = bytes(10) + b"\xff\xff" + raw
    groups = [raw[2 * i] << 8 | raw[2 * i + 1] for i in range(8)]
    return f"[{v6_text(groups)}]:{port}"


def inet_columns(s, table):
    """(state, local, peer) of an AF_INET/AF_INET6 socket."""
    n = int(s["priv"].cast(gdb.lookup_type("int").pointer()).dereference())
    family = int(s["family"])
    conn = table[n]["conn"] if table is not None else None
    if conn is None or not int(conn):
        return "?", "-", "-"
    kind = int(conn["type"]) & 0xf0
    zero = "0.0.0.0:0" if family == 2 else "[::]:0"
    if kind == NETCONN_TCP:
        pcb = conn["pcb"]["tcp"]
        if not int(pcb):
            return "CLOSED", zero, "-"
        st = int(pcb["state"])
        state = TCP_STATES[st] if st < len(TCP_STATES) else "?"
        local = endpoint(family, pcb["local_ip"], int(pcb["local_port"]))
        if state in ("CLOSED", "LISTEN", "SYN_SENT"):
            return state, local, "-"
        return state, local, endpoint(family, pcb["remote_ip"], int(pcb["remote_port"]))
    if kind == NETCONN_UDP:
        pcb = conn["pcb"]["udp"]
        if not int(pcb):
            return "-", zero, "-"
        local = endpoint(family, pcb["local_ip"], int(pcb["local_port"]))
        if int(pcb["flags"]) & UDP_FLAGS_CONNECTED:
            return "-", local, endpoint(family, pcb["remote_ip"], int(pcb["remote_port"]))
        return "-", local, "-"
    return "-", zero, "-"


def unix_columns(s):
    """(state, local, peer) of one end of an AF_UNIX pair, as unix.c's
    unix_state says it."""
    pair = s["priv"].cast(gdb.lookup_type("struct unix_pair").pointer()).dereference()
    me = 0 if int(pair["end"][0]["sock"]) == int(s.address) else 1
    shut = int(pair["end"][me]["shut"])
    if not int(pair["end"][1 - me]["sock"]):
        state = "peer-closed"
    elif shut == RCV_SHUT | SEND_SHUT:
        state = "shut"
    elif shut & SEND_SHUT:
        state = "shut-wr"
    elif shut & RCV_SHUT:
        state = "shut-rd"
    else:
        state = "connected"
    return state, "unix:unnamed", "unix:unnamed"


def socket_lines():
    try:
        ops = int(gdb.parse_and_eval("&sock_fops"))
    except gdb.error:
        raise gdb.GdbError("ts net: this image has no sockets (lib/socket is not "
                           "built in: CONFIG_LIB_SOCKET is off)")
    sock_t = gdb.lookup_type("struct ts_socket").pointer()
    table = lwip_sockets()
    out = []
    for fd, _, f in fds.rows():
        if int(f["ops"]) != ops:
            continue
        s = f["priv"].cast(sock_t).dereference()
        family = int(s["family"])
        if family in (2, 10):
            state, local, peer = inet_columns(s, table)
        elif family == 1:
            state, local, peer = unix_columns(s)
        else:
            state, local, peer = "-", "-", "-"
        out.append(f"{fd:4d} {FAMILIES.get(family, '?'):<6s} "
                   f"{TYPES.get(int(s['type']) & 0xf, '?'):<9s} {state:<12s} "
                   f"{local:<23s} {peer}")
    return out


class NetCommand(gdb.Command):
    """List the sockets of lib/socket.

Usage: ts net

Columns, as the in-image stub's 'monitor net' prints its sockets: fd,
family (unix, inet, inet6), type, state (TCP's: LISTEN, ESTABLISHED...;
connected, shut-wr, peer-closed for an AF_UNIX pair), the local and
the peer endpoint."""

    def __init__(self):
        super().__init__("ts net", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("ts net: takes no arguments")
        lines = socket_lines()
        print("sockets:")
        print(HEADER)
        for text in lines:
            print(text)
