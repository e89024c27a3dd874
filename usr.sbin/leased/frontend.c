/*
 * leased: the frontend.  Unprivileged, chrooted, sandboxed to
 * "stdio unix recvfd packet": it watches the links, moves frames
 * between the locked sockets the parent hands it and the engine, and
 * serves the control socket.  It never parses DHCP.
 */

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/queue.h>
#include <sys/socket.h>

#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "imsg.h"
#include "conf.h"
#include "control.h"
#include "leased.h"
#include "log.h"
#include "sandbox.h"

#define ROUTE_BUF_SIZE	(64 * 1024)
#define ENGINE_QUEUE_MAX	1024	/* frames waiting for the engine */

struct fe_iface {
	LIST_ENTRY(fe_iface)	 entries;
	uint32_t		 if_index;
	char			 ifname[IF_NAMESIZE];
	uint8_t			 mac[ETHER_ADDR_LEN];
	int			 running;
	int			 requested;	/* asked the parent */
	int			 pkt_fd;
	int			 udp_fd;
	struct event		 pkt_ev;
};

__attribute__((__noreturn__)) static void	frontend_shutdown(void);
static void	frontend_sig_handler(int, short, void *);
static void	frontend_dispatch_main(int, short, void *);
static void	frontend_dispatch_engine(int, short, void *);
static void	frontend_startup(void);
static void	recv_reconf(struct imsg *, uint32_t);
static struct fe_iface *get_iface_by_index(uint32_t);
static void	iface_free(struct fe_iface *);
static void	route_open(void);
static void	route_request_dump(void);
static void	route_receive(int, short, void *);
static int	route_msg(const struct nlmsghdr *, void *);
static void	link_update(const struct nlmsghdr *);
static void	packet_receive(int, short, void *);
static void	send_frame(const struct imsg_frame *, int);

static struct imsgev		*iev_engine;
static struct imsgev		*iev_main;
static LIST_HEAD(, fe_iface)	 interfaces = LIST_HEAD_INITIALIZER(interfaces);
static struct leased_conf	*frontend_conf;
static int			 route_fd = -1;
static struct event		 route_ev;
static int			 started;

void
frontend(int debug, int verbose)
{
	struct event	 ev_sigint, ev_sigterm;

	log_init(debug, LOG_DAEMON);
	log_setverbose(verbose);
	log_procinit("frontend");
	prctl(PR_SET_NAME, "leased-frontend", 0, 0, 0);

	if (fcntl(LEASED_PARENT_FD, F_GETFD) == -1)
		fatalx("%s: no channel to the parent on fd %d", __func__,
		    LEASED_PARENT_FD);

	privdrop(LEASED_USER);

	/*
	 * Our own routing socket, opened as _leased: the kernel checks the
	 * opener's credentials, so it can watch links but change nothing.
	 * It is bound now because bind is not allowed once sandboxed.
	 */
	route_open();

	log_sandboxed();
	sandbox_trap(verbose > 1);
	if (sandbox_pledge("stdio unix recvfd packet") == -1)
		fatal("%s: sandbox", __func__);

	if ((frontend_conf = config_new_empty()) == NULL)
		fatal(NULL);

	event_init();

	/* Setup signal handler. */
	signal_set(&ev_sigint, SIGINT, frontend_sig_handler, NULL);
	signal_set(&ev_sigterm, SIGTERM, frontend_sig_handler, NULL);
	signal_add(&ev_sigint, NULL);
	signal_add(&ev_sigterm, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	/* Setup pipe and event handler to the parent process. */
	iev_main = imsgev_open(LEASED_PARENT_FD, 1, frontend_dispatch_main);

	event_set(&route_ev, route_fd, EV_READ | EV_PERSIST, route_receive,
	    NULL);

	event_dispatch();

	frontend_shutdown();
}

static __attribute__((__noreturn__)) void
frontend_shutdown(void)
{
	struct fe_iface	*iface;

	control_cleanup();
	while ((iface = LIST_FIRST(&interfaces)) != NULL)
		iface_free(iface);
	config_clear(frontend_conf);

	/* Close pipes. */
	if (iev_engine != NULL) {
		imsgbuf_clear(&iev_engine->ibuf);
		close(iev_engine->ibuf.fd);
		free(iev_engine);
	}
	imsgbuf_clear(&iev_main->ibuf);
	close(iev_main->ibuf.fd);
	free(iev_main);

	log_debug("exiting");
	exit(0);
}

static void
frontend_sig_handler(int sig, short event, void *arg)
{
	(void)event;
	(void)arg;

	/*
	 * A Ctrl-C in the foreground reaches all three processes; otherwise
	 * the parent tells us to go by closing our pipe.
	 */
	switch (sig) {
	case SIGINT:
	case SIGTERM:
		event_loopexit(NULL);
		break;
	default:
		fatalx("unexpected signal");
	}
}

int
frontend_imsg_compose_main(uint32_t type, pid_t pid, const void *data,
    size_t datalen)
{
	return (imsg_compose_event(iev_main, type, 0, pid, -1, data,
	    datalen));
}

int
frontend_imsg_compose_engine(uint32_t type, uint32_t peerid, pid_t pid,
    const void *data, size_t datalen)
{
	if (iev_engine == NULL)
		return (-1);
	return (imsg_compose_event(iev_engine, type, peerid, pid, -1, data,
	    datalen));
}

static void
frontend_dispatch_main(int fd, short event, void *bula)
{
	struct imsg		 imsg;
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct imsg_udpsock	 us;
	static struct imsg_iface_ready ready;
	struct fe_iface		*iface;
	ssize_t			 n;
	uint32_t		 type;
	int			 newfd;

	(void)fd;

	if (imsgev_io(iev, event) == -1) {
		/* Connection closed. */
		event_del(&iev->ev);
		event_loopexit(NULL);
		return;
	}

	for (;;) {
		if ((n = imsgbuf_get(ibuf, &imsg)) == -1)
			fatal("%s: imsgbuf_get error", __func__);
		if (n == 0)	/* No more messages. */
			break;

		type = imsg_get_type(&imsg);
		switch (type) {
		case IMSG_SOCKET_IPC:
			/*
			 * Setup pipe and event handler to the engine
			 * process.
			 */
			if (iev_engine)
				fatalx("%s: received unexpected imsg fd "
				    "to frontend", __func__);
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((fd = imsg_get_fd(&imsg)) == -1)
				fatalx("%s: expected to receive imsg fd to "
				    "frontend but didn't receive any",
				    __func__);

			iev_engine = imsgev_open(fd, 0,
			    frontend_dispatch_engine);
			break;
		case IMSG_CONTROLFD:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((newfd = imsg_get_fd(&imsg)) == -1)
				fatalx("%s: expected to receive imsg "
				    "control fd but didn't receive any",
				    __func__);
			control_listen(newfd);
			break;
		case IMSG_RECONF_CONF:
		case IMSG_RECONF_IFACE:
		case IMSG_RECONF_END:
			recv_reconf(&imsg, type);
			break;
		case IMSG_STARTUP:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (iev_engine == NULL)
				fatalx("%s: %s before IMSG_SOCKET_IPC",
				    __func__, imsg_type_name(type));
			frontend_startup();
			break;
		case IMSG_PACKET_SOCKET:
			if (imsg_get_data(&imsg, &ready, sizeof(ready)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((newfd = imsg_get_fd(&imsg)) == -1)
				fatalx("%s: %s without fd", __func__,
				    imsg_type_name(type));
			if ((iface = get_iface_by_index(ready.if_index)) ==
			    NULL) {
				/* It went away meanwhile. */
				close(newfd);
				break;
			}
			if (iface->pkt_fd != -1) {
				event_del(&iface->pkt_ev);
				close(iface->pkt_fd);
			}
			iface->pkt_fd = newfd;
			if (fcntl(newfd, F_SETFL, O_NONBLOCK) == -1)
				fatal("%s: fcntl", __func__);
			event_set(&iface->pkt_ev, newfd, EV_READ | EV_PERSIST,
			    packet_receive, iface);
			event_add(&iface->pkt_ev, NULL);
			/* Now the engine may send: it checks the lease. */
			frontend_imsg_compose_engine(IMSG_IFACE_READY, 0, 0,
			    &ready, sizeof(ready));
			break;
		case IMSG_UDP_SOCKET:
			if (imsg_get_data(&imsg, &us, sizeof(us)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((newfd = imsg_get_fd(&imsg)) == -1)
				fatalx("%s: %s without fd", __func__,
				    imsg_type_name(type));
			if ((iface = get_iface_by_index(us.if_index)) ==
			    NULL) {
				close(newfd);
				break;
			}
			if (iface->udp_fd != -1)
				close(iface->udp_fd);
			iface->udp_fd = newfd;
			/* Only sent on; its receive filter admits nothing. */
			frontend_imsg_compose_engine(IMSG_UDP_SOCKET, 0, 0,
			    &us.if_index, sizeof(us.if_index));
			break;
		case IMSG_CTL_END:
			/* The parent is done with a client's request. */
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			control_imsg_relay(&imsg);
			break;
		default:
			fatalx("%s: unexpected %s", __func__,
			    imsg_type_name(type));
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

static void
frontend_dispatch_engine(int fd, short event, void *bula)
{
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct imsg		 imsg;
	struct fe_iface		*iface;
	static struct imsg_frame f;
	ssize_t			 n;
	uint32_t		 type, if_index;

	(void)fd;

	if (imsgev_io(iev, event) == -1) {
		/* Connection closed. */
		event_del(&iev->ev);
		event_loopexit(NULL);
		return;
	}

	for (;;) {
		if ((n = imsgbuf_get(ibuf, &imsg)) == -1)
			fatal("%s: imsgbuf_get error", __func__);
		if (n == 0)	/* No more messages. */
			break;

		type = imsg_get_type(&imsg);
		switch (type) {
		case IMSG_SEND_FRAME:
		case IMSG_SEND_UDP:
			if (imsg_get_data(&imsg, &f, sizeof(f)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (f.len == 0 || f.len > sizeof(f.frame))
				fatalx("%s: invalid %s length %u", __func__,
				    imsg_type_name(type), f.len);
			send_frame(&f, type == IMSG_SEND_UDP);
			break;
		case IMSG_CLOSE_UDP_SOCKET:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((iface = get_iface_by_index(if_index)) != NULL &&
			    iface->udp_fd != -1) {
				close(iface->udp_fd);
				iface->udp_fd = -1;
			}
			break;
		case IMSG_CTL_INTERFACE_INFO:
			if (imsg_get_len(&imsg) !=
			    sizeof(struct ctl_iface_info))
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			control_imsg_relay(&imsg);
			break;
		case IMSG_CTL_END:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			control_imsg_relay(&imsg);
			break;
		default:
			fatalx("%s: unexpected %s", __func__,
			    imsg_type_name(type));
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

static void
recv_reconf(struct imsg *imsg, uint32_t type)
{
	struct leased_conf	*xconf;

	if ((xconf = config_recv(imsg, type)) == NULL)
		return;
	config_clear(frontend_conf);
	frontend_conf = xconf;
	/* Newly configured interfaces: look at the links again. */
	if (started)
		route_request_dump();
}

static void
frontend_startup(void)
{
	started = 1;
	event_add(&route_ev, NULL);
	route_request_dump();
}

static struct fe_iface *
get_iface_by_index(uint32_t if_index)
{
	struct fe_iface	*iface;

	LIST_FOREACH(iface, &interfaces, entries)
		if (iface->if_index == if_index)
			return (iface);
	return (NULL);
}

static void
iface_free(struct fe_iface *iface)
{
	LIST_REMOVE(iface, entries);
	if (iface->pkt_fd != -1) {
		event_del(&iface->pkt_ev);
		close(iface->pkt_fd);
	}
	if (iface->udp_fd != -1)
		close(iface->udp_fd);
	free(iface);
}

static void
route_open(void)
{
	struct sockaddr_nl	 snl;

	if ((route_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, NETLINK_ROUTE)) == -1)
		fatal("%s: socket", __func__);
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	snl.nl_groups = RTMGRP_LINK;
	if (bind(route_fd, (struct sockaddr *)&snl, sizeof(snl)) == -1)
		fatal("%s: bind", __func__);
}

/* Ask the kernel for every link; the answers come to route_receive(). */
static void
route_request_dump(void)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr		*nlh;
	struct rtgenmsg		*rt;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = 1;
	rt = mnl_nlmsg_put_extra_header(nlh, sizeof(*rt));
	rt->rtgen_family = AF_PACKET;
	/* send(2) with no address goes to the kernel. */
	if (send(route_fd, nlh, nlh->nlmsg_len, 0) == -1)
		log_warn("%s: send", __func__);
}

static void
route_receive(int fd, short events, void *arg)
{
	static char	 buf[ROUTE_BUF_SIZE];
	ssize_t		 n;

	(void)events;
	(void)arg;

	for (;;) {
		if ((n = recv(fd, buf, sizeof(buf), 0)) == -1) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			if (errno == ENOBUFS) {
				/* We missed events: look at everything. */
				log_warnx("%s: routing socket overrun",
				    __func__);
				route_request_dump();
				continue;
			}
			log_warn("%s: recv", __func__);
			return;
		}
		if (mnl_cb_run(buf, n, 0, 0, route_msg, NULL) == MNL_CB_ERROR)
			log_warn("%s: bad netlink message", __func__);
	}
}

static int
route_msg(const struct nlmsghdr *nlh, void *arg)
{
	(void)arg;

	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		link_update(nlh);
		break;
	default:
		break;
	}
	return (MNL_CB_OK);
}

static void
link_update(const struct nlmsghdr *nlh)
{
	struct ifinfomsg	*ifi;
	struct nlattr		*attr;
	struct fe_iface		*iface;
	struct iface_conf	*ic;
	struct imsg_link	 link;
	struct imsg_ifreq	 req;
	const char		*name = NULL;
	const uint8_t		*mac = NULL;
	uint32_t		 if_index;
	int			 running, changed;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (ifi->ifi_index <= 0)
		return;
	if_index = ifi->ifi_index;

	mnl_attr_for_each(attr, nlh, sizeof(*ifi)) {
		switch (mnl_attr_get_type(attr)) {
		case IFLA_IFNAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 ||
			    mnl_attr_get_payload_len(attr) > IF_NAMESIZE)
				return;
			name = mnl_attr_get_str(attr);
			break;
		case IFLA_ADDRESS:
			if (mnl_attr_get_payload_len(attr) == ETHER_ADDR_LEN)
				mac = mnl_attr_get_payload(attr);
			break;
		default:
			break;
		}
	}

	iface = get_iface_by_index(if_index);
	if (nlh->nlmsg_type == RTM_DELLINK) {
		if (iface == NULL)
			return;
		log_info("%s: gone", iface->ifname);
		frontend_imsg_compose_engine(IMSG_LINK_GONE, 0, 0, &if_index,
		    sizeof(if_index));
		frontend_imsg_compose_main(IMSG_LINK_GONE, 0, &if_index,
		    sizeof(if_index));
		iface_free(iface);
		return;
	}
	if (name == NULL || mac == NULL)
		return;
	if (ifi->ifi_type != 1 /* ARPHRD_ETHER */)
		return;
	if ((ic = iface_conf_find(frontend_conf, name)) == NULL) {
		/* Renamed away from a configured name. */
		if (iface != NULL) {
			frontend_imsg_compose_engine(IMSG_LINK_GONE, 0, 0,
			    &if_index, sizeof(if_index));
			frontend_imsg_compose_main(IMSG_LINK_GONE, 0,
			    &if_index, sizeof(if_index));
			iface_free(iface);
		}
		return;
	}

	running = (ifi->ifi_flags & (IFF_UP | IFF_RUNNING)) ==
	    (IFF_UP | IFF_RUNNING);
	changed = 0;
	if (iface == NULL) {
		if ((iface = calloc(1, sizeof(*iface))) == NULL)
			fatal(NULL);
		iface->if_index = if_index;
		iface->pkt_fd = iface->udp_fd = -1;
		LIST_INSERT_HEAD(&interfaces, iface, entries);
		changed = 1;
	}
	if (strcmp(iface->ifname, name) != 0 ||
	    memcmp(iface->mac, mac, ETHER_ADDR_LEN) != 0 ||
	    iface->running != running)
		changed = 1;
	snprintf(iface->ifname, sizeof(iface->ifname), "%s", name);
	memcpy(iface->mac, mac, ETHER_ADDR_LEN);
	iface->running = running;

	if (!iface->requested) {
		memset(&req, 0, sizeof(req));
		req.if_index = if_index;
		memcpy(req.ifname, iface->ifname, sizeof(req.ifname));
		frontend_imsg_compose_main(IMSG_OPEN_SOCKETS, 0, &req,
		    sizeof(req));
		iface->requested = 1;
	}
	if (changed) {
		memset(&link, 0, sizeof(link));
		link.if_index = if_index;
		memcpy(link.ifname, iface->ifname, sizeof(link.ifname));
		memcpy(link.mac, iface->mac, sizeof(link.mac));
		link.running = running;
		frontend_imsg_compose_engine(IMSG_LINK_STATE, 0, 0, &link,
		    sizeof(link));
	}
}

/* Frames the receive filter admitted: hand them to the engine. */
static void
packet_receive(int fd, short events, void *arg)
{
	struct fe_iface			*iface = arg;
	static struct imsg_frame	 f;
	struct tpacket_auxdata		*aux;
	struct cmsghdr			*cmsg;
	struct msghdr			 msg;
	struct iovec			 iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(*aux))];
	}				 cmsgbuf;
	static unsigned int		 dropped;
	ssize_t				 n;
	int				 i;

	(void)events;
	if (iev_engine == NULL)
		return;

	/* A bounded batch per wakeup keeps the other fds served. */
	for (i = 0; i < 64; i++) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = f.frame;
		iov.iov_len = sizeof(f.frame);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = &cmsgbuf;
		msg.msg_controllen = sizeof(cmsgbuf);
		n = recvmsg(fd, &msg, MSG_TRUNC);
		if (n == -1) {
			/* A link going down is reported by the route socket. */
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ENETDOWN)
				log_warn("%s: %s: recv", __func__,
				    iface->ifname);
			return;
		}
		if (n == 0)
			continue;
		if ((size_t)n > sizeof(f.frame)) {
			log_debug("%s: %s: dropped %zd byte frame", __func__,
			    iface->ifname, n);
			continue;
		}
		/*
		 * A flood must not grow our queue to the engine without
		 * bound: beyond this, frames are dropped here.
		 */
		if (imsgbuf_queuelen(&iev_engine->ibuf) > ENGINE_QUEUE_MAX) {
			dropped++;
			continue;
		}
		if (dropped > 0) {
			log_debug("%s: %s: dropped %u frames, engine busy",
			    __func__, iface->ifname, dropped);
			dropped = 0;
		}
		f.if_index = iface->if_index;
		f.len = n;
		f.flags = 0;
		/*
		 * A frame from this host (veth, a local server) may carry a
		 * UDP checksum the hardware was to fill in: the kernel says
		 * so, and the engine must not call it bad.
		 */
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
		    cmsg = CMSG_NXTHDR(&msg, cmsg)) {
			if (cmsg->cmsg_level != SOL_PACKET ||
			    cmsg->cmsg_type != PACKET_AUXDATA ||
			    cmsg->cmsg_len < CMSG_LEN(sizeof(*aux)))
				continue;
			aux = (struct tpacket_auxdata *)CMSG_DATA(cmsg);
			if (aux->tp_status & TP_STATUS_CSUMNOTREADY)
				f.flags |= FRAME_CSUM_PARTIAL;
		}
		frontend_imsg_compose_engine(IMSG_DHCP_FRAME, 0, 0, &f,
		    sizeof(f));
	}
}

static void
send_frame(const struct imsg_frame *f, int udp)
{
	struct fe_iface	*iface;
	int		 fd;

	if ((iface = get_iface_by_index(f->if_index)) == NULL)
		return;
	fd = udp ? iface->udp_fd : iface->pkt_fd;
	if (fd == -1) {
		log_debug("%s: %s: no %s socket", __func__, iface->ifname,
		    udp ? "UDP" : "packet");
		return;
	}
	/* The socket is bound and connected: send(2) has no address. */
	if (send(fd, f->frame, f->len, 0) == -1)
		log_warn("%s: %s: send", __func__, iface->ifname);
}
