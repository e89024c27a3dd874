/*
 * leased: the engine.  Unprivileged, chrooted, sandboxed to "stdio";
 * it parses every untrusted byte and runs the DHCP state machine
 * (RFC 2131 section 4.4).  Nothing a DHCP server sends may make it exit:
 * a bad message is logged and dropped.  Only the parent and the frontend
 * are trusted to send well-formed imsgs; a malformed one from them means
 * that process is compromised and the engine exits.
 */

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/queue.h>

#include <arpa/inet.h>
#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"
#include "conf.h"
#include "dhcp.h"
#include "leased.h"
#include "log.h"
#include "sandbox.h"
#include "validate.h"

#define START_EXP_BACKOFF	4	/* first retransmission, seconds */
#define MAX_EXP_BACKOFF		64	/* RFC 2131 4.1 */
#define REQUEST_TRIES		4	/* REQUESTING, REBOOTING before INIT */
#define RENEW_MIN_RETRANS	60	/* RFC 2131 4.4.5 */
#define NAK_BACKOFF_MAX		64
#define IPV6_ONLY_MIN		300	/* RFC 8925 MIN_V6ONLY_WAIT */
#define LEASE_MIN		20	/* shorter leases are clamped */
#define MAX_MSG_SIZE		1500	/* what we tell servers (option 57) */
#define RELEASE_WAIT_US		100000	/* RELEASE sent before withdrawal */

enum if_state {
	IF_DOWN,
	IF_INIT,
	IF_SELECTING,
	IF_REQUESTING,
	IF_BOUND,
	IF_RENEWING,
	IF_REBINDING,
	IF_REBOOTING,
	IF_IPV6_ONLY,
	IF_RELEASED
};

static const char * const if_state_names[] = {
	"Down",
	"Init",
	"Selecting",
	"Requesting",
	"Bound",
	"Renewing",
	"Rebinding",
	"Rebooting",
	"IPv6 only",
	"Released"
};

struct iface {
	LIST_ENTRY(iface)	 entries;
	uint32_t		 if_index;
	char			 ifname[IF_NAMESIZE];
	uint8_t			 mac[ETHER_ADDR_LEN];
	int			 ready;		/* parent opened sockets */
	int			 running;	/* link up */
	int			 udp_ready;	/* frontend has UDP socket */
	enum if_state		 state;
	struct event		 timer;
	int			 timo;		/* retransmission, s */
	int			 tries;
	int			 nak_backoff;	/* s, 0: no NAK seen */
	uint32_t		 xid;
	struct timespec		 request_time;	/* start of exchange */
	struct in_addr		 server_id;	/* the server we talk to */
	struct in_addr		 requested_ip;
	int			 have_lease;	/* lease below is valid */
	int			 configured;	/* sent to the parent */
	struct lease		 lease;
	struct timespec		 bound_time;	/* monotonic, at the ACK */
	uint32_t		 ipv6_only;	/* option 108 wait, s */
	int			 reconf;	/* settings changed */
};

__attribute__((__noreturn__)) static void	engine_shutdown(void);
static void	engine_sig_handler(int, short, void *);
static void	engine_dispatch_main(int, short, void *);
static void	engine_dispatch_frontend(int, short, void *);
int		engine_imsg_compose_main(uint32_t, pid_t, const void *,
		    size_t);
int		engine_imsg_compose_frontend(uint32_t, pid_t, const void *,
		    size_t);
static struct iface	*get_iface_by_index(uint32_t);
static int	iface_conf_changed(const struct iface_conf *,
		    const struct iface_conf *);
static void	iface_ready(const struct imsg_iface_ready *);
static void	iface_link(const struct imsg_link *);
static void	iface_gone(uint32_t);
static void	state_transition(struct iface *, enum if_state);
static void	iface_timeout(int, short, void *);
static void	set_timer(struct iface *, time_t, long);
static void	set_retrans_timer(struct iface *);
static time_t	lease_elapsed(struct iface *);
static void	request_start(struct iface *);
static void	start_discover(struct iface *);
static void	send_discover(struct iface *);
static void	send_request(struct iface *);
static void	send_release(struct iface *);
static int	send_message(struct iface *, enum dhcp_kind, int);
static void	csum_partial(struct imsg_frame *);
static void	parse_dhcp(struct iface *, const uint8_t *, size_t);
static void	handle_offer(struct iface *, struct dhcp_msg *);
static void	handle_ack(struct iface *, struct dhcp_msg *);
static void	handle_nak(struct iface *, struct dhcp_msg *);
static int	lease_from_ack(struct iface *, struct dhcp_msg *,
		    struct lease *);
static void	bind_lease(struct iface *, struct lease *);
static void	deconfigure(struct iface *);
static void	nak_restart(struct iface *);
static void	ctl_show(uint32_t, pid_t);
static void	ctl_send_request(uint32_t);
static void	ctl_release(uint32_t);
static void	recv_reconf(struct imsg *, uint32_t);

static struct imsgev		*iev_frontend;
static struct imsgev		*iev_main;
static LIST_HEAD(, iface)	 interfaces = LIST_HEAD_INITIALIZER(interfaces);
static struct leased_conf	*engine_conf;
static int			 engine_configured;	/* a config arrived */

void
engine(int debug, int verbose)
{
	struct event	 ev_sigint, ev_sigterm;

	log_init(debug, LOG_DAEMON);
	log_setverbose(verbose);
	log_procinit("engine");
	prctl(PR_SET_NAME, "leased-engine", 0, 0, 0);

	if (fcntl(LEASED_PARENT_FD, F_GETFD) == -1)
		fatalx("%s: no channel to the parent on fd %d", __func__,
		    LEASED_PARENT_FD);

	privdrop(LEASED_USER);

	log_sandboxed();
	sandbox_trap(verbose > 1);
	if (sandbox_pledge("stdio recvfd") == -1)
		fatal("%s: sandbox", __func__);

	if ((engine_conf = config_new_empty()) == NULL)
		fatal(NULL);

	event_init();

	/* Setup signal handler(s). */
	signal_set(&ev_sigint, SIGINT, engine_sig_handler, NULL);
	signal_set(&ev_sigterm, SIGTERM, engine_sig_handler, NULL);
	signal_add(&ev_sigint, NULL);
	signal_add(&ev_sigterm, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	/* Setup pipe and event handler to the main process. */
	iev_main = imsgev_open(LEASED_PARENT_FD, 1, engine_dispatch_main);

	event_dispatch();

	engine_shutdown();
}

static __attribute__((__noreturn__)) void
engine_shutdown(void)
{
	struct iface	*iface;

	while ((iface = LIST_FIRST(&interfaces)) != NULL) {
		LIST_REMOVE(iface, entries);
		evtimer_del(&iface->timer);
		free(iface);
	}
	config_clear(engine_conf);

	/* Close pipes. */
	if (iev_frontend != NULL) {
		imsgbuf_clear(&iev_frontend->ibuf);
		close(iev_frontend->ibuf.fd);
		free(iev_frontend);
	}
	imsgbuf_clear(&iev_main->ibuf);
	close(iev_main->ibuf.fd);
	free(iev_main);

	log_debug("exiting");
	exit(0);
}

static void
engine_sig_handler(int sig, short event, void *arg)
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
engine_imsg_compose_main(uint32_t type, pid_t pid, const void *data,
    size_t datalen)
{
	return (imsg_compose_event(iev_main, type, 0, pid, -1, data,
	    datalen));
}

int
engine_imsg_compose_frontend(uint32_t type, pid_t pid, const void *data,
    size_t datalen)
{
	if (iev_frontend == NULL)
		return (-1);
	return (imsg_compose_event(iev_frontend, type, 0, pid, -1, data,
	    datalen));
}

static void
engine_dispatch_frontend(int fd, short event, void *bula)
{
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct imsg		 imsg;
	struct imsg_link	 link;
	struct iface		*iface;
	ssize_t			 n;
	uint32_t		 type, if_index;
	int			 verbose;
	static struct imsg_frame frame;
	static struct imsg_iface_ready ready;

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
		case IMSG_DHCP_FRAME:
			if (imsg_get_data(&imsg, &frame, sizeof(frame)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (frame.len > sizeof(frame.frame))
				fatalx("%s: invalid %s length %u", __func__,
				    imsg_type_name(type), frame.len);
			if ((iface = get_iface_by_index(frame.if_index)) ==
			    NULL)
				break;
			if (frame.flags & FRAME_CSUM_PARTIAL)
				csum_partial(&frame);
			parse_dhcp(iface, frame.frame, frame.len);
			break;
		case IMSG_LINK_STATE:
			if (imsg_get_data(&imsg, &link, sizeof(link)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (memchr(link.ifname, '\0', sizeof(link.ifname)) ==
			    NULL)
				fatalx("%s: %s: unterminated name", __func__,
				    imsg_type_name(type));
			iface_link(&link);
			break;
		case IMSG_LINK_GONE:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			iface_gone(if_index);
			break;
		case IMSG_IFACE_READY:
			if (imsg_get_data(&imsg, &ready, sizeof(ready)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (memchr(ready.ifname, '\0', sizeof(ready.ifname)) ==
			    NULL)
				fatalx("%s: %s: unterminated name", __func__,
				    imsg_type_name(type));
			if (ready.have_lease &&
			    validate_lease(&ready.lease, NULL, 0) == -1)
				fatalx("%s: %s: invalid stored lease",
				    __func__, imsg_type_name(type));
			iface_ready(&ready);
			break;
		case IMSG_UDP_SOCKET:
			/* The frontend holds a renewal socket now. */
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((iface = get_iface_by_index(if_index)) != NULL)
				iface->udp_ready = 1;
			break;
		/* From control clients, relayed by the frontend. */
		case IMSG_CTL_LOG_VERBOSE:
			if (imsg_get_data(&imsg, &verbose,
			    sizeof(verbose)) == -1 || verbose < 0 ||
			    verbose > 3)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			log_setverbose(verbose);
			break;
		case IMSG_CTL_SHOW_INTERFACE_INFO:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			ctl_show(if_index, imsg_get_pid(&imsg));
			break;
		case IMSG_CTL_SEND_REQUEST:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			ctl_send_request(if_index);
			break;
		case IMSG_CTL_RELEASE:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			ctl_release(if_index);
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
engine_dispatch_main(int fd, short event, void *bula)
{
	struct imsg		 imsg;
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct iface		*iface;
	ssize_t			 n;
	uint32_t		 type;
	int			 ipcfd;

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
			 * Setup pipe and event handler to the frontend
			 * process.
			 */
			if (iev_frontend)
				fatalx("%s: received unexpected imsg fd "
				    "to engine", __func__);
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if ((ipcfd = imsg_get_fd(&imsg)) == -1)
				fatalx("%s: expected to receive imsg fd to "
				    "engine but didn't receive any", __func__);

			iev_frontend = imsgev_open(ipcfd, 0,
			    engine_dispatch_frontend);

			/*
			 * All our channels are up: no more fds will come.
			 * Stop reading with recvmsg and drop "recvfd".
			 */
			ibuf->flags &= ~IMSG_ALLOW_FDPASS;
			if (sandbox_pledge("stdio") == -1)
				fatal("%s: sandbox", __func__);
			break;
		case IMSG_RECONF_CONF:
		case IMSG_RECONF_IFACE:
		case IMSG_RECONF_END:
			recv_reconf(&imsg, type);
			break;
		case IMSG_RELEASE_ALL:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			LIST_FOREACH(iface, &interfaces, entries)
				ctl_release(iface->if_index);
			break;
		case IMSG_STARTUP:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (iev_frontend == NULL)
				fatalx("%s: %s before IMSG_SOCKET_IPC",
				    __func__, imsg_type_name(type));
			log_debug("startup");
			break;
		default:
			fatalx("%s: unexpected %s", __func__,
			    imsg_type_name(type));
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

/* A new configuration replaces the running one once it is complete. */
static void
recv_reconf(struct imsg *imsg, uint32_t type)
{
	struct leased_conf	*xconf;
	struct iface		*iface;

	if ((xconf = config_recv(imsg, type)) == NULL)
		return;
	/* Interfaces whose settings changed verify their lease. */
	LIST_FOREACH(iface, &interfaces, entries)
		iface->reconf = iface_conf_changed(
		    iface_conf_find(engine_conf, iface->ifname),
		    iface_conf_find(xconf, iface->ifname));
	config_clear(engine_conf);
	engine_conf = xconf;
	LIST_FOREACH(iface, &interfaces, entries) {
		if (!engine_configured && iface->running && iface->ready &&
		    iface->state == IF_DOWN)
			request_start(iface);
		else if (iface->reconf && iface->running && iface->ready &&
		    iface->state != IF_RELEASED) {
			log_info("%s: settings changed", iface->ifname);
			request_start(iface);
		}
		iface->reconf = 0;
	}
	engine_configured = 1;
}

/* Everything after the list linkage is the interface's settings. */
static int
iface_conf_changed(const struct iface_conf *a, const struct iface_conf *b)
{
	size_t	off = offsetof(struct iface_conf, name);

	if (a == NULL || b == NULL)
		return (a != b);
	return (memcmp((const char *)a + off, (const char *)b + off,
	    sizeof(*a) - off) != 0);
}

static struct iface *
get_iface_by_index(uint32_t if_index)
{
	struct iface	*iface;

	LIST_FOREACH(iface, &interfaces, entries)
		if (iface->if_index == if_index)
			return (iface);
	return (NULL);
}

static struct iface *
iface_get_or_new(uint32_t if_index, const char *ifname)
{
	struct iface	*iface;

	if ((iface = get_iface_by_index(if_index)) != NULL)
		return (iface);
	if ((iface = calloc(1, sizeof(*iface))) == NULL)
		fatal(NULL);
	iface->if_index = if_index;
	snprintf(iface->ifname, sizeof(iface->ifname), "%s", ifname);
	iface->state = IF_DOWN;
	evtimer_set(&iface->timer, iface_timeout, iface);
	LIST_INSERT_HEAD(&interfaces, iface, entries);
	return (iface);
}

/* The parent opened this interface's sockets. */
static void
iface_ready(const struct imsg_iface_ready *r)
{
	struct iface	*iface;

	iface = iface_get_or_new(r->if_index, r->ifname);
	memcpy(iface->mac, r->mac, sizeof(iface->mac));
	iface->ready = 1;
	if (r->have_lease && !iface->have_lease) {
		iface->lease = r->lease;
		iface->have_lease = 1;
		/* It outlived us in the kernel, so it is ours to remove. */
		iface->configured = 1;
		log_info("%s: stored lease for %s", iface->ifname,
		    ntoa(iface->lease.address));
	}
	if (iface->running && iface->state == IF_DOWN && engine_configured)
		request_start(iface);
}

static void
iface_link(const struct imsg_link *l)
{
	struct iface	*iface;
	int		 was;

	iface = iface_get_or_new(l->if_index, l->ifname);
	was = iface->running;
	iface->running = l->running;
	if (!iface->ready) {
		/* The MAC the parent read wins; this is until then. */
		memcpy(iface->mac, l->mac, sizeof(iface->mac));
		return;
	}
	if (was && !iface->running) {
		log_info("%s: link down", iface->ifname);
		state_transition(iface, IF_DOWN);
	} else if (!was && iface->running) {
		log_info("%s: link up", iface->ifname);
		if (engine_configured)
			request_start(iface);
	}
}

static void
iface_gone(uint32_t if_index)
{
	struct iface	*iface;

	if ((iface = get_iface_by_index(if_index)) == NULL)
		return;
	log_info("%s: interface gone", iface->ifname);
	evtimer_del(&iface->timer);
	LIST_REMOVE(iface, entries);
	free(iface);
}

/* Begin an exchange: verify a lease we hold, or look for one. */
static void
request_start(struct iface *iface)
{
	iface->nak_backoff = 0;
	if (iface->have_lease && lease_elapsed(iface) >= 0 &&
	    (iface->lease.lease_time == LEASE_INFINITE ||
	    lease_elapsed(iface) < (time_t)iface->lease.lease_time)) {
		iface->requested_ip = iface->lease.address;
		state_transition(iface, IF_REBOOTING);
	} else {
		if (iface->have_lease && iface->configured)
			deconfigure(iface);
		iface->have_lease = 0;
		state_transition(iface, IF_INIT);
	}
}

/* Seconds since the lease was acquired, wall clock (it survives us). */
static time_t
lease_elapsed(struct iface *iface)
{
	return (time(NULL) - (time_t)iface->lease.acquired);
}

static void
state_transition(struct iface *iface, enum if_state new_state)
{
	enum if_state	 old = iface->state;
	time_t		 left;

	iface->state = new_state;
	if (old != new_state)
		log_debug("%s: %s -> %s", iface->ifname,
		    if_state_names[old], if_state_names[new_state]);

	switch (new_state) {
	case IF_DOWN:
	case IF_RELEASED:
		evtimer_del(&iface->timer);
		break;
	case IF_INIT:
		/*
		 * After a NAK wait before starting over, longer each time,
		 * so that a server NAKing everything cannot make us flood.
		 */
		if (iface->nak_backoff > 0)
			set_timer(iface, iface->nak_backoff, 0);
		else
			start_discover(iface);
		break;
	case IF_SELECTING:
		break;
	case IF_REQUESTING:
		iface->timo = START_EXP_BACKOFF;
		iface->tries = 0;
		send_request(iface);
		set_retrans_timer(iface);
		break;
	case IF_REBOOTING:
		iface->xid = arc4random();
		clock_gettime(CLOCK_MONOTONIC, &iface->request_time);
		iface->timo = START_EXP_BACKOFF;
		iface->tries = 0;
		send_request(iface);
		set_retrans_timer(iface);
		break;
	case IF_BOUND:
		iface->nak_backoff = 0;
		if (iface->lease.lease_time == LEASE_INFINITE) {
			evtimer_del(&iface->timer);
			break;
		}
		left = (time_t)iface->lease.renewal - lease_elapsed(iface);
		set_timer(iface, left > 0 ? left : 0, 0);
		break;
	case IF_RENEWING:
	case IF_REBINDING:
		if (old != new_state) {
			iface->xid = arc4random();
			clock_gettime(CLOCK_MONOTONIC, &iface->request_time);
		}
		send_request(iface);
		set_retrans_timer(iface);
		break;
	case IF_IPV6_ONLY:
		set_timer(iface, iface->ipv6_only, 0);
		break;
	}
}

static void
set_timer(struct iface *iface, time_t sec, long usec)
{
	struct timeval	 tv;

	tv.tv_sec = sec;
	tv.tv_usec = usec;
	evtimer_add(&iface->timer, &tv);
}

/*
 * RFC 2131 4.1: exponential backoff from 4 s, randomised by +-1 s,
 * capped at 64 s.  While renewing or rebinding wait half the time left
 * until T2 or expiry, at least 60 s, but never past the next deadline.
 */
static void
set_retrans_timer(struct iface *iface)
{
	time_t	 el, deadline, wait;
	long	 jitter;

	switch (iface->state) {
	case IF_RENEWING:
	case IF_REBINDING:
		el = lease_elapsed(iface);
		deadline = iface->state == IF_RENEWING ?
		    (time_t)iface->lease.rebinding :
		    (time_t)iface->lease.lease_time;
		wait = (deadline - el) / 2;
		if (wait < RENEW_MIN_RETRANS)
			wait = RENEW_MIN_RETRANS;
		if (el + wait > deadline)
			wait = deadline - el;
		set_timer(iface, wait > 0 ? wait : 0, 0);
		break;
	default:
		/* -1 s .. +1 s in microseconds */
		jitter = (long)arc4random_uniform(2000001) - 1000000;
		if (jitter < 0)
			set_timer(iface, iface->timo - 1, 1000000 + jitter);
		else
			set_timer(iface, iface->timo, jitter);
		if (iface->timo < MAX_EXP_BACKOFF)
			iface->timo *= 2;
		if (iface->timo > MAX_EXP_BACKOFF)
			iface->timo = MAX_EXP_BACKOFF;
		break;
	}
}

static void
iface_timeout(int fd, short events, void *arg)
{
	struct iface	*iface = arg;
	time_t		 el;

	(void)fd;
	(void)events;

	switch (iface->state) {
	case IF_DOWN:
		break;
	case IF_RELEASED:
		/* The RELEASE had its moment: now withdraw. */
		if (iface->configured)
			deconfigure(iface);
		break;
	case IF_INIT:
		/* The NAK backoff ran out. */
		start_discover(iface);
		break;
	case IF_SELECTING:
		send_discover(iface);
		set_retrans_timer(iface);
		break;
	case IF_REQUESTING:
	case IF_REBOOTING:
		if (++iface->tries >= REQUEST_TRIES) {
			log_info("%s: no answer to our request, starting "
			    "over", iface->ifname);
			if (iface->state == IF_REBOOTING) {
				if (iface->configured)
					deconfigure(iface);
				iface->have_lease = 0;
			}
			state_transition(iface, IF_INIT);
			break;
		}
		send_request(iface);
		set_retrans_timer(iface);
		break;
	case IF_BOUND:
		state_transition(iface, IF_RENEWING);
		break;
	case IF_RENEWING:
	case IF_REBINDING:
		el = lease_elapsed(iface);
		if (el >= (time_t)iface->lease.lease_time) {
			log_info("%s: lease on %s expired", iface->ifname,
			    ntoa(iface->lease.address));
			deconfigure(iface);
			iface->have_lease = 0;
			state_transition(iface, IF_INIT);
		} else if (el >= (time_t)iface->lease.rebinding)
			state_transition(iface, IF_REBINDING);
		else
			state_transition(iface, iface->state);
		break;
	case IF_IPV6_ONLY:
		state_transition(iface, IF_INIT);
		break;
	}
}

/* INIT: a new transaction, DISCOVER at once (no artificial delay). */
static void
start_discover(struct iface *iface)
{
	iface->xid = arc4random();
	clock_gettime(CLOCK_MONOTONIC, &iface->request_time);
	iface->timo = START_EXP_BACKOFF;
	iface->tries = 0;
	iface->state = IF_SELECTING;
	log_debug("%s: Init -> Selecting", iface->ifname);
	send_discover(iface);
	set_retrans_timer(iface);
}

static void
send_discover(struct iface *iface)
{
	log_debug("%s: DHCPDISCOVER", iface->ifname);
	send_message(iface, DHCP_KIND_DISCOVER, 0);
}

static void
send_request(struct iface *iface)
{
	switch (iface->state) {
	case IF_REQUESTING:
		log_debug("%s: DHCPREQUEST for %s (selecting)", iface->ifname,
		    ntoa(iface->requested_ip));
		send_message(iface, DHCP_KIND_SELECTING, 0);
		break;
	case IF_REBOOTING:
		log_debug("%s: DHCPREQUEST for %s (rebooting)", iface->ifname,
		    ntoa(iface->requested_ip));
		send_message(iface, DHCP_KIND_INIT_REBOOT, 0);
		break;
	case IF_RENEWING:
		log_debug("%s: DHCPREQUEST for %s to %s (renewing)",
		    iface->ifname, ntoa(iface->lease.address),
		    ntoa(iface->lease.server));
		/* Unicast to the server, through the parent's UDP socket. */
		send_message(iface, DHCP_KIND_RENEWING, iface->udp_ready);
		break;
	case IF_REBINDING:
		log_debug("%s: DHCPREQUEST for %s (rebinding)",
		    iface->ifname, ntoa(iface->lease.address));
		send_message(iface, DHCP_KIND_REBINDING, 0);
		break;
	default:
		log_warnx("%s: no request in state %s", iface->ifname,
		    if_state_names[iface->state]);
		break;
	}
}

static void
send_release(struct iface *iface)
{
	log_info("%s: DHCPRELEASE of %s to %s", iface->ifname,
	    ntoa(iface->lease.address), ntoa(iface->lease.server));
	send_message(iface, DHCP_KIND_RELEASE, iface->udp_ready);
}

/*
 * Build a message and hand it to the frontend: a whole Ethernet frame
 * for the packet socket, or the BOOTP payload for the UDP socket.
 */
static int
send_message(struct iface *iface, enum dhcp_kind kind, int udp)
{
	static struct imsg_frame	 f;
	struct dhcp_req			 req;
	struct iface_conf		*ic;
	struct timespec			 now;
	ssize_t				 len;
	time_t				 secs;
	char				 why[DHCP_WHY_LEN];

	memset(&req, 0, sizeof(req));
	req.kind = kind;
	memcpy(req.mac, iface->mac, sizeof(req.mac));
	req.xid = iface->xid;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = now.tv_sec - iface->request_time.tv_sec;
	req.secs = secs > UINT16_MAX ? UINT16_MAX : (secs < 0 ? 0 : secs);
	req.max_msg_size = MAX_MSG_SIZE;

	switch (kind) {
	case DHCP_KIND_DISCOVER:
		break;
	case DHCP_KIND_SELECTING:
		req.requested = iface->requested_ip;
		req.server_id = iface->server_id;
		break;
	case DHCP_KIND_INIT_REBOOT:
		req.requested = iface->requested_ip;
		break;
	case DHCP_KIND_RENEWING:
	case DHCP_KIND_REBINDING:
		req.ciaddr = iface->lease.address;
		break;
	case DHCP_KIND_RELEASE:
		req.ciaddr = iface->lease.address;
		req.server_id = iface->lease.server;
		break;
	case DHCP_KIND_DECLINE:
		req.requested = iface->requested_ip;
		req.server_id = iface->server_id;
		break;
	}

	if ((ic = iface_conf_find(engine_conf, iface->ifname)) != NULL) {
		if (ic->client_id_len > 0) {
			memcpy(req.client_id, ic->client_id,
			    ic->client_id_len);
			req.client_id_len = ic->client_id_len;
		}
		/* The parent filled in the system's name if asked. */
		if (ic->send_host_name != HOST_NAME_NONE &&
		    kind != DHCP_KIND_RELEASE && kind != DHCP_KIND_DECLINE)
			snprintf(req.hostname, sizeof(req.hostname), "%s",
			    ic->host_name);
		if (ic->vendor_class_id[0] != '\0' &&
		    kind != DHCP_KIND_RELEASE && kind != DHCP_KIND_DECLINE) {
			req.vendor_class_len = strlen(ic->vendor_class_id);
			memcpy(req.vendor_class, ic->vendor_class_id,
			    req.vendor_class_len);
		}
		req.ipv6_only = ic->prefer_ipv6;
		req.rapid_commit = ic->rapid_commit &&
		    kind == DHCP_KIND_DISCOVER;
	}

	memset(&f, 0, sizeof(f));
	f.if_index = iface->if_index;
	if (udp)
		len = dhcp_build_bootp(&req, f.frame, sizeof(f.frame), why,
		    sizeof(why));
	else
		len = dhcp_build_frame(&req, f.frame, sizeof(f.frame), why,
		    sizeof(why));
	if (len == -1) {
		log_warnx("%s: cannot build message: %s", iface->ifname, why);
		return (-1);
	}
	f.len = len;
	return (engine_imsg_compose_frontend(udp ? IMSG_SEND_UDP :
	    IMSG_SEND_FRAME, 0, &f, sizeof(f)));
}

/*
 * The kernel says the UDP checksum of this frame was left for the
 * hardware to fill in (it came from this host, e.g. over a veth): it
 * holds a partial sum, not a checksum.  Zero means "no checksum" in UDP
 * (RFC 768), which is what we make it.  The frame is only touched where
 * it is long enough to have the field; the parser checks the rest.
 */
static void
csum_partial(struct imsg_frame *f)
{
	size_t	off;

	if (f->len < DHCP_ETHER_LEN + DHCP_IP_LEN)
		return;
	off = DHCP_ETHER_LEN + (f->frame[DHCP_ETHER_LEN] & 0x0f) * 4 + 6;
	if (off + 2 > f->len)
		return;
	f->frame[off] = f->frame[off + 1] = 0;
}

/* Everything here comes from the wire: log and drop, never exit. */
static void
parse_dhcp(struct iface *iface, const uint8_t *p, size_t len)
{
	struct dhcp_msg		 msg;
	struct iface_conf	*ic;
	char			 why[DHCP_WHY_LEN];
	char			 str[DHCP_STR_LEN];
	int			 i;

	if (dhcp_parse_frame(&msg, BOOTREPLY, p, len, why, sizeof(why)) ==
	    -1) {
		log_debug("%s: dropped frame: %s", iface->ifname, why);
		return;
	}
	if (log_getverbose() > 1)
		log_debug("%s: %s", iface->ifname,
		    dhcp_msg_str(&msg, str, sizeof(str)));

	if (memcmp(msg.chaddr, iface->mac, sizeof(msg.chaddr)) != 0) {
		log_debug("%s: dropped: not our chaddr", iface->ifname);
		return;
	}
	if (msg.xid != iface->xid) {
		log_debug("%s: dropped: xid 0x%08x, want 0x%08x",
		    iface->ifname, msg.xid, iface->xid);
		return;
	}
	if (!dhcp_has_option(&msg, DHO_SERVER_IDENTIFIER) ||
	    validate_unicast(msg.server_id) == -1) {
		log_debug("%s: dropped %s: no usable server identifier",
		    iface->ifname, dhcp_msgtype_name(msg.msgtype));
		return;
	}
	if ((ic = iface_conf_find(engine_conf, iface->ifname)) != NULL) {
		for (i = 0; i < ic->ignore_servers_len; i++) {
			if (ic->ignore_servers[i].s_addr ==
			    msg.server_id.s_addr) {
				log_debug("%s: ignoring server %s",
				    iface->ifname, ntoa(msg.server_id));
				return;
			}
		}
	}

	switch (msg.msgtype) {
	case DHCPOFFER:
		handle_offer(iface, &msg);
		break;
	case DHCPACK:
		handle_ack(iface, &msg);
		break;
	case DHCPNAK:
		handle_nak(iface, &msg);
		break;
	default:
		log_debug("%s: dropped %s", iface->ifname,
		    dhcp_msgtype_name(msg.msgtype));
		break;
	}
}

static void
handle_offer(struct iface *iface, struct dhcp_msg *msg)
{
	struct iface_conf	*ic;
	struct lease		 l;

	if (iface->state != IF_SELECTING) {
		log_debug("%s: dropped DHCPOFFER in state %s",
		    iface->ifname, if_state_names[iface->state]);
		return;
	}
	ic = iface_conf_find(engine_conf, iface->ifname);
	if (ic != NULL && ic->prefer_ipv6 &&
	    dhcp_has_option(msg, DHO_IPV6_ONLY)) {
		/* RFC 8925 3.2: stop DHCPv4 for the time given. */
		iface->ipv6_only = msg->ipv6_only < IPV6_ONLY_MIN ?
		    IPV6_ONLY_MIN : msg->ipv6_only;
		log_info("%s: IPv6-only preferred, DHCPv4 pauses for %us",
		    iface->ifname, iface->ipv6_only);
		state_transition(iface, IF_IPV6_ONLY);
		return;
	}
	/* Check the offer as we would the ACK, so we request nothing bad. */
	if (lease_from_ack(iface, msg, &l) == -1)
		return;
	log_info("%s: DHCPOFFER of %s from %s", iface->ifname,
	    ntoa(msg->yiaddr), ntoa(msg->server_id));
	iface->server_id = msg->server_id;
	iface->requested_ip = msg->yiaddr;
	state_transition(iface, IF_REQUESTING);
}

static void
handle_ack(struct iface *iface, struct dhcp_msg *msg)
{
	struct lease	 l;

	switch (iface->state) {
	case IF_SELECTING:
		/* Only a rapid commit (RFC 4039) ACK is welcome here. */
		if (!msg->rapid_commit) {
			log_debug("%s: dropped DHCPACK without rapid commit "
			    "in state %s", iface->ifname,
			    if_state_names[iface->state]);
			return;
		}
		break;
	case IF_REQUESTING:
		if (msg->server_id.s_addr != iface->server_id.s_addr) {
			log_debug("%s: dropped DHCPACK from %s, we chose %s",
			    iface->ifname, ntoa(msg->server_id),
			    ntoa(iface->server_id));
			return;
		}
		break;
	case IF_RENEWING:
		if (msg->server_id.s_addr != iface->lease.server.s_addr) {
			log_debug("%s: dropped DHCPACK from %s while "
			    "renewing", iface->ifname,
			    ntoa(msg->server_id));
			return;
		}
		break;
	case IF_REBOOTING:
	case IF_REBINDING:
		break;
	default:
		log_debug("%s: dropped DHCPACK in state %s", iface->ifname,
		    if_state_names[iface->state]);
		return;
	}
	if (iface->state != IF_SELECTING &&
	    msg->yiaddr.s_addr != (iface->state == IF_REQUESTING ||
	    iface->state == IF_REBOOTING ? iface->requested_ip.s_addr :
	    iface->lease.address.s_addr)) {
		log_info("%s: dropped DHCPACK for %s: not what we asked for",
		    iface->ifname, ntoa(msg->yiaddr));
		return;
	}
	if (lease_from_ack(iface, msg, &l) == -1)
		return;
	bind_lease(iface, &l);
}

static void
handle_nak(struct iface *iface, struct dhcp_msg *msg)
{
	struct in_addr	 from;

	switch (iface->state) {
	case IF_REQUESTING:
		from = iface->server_id;
		break;
	case IF_RENEWING:
		from = iface->lease.server;
		break;
	case IF_REBOOTING:
	case IF_REBINDING:
		/* Any server on the link may say our address is wrong. */
		from = msg->server_id;
		break;
	default:
		log_debug("%s: dropped DHCPNAK in state %s", iface->ifname,
		    if_state_names[iface->state]);
		return;
	}
	if (msg->server_id.s_addr != from.s_addr) {
		log_info("%s: dropped DHCPNAK from %s, not our server",
		    iface->ifname, ntoa(msg->server_id));
		return;
	}
	log_info("%s: DHCPNAK from %s%s%s", iface->ifname,
	    ntoa(msg->server_id), msg->message[0] ? ": " : "",
	    msg->message);
	if (iface->configured)
		deconfigure(iface);
	iface->have_lease = 0;
	nak_restart(iface);
}

static void
nak_restart(struct iface *iface)
{
	iface->nak_backoff = iface->nak_backoff == 0 ? 1 :
	    iface->nak_backoff * 2;
	if (iface->nak_backoff > NAK_BACKOFF_MAX)
		iface->nak_backoff = NAK_BACKOFF_MAX;
	state_transition(iface, IF_INIT);
}

/*
 * Turn a server's OFFER or ACK into a lease the parent will accept.
 * Anything the parent would refuse is dropped here, item by item where
 * the rest still makes sense, or the whole message is ignored: a server
 * must never be able to make the parent exit.
 */
static int
lease_from_ack(struct iface *iface, struct dhcp_msg *msg, struct lease *l)
{
	struct iface_conf	*ic;
	uint32_t		 lt, t1, t2;
	int			 i, plen;
	char			 why[VALIDATE_WHY_LEN];

	ic = iface_conf_find(engine_conf, iface->ifname);
	memset(l, 0, sizeof(*l));
	snprintf(l->ifname, sizeof(l->ifname), "%s", iface->ifname);
	memcpy(l->mac, iface->mac, sizeof(l->mac));
	l->address = msg->yiaddr;
	l->server = msg->server_id;
	l->acquired = time(NULL);

	if (!dhcp_has_option(msg, DHO_SUBNET_MASK)) {
		log_info("%s: ignoring %s without a subnet mask",
		    iface->ifname, dhcp_msgtype_name(msg->msgtype));
		return (-1);
	}
	l->netmask = msg->netmask;
	plen = dhcp_mask_prefixlen(msg->netmask);
	if (dhcp_has_option(msg, DHO_BROADCAST_ADDRESS) && plen < 31 &&
	    (ntohl(msg->broadcast.s_addr) == (ntohl(l->address.s_addr) |
	    ~ntohl(l->netmask.s_addr))))
		l->broadcast = msg->broadcast;

	if (msg->msgtype == DHCPOFFER &&
	    !dhcp_has_option(msg, DHO_LEASE_TIME)) {
		lt = 3600;	/* only to check the offer */
		t1 = lt / 2;
		t2 = lt * 7 / 8;
	} else if (dhcp_lease_times(msg, &lt, &t1, &t2) == -1) {
		log_info("%s: ignoring %s without a usable lease time",
		    iface->ifname, dhcp_msgtype_name(msg->msgtype));
		return (-1);
	}
	if (lt != LEASE_INFINITE && lt > LEASE_TIME_MAX) {
		lt = LEASE_TIME_MAX;
		t1 = lt / 2;
		t2 = lt * 7 / 8;
	}
	if (lt < LEASE_MIN) {
		log_info("%s: lease time %us raised to %us", iface->ifname,
		    lt, LEASE_MIN);
		lt = LEASE_MIN;
		t1 = lt / 2;
		t2 = lt * 7 / 8;
	}
	if (lt == LEASE_INFINITE) {
		t1 = t2 = LEASE_INFINITE;
	}
	l->lease_time = lt;
	l->renewal = t1;
	l->rebinding = t2;

	if (dhcp_has_option(msg, DHO_INTERFACE_MTU))
		l->mtu = msg->mtu;

	if (ic == NULL || !(ic->ignore & IGN_ROUTES)) {
		/* RFC 3442: classless routes override option 3. */
		if (msg->nroutes > 0) {
			for (i = 0; i < msg->nroutes &&
			    i < LEASE_MAX_ROUTES; i++) {
				l->routes[i].dst = msg->routes[i].dst;
				l->routes[i].gw = msg->routes[i].gw;
				l->routes[i].prefixlen =
				    msg->routes[i].prefixlen;
			}
			l->nroutes = i;
		} else {
			for (i = 0; i < msg->nrouters; i++) {
				if (l->nrouters >= LEASE_MAX_ROUTERS)
					break;
				if (validate_router(l, msg->routers[i]) ==
				    -1) {
					log_info("%s: ignoring router %s: "
					    "not a usable gateway on our "
					    "subnet", iface->ifname,
					    ntoa(msg->routers[i]));
					continue;
				}
				l->routers[l->nrouters++] = msg->routers[i];
			}
		}
	}
	if (ic == NULL || !(ic->ignore & IGN_DNS)) {
		for (i = 0; i < msg->ndns && i < LEASE_MAX_DNS; i++) {
			if (validate_unicast(msg->dns[i]) == -1)
				continue;
			l->dns[l->ndns++] = msg->dns[i];
		}
		if (msg->domain[0] != '\0' &&
		    validate_name(msg->domain, strlen(msg->domain) + 1) == 0)
			snprintf(l->domain, sizeof(l->domain), "%s",
			    msg->domain);
		for (i = 0; i < msg->nsearch && i < LEASE_MAX_SEARCH; i++) {
			if (validate_name(msg->search[i],
			    strlen(msg->search[i]) + 1) == -1)
				continue;
			snprintf(l->search[l->nsearch],
			    sizeof(l->search[l->nsearch]), "%s",
			    msg->search[i]);
			l->nsearch++;
		}
	}

	if (validate_lease(l, why, sizeof(why)) == -1) {
		log_info("%s: ignoring %s from %s: %s", iface->ifname,
		    dhcp_msgtype_name(msg->msgtype),
		    ntoa(msg->server_id), why);
		return (-1);
	}
	return (0);
}

static void
bind_lease(struct iface *iface, struct lease *l)
{
	struct timespec	 now;
	int		 renewed;

	renewed = iface->have_lease && iface->configured &&
	    iface->lease.address.s_addr == l->address.s_addr &&
	    (iface->state == IF_RENEWING || iface->state == IF_REBINDING);
	/* A different address: the old one goes first. */
	if (iface->configured &&
	    iface->lease.address.s_addr != l->address.s_addr)
		deconfigure(iface);
	iface->lease = *l;
	iface->have_lease = 1;
	iface->server_id = l->server;
	clock_gettime(CLOCK_MONOTONIC, &now);
	iface->bound_time = now;
	if (renewed)
		log_info("%s: lease on %s extended, %us", iface->ifname,
		    ntoa(l->address), l->lease_time);
	else
		log_info("%s: bound to %s from %s, lease %us", iface->ifname,
		    ntoa(l->address), ntoa(l->server),
		    l->lease_time);
	engine_imsg_compose_main(IMSG_CONFIGURE, 0, l, sizeof(*l));
	iface->configured = 1;
	state_transition(iface, IF_BOUND);
}

static void
deconfigure(struct iface *iface)
{
	struct imsg_deconf	 d;

	memset(&d, 0, sizeof(d));
	d.if_index = iface->if_index;
	d.addr = iface->lease.address;
	d.prefixlen = dhcp_mask_prefixlen(iface->lease.netmask);
	log_info("%s: withdrawing %s", iface->ifname,
	    ntoa(iface->lease.address));
	engine_imsg_compose_main(IMSG_DECONFIGURE, 0, &d, sizeof(d));
	engine_imsg_compose_frontend(IMSG_CLOSE_UDP_SOCKET, 0,
	    &iface->if_index, sizeof(iface->if_index));
	iface->configured = 0;
	iface->udp_ready = 0;
}

static void
ctl_show(uint32_t if_index, pid_t pid)
{
	struct ctl_iface_info	 info;
	struct iface		*iface;
	time_t			 el;

	LIST_FOREACH(iface, &interfaces, entries) {
		if (if_index != 0 && iface->if_index != if_index)
			continue;
		memset(&info, 0, sizeof(info));
		info.if_index = iface->if_index;
		memcpy(info.ifname, iface->ifname, sizeof(info.ifname));
		snprintf(info.state, sizeof(info.state), "%s",
		    if_state_names[iface->state]);
		info.running = iface->running;
		info.lease_left = info.renew_in = info.rebind_in = -1;
		if (iface->have_lease && (iface->state == IF_BOUND ||
		    iface->state == IF_RENEWING ||
		    iface->state == IF_REBINDING)) {
			info.have_lease = 1;
			info.lease = iface->lease;
			if (iface->lease.lease_time != LEASE_INFINITE) {
				el = lease_elapsed(iface);
				info.lease_left = iface->lease.lease_time - el;
				info.renew_in = iface->lease.renewal - el;
				info.rebind_in = iface->lease.rebinding - el;
				if (info.lease_left < 0)
					info.lease_left = 0;
				if (info.renew_in < 0)
					info.renew_in = 0;
				if (info.rebind_in < 0)
					info.rebind_in = 0;
			}
		}
		engine_imsg_compose_frontend(IMSG_CTL_INTERFACE_INFO, pid,
		    &info, sizeof(info));
	}
	engine_imsg_compose_frontend(IMSG_CTL_END, pid, NULL, 0);
}

static void
ctl_send_request(uint32_t if_index)
{
	struct iface	*iface;

	if ((iface = get_iface_by_index(if_index)) == NULL)
		return;
	switch (iface->state) {
	case IF_BOUND:
	case IF_RENEWING:
		iface->state = IF_BOUND;
		state_transition(iface, IF_RENEWING);
		break;
	case IF_REBINDING:
		state_transition(iface, IF_REBINDING);
		break;
	case IF_DOWN:
		break;
	default:
		if (iface->ready && iface->running)
			request_start(iface);
		break;
	}
}

static void
ctl_release(uint32_t if_index)
{
	struct iface	*iface;

	if ((iface = get_iface_by_index(if_index)) == NULL)
		return;
	if (iface->have_lease && (iface->state == IF_BOUND ||
	    iface->state == IF_RENEWING || iface->state == IF_REBINDING)) {
		iface->xid = arc4random();
		send_release(iface);
	}
	state_transition(iface, IF_RELEASED);
	/*
	 * The RELEASE goes out through the frontend on the UDP socket the
	 * parent retires when we deconfigure: leave the frontend a moment
	 * to send it first.
	 */
	if (iface->configured)
		set_timer(iface, 0, RELEASE_WAIT_US);
	iface->have_lease = 0;
}
