/*
 * Escape attempts against the live daemon.  As root, take the running
 * frontend's sockets with pidfd_getfd(2), then drop every privilege the
 * way the frontend does, and try what an attacker in the frontend would
 * try: other kinds of frames, other addresses, another interface,
 * removing or replacing the filters.  The kernel must refuse them all.
 *
 *	escape FRONTEND-PID IFNAME
 *	escape -g FRONTEND-PID IFNAME	after the frontend lied that the
 *					interface is gone: nothing at all
 *					may leave the packet socket
 *
 * Every frame it tries carries the marker "ESCAPE" so the test can
 * look for it in a capture on the peer.  Prints ok / not ok lines.
 */

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dhcp.h"
#include "filter.h"
#include "sandbox.h"
#include "regress.h"

#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd	438
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open	434
#endif

static const uint8_t	 own_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t	 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void	steal(pid_t, int *, int *);
static void	drop_privileges(void);
static size_t	frame(uint8_t *, const uint8_t *, const uint8_t *, uint16_t,
		    uint8_t, uint16_t, uint16_t, int, const uint8_t *);
static void	try_send(int, const char *, const uint8_t *, size_t);
static void	try_sandboxed(int, const char *, int);

/* Take the frontend's packet and UDP sockets. */
static void
steal(pid_t pid, int *pkt, int *udp)
{
	char		 path[300], link[64];
	struct dirent	*de;
	DIR		*d;
	socklen_t	 len;
	ssize_t		 n;
	int		 pidfd, fd, dom, type;

	*pkt = *udp = -1;
	if ((pidfd = syscall(SYS_pidfd_open, pid, 0)) == -1) {
		perror("pidfd_open");
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if ((d = opendir(path)) == NULL) {
		perror(path);
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid,
		    de->d_name);
		if ((n = readlink(path, link, sizeof(link) - 1)) == -1)
			continue;
		link[n] = '\0';
		if (strncmp(link, "socket:", 7) != 0)
			continue;
		if ((fd = syscall(SYS_pidfd_getfd, pidfd, atoi(de->d_name),
		    0)) == -1)
			continue;
		len = sizeof(dom);
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &len) == -1)
			dom = -1;
		len = sizeof(type);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1)
			type = -1;
		if (dom == AF_PACKET && *pkt == -1)
			*pkt = fd;
		else if (dom == AF_INET && type == SOCK_DGRAM && *udp == -1)
			*udp = fd;
		else
			close(fd);
	}
	closedir(d);
	close(pidfd);
}

/* As the frontend: _leased, no capabilities at all, no new privileges. */
static void
drop_privileges(void)
{
	struct passwd	*pw;
	int		 cap;

	if ((pw = getpwnam("_leased")) == NULL) {
		fprintf(stderr, "no _leased user\n");
		exit(1);
	}
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
	if (setgroups(1, &pw->pw_gid) ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid)) {
		perror("drop privileges");
		exit(1);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		perror("no_new_privs");
		exit(1);
	}
}

/*
 * An Ethernet frame: type 0x0800 carries IPv4 with the given protocol
 * and ports (a BOOTREQUEST when dport is 67 and bootp is set); any other
 * type carries the marker only.
 */
static size_t
frame(uint8_t *b, const uint8_t *dst, const uint8_t *src, uint16_t type,
    uint8_t proto, uint16_t sport, uint16_t dport, int bootp,
    const uint8_t *chaddr)
{
	size_t	len = 342;

	memset(b, 0, len);
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	b[12] = type >> 8;
	b[13] = type & 0xff;
	if (type == ETH_P_IP) {
		b[14] = 0x45;
		b[16] = (len - 14) >> 8;
		b[17] = (len - 14) & 0xff;
		b[22] = 64;
		b[23] = proto;
		memset(b + 30, 0xff, 4);		/* 255.255.255.255 */
		b[34] = sport >> 8;
		b[35] = sport & 0xff;
		b[36] = dport >> 8;
		b[37] = dport & 0xff;
		b[38] = (len - 34) >> 8;
		b[39] = (len - 34) & 0xff;
		if (bootp) {
			b[42] = 1;			/* BOOTREQUEST */
			b[43] = 1;
			b[44] = 6;
			memcpy(b + 42 + 28, chaddr, 6);
			b[42 + 236] = 99;		/* magic cookie */
			b[42 + 237] = 130;
			b[42 + 238] = 83;
			b[42 + 239] = 99;
			b[42 + 240] = 255;
		}
	}
	memcpy(b + len - 8, "ESCAPE!", 7);
	return (len);
}

/* A frame the send filter must refuse: the call fails. */
static void
try_send(int fd, const char *what, const uint8_t *b, size_t len)
{
	ssize_t	n;

	n = send(fd, b, len, 0);
	OK(n == -1, "%s: send refused (%s)", what,
	    n == -1 ? strerror(errno) : "sent!");
}

/*
 * What only the frontend's seccomp filter stops: in a child under the
 * frontend's promises, each of these must kill it with SIGSYS.
 */
static void
try_sandboxed(int fd, const char *what, int how)
{
	struct sockaddr_ll	 sll;
	uint8_t			 b[400];
	pid_t			 pid;
	int			 status, one = 1;
	size_t			 len;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (sandbox_pledge("stdio unix recvfd packet") == -1)
			_exit(99);
		len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67,
		    1, own_mac);
		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		sll.sll_protocol = htons(ETH_P_IP);
		sll.sll_ifindex = 1;	/* lo */
		switch (how) {
		case 0:
			sendto(fd, b, len, 0, (struct sockaddr *)&sll,
			    sizeof(sll));
			break;
		case 1:
			bind(fd, (struct sockaddr *)&sll, sizeof(sll));
			break;
		case 2:
			setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
			    sizeof(one));
			break;
		case 3: {
			struct msghdr	msg;
			struct iovec	iov = { b, len };

			memset(&msg, 0, sizeof(msg));
			msg.msg_iov = &iov;
			msg.msg_iovlen = 1;
			msg.msg_name = &sll;
			msg.msg_namelen = sizeof(sll);
			sendmsg(fd, &msg, 0);
			break;
		}
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
	    "%s: the frontend's sandbox kills it", what);
}

int
main(int argc, char *argv[])
{
	struct sock_filter	 pass[] = { BPF_STMT(BPF_RET | BPF_K, 0xffff) };
	struct sock_fprog	 fprog = { 1, pass };
	uint8_t			 b[400], other_mac[6] = { 2, 0, 0, 0, 0, 0x99 };
	uint8_t			 peer_mac[6] = { 2, 0, 0, 0, 0, 2 };
	size_t			 len;
	unsigned int		 ifindex;
	int			 pkt, udp, rv, dummy = 0, gone_mode = 0;

	if (argc == 4 && strcmp(argv[1], "-g") == 0) {
		gone_mode = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: escape [-g] frontend-pid ifname\n");
		return (2);
	}
	if ((ifindex = if_nametoindex(argv[2])) == 0) {
		perror(argv[2]);
		return (1);
	}
	steal(atoi(argv[1]), &pkt, &udp);
	OK(pkt != -1, "took the frontend's packet socket");
	OK(udp != -1, "took the frontend's UDP socket");
	if (pkt == -1)
		return (1);
	drop_privileges();

	if (gone_mode) {
		/* The parent retired the socket: even this must not go. */
		len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67,
		    1, own_mac);
		try_send(pkt, "a valid request on a retired socket", b, len);
		len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_ICMP, 0, 0,
		    0, own_mac);
		try_send(pkt, "ICMP on a retired socket", b, len);
		len = frame(b, bcast, own_mac, ETH_P_ARP, 0, 0, 0, 0,
		    own_mac);
		try_send(pkt, "ARP on a retired socket", b, len);
		return (regress_done());
	}

	/* The control: a valid DISCOVER-shaped request passes. */
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67, 1,
	    own_mac);
	memcpy(b + len - 8, "LEGIT!!", 7);
	OK(send(pkt, b, len, 0) == (ssize_t)len,
	    "a broadcast BOOTREQUEST for our MAC is sent");

	len = frame(b, bcast, own_mac, ETH_P_ARP, 0, 0, 0, 0, own_mac);
	try_send(pkt, "ARP", b, len);
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_ICMP, 0, 0, 0,
	    own_mac);
	try_send(pkt, "ICMP", b, len);
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_TCP, 1234, 22, 0,
	    own_mac);
	try_send(pkt, "TCP to port 22", b, len);
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 53, 0,
	    own_mac);
	try_send(pkt, "UDP to port 53", b, len);
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67, 1,
	    other_mac);
	try_send(pkt, "DHCP with a foreign chaddr", b, len);
	len = frame(b, bcast, other_mac, ETH_P_IP, IPPROTO_UDP, 68, 67, 1,
	    other_mac);
	try_send(pkt, "DHCP from a foreign source MAC", b, len);
	len = frame(b, peer_mac, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67, 1,
	    own_mac);
	try_send(pkt, "DHCP to a unicast Ethernet address", b, len);
	len = frame(b, bcast, own_mac, ETH_P_IP, IPPROTO_UDP, 68, 67, 1,
	    own_mac);
	b[42] = 2;
	try_send(pkt, "a BOOTREPLY", b, len);

	/* The filters are locked and we cannot touch tc. */
	rv = setsockopt(pkt, SOL_SOCKET, SO_DETACH_FILTER, &dummy,
	    sizeof(dummy));
	OK(rv == -1 && errno == EPERM, "SO_DETACH_FILTER fails with EPERM");
	rv = setsockopt(pkt, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
	    sizeof(fprog));
	OK(rv == -1 && errno == EPERM, "SO_ATTACH_FILTER fails with EPERM");
	{
		DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
		    .attach_point = BPF_TC_EGRESS);
		DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts,
		    .handle = FILTER_TC_HANDLE_PACKET,
		    .priority = FILTER_TC_PRIO);

		rv = bpf_tc_detach(&hook, &opts);
		OK(rv == -EPERM, "detaching the send program fails with EPERM"
		    " (%d)", rv);
	}
	{
		struct bpf_insn	 ok_prog[] = {
			{ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 },
			{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 }
		};

		rv = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "evil", "GPL",
		    ok_prog, 2, NULL);
		OK(rv < 0, "loading a replacement program fails (%d)", rv);
	}

	if (udp != -1) {
		uint8_t	junk[64];

		memset(junk, 0, sizeof(junk));
		memcpy(junk, "ESCAPE!", 7);
		/* UDP hides the drop from the sender: the peer tells. */
		(void)send(udp, junk, sizeof(junk), 0);
		rv = setsockopt(udp, SOL_SOCKET, SO_DETACH_FILTER, &dummy,
		    sizeof(dummy));
		OK(rv == -1 && errno == EPERM,
		    "UDP socket: SO_DETACH_FILTER fails with EPERM");
	}

	try_sandboxed(pkt, "sendto another ifindex", 0);
	try_sandboxed(pkt, "bind to another ifindex", 1);
	try_sandboxed(pkt, "PACKET_QDISC_BYPASS", 2);
	try_sandboxed(pkt, "sendmsg with an address", 3);

	return (regress_done());
}
