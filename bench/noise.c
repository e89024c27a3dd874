/*
 * noise: flood a link with frames a DHCP client has no business waking
 * up for, to measure what they cost it.
 *
 *	noise -i ifname -m client-mac -a client-addr [-r rate] [-t seconds]
 *
 * A batch of frames is built once: broadcast ARP requests for other
 * addresses, broadcast UDP to NetBIOS, SSDP and other ports (never 68),
 * unicast UDP and TCP to the client's MAC and address, IPv6 multicast
 * UDP (mDNS).  It is sent over and over with sendmmsg() on an AF_PACKET
 * socket, paced to rate frames per second (0: as fast as it goes); the
 * achieved rate is printed at the end.
 */

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NFRAMES		64
#define FRAMELEN	128

struct frame {
	uint8_t		buf[FRAMELEN];
	size_t		len;
};

static void	usage(void) __attribute__((__noreturn__));
static double	now(void);
static uint32_t	sum16(const uint8_t *, size_t, uint32_t);
static uint16_t	fold(uint32_t);
static void	put16(uint8_t *, uint16_t);
static size_t	eth(uint8_t *, const uint8_t *, const uint8_t *, uint16_t);
static size_t	ip4(uint8_t *, uint32_t, uint32_t, uint8_t, size_t);
static void	l4sum4(uint8_t *, size_t, uint8_t);
static void	build_arp(struct frame *, const uint8_t *, uint32_t, uint32_t);
static void	build_udp4(struct frame *, const uint8_t *, const uint8_t *,
		    uint32_t, uint32_t, uint16_t, uint16_t);
static void	build_tcp4(struct frame *, const uint8_t *, const uint8_t *,
		    uint32_t, uint32_t, uint16_t);
static void	build_udp6(struct frame *, const uint8_t *, uint16_t);

static const uint8_t	bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void
usage(void)
{
	fprintf(stderr, "usage: noise -i ifname -m client-mac "
	    "-a client-addr [-r rate] [-t seconds]\n");
	exit(2);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static uint32_t
sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t	i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return (sum);
}

static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ((uint16_t)~sum);
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static size_t
eth(uint8_t *p, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(p, dst, 6);
	memcpy(p + 6, src, 6);
	put16(p + 12, type);
	return (14);
}

/* An IPv4 header for a payload of plen bytes; addresses in host order. */
static size_t
ip4(uint8_t *p, uint32_t src, uint32_t dst, uint8_t proto, size_t plen)
{
	uint32_t	s = htonl(src), d = htonl(dst);

	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, 20 + plen);
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, &s, 4);
	memcpy(p + 16, &d, 4);
	put16(p + 10, fold(sum16(p, 20, 0)));
	return (20);
}

/* The TCP or UDP checksum of the segment after the IPv4 header at ip. */
static void
l4sum4(uint8_t *ip, size_t plen, uint8_t proto)
{
	uint8_t		*l4 = ip + 20;
	uint32_t	 sum;
	int		 off = proto == IPPROTO_TCP ? 16 : 6;

	sum = sum16(ip + 12, 8, 0) + proto + (uint32_t)plen;
	put16(l4 + off, 0);
	put16(l4 + off, fold(sum16(l4, plen, sum)));
}

static void
build_arp(struct frame *f, const uint8_t *smac, uint32_t sip, uint32_t tip)
{
	uint8_t		*p = f->buf;
	uint32_t	 s = htonl(sip), t = htonl(tip);

	p += eth(p, bcast, smac, ETHERTYPE_ARP);
	put16(p, 1);
	put16(p + 2, ETHERTYPE_IP);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, 1);
	memcpy(p + 8, smac, 6);
	memcpy(p + 14, &s, 4);
	memset(p + 18, 0, 6);
	memcpy(p + 24, &t, 4);
	f->len = 60;
}

static void
build_udp4(struct frame *f, const uint8_t *dmac, const uint8_t *smac,
    uint32_t sip, uint32_t dip, uint16_t sport, uint16_t dport)
{
	uint8_t		*p = f->buf, *ip;
	size_t		 plen = 8 + 32;

	p += eth(p, dmac, smac, ETHERTYPE_IP);
	ip = p;
	p += ip4(p, sip, dip, IPPROTO_UDP, plen);
	put16(p, sport);
	put16(p + 2, dport);
	put16(p + 4, plen);
	memset(p + 8, 'n', plen - 8);
	l4sum4(ip, plen, IPPROTO_UDP);
	f->len = 14 + 20 + plen;
}

static void
build_tcp4(struct frame *f, const uint8_t *dmac, const uint8_t *smac,
    uint32_t sip, uint32_t dip, uint16_t dport)
{
	uint8_t		*p = f->buf, *ip;
	size_t		 plen = 20;

	p += eth(p, dmac, smac, ETHERTYPE_IP);
	ip = p;
	p += ip4(p, sip, dip, IPPROTO_TCP, plen);
	memset(p, 0, plen);
	put16(p, 40000 + dport % 1000);
	put16(p + 2, dport);
	p[4] = 0x12;			/* sequence number */
	p[12] = 5 << 4;
	p[13] = 0x02;			/* SYN */
	put16(p + 14, 65535);
	l4sum4(ip, plen, IPPROTO_TCP);
	f->len = 14 + 20 + plen;
	if (f->len < 60) {
		memset(f->buf + f->len, 0, 60 - f->len);
		f->len = 60;
	}
}

/* mDNS-like UDP to ff02::fb from a link-local address. */
static void
build_udp6(struct frame *f, const uint8_t *smac, uint16_t sport)
{
	static const uint8_t	 dmac[6] = { 0x33, 0x33, 0, 0, 0, 0xfb };
	uint8_t			*p = f->buf, *ip, *udp;
	size_t			 plen = 8 + 32;
	uint32_t		 sum;

	p += eth(p, dmac, smac, ETHERTYPE_IPV6);
	ip = p;
	memset(ip, 0, 40);
	ip[0] = 0x60;
	put16(ip + 4, plen);
	ip[6] = IPPROTO_UDP;
	ip[7] = 255;
	ip[8] = 0xfe;			/* fe80::ff:fe00:2 */
	ip[9] = 0x80;
	ip[19] = 0xff;
	ip[20] = 0xfe;
	ip[23] = 0x02;
	ip[24] = 0xff;			/* ff02::fb */
	ip[25] = 0x02;
	ip[39] = 0xfb;
	udp = ip + 40;
	put16(udp, sport);
	put16(udp + 2, 5353);
	put16(udp + 4, plen);
	put16(udp + 6, 0);
	memset(udp + 8, 'n', plen - 8);
	sum = sum16(ip + 8, 32, 0) + IPPROTO_UDP + (uint32_t)plen;
	put16(udp + 6, fold(sum16(udp, plen, sum)));
	f->len = 14 + 40 + plen;
}

int
main(int argc, char *argv[])
{
	static struct frame	 frames[NFRAMES];
	static const uint16_t	 bports[] = { 137, 138, 1900, 5353, 9, 7, 123,
				    161, 520, 5678 };
	struct mmsghdr		 msgs[NFRAMES];
	struct iovec		 iov[NFRAMES];
	struct sockaddr_ll	 sll;
	struct ifreq		 ifr;
	struct in_addr		 ca;
	uint8_t			 cmac[6], smac[6];
	const char		*ifname = NULL, *macstr = NULL, *addrstr = NULL;
	uint32_t		 sip, cip, bip;
	double			 seconds = 10, rate = 200000, t0, t, ahead;
	struct timespec		 ts;
	unsigned long long	 sent = 0, errors = 0;
	int			 ch, fd, i, n, one = 1;

	while ((ch = getopt(argc, argv, "a:i:m:r:t:")) != -1) {
		switch (ch) {
		case 'a':
			addrstr = optarg;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'm':
			macstr = optarg;
			break;
		case 'r':
			rate = atof(optarg);
			break;
		case 't':
			seconds = atof(optarg);
			break;
		default:
			usage();
		}
	}
	if (ifname == NULL || macstr == NULL || addrstr == NULL)
		usage();
	if (sscanf(macstr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &cmac[0],
	    &cmac[1], &cmac[2], &cmac[3], &cmac[4], &cmac[5]) != 6)
		errx(1, "bad MAC %s", macstr);
	if (inet_pton(AF_INET, addrstr, &ca) != 1)
		errx(1, "bad address %s", addrstr);
	cip = ntohl(ca.s_addr);
	sip = (cip & 0xffffff00U) | 1;
	bip = cip | 0xff;

	if ((fd = socket(AF_PACKET, SOCK_RAW, 0)) == -1)
		err(1, "socket");
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name) - 1);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == -1)
		err(1, "SIOCGIFHWADDR %s", ifname);
	memcpy(smac, ifr.ifr_hwaddr.sa_data, 6);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(ifname);
	if (sll.sll_ifindex == 0)
		err(1, "%s", ifname);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		err(1, "bind");
	(void)setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
	    sizeof(one));

	/* 16 each of ARP, broadcast UDP, unicast UDP/TCP, IPv6. */
	for (i = 0; i < NFRAMES; i++) {
		switch (i % 4) {
		case 0:
			build_arp(&frames[i], smac, sip,
			    (cip & 0xffffff00U) | (200 + i / 4));
			break;
		case 1:
			build_udp4(&frames[i], bcast, smac, sip, bip,
			    bports[i % 10], bports[(i / 4) % 10]);
			break;
		case 2:
			if (i % 8 == 2)
				build_tcp4(&frames[i], cmac, smac, sip, cip,
				    (uint16_t)(1 + i));
			else
				build_udp4(&frames[i], cmac, smac, sip, cip,
				    (uint16_t)(30000 + i), (uint16_t)(
				    33434 + i));
			break;
		case 3:
			build_udp6(&frames[i], smac, (uint16_t)(5353 + i));
			break;
		}
	}
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < NFRAMES; i++) {
		iov[i].iov_base = frames[i].buf;
		iov[i].iov_len = frames[i].len;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	t0 = now();
	do {
		for (i = 0; i < 16; i++) {
			if ((n = sendmmsg(fd, msgs, NFRAMES, 0)) == -1)
				errors++;
			else
				sent += n;
		}
		t = now();
		if (rate > 0 && (ahead = sent / rate - (t - t0)) > 0) {
			ts.tv_sec = (time_t)ahead;
			ts.tv_nsec = (long)((ahead - ts.tv_sec) * 1e9);
			nanosleep(&ts, NULL);
			t = now();
		}
	} while (t - t0 < seconds);
	printf("%llu frames in %.3f s: %.0f frames/s, %llu send errors\n",
	    sent, t - t0, sent / (t - t0), errors);
	return (0);
}
