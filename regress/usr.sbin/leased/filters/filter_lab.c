/*
 * The kernel enforces leased's socket filters.  Run by lab.sh inside
 * the client's network namespace (interface veth0, 52:54:00:12:34:56,
 * 192.0.2.10/24); argv[1] is the peer namespace (veth1, the server
 * 192.0.2.1 at 52:54:00:aa:bb:cc).
 *
 * VLAN-tagged frames are sent by the peer with the tag in the frame.
 * The client's kernel moves such a tag into the skb's metadata on
 * receive (skb_vlan_untag()), exactly as for a frame a VLAN interface
 * or a NIC tagged, and, with no VLAN interface for it, marks the frame
 * PACKET_OTHERHOST and clears the tag before ETH_P_IP sockets see it:
 * the frame they get looks untagged.  (The kernel here has no 802.1Q
 * support, so a VLAN interface on the peer is not an option; the path
 * through the client's kernel is the same.)
 *
 * The sockets are opened with filter.c as root; a child then drops
 * every privilege the way the frontend does and tries to send and
 * receive what it should not.  The peer's side is watched and driven
 * through raw sockets opened in the peer namespace.
 */

#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "filter.h"
#include "filters.gen.h"
#include "frames.h"
#include "log.h"
#include "regress.h"

#define NOBODY		65534
#define UDP_PAYLOAD	300
#define MAXSENT		32

/* A frame, or a UDP payload, that was sent and is looked for. */
struct sent {
	const char	*what;
	uint8_t		 b[FRAMELEN + 16];
	size_t		 len;
	size_t		 off;		/* where it sits in a frame */
	int		 pass;		/* expected to get through */
	int		 seen;
	int		 udp;		/* send on the UDP socket */
	uint32_t	 dst;		/* UDP: sendto this, 0: send */
	uint16_t	 port;
};

static struct sent	 sent[MAXSENT];
static int		 nsent;
static unsigned int	 ifindex;
static struct in_addr	 leased, server;

static int	 peer_socket(const char *, const char *, int);
static int	 peer_udp(const char *, uint16_t);
static int	 drop_privileges(void);
static int	 caps_all_zero(void);
static struct sent *remember(const char *, const void *, size_t, size_t,
		    int);
static void	 plan_frame(const char *, const struct frame *, int);
static void	 plan_udp(const char *, const struct frame *, uint32_t,
		    uint16_t, int);
static void	 send_planned(int, int);
static int	 send_frame(int, const char *, const struct frame *, int);
static size_t	 capture(int, int, uint32_t, int);
static void	 plan_sends(void);
static void	 child_receive(int, int);
static void	 flood_during_setup(int);
static void	 peer_noise(int);
static int	 tc_present(uint32_t, uint32_t);
static int	 clsact_present(void);
static int	 foreign_attach(uint32_t, uint32_t, const char *);
static void	 cleanup_checks(void);

/* A raw socket in the peer namespace, bound to ifname. */
static int
peer_socket(const char *nspath, const char *ifname, int proto)
{
	struct sockaddr_ll	 sll;
	int			 self, peer, fd;

	if ((self = open("/proc/self/ns/net", O_RDONLY)) == -1 ||
	    (peer = open(nspath, O_RDONLY)) == -1 ||
	    setns(peer, CLONE_NEWNET) == -1) {
		perror(nspath);
		exit(2);
	}
	if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC,
	    htons(proto))) == -1) {
		perror("socket");
		exit(2);
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = if_nametoindex(ifname);
	if (sll.sll_ifindex == 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
		perror(ifname);
		exit(2);
	}
	if (setns(self, CLONE_NEWNET) == -1) {
		perror("setns back");
		exit(2);
	}
	close(self);
	close(peer);
	return (fd);
}

/*
 * A UDP socket in the peer namespace on port: the server answers no
 * datagram with ICMP port unreachable, which would fail the client's
 * next send on its connected socket.
 */
static int
peer_udp(const char *nspath, uint16_t port)
{
	struct sockaddr_in	 sin;
	int			 self, peer, fd;

	if ((self = open("/proc/self/ns/net", O_RDONLY)) == -1 ||
	    (peer = open(nspath, O_RDONLY)) == -1 ||
	    setns(peer, CLONE_NEWNET) == -1) {
		perror(nspath);
		exit(2);
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		perror("peer udp");
		exit(2);
	}
	if (setns(self, CLONE_NEWNET) == -1) {
		perror("setns back");
		exit(2);
	}
	close(self);
	close(peer);
	return (fd);
}

/* What the frontend does before it touches a socket. */
static int
drop_privileges(void)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];
	gid_t				 gid = NOBODY;
	int				 cap;

	if (setgroups(1, &gid) == -1 ||
	    setresgid(NOBODY, NOBODY, NOBODY) == -1)
		return (-1);
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1)
			return (-1);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1)
		return (-1);
	if (setresuid(NOBODY, NOBODY, NOBODY) == -1)
		return (-1);
	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &hdr, data) == -1)
		return (-1);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return (-1);
	return (0);
}

static int
caps_all_zero(void)
{
	FILE		*fp;
	char		 line[256];
	unsigned long long v;
	int		 n = 0, bad = 0;

	if ((fp = fopen("/proc/self/status", "r")) == NULL)
		return (0);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "CapInh: %llx", &v) == 1 ||
		    sscanf(line, "CapPrm: %llx", &v) == 1 ||
		    sscanf(line, "CapEff: %llx", &v) == 1 ||
		    sscanf(line, "CapBnd: %llx", &v) == 1 ||
		    sscanf(line, "CapAmb: %llx", &v) == 1) {
			n++;
			bad |= v != 0;
		}
	}
	fclose(fp);
	return (n == 5 && !bad);
}

static struct sent *
remember(const char *what, const void *b, size_t len, size_t off, int pass)
{
	struct sent	*s;

	if (nsent == MAXSENT) {
		printf("# too many frames\n");
		exit(2);
	}
	s = &sent[nsent++];
	s->what = what;
	memcpy(s->b, b, len);
	s->len = len;
	s->off = off;
	s->pass = pass;
	s->seen = 0;
	return (s);
}

/* Send a frame on the packet socket; a rejected one must fail. */
static int
send_frame(int fd, const char *what, const struct frame *f, int pass)
{
	ssize_t	 n;

	remember(what, f->b, f->len, 0, pass);
	n = send(fd, f->b, f->len, 0);
	if (pass)
		OK(n == (ssize_t)f->len, "send of %s succeeds (%s)", what,
		    n == -1 ? strerror(errno) : "sent");
	else
		OK(n == -1 && (errno == ENOBUFS || errno == EPERM),
		    "send of %s fails with ENOBUFS or EPERM (%s)", what,
		    n == -1 ? strerror(errno) : "it was sent");
	return (n);
}

static void
plan_frame(const char *what, const struct frame *f, int pass)
{
	remember(what, f->b, f->len, 0, pass);
}

/*
 * The BOOTP part of f, for the UDP socket, to dst:port (dst 0: the
 * connected server).
 */
static void
plan_udp(const char *what, const struct frame *f, uint32_t dst,
    uint16_t port, int pass)
{
	struct sent	*s;

	s = remember(what, f->b + BOOTP_OFF, UDP_PAYLOAD, BOOTP_OFF, pass);
	s->udp = 1;
	s->dst = dst;
	s->port = port;
}

/*
 * Send what plan_sends() planned.  On the packet socket a rejected
 * frame must fail; UDP does not report a tc drop to the sender (not
 * without IP_RECVERR), so there only the peer can tell.
 */
static void
send_planned(int pfd, int ufd)
{
	struct sockaddr_in	 sin;
	struct sent		*s;
	ssize_t			 n;
	int			 i;

	for (i = 0; i < nsent; i++) {
		s = &sent[i];
		if (!s->udp) {
			n = send(pfd, s->b, s->len, 0);
			if (s->pass)
				OK(n == (ssize_t)s->len, "send of %s "
				    "succeeds (%s)", s->what, n == -1 ?
				    strerror(errno) : "sent");
			else
				OK(n == -1 && (errno == ENOBUFS ||
				    errno == EPERM), "send of %s fails with "
				    "ENOBUFS or EPERM (%s)", s->what,
				    n == -1 ? strerror(errno) : "it was sent");
			continue;
		}
		if (s->dst == 0)
			n = send(ufd, s->b, s->len, 0);
		else {
			memset(&sin, 0, sizeof(sin));
			sin.sin_family = AF_INET;
			sin.sin_addr.s_addr = htonl(s->dst);
			sin.sin_port = htons(s->port);
			n = sendto(ufd, s->b, s->len, 0,
			    (struct sockaddr *)&sin, sizeof(sin));
		}
		if (n == -1)
			printf("# udp send of %s: %s\n", s->what,
			    strerror(errno));
		/* Let the peer answer (or not) before the next one. */
		usleep(1000);
	}
}

/*
 * Read frames from fd until one with xid last arrived and then 100 ms
 * of silence (or 3 s in all); mark what was sent.  With count_others,
 * return how many frames matched nothing.
 */
static size_t
capture(int fd, int skip_outgoing, uint32_t last, int count_others)
{
	struct sockaddr_ll	 sll;
	struct pollfd		 pfd;
	uint8_t			 buf[2048];
	socklen_t		 sl;
	ssize_t			 n;
	size_t			 others = 0;
	int			 i, done = 0, match, polls = 0;
	uint32_t		 xid;

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (polls++ < 60 && poll(&pfd, 1, done ? 100 : 50) >= 0) {
		if (!(pfd.revents & POLLIN)) {
			if (done)
				break;
			continue;
		}
		sl = sizeof(sll);
		if ((n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
		    (struct sockaddr *)&sll, &sl)) == -1)
			continue;
		polls = 0;
		if (skip_outgoing && sll.sll_pkttype == PACKET_OUTGOING)
			continue;
		match = 0;
		for (i = 0; i < nsent; i++) {
			if ((size_t)n < sent[i].off + sent[i].len ||
			    memcmp(buf + sent[i].off, sent[i].b,
			    sent[i].len) != 0)
				continue;
			sent[i].seen++;
			match = 1;
		}
		if (!match && count_others) {
			others++;
			printf("# unexpected frame of %zd bytes, type "
			    "0x%02x%02x\n", n, buf[12], buf[13]);
		}
		if (n >= BOOTP_OFF + 8) {
			xid = (uint32_t)buf[BOOTP_OFF + 4] << 24 |
			    buf[BOOTP_OFF + 5] << 16 |
			    buf[BOOTP_OFF + 6] << 8 | buf[BOOTP_OFF + 7];
			if (xid == last)
				done = 1;
		}
	}
	if (!done)
		printf("# the last frame (xid 0x%x) never came\n", last);
	return (others);
}

/* What the child sends, and whether it may get through. */
static void
plan_sends(void)
{
	struct frame	 f;

	nsent = 0;

	request(&f, 0);
	set_xid(&f, 0x11110001);
	plan_frame("a broadcast DISCOVER", &f, 1);

	arp_request(&f, our_mac, LAB_LEASED, LAB_SERVER);
	plan_frame("an ARP request", &f, 0);
	arp_request(&f, our_mac, LAB_SERVER, LAB_OTHER);
	plan_frame("a spoofed ARP request", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110002);
	f.b[23] = 1;
	ip_checksum(&f, 14);
	plan_frame("an ICMP packet", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110003);
	put16(f.b + 36, 53);
	plan_frame("a UDP datagram to port 53", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110004);
	memcpy(f.b + BOOTP_OFF + 28, other_mac, 6);
	plan_frame("a DISCOVER with a foreign chaddr", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110005);
	memcpy(f.b + 6, other_mac, 6);
	plan_frame("a DISCOVER from a foreign source MAC", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110006);
	memcpy(f.b, srv_mac, 6);
	plan_frame("a DISCOVER to a unicast MAC", &f, 0);
	request(&f, 1);
	set_xid(&f, 0x11110007);
	plan_frame("a REQUEST from the leased address before the "
	    "lease", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110008);
	f.b[14] = 0x46;
	plan_frame("a DISCOVER with IP options", &f, 0);
	request(&f, 0);
	set_xid(&f, 0x11110009);
	put16(f.b + 20, 0x2000);
	ip_checksum(&f, 14);
	plan_frame("a DISCOVER fragment", &f, 0);

	unicast_request(&f, 3);
	set_xid(&f, 0x22220001);
	plan_udp("a unicast REQUEST to the server", &f, 0, 0, 1);
	unicast_request(&f, 3);
	set_xid(&f, 0x22220002);
	plan_udp("a unicast REQUEST to server port 68", &f, LAB_SERVER,
	    68, 0);
	unicast_request(&f, 3);
	set_xid(&f, 0x22220003);
	plan_udp("a unicast REQUEST to another address", &f, LAB_OTHER,
	    67, 0);
	unicast_request(&f, 3);
	set_xid(&f, 0x22220004);
	memcpy(f.b + BOOTP_OFF + 28, other_mac, 6);
	plan_udp("a unicast REQUEST with a foreign chaddr", &f, 0, 0, 0);
	unicast_request(&f, 3);
	set_xid(&f, 0x22220005);
	f.b[BOOTP_OFF] = 2;
	plan_udp("a BOOTREPLY to the server", &f, 0, 0, 0);

	/* Sent last: once the peer has it, it has everything. */
	request(&f, 0);
	set_xid(&f, 0x1111ffff);
	plan_frame("a second broadcast DISCOVER", &f, 1);
}

/* In the unprivileged child: what may be read, and the locks. */
static void
child_receive(int pfd, int ufd)
{
	struct sock_fprog	 fprog;
	struct sock_filter	 all = BPF_STMT(BPF_RET | BPF_K, 0xffff);
	struct frame		 f;
	uint8_t			 buf[64];
	size_t			 others;
	int			 i, rv, dummy = 0;

	nsent = 0;
	reply(&f, 0);
	set_xid(&f, 0x33330001);
	remember("the broadcast OFFER", f.b, f.len, 0, 1);
	reply(&f, 1);
	set_xid(&f, 0x33330002);
	remember("the unicast ACK", f.b, f.len, 0, 1);
	reply(&f, 0);
	set_xid(&f, 0x3333ffff);
	remember("the last OFFER", f.b, f.len, 0, 1);

	others = capture(pfd, 0, 0x3333ffff, 1);
	for (i = 0; i < nsent; i++)
		OK(sent[i].seen == 1, "the packet socket reads %s",
		    sent[i].what);
	OK(others == 0, "the packet socket reads nothing else (%zu other "
	    "frames: ARP, other UDP, BOOTREQUESTs, BOOTREPLYs for another "
	    "chaddr or MAC, VLAN-tagged)", others);

	rv = recv(ufd, buf, sizeof(buf), MSG_DONTWAIT);
	OK(rv == -1 && errno == EAGAIN, "the UDP socket queues nothing, not "
	    "even the server's unicast ACK (%s)", rv == -1 ?
	    strerror(errno) : "read one");

	fprog.len = 1;
	fprog.filter = &all;
	OK(setsockopt(pfd, SOL_SOCKET, SO_DETACH_FILTER, &dummy,
	    sizeof(dummy)) == -1 && errno == EPERM,
	    "SO_DETACH_FILTER on the packet socket fails with EPERM");
	OK(setsockopt(pfd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
	    sizeof(fprog)) == -1 && errno == EPERM,
	    "SO_ATTACH_FILTER on the packet socket fails with EPERM");
	OK(setsockopt(ufd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
	    sizeof(fprog)) == -1 && errno == EPERM,
	    "SO_ATTACH_FILTER on the UDP socket fails with EPERM");
	{
		LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
		    .attach_point = BPF_TC_EGRESS);
		LIBBPF_OPTS(bpf_tc_opts, opts,
		    .handle = FILTER_TC_HANDLE_PACKET,
		    .priority = FILTER_TC_PRIO);

		rv = bpf_tc_detach(&hook, &opts);
		OK(rv == -EPERM, "detaching the tc egress program fails "
		    "with EPERM (%s)", strerror(-rv));
	}
}

/*
 * Frames flooding the link while sockets are being set up never reach
 * them: there is no moment when a socket is bound without its filter.
 */
static void
flood_during_setup(int peer)
{
	struct filter_tc	 ftc;
	struct sockaddr_ll	 sll;
	struct frame		 noise[3];
	struct in_addr		 any = { INADDR_ANY };
	uint8_t			 buf[2048];
	pid_t			 pid;
	int			 i, fd, ctl, got = 0, ctl_got = 0, opened = 0;

	arp_request(&noise[0], srv_mac, LAB_SERVER, LAB_LEASED);
	reply(&noise[1], 0);
	memcpy(noise[1].b + BOOTP_OFF + 28, other_mac, 6);
	reply(&noise[2], 0);
	put16(noise[2].b + 36, 69);

	fflush(stdout);
	if ((pid = fork()) == -1)
		exit(2);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (i = 0; i < 2000000; i++)
			if (send(peer, noise[i % 3].b, noise[i % 3].len,
			    0) == -1 && errno != ENOBUFS)
				_exit(1);
		_exit(0);
	}

	/* An unfiltered socket, to show the flood is there. */
	if ((ctl = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC,
	    htons(ETH_P_ALL))) == -1)
		exit(2);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(ctl, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		exit(2);

	for (i = 0; i < 20; i++) {
		if ((fd = filter_packet_open(ifindex, our_mac, any,
		    &ftc)) == -1)
			continue;
		opened++;
		usleep(2000);
		while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			got++;
		filter_tc_remove(&ftc);
		close(fd);
	}
	while (recv(ctl, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		ctl_got++;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(ctl);

	OK(opened == 20, "20 packet sockets opened during a flood (%d)",
	    opened);
	OK(ctl_got > 100, "the flood reaches an unfiltered socket (%d "
	    "frames)", ctl_got);
	OK(got == 0, "no flood frame reaches a socket being set up (%d)",
	    got);
}

/* From the peer: noise the client must not read, then valid replies. */
static void
peer_noise(int peer)
{
	struct frame	 f;
	int		 i;

	arp_request(&f, srv_mac, LAB_SERVER, LAB_LEASED);
	send(peer, f.b, f.len, 0);
	reply(&f, 0);
	set_xid(&f, 0x44440001);
	put16(f.b + 36, 69);
	send(peer, f.b, f.len, 0);
	request(&f, 0);			/* another client's DISCOVER */
	set_xid(&f, 0x44440002);
	memcpy(f.b + 6, other_mac, 6);
	memcpy(f.b + BOOTP_OFF + 28, other_mac, 6);
	send(peer, f.b, f.len, 0);
	request(&f, 0);			/* a BOOTREQUEST with our chaddr */
	set_xid(&f, 0x44440003);
	memcpy(f.b + 6, srv_mac, 6);
	send(peer, f.b, f.len, 0);
	reply(&f, 0);
	set_xid(&f, 0x44440004);
	memcpy(f.b + BOOTP_OFF + 28, other_mac, 6);
	send(peer, f.b, f.len, 0);
	reply(&f, 1);
	set_xid(&f, 0x44440005);
	memcpy(f.b, other_mac, 6);	/* to another host's MAC */
	send(peer, f.b, f.len, 0);
	reply(&f, 0);
	set_xid(&f, 0x44440006);
	vlan_tag(&f, 0x8100);
	send(peer, f.b, f.len, 0);
	reply(&f, 0);
	set_xid(&f, 0x44440007);
	vlan_tag(&f, 0x88a8);
	send(peer, f.b, f.len, 0);
	reply(&f, 0);
	set_xid(&f, 0x44440009);
	f.b[14] = 0x55;
	send(peer, f.b, f.len, 0);

	for (i = 0; i < 3; i++) {
		reply(&f, i == 1);
		set_xid(&f, i == 0 ? 0x33330001 : i == 1 ? 0x33330002 :
		    0x3333ffff);
		if (send(peer, f.b, f.len, 0) == -1)
			printf("# peer send: %s\n", strerror(errno));
	}
}

/* Does egress hold a filter at handle/prio? */
static int
tc_present(uint32_t handle, uint32_t prio)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
	    .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = handle, .priority = prio);

	return (bpf_tc_query(&hook, &opts) == 0);
}

static int
clsact_present(void)
{
	FILE	*fp;
	char	 line[256];
	int	 found = 0;

	if ((fp = popen("tc qdisc show dev veth0", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strstr(line, "clsact") != NULL)
			found = 1;
	pclose(fp);
	return (found);
}

/* Someone else's tc egress program: it passes everything. */
static int
foreign_attach(uint32_t handle, uint32_t prio, const char *name)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
	    .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = handle, .priority = prio);
	struct bpf_insn	 insns[] = {
		{ BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, -1 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	int		 fd, rv;

	bpf_tc_hook_create(&hook);
	if ((fd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, name, "ISC", insns,
	    2, NULL)) < 0) {
		printf("# load %s: %s\n", name, strerror(-fd));
		return (-1);
	}
	opts.prog_fd = fd;
	rv = bpf_tc_attach(&hook, &opts);
	close(fd);
	if (rv < 0)
		printf("# attach %s: %s\n", name, strerror(-rv));
	return (rv);
}

static void
cleanup_checks(void)
{
	struct filter_tc	 p, u;
	struct in_addr		 any = { INADDR_ANY };
	pid_t			 pid;
	int			 status, rv;

	/* A leased killed before it could remove its programs. */
	fflush(stdout);
	if ((pid = fork()) == -1)
		exit(2);
	if (pid == 0) {
		if (filter_packet_open(ifindex, our_mac, any, &p) == -1 ||
		    filter_udp_open(ifindex, our_mac, leased, server,
		    &u) == -1)
			_exit(1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	OK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a process attaches both programs and exits without removing "
	    "them");
	OK(tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO) &&
	    tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO),
	    "its programs outlive it at tc egress");
	OK(foreign_attach(7, FILTER_TC_PRIO, "foreign") == 0 &&
	    foreign_attach(FILTER_TC_HANDLE_BASE | 0x7f, FILTER_TC_PRIO,
	    "foreign2") == 0 &&
	    foreign_attach(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO + 2,
	    "leased_udp_tx") == 0,
	    "foreign programs attached at other handles or priorities");

	rv = filter_tc_remove_stale(ifindex);
	OK(rv == 2, "filter_tc_remove_stale removes 2 stale programs (%d)",
	    rv);
	OK(!tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO) &&
	    !tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO),
	    "nothing of ours is left at tc egress");
	OK(tc_present(7, FILTER_TC_PRIO) &&
	    tc_present(FILTER_TC_HANDLE_BASE | 0x7f, FILTER_TC_PRIO) &&
	    tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO + 2),
	    "the foreign programs are untouched, even one with our name "
	    "at another priority");

	OK(foreign_attach(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO,
	    "impostor") == 0, "a foreign program at our own handle");
	rv = filter_tc_remove_stale(ifindex);
	OK(rv == 0 && tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO),
	    "filter_tc_remove_stale leaves a program with another name at "
	    "our handle alone (%d)", rv);
	rv = filter_packet_open(ifindex, our_mac, any, &p);
	OK(rv == -1, "a packet socket cannot be opened while our handle is "
	    "taken");
	if (rv != -1) {
		filter_tc_remove(&p);
		close(rv);
	}
	OK(tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO),
	    "the failed open leaves the foreign program alone");
}

int
main(int argc, char *argv[])
{
	struct filter_tc	 ptc, utc;
	struct in_addr		 any = { INADDR_ANY };
	struct frame		 f;
	pid_t			 pid;
	char			 c;
	int			 peer, ctl, pfd, ufd, status, i;
	int			 c2p[2], p2c[2];

	if (argc != 2) {
		fprintf(stderr, "usage: filter_lab peer-netns-path\n");
		return (2);
	}
	log_init(1, LOG_DAEMON);
	log_setverbose(1);
	leased.s_addr = htonl(LAB_LEASED);
	server.s_addr = htonl(LAB_SERVER);
	if ((ifindex = if_nametoindex("veth0")) == 0) {
		perror("veth0");
		return (2);
	}
	peer = peer_socket(argv[1], "veth1", ETH_P_ALL);
	peer_udp(argv[1], 67);
	peer_udp(argv[1], 68);

	OK(clsact_present() == 0, "no clsact qdisc on veth0 at the start");
	flood_during_setup(peer);

	pfd = filter_packet_open(ifindex, our_mac, any, &ptc);
	OK(pfd != -1, "filter_packet_open");
	ufd = filter_udp_open(ifindex, our_mac, leased, server, &utc);
	OK(ufd != -1, "filter_udp_open");
	if (pfd == -1 || ufd == -1)
		return (regress_done());
	OK(tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO) &&
	    tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO),
	    "both send programs are at tc egress");

	/* The receive program without its guard, to show VLAN frames come. */
	{
		struct sock_filter	*rx;
		struct sock_fprog	 fprog;
		struct sockaddr_ll	 sll;

		rx = calloc(filter_rx.len, sizeof(*rx));
		filter_patch(&filter_rx, rx, our_mac, any, any);
		fprog.len = filter_rx.len - filter_rx.guard;
		fprog.filter = rx + filter_rx.guard;
		ctl = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		sll.sll_protocol = htons(ETH_P_IP);
		sll.sll_ifindex = ifindex;
		if (ctl == -1 || setsockopt(ctl, SOL_SOCKET, SO_ATTACH_FILTER,
		    &fprog, sizeof(fprog)) == -1 ||
		    bind(ctl, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
			perror("control socket");
			return (2);
		}
		free(rx);
	}
	while (recv(peer, &c, 1, MSG_DONTWAIT) >= 0)
		;

	if (pipe(c2p) == -1 || pipe(p2c) == -1)
		return (2);
	fflush(stdout);
	if ((pid = fork()) == -1)
		return (2);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(peer);
		close(c2p[0]);
		close(p2c[1]);
		close(ctl);
		OK(drop_privileges() == 0, "child: privileges dropped");
		OK(getuid() == NOBODY && geteuid() == NOBODY &&
		    getgid() == NOBODY && caps_all_zero() &&
		    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1,
		    "child: uid/gid nobody, no capabilities (bounding set "
		    "too), no_new_privs");
		plan_sends();
		send_planned(pfd, ufd);
		if (write(c2p[1], "1", 1) != 1 || read(p2c[0], &c, 1) != 1)
			_exit(2);
		child_receive(pfd, ufd);
		fflush(stdout);
		_exit(regress_done());
	}
	/* If the child dies, reads see end of file instead of waiting. */
	close(c2p[1]);
	close(p2c[0]);
	if (read(c2p[0], &c, 1) != 1) {
		OK(0, "the child sent its frames");
		waitpid(pid, NULL, 0);
		return (regress_done());
	}

	/* What the child sent: only the valid ones reached the peer. */
	plan_sends();
	capture(peer, 1, 0x1111ffff, 0);
	for (i = 0; i < nsent; i++) {
		if (sent[i].pass)
			OK(sent[i].seen > 0, "the peer receives %s",
			    sent[i].what);
		else
			OK(sent[i].seen == 0, "the peer never sees %s",
			    sent[i].what);
	}

	peer_noise(peer);
	if (write(p2c[1], "2", 1) != 1)
		return (2);
	waitpid(pid, &status, 0);
	OK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the unprivileged child saw everything as expected");

	/*
	 * The control socket, same program without the guard, did get
	 * the tagged OFFERs, their tags stripped by the kernel.
	 */
	nsent = 0;
	reply(&f, 0);
	set_xid(&f, 0x44440006);
	remember("the 802.1Q-tagged OFFER", f.b, f.len, 0, 0);
	set_xid(&f, 0x44440007);
	remember("the 802.1ad-tagged OFFER", f.b, f.len, 0, 0);
	capture(ctl, 0, 0x3333ffff, 0);
	OK(sent[0].seen == 1 && sent[1].seen == 1, "without the guard, the "
	    "tagged OFFERs would have been read, tag stripped (%d, %d)",
	    sent[0].seen, sent[1].seen);
	close(ctl);

	/* A new lease: the packet socket may now send from it. */
	nsent = 0;
	request(&f, 1);
	set_xid(&f, 0x55550001);
	send_frame(pfd, "a REQUEST from the leased address, no lease", &f, 0);
	OK(filter_packet_update(&ptc, leased) == 0, "filter_packet_update");
	set_xid(&f, 0x5555ffff);
	send_frame(pfd, "a REQUEST from the leased address, leased", &f, 1);
	capture(peer, 1, 0x5555ffff, 0);
	OK(sent[0].seen == 0 && sent[1].seen == 1, "after the update the "
	    "peer sees the REQUEST from the leased address");

	filter_tc_remove(&ptc);
	OK(!tc_present(FILTER_TC_HANDLE_PACKET, FILTER_TC_PRIO) &&
	    tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO),
	    "filter_tc_remove removes the packet program, not the UDP one");
	OK(clsact_present() == 1, "the clsact qdisc stays while a program "
	    "is attached");
	filter_tc_remove(&utc);
	OK(!tc_present(FILTER_TC_HANDLE_UDP, FILTER_TC_PRIO),
	    "filter_tc_remove removes the UDP program");
	OK(clsact_present() == 0, "the clsact qdisc we created is gone");
	close(pfd);
	close(ufd);

	cleanup_checks();
	return (regress_done());
}
