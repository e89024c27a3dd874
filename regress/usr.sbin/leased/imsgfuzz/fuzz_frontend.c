/*
 * libFuzzer target: every imsg the frontend decodes, from the parent
 * (channel 0), from the engine (channel 1) and from up to four control
 * clients (channels 2 to 5), and the link messages of its routing
 * socket (channel 6, raw netlink), through the frontend's and the
 * control socket's own code (frontend.c and control.c are included).
 * Input format: fuzz.h.  Before the input's messages the frontend gets
 * its start-up (engine channel, control socket, configuration for eth0
 * and eth1), the kernel reports both links, the parent hands over
 * eth0's sockets and one client connects (FZ_NOSETUP skips this).
 *
 * Nothing a control client or the kernel sends may make the frontend
 * exit, and what it relays must pass its receivers' checks.
 */

#include <arpa/inet.h>

#include "imsg.h"
#include "fuzz.h"

#define imsgbuf_get(b, i)	fz_imsgbuf_get(b, i)
#define imsg_free(i)		fz_imsg_free(i)
#include "frontend.c"
#include "control.c"
#undef imsgbuf_get
#undef imsg_free

#define FF_CLIENTS	4
#define FF_CHAN_NL	(2 + FF_CLIENTS)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void		 ff_setup(int);
static void		 ff_teardown(void);
static int		 ff_dispatch(int, short);
static struct fz_chan	*ff_chan(int, int);
static void		 ff_pump(void);
static int		 ff_auto_fd(int, uint32_t);
static int		 ff_raw(int, const uint8_t *, size_t);
static int		 ff_relayed(uint32_t);
static void		 ff_route(const uint8_t *, size_t);
static void		 ff_preamble(void);
static size_t		 ff_newlink(uint8_t *, size_t, uint16_t, uint32_t,
			    const char *, const uint8_t *);
static void		 ff_seeds(const char *);

static struct fz_chan	 ch_main = { .fd = -1, .peer = -1 };
static struct fz_chan	 ch_eng = { .fd = -1, .peer = -1 };
static struct fz_chan	 ch_client[FF_CLIENTS];
static uint32_t		 client_id[FF_CLIENTS];
static int		 route_peer = -1;

static const struct fz_target target = {
	.proc = FZ_PROC_FRONTEND,
	.setup = ff_setup,
	.teardown = ff_teardown,
	.dispatch = ff_dispatch,
	.chan = ff_chan,
	.pump = ff_pump,
	.auto_fd = ff_auto_fd,
	.raw = ff_raw,
	.relayed = ff_relayed,
	.nchan = FF_CHAN_NL + 1
};

/* A control client of slot n: connected (and accepted) on demand. */
static struct ctl_conn *
ff_client(int n, int create)
{
	struct ctl_conn	*c;
	int		 fd;

	if (ch_client[n].peer != -1 &&
	    (c = control_connbyid(client_id[n])) != NULL)
		return (c);
	fz_chan_close(&ch_client[n]);
	if (!create || control_fd == -1 ||
	    (fd = fz_connect(control_fd)) == -1)
		return (NULL);
	fz_never_fatal = 1;
	fz_never_fatal_why = "a control client's connection";
	control_accept(control_fd, EV_READ, NULL);
	fz_never_fatal = 0;
	/* The newest connection has the id handed out last. */
	if ((c = control_connbyid(next_id - 1)) == NULL) {
		close(fd);
		return (NULL);
	}
	client_id[n] = c->id;
	fz_chan_adopt_peer(&ch_client[n], FZ_PROC_FRONTEND, FZ_PROC_CLIENT,
	    c->iev.ibuf.fd, fd);
	return (c);
}

/*
 * IMSG_PACKET_SOCKET's imsg_iface_ready goes on to the engine as the
 * parent wrote it: the engine checks it, the frontend need not.
 */
static int
ff_relayed(uint32_t type)
{
	return (type == IMSG_IFACE_READY);
}

static struct fz_chan *
ff_chan(int chan, int create)
{
	if (chan == 0)
		return (&ch_main);
	if (chan == 1)
		return (iev_engine != NULL && ch_eng.peer != -1 ?
		    &ch_eng : NULL);
	if (chan < FF_CHAN_NL)
		return (ff_client(chan - 2, create) != NULL ?
		    &ch_client[chan - 2] : NULL);
	return (NULL);
}

static int
ff_dispatch(int chan, short ev)
{
	struct ctl_conn	*c;
	int		 i;

	for (i = 0; i < 64; i++) {
		if (chan == 0) {
			frontend_dispatch_main(iev_main->ibuf.fd, ev,
			    iev_main);
			if (fz_pending(iev_main->ibuf.fd) == 0)
				break;
		} else if (chan == 1) {
			if (iev_engine == NULL)
				return (-1);
			frontend_dispatch_engine(iev_engine->ibuf.fd, ev,
			    iev_engine);
			if (fz_pending(iev_engine->ibuf.fd) == 0)
				break;
		} else if (chan < FF_CHAN_NL) {
			if ((c = ff_client(chan - 2, 0)) == NULL)
				return (-1);
			fz_never_fatal = 1;
			fz_never_fatal_why = "a control client";
			control_dispatch_imsg(c->iev.ibuf.fd, ev, &c->iev);
			fz_never_fatal = 0;
			/* The client may be gone now. */
			if ((c = control_connbyid(client_id[chan - 2])) ==
			    NULL || fz_pending(c->iev.ibuf.fd) == 0)
				break;
		} else
			return (-1);
	}
	return (0);
}

/* One datagram on the routing socket, and the frontend reads it. */
static void
ff_route(const uint8_t *p, size_t len)
{
	char	buf[256];

	if (len > 0)
		(void)send(route_peer, p, len, MSG_DONTWAIT);
	fz_never_fatal = 1;
	fz_never_fatal_why = "the kernel's link message";
	route_receive(route_fd, EV_READ, NULL);
	fz_never_fatal = 0;
	/* What the frontend asked the kernel: nobody answers. */
	while (recv(route_peer, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

/*
 * The routing socket's channel.  The kernel frames its messages right
 * (libmnl trusts nlmsg_len), so the harness does: the first byte picks
 * RTM_NEWLINK or RTM_DELLINK, the rest is what follows the header.
 */
static int
ff_raw(int chan, const uint8_t *p, size_t len)
{
	static uint8_t	 buf[8192];
	struct nlmsghdr	*nlh;

	if (chan != FF_CHAN_NL)
		return (-1);
	if (len == 0 || len - 1 > sizeof(buf) - MNL_NLMSG_HDRLEN)
		return (0);
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (p[0] & 1) ? RTM_DELLINK : RTM_NEWLINK;
	memcpy(mnl_nlmsg_get_payload(nlh), p + 1, len - 1);
	nlh->nlmsg_len += MNL_ALIGN(len - 1);
	ff_route(buf, nlh->nlmsg_len);
	return (0);
}

static void
ff_pump(void)
{
	struct ctl_conn	*c;
	int		 i, n;

	for (i = 0; i < 64 && imsgbuf_queuelen(&iev_main->ibuf) > 0; i++) {
		frontend_dispatch_main(iev_main->ibuf.fd, EV_WRITE, iev_main);
		fz_collect(&ch_main);
	}
	fz_collect(&ch_main);
	if (iev_engine != NULL) {
		for (i = 0; i < 64 &&
		    imsgbuf_queuelen(&iev_engine->ibuf) > 0; i++) {
			frontend_dispatch_engine(iev_engine->ibuf.fd,
			    EV_WRITE, iev_engine);
			fz_collect(&ch_eng);
		}
		fz_collect(&ch_eng);
	}
	for (n = 0; n < FF_CLIENTS; n++) {
		if (ch_client[n].peer == -1)
			continue;
		for (i = 0; i < 64; i++) {
			if ((c = control_connbyid(client_id[n])) == NULL ||
			    imsgbuf_queuelen(&c->iev.ibuf) == 0)
				break;
			fz_never_fatal = 1;
			fz_never_fatal_why = "a control client";
			control_dispatch_imsg(c->iev.ibuf.fd, EV_WRITE,
			    &c->iev);
			fz_never_fatal = 0;
			fz_collect(&ch_client[n]);
		}
		fz_collect(&ch_client[n]);
	}
}

static int
ff_auto_fd(int chan, uint32_t type)
{
	if (chan != 0)
		return (-1);
	switch (type) {
	case IMSG_SOCKET_IPC:
		if (ch_eng.peer == -1)
			return (fz_chan_open(&ch_eng, FZ_PROC_FRONTEND,
			    FZ_PROC_ENGINE, 0));
		return (fz_fd_make(FZ_CTL_FD_SOCK));
	case IMSG_CONTROLFD:
		return (fz_listener());
	case IMSG_PACKET_SOCKET:
		return (fz_fd_make(FZ_CTL_FD_SOCK));
	case IMSG_UDP_SOCKET:
		return (socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	}
	return (-1);
}

/* An RTM_NEWLINK (or DELLINK) for an Ethernet link, up and running. */
static size_t
ff_newlink(uint8_t *buf, size_t len, uint16_t type, uint32_t idx,
    const char *name, const uint8_t *mac)
{
	struct nlmsghdr		*nlh;
	struct ifinfomsg	*ifi;

	memset(buf, 0, len);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_type = 1;	/* ARPHRD_ETHER */
	ifi->ifi_index = (int)idx;
	ifi->ifi_flags = IFF_UP | IFF_RUNNING;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put(nlh, IFLA_ADDRESS, ETHER_ADDR_LEN, mac);
	return (nlh->nlmsg_len);
}

static void
ff_setup(int flags)
{
	int	sp[2], n;

	log_setverbose(fz_verbose);
	if ((frontend_conf = config_new_empty()) == NULL)
		abort();
	started = 0;
	next_id = 1;
	for (n = 0; n < FF_CLIENTS; n++)
		ch_client[n].peer = ch_client[n].fd = -1;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sp) == -1)
		abort();
	route_fd = sp[0];
	route_peer = sp[1];
	event_set(&route_ev, route_fd, EV_READ | EV_PERSIST, route_receive,
	    NULL);

	if ((iev_main = calloc(1, sizeof(*iev_main))) == NULL)
		abort();
	fz_chan_open(&ch_main, FZ_PROC_FRONTEND, FZ_PROC_PARENT, 1);
	if (imsgbuf_init(&iev_main->ibuf, ch_main.fd) == -1)
		abort();
	imsgbuf_allow_fdpass(&iev_main->ibuf);
	iev_main->handler = frontend_dispatch_main;
	iev_main->events = EV_READ;
	event_set(&iev_main->ev, iev_main->ibuf.fd, iev_main->events,
	    iev_main->handler, iev_main);
	event_add(&iev_main->ev, NULL);
	fz_parent_ib = &iev_main->ibuf;
	fz_dhcp_rule = 0;

	if (!(flags & FZ_NOSETUP))
		ff_preamble();
}

static void
ff_preamble(void)
{
	static const uint8_t		 mac0[] = FZ_MAC_ETH0;
	static const uint8_t		 mac1[] = FZ_MAC_ETH1;
	static struct imsg_iface_ready	 ready;
	struct leased_conf		 conf;
	struct iface_conf		 ic;
	struct imsg_udpsock		 us;
	uint8_t				 nl[512];
	size_t				 len;

	fz_send(&ch_main, IMSG_SOCKET_IPC, 0, 0,
	    ff_auto_fd(0, IMSG_SOCKET_IPC), NULL, 0);
	fz_send(&ch_main, IMSG_CONTROLFD, 0, 0,
	    ff_auto_fd(0, IMSG_CONTROLFD), NULL, 0);
	fz_conf_default(&conf);
	fz_send(&ch_main, IMSG_RECONF_CONF, 0, 0, -1, &conf, sizeof(conf));
	fz_iface_default(&ic, "eth0");
	fz_send(&ch_main, IMSG_RECONF_IFACE, 0, 0, -1, &ic, sizeof(ic));
	fz_iface_default(&ic, "eth1");
	fz_send(&ch_main, IMSG_RECONF_IFACE, 0, 0, -1, &ic, sizeof(ic));
	fz_send(&ch_main, IMSG_RECONF_END, 0, 0, -1, NULL, 0);
	fz_send(&ch_main, IMSG_STARTUP, 0, 0, -1, NULL, 0);
	ff_dispatch(0, EV_READ);
	if (iev_engine == NULL || control_fd == -1 || !started)
		abort();

	len = ff_newlink(nl, sizeof(nl), RTM_NEWLINK, 1, "eth0", mac0);
	ff_route(nl, len);
	len = ff_newlink(nl, sizeof(nl), RTM_NEWLINK, 2, "eth1", mac1);
	ff_route(nl, len);

	memset(&ready, 0, sizeof(ready));
	ready.if_index = 1;
	snprintf(ready.ifname, sizeof(ready.ifname), "eth0");
	memcpy(ready.mac, mac0, sizeof(ready.mac));
	fz_send(&ch_main, IMSG_PACKET_SOCKET, 0, 0,
	    ff_auto_fd(0, IMSG_PACKET_SOCKET), &ready, sizeof(ready));
	memset(&us, 0, sizeof(us));
	us.if_index = 1;
	inet_pton(AF_INET, "192.0.2.10", &us.addr);
	inet_pton(AF_INET, "192.0.2.1", &us.server);
	fz_send(&ch_main, IMSG_UDP_SOCKET, 0, 0,
	    ff_auto_fd(0, IMSG_UDP_SOCKET), &us, sizeof(us));
	ff_dispatch(0, EV_READ);
	ff_client(0, 1);
	ff_pump();
}

static void
ff_teardown(void)
{
	struct fe_iface	*iface;
	int		 n;

	control_cleanup();
	next_id = 1;
	while ((iface = LIST_FIRST(&interfaces)) != NULL)
		iface_free(iface);
	config_clear(frontend_conf);
	frontend_conf = NULL;
	started = 0;
	if (iev_engine != NULL) {
		event_del(&iev_engine->ev);
		imsgbuf_clear(&iev_engine->ibuf);
		close(iev_engine->ibuf.fd);
		free(iev_engine);
		iev_engine = NULL;
	}
	event_del(&iev_main->ev);
	imsgbuf_clear(&iev_main->ibuf);
	close(iev_main->ibuf.fd);
	free(iev_main);
	iev_main = NULL;
	event_del(&route_ev);
	close(route_fd);
	route_fd = -1;
	close(route_peer);
	route_peer = -1;
	fz_chan_close(&ch_main);
	fz_chan_close(&ch_eng);
	for (n = 0; n < FF_CLIENTS; n++)
		fz_chan_close(&ch_client[n]);
	fz_parent_ib = NULL;
	log_setverbose(0);
}

/* One valid message of every type the frontend takes, and a few runs. */
static void
ff_seeds(const char *dir)
{
	static const uint8_t		 mac1[] = FZ_MAC_ETH1;
	static struct imsg_iface_ready	 ready;
	static struct imsg_frame	 f;
	static struct ctl_iface_info	 info;
	static struct leased_conf	 conf;
	static struct iface_conf	 ic;
	struct imsg_udpsock		 us;
	char				 ifname[IF_NAMESIZE];
	uint8_t				 nl[512];
	uint32_t			 idx;
	size_t				 len;
	int				 v;

	/* From the parent. */
	fz_seed_begin(FZ_NOSETUP);
	fz_seed_rec(0, IMSG_SOCKET_IPC, 0, 0, NULL, 0);
	fz_seed_rec(0, IMSG_CONTROLFD, 0, 0, NULL, 0);
	fz_seed_rec(0, IMSG_STARTUP, 0, 0, NULL, 0);
	fz_seed_write(dir, "main-startup");
	fz_seed_begin(0);
	fz_conf_default(&conf);
	fz_seed_rec(0, IMSG_RECONF_CONF, 0, 0, &conf, sizeof(conf));
	fz_iface_default(&ic, "eth1");
	fz_seed_rec(0, IMSG_RECONF_IFACE, 0, 0, &ic, sizeof(ic));
	fz_seed_rec(0, IMSG_RECONF_END, 0, 0, NULL, 0);
	fz_seed_write(dir, "main-reconf");
	fz_seed_begin(0);
	memset(&ready, 0, sizeof(ready));
	ready.if_index = 2;
	snprintf(ready.ifname, sizeof(ready.ifname), "eth1");
	memcpy(ready.mac, mac1, sizeof(ready.mac));
	fz_seed_rec(0, IMSG_PACKET_SOCKET, 0, 0, &ready, sizeof(ready));
	fz_seed_write(dir, "main-packet-socket");
	fz_seed_begin(0);
	memset(&us, 0, sizeof(us));
	us.if_index = 1;
	inet_pton(AF_INET, "192.0.2.12", &us.addr);
	inet_pton(AF_INET, "192.0.2.1", &us.server);
	fz_seed_rec(0, IMSG_UDP_SOCKET, 0, 0, &us, sizeof(us));
	fz_seed_write(dir, "main-udp-socket");
	fz_seed_begin(0);
	fz_seed_rec(0, IMSG_CTL_END, 0, 1, NULL, 0);
	fz_seed_write(dir, "main-ctl-end");

	/* From the engine. */
	memset(&f, 0, sizeof(f));
	f.if_index = 1;
	f.len = 342;
	memset(f.frame, 0xff, 6);
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_SEND_FRAME, 0, 0, &f, sizeof(f));
	fz_seed_write(dir, "eng-send-frame");
	fz_seed_begin(0);
	f.len = 300;
	fz_seed_rec(1, IMSG_SEND_UDP, 0, 0, &f, sizeof(f));
	fz_seed_write(dir, "eng-send-udp");
	fz_seed_begin(0);
	idx = 1;
	fz_seed_rec(1, IMSG_CLOSE_UDP_SOCKET, 0, 0, &idx, sizeof(idx));
	fz_seed_rec(1, IMSG_SEND_UDP, 0, 0, &f, sizeof(f));
	fz_seed_write(dir, "eng-close-udp");
	fz_seed_begin(0);
	memset(&info, 0, sizeof(info));
	info.if_index = 1;
	snprintf(info.ifname, sizeof(info.ifname), "eth0");
	snprintf(info.state, sizeof(info.state), "Bound");
	fz_seed_rec(1, IMSG_CTL_INTERFACE_INFO, 0, 1, &info, sizeof(info));
	fz_seed_rec(1, IMSG_CTL_END, 0, 1, NULL, 0);
	fz_seed_write(dir, "eng-ctl-info-end");

	/* From control clients. */
	fz_seed_begin(0);
	fz_seed_rec(2, IMSG_CTL_RELOAD, 0, 0, NULL, 0);
	fz_seed_write(dir, "client-reload");
	fz_seed_begin(0);
	v = 1;
	fz_seed_rec(3, IMSG_CTL_LOG_VERBOSE, 0, 0, &v, sizeof(v));
	fz_seed_write(dir, "client-log-verbose");
	fz_seed_begin(0);
	idx = 0;
	fz_seed_rec(2, IMSG_CTL_SHOW_INTERFACE_INFO, 0, 0, &idx, sizeof(idx));
	fz_seed_rec(1, IMSG_CTL_INTERFACE_INFO, 0, 1, &info, sizeof(info));
	fz_seed_rec(1, IMSG_CTL_END, 0, 1, NULL, 0);
	fz_seed_write(dir, "client-show");
	fz_seed_begin(0);
	idx = 1;
	fz_seed_rec(4, IMSG_CTL_SEND_REQUEST, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "client-send-request");
	fz_seed_begin(0);
	fz_seed_rec(5, IMSG_CTL_RELEASE, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "client-release");
	fz_seed_begin(0);
	memset(ifname, 0, sizeof(ifname));
	snprintf(ifname, sizeof(ifname), "eth7");
	fz_seed_rec(2, IMSG_CTL_MANAGE, 0, 0, ifname, sizeof(ifname));
	fz_seed_rec(0, IMSG_CTL_END, 0, 1, NULL, 0);
	fz_seed_write(dir, "client-manage");
	fz_seed_begin(0);
	fz_seed_rec(2, IMSG_CTL_RELOAD, 0, 0, "x", 1);
	fz_seed_rec(2, IMSG_CTL_RELOAD, 0, 0, NULL, 0);
	fz_seed_write(dir, "client-bad-then-new");

	/* From the kernel. */
	fz_seed_begin(0);
	/* The type byte replaces the last of the 16 byte header. */
	len = ff_newlink(nl, sizeof(nl), RTM_NEWLINK, 4, "eth1", mac1);
	nl[MNL_NLMSG_HDRLEN - 1] = 0;
	fz_seed_rec(FF_CHAN_NL, 0, 0, 0, nl + MNL_NLMSG_HDRLEN - 1,
	    len - MNL_NLMSG_HDRLEN + 1);
	len = ff_newlink(nl, sizeof(nl), RTM_DELLINK, 1, "eth0", mac1);
	nl[MNL_NLMSG_HDRLEN - 1] = 1;
	fz_seed_rec(FF_CHAN_NL, 0, 0, 0, nl + MNL_NLMSG_HDRLEN - 1,
	    len - MNL_NLMSG_HDRLEN + 1);
	fz_seed_write(dir, "kernel-links");

	/* Raw streams. */
	fz_seed_begin(FZ_RAW);
	fz_seed_bytes("\2\1", 2);
	idx = 0;
	fz_seed_imsg(IMSG_CTL_SHOW_INTERFACE_INFO, 0, &idx, sizeof(idx));
	fz_seed_imsg(IMSG_CTL_RELOAD, 0, NULL, 0);
	fz_seed_write(dir, "raw-client");
	fz_seed_begin(FZ_RAW | FZ_EOF);
	fz_seed_bytes("\1\0", 2);
	fz_seed_imsg(IMSG_CTL_END, 1, NULL, 0);
	fz_seed_write(dir, "raw-eng-eof");
	fz_seed_begin(FZ_RAW);
	fz_seed_bytes("\0\0", 2);
	fz_seed_imsg(IMSG_CTL_END, 1, NULL, 0);
	fz_seed_write(dir, "raw-main");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir;

	(void)argc;
	(void)argv;
	fz_init();
	if ((dir = getenv("FUZZ_MKSEEDS")) != NULL) {
		ff_seeds(dir);
		exit(0);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (fz_run(&target, data, size));
}
