#!/usr/bin/python3
"""pinger - ICMP echo at a fixed interval, for the lab's loss figures.

    pinger.py ADDRESS COUNT INTERVAL

Sends COUNT echo requests to ADDRESS, one every INTERVAL seconds, waits
one more second for late replies, and prints one line:

    sent N received M lost L

Standard library only; needs CAP_NET_RAW.
"""

import os
import select
import socket
import struct
import sys
import time


def cksum(data):
    if len(data) & 1:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: pinger.py address count interval\n")
        sys.exit(2)
    dst, count, interval = sys.argv[1], int(sys.argv[2]), \
        float(sys.argv[3])
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    ident = os.getpid() & 0xffff
    got = set()
    start = time.monotonic()
    seq = 0
    deadline = start + count * interval + 1.0
    while True:
        now = time.monotonic()
        if seq < count and now >= start + seq * interval:
            hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
            payload = b"leased-lab" + bytes(22)
            c = cksum(hdr + payload)
            hdr = struct.pack("!BBHHH", 8, 0, c, ident, seq)
            try:
                s.sendto(hdr + payload, (dst, 0))
            except OSError:
                pass
            seq += 1
            continue
        if now >= deadline or (seq >= count and len(got) >= count):
            break
        nxt = start + seq * interval if seq < count else deadline
        r, _, _ = select.select([s], [], [], max(0.0, nxt - now))
        if r:
            pkt = s.recv(2048)
            ihl = (pkt[0] & 0xf) * 4
            icmp = pkt[ihl:ihl + 8]
            if len(icmp) == 8:
                typ, _, _, rid, rseq = struct.unpack("!BBHHH", icmp)
                if typ == 0 and rid == ident:
                    got.add(rseq)
    print("sent %d received %d lost %d" % (seq, len(got), seq - len(got)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
