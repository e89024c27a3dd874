#!/usr/bin/python3
"""fakedhcpd - a scriptable DHCPv4 server for leased's lab tests.

Runs on one interface (normally inside a network namespace, on the far
side of a veth pair) and answers DHCP clients with exactly what the
command line tells it: a small well-behaved server by default, and, on
request, short leases, NAKs, silence, floods and malformed frames.  It
builds every Ethernet, IPv4, UDP and BOOTP byte itself and sends whole
frames on an AF_PACKET socket, so any field can be overridden.

    ip netns exec NS /usr/bin/python3 fakedhcpd.py -i eth0 \\
        --address 192.0.2.50 --router 192.0.2.1 --lease 10 --t1 3 --t2 6

Standard library only.  Needs CAP_NET_RAW and CAP_NET_BIND_SERVICE.

Normal behaviour
    DISCOVER -> OFFER of an address of the pool (--address, repeatable;
    each client MAC keeps the address it was given).  With
    --rapid-commit, a DISCOVER carrying option 80 gets an ACK with
    option 80 instead.
    REQUEST (selecting, init-reboot, renewing, rebinding) -> ACK if the
    requested address (option 50, else ciaddr) is in the pool and not
    given to another MAC, otherwise NAK.  A REQUEST whose server
    identifier is not ours is logged and ignored.
    INFORM -> ACK without address or lease time.
    RELEASE, DECLINE -> logged (RELEASE frees the address).
    Replies to a client with an address (ciaddr) are unicast to it;
    otherwise they go to 255.255.255.255 if the broadcast flag is set,
    to yiaddr/chaddr if not.  NAKs are always broadcast.  Unicast requests sent to the server's
    address are seen on the packet socket too; a UDP socket bound to
    port 67 on the interface drains them so no ICMP error goes back.

Log (stdout, one line per event, flushed, each ending with t=SECONDS
since the server started)
    ready if=eth0 server_ip=... server_mac=...
    recv DHCPDISCOVER xid=0x... chaddr=MAC ciaddr=A yiaddr=A requested=A|-
         server_id=A|- state=... from=MAC ip_src=A ip_dst=A sport=N
         broadcast|unicast flags=0xNNNN prl=1,3,.. opts=53,55,..
         (state is init, selecting, init-reboot, renewing or rebinding
         for REQUESTs, "-" otherwise; broadcast/unicast is the IPv4
         destination)
    sent DHCPOFFER xid=0x... yiaddr=A to=MAC ip_dst=A len=N
    silent DHCPOFFER xid=0x... (a reply not sent: --no-answer-after,
         SIGUSR1, or drop=1)
    ignore DHCPREQUEST xid=0x... server_id=A (for another server)
    flood start|done type=offer rate=N secs=S sent=N errors=N
    bad LEN reason (a frame that is not a BOOTREQUEST)

Options
    -i IFACE                  interface (required)
    --server-ip A             our address, option 54 and IPv4 source
                              (default: the interface's address)
    --address A               pool address (repeatable)
    --netmask M               option 1 (default 255.255.255.0)
    --router A                option 3 (repeatable)
    --dns A                   option 6 (repeatable)
    --hostname S              option 12
    --domain S                option 15
    --mtu N                   option 26
    --broadcast-address A     option 28
    --lease S                 option 51 (default 3600)
    --t1 S, --t2 S            options 58, 59 (only sent when given)
    --search NAME             option 119 (repeatable)
    --classless DST/LEN,GW    option 121 (repeatable)
    --ipv6-only S             option 108, only to clients that asked for
                              it in option 55 (RFC 8925)
    --rapid-commit            honour option 80 (RFC 4039)
    --no-answer-after N       go silent after N replies (0: never answer)
    --nak-all, --nak-storm    NAK every REQUEST
    --nak-from A              server identifier (and IPv4 source) of NAKs
    --forcerenew [N]          after each of the first N ACKs (default 1),
                              unicast a DHCPFORCERENEW (type 9) to the
                              client
    --forcerenew-delay S      delay before it (default 0.5)
    --flood TYPE:RATE:SECS[:AFTER]
                              TYPE is offer, ack or nak: once a client
                              message (AFTER: discover, request or any,
                              the default) has been seen, send that reply,
                              built for the client's latest xid and chaddr,
                              RATE times a second for SECS seconds, from a
                              second thread (overrides of TYPE apply).
                              Python reaches about 100 000 frames/s on a
                              veth pair.
    --set SCOPE.FIELD=VALUE   override a field of replies (repeatable)

Signals: SIGUSR1 goes silent, SIGUSR2 answers again, SIGTERM exits.

--set: SCOPE is offer, ack, nak, forcerenew (the type the server chose)
or any (applied first).  FIELDS and VALUES:
    BOOTP   op htype hlen hops secs flags (numbers), xid (number or +N/-N
            relative to the request's), ciaddr yiaddr siaddr giaddr
            (address), chaddr (MAC or hex:), sname file (text or hex:),
            cookie (number)
    options option.N=VALUE replaces option N in place or appends it,
            option.N=none removes it.  VALUE is hex:HEX, str:TEXT,
            ip:A[,A...], u8:N, u16:N or u32:N.
            append=hex:HEX      raw bytes added after the options, before
                                END (duplicated, truncated, overlong
                                options, option 52 at the last byte ...)
            raw_options=hex:HEX the whole options area after the cookie,
                                exactly these bytes (no END added)
            end=0               no END option
            trailer=hex:HEX     bytes after the BOOTP message
            pad_to=N            zero-pad the BOOTP message to N bytes
    UDP     sport dport (number), udp_len (number or +N/-N),
            udp_csum (bad, zero or number)
    IPv4    ip_src ip_dst (address), ip_ttl ip_tos ip_id ip_proto
            ip_version (number), ip_ihl ip_len (number or +N/-N),
            ip_csum (bad or number), ip_options=hex:HEX (IHL grows,
            zero-padded to 4 bytes), fragment=mf|df|offset:N|split
            (split sends two real fragments)
    Ether   eth_src eth_dst (MAC), eth_type (number), vlan=ID (802.1Q tag)
    sending delay=S (seconds before sending), copies=N, drop=1
"Bad" checksums are the correct value with its low byte inverted.

Examples
    --set offer.yiaddr=0.0.0.0       --set ack.option.51=hex:00000000
    --set offer.xid=+1               --set offer.chaddr=02:00:00:00:00:99
    --set any.op=1                   --set any.udp_csum=bad
    --set any.ip_options=hex:01010101 --set any.fragment=mf
    --set any.append=hex:0c05616263  (option 12 shorter than its length)
    --flood offer:20000:2
"""

import argparse
import errno
import heapq
import os
import select
import signal
import socket
import struct
import sys
import threading
import time

ETH_P_IP = 0x0800
PACKET_OUTGOING = 4
SIOCGIFADDR = 0x8915
SO_BINDTODEVICE = 25
MAGIC = 0x63825363
BOOTP_FMT = "!BBBBIHHIIII16s64s128s"
BOOTP_LEN = struct.calcsize(BOOTP_FMT)  # 236

DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPDECLINE = 1, 2, 3, 4
DHCPACK, DHCPNAK, DHCPRELEASE, DHCPINFORM, DHCPFORCERENEW = 5, 6, 7, 8, 9
MSGNAMES = {
    1: "DHCPDISCOVER", 2: "DHCPOFFER", 3: "DHCPREQUEST", 4: "DHCPDECLINE",
    5: "DHCPACK", 6: "DHCPNAK", 7: "DHCPRELEASE", 8: "DHCPINFORM",
    9: "DHCPFORCERENEW",
}
SCOPES = {"offer": DHCPOFFER, "ack": DHCPACK, "nak": DHCPNAK,
          "forcerenew": DHCPFORCERENEW}


T0 = time.monotonic()


def log(*words):
    sys.stdout.write(" ".join(str(w) for w in words) +
                     " t=%.3f\n" % (time.monotonic() - T0))
    sys.stdout.flush()


def die(msg):
    sys.stderr.write("fakedhcpd: %s\n" % msg)
    sys.exit(2)


def ip2b(s):
    return socket.inet_aton(s)


def b2ip(b):
    return socket.inet_ntoa(b)


def mac2b(s):
    b = bytes(int(x, 16) for x in s.split(":"))
    if len(b) != 6:
        raise ValueError("bad MAC %r" % s)
    return b


def b2mac(b):
    return ":".join("%02x" % x for x in b)


def cksum(data):
    if len(data) & 1:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def parse_int(s):
    return int(s, 0)


def parse_value(s):
    """Option value: hex:, str:, ip:, u8:, u16:, u32: or none."""
    if s == "none":
        return None
    kind, _, v = s.partition(":")
    if kind == "hex":
        return bytes.fromhex(v)
    if kind == "str":
        return v.encode()
    if kind == "ip":
        return b"".join(ip2b(a) for a in v.split(",") if a)
    if kind == "u8":
        return struct.pack("!B", parse_int(v))
    if kind == "u16":
        return struct.pack("!H", parse_int(v))
    if kind == "u32":
        return struct.pack("!I", parse_int(v) & 0xffffffff)
    raise ValueError("bad value %r (hex:, str:, ip:, u8:, u16:, u32:, none)"
                     % s)


def parse_bytes(s):
    if s.startswith("hex:"):
        return bytes.fromhex(s[4:])
    if s.startswith("str:"):
        return s[4:].encode()
    return s.encode()


def parse_rel(s):
    """A number, or +N/-N relative to the computed value."""
    if s[:1] in "+-":
        return ("rel", int(s, 0))
    return ("abs", parse_int(s))


def resolve(spec, computed):
    if spec is None:
        return computed
    kind, n = spec
    return computed + n if kind == "rel" else n


def parse_csum(s):
    if s in ("bad", "zero"):
        return s
    return parse_int(s)


def parse_frag(s):
    if s in ("mf", "df", "split", "none"):
        return s
    if s.startswith("offset:"):
        return ("offset", parse_int(s[7:]))
    raise ValueError("fragment is mf, df, split, none or offset:N")


def parse_chaddr(s):
    if s.startswith("hex:"):
        return bytes.fromhex(s[4:])
    return mac2b(s)


FIELDS = {
    "op": parse_int, "htype": parse_int, "hlen": parse_int,
    "hops": parse_int, "secs": parse_int, "flags": parse_int,
    "xid": parse_rel, "ciaddr": ip2b, "yiaddr": ip2b, "siaddr": ip2b,
    "giaddr": ip2b, "chaddr": parse_chaddr, "sname": parse_bytes,
    "file": parse_bytes, "cookie": parse_int,
    "append": parse_bytes, "raw_options": parse_bytes, "end": parse_int,
    "trailer": parse_bytes, "pad_to": parse_int,
    "sport": parse_int, "dport": parse_int, "udp_len": parse_rel,
    "udp_csum": parse_csum,
    "ip_src": ip2b, "ip_dst": ip2b, "ip_ttl": parse_int,
    "ip_tos": parse_int, "ip_id": parse_int, "ip_proto": parse_int,
    "ip_version": parse_int, "ip_ihl": parse_rel, "ip_len": parse_rel,
    "ip_csum": parse_csum, "ip_options": parse_bytes,
    "fragment": parse_frag,
    "eth_src": mac2b, "eth_dst": mac2b, "eth_type": parse_int,
    "vlan": parse_int,
    "delay": float, "copies": parse_int, "drop": parse_int,
}


def parse_set(s):
    """SCOPE.FIELD=VALUE -> (scope, field, value)"""
    lhs, eq, rhs = s.partition("=")
    scope, dot, field = lhs.partition(".")
    if not eq or not dot:
        raise ValueError("--set wants SCOPE.FIELD=VALUE: %r" % s)
    if scope != "any" and scope not in SCOPES:
        raise ValueError("scope %r is not any, %s" %
                         (scope, ", ".join(SCOPES)))
    if field.startswith("option."):
        code = parse_int(field[7:])
        if not 0 <= code <= 255:
            raise ValueError("option code %d" % code)
        return (scope, ("option", code), parse_value(rhs))
    if field not in FIELDS:
        raise ValueError("unknown field %r" % field)
    return (scope, field, FIELDS[field](rhs))


class Request:
    """A BOOTREQUEST received on the packet socket."""

    def __init__(self, frame):
        if len(frame) < 14 + 20 + 8 + BOOTP_LEN + 4:
            raise ValueError("short")
        self.eth_dst, self.eth_src = frame[0:6], frame[6:12]
        if struct.unpack("!H", frame[12:14])[0] != ETH_P_IP:
            raise ValueError("not IPv4")
        ip = frame[14:]
        ihl = (ip[0] & 0xf) * 4
        if ip[0] >> 4 != 4 or ihl < 20 or ip[9] != 17:
            raise ValueError("not IPv4/UDP")
        if struct.unpack("!H", ip[6:8])[0] & 0x3fff:
            raise ValueError("fragment")
        self.ip_src, self.ip_dst = ip[12:16], ip[16:20]
        udp = ip[ihl:]
        self.sport, self.dport = struct.unpack("!HH", udp[0:4])
        if self.dport != 67:
            raise ValueError("not to port 67")
        b = udp[8:]
        if len(b) < BOOTP_LEN + 4:
            raise ValueError("short BOOTP")
        (self.op, self.htype, self.hlen, self.hops, self.xid, self.secs,
         self.flags, ciaddr, yiaddr, siaddr, giaddr, chaddr, _, _) = \
            struct.unpack(BOOTP_FMT, b[:BOOTP_LEN])
        self.ciaddr = struct.pack("!I", ciaddr)
        self.yiaddr = struct.pack("!I", yiaddr)
        self.giaddr = struct.pack("!I", giaddr)
        self.chaddr16 = chaddr
        self.chaddr = chaddr[:6]
        if self.op != 1:
            raise ValueError("op %d" % self.op)
        if struct.unpack("!I", b[BOOTP_LEN:BOOTP_LEN + 4])[0] != MAGIC:
            raise ValueError("no magic cookie")
        self.options = {}
        self.order = []
        opts = b[BOOTP_LEN + 4:]
        i = 0
        while i < len(opts):
            code = opts[i]
            if code == 0:
                i += 1
                continue
            if code == 255 or i + 1 >= len(opts):
                break
            n = opts[i + 1]
            self.options[code] = self.options.get(code, b"") + \
                opts[i + 2:i + 2 + n]
            self.order.append(code)
            i += 2 + n
        mt = self.options.get(53, b"")
        self.type = mt[0] if len(mt) == 1 else 0
        self.prl = list(self.options.get(55, b""))

    def addr_opt(self, code):
        v = self.options.get(code)
        return v if v is not None and len(v) == 4 else None

    def state(self):
        if self.type != DHCPREQUEST:
            return "-"
        zero = self.ciaddr == b"\0\0\0\0"
        if zero and 54 in self.options:
            return "selecting"
        if zero:
            return "init-reboot"
        if self.ip_dst == b"\xff\xff\xff\xff":
            return "rebinding"
        return "renewing"

    def describe(self):
        req = self.addr_opt(50)
        sid = self.addr_opt(54)
        bc = "broadcast" if self.ip_dst == b"\xff\xff\xff\xff" else "unicast"
        return ("xid=0x%08x chaddr=%s ciaddr=%s yiaddr=%s requested=%s "
                "server_id=%s state=%s from=%s ip_src=%s ip_dst=%s sport=%d "
                "%s flags=0x%04x prl=%s opts=%s" % (
                    self.xid, b2mac(self.chaddr), b2ip(self.ciaddr),
                    b2ip(self.yiaddr), b2ip(req) if req else "-",
                    b2ip(sid) if sid else "-", self.state(),
                    b2mac(self.eth_src), b2ip(self.ip_src),
                    b2ip(self.ip_dst), self.sport, bc, self.flags,
                    ",".join(map(str, self.prl)) or "-",
                    ",".join(map(str, self.order)) or "-"))


class Reply:
    """Every field of a reply frame, before overrides are applied."""

    def __init__(self, **kw):
        self.f = dict(
            op=2, htype=1, hlen=6, hops=0, xid=0, secs=0, flags=0,
            ciaddr=b"\0" * 4, yiaddr=b"\0" * 4, siaddr=b"\0" * 4,
            giaddr=b"\0" * 4, chaddr=b"\0" * 6, sname=b"", file=b"",
            cookie=MAGIC, append=b"", raw_options=None, end=1,
            trailer=b"", pad_to=0, sport=67, dport=68, udp_len=None,
            udp_csum=None, ip_src=b"\0" * 4, ip_dst=b"\xff" * 4,
            ip_ttl=64, ip_tos=0, ip_id=0, ip_proto=17, ip_version=4,
            ip_ihl=None, ip_len=None, ip_csum=None, ip_options=b"",
            fragment="none", eth_src=b"\0" * 6, eth_dst=b"\xff" * 6,
            eth_type=ETH_P_IP, vlan=None, delay=0.0, copies=1, drop=0)
        self.f.update(kw)
        self.options = []  # [code, value] in order

    def set_option(self, code, value):
        for o in self.options:
            if o[0] == code:
                if value is None:
                    self.options.remove(o)
                else:
                    o[1] = value
                return
        if value is not None:
            self.options.append([code, value])

    def apply(self, sets):
        mtype = self.mtype()
        for want in ("any", mtype):
            for scope, field, value in sets:
                if scope != want:
                    continue
                if isinstance(field, tuple):
                    self.set_option(field[1], value)
                elif field == "xid":
                    self.f["xid"] = resolve(value, self.f["xid"]) & \
                        0xffffffff
                else:
                    self.f[field] = value

    def mtype(self):
        for code, value in self.options:
            if code == 53 and len(value) == 1:
                for name, t in SCOPES.items():
                    if t == value[0]:
                        return name
        return "?"

    def type_name(self):
        for code, value in self.options:
            if code == 53 and len(value) == 1:
                return MSGNAMES.get(value[0], "type%d" % value[0])
        return "BOOTREPLY"

    def bootp(self):
        f = self.f
        chaddr = f["chaddr"]
        b = struct.pack(
            BOOTP_FMT, f["op"] & 0xff, f["htype"] & 0xff, f["hlen"] & 0xff,
            f["hops"] & 0xff, f["xid"], f["secs"] & 0xffff,
            f["flags"] & 0xffff, *[struct.unpack("!I", f[k])[0] for k in
                                  ("ciaddr", "yiaddr", "siaddr", "giaddr")],
            chaddr[:16], f["sname"][:64], f["file"][:128])
        b += struct.pack("!I", f["cookie"] & 0xffffffff)
        if f["raw_options"] is not None:
            b += f["raw_options"]
        else:
            for code, value in self.options:
                b += bytes([code, len(value) & 0xff]) + value
            b += f["append"]
            if f["end"]:
                b += b"\xff"
        b += f["trailer"]
        if len(b) < f["pad_to"]:
            b += b"\0" * (f["pad_to"] - len(b))
        return b

    def frames(self):
        """The Ethernet frames to send (two for fragment=split)."""
        f = self.f
        payload = self.bootp()
        ulen = resolve(f["udp_len"], 8 + len(payload)) & 0xffff
        pseudo = f["ip_src"] + f["ip_dst"] + struct.pack("!BBH", 0, 17, ulen)
        udp = struct.pack("!HHHH", f["sport"], f["dport"], ulen, 0) + payload
        c = cksum(pseudo + udp)
        if c == 0:
            c = 0xffff
        csum = f["udp_csum"]
        if csum == "bad":
            c ^= 0x00ff
        elif csum == "zero":
            c = 0
        elif csum is not None:
            c = csum
        udp = udp[:6] + struct.pack("!H", c & 0xffff) + udp[8:]

        ipopt = f["ip_options"]
        if len(ipopt) % 4:
            ipopt += b"\0" * (4 - len(ipopt) % 4)
        frag = f["fragment"]
        if frag == "split":
            cut = (len(udp) // 2) & ~7
            pieces = [(udp[:cut], 0x2000), (udp[cut:], cut // 8)]
        elif frag == "mf":
            pieces = [(udp, 0x2000)]
        elif frag == "df":
            pieces = [(udp, 0x4000)]
        elif isinstance(frag, tuple):
            pieces = [(udp, frag[1] & 0x1fff)]
        else:
            pieces = [(udp, 0)]
        out = []
        for data, fragword in pieces:
            ihl = resolve(f["ip_ihl"], 5 + len(ipopt) // 4) & 0xf
            tlen = resolve(f["ip_len"], 20 + len(ipopt) + len(data)) & 0xffff
            hdr = struct.pack(
                "!BBHHHBBH4s4s", ((f["ip_version"] & 0xf) << 4) | ihl,
                f["ip_tos"] & 0xff, tlen, f["ip_id"] & 0xffff, fragword,
                f["ip_ttl"] & 0xff, f["ip_proto"] & 0xff, 0, f["ip_src"],
                f["ip_dst"]) + ipopt
            c = cksum(hdr)
            if f["ip_csum"] == "bad":
                c ^= 0x00ff
            elif f["ip_csum"] is not None and f["ip_csum"] != "zero":
                c = f["ip_csum"]
            elif f["ip_csum"] == "zero":
                c = 0
            hdr = hdr[:10] + struct.pack("!H", c & 0xffff) + hdr[12:]
            eth = f["eth_dst"] + f["eth_src"]
            if f["vlan"] is not None:
                eth += struct.pack("!HH", 0x8100, f["vlan"] & 0xfff)
            eth += struct.pack("!H", f["eth_type"] & 0xffff)
            out.append(eth + hdr + data)
        return out


def dns_name(name):
    out = b""
    for label in name.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def classless(spec):
    """DST/LEN,GW -> option 121 bytes"""
    dst, _, gw = spec.partition(",")
    net, _, plen = dst.partition("/")
    plen = int(plen)
    if not 0 <= plen <= 32 or not gw:
        raise ValueError("--classless wants DST/LEN,GW: %r" % spec)
    return bytes([plen]) + ip2b(net)[:(plen + 7) // 8] + ip2b(gw)


def if_addr(ifname):
    import fcntl
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        r = fcntl.ioctl(s.fileno(), SIOCGIFADDR,
                        struct.pack("256s", ifname.encode()[:15]))
        return r[20:24]
    finally:
        s.close()


class Server:
    def __init__(self, a):
        self.a = a
        self.ifname = a.interface
        try:
            with open("/sys/class/net/%s/address" % self.ifname) as fp:
                self.mac = mac2b(fp.read().strip())
        except OSError as e:
            die("%s: %s" % (self.ifname, e))
        if a.server_ip:
            self.sip = ip2b(a.server_ip)
        else:
            try:
                self.sip = if_addr(self.ifname)
            except OSError:
                die("%s has no IPv4 address: use --server-ip" % self.ifname)
        self.pool = [ip2b(x) for x in a.address]
        self.bound = {}  # chaddr -> address
        self.replies = 0
        self.silent = False
        self.timers = []
        self.tseq = 0
        self.last = None  # latest client request, for the flood
        self.seen = threading.Event()
        self.lock = threading.Lock()

        self.rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                socket.htons(ETH_P_IP))
        self.rx.bind((self.ifname, ETH_P_IP))
        self.tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        self.tx.bind((self.ifname, 0))
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.udp.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE,
                            self.ifname.encode())
        self.udp.bind(("0.0.0.0", 67))

    # address management
    def lookup(self, chaddr):
        addr = self.bound.get(chaddr)
        if addr is not None:
            return addr
        used = set(self.bound.values())
        for addr in self.pool:
            if addr not in used:
                return addr
        return None

    def ours(self, chaddr, addr):
        if addr not in self.pool:
            return False
        holder = [m for m, x in self.bound.items() if x == addr]
        return not holder or holder == [chaddr]

    def config_options(self, req, lease=True):
        a = self.a
        o = []
        if lease:
            o.append((51, struct.pack("!I", a.lease)))
            if a.t1 is not None:
                o.append((58, struct.pack("!I", a.t1)))
            if a.t2 is not None:
                o.append((59, struct.pack("!I", a.t2)))
        o.append((1, ip2b(a.netmask)))
        if a.router:
            o.append((3, b"".join(ip2b(x) for x in a.router)))
        if a.dns:
            o.append((6, b"".join(ip2b(x) for x in a.dns)))
        if a.hostname:
            o.append((12, a.hostname.encode()))
        if a.domain:
            o.append((15, a.domain.encode()))
        if a.mtu is not None:
            o.append((26, struct.pack("!H", a.mtu)))
        if a.broadcast_address:
            o.append((28, ip2b(a.broadcast_address)))
        if a.search:
            o.append((119, b"".join(dns_name(x) for x in a.search)))
        if a.classless:
            o.append((121, b"".join(classless(x) for x in a.classless)))
        if a.ipv6_only is not None and 108 in req.prl:
            o.append((108, struct.pack("!I", a.ipv6_only)))
        return o

    def reply(self, req, mtype, yiaddr=b"\0" * 4, opts=()):
        """A reply of type mtype to req, overrides applied."""
        sid = self.sip
        if mtype == DHCPNAK and self.a.nak_from:
            sid = ip2b(self.a.nak_from)
        zero = b"\0" * 4
        if mtype != DHCPNAK and req.ciaddr != zero:
            ip_dst, eth_dst = req.ciaddr, req.eth_src
        elif req.flags & 0x8000 or mtype == DHCPNAK or yiaddr == zero:
            ip_dst, eth_dst = b"\xff" * 4, b"\xff" * 6
        else:
            ip_dst, eth_dst = yiaddr, req.chaddr
        r = Reply(xid=req.xid, flags=req.flags & 0x8000,
                  ciaddr=req.ciaddr if mtype != DHCPNAK else zero,
                  yiaddr=yiaddr, giaddr=req.giaddr, chaddr=req.chaddr16,
                  ip_src=sid, ip_dst=ip_dst, eth_src=self.mac,
                  eth_dst=eth_dst)
        r.options.append([53, bytes([mtype])])
        r.options.append([54, sid])
        for code, value in opts:
            r.options.append([code, value])
        if mtype == DHCPNAK:
            r.options.append([56, b"requested address not available"])
        r.apply(self.a.set)
        return r

    def answer(self, req):
        """The reply to req, or None."""
        a = self.a
        t = req.type
        if t == DHCPDISCOVER:
            addr = self.lookup(req.chaddr)
            if addr is None:
                log("nofree", "xid=0x%08x" % req.xid)
                return None
            opts = self.config_options(req)
            if a.rapid_commit and 80 in req.options:
                self.bound[req.chaddr] = addr
                return self.reply(req, DHCPACK, addr,
                                  opts + [(80, b"")])
            return self.reply(req, DHCPOFFER, addr, opts)
        if t == DHCPREQUEST:
            sid = req.addr_opt(54)
            if sid is not None and sid != self.sip:
                log("ignore", MSGNAMES[t], "xid=0x%08x" % req.xid,
                    "server_id=%s" % b2ip(sid), "(for another server)")
                return None
            want = req.addr_opt(50)
            if want is None:
                want = req.ciaddr
            if a.nak_all or not self.ours(req.chaddr, want):
                return self.reply(req, DHCPNAK)
            self.bound[req.chaddr] = want
            return self.reply(req, DHCPACK, want, self.config_options(req))
        if t == DHCPINFORM:
            return self.reply(req, DHCPACK, b"\0" * 4,
                              self.config_options(req, lease=False))
        if t == DHCPRELEASE:
            self.bound.pop(req.chaddr, None)
        return None

    # sending
    def send_frames(self, r, what):
        for _ in range(max(r.f["copies"], 0)):
            for fr in r.frames():
                try:
                    self.tx.send(fr)
                except OSError as e:
                    log("senderr", what, os.strerror(e.errno))
                    return
        log("sent", what, "yiaddr=%s" % b2ip(r.f["yiaddr"]),
            "to=%s" % b2mac(r.f["eth_dst"]),
            "ip_dst=%s" % b2ip(r.f["ip_dst"]),
            "len=%d" % sum(len(x) for x in r.frames()),
            "copies=%d" % r.f["copies"])

    def schedule(self, when, fn):
        self.tseq += 1
        heapq.heappush(self.timers, (when, self.tseq, fn))

    def send(self, r):
        what = "%s xid=0x%08x" % (r.type_name(), r.f["xid"])
        if r.f["drop"]:
            log("silent", what, "(drop)")
            return False
        if r.f["delay"] > 0:
            self.schedule(time.monotonic() + r.f["delay"],
                          lambda: self.send_frames(r, what))
        else:
            self.send_frames(r, what)
        return True

    def forcerenew(self, req, addr):
        r = Reply(xid=int.from_bytes(os.urandom(4), "big"), ciaddr=addr,
                  chaddr=req.chaddr16, ip_src=self.sip, ip_dst=addr,
                  eth_src=self.mac, eth_dst=req.chaddr)
        r.options.append([53, bytes([DHCPFORCERENEW])])
        r.options.append([54, self.sip])
        r.apply(self.a.set)
        self.send(r)

    def handle(self, frame):
        try:
            req = Request(frame)
        except (ValueError, struct.error) as e:
            if len(frame) >= 14 + 20 + 4 and frame[14 + 9] == 17:
                log("bad", len(frame), e)
            return
        log("recv", MSGNAMES.get(req.type, "type%d" % req.type),
            req.describe())
        with self.lock:
            self.last = req
        after = self.a.flood[3] if self.a.flood else 0
        if after == 0 or req.type == after:
            self.seen.set()
        r = self.answer(req)
        if r is None:
            return
        what = "%s xid=0x%08x" % (r.type_name(), r.f["xid"])
        limit = self.a.no_answer_after
        if self.silent or (limit is not None and self.replies >= limit):
            log("silent", what)
            return
        self.replies += 1
        if not self.send(r):
            return
        if self.a.forcerenew and r.mtype() == "ack":
            self.a.forcerenew -= 1
            addr = r.f["yiaddr"]
            self.schedule(time.monotonic() + self.a.forcerenew_delay +
                          r.f["delay"], lambda: self.forcerenew(req, addr))

    def flood(self, kind, rate, secs, start_evt):
        mtype = SCOPES[kind]
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        s.bind((self.ifname, 0))
        self.seen.wait()
        start_evt.set()
        cur = None
        sent = errors = 0
        t0 = time.monotonic()
        log("flood start type=%s rate=%d secs=%g" % (kind, rate, secs))
        while True:
            now = time.monotonic()
            el = now - t0
            if el >= secs:
                break
            with self.lock:
                req = self.last
            if req is not cur:
                cur = req
                addr = self.lookup(req.chaddr) or b"\0" * 4
                r = self.reply(req, mtype, addr if mtype != DHCPNAK
                               else b"\0" * 4,
                               self.config_options(req)
                               if mtype != DHCPNAK else ())
                frame = r.frames()[0]
                send = s.send
            target = min(int(rate * el) + 1, int(rate * secs))
            while sent < target:
                try:
                    send(frame)
                except OSError as e:
                    if e.errno not in (errno.ENOBUFS, errno.EAGAIN):
                        log("flood senderr", os.strerror(e.errno))
                        secs = 0
                    errors += 1
                    break
                sent += 1
            time.sleep(0.0005)
        log("flood done type=%s rate=%d secs=%g sent=%d errors=%d "
            "elapsed=%.3f" % (kind, rate, secs, sent, errors,
                              time.monotonic() - t0))
        s.close()

    def run(self):
        if self.a.flood:
            kind, rate, secs, _ = self.a.flood
            evt = threading.Event()
            th = threading.Thread(target=self.flood,
                                  args=(kind, rate, secs, evt), daemon=True)
            th.start()
        log("ready", "if=%s" % self.ifname, "server_ip=%s" % b2ip(self.sip),
            "server_mac=%s" % b2mac(self.mac))
        poll = select.poll()
        poll.register(self.rx, select.POLLIN)
        poll.register(self.udp, select.POLLIN)
        rxfd, udpfd = self.rx.fileno(), self.udp.fileno()
        while True:
            now = time.monotonic()
            while self.timers and self.timers[0][0] <= now:
                _, _, fn = heapq.heappop(self.timers)
                fn()
            timeout = 500
            if self.timers:
                timeout = max(0, int((self.timers[0][0] - now) * 1000) + 1)
            for fd, _ in poll.poll(timeout):
                if fd == udpfd:
                    self.udp.recv(4096)
                elif fd == rxfd:
                    frame, addr = self.rx.recvfrom(65535)
                    if addr[2] == PACKET_OUTGOING:
                        continue
                    self.handle(frame)


def parse_flood(s):
    after = {"any": 0, "discover": DHCPDISCOVER, "request": DHCPREQUEST}
    try:
        w = s.split(":")
        if len(w) == 3:
            w.append("any")
        kind, rate, secs, when = w
        if kind not in ("offer", "ack", "nak") or when not in after:
            raise ValueError
        return (kind, int(rate), float(secs), after[when])
    except ValueError:
        raise argparse.ArgumentTypeError(
            "--flood wants offer|ack|nak:RATE:SECONDS[:discover|request|any]")


def set_arg(s):
    try:
        return parse_set(s)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e))


def main():
    p = argparse.ArgumentParser(
        prog="fakedhcpd", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-i", "--interface", required=True)
    p.add_argument("--server-ip")
    p.add_argument("--address", action="append", default=[])
    p.add_argument("--netmask", default="255.255.255.0")
    p.add_argument("--router", action="append", default=[])
    p.add_argument("--dns", action="append", default=[])
    p.add_argument("--hostname")
    p.add_argument("--domain")
    p.add_argument("--search", action="append", default=[])
    p.add_argument("--mtu", type=int)
    p.add_argument("--broadcast-address")
    p.add_argument("--lease", type=int, default=3600)
    p.add_argument("--t1", type=int)
    p.add_argument("--t2", type=int)
    p.add_argument("--classless", action="append", default=[])
    p.add_argument("--ipv6-only", type=int)
    p.add_argument("--rapid-commit", action="store_true")
    p.add_argument("--no-answer-after", type=int)
    p.add_argument("--nak-all", "--nak-storm", action="store_true")
    p.add_argument("--nak-from")
    p.add_argument("--forcerenew", type=int, nargs="?", const=1, default=0)
    p.add_argument("--forcerenew-delay", type=float, default=0.5)
    p.add_argument("--flood", type=parse_flood)
    p.add_argument("--set", type=set_arg, action="append", default=[])
    a = p.parse_args()
    if not a.address:
        p.error("give at least one --address")
    try:
        for x in a.address + a.router + a.dns + [a.netmask]:
            ip2b(x)
        for x in a.classless:
            classless(x)
        for x in (a.server_ip, a.nak_from, a.broadcast_address):
            if x:
                ip2b(x)
    except (OSError, ValueError) as e:
        p.error(str(e))

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    srv = Server(a)

    def quiet(*_):
        srv.silent = True
        log("signal silent")

    def loud(*_):
        srv.silent = False
        log("signal answering")
    signal.signal(signal.SIGUSR1, quiet)
    signal.signal(signal.SIGUSR2, loud)
    try:
        srv.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
