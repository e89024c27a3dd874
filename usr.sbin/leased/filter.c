/*
 * The filter layer of the parent: open the sockets the frontend uses
 * to talk to the link, with both directions locked down.
 *
 * Receive: the packet socket is created with protocol 0, so it queues
 * nothing; the receive program (filters/rx.pcap, patched with the
 * interface's MAC) is attached and locked, and only then is the socket
 * bound to the interface with ETH_P_IP.  No unfiltered frame can queue
 * and nobody can replace the filter (SO_LOCK_FILTER).
 *
 * Send: Linux has no send filter for sockets.  The send program
 * (filters/tx.pcap, filters/udp_tx.pcap) is patched, translated to
 * eBPF by bpf_xlate() behind a guard that only looks at frames of this
 * socket (its SO_COOKIE) and attached at the interface's tc egress in
 * direct-action mode.  A rejected frame is dropped (TC_ACT_SHOT, the
 * sender sees ENOBUFS).  The frontend has no CAP_NET_ADMIN and cannot
 * remove or replace the program; its seccomp filter denies setsockopt
 * (PACKET_QDISC_BYPASS would skip tc egress), bind, connect, sendmsg
 * and sendto with an address, which is the rest of the lock.
 *
 * Our tc programs are recognised by a fixed priority, a small handle
 * range and their program name (filter.h), so that the programs a
 * killed leased left behind can be removed without touching anyone
 * else's.
 */

#include <sys/queue.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf_disasm.h"
#include "bpf_xlate.h"
#include "filter.h"
#include "filters.gen.h"
#include "log.h"

#define BOOTP_SERVER_PORT	67
#define BOOTP_CLIENT_PORT	68
#define VERIFIER_LOG_SIZE	(64 * 1024)

/* Interfaces whose clsact qdisc we created, so we may remove it. */
struct clsact {
	LIST_ENTRY(clsact)	 entry;
	unsigned int		 ifindex;
};
static LIST_HEAD(, clsact)	 clsacts = LIST_HEAD_INITIALIZER(clsacts);

static struct sock_filter	*patched(const struct filter_prog *,
				    const uint8_t *, struct in_addr,
				    struct in_addr);
static uint32_t	 patch_value(int, const uint8_t *, struct in_addr,
		    struct in_addr);
static int	 attach_locked(int, const struct filter_prog *,
		    const struct sock_filter *);
static int	 socket_cookie(int, uint64_t *);
static int	 tc_load(const struct filter_tc *, const struct filter_prog *,
		    const char *);
static int	 tc_attach(struct filter_tc *, int);
static int	 tc_prog_id(int, uint32_t *, char *, size_t);
static int	 tc_count_filters(unsigned int);
static void	 clsact_forget(unsigned int);
static const char *tc_name(uint32_t);
static void	 libbpf_init(void);
static int	 libbpf_log(enum libbpf_print_level, const char *, va_list);

/*
 * libbpf reports the kernel's extended acks on stderr, including for
 * errors we expect (EEXIST from a clsact qdisc that is already there).
 * Our own messages say what failed; libbpf's go to the debug log.
 */
static int
libbpf_log(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char	 buf[512];
	size_t	 len;

	if (level == LIBBPF_DEBUG)
		return (0);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	log_debug("%s", buf);
	return (0);
}

static void
libbpf_init(void)
{
	static int	 done;

	if (!done) {
		libbpf_set_print(libbpf_log);
		done = 1;
	}
}

static uint32_t
patch_value(int value, const uint8_t *mac, struct in_addr leased,
    struct in_addr server)
{
	switch (value) {
	case FILTER_V_MAC_HI16:
		return ((uint32_t)mac[0] << 8 | mac[1]);
	case FILTER_V_MAC_LO32:
		return ((uint32_t)mac[2] << 24 | (uint32_t)mac[3] << 16 |
		    (uint32_t)mac[4] << 8 | mac[5]);
	case FILTER_V_LEASED:
		return (ntohl(leased.s_addr));
	default:
		return (ntohl(server.s_addr));
	}
}

/*
 * Copy a program into out (prog->len instructions) with the run-time
 * values in place of the placeholders.  Addresses in network order.
 */
int
filter_patch(const struct filter_prog *prog, struct sock_filter *out,
    const uint8_t *mac, struct in_addr leased, struct in_addr server)
{
	const struct filter_patch	*p;
	size_t				 i;

	memcpy(out, prog->insns, prog->len * sizeof(*out));
	for (i = 0; i < prog->npatches; i++) {
		p = &prog->patches[i];
		if (p->insn >= prog->len || p->value >= FILTER_V_MAX ||
		    out[p->insn].code != (BPF_JMP | BPF_JEQ | BPF_K)) {
			log_warnx("%s: program %s: bad patch site %u",
			    __func__, prog->name, p->insn);
			return (-1);
		}
		out[p->insn].k = patch_value(p->value, mac, leased, server);
	}
	return (0);
}

static struct sock_filter *
patched(const struct filter_prog *prog, const uint8_t *mac,
    struct in_addr leased, struct in_addr server)
{
	struct sock_filter	*insns;

	if ((insns = calloc(prog->len, sizeof(*insns))) == NULL) {
		log_warn("%s", __func__);
		return (NULL);
	}
	if (filter_patch(prog, insns, mac, leased, server) == -1) {
		free(insns);
		return (NULL);
	}
	return (insns);
}

/* Attach a receive program to a socket and lock it there. */
static int
attach_locked(int fd, const struct filter_prog *prog,
    const struct sock_filter *insns)
{
	struct sock_fprog	 fprog;
	int			 one = 1;

	fprog.len = prog->len;
	fprog.filter = (struct sock_filter *)(uintptr_t)insns;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
	    sizeof(fprog)) == -1) {
		log_warn("%s: SO_ATTACH_FILTER %s", __func__, prog->name);
		return (-1);
	}
	if (setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &one,
	    sizeof(one)) == -1) {
		log_warn("%s: SO_LOCK_FILTER %s", __func__, prog->name);
		return (-1);
	}
	return (0);
}

static int
socket_cookie(int fd, uint64_t *cookie)
{
	socklen_t	 len = sizeof(*cookie);

	if (getsockopt(fd, SOL_SOCKET, SO_COOKIE, cookie, &len) == -1) {
		log_warn("%s: SO_COOKIE", __func__);
		return (-1);
	}
	if (*cookie == 0) {
		log_warnx("%s: the socket has no cookie", __func__);
		return (-1);
	}
	return (0);
}

/* Patch, translate and load a send program; returns its fd. */
static int
tc_load(const struct filter_tc *ftc, const struct filter_prog *prog,
    const char *name)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct sock_filter	*insns;
	struct bpf_insn		*ebpf = NULL;
	size_t			 elen;
	char			 errbuf[256], *log = NULL, *last;
	int			 pfd;

	if ((insns = patched(prog, ftc->mac, ftc->leased,
	    ftc->server)) == NULL)
		return (-1);
	if (bpf_xlate(insns, prog->len, XLATE_TC, ftc->cookie, &ebpf, &elen,
	    errbuf, sizeof(errbuf)) == -1) {
		log_warnx("%s: cannot translate %s: %s", __func__, prog->name,
		    errbuf);
		free(insns);
		return (-1);
	}
	free(insns);

	pfd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, name, "ISC", ebpf, elen,
	    &opts);
	if (pfd < 0) {
		/* Load again with the verifier's log to say why. */
		if ((log = calloc(1, VERIFIER_LOG_SIZE)) != NULL) {
			opts.log_buf = log;
			opts.log_size = VERIFIER_LOG_SIZE;
			opts.log_level = 1;
			pfd = bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, name,
			    "ISC", ebpf, elen, &opts);
		}
		if (pfd < 0) {
			last = NULL;
			if (log != NULL) {
				log[VERIFIER_LOG_SIZE - 1] = '\0';
				while ((last = strrchr(log, '\n')) != NULL &&
				    last[1] == '\0')
					*last = '\0';
				last = strrchr(log, '\n');
			}
			log_warnx("%s: cannot load %s (%zu instructions): "
			    "%s%s%s", __func__, name, elen, strerror(-pfd),
			    last != NULL ? ": " : "",
			    last != NULL ? last + 1 : "");
		}
		free(log);
	}
	free(ebpf);
	return (pfd < 0 ? -1 : pfd);
}

static const char *
tc_name(uint32_t handle)
{
	if (handle == FILTER_TC_HANDLE_PACKET)
		return (FILTER_TC_NAME_PACKET);
	if (handle == FILTER_TC_HANDLE_UDP)
		return (FILTER_TC_NAME_UDP);
	return (NULL);
}

/*
 * Load ftc's send program and attach it at tc egress: as a new filter,
 * or replacing the one ftc already has (replace set).
 */
static int
tc_attach(struct filter_tc *ftc, int replace)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ftc->ifindex,
	    .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = ftc->handle,
	    .priority = FILTER_TC_PRIO);
	const struct filter_prog	*prog;
	struct clsact			*c;
	int				 pfd, rv;

	libbpf_init();
	prog = ftc->kind == FILTER_PACKET ? &filter_tx : &filter_udp_tx;
	if ((pfd = tc_load(ftc, prog, tc_name(ftc->handle))) == -1)
		return (-1);

	if (!replace) {
		rv = bpf_tc_hook_create(&hook);
		if (rv == 0) {
			LIST_FOREACH(c, &clsacts, entry)
				if (c->ifindex == ftc->ifindex)
					break;
			if (c == NULL && (c = calloc(1, sizeof(*c))) != NULL) {
				c->ifindex = ftc->ifindex;
				LIST_INSERT_HEAD(&clsacts, c, entry);
			}
		} else if (rv != -EEXIST) {
			log_warnx("%s: ifindex %u: cannot create clsact "
			    "qdisc: %s", __func__, ftc->ifindex,
			    strerror(-rv));
			close(pfd);
			return (-1);
		}
	}

	opts.prog_fd = pfd;
	opts.flags = replace ? BPF_TC_F_REPLACE : 0;
	if ((rv = bpf_tc_attach(&hook, &opts)) < 0) {
		log_warnx("%s: ifindex %u: cannot attach %s at tc egress "
		    "(handle 0x%x, priority %u): %s%s", __func__,
		    ftc->ifindex, tc_name(ftc->handle), ftc->handle,
		    FILTER_TC_PRIO, strerror(-rv), rv == -EEXIST ?
		    " (left behind by a killed leased?)" : "");
		close(pfd);
		if (!replace)
			clsact_forget(ftc->ifindex);
		return (-1);
	}
	if (ftc->prog_fd != -1)
		close(ftc->prog_fd);
	ftc->prog_fd = pfd;
	return (0);
}

/*
 * The packet socket: receive and send filtered, bound to ifindex.
 * leased is the leased address, or INADDR_ANY while there is none.
 * Returns the socket, also in ftc->fd; the caller owns and closes it.
 */
int
filter_packet_open(unsigned int ifindex, const uint8_t *mac,
    struct in_addr leased, struct filter_tc *ftc)
{
	struct sockaddr_ll	 sll;
	struct sock_filter	*rx;
	struct in_addr		 any = { INADDR_ANY };
	int			 fd;

	memset(ftc, 0, sizeof(*ftc));
	ftc->kind = FILTER_PACKET;
	ftc->ifindex = ifindex;
	ftc->fd = ftc->prog_fd = -1;
	ftc->handle = FILTER_TC_HANDLE_PACKET;
	memcpy(ftc->mac, mac, sizeof(ftc->mac));
	ftc->leased = leased;
	ftc->server = any;

	/* Protocol 0: nothing queues until bind(), after the lock. */
	if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("%s: socket", __func__);
		return (-1);
	}
	if ((rx = patched(&filter_rx, mac, leased, any)) == NULL)
		goto fail;
	if (attach_locked(fd, &filter_rx, rx) == -1) {
		free(rx);
		goto fail;
	}
	free(rx);
	if (socket_cookie(fd, &ftc->cookie) == -1)
		goto fail;
	if (tc_attach(ftc, 0) == -1)
		goto fail;

	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_IP);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
		log_warn("%s: bind to ifindex %u", __func__, ifindex);
		goto fail;
	}
	ftc->fd = fd;
	return (fd);

 fail:
	filter_tc_remove(ftc);
	close(fd);
	return (-1);
}

/*
 * The leased address changed (new lease, or none): replace the packet
 * socket's send program in one step, so it is never unguarded.
 */
int
filter_packet_update(struct filter_tc *ftc, struct in_addr leased)
{
	struct in_addr	 old = ftc->leased;

	if (ftc->kind != FILTER_PACKET || ftc->prog_fd == -1) {
		log_warnx("%s: no packet send program to update", __func__);
		return (-1);
	}
	ftc->leased = leased;
	if (tc_attach(ftc, 1) == -1) {
		ftc->leased = old;
		return (-1);
	}
	return (0);
}

/*
 * The UDP socket for unicast renewal: bound to leased:68 on the
 * interface, connected to server:67.  Replies come in on the packet
 * socket (its program admits unicast to the own MAC), so this socket
 * gets a receive filter that drops everything: nothing ever queues.
 */
int
filter_udp_open(unsigned int ifindex, const uint8_t *mac,
    struct in_addr leased, struct in_addr server, struct filter_tc *ftc)
{
	static const struct sock_filter	 reject_all[] = {
		BPF_STMT(BPF_RET | BPF_K, 0)
	};
	static const struct filter_prog	 reject_prog = {
		"reject_all", "", reject_all, 1, NULL, 0, 0
	};
	struct sockaddr_in		 sin;
	char				 ifname[IF_NAMESIZE];
	int				 fd, one = 1;

	memset(ftc, 0, sizeof(*ftc));
	ftc->kind = FILTER_UDP;
	ftc->ifindex = ifindex;
	ftc->fd = ftc->prog_fd = -1;
	ftc->handle = FILTER_TC_HANDLE_UDP;
	memcpy(ftc->mac, mac, sizeof(ftc->mac));
	ftc->leased = leased;
	ftc->server = server;

	if (leased.s_addr == INADDR_ANY || server.s_addr == INADDR_ANY) {
		log_warnx("%s: need a leased and a server address", __func__);
		return (-1);
	}
	if (if_indextoname(ifindex, ifname) == NULL) {
		log_warn("%s: ifindex %u", __func__, ifindex);
		return (-1);
	}
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("%s: socket", __func__);
		return (-1);
	}
	if (attach_locked(fd, &reject_prog, reject_all) == -1)
		goto fail;
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
	    strlen(ifname)) == -1) {
		log_warn("%s: SO_BINDTODEVICE %s", __func__, ifname);
		goto fail;
	}
	/* Renewal sockets of an old lease may still be bound here. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) == -1) {
		log_warn("%s: SO_REUSEADDR", __func__);
		goto fail;
	}
	/* The address may be on its way to the interface. */
	if (setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one,
	    sizeof(one)) == -1) {
		log_warn("%s: IP_FREEBIND", __func__);
		goto fail;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = leased;
	sin.sin_port = htons(BOOTP_CLIENT_PORT);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		log_warn("%s: bind %s:%d", __func__, inet_ntoa(leased),
		    BOOTP_CLIENT_PORT);
		goto fail;
	}
	if (socket_cookie(fd, &ftc->cookie) == -1)
		goto fail;
	if (tc_attach(ftc, 0) == -1)
		goto fail;
	sin.sin_addr = server;
	sin.sin_port = htons(BOOTP_SERVER_PORT);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		log_warn("%s: connect %s:%d", __func__, inet_ntoa(server),
		    BOOTP_SERVER_PORT);
		goto fail;
	}
	ftc->fd = fd;
	return (fd);

 fail:
	filter_tc_remove(ftc);
	close(fd);
	return (-1);
}

/* The id and name of the program attached at one of our handles. */
static int
tc_prog_id(int pfd, uint32_t *id, char *name, size_t namelen)
{
	struct bpf_prog_info	 info;
	uint32_t		 len = sizeof(info);
	int			 rv;

	memset(&info, 0, sizeof(info));
	if ((rv = bpf_obj_get_info_by_fd(pfd, &info, &len)) < 0) {
		log_warnx("%s: %s", __func__, strerror(-rv));
		return (-1);
	}
	*id = info.id;
	if (name != NULL)
		snprintf(name, namelen, "%.*s", (int)sizeof(info.name),
		    info.name);
	return (0);
}

/*
 * Count the tc filters on the interface's clsact qdisc, both hooks,
 * with an rtnetlink dump; -1 if that fails.
 */
static int
tc_count_filters(unsigned int ifindex)
{
	static const uint32_t	 parents[] = {
		TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
		TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS)
	};
	struct {
		struct nlmsghdr	 nh;
		struct tcmsg	 tcm;
	}			 req;
	struct sockaddr_nl	 sa;
	struct nlmsghdr		*nh;
	char			 buf[16384];
	ssize_t			 n;
	size_t			 i;
	int			 fd, count = 0, done;
	uint32_t		 seq = time(NULL);

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1) {
		log_warn("%s: socket", __func__);
		return (-1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;

	for (i = 0; i < sizeof(parents) / sizeof(parents[0]); i++) {
		memset(&req, 0, sizeof(req));
		req.nh.nlmsg_len = sizeof(req);
		req.nh.nlmsg_type = RTM_GETTFILTER;
		req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		req.nh.nlmsg_seq = ++seq;
		req.tcm.tcm_family = AF_UNSPEC;
		req.tcm.tcm_ifindex = ifindex;
		req.tcm.tcm_parent = parents[i];
		if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa,
		    sizeof(sa)) == -1) {
			log_warn("%s: send", __func__);
			goto fail;
		}
		for (done = 0; !done; ) {
			if ((n = recv(fd, buf, sizeof(buf), 0)) == -1) {
				log_warn("%s: recv", __func__);
				goto fail;
			}
			for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, n);
			    nh = NLMSG_NEXT(nh, n)) {
				if (nh->nlmsg_seq != seq)
					continue;
				if (nh->nlmsg_type == NLMSG_DONE) {
					done = 1;
					break;
				}
				if (nh->nlmsg_type == NLMSG_ERROR) {
					log_warnx("%s: ifindex %u: filter "
					    "dump failed", __func__, ifindex);
					goto fail;
				}
				if (nh->nlmsg_type == RTM_NEWTFILTER)
					count++;
			}
		}
	}
	close(fd);
	return (count);

 fail:
	close(fd);
	return (-1);
}

/* Remove the clsact qdisc of ifindex if we created it and it is empty. */
static void
clsact_forget(unsigned int ifindex)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
	    .attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS);
	struct clsact	*c;
	int		 rv;

	LIST_FOREACH(c, &clsacts, entry)
		if (c->ifindex == ifindex)
			break;
	if (c == NULL || tc_count_filters(ifindex) != 0)
		return;
	if ((rv = bpf_tc_hook_destroy(&hook)) < 0 && rv != -ENOENT &&
	    rv != -EINVAL)
		log_warnx("%s: ifindex %u: cannot remove clsact qdisc: %s",
		    __func__, ifindex, strerror(-rv));
	LIST_REMOVE(c, entry);
	free(c);
}

/*
 * Remove ftc's tc program, if it is still the one at our handle, and
 * the clsact qdisc if we made it and it is now empty.  The socket is
 * left alone.
 */
void
filter_tc_remove(struct filter_tc *ftc)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ftc->ifindex,
	    .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = ftc->handle,
	    .priority = FILTER_TC_PRIO);
	uint32_t	 ours;
	int		 rv;

	if (ftc->prog_fd == -1)
		return;
	libbpf_init();
	if (tc_prog_id(ftc->prog_fd, &ours, NULL, 0) == 0) {
		rv = bpf_tc_query(&hook, &opts);
		if (rv == 0 && opts.prog_id == ours) {
			opts.prog_id = 0;
			opts.prog_fd = 0;
			opts.flags = 0;
			if ((rv = bpf_tc_detach(&hook, &opts)) < 0)
				log_warnx("%s: ifindex %u: cannot detach "
				    "%s: %s", __func__, ftc->ifindex,
				    tc_name(ftc->handle), strerror(-rv));
		} else if (rv == 0)
			log_warnx("%s: ifindex %u: handle 0x%x holds another "
			    "program, left alone", __func__, ftc->ifindex,
			    ftc->handle);
		else if (rv != -ENOENT && rv != -EINVAL)
			log_warnx("%s: ifindex %u: %s", __func__,
			    ftc->ifindex, strerror(-rv));
	}
	close(ftc->prog_fd);
	ftc->prog_fd = -1;
	clsact_forget(ftc->ifindex);
}

/*
 * Remove the send programs a killed leased left at ifindex's tc
 * egress: only at our handles and priority, and only if the program
 * there has our name.  Returns how many were removed, -1 on error.
 */
int
filter_tc_remove_stale(unsigned int ifindex)
{
	static const uint32_t	 handles[] = {
		FILTER_TC_HANDLE_PACKET, FILTER_TC_HANDLE_UDP
	};
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
	    .attach_point = BPF_TC_EGRESS);
	char			 name[BPF_OBJ_NAME_LEN + 1];
	uint32_t		 id;
	size_t			 i;
	int			 pfd, rv, removed = 0, error = 0;

	libbpf_init();
	for (i = 0; i < sizeof(handles) / sizeof(handles[0]); i++) {
		LIBBPF_OPTS(bpf_tc_opts, opts, .handle = handles[i],
		    .priority = FILTER_TC_PRIO);

		if ((rv = bpf_tc_query(&hook, &opts)) < 0) {
			/* No clsact, or nothing at this handle. */
			if (rv != -ENOENT && rv != -EINVAL) {
				log_warnx("%s: ifindex %u: %s", __func__,
				    ifindex, strerror(-rv));
				error = 1;
			}
			continue;
		}
		if ((pfd = bpf_prog_get_fd_by_id(opts.prog_id)) < 0) {
			log_warnx("%s: ifindex %u: program %u: %s", __func__,
			    ifindex, opts.prog_id, strerror(-pfd));
			error = 1;
			continue;
		}
		rv = tc_prog_id(pfd, &id, name, sizeof(name));
		close(pfd);
		if (rv == -1) {
			error = 1;
			continue;
		}
		if (strcmp(name, tc_name(handles[i])) != 0) {
			log_warnx("%s: ifindex %u: tc egress handle 0x%x "
			    "priority %u holds program \"%s\", not ours: "
			    "left alone", __func__, ifindex, handles[i],
			    FILTER_TC_PRIO, name);
			continue;
		}
		opts.prog_id = 0;
		opts.prog_fd = 0;
		opts.flags = 0;
		if ((rv = bpf_tc_detach(&hook, &opts)) < 0) {
			log_warnx("%s: ifindex %u: cannot detach stale %s: "
			    "%s", __func__, ifindex, name, strerror(-rv));
			error = 1;
			continue;
		}
		log_info("ifindex %u: removed a stale %s (program %u)",
		    ifindex, name, id);
		removed++;
	}
	return (error ? -1 : removed);
}

/*
 * Print the programs leased puts in force on an interface, with the
 * run-time values filled in (leased -n -vv).
 */
void
filter_audit(FILE *fp, const char *ifname, const uint8_t *mac,
    struct in_addr leased, struct in_addr server)
{
	static const struct {
		const struct filter_prog	*prog;
		const char			*where;
	} progs[] = {
		{ &filter_rx, "packet socket, receive (SO_ATTACH_FILTER, "
		    "locked)" },
		{ &filter_tx, "packet socket, send (tc egress, "
		    FILTER_TC_NAME_PACKET ")" },
		{ &filter_udp_tx, "UDP socket, send (tc egress, "
		    FILTER_TC_NAME_UDP ")" },
	};
	static const char *const what[FILTER_V_MAX] = {
		"MAC bytes 0-1", "MAC bytes 2-5", "leased address",
		"server address"
	};
	struct sock_filter	*insns;
	char			 line[BPF_DISASM_LEN];
	size_t			 i, j, k;

	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		fprintf(fp, "filter %s on %s: %s, %zu instructions\n",
		    progs[i].prog->name, ifname, progs[i].where,
		    progs[i].prog->len);
		if ((insns = patched(progs[i].prog, mac, leased,
		    server)) == NULL)
			continue;
		for (j = 0; j < progs[i].prog->len; j++) {
			fprintf(fp, "\t%s", bpf_disasm_insn(&insns[j], j,
			    line, sizeof(line)));
			if (j < progs[i].prog->guard)
				fprintf(fp, "\t; guard");
			for (k = 0; k < progs[i].prog->npatches; k++)
				if (progs[i].prog->patches[k].insn == j)
					fprintf(fp, "\t; %s", what[
					    progs[i].prog->patches[k].value]);
			fprintf(fp, "\n");
		}
		free(insns);
	}
}
