/*
 * filtercost: what leased's socket filters cost per packet in the
 * kernel, measured with BPF_PROG_TEST_RUN.
 *
 *	filtercost [-n repeat]
 *
 * Each program from filters.gen.h is patched with a MAC and addresses,
 * translated by leased's translator, loaded as BPF_PROG_TYPE_SCHED_CLS
 * and run repeat times on each test frame; the kernel reports the mean
 * run time.  Prints one line per program and frame:
 *
 *	program<TAB>frame<TAB>ns<TAB>verdict<TAB>expected
 *
 * The receive program goes onto a packet socket as a classic filter,
 * which the kernel converts itself; its first instructions are a guard
 * that reads ancillary fields (VLAN tag, packet type) which neither the
 * translator nor BPF_PROG_TEST_RUN can express, so the program is
 * measured without that guard, translated in raw mode (the classic
 * return value) and run as sched_cls, whose test run starts the data at
 * the Ethernet header as a SOCK_RAW packet socket does (a socket
 * filter's test run would start at the network header).
 */

#include <arpa/inet.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <netinet/in.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf_xlate.h"
#include "filter.h"
#include "filters.gen.h"

#define FRAMELEN	342	/* Ethernet + IPv4 + UDP + 300 bytes BOOTP */

static void	usage(void) __attribute__((__noreturn__));
static uint32_t	value(uint16_t);
static void	patch(const struct filter_prog *, struct sock_filter *);
static int	load(const struct filter_prog *, int, uint64_t);
static int	load_empty(void);
static void	put16(uint8_t *, uint16_t);
static size_t	bootp(uint8_t *, int, const uint8_t *, const uint8_t *,
		    const uint8_t *, uint32_t, uint32_t, uint16_t, uint16_t);
static size_t	arp(uint8_t *);
static void	run(const char *, int, const char *, const uint8_t *, size_t,
		    int);

static const uint8_t	 mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t	 other[6] = { 0x02, 0, 0, 0, 0, 0x07 };
static const uint8_t	 smac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t	 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint32_t	 leased = 0xc0000296;	/* 192.0.2.150 */
static const uint32_t	 server = 0xc0000201;	/* 192.0.2.1 */
static unsigned int	 repeat = 1000000;
static int		 failed;

static void
usage(void)
{
	fprintf(stderr, "usage: filtercost [-n repeat]\n");
	exit(2);
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint32_t
value(uint16_t v)
{
	switch (v) {
	case FILTER_V_MAC_HI16:
		return ((uint32_t)mac[0] << 8 | mac[1]);
	case FILTER_V_MAC_LO32:
		return ((uint32_t)mac[2] << 24 | (uint32_t)mac[3] << 16 |
		    (uint32_t)mac[4] << 8 | mac[5]);
	case FILTER_V_LEASED:
		return (leased);
	default:
		return (server);
	}
}

static void
patch(const struct filter_prog *prog, struct sock_filter *out)
{
	size_t	i;

	memcpy(out, prog->insns, prog->len * sizeof(*out));
	for (i = 0; i < prog->npatches; i++)
		out[prog->patches[i].insn].k = value(prog->patches[i].value);
}

/* Translate (without the program's guard) and load; the program fd. */
static int
load(const struct filter_prog *prog, int mode, uint64_t cookie)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct sock_filter	*insns;
	struct bpf_insn		*ebpf;
	size_t			 elen;
	char			 errbuf[256];
	int			 fd;

	if ((insns = calloc(prog->len, sizeof(*insns))) == NULL)
		err(1, NULL);
	patch(prog, insns);
	if (bpf_xlate(insns + prog->guard, prog->len - prog->guard, mode,
	    cookie, &ebpf, &elen, errbuf, sizeof(errbuf)) == -1)
		errx(1, "%s: %s", prog->name, errbuf);
	fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, prog->name, "ISC", ebpf,
	    elen, &opts);
	if (fd < 0)
		errx(1, "%s: bpf_prog_load: %s", prog->name, strerror(-fd));
	free(ebpf);
	free(insns);
	return (fd);
}

/* "return TC_ACT_UNSPEC": what the test run itself costs. */
static int
load_empty(void)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct bpf_insn	insns[2];
	int		fd;

	memset(insns, 0, sizeof(insns));
	insns[0].code = BPF_ALU64 | BPF_MOV | BPF_K;
	insns[0].dst_reg = BPF_REG_0;
	insns[0].imm = TC_ACT_UNSPEC;
	insns[1].code = BPF_JMP | BPF_EXIT;
	fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "empty", "ISC", insns, 2,
	    &opts);
	if (fd < 0)
		errx(1, "empty: bpf_prog_load: %s", strerror(-fd));
	return (fd);
}

/* A BOOTP message in an Ethernet frame; op 1 request, 2 reply. */
static size_t
bootp(uint8_t *f, int op, const uint8_t *dst, const uint8_t *src,
    const uint8_t *chaddr, uint32_t sip, uint32_t dip, uint16_t sport,
    uint16_t dport)
{
	uint8_t		*ip = f + 14, *udp = ip + 20, *bp = udp + 8;
	uint32_t	 s = htonl(sip), d = htonl(dip), sum = 0;
	int		 i;

	memset(f, 0, FRAMELEN);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, FRAMELEN - 14);
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, &s, 4);
	memcpy(ip + 16, &d, 4);
	for (i = 0; i < 20; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(ip + 10, (uint16_t)~sum);
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, FRAMELEN - 34);
	bp[0] = op;
	bp[1] = 1;
	bp[2] = 6;
	bp[4] = 0x12;			/* xid */
	if (op == 1)
		memcpy(bp + 12, &s, 4);	/* ciaddr: 0 unless renewing */
	memcpy(bp + 28, chaddr, 6);
	bp[236] = 0x63;			/* magic cookie */
	bp[237] = 0x82;
	bp[238] = 0x53;
	bp[239] = 0x63;
	bp[240] = 53;			/* message type */
	bp[241] = 1;
	bp[242] = op == 1 ? 1 : 2;	/* DISCOVER, OFFER */
	bp[243] = 255;
	return (FRAMELEN);
}

static size_t
arp(uint8_t *f)
{
	memset(f, 0, 60);
	memcpy(f, bcast, 6);
	memcpy(f + 6, smac, 6);
	put16(f + 12, 0x0806);
	put16(f + 14, 1);
	put16(f + 16, 0x0800);
	f[18] = 6;
	f[19] = 4;
	put16(f + 20, 1);
	return (60);
}

static void
run(const char *name, int fd, const char *what, const uint8_t *frame,
    size_t len, int accept)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	uint8_t		 out[2048];
	const char	*verdict;
	int		 r;

	topts.data_in = frame;
	topts.data_size_in = len;
	topts.data_out = out;
	topts.data_size_out = sizeof(out);
	topts.repeat = repeat;
	if ((r = bpf_prog_test_run_opts(fd, &topts)) != 0)
		errx(1, "%s: test run: %s", name, strerror(-r));
	if (accept == -1)
		verdict = topts.retval == (uint32_t)TC_ACT_UNSPEC ?
		    "unspec" : "other";
	else if (strcmp(name, "rx") == 0)
		verdict = topts.retval != 0 ? "accept" : "reject";
	else
		verdict = topts.retval == TC_ACT_OK ? "accept" :
		    topts.retval == TC_ACT_SHOT ? "reject" : "other";
	printf("%s\t%s\t%u\t%s\t%s\n", name, what, topts.duration, verdict,
	    accept == -1 ? "unspec" : accept ? "accept" : "reject");
	if ((accept == -1 && strcmp(verdict, "unspec") != 0) ||
	    (accept == 1 && strcmp(verdict, "accept") != 0) ||
	    (accept == 0 && strcmp(verdict, "reject") != 0))
		failed = 1;
}

int
main(int argc, char *argv[])
{
	uint8_t		f[FRAMELEN];
	size_t		len;
	int		ch, rx, tx, txc, utx, empty;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		switch (ch) {
		case 'n':
			repeat = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}

	rx = load(&filter_rx, XLATE_RAW, 0);
	empty = load_empty();
	tx = load(&filter_tx, XLATE_TC, 0);
	txc = load(&filter_tx, XLATE_TC, 0x1ea5ed);
	utx = load(&filter_udp_tx, XLATE_TC, 0);

	len = bootp(f, 2, mac, smac, mac, server, leased, 67, 68);
	run("empty", empty, "OFFER for us", f, len, -1);
	run("rx", rx, "OFFER for us", f, len, 1);
	len = bootp(f, 2, other, smac, other, server, leased, 67, 68);
	run("rx", rx, "OFFER for another MAC", f, len, 0);
	len = bootp(f, 2, bcast, smac, other, server, 0xffffffff, 67, 68);
	run("rx", rx, "broadcast OFFER for another MAC", f, len, 0);
	len = bootp(f, 1, bcast, smac, other, 0, 0xffffffff, 137, 137);
	run("rx", rx, "broadcast UDP to port 137", f, len, 0);
	len = arp(f);
	run("rx", rx, "ARP request", f, len, 0);

	len = bootp(f, 1, bcast, mac, mac, 0, 0xffffffff, 68, 67);
	run("tx", tx, "our DISCOVER", f, len, 1);
	len = bootp(f, 1, bcast, mac, other, 0, 0xffffffff, 68, 67);
	run("tx", tx, "DISCOVER with a forged chaddr", f, len, 0);
	len = arp(f);
	run("tx", tx, "ARP request", f, len, 0);
	len = bootp(f, 1, bcast, mac, mac, 0, 0xffffffff, 68, 67);
	run("tx+cookie", txc, "frame of another socket", f, len, -1);

	len = bootp(f, 1, smac, mac, mac, leased, server, 68, 67);
	run("udp_tx", utx, "our unicast REQUEST", f, len, 1);
	len = bootp(f, 1, smac, mac, mac, leased, server, 68, 68);
	run("udp_tx", utx, "UDP to port 68", f, len, 0);
	return (failed);
}
