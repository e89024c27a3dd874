#!/usr/bin/python3
"""dhcpc - a minimal DHCP client that checks what fakedhcpd sends.

    dhcpc.py -i IF discover [--prl 1,3,108] [--rapid-commit] [--all]
    dhcpc.py -i IF request --requested A [--server-id A] [--ciaddr A]
    dhcpc.py -i IF renew --ciaddr A --server A      (unicast, UDP socket)
    dhcpc.py -i IF discover --count SECS            (frames/s received)

Sends one message and prints every IPv4 frame received within --timeout
seconds (only the first unless --all) as key=value lines, each frame
starting with "frame N".  Checksums are verified here, independently of
the server's code: ip_csum_ok, udp_csum_ok, udp_len_ok, ip_len_ok.
pkttype is the kernel's packet type (0 host, 1 broadcast, 3 other host:
what a VLAN-tagged frame becomes when no VLAN device takes it; the tag
itself is gone by then, so vlan= only shows a tag the kernel kept).
With --count, prints "count=N" frames seen by the kernel for this socket
(received plus dropped) during SECS seconds after sending, then the
first queued frame of each message type and "queued_opt53=T N" counts.
--xid fixes the transaction id.
"""

import argparse
import os
import socket
import struct
import sys
import time

ETH_P_IP = 0x0800
SOL_PACKET = 263
PACKET_AUXDATA = 8
PACKET_STATISTICS = 6
TP_STATUS_VLAN_VALID = 0x10
SO_BINDTODEVICE = 25


def csum(data):
    if len(data) % 2:
        data += b"\0"
    total = 0
    for i in range(0, len(data), 2):
        total += (data[i] << 8) | data[i + 1]
    total = (total >> 16) + (total & 0xffff)
    total += total >> 16
    return ~total & 0xffff


def ip(b):
    return socket.inet_ntoa(b)


def mac(b):
    return ":".join("%02x" % x for x in b)


def message(a, mtype, xid, chaddr):
    ciaddr = socket.inet_aton(a.ciaddr or "0.0.0.0")
    m = struct.pack("!BBBBIHH4s4s4s4s16s64s128sI", 1, 1, 6, 0, xid, 0,
                    0x8000 if a.broadcast else 0, ciaddr, b"\0" * 4,
                    b"\0" * 4, b"\0" * 4, chaddr, b"", b"", 0x63825363)
    m += bytes([53, 1, mtype])
    if a.requested:
        m += bytes([50, 4]) + socket.inet_aton(a.requested)
    if a.server_id:
        m += bytes([54, 4]) + socket.inet_aton(a.server_id)
    if a.rapid_commit:
        m += bytes([80, 0])
    prl = [int(x) for x in a.prl.split(",") if x]
    if prl:
        m += bytes([55, len(prl)] + prl)
    return m + b"\xff" + b"\0" * 8


def frame(payload, src_mac):
    src, dst = b"\0" * 4, b"\xff" * 4
    udp = struct.pack("!HHHH", 68, 67, 8 + len(payload), 0) + payload
    c = csum(src + dst + struct.pack("!BBH", 0, 17, len(udp)) + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17,
                      0, src, dst)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return b"\xff" * 6 + src_mac + struct.pack("!H", ETH_P_IP) + hdr + udp


def dump(n, data, anc, xid, pkttype):
    out = ["frame %d" % n, "frame_len=%d" % len(data),
           "pkttype=%d" % pkttype]
    vlan = "none"
    for level, kind, val in anc:
        if level == SOL_PACKET and kind == PACKET_AUXDATA:
            st, _, _, _, _, tci, _ = struct.unpack("IIIHHHH", val[:20])
            if st & TP_STATUS_VLAN_VALID:
                vlan = str(tci & 0xfff)
    out += ["eth_dst=%s" % mac(data[0:6]), "eth_src=%s" % mac(data[6:12]),
            "eth_type=0x%04x" % struct.unpack("!H", data[12:14]), "vlan=" +
            vlan]
    iph = data[14:]
    ihl = (iph[0] & 0xf) * 4
    tlen, ident, fragw = struct.unpack("!HHH", iph[2:8])
    out += ["ip_version=%d" % (iph[0] >> 4), "ip_ihl=%d" % (iph[0] & 0xf),
            "ip_len=%d" % tlen, "ip_len_ok=%d" % (tlen == len(iph)),
            "ip_frag=0x%04x" % fragw, "ip_proto=%d" % iph[9],
            "ip_ttl=%d" % iph[8], "ip_csum_ok=%d" % (csum(iph[:ihl]) == 0),
            "ip_src=%s" % ip(iph[12:16]), "ip_dst=%s" % ip(iph[16:20])]
    if iph[9] != 17 or fragw & 0x1fff:
        return out
    udp = iph[ihl:tlen] if tlen <= len(iph) else iph[ihl:]
    sport, dport, ulen, uc = struct.unpack("!HHHH", udp[:8])
    pseudo = iph[12:20] + struct.pack("!BBH", 0, 17, len(udp))
    out += ["udp_sport=%d" % sport, "udp_dport=%d" % dport,
            "udp_len=%d" % ulen, "udp_len_ok=%d" % (ulen == len(udp)),
            "udp_csum=0x%04x" % uc,
            "udp_csum_ok=%d" % (uc != 0 and csum(pseudo + udp) == 0)]
    b = udp[8:]
    out.append("bootp_len=%d" % len(b))
    if len(b) < 240:
        return out
    (op, htype, hlen, hops, rxid, secs, flags, ci, yi, si, gi, ch) = \
        struct.unpack("!BBBBIHH4s4s4s4s16s", b[:44])
    out += ["op=%d" % op, "htype=%d" % htype, "hlen=%d" % hlen,
            "xid=0x%08x" % rxid, "xid_match=%d" % (rxid == xid),
            "flags=0x%04x" % flags, "ciaddr=%s" % ip(ci),
            "yiaddr=%s" % ip(yi), "siaddr=%s" % ip(si),
            "giaddr=%s" % ip(gi), "chaddr=%s" % mac(ch[:6]),
            "cookie=0x%08x" % struct.unpack("!I", b[236:240])]
    opts, i, codes, end = b[240:], 0, [], 0
    while i < len(opts):
        c = opts[i]
        if c == 0:
            i += 1
            continue
        if c == 255:
            end = 1
            break
        if i + 1 >= len(opts):
            out.append("truncated_at=%d" % i)
            break
        n = opts[i + 1]
        v = opts[i + 2:i + 2 + n]
        if len(v) < n:
            out.append("truncated_at=%d" % i)
        codes.append(str(c))
        out.append("opt%d=%s" % (c, v.hex()))
        i += 2 + n
    out += ["opts=%s" % ",".join(codes), "end=%d" % end]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-i", "--interface", required=True)
    p.add_argument("cmd", choices=("discover", "request", "renew",
                                   "inform"))
    p.add_argument("--requested")
    p.add_argument("--server-id")
    p.add_argument("--ciaddr")
    p.add_argument("--server")
    p.add_argument("--prl", default="1,3,6,15,26,51,54,58,59,119,121")
    p.add_argument("--rapid-commit", action="store_true")
    p.add_argument("--broadcast", action="store_true")
    p.add_argument("--timeout", type=float, default=2.0)
    p.add_argument("--all", action="store_true")
    p.add_argument("--count", type=float)
    p.add_argument("--xid", type=lambda x: int(x, 0))
    a = p.parse_args()

    with open("/sys/class/net/%s/address" % a.interface) as fp:
        own = bytes(int(x, 16) for x in fp.read().strip().split(":"))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_IP))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((a.interface, ETH_P_IP))
    xid = a.xid if a.xid is not None else \
        int.from_bytes(os.urandom(4), "big")
    mtype = {"discover": 1, "request": 3, "renew": 3, "inform": 8}[a.cmd]
    msg = message(a, mtype, xid, own)
    print("xid=0x%08x" % xid)
    if a.cmd == "renew":
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, a.interface.encode())
        u.bind((a.ciaddr, 68))
        u.sendto(msg, (a.server, 67))
    else:
        s.send(frame(msg, own))
    if a.count:
        s.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)  # resets
        time.sleep(a.count)
        got, drops = struct.unpack(
            "II", s.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
        print("count=%d drops=%d rate=%d" % (got, drops, got / a.count))
        s.settimeout(0.1)
        tally = {}
        while True:
            try:
                data, anc, _, addr = s.recvmsg(65535, 4096)
            except socket.timeout:
                break
            lines = dump(len(tally) + 1, data, anc, xid, addr[2])
            t = [x for x in lines if x.startswith("opt53=")]
            t = t[0] if t else "opt53=none"
            if t not in tally:
                print("\n".join(lines))
            tally[t] = tally.get(t, 0) + 1
            s.settimeout(0.01)
        for t, n in sorted(tally.items()):
            print("queued_%s %d" % (t, n))
        return
    deadline = time.monotonic() + a.timeout
    n = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            data, anc, _, addr = s.recvmsg(65535, 4096)
        except socket.timeout:
            break
        if addr[2] == 4:  # our own frame
            continue
        n += 1
        print("\n".join(dump(n, data, anc, xid, addr[2])))
        sys.stdout.flush()
        if not a.all:
            break
    print("frames=%d" % n)


if __name__ == "__main__":
    main()
