/*
 * libFuzzer target: every imsg the engine decodes, from the parent
 * (channel 0) and from the frontend (channel 1), through the engine's
 * own dispatchers (engine.c is included, so its statics are ours).
 * Input format: fuzz.h.  Before the input's messages the engine gets
 * what the parent and the frontend send at start-up: the frontend
 * channel, a configuration for eth0 and eth1, and both links up and
 * ready, eth1 with a stored lease (FZ_NOSETUP skips this).
 *
 * Everything the engine sends must pass its receiver's checks, and no
 * DHCP frame of the right size may make it exit.
 */

#include "imsg.h"
#include "fuzz.h"

#define imsgbuf_get(b, i)	fz_imsgbuf_get(b, i)
#define imsg_free(i)		fz_imsg_free(i)
#include "engine.c"
#undef imsgbuf_get
#undef imsg_free

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void		 fe_setup(int);
static void		 fe_teardown(void);
static int		 fe_dispatch(int, short);
static struct fz_chan	*fe_chan(int, int);
static void		 fe_pump(void);
static int		 fe_auto_fd(int, uint32_t);
static void		 fe_preamble(void);
static void		 fe_seeds(const char *);
static void		 fe_msgtype(struct imsg_frame *, uint8_t);

static struct fz_chan	 ch_main = { .fd = -1, .peer = -1 };
static struct fz_chan	 ch_fe = { .fd = -1, .peer = -1 };

static const struct fz_target target = {
	.proc = FZ_PROC_ENGINE,
	.setup = fe_setup,
	.teardown = fe_teardown,
	.dispatch = fe_dispatch,
	.chan = fe_chan,
	.pump = fe_pump,
	.auto_fd = fe_auto_fd,
	.nchan = 2
};

static struct fz_chan *
fe_chan(int chan, int create)
{
	(void)create;
	if (chan == 0)
		return (&ch_main);
	if (iev_frontend != NULL && ch_fe.peer != -1)
		return (&ch_fe);
	return (NULL);
}

/* As the event loop would: again while there is something to read. */
static int
fe_dispatch(int chan, short ev)
{
	int	i;

	for (i = 0; i < 64; i++) {
		if (chan == 0) {
			engine_dispatch_main(iev_main->ibuf.fd, ev, iev_main);
			if (iev_main == NULL ||
			    fz_pending(iev_main->ibuf.fd) == 0)
				break;
		} else if (iev_frontend != NULL) {
			engine_dispatch_frontend(iev_frontend->ibuf.fd, ev,
			    iev_frontend);
			if (fz_pending(iev_frontend->ibuf.fd) == 0)
				break;
		} else
			return (-1);
	}
	return (0);
}

/* Write what the engine queued, and check it as its receiver would. */
static void
fe_pump(void)
{
	int	i;

	for (i = 0; i < 64 && imsgbuf_queuelen(&iev_main->ibuf) > 0; i++) {
		engine_dispatch_main(iev_main->ibuf.fd, EV_WRITE, iev_main);
		fz_collect(&ch_main);
	}
	fz_collect(&ch_main);
	if (iev_frontend == NULL)
		return;
	for (i = 0; i < 64 && imsgbuf_queuelen(&iev_frontend->ibuf) > 0;
	    i++) {
		engine_dispatch_frontend(iev_frontend->ibuf.fd, EV_WRITE,
		    iev_frontend);
		fz_collect(&ch_fe);
	}
	fz_collect(&ch_fe);
}

static int
fe_auto_fd(int chan, uint32_t type)
{
	if (chan != 0 || type != IMSG_SOCKET_IPC)
		return (-1);
	if (ch_fe.peer == -1)
		return (fz_chan_open(&ch_fe, FZ_PROC_ENGINE, FZ_PROC_FRONTEND,
		    0));
	return (fz_fd_make(FZ_CTL_FD_SOCK));
}

static void
fe_setup(int flags)
{
	log_setverbose(fz_verbose);
	if ((engine_conf = config_new_empty()) == NULL)
		abort();
	engine_configured = 0;

	if ((iev_main = calloc(1, sizeof(*iev_main))) == NULL)
		abort();
	fz_chan_open(&ch_main, FZ_PROC_ENGINE, FZ_PROC_PARENT, 1);
	if (imsgbuf_init(&iev_main->ibuf, ch_main.fd) == -1)
		abort();
	imsgbuf_allow_fdpass(&iev_main->ibuf);
	iev_main->handler = engine_dispatch_main;
	iev_main->events = EV_READ;
	event_set(&iev_main->ev, iev_main->ibuf.fd, iev_main->events,
	    iev_main->handler, iev_main);
	event_add(&iev_main->ev, NULL);
	fz_parent_ib = &iev_main->ibuf;
	fz_dhcp_rule = 1;

	if (!(flags & FZ_NOSETUP))
		fe_preamble();
}

/* What the parent and the frontend send when all is well. */
static void
fe_preamble(void)
{
	static const uint8_t		 mac0[] = FZ_MAC_ETH0;
	static const uint8_t		 mac1[] = FZ_MAC_ETH1;
	struct leased_conf		 conf;
	struct iface_conf		 ic;
	struct imsg_link		 link;
	static struct imsg_iface_ready	 ready;
	int				 fd;

	fd = fz_chan_open(&ch_fe, FZ_PROC_ENGINE, FZ_PROC_FRONTEND, 0);
	fz_send(&ch_main, IMSG_SOCKET_IPC, 0, 0, fd, NULL, 0);
	fz_conf_default(&conf);
	fz_send(&ch_main, IMSG_RECONF_CONF, 0, 0, -1, &conf, sizeof(conf));
	fz_iface_default(&ic, "eth0");
	fz_send(&ch_main, IMSG_RECONF_IFACE, 0, 0, -1, &ic, sizeof(ic));
	fz_iface_default(&ic, "eth1");
	ic.rapid_commit = 1;
	fz_send(&ch_main, IMSG_RECONF_IFACE, 0, 0, -1, &ic, sizeof(ic));
	fz_send(&ch_main, IMSG_RECONF_END, 0, 0, -1, NULL, 0);
	fz_send(&ch_main, IMSG_STARTUP, 0, 0, -1, NULL, 0);
	fe_dispatch(0, EV_READ);
	if (iev_frontend == NULL)
		abort();

	memset(&link, 0, sizeof(link));
	link.if_index = 1;
	snprintf(link.ifname, sizeof(link.ifname), "eth0");
	memcpy(link.mac, mac0, sizeof(link.mac));
	link.running = 1;
	fz_send(&ch_fe, IMSG_LINK_STATE, 0, 0, -1, &link, sizeof(link));
	memset(&ready, 0, sizeof(ready));
	ready.if_index = 1;
	snprintf(ready.ifname, sizeof(ready.ifname), "eth0");
	memcpy(ready.mac, mac0, sizeof(ready.mac));
	fz_send(&ch_fe, IMSG_IFACE_READY, 0, 0, -1, &ready, sizeof(ready));

	link.if_index = 2;
	snprintf(link.ifname, sizeof(link.ifname), "eth1");
	memcpy(link.mac, mac1, sizeof(link.mac));
	fz_send(&ch_fe, IMSG_LINK_STATE, 0, 0, -1, &link, sizeof(link));
	ready.if_index = 2;
	snprintf(ready.ifname, sizeof(ready.ifname), "eth1");
	memcpy(ready.mac, mac1, sizeof(ready.mac));
	ready.have_lease = 1;
	fz_stored_lease(&ready.lease, "eth1", mac1, time(NULL));
	fz_send(&ch_fe, IMSG_IFACE_READY, 0, 0, -1, &ready, sizeof(ready));
	fe_dispatch(1, EV_READ);
	fe_pump();
}

static void
fe_teardown(void)
{
	struct iface	*iface;

	while ((iface = LIST_FIRST(&interfaces)) != NULL) {
		LIST_REMOVE(iface, entries);
		evtimer_del(&iface->timer);
		free(iface);
	}
	config_clear(engine_conf);
	engine_conf = NULL;
	engine_configured = 0;
	if (iev_frontend != NULL) {
		event_del(&iev_frontend->ev);
		imsgbuf_clear(&iev_frontend->ibuf);
		close(iev_frontend->ibuf.fd);
		free(iev_frontend);
		iev_frontend = NULL;
	}
	event_del(&iev_main->ev);
	imsgbuf_clear(&iev_main->ibuf);
	close(iev_main->ibuf.fd);
	free(iev_main);
	iev_main = NULL;
	fz_chan_close(&ch_main);
	fz_chan_close(&ch_fe);
	fz_parent_ib = NULL;
	log_setverbose(0);
}

/*
 * Turn a server's frame into another message type (option 53).  The
 * UDP checksum is then wrong: the frame says it is partial, as the
 * kernel does for a local sender, and the engine zeroes it.
 */
static void
fe_msgtype(struct imsg_frame *f, uint8_t type)
{
	size_t	i = DHCP_ETHER_LEN + DHCP_IP_LEN + 8 + 240;

	while (i + 2 < f->len && f->frame[i] != 255) {
		if (f->frame[i] == 0) {
			i++;
			continue;
		}
		if (f->frame[i] == 53)
			f->frame[i + 2] = type;
		i += 2 + f->frame[i + 1];
	}
	f->flags |= FRAME_CSUM_PARTIAL;
}

/* One valid message of every type the engine takes, and a few runs. */
static void
fe_seeds(const char *dir)
{
	static const uint8_t		 mac0[] = FZ_MAC_ETH0;
	static const uint8_t		 mac1[] = FZ_MAC_ETH1;
	static struct imsg_frame	 offer, ack, nak, fullack;
	static struct imsg_iface_ready	 ready;
	static struct leased_conf	 conf;
	static struct iface_conf	 ic;
	struct imsg_link		 link;
	const char			*dc = "regress/usr.sbin/leased/dhcp/"
					    "fuzz_dhcp.corpus";
	char				 path[256];
	uint32_t			 idx;
	int				 v;

	memset(&offer, 0, sizeof(offer));
	offer.if_index = 1;
	snprintf(path, sizeof(path), "%s/frame-offer", dc);
	offer.len = fz_seed_file(path, offer.frame, sizeof(offer.frame));
	ack = offer;
	snprintf(path, sizeof(path), "%s/frame-ack", dc);
	ack.len = fz_seed_file(path, ack.frame, sizeof(ack.frame));
	fullack = offer;
	fe_msgtype(&fullack, DHCPACK);
	nak = offer;
	snprintf(path, sizeof(path), "%s/frame-nak", dc);
	nak.len = fz_seed_file(path, nak.frame, sizeof(nak.frame));

	/* From the parent. */
	fz_seed_begin(FZ_NOSETUP);
	fz_seed_rec(0, IMSG_SOCKET_IPC, FZ_CTL_FD_AUTO, 0, NULL, 0);
	fz_seed_write(dir, "main-socket-ipc");
	fz_seed_begin(0);
	fz_conf_default(&conf);
	fz_seed_rec(0, IMSG_RECONF_CONF, 0, 0, &conf, sizeof(conf));
	fz_iface_default(&ic, "eth0");
	ic.prefer_ipv6 = 1;
	ic.client_id_len = 7;
	memcpy(ic.client_id, "\x01\x02\x00\x5e\x10\x20\x30", 7);
	fz_seed_rec(0, IMSG_RECONF_IFACE, 0, 0, &ic, sizeof(ic));
	fz_seed_rec(0, IMSG_RECONF_END, 0, 0, NULL, 0);
	fz_seed_write(dir, "main-reconf");
	fz_seed_begin(0);
	fz_seed_rec(0, IMSG_RELEASE_ALL, 0, 0, NULL, 0);
	fz_seed_write(dir, "main-release-all");
	fz_seed_begin(FZ_NOSETUP);
	fz_seed_rec(0, IMSG_SOCKET_IPC, FZ_CTL_FD_AUTO, 0, NULL, 0);
	fz_seed_rec(0, IMSG_STARTUP, 0, 0, NULL, 0);
	fz_seed_write(dir, "main-startup");

	/* From the frontend. */
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &offer, sizeof(offer));
	fz_seed_write(dir, "fe-dhcp-offer");
	fz_seed_begin(FZ_VERBOSE);
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &offer, sizeof(offer));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &fullack, sizeof(fullack));
	fz_seed_rec(1, IMSG_CTL_SHOW_INTERFACE_INFO, 0, 1, "\0\0\0\0", 4);
	fz_seed_rec(1, IMSG_UDP_SOCKET, 0, 0, "\1\0\0\0", 4);
	idx = 1;
	fz_seed_rec(1, IMSG_CTL_SEND_REQUEST, 0, 0, &idx, sizeof(idx));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &fullack, sizeof(fullack));
	fz_seed_rec(1, IMSG_CTL_RELEASE, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-dhcp-bind-release");
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &offer, sizeof(offer));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &nak, sizeof(nak));
	fz_seed_write(dir, "fe-dhcp-nak");
	nak.if_index = 2;
	ack.if_index = 2;
	fullack.if_index = 2;
	/* For eth1's stored lease: its chaddr and address. */
	memcpy(fullack.frame + DHCP_ETHER_LEN + DHCP_IP_LEN + 8 + 28, mac1,
	    sizeof(mac1));
	fullack.frame[DHCP_ETHER_LEN + DHCP_IP_LEN + 8 + 19] = 11;
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &fullack, sizeof(fullack));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &ack, sizeof(ack));
	fz_seed_write(dir, "fe-dhcp-reboot-ack");
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &nak, sizeof(nak));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &ack, sizeof(ack));
	fz_seed_write(dir, "fe-dhcp-reboot-nak");
	fz_seed_begin(0);
	memset(&link, 0, sizeof(link));
	link.if_index = 1;
	snprintf(link.ifname, sizeof(link.ifname), "eth0");
	memcpy(link.mac, mac0, sizeof(link.mac));
	fz_seed_rec(1, IMSG_LINK_STATE, 0, 0, &link, sizeof(link));
	link.running = 1;
	fz_seed_rec(1, IMSG_LINK_STATE, 0, 0, &link, sizeof(link));
	fz_seed_write(dir, "fe-link-state");
	fz_seed_begin(0);
	idx = 2;
	fz_seed_rec(1, IMSG_LINK_GONE, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-link-gone");
	fz_seed_begin(FZ_NOSETUP);
	fz_seed_rec(0, IMSG_SOCKET_IPC, FZ_CTL_FD_AUTO, 0, NULL, 0);
	memset(&ready, 0, sizeof(ready));
	ready.if_index = 7;
	snprintf(ready.ifname, sizeof(ready.ifname), "eth1");
	memcpy(ready.mac, mac1, sizeof(ready.mac));
	ready.have_lease = 1;
	fz_stored_lease(&ready.lease, "eth1", mac1, time(NULL));
	/* A seed must not expire. */
	ready.lease.lease_time = LEASE_INFINITE;
	ready.lease.renewal = ready.lease.rebinding = LEASE_INFINITE;
	fz_seed_rec(1, IMSG_IFACE_READY, 0, 0, &ready, sizeof(ready));
	fz_seed_write(dir, "fe-iface-ready");
	fz_seed_begin(0);
	idx = 2;
	fz_seed_rec(1, IMSG_UDP_SOCKET, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-udp-socket");
	fz_seed_begin(0);
	v = 3;
	fz_seed_rec(1, IMSG_CTL_LOG_VERBOSE, 0, 0, &v, sizeof(v));
	fz_seed_rec(1, IMSG_DHCP_FRAME, 0, 0, &offer, sizeof(offer));
	fz_seed_write(dir, "fe-ctl-log-verbose");
	fz_seed_begin(0);
	idx = 0;
	fz_seed_rec(1, IMSG_CTL_SHOW_INTERFACE_INFO, 0, 5, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-ctl-show");
	fz_seed_begin(0);
	idx = 2;
	fz_seed_rec(1, IMSG_CTL_SEND_REQUEST, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-ctl-send-request");
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_CTL_RELEASE, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-ctl-release");

	/* Raw streams: framing on both channels. */
	fz_seed_begin(FZ_RAW);
	fz_seed_bytes("\1\3", 2);	/* frontend, 3 * 61 byte chunks */
	fz_seed_imsg(IMSG_DHCP_FRAME, 0, &offer, sizeof(offer));
	idx = 0;
	fz_seed_imsg(IMSG_CTL_SHOW_INTERFACE_INFO, 9, &idx, sizeof(idx));
	fz_seed_write(dir, "raw-fe");
	fz_seed_begin(FZ_RAW | FZ_EOF);
	fz_seed_bytes("\0\0", 2);
	fz_seed_imsg(IMSG_RELEASE_ALL, 0, NULL, 0);
	fz_seed_write(dir, "raw-main-eof");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir;

	(void)argc;
	(void)argv;
	fz_init();
	if ((dir = getenv("FUZZ_MKSEEDS")) != NULL) {
		fe_seeds(dir);
		exit(0);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (fz_run(&target, data, size));
}
