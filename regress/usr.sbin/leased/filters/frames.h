/*
 * Frames for the filter tests: DHCP messages and the noise around
 * them, built byte by byte.  The addresses match the lab (lab.sh): the
 * client's interface 52:54:00:12:34:56 leases 192.0.2.10 from the
 * server 192.0.2.1 at 52:54:00:aa:bb:cc.
 */

#ifndef FRAMES_H
#define FRAMES_H

#include <linux/if_packet.h>

#include <stdint.h>
#include <string.h>

#define FRAMELEN	342		/* 14 + 20 + 8 + 300 */
#define MINLEN		282		/* up to the end of the magic cookie */
#define BOOTP_OFF	42		/* BOOTP, in a frame without options */

#define LAB_LEASED	0xc000020aU	/* 192.0.2.10 */
#define LAB_SERVER	0xc0000201U	/* 192.0.2.1 */
#define LAB_OTHER	0xc0000202U	/* 192.0.2.2, nobody's */

struct frame {
	uint8_t		 b[FRAMELEN + 16];
	size_t		 len;
	int		 vlanp;		/* skb: VLAN tag present */
	int		 pkttype;	/* skb: PACKET_HOST, ... */
};

static const uint8_t	 our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t	 srv_mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
static const uint8_t	 other_mac[6] = { 0x52, 0x54, 0x00, 0x66, 0x66, 0x66 };
static const uint8_t	 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

#define UNUSED	__attribute__((__unused__))

static void	 put16(uint8_t *, uint16_t) UNUSED;
static void	 put32(uint8_t *, uint32_t) UNUSED;
static void	 ip_checksum(struct frame *, size_t) UNUSED;
static void	 dhcp(struct frame *, const uint8_t *, const uint8_t *,
		    uint32_t, uint32_t, uint16_t, uint16_t, int, int,
		    const uint8_t *, uint32_t) UNUSED;
static void	 request(struct frame *, int) UNUSED;
static void	 unicast_request(struct frame *, int) UNUSED;
static void	 reply(struct frame *, int) UNUSED;
static void	 ip_options(struct frame *, size_t) UNUSED;
static void	 vlan_tag(struct frame *, uint16_t) UNUSED;
static void	 arp_request(struct frame *, const uint8_t *, uint32_t,
		    uint32_t) UNUSED;
static void	 set_xid(struct frame *, uint32_t) UNUSED;

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void
ip_checksum(struct frame *f, size_t ip)
{
	uint32_t	 sum = 0;
	size_t		 i, hl = (f->b[ip] & 0x0f) * 4;

	put16(&f->b[ip + 10], 0);
	for (i = 0; i < hl; i += 2)
		sum += f->b[ip + i] << 8 | f->b[ip + i + 1];
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(&f->b[ip + 10], ~sum);
}

/*
 * A DHCP message: Ethernet, IPv4 (no options), UDP, BOOTP with the
 * magic cookie and a message type option.
 */
static void
dhcp(struct frame *f, const uint8_t *dst, const uint8_t *src,
    uint32_t ipsrc, uint32_t ipdst, uint16_t sport, uint16_t dport, int op,
    int type, const uint8_t *chaddr, uint32_t ciaddr)
{
	uint8_t	*ip = f->b + 14, *udp = ip + 20, *bootp = udp + 8;

	memset(f, 0, sizeof(*f));
	f->len = FRAMELEN;
	f->pkttype = memcmp(dst, bcast, 6) == 0 ? PACKET_BROADCAST :
	    memcmp(dst, our_mac, 6) == 0 ? PACKET_HOST : PACKET_OTHERHOST;
	memcpy(f->b, dst, 6);
	memcpy(f->b + 6, src, 6);
	put16(f->b + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, FRAMELEN - 14);
	put16(ip + 4, 0x1234);
	ip[8] = 64;
	ip[9] = 17;
	put32(ip + 12, ipsrc);
	put32(ip + 16, ipdst);
	ip_checksum(f, 14);
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, FRAMELEN - 34);
	bootp[0] = op;
	bootp[1] = 1;
	bootp[2] = 6;
	put32(bootp + 4, 0xcafe0001);
	put32(bootp + 12, ciaddr);
	memcpy(bootp + 28, chaddr, 6);
	put32(bootp + 236, 0x63825363);
	bootp[240] = 53;
	bootp[241] = 1;
	bootp[242] = type;
	bootp[243] = 255;
}

/* A broadcast request from us, from 0.0.0.0 or the leased address. */
static void
request(struct frame *f, int from_leased)
{
	dhcp(f, bcast, our_mac, from_leased ? LAB_LEASED : 0,
	    0xffffffff, 68, 67, 1, from_leased ? 3 : 1, our_mac,
	    from_leased ? LAB_LEASED : 0);
}

/* A unicast request (renew, or release) to the server. */
static void
unicast_request(struct frame *f, int type)
{
	dhcp(f, srv_mac, our_mac, LAB_LEASED, LAB_SERVER,
	    68, 67, 1, type, our_mac, LAB_LEASED);
}

/* A reply from the server, broadcast or unicast to us. */
static void
reply(struct frame *f, int unicast)
{
	dhcp(f, unicast ? our_mac : bcast, srv_mac, LAB_SERVER,
	    unicast ? LAB_LEASED : 0xffffffff, 67, 68, 2,
	    unicast ? 5 : 2, our_mac, 0);
}

/* Insert n bytes of IP options (n a multiple of 4). */
static void
ip_options(struct frame *f, size_t n)
{
	memmove(f->b + 34 + n, f->b + 34, f->len - 34);
	memset(f->b + 34, 1, n);	/* NOP options */
	f->b[14] = 0x40 | (5 + n / 4);
	f->len += n;
	put16(f->b + 16, f->len - 14);
	ip_checksum(f, 14);
}

/* Insert an 802.1Q or 802.1ad tag in the frame itself. */
static void
vlan_tag(struct frame *f, uint16_t tpid)
{
	memmove(f->b + 16, f->b + 12, f->len - 12);
	put16(f->b + 12, tpid);
	put16(f->b + 14, 5);
	f->len += 4;
}

/* An ARP request from mac/spa for tpa. */
static void
arp_request(struct frame *f, const uint8_t *mac, uint32_t spa, uint32_t tpa)
{
	memset(f, 0, sizeof(*f));
	f->len = 60;
	f->pkttype = PACKET_BROADCAST;
	memcpy(f->b, bcast, 6);
	memcpy(f->b + 6, mac, 6);
	put16(f->b + 12, 0x0806);
	put16(f->b + 14, 1);
	put16(f->b + 16, 0x0800);
	f->b[18] = 6;
	f->b[19] = 4;
	put16(f->b + 20, 1);
	memcpy(f->b + 22, mac, 6);
	put32(f->b + 28, spa);
	put32(f->b + 38, tpa);
}

/* Mark a DHCP frame (without IP options) so it can be recognised. */
static void
set_xid(struct frame *f, uint32_t xid)
{
	put32(f->b + BOOTP_OFF + 4, xid);
}

#endif /* FRAMES_H */
