/*
 * The translation where it is used: attached at tc egress of a veth (in
 * a private network namespace) behind the socket cookie guard, it drops
 * what the classic program rejects from its own packet socket (send
 * fails with ENOBUFS, the peer sees nothing), including a frame too
 * short for the program's loads, passes what it admits, and leaves the
 * frames of every other socket alone.
 */

#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/bpf.h>
#include <linux/filter.h>

#include <bpf/libbpf.h>
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf_xlate.h"
#include "pcapref.h"
#include "regress.h"
#include "xtest.h"

#ifndef SO_COOKIE
#define SO_COOKIE	57
#endif

#define EXPR	"ip and ip[0] = 0x45 and udp dst port 67 and udp[8] = 1"

static int	packet_socket(int, uint16_t);
static int	seen(int, const uint8_t *, size_t);
static void	try_send(int, int, const struct pkt *, size_t, int,
		    const char *);

static int
packet_socket(int ifindex, uint16_t proto)
{
	struct sockaddr_ll	sll;
	struct timeval		tv = { 0, 200000 };
	int			s;

	if ((s = socket(AF_PACKET, SOCK_RAW, 0)) == -1)
		return (-1);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = ifindex;
	if (bind(s, (struct sockaddr *)&sll, sizeof(sll)) == -1 ||
	    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1) {
		close(s);
		return (-1);
	}
	return (s);
}

/* Did this exact frame arrive on the receiving socket? */
static int
seen(int r, const uint8_t *frame, size_t len)
{
	uint8_t	buf[2048];
	ssize_t	n;

	while ((n = recv(r, buf, sizeof(buf), 0)) >= 0)
		if ((size_t)n == len && memcmp(buf, frame, len) == 0)
			return (1);
	return (0);
}

static void
try_send(int s, int r, const struct pkt *p, size_t len, int pass,
    const char *what)
{
	ssize_t	n;
	int	got;

	n = send(s, p->data, len, 0);
	if (pass) {
		OK(n == (ssize_t)len, "%s: send succeeds (%s)", what,
		    n == -1 ? strerror(errno) : "ok");
		got = seen(r, p->data, len);
		OK(got, "%s: the peer receives it", what);
	} else {
		OK(n == -1 && errno == ENOBUFS,
		    "%s: send fails with ENOBUFS (%s)", what,
		    n == -1 ? strerror(errno) : "sent");
		got = seen(r, p->data, len);
		OK(!got, "%s: the peer sees nothing", what);
	}
}

int
main(void)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1);
	struct sock_filter	*prog;
	struct bpf_insn		*out;
	struct pktset		 fr;
	const struct pkt	*dhcp = NULL, *icmp = NULL;
	char			 why[256], log[65536];
	uint64_t		 cookie;
	socklen_t		 sl = sizeof(cookie);
	size_t			 len, n, i;
	int			 s, s2, r, fd, ifindex;

	if (!xtest_kernel_ok(why, sizeof(why))) {
		printf("ok - # SKIP tc egress test: %s\n", why);
		return (0);
	}
	/* A private namespace: everything here goes away with us. */
	if (unshare(CLONE_NEWNET) == -1) {
		printf("ok - # SKIP tc egress test: unshare: %s\n",
		    strerror(errno));
		return (0);
	}
	if (system("ip link add xl0 type veth peer name xl1 && "
	    "ip link set xl0 up && ip link set xl1 up") != 0 ||
	    (ifindex = (int)if_nametoindex("xl0")) == 0) {
		OK(0, "veth pair created in a private namespace");
		return (regress_done());
	}
	if ((s = packet_socket(ifindex, ETH_P_IP)) == -1 ||
	    (s2 = packet_socket(ifindex, ETH_P_IP)) == -1 ||
	    (r = packet_socket((int)if_nametoindex("xl1"), ETH_P_ALL)) ==
	    -1 || getsockopt(s, SOL_SOCKET, SO_COOKIE, &cookie, &sl) == -1) {
		OK(0, "packet sockets: %s", strerror(errno));
		return (regress_done());
	}

	if (pcapref_compile(EXPR, pcapref_dlt("EN10MB"), 1, &prog, &len, why,
	    sizeof(why)) == -1 ||
	    bpf_xlate(prog, len, XLATE_TC, cookie, &out, &n, why,
	    sizeof(why)) == -1) {
		OK(0, "translate: %s", why);
		return (regress_done());
	}
	if ((fd = xtest_load(out, n, log, sizeof(log))) < 0) {
		OK(0, "load:\n%s", log);
		return (regress_done());
	}
	hook.ifindex = ifindex;
	opts.prog_fd = fd;
	if (bpf_tc_hook_create(&hook) != 0 ||
	    bpf_tc_attach(&hook, &opts) != 0) {
		OK(0, "attach at tc egress: %s", strerror(errno));
		return (regress_done());
	}
	OK(1, "guarded translation of \"%s\" attached at tc egress", EXPR);

	memset(&fr, 0, sizeof(fr));
	xtest_frames(&fr);
	for (i = 0; i < fr.n; i++) {
		if (strcmp(fr.p[i].what, "dhcp discover") == 0)
			dhcp = &fr.p[i];
		if (strcmp(fr.p[i].what, "icmp echo") == 0)
			icmp = &fr.p[i];
	}
	if (dhcp == NULL || icmp == NULL)
		abort();
	try_send(s, r, dhcp, dhcp->len, 1, "own socket, DHCP request");
	try_send(s, r, icmp, icmp->len, 0, "own socket, ICMP echo");
	/* Too short for udp[8]: classic rejects, so must tc. */
	try_send(s, r, dhcp, 14 + 20 + 8, 0,
	    "own socket, DHCP request cut before BOOTP");
	try_send(s, r, dhcp, 20, 0, "own socket, 20-byte frame");
	try_send(s2, r, icmp, icmp->len, 1, "other socket, ICMP echo");
	try_send(s2, r, dhcp, 20, 1, "other socket, 20-byte frame");

	bpf_tc_hook_destroy(&hook);
	xtest_pktset_free(&fr);
	close(fd);
	free(out);
	free(prog);
	return (regress_done());
}
