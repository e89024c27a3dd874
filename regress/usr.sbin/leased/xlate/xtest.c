/*
 * Helpers for the translator's tests: kernel loading and test runs
 * through libbpf, a corpus of frames, a deterministic PRNG.
 */

#include <bpf/bpf.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcapref.h"
#include "xtest.h"

#define ETH_LEN		14

static uint64_t	rng_state = 0x9e3779b97f4a7c15ULL;

static uint8_t	*frame_eth(uint8_t *, const uint8_t *, const uint8_t *,
		    uint16_t);
static uint8_t	*frame_ip(uint8_t *, int, uint8_t, uint32_t, uint32_t,
		    uint16_t, size_t);
static void	 put16(uint8_t *, uint16_t);
static void	 put32(uint8_t *, uint32_t);
static void	 ip_cksum(uint8_t *, size_t);
static size_t	 frame_dhcp(uint8_t *, int, uint32_t, uint32_t, int, int);
static size_t	 frame_tcp(uint8_t *, int, uint16_t, uint16_t, uint8_t,
		    size_t);
static size_t	 frame_udp(uint8_t *, uint16_t, uint16_t, uint16_t,
		    size_t);
static size_t	 frame_icmp(uint8_t *, uint8_t);
static size_t	 frame_arp(uint8_t *, uint16_t);
static size_t	 frame_ip6(uint8_t *);

static const uint8_t	bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t	srvmac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe };
/* The client's identity in the DHCP frames; see xtest_set_id(). */
static uint8_t		mymac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
static uint32_t		myaddr = 0xc000020a;
static uint32_t		srvaddr = 0xc0000201;

void
xtest_set_id(const uint8_t *mac, uint32_t addr, uint32_t server)
{
	if (mac != NULL)
		memcpy(mymac, mac, sizeof(mymac));
	if (addr != 0)
		myaddr = addr;
	if (server != 0)
		srvaddr = server;
}

void
xtest_seed(uint64_t seed)
{
	rng_state = seed ^ 0x9e3779b97f4a7c15ULL;
}

/* splitmix64 */
uint64_t
xtest_rand(void)
{
	uint64_t	z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

uint32_t
xtest_uniform(uint32_t n)
{
	return (n == 0 ? 0 : (uint32_t)(xtest_rand() % n));
}

/*
 * Can this process load and test-run sched_cls programs?  Returns 1, or
 * 0 with the reason (for a "skip" line).
 */
int
xtest_kernel_ok(char *why, size_t whylen)
{
	struct bpf_insn	prog[2];
	int		fd;

	if (geteuid() != 0) {
		snprintf(why, whylen, "not root");
		return (0);
	}
	memset(prog, 0, sizeof(prog));
	prog[0].code = BPF_ALU64 | BPF_MOV | BPF_K;
	prog[1].code = BPF_JMP | BPF_EXIT;
	if ((fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "xlate_probe",
	    "Dual BSD/GPL", prog, 2, NULL)) < 0) {
		snprintf(why, whylen, "bpf(BPF_PROG_LOAD): %s",
		    strerror(-fd));
		return (0);
	}
	close(fd);
	return (1);
}

/* Load a sched_cls program; on failure the verifier's log is in log. */
int
xtest_load(const struct bpf_insn *insn, size_t n, char *log, size_t loglen)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	int	fd;

	if (log != NULL && loglen > 0)
		log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "xlate", "Dual BSD/GPL",
	    insn, n, &opts);
	if (fd >= 0 || log == NULL || loglen == 0)
		return (fd);
	/* Again with the log, which the first attempt spares. */
	opts.log_buf = log;
	opts.log_size = loglen;
	opts.log_level = 1;
	fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "xlate", "Dual BSD/GPL",
	    insn, n, &opts);
	if (fd >= 0)
		close(fd);
	return (-1);
}

int
xtest_run(int fd, const uint8_t *pkt, size_t len, uint32_t *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts,
	    .data_in = pkt,
	    .data_size_in = len,
	    .repeat = 1);

	if (bpf_prog_test_run_opts(fd, &opts) != 0)
		return (-1);
	*retval = opts.retval;
	return (0);
}

/* Mean run time in ns of repeat runs over one packet. */
int
xtest_bench(int fd, const uint8_t *pkt, size_t len, uint32_t repeat,
    uint32_t *retval, uint32_t *ns)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts,
	    .data_in = pkt,
	    .data_size_in = len,
	    .repeat = repeat);

	if (bpf_prog_test_run_opts(fd, &opts) != 0)
		return (-1);
	*retval = opts.retval;
	*ns = opts.duration;
	return (0);
}

void
xtest_pkt_add(struct pktset *s, const uint8_t *data, size_t len,
    const char *what)
{
	struct pkt	*np;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		if ((np = reallocarray(s->p, s->cap, sizeof(*np))) == NULL) {
			perror("reallocarray");
			exit(2);
		}
		s->p = np;
	}
	if ((s->p[s->n].data = malloc(len ? len : 1)) == NULL) {
		perror("malloc");
		exit(2);
	}
	memcpy(s->p[s->n].data, data, len);
	s->p[s->n].len = len;
	s->p[s->n].what = what;
	s->n++;
}

/*
 * BPF_PROG_TEST_RUN refuses frames whose EtherType says IPv4 or IPv6 but
 * that are too short for that header (EINVAL).  Such frames are kept
 * with the EtherType changed to 0x88b5 (local experimental), so that
 * every length is still run.  Returns how many were changed, or -1.
 */
ssize_t
xtest_testable(struct pktset *s)
{
	struct bpf_insn	prog[2];
	uint32_t	rv;
	size_t		i;
	ssize_t		changed = 0;
	int		fd;

	memset(prog, 0, sizeof(prog));
	prog[0].code = BPF_ALU64 | BPF_MOV | BPF_K;
	prog[1].code = BPF_JMP | BPF_EXIT;
	if ((fd = xtest_load(prog, 2, NULL, 0)) < 0)
		return (-1);
	for (i = 0; i < s->n; i++) {
		if (xtest_run(fd, s->p[i].data, s->p[i].len, &rv) == 0)
			continue;
		s->p[i].data[12] = 0x88;
		s->p[i].data[13] = 0xb5;
		s->p[i].what = "short, EtherType changed";
		if (xtest_run(fd, s->p[i].data, s->p[i].len, &rv) != 0) {
			close(fd);
			return (-1);
		}
		changed++;
	}
	close(fd);
	return (changed);
}

/*
 * Reads a filter source: the expression with '#' comments removed, the
 * link type from "#@ linktype NAME" and the placeholder values from
 * "#@ mac", "#@ leased" and "#@ server", so that frames can be built
 * that the filter admits.
 */
char *
xtest_read_filter(const char *path, int *dlt)
{
	FILE		*fp;
	char		*buf, *line = NULL, *p, key[32], val[64];
	unsigned int	 m[6], a[4];
	uint8_t		 mac[6];
	uint32_t	 addr = 0, server = 0;
	size_t		 cap = 0, blen = 0, n, i;
	int		 v, havemac = 0;

	*dlt = pcapref_dlt("EN10MB");
	if ((fp = fopen(path, "r")) == NULL)
		return (NULL);
	if ((buf = calloc(1, 1)) == NULL)
		exit(2);
	while (getline(&line, &cap, fp) != -1) {
		if (sscanf(line, "#@ %31s %63s", key, val) == 2) {
			if (strcmp(key, "linktype") == 0 &&
			    (v = pcapref_dlt(val)) != -1)
				*dlt = v;
			if (strcmp(key, "mac") == 0 && sscanf(val,
			    "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3],
			    &m[4], &m[5]) == 6) {
				for (i = 0; i < 6; i++)
					mac[i] = m[i];
				havemac = 1;
			}
			if (sscanf(val, "%u.%u.%u.%u", &a[0], &a[1], &a[2],
			    &a[3]) == 4) {
				v = a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
				if (strcmp(key, "leased") == 0)
					addr = v;
				else if (strcmp(key, "server") == 0)
					server = v;
			}
		}
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		n = strlen(line);
		if ((buf = realloc(buf, blen + n + 2)) == NULL)
			exit(2);
		memcpy(buf + blen, line, n);
		blen += n;
		buf[blen++] = ' ';
		buf[blen] = '\0';
	}
	free(line);
	fclose(fp);
	xtest_set_id(havemac ? mac : NULL, addr, server);
	return (buf);
}

void
xtest_pktset_free(struct pktset *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->p[i].data);
	free(s->p);
	memset(s, 0, sizeof(*s));
}

void
xtest_hexdump(const uint8_t *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		printf("%s%02x", i % 16 == 0 ? "#   " : " ", p[i]);
	printf("\n");
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static void
ip_cksum(uint8_t *ip, size_t hlen)
{
	uint32_t	sum = 0;
	size_t		i;

	put16(ip + 10, 0);
	for (i = 0; i < hlen; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(ip + 10, ~sum & 0xffff);
}

static uint8_t *
frame_eth(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
	return (f + ETH_LEN);
}

/* IPv4 header with ihl words (options filled with NOPs); returns payload */
static uint8_t *
frame_ip(uint8_t *ip, int ihl, uint8_t proto, uint32_t src, uint32_t dst,
    uint16_t frag, size_t paylen)
{
	size_t	hlen = (size_t)ihl * 4;

	memset(ip, 0, hlen);
	ip[0] = 0x40 | ihl;
	put16(ip + 2, hlen + paylen);
	put16(ip + 4, 0x1234);
	put16(ip + 6, frag);
	ip[8] = 64;
	ip[9] = proto;
	put32(ip + 12, src);
	put32(ip + 16, dst);
	if (hlen > 20)
		memset(ip + 20, 1, hlen - 20);
	ip_cksum(ip, hlen);
	return (ip + hlen);
}

/* A DHCP message from (op 1) or to (op 2) the client. */
static size_t
frame_dhcp(uint8_t *f, int op, uint32_t src, uint32_t dst, int ihl,
    int vlan)
{
	static const uint8_t	opts[] = { 53, 1, 3, 50, 4, 192, 0, 2, 10,
				    55, 4, 1, 3, 6, 15, 255 };
	uint8_t			*ip, *udp, *bootp;
	size_t			 blen = 300;

	if (vlan) {
		ip = frame_eth(f, op == 1 ? bcast : mymac,
		    op == 1 ? mymac : srvmac, 0x8100);
		put16(ip, 0x0005);
		put16(ip + 2, 0x0800);
		ip += 4;
	} else
		ip = frame_eth(f, dst == 0xffffffff ? bcast :
		    (op == 1 ? srvmac : mymac), op == 1 ? mymac : srvmac,
		    0x0800);
	udp = frame_ip(ip, ihl, 17, src, dst, 0, 8 + blen);
	put16(udp, op == 1 ? 68 : 67);
	put16(udp + 2, op == 1 ? 67 : 68);
	put16(udp + 4, 8 + blen);
	put16(udp + 6, 0);
	bootp = udp + 8;
	memset(bootp, 0, blen);
	bootp[0] = op;
	bootp[1] = 1;
	bootp[2] = 6;
	put32(bootp + 4, 0xdeadbeef);
	if (op == 2)
		put32(bootp + 16, myaddr);
	else if (src != 0)
		put32(bootp + 12, src);
	memcpy(bootp + 28, mymac, 6);
	put32(bootp + 236, 0x63825363);
	memcpy(bootp + 240, opts, sizeof(opts));
	return ((size_t)(bootp + blen - f));
}

static size_t
frame_tcp(uint8_t *f, int ihl, uint16_t sport, uint16_t dport, uint8_t flags,
    size_t datalen)
{
	uint8_t	*tcp;
	size_t	 thlen = 40;

	tcp = frame_ip(frame_eth(f, srvmac, mymac, 0x0800), ihl, 6,
	    myaddr, srvaddr, 0x4000, thlen + datalen);
	memset(tcp, 0, thlen);
	put16(tcp, sport);
	put16(tcp + 2, dport);
	put32(tcp + 4, 0x01020304);
	tcp[12] = (thlen / 4) << 4;
	tcp[13] = flags;
	put16(tcp + 14, 65535);
	tcp[20] = 2;			/* MSS option */
	tcp[21] = 4;
	put16(tcp + 22, 1460);
	memset(tcp + 24, 1, thlen - 24);
	memset(tcp + thlen, 0x47, datalen);
	return ((size_t)(tcp + thlen + datalen - f));
}

static size_t
frame_udp(uint8_t *f, uint16_t sport, uint16_t dport, uint16_t frag,
    size_t datalen)
{
	uint8_t	*udp;

	udp = frame_ip(frame_eth(f, srvmac, mymac, 0x0800), 5, 17,
	    myaddr, srvaddr, frag, 8 + datalen);
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, 8 + datalen);
	memset(udp + 8, 0xa5, datalen);
	return ((size_t)(udp + 8 + datalen - f));
}

static size_t
frame_icmp(uint8_t *f, uint8_t type)
{
	uint8_t	*icmp;

	icmp = frame_ip(frame_eth(f, srvmac, mymac, 0x0800), 5, 1,
	    myaddr, srvaddr, 0, 64);
	memset(icmp, 0x11, 64);
	icmp[0] = type;
	icmp[1] = 0;
	return ((size_t)(icmp + 64 - f));
}

static size_t
frame_arp(uint8_t *f, uint16_t op)
{
	uint8_t	*arp;

	arp = frame_eth(f, op == 1 ? bcast : mymac, op == 1 ? mymac : srvmac,
	    0x0806);
	put16(arp, 1);
	put16(arp + 2, 0x0800);
	arp[4] = 6;
	arp[5] = 4;
	put16(arp + 6, op);
	memcpy(arp + 8, op == 1 ? mymac : srvmac, 6);
	put32(arp + 14, op == 1 ? myaddr : srvaddr);
	memset(arp + 18, 0, 6);
	put32(arp + 24, op == 1 ? srvaddr : myaddr);
	/* Padded to the Ethernet minimum. */
	memset(arp + 28, 0, 60 - ETH_LEN - 28);
	return (60);
}

static size_t
frame_ip6(uint8_t *f)
{
	uint8_t	*ip6;

	ip6 = frame_eth(f, srvmac, mymac, 0x86dd);
	memset(ip6, 0, 40);
	ip6[0] = 0x60;
	put16(ip6 + 4, 8 + 32);
	ip6[6] = 17;
	ip6[7] = 64;
	ip6[8] = 0xfe;
	ip6[9] = 0x80;
	ip6[24] = 0xff;
	ip6[25] = 0x02;
	ip6[39] = 2;
	put16(ip6 + 40, 546);
	put16(ip6 + 42, 547);
	put16(ip6 + 44, 40);
	memset(ip6 + 48, 0x33, 32);
	return (ETH_LEN + 40 + 40);
}

/* Valid frames of every kind the filters care about; returns the count. */
size_t
xtest_frames(struct pktset *s)
{
	uint8_t	f[XTEST_MAXPKT];
	size_t	n0 = s->n;

	xtest_pkt_add(s, f, frame_dhcp(f, 1, 0, 0xffffffff, 5, 0),
	    "dhcp discover");
	xtest_pkt_add(s, f, frame_dhcp(f, 1, myaddr, 0xffffffff, 5, 0),
	    "dhcp rebinding request");
	xtest_pkt_add(s, f, frame_dhcp(f, 1, myaddr, srvaddr, 5, 0),
	    "dhcp unicast request");
	xtest_pkt_add(s, f, frame_dhcp(f, 2, srvaddr, 0xffffffff, 5, 0),
	    "dhcp offer");
	xtest_pkt_add(s, f, frame_dhcp(f, 1, 0, 0xffffffff, 6, 0),
	    "dhcp discover, ip options");
	xtest_pkt_add(s, f, frame_dhcp(f, 1, 0, 0xffffffff, 5, 1),
	    "dhcp discover, vlan tag");
	xtest_pkt_add(s, f, frame_tcp(f, 5, 40000, 80, 0x02, 0),
	    "tcp syn to 80");
	xtest_pkt_add(s, f, frame_tcp(f, 6, 22, 1024, 0x18, 20),
	    "tcp psh ack, ip options");
	xtest_pkt_add(s, f, frame_tcp(f, 5, 80, 40000, 0x12, 0),
	    "tcp syn ack");
	xtest_pkt_add(s, f, frame_udp(f, 5353, 53, 0, 30), "udp dns");
	xtest_pkt_add(s, f, frame_udp(f, 68, 67, 0x2000, 40),
	    "udp first fragment");
	xtest_pkt_add(s, f, frame_udp(f, 68, 67, 0x00b9, 40),
	    "udp later fragment");
	xtest_pkt_add(s, f, frame_icmp(f, 8), "icmp echo");
	xtest_pkt_add(s, f, frame_icmp(f, 0), "icmp echo reply");
	xtest_pkt_add(s, f, frame_arp(f, 1), "arp request");
	xtest_pkt_add(s, f, frame_arp(f, 2), "arp reply");
	xtest_pkt_add(s, f, frame_ip6(f), "ipv6 udp");
	return (s->n - n0);
}

/*
 * The test corpus: the valid frames, each cut short at every length from
 * 14 bytes up, nmut mutants of each (a few random bytes changed, mostly
 * in the headers), and nrand random frames (some with an IPv4 header
 * start so that deeper checks get reached).
 */
void
xtest_corpus(struct pktset *s, size_t nmut, size_t nrand)
{
	struct pktset	 valid;
	uint8_t		 f[XTEST_MAXPKT];
	size_t		 i, j, len, nflip, k, pos;

	memset(&valid, 0, sizeof(valid));
	xtest_frames(&valid);
	for (i = 0; i < valid.n; i++)
		for (len = XTEST_MINPKT; len <= valid.p[i].len; len++)
			xtest_pkt_add(s, valid.p[i].data, len,
			    len == valid.p[i].len ? "valid" : "truncated");
	for (i = 0; i < valid.n; i++) {
		for (j = 0; j < nmut; j++) {
			len = valid.p[i].len;
			memcpy(f, valid.p[i].data, len);
			nflip = 1 + xtest_uniform(4);
			for (k = 0; k < nflip; k++) {
				if (xtest_uniform(4) != 0)
					pos = xtest_uniform(len < 64 ?
					    (uint32_t)len : 64);
				else
					pos = xtest_uniform((uint32_t)len);
				if (xtest_uniform(2))
					f[pos] ^= 1 << xtest_uniform(8);
				else
					f[pos] = (uint8_t)xtest_rand();
			}
			/* Sometimes also cut the mutant short. */
			if (xtest_uniform(4) == 0)
				len = XTEST_MINPKT + xtest_uniform(
				    (uint32_t)(len - XTEST_MINPKT + 1));
			xtest_pkt_add(s, f, len, "mutated");
		}
	}
	for (i = 0; i < nrand; i++) {
		len = XTEST_MINPKT + xtest_uniform(XTEST_MAXPKT -
		    XTEST_MINPKT + 1);
		for (j = 0; j < len; j++)
			f[j] = (uint8_t)xtest_rand();
		if (i % 2 == 0) {
			put16(f + 12, 0x0800);
			f[14] = 0x45;
			if (len > 23)
				f[23] = i % 4 == 0 ? 17 : 6;
		}
		xtest_pkt_add(s, f, len, "random");
	}
	xtest_pktset_free(&valid);
}
