/*
 * libFuzzer target: every imsg the parent decodes, from the frontend
 * (channel 0) and from the engine (channel 1), through the parent's own
 * dispatchers and handlers (leased.c is included; its main() is renamed
 * away).  Input format: fuzz.h.  The configuration names eth0, eth1
 * and eth2 (as on the command line, no file); before the input's
 * messages the frontend asks for eth0's and eth1's sockets (FZ_NOSETUP
 * skips this), and eth1 has a stored lease.
 *
 * What the parent asks of the kernel is checked by stubs.c; what it
 * sends its children must pass their checks.
 */

#include "imsg.h"
#include "fuzz.h"

int	leased_main(int, char *[]);

#define main			leased_main
#define imsgbuf_get(b, i)	fz_imsgbuf_get(b, i)
#define imsg_free(i)		fz_imsg_free(i)
#include "leased.c"
#undef main
#undef imsgbuf_get
#undef imsg_free

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void		 fp_setup(int);
static void		 fp_teardown(void);
static int		 fp_dispatch(int, short);
static struct fz_chan	*fp_chan(int, int);
static void		 fp_pump(void);
static void		 fp_known(int, uint32_t, uint8_t *, size_t);
static void		 fp_seeds(const char *);

static struct fz_chan	 ch_fe = { .fd = -1, .peer = -1 };
static struct fz_chan	 ch_eng = { .fd = -1, .peer = -1 };
static char		*fp_ifaces[] = { "eth0", "eth1", "eth2", NULL };

static const struct fz_target target = {
	.proc = FZ_PROC_PARENT,
	.setup = fp_setup,
	.teardown = fp_teardown,
	.dispatch = fp_dispatch,
	.chan = fp_chan,
	.pump = fp_pump,
	.known = fp_known,
	.nchan = 2
};

static struct fz_chan *
fp_chan(int chan, int create)
{
	(void)create;
	return (chan == 0 ? &ch_fe : &ch_eng);
}

static int
fp_dispatch(int chan, short ev)
{
	struct imsgev	*iev = chan == 0 ? iev_frontend : iev_engine;
	int		 i;

	for (i = 0; i < 64; i++) {
		iev->handler(iev->ibuf.fd, ev, iev);
		if (fz_pending(iev->ibuf.fd) == 0)
			break;
	}
	return (0);
}

static void
fp_pump(void)
{
	int	i;

	for (i = 0; i < 64 && imsgbuf_queuelen(&iev_frontend->ibuf) > 0;
	    i++) {
		main_dispatch_frontend(iev_frontend->ibuf.fd, EV_WRITE,
		    iev_frontend);
		fz_collect(&ch_fe);
	}
	fz_collect(&ch_fe);
	for (i = 0; i < 64 && imsgbuf_queuelen(&iev_engine->ibuf) > 0; i++) {
		main_dispatch_engine(iev_engine->ibuf.fd, EV_WRITE,
		    iev_engine);
		fz_collect(&ch_eng);
	}
	fz_collect(&ch_eng);
}

/*
 * Known: validate_lease() takes a lease acquired up to 2^40 s, but a
 * lease file only holds 32 bits of it, so lease_load() would call the
 * file the parent just wrote corrupt.  Keep acquired within 32 bits to
 * look for anything else.
 */
static void
fp_known(int chan, uint32_t type, uint8_t *p, size_t len)
{
	struct lease	l;

	if (chan != 1 || type != IMSG_CONFIGURE || len != sizeof(l))
		return;
	memcpy(&l, p, sizeof(l));
	if (l.acquired > (int64_t)UINT32_MAX) {
		l.acquired &= UINT32_MAX;
		memcpy(p, &l, sizeof(l));
	}
}

static struct imsgev *
fp_iev(struct fz_chan *c, int from, void (*handler)(int, short, void *))
{
	struct imsgev	*iev;

	if ((iev = calloc(1, sizeof(*iev))) == NULL)
		abort();
	fz_chan_open(c, FZ_PROC_PARENT, from, 1);
	if (imsgbuf_init(&iev->ibuf, c->fd) == -1)
		abort();
	imsgbuf_allow_fdpass(&iev->ibuf);
	iev->handler = handler;
	iev->events = EV_READ;
	event_set(&iev->ev, iev->ibuf.fd, iev->events, iev->handler, iev);
	event_add(&iev->ev, NULL);
	return (iev);
}

static void
fp_setup(int flags)
{
	struct imsg_ifreq	req;

	log_setverbose(fz_verbose);
	fz_parent_ib = NULL;
	fz_dhcp_rule = 0;
	/* No file: the interfaces come from the "command line". */
	conffile = "/nonexistent/leased.conf";
	conffile_given = 0;
	cmdline_ifaces = fp_ifaces;
	ncmdline_ifaces = 3;
	if ((main_conf = main_load_config()) == NULL)
		abort();
	iev_frontend = fp_iev(&ch_fe, FZ_PROC_FRONTEND,
	    main_dispatch_frontend);
	iev_engine = fp_iev(&ch_eng, FZ_PROC_ENGINE, main_dispatch_engine);

	if (flags & FZ_NOSETUP)
		return;
	memset(&req, 0, sizeof(req));
	req.if_index = 1;
	snprintf(req.ifname, sizeof(req.ifname), "eth0");
	fz_send(&ch_fe, IMSG_OPEN_SOCKETS, 0, 0, -1, &req, sizeof(req));
	req.if_index = 2;
	snprintf(req.ifname, sizeof(req.ifname), "eth1");
	fz_send(&ch_fe, IMSG_OPEN_SOCKETS, 0, 0, -1, &req, sizeof(req));
	fp_dispatch(0, EV_READ);
	fp_pump();
	if (LIST_EMPTY(&main_ifaces)) {
		fprintf(stderr, "fuzz: no interface opened (is this root, "
		    "for a packet socket?)\n");
		abort();
	}
}

static void
fp_teardown(void)
{
	struct main_iface	*mi;
	struct iface_conf	*ic;

	while ((mi = LIST_FIRST(&main_ifaces)) != NULL)
		main_iface_free(mi, 0);
	config_clear(main_conf);
	main_conf = NULL;
	while ((ic = SIMPLEQ_FIRST(&added_ifaces)) != NULL) {
		SIMPLEQ_REMOVE_HEAD(&added_ifaces, entry);
		free(ic);
	}
	event_del(&iev_frontend->ev);
	imsgbuf_clear(&iev_frontend->ibuf);
	close(iev_frontend->ibuf.fd);
	free(iev_frontend);
	iev_frontend = NULL;
	event_del(&iev_engine->ev);
	imsgbuf_clear(&iev_engine->ibuf);
	close(iev_engine->ibuf.fd);
	free(iev_engine);
	iev_engine = NULL;
	fz_chan_close(&ch_fe);
	fz_chan_close(&ch_eng);
	log_setverbose(0);
}

/* One valid message of every type the parent takes, and a few runs. */
static void
fp_seeds(const char *dir)
{
	static const uint8_t	 mac0[] = FZ_MAC_ETH0;
	static const uint8_t	 mac1[] = FZ_MAC_ETH1;
	static struct lease	 l;
	struct imsg_ifreq	 req;
	struct imsg_deconf	 d;
	char			 ifname[IF_NAMESIZE];
	uint32_t		 idx;
	int			 v;

	/* From the frontend. */
	fz_seed_begin(FZ_NOSETUP);
	memset(&req, 0, sizeof(req));
	req.if_index = 1;
	snprintf(req.ifname, sizeof(req.ifname), "eth0");
	fz_seed_rec(0, IMSG_OPEN_SOCKETS, 0, 0, &req, sizeof(req));
	req.if_index = 3;
	snprintf(req.ifname, sizeof(req.ifname), "eth2");
	fz_seed_rec(0, IMSG_OPEN_SOCKETS, 0, 0, &req, sizeof(req));
	fz_seed_write(dir, "fe-open-sockets");
	fz_seed_begin(0);
	idx = 2;
	fz_seed_rec(0, IMSG_LINK_GONE, 0, 0, &idx, sizeof(idx));
	fz_seed_write(dir, "fe-link-gone");
	fz_seed_begin(0);
	fz_seed_rec(0, IMSG_CTL_RELOAD, 0, 1, NULL, 0);
	fz_seed_write(dir, "fe-ctl-reload");
	fz_seed_begin(0);
	v = 2;
	fz_seed_rec(0, IMSG_CTL_LOG_VERBOSE, 0, 1, &v, sizeof(v));
	fz_seed_write(dir, "fe-ctl-log-verbose");
	fz_seed_begin(0);
	memset(ifname, 0, sizeof(ifname));
	snprintf(ifname, sizeof(ifname), "eth7");
	fz_seed_rec(0, IMSG_CTL_MANAGE, 0, 1, ifname, sizeof(ifname));
	fz_seed_rec(0, IMSG_CTL_RELOAD, 0, 1, NULL, 0);
	fz_seed_write(dir, "fe-ctl-manage");

	/* From the engine. */
	fz_stored_lease(&l, "eth0", mac0, time(NULL));
	inet_pton(AF_INET, "192.0.2.10", &l.address);
	l.mtu = 1400;
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_CONFIGURE, 0, 0, &l, sizeof(l));
	fz_seed_write(dir, "eng-configure");
	l.nroutes = 2;
	inet_pton(AF_INET, "198.51.100.0", &l.routes[0].dst);
	inet_pton(AF_INET, "192.0.2.2", &l.routes[0].gw);
	l.routes[0].prefixlen = 24;
	inet_pton(AF_INET, "203.0.113.0", &l.routes[1].dst);
	l.routes[1].prefixlen = 24;
	l.nsearch = 1;
	snprintf(l.search[0], sizeof(l.search[0]), "example.net");
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_CONFIGURE, 0, 0, &l, sizeof(l));
	inet_pton(AF_INET, "192.0.2.12", &l.address);
	fz_seed_rec(1, IMSG_CONFIGURE, 0, 0, &l, sizeof(l));
	memset(&d, 0, sizeof(d));
	d.if_index = 1;
	d.addr = l.address;
	d.prefixlen = 24;
	fz_seed_rec(1, IMSG_DECONFIGURE, 0, 0, &d, sizeof(d));
	fz_seed_write(dir, "eng-configure-routes-deconfigure");
	fz_seed_begin(0);
	d.if_index = 2;
	inet_pton(AF_INET, "192.0.2.11", &d.addr);
	fz_seed_rec(1, IMSG_DECONFIGURE, 0, 0, &d, sizeof(d));
	fz_seed_write(dir, "eng-deconfigure-stored");
	fz_stored_lease(&l, "eth1", mac1, time(NULL));
	l.lease_time = l.renewal = l.rebinding = LEASE_INFINITE;
	fz_seed_begin(0);
	fz_seed_rec(1, IMSG_CONFIGURE, 0, 0, &l, sizeof(l));
	fz_seed_rec(0, IMSG_LINK_GONE, 0, 0, "\2\0\0\0", 4);
	fz_seed_write(dir, "eng-configure-infinite-gone");

	/* Raw streams. */
	fz_seed_begin(FZ_RAW);
	fz_seed_bytes("\0\2", 2);
	fz_seed_imsg(IMSG_CTL_LOG_VERBOSE, 1, &v, sizeof(v));
	fz_seed_imsg(IMSG_CTL_RELOAD, 1, NULL, 0);
	fz_seed_write(dir, "raw-fe");
	fz_seed_begin(FZ_RAW | FZ_EOF);
	fz_seed_bytes("\1\0", 2);
	fz_seed_imsg(IMSG_DECONFIGURE, 0, &d, sizeof(d));
	fz_seed_write(dir, "raw-eng-eof");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir;

	(void)argc;
	(void)argv;
	fz_init();
	if ((dir = getenv("FUZZ_MKSEEDS")) != NULL) {
		fp_seeds(dir);
		exit(0);
	}
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (fz_run(&target, data, size));
}
