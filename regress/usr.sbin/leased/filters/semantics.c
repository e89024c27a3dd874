/*
 * What the socket filters admit: every program, patched with test
 * values, is run with libpcap's bpf_filter() over a table of crafted
 * frames, and over every truncation of the frames it admits.
 *
 * The receive program starts with a guard on the kernel's ancillary
 * fields (VLAN tag present, packet type) that bpf_filter() cannot
 * evaluate: this test interprets the guard itself against each frame's
 * simulated skb metadata and runs the rest through bpf_filter().
 */

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <netinet/in.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "filters.gen.h"
#include "frames.h"
#include "regress.h"

/*
 * libpcap's interpreter.  Its struct bpf_insn has the layout of the
 * kernel's struct sock_filter; pcap/bpf.h is not included because its
 * macros clash with linux/filter.h.
 */
unsigned int	bpf_filter(const struct sock_filter *, const unsigned char *,
		    unsigned int, unsigned int);


enum prog_id { P_RX, P_TX0, P_TXL, P_UDP, P_MAX };


struct prog {
	const char		*name;
	const struct filter_prog *src;
	struct sock_filter	*insns;
};

static const uint8_t	 ph_mac[6] = FILTER_PH_MAC;
static struct in_addr	 leased, server, other;
static struct prog	 progs[P_MAX];

static int	 guard(const struct prog *, const struct frame *, int *);
static int	 verdict(const struct prog *, const struct frame *, size_t);
static void	 check(const char *, const struct frame *, const char *);
static void	 truncations(const char *, enum prog_id, const struct frame *,
		    size_t);
static void	 setup(void);
static void	 audit(void);

/*
 * Interpret the guard of a program: it uses only ancillary loads,
 * "jeq #k" and "ret #k".  Returns 1 and sets *ret when the guard
 * decides, 0 when it falls through to the program proper.
 */
static int
guard(const struct prog *p, const struct frame *f, int *ret)
{
	const struct sock_filter	*in;
	uint32_t			 a = 0;
	size_t				 pc = 0, n = p->src->guard;

	while (pc < n) {
		in = &p->insns[pc];
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k == (uint32_t)(SKF_AD_OFF + SKF_AD_PKTTYPE))
				a = f->pkttype;
			else if (in->k ==
			    (uint32_t)(SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT))
				a = f->vlanp;
			else {
				printf("# guard: unexpected load %u\n", in->k);
				*ret = -1;
				return (1);
			}
			pc++;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += 1 + (a == in->k ? in->jt : in->jf);
			break;
		case BPF_RET | BPF_K:
			*ret = in->k;
			return (1);
		default:
			printf("# guard: unexpected opcode 0x%x\n", in->code);
			*ret = -1;
			return (1);
		}
	}
	if (pc != n) {
		printf("# guard jumps into the program at %zu\n", pc);
		*ret = -1;
		return (1);
	}
	return (0);
}

/* 1: admitted, 0: rejected, -1: the guard misbehaved. */
static int
verdict(const struct prog *p, const struct frame *f, size_t len)
{
	int	 ret;

	if (guard(p, f, &ret))
		return (ret == -1 ? -1 : ret != 0);
	return (bpf_filter(p->insns + p->src->guard, f->b, len, len) != 0);
}

/*
 * expect: one character per program (rx, tx before a lease, tx with a
 * lease, udp_tx), '1' admitted, '0' rejected.
 */
static void
check(const char *what, const struct frame *f, const char *expect)
{
	int	 i, v;

	for (i = 0; i < P_MAX; i++) {
		v = verdict(&progs[i], f, f->len);
		OK(v == expect[i] - '0', "%s: %s %s", progs[i].name,
		    expect[i] == '1' ? "admits" : "rejects", what);
	}
}

/* Every truncation of an admitted frame below min is rejected. */
static void
truncations(const char *what, enum prog_id id, const struct frame *f,
    size_t min)
{
	static const size_t	 bounds[] = { 0, 6, 12, 14, 34, 42, 43, 70,
				    76, 278 };
	size_t			 len, bad = 0, i;

	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		/* IP options move every boundary after the IP header. */
		len = bounds[i] >= 34 ? bounds[i] + (min - MINLEN) :
		    bounds[i];
		OK(verdict(&progs[id], f, len) == 0, "%s: rejects %s cut "
		    "to %zu bytes", progs[id].name, what, len);
	}
	for (len = 0; len < min; len++)
		if (verdict(&progs[id], f, len) != 0)
			bad++;
	OK(bad == 0, "%s: rejects %s cut to each of 0..%zu bytes (%zu "
	    "admitted)", progs[id].name, what, min - 1, bad);
	OK(verdict(&progs[id], f, min) == 1, "%s: admits %s cut to %zu "
	    "bytes (the end of the magic cookie)", progs[id].name, what, min);
}

static void
setup(void)
{
	static const struct {
		const char		*name;
		const struct filter_prog *src;
		int			 has_lease;
	} defs[P_MAX] = {
		{ "rx", &filter_rx, 0 },
		{ "tx (no lease)", &filter_tx, 0 },
		{ "tx (leased)", &filter_tx, 1 },
		{ "udp_tx", &filter_udp_tx, 1 },
	};
	struct in_addr	 any = { INADDR_ANY };
	size_t		 i, j;
	int		 left;

	leased.s_addr = htonl(LAB_LEASED);
	server.s_addr = htonl(LAB_SERVER);
	other.s_addr = htonl(0xc0000263);	/* 192.0.2.99 */

	for (i = 0; i < P_MAX; i++) {
		progs[i].name = defs[i].name;
		progs[i].src = defs[i].src;
		progs[i].insns = calloc(defs[i].src->len,
		    sizeof(*progs[i].insns));
		if (progs[i].insns == NULL)
			exit(2);
		OK(filter_patch(defs[i].src, progs[i].insns, our_mac,
		    defs[i].has_lease ? leased : any, server) == 0,
		    "%s: patched", progs[i].name);
		left = 0;
		for (j = 0; j < defs[i].src->len; j++)
			if (progs[i].insns[j].k == FILTER_PH_MAC_HI16 ||
			    progs[i].insns[j].k == FILTER_PH_MAC_LO32 ||
			    progs[i].insns[j].k == FILTER_PH_LEASED ||
			    progs[i].insns[j].k == FILTER_PH_SERVER)
				left++;
		OK(left == 0, "%s: no placeholder left after patching (%d)",
		    progs[i].name, left);
	}
	OK(filter_rx.len > filter_rx.guard && filter_rx.len <= BPF_MAXINSNS,
	    "rx: %zu instructions (guard %zu)", filter_rx.len,
	    filter_rx.guard);
	OK(filter_tx.len > 0 && filter_tx.len <= BPF_MAXINSNS,
	    "tx: %zu instructions", filter_tx.len);
	OK(filter_udp_tx.len > 0 && filter_udp_tx.len <= BPF_MAXINSNS,
	    "udp_tx: %zu instructions", filter_udp_tx.len);
	OK(filter_rx.npatches == 4 && filter_tx.npatches == 5 &&
	    filter_udp_tx.npatches == 7, "patch sites: rx %zu, tx %zu, "
	    "udp_tx %zu", filter_rx.npatches, filter_tx.npatches,
	    filter_udp_tx.npatches);
}

/* The audit (leased -n -vv) shows every program with values filled in. */
static void
audit(void)
{
	char	*buf = NULL;
	size_t	 size = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &size)) == NULL)
		exit(2);
	filter_audit(fp, "em0", our_mac, leased, server);
	fclose(fp);
	OK(strstr(buf, "filter rx on em0: packet socket, receive") != NULL &&
	    strstr(buf, "filter tx on em0: packet socket, send") != NULL &&
	    strstr(buf, "filter udp_tx on em0: UDP socket, send") != NULL,
	    "audit: names each program and its socket");
	OK(strstr(buf, "(000) ld       #type\t; guard") != NULL,
	    "audit: shows the receive guard");
	OK(strstr(buf, "jeq      #0x123456        jt 7\tjf 9\t; MAC bytes 2-5")
	    != NULL && strstr(buf, "#0x5254 ") != NULL,
	    "audit: shows the MAC filled in");
	OK(strstr(buf, "#0xc000020a ") != NULL &&
	    strstr(buf, "#0xc0000201 ") != NULL,
	    "audit: shows the leased and server addresses filled in");
	OK(strstr(buf, "0xadbeef01") == NULL && strstr(buf, "0xc63364c9") ==
	    NULL && strstr(buf, "0x2de ") == NULL,
	    "audit: shows no placeholder");
	printf("%s", buf);
	free(buf);
}

int
main(void)
{
	struct frame	 f;

	setup();

	/* What the client sends. */
	request(&f, 0);
	check("a broadcast DISCOVER from 0.0.0.0", &f, "0110");
	request(&f, 0);
	f.b[42 + 242] = 3;
	check("a broadcast REQUEST from 0.0.0.0", &f, "0110");
	request(&f, 1);
	check("a broadcast REQUEST from the leased address", &f, "0010");
	unicast_request(&f, 3);
	check("a unicast REQUEST to the server", &f, "0001");
	unicast_request(&f, 7);
	check("a unicast RELEASE to the server", &f, "0001");
	request(&f, 0);
	put16(f.b + 20, 0x4000);
	ip_checksum(&f, 14);
	check("a DISCOVER with DF set", &f, "0110");

	request(&f, 0);
	memcpy(f.b + 6, other_mac, 6);
	check("a DISCOVER from a foreign source MAC", &f, "0000");
	unicast_request(&f, 3);
	memcpy(f.b + 6, other_mac, 6);
	check("a unicast REQUEST from a foreign source MAC", &f, "0000");
	request(&f, 0);
	memcpy(f.b + 42 + 28, other_mac, 6);
	check("a DISCOVER with a foreign chaddr", &f, "0000");
	unicast_request(&f, 3);
	memcpy(f.b + 42 + 28, other_mac, 6);
	check("a unicast REQUEST with a foreign chaddr", &f, "0000");
	request(&f, 0);
	f.b[42 + 33] ^= 1;
	check("a DISCOVER whose chaddr differs in its last byte", &f, "0000");
	request(&f, 0);
	f.b[6] ^= 0x80;
	check("a DISCOVER whose source MAC differs in its first byte", &f,
	    "0000");
	request(&f, 0);
	memcpy(f.b + 6, ph_mac, 6);
	memcpy(f.b + 42 + 28, ph_mac, 6);
	check("a DISCOVER from the placeholder MAC", &f, "0000");
	request(&f, 0);
	memcpy(f.b, srv_mac, 6);
	check("a DISCOVER to a unicast Ethernet destination", &f, "0000");
	request(&f, 0);
	put32(f.b + 26, ntohl(other.s_addr));
	ip_checksum(&f, 14);
	check("a DISCOVER from another IPv4 source", &f, "0000");
	request(&f, 1);
	put32(f.b + 26, ntohl(other.s_addr));
	ip_checksum(&f, 14);
	check("a REQUEST from another IPv4 source", &f, "0000");
	request(&f, 0);
	put32(f.b + 30, ntohl(server.s_addr));
	ip_checksum(&f, 14);
	check("a DISCOVER to a unicast IPv4 destination", &f, "0000");
	unicast_request(&f, 3);
	put32(f.b + 30, ntohl(other.s_addr));
	ip_checksum(&f, 14);
	check("a unicast REQUEST to another address", &f, "0000");
	unicast_request(&f, 3);
	put32(f.b + 26, ntohl(other.s_addr));
	ip_checksum(&f, 14);
	check("a unicast REQUEST from another address", &f, "0000");
	unicast_request(&f, 3);
	put32(f.b + 42 + 12, 0);
	check("a unicast REQUEST with ciaddr 0.0.0.0", &f, "0000");
	unicast_request(&f, 3);
	put16(f.b + 36, 68);
	check("a unicast REQUEST to port 68", &f, "0000");
	request(&f, 0);
	put16(f.b + 36, 53);
	check("a UDP datagram to port 53", &f, "0000");
	request(&f, 0);
	put16(f.b + 34, 67);
	check("a DISCOVER from port 67", &f, "0000");
	request(&f, 0);
	f.b[23] = 6;
	ip_checksum(&f, 14);
	check("TCP to port 67", &f, "0000");
	request(&f, 0);
	f.b[23] = 1;
	ip_checksum(&f, 14);
	check("ICMP", &f, "0000");
	request(&f, 0);
	put16(f.b + 12, 0x0806);
	check("ARP", &f, "0000");
	request(&f, 0);
	put16(f.b + 12, 0x86dd);
	check("IPv6", &f, "0000");
	request(&f, 0);
	ip_options(&f, 4);
	check("a DISCOVER with IPv4 options (IHL 6)", &f, "0000");
	unicast_request(&f, 3);
	ip_options(&f, 4);
	check("a unicast REQUEST with IPv4 options (IHL 6)", &f, "0000");
	request(&f, 0);
	put16(f.b + 20, 0x2000);
	ip_checksum(&f, 14);
	check("a DISCOVER with MF set", &f, "0000");
	request(&f, 0);
	put16(f.b + 20, 0x0001);
	ip_checksum(&f, 14);
	check("a DISCOVER fragment at offset 8", &f, "0000");
	request(&f, 0);
	vlan_tag(&f, 0x8100);
	check("a DISCOVER with an 802.1Q tag in the frame", &f, "0000");
	request(&f, 0);
	vlan_tag(&f, 0x88a8);
	check("a DISCOVER with an 802.1ad tag in the frame", &f, "0000");
	request(&f, 0);
	f.b[42] = 2;
	check("a BOOTREPLY from us", &f, "0000");
	request(&f, 0);
	f.b[42 + 2] = 16;
	check("a DISCOVER with hlen 16", &f, "0000");
	request(&f, 0);
	f.b[42 + 1] = 6;
	check("a DISCOVER with htype 6", &f, "0000");
	request(&f, 0);
	f.b[42 + 239] ^= 1;
	check("a DISCOVER with a wrong magic cookie", &f, "0000");
	unicast_request(&f, 3);
	f.b[42 + 236] = 0;
	check("a unicast REQUEST with a wrong magic cookie", &f, "0000");
	request(&f, 0);
	f.b[14] = 0x65;
	ip_checksum(&f, 14);
	check("a DISCOVER in an IP version 6 header", &f, "0000");

	/* What the client receives. */
	reply(&f, 0);
	check("a broadcast OFFER", &f, "1000");
	reply(&f, 1);
	check("a unicast ACK to our MAC", &f, "1000");
	reply(&f, 0);
	ip_options(&f, 8);
	check("an OFFER with IPv4 options (IHL 7)", &f, "1000");
	reply(&f, 0);
	f.b[14] = 0x44;
	ip_checksum(&f, 14);
	check("an OFFER with IHL 4", &f, "0000");
	reply(&f, 0);
	f.b[14] = 0x55;
	ip_checksum(&f, 14);
	check("an OFFER with IP version 5", &f, "0000");
	reply(&f, 1);
	memcpy(f.b, other_mac, 6);
	f.pkttype = PACKET_OTHERHOST;
	check("an ACK to another unicast MAC", &f, "0000");
	reply(&f, 1);
	memcpy(f.b, other_mac, 6);
	f.pkttype = PACKET_HOST;
	check("an ACK to another unicast MAC (type not set)", &f, "0000");
	reply(&f, 0);
	memcpy(f.b + 42 + 28, other_mac, 6);
	check("an OFFER for a foreign chaddr", &f, "0000");
	reply(&f, 0);
	f.b[42 + 28 + 5] ^= 0xff;
	check("an OFFER whose chaddr differs in its last byte", &f, "0000");
	reply(&f, 0);
	f.b[42] = 1;
	check("a BOOTREQUEST from 67 to 68", &f, "0000");
	request(&f, 0);
	memcpy(f.b + 6, other_mac, 6);
	memcpy(f.b + 42 + 28, other_mac, 6);
	check("another client's DISCOVER", &f, "0000");
	reply(&f, 0);
	f.b[42 + 238] ^= 1;
	check("an OFFER with a wrong magic cookie", &f, "0000");
	reply(&f, 0);
	put16(f.b + 34, 53);
	check("an OFFER from port 53", &f, "0000");
	reply(&f, 0);
	put16(f.b + 36, 69);
	check("an OFFER to port 69", &f, "0000");
	reply(&f, 0);
	f.b[23] = 6;
	ip_checksum(&f, 14);
	check("TCP from 67 to 68", &f, "0000");
	reply(&f, 0);
	put16(f.b + 20, 0x2000);
	ip_checksum(&f, 14);
	check("an OFFER with MF set", &f, "0000");
	reply(&f, 0);
	put16(f.b + 20, 0x0020);
	ip_checksum(&f, 14);
	check("an OFFER fragment at offset 256", &f, "0000");
	reply(&f, 0);
	vlan_tag(&f, 0x8100);
	check("an OFFER with an 802.1Q tag in the frame", &f, "0000");
	reply(&f, 0);
	vlan_tag(&f, 0x88a8);
	check("an OFFER with an 802.1ad tag in the frame", &f, "0000");
	reply(&f, 0);
	f.vlanp = 1;
	check("an OFFER whose VLAN tag the kernel stripped (tag present)",
	    &f, "0000");
	reply(&f, 0);
	f.pkttype = PACKET_OTHERHOST;
	check("an OFFER the kernel marked for another host (foreign VLAN)",
	    &f, "0000");
	reply(&f, 0);
	f.pkttype = PACKET_MULTICAST;
	check("an OFFER with packet type multicast", &f, "1000");
	reply(&f, 0);
	put16(f.b + 12, 0x0806);
	check("ARP from the server", &f, "0000");

	/* Truncated frames, at each header boundary and every byte. */
	request(&f, 0);
	truncations("a DISCOVER", P_TX0, &f, MINLEN);
	request(&f, 1);
	truncations("a REQUEST from the leased address", P_TXL, &f, MINLEN);
	unicast_request(&f, 3);
	truncations("a unicast REQUEST", P_UDP, &f, MINLEN);
	reply(&f, 0);
	truncations("an OFFER", P_RX, &f, MINLEN);
	reply(&f, 0);
	ip_options(&f, 4);
	truncations("an OFFER with IP options", P_RX, &f, MINLEN + 4);

	audit();

	return (regress_done());
}
