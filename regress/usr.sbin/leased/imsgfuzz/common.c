/*
 * The harness the imsg decoder fuzz targets share: it turns an input
 * into messages on socketpairs, calls the process's own dispatcher for
 * each, checks what the process sends in answer against what its
 * receiver accepts, and puts everything back (state, events, fds) for
 * the next input.  A fatal() of the daemon is caught (stubs.c) and
 * counted: a peer's malformed message must end the process.  What a
 * control client sends, the kernel's link messages and a DHCP server's
 * bytes (in the engine) must never.
 */

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "conf.h"
#include "leased.h"
#include "validate.h"
#include "fuzz.h"

#define FD_SLOTS	4096

static void	run_records(void);
static void	run_raw(void);
static void	run_eof(void);
static void	quiet_event_log(int, const char *);
static void	fz_stats(void);
static int	fz_fd_for(int, int, uint32_t);

sigjmp_buf		 fz_jmp;
volatile int		 fz_armed;
volatile int		 fz_never_fatal;
const char		*fz_never_fatal_why;
int			 fz_verbose;
int			 fz_skip_known;
static int		 fz_fd_strict;
static unsigned long	 fz_inputs, fz_fatals, fz_strays;
static void		*fz_last_alloc;
static int		 fz_show;
struct imsg		 fz_cur;
int			 fz_cur_set;
uint32_t		 fz_cur_type;
size_t			 fz_cur_len;
int			 fz_cur_parent;
struct imsgbuf		*fz_parent_ib;
int			 fz_dhcp_rule;
enum fz_conf_state	 fz_conf;

static const struct fz_target	*T;
static struct fz_in		 in;
static uint8_t			 payload[MAX_IMSGSIZE];
static unsigned char		 fd_open[FD_SLOTS / 8];
static int			 last_chan;

int
fz_u8(struct fz_in *i, uint8_t *v)
{
	if (i->left == 0)
		return (0);
	*v = *i->p++;
	i->left--;
	return (1);
}

/* Copy up to len bytes, zero the rest; returns how many were input. */
size_t
fz_take(struct fz_in *i, void *buf, size_t len)
{
	size_t	n = len < i->left ? len : i->left;

	memcpy(buf, i->p, n);
	memset((uint8_t *)buf + n, 0, len - n);
	i->p += n;
	i->left -= n;
	return (n);
}

static void
quiet_event_log(int severity, const char *msg)
{
	(void)severity;
	(void)msg;
}

/* At exit: how many inputs ended as the daemon would, by fatal(). */
static void
fz_stats(void)
{
	fprintf(stderr, "imsgfuzz: %lu inputs, %lu ended in fatal(), "
	    "%lu fds reclaimed after them\n", fz_inputs, fz_fatals,
	    fz_strays);
}

void
fz_init(void)
{
	atexit(fz_stats);
	signal(SIGPIPE, SIG_IGN);
	event_set_log_callback(quiet_event_log);
	event_init();
	fz_stubs_init();
	fz_skip_known = getenv("FUZZ_SKIP_KNOWN") != NULL;
	fz_fd_strict = getenv("FUZZ_FD_STRICT") != NULL;
	fz_show = getenv("FUZZ_LOG") != NULL;
}

/* A fresh event base: no timer or once-event survives an input. */
void
fz_event_reset(void)
{
	event_base_free(NULL);
	event_init();
}

/*
 * leased.c's malloc() in the children's targets (-Dmalloc=fz_malloc):
 * the last one for the message being dispatched, which config_recv()
 * leaks when it finds an IMSG_RECONF_IFACE bad.
 */
void *
fz_malloc(size_t len)
{
	return (fz_last_alloc = malloc(len));
}

int
fz_imsgbuf_get(struct imsgbuf *ib, struct imsg *imsg)
{
	int	n;

	fz_last_alloc = NULL;
	if ((n = (imsgbuf_get)(ib, imsg)) == 1) {
		/* A message nobody freed because fatal() jumped. */
		fz_cur_release();
		fz_cur = *imsg;
		fz_cur_set = 1;
		fz_cur_type = imsg_get_type(imsg);
		fz_cur_len = imsg_get_len(imsg);
		fz_cur_parent = fz_parent_ib != NULL && ib == fz_parent_ib;
	}
	return (n);
}

void
fz_imsg_free(struct imsg *imsg)
{
	if (fz_cur_set && imsg->buf == fz_cur.buf) {
		fz_cur_set = 0;
		/* A configuration message config_recv() took. */
		if (fz_cur_parent) {
			if (fz_cur_type == IMSG_RECONF_CONF)
				fz_conf = FZ_CONF_VALID;
			else if (fz_cur_type == IMSG_RECONF_END)
				fz_conf = FZ_CONF_NONE;
		}
	}
	(imsg_free)(imsg);
}

/* After a fatal(): free the message the dispatcher was holding. */
void
fz_cur_release(void)
{
	if (!fz_cur_set)
		return;
	fz_cur_set = 0;
	(imsg_free)(&fz_cur);
}

/*
 * config_recv() keeps a half-received configuration in a static; an
 * IMSG_RECONF_END hands it back.  One that failed its checks holds
 * whatever the message said, list head included: only the struct goes.
 */
void
fz_conf_reset(void)
{
	struct leased_conf	*xconf;
	struct imsg		 end;

	if (fz_conf == FZ_CONF_NONE)
		return;
	memset(&end, 0, sizeof(end));
	end.hdr.type = IMSG_RECONF_END;
	end.hdr.len = IMSG_HEADER_SIZE;
	if (sigsetjmp(fz_jmp, 0) != 0) {
		fprintf(stderr, "fuzz: config_recv kept nothing\n");
		abort();
	}
	xconf = config_recv(&end, IMSG_RECONF_END);
	if (fz_conf == FZ_CONF_GARBAGE)
		free(xconf);
	else
		config_clear(xconf);
	fz_conf = FZ_CONF_NONE;
}

/* Bytes waiting on the daemon's end: the event loop would call again. */
int
fz_pending(int fd)
{
	int	avail;

	if (fd == -1 || ioctl(fd, FIONREAD, &avail) == -1)
		return (0);
	return (avail);
}

/* A socketpair: the daemon reads fd, we write (and read back) on peer. */
int
fz_chan_open(struct fz_chan *c, int recv, int from, int daemon_side)
{
	int	sp[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0, sp) == -1) {
		perror("fuzz: socketpair");
		abort();
	}
	c->recv = recv;
	c->from = from;
	c->peer = sp[1];
	if (imsgbuf_init(&c->ib, c->peer) == -1)
		abort();
	imsgbuf_allow_fdpass(&c->ib);
	if (daemon_side) {
		c->fd = sp[0];
		return (sp[0]);
	}
	/* The daemon's end travels in a message: the caller sends it. */
	c->fd = -1;
	return (sp[0]);
}

/* A peer we already hold (a control client's socket). */
int
fz_chan_adopt_peer(struct fz_chan *c, int recv, int from, int fd, int peer)
{
	c->recv = recv;
	c->from = from;
	c->fd = fd;
	c->peer = peer;
	if (imsgbuf_init(&c->ib, peer) == -1)
		abort();
	imsgbuf_allow_fdpass(&c->ib);
	return (0);
}

void
fz_chan_close(struct fz_chan *c)
{
	if (c->peer != -1) {
		imsgbuf_clear(&c->ib);
		close(c->peer);
	}
	c->peer = -1;
	c->fd = -1;
}

/* An fd of a kind: a socket (one end of a datagram pair), /dev/null. */
int
fz_fd_make(int kind)
{
	int	sp[2];

	if (kind == FZ_CTL_FD_NULL)
		return (open("/dev/null", O_RDWR | O_CLOEXEC));
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp) == -1)
		return (-1);
	close(sp[1]);
	return (sp[0]);
}

/* A listening control socket, bound to an autobound abstract name. */
int
fz_listener(void)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return (-1);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sa_family_t)) == -1 ||
	    listen(fd, 16) == -1) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/* A client of that socket. */
int
fz_connect(int listenfd)
{
	struct sockaddr_un	 sun;
	socklen_t		 len = sizeof(sun);
	int			 fd;

	if (getsockname(listenfd, (struct sockaddr *)&sun, &len) == -1)
		return (-1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sun, len) == -1) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/* One message to the daemon; the fd is ours to lose either way. */
void
fz_send(struct fz_chan *c, uint32_t type, uint32_t peerid, pid_t pid,
    int fd, const void *data, size_t len)
{
	if (c->peer == -1) {
		if (fd != -1)
			close(fd);
		return;
	}
	if (imsg_compose(&c->ib, type, peerid, pid, fd, data, len) == -1) {
		if (fd != -1)
			close(fd);
		return;
	}
	if (imsgbuf_flush(&c->ib) == -1)
		imsgbuf_clear(&c->ib);	/* the daemon closed its end */
}

/* Bytes as they are, with an fd in SCM_RIGHTS if fd != -1. */
void
fz_send_raw(struct fz_chan *c, const void *data, size_t len, int fd)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	}		 cmsgbuf;
	struct cmsghdr	*cmsg;
	struct msghdr	 msg;
	struct iovec	 iov;

	if (c->peer == -1 || len == 0) {
		if (fd != -1)
			close(fd);
		return;
	}
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = (void *)(uintptr_t)data;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (fd != -1) {
		memset(&cmsgbuf, 0, sizeof(cmsgbuf));
		msg.msg_control = &cmsgbuf.buf;
		msg.msg_controllen = sizeof(cmsgbuf.buf);
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_len = CMSG_LEN(sizeof(int));
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	}
	(void)sendmsg(c->peer, &msg, MSG_NOSIGNAL);
	if (fd != -1)
		close(fd);
}

/*
 * Read what the daemon wrote to the process on the other side of this
 * channel, and check that it would take it: a process under test that
 * sends its peer something the peer calls malformed kills the peer.
 */
void
fz_collect(struct fz_chan *c)
{
	struct imsg	 imsg;
	const char	*why;
	int		 avail, n;

	if (c->peer == -1)
		return;
	for (;;) {
		if (ioctl(c->peer, FIONREAD, &avail) == -1 || avail <= 0)
			break;
		if ((n = imsgbuf_read(&c->ib)) == -1) {
			fprintf(stderr, "fuzz: %d sent a bad stream to %d: "
			    "%s\n", T->proc, c->from, strerror(errno));
			abort();
		}
		if (n == 0)
			break;
		while ((n = (imsgbuf_get)(&c->ib, &imsg)) == 1) {
			if (fz_show)
				fprintf(stderr, "sent to process %d: %s, %zu "
				    "bytes, pid %d\n", c->from, imsg_type_name(
				    imsg_get_type(&imsg)), imsg_get_len(&imsg),
				    (int)imsg_get_pid(&imsg));
			if (fz_acceptable(c->from, T->proc,
			    imsg_get_type(&imsg), imsg.data,
			    imsg_get_len(&imsg), imsg.buf != NULL &&
			    ibuf_fd_avail(imsg.buf), &why) == -1) {
				fprintf(stderr, "fuzz: process %d sent %s "
				    "(%zu bytes) that process %d rejects: "
				    "%s\n", T->proc, imsg_type_name(
				    imsg_get_type(&imsg)), imsg_get_len(&imsg),
				    c->from, why);
				abort();
			}
			(imsg_free)(&imsg);
		}
		if (n == -1)
			abort();
	}
}

/* The payload size a receiver insists on, (size_t)-1: not accepted. */
size_t
fz_exact_size(int recv, int from, uint32_t type)
{
	switch (recv) {
	case FZ_PROC_PARENT:
		if (from == FZ_PROC_FRONTEND) {
			switch (type) {
			case IMSG_OPEN_SOCKETS:
				return (sizeof(struct imsg_ifreq));
			case IMSG_LINK_GONE:
				return (sizeof(uint32_t));
			case IMSG_CTL_RELOAD:
				return (0);
			case IMSG_CTL_LOG_VERBOSE:
				return (sizeof(int));
			case IMSG_CTL_MANAGE:
				return (IF_NAMESIZE);
			}
		} else if (from == FZ_PROC_ENGINE) {
			switch (type) {
			case IMSG_CONFIGURE:
				return (sizeof(struct lease));
			case IMSG_DECONFIGURE:
				return (sizeof(struct imsg_deconf));
			}
		}
		break;
	case FZ_PROC_ENGINE:
		if (from == FZ_PROC_PARENT) {
			switch (type) {
			case IMSG_SOCKET_IPC:
			case IMSG_RELEASE_ALL:
			case IMSG_STARTUP:
			case IMSG_RECONF_END:
				return (0);
			case IMSG_RECONF_CONF:
				return (sizeof(struct leased_conf));
			case IMSG_RECONF_IFACE:
				return (sizeof(struct iface_conf));
			}
		} else if (from == FZ_PROC_FRONTEND) {
			switch (type) {
			case IMSG_DHCP_FRAME:
				return (sizeof(struct imsg_frame));
			case IMSG_LINK_STATE:
				return (sizeof(struct imsg_link));
			case IMSG_IFACE_READY:
				return (sizeof(struct imsg_iface_ready));
			case IMSG_LINK_GONE:
			case IMSG_UDP_SOCKET:
			case IMSG_CTL_SHOW_INTERFACE_INFO:
			case IMSG_CTL_SEND_REQUEST:
			case IMSG_CTL_RELEASE:
				return (sizeof(uint32_t));
			case IMSG_CTL_LOG_VERBOSE:
				return (sizeof(int));
			}
		}
		break;
	case FZ_PROC_FRONTEND:
		if (from == FZ_PROC_PARENT) {
			switch (type) {
			case IMSG_SOCKET_IPC:
			case IMSG_CONTROLFD:
			case IMSG_STARTUP:
			case IMSG_CTL_END:
			case IMSG_RECONF_END:
				return (0);
			case IMSG_RECONF_CONF:
				return (sizeof(struct leased_conf));
			case IMSG_RECONF_IFACE:
				return (sizeof(struct iface_conf));
			case IMSG_PACKET_SOCKET:
				return (sizeof(struct imsg_iface_ready));
			case IMSG_UDP_SOCKET:
				return (sizeof(struct imsg_udpsock));
			}
		} else if (from == FZ_PROC_ENGINE) {
			switch (type) {
			case IMSG_SEND_FRAME:
			case IMSG_SEND_UDP:
				return (sizeof(struct imsg_frame));
			case IMSG_CLOSE_UDP_SOCKET:
				return (sizeof(uint32_t));
			case IMSG_CTL_INTERFACE_INFO:
				return (sizeof(struct ctl_iface_info));
			case IMSG_CTL_END:
				return (0);
			}
		} else if (from == FZ_PROC_CLIENT) {
			switch (type) {
			case IMSG_CTL_RELOAD:
				return (0);
			case IMSG_CTL_LOG_VERBOSE:
				return (sizeof(int));
			case IMSG_CTL_SHOW_INTERFACE_INFO:
			case IMSG_CTL_SEND_REQUEST:
			case IMSG_CTL_RELEASE:
				return (sizeof(uint32_t));
			case IMSG_CTL_MANAGE:
				return (IF_NAMESIZE);
			}
		}
		break;
	case FZ_PROC_CLIENT:
		switch (type) {
		case IMSG_CTL_INTERFACE_INFO:
			return (sizeof(struct ctl_iface_info));
		case IMSG_CTL_END:
			return (0);
		}
		break;
	}
	return ((size_t)-1);
}

/*
 * The receiver's own checks, those that make it fatalx() (or, for a
 * client, that leasectl makes), stateless ones only.
 */
int
fz_acceptable(int recv, int from, uint32_t type, const void *data,
    size_t len, int hasfd, const char **why)
{
	int	relayed = T != NULL && T->relayed != NULL && T->relayed(type);

	struct imsg_iface_ready	 ready;
	struct imsg_frame	 frame;
	struct imsg_link	 link;
	struct imsg_ifreq	 req;
	struct lease		 l;
	size_t			 want;
	int			 v;

	*why = "unexpected type";
	if ((want = fz_exact_size(recv, from, type)) == (size_t)-1)
		return (-1);
	*why = "wrong size";
	if (len != want)
		return (-1);
	*why = "fd missing";
	if (recv == FZ_PROC_FRONTEND && from == FZ_PROC_PARENT && !hasfd &&
	    (type == IMSG_SOCKET_IPC || type == IMSG_CONTROLFD ||
	    type == IMSG_PACKET_SOCKET || type == IMSG_UDP_SOCKET))
		return (-1);
	if (recv == FZ_PROC_ENGINE && type == IMSG_SOCKET_IPC && !hasfd)
		return (-1);

	/* Then the sender is the parent, and the parent is trusted. */
	if (relayed)
		return (0);
	*why = "bad content";
	switch (type) {
	case IMSG_CTL_LOG_VERBOSE:
		memcpy(&v, data, sizeof(v));
		if (v < 0 || v > 3)
			return (-1);
		break;
	case IMSG_OPEN_SOCKETS:
		memcpy(&req, data, sizeof(req));
		if (validate_ifname(req.ifname, sizeof(req.ifname)) == -1)
			return (-1);
		break;
	case IMSG_CONFIGURE:
		memcpy(&l, data, sizeof(l));
		if (validate_lease(&l, NULL, 0) == -1)
			return (-1);
		break;
	case IMSG_LINK_STATE:
		memcpy(&link, data, sizeof(link));
		if (memchr(link.ifname, '\0', sizeof(link.ifname)) == NULL)
			return (-1);
		break;
	case IMSG_IFACE_READY:
		memcpy(&ready, data, sizeof(ready));
		if (memchr(ready.ifname, '\0', sizeof(ready.ifname)) == NULL ||
		    (ready.have_lease &&
		    validate_lease(&ready.lease, NULL, 0) == -1))
			return (-1);
		break;
	case IMSG_DHCP_FRAME:
	case IMSG_SEND_FRAME:
	case IMSG_SEND_UDP:
		memcpy(&frame, data, sizeof(frame));
		if (frame.len > sizeof(frame.frame) ||
		    (type != IMSG_DHCP_FRAME && frame.len == 0))
			return (-1);
		break;
	}
	return (0);
}

/* Every fd open now; fz_fd_sweep() closes whatever came after. */
void
fz_fd_snapshot(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	memset(fd_open, 0, sizeof(fd_open));
	if ((d = opendir("/proc/self/fd")) == NULL)
		abort();
	while ((de = readdir(d)) != NULL) {
		fd = atoi(de->d_name);
		if (de->d_name[0] != '.' && fd >= 0 && fd < FD_SLOTS)
			fd_open[fd / 8] |= 1 << (fd % 8);
	}
	closedir(d);
}

int
fz_fd_sweep(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd, n = 0, dfd;

	if ((d = opendir("/proc/self/fd")) == NULL)
		abort();
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		fd = atoi(de->d_name);
		if (fd == dfd || fd < 0 || fd >= FD_SLOTS ||
		    (fd_open[fd / 8] & (1 << (fd % 8))))
			continue;
		close(fd);
		n++;
	}
	closedir(d);
	return (n);
}

/* The natural fd of a type on a channel, else one the ctl asks for. */
static int
fz_fd_for(int ctl, int chan, uint32_t type)
{
	switch (ctl & FZ_CTL_FD_MASK) {
	case FZ_CTL_FD_NONE:
		return (-1);
	case FZ_CTL_FD_SOCK:
	case FZ_CTL_FD_NULL:
		return (fz_fd_make(ctl & FZ_CTL_FD_MASK));
	default:
		return (T->auto_fd != NULL ? T->auto_fd(chan, type) : -1);
	}
}

static void
run_records(void)
{
	struct fz_chan	*c;
	uint8_t		 chan, type, ctl, pid, lo, hi;
	size_t		 len, want;
	int		 n, fd;

	for (n = 0; n < FZ_MAX_RECORDS && in.left >= FZ_RECORD_HDR; n++) {
		fz_u8(&in, &chan);
		fz_u8(&in, &type);
		fz_u8(&in, &ctl);
		fz_u8(&in, &pid);
		fz_u8(&in, &lo);
		fz_u8(&in, &hi);
		chan %= T->nchan;
		last_chan = chan;
		len = (size_t)lo | (size_t)hi << 8;
		c = T->chan(chan, 1);
		if (ctl & FZ_CTL_EXACT) {
			want = fz_exact_size(T->proc,
			    c != NULL ? c->from : FZ_PROC_KERNEL, type);
			if (want != (size_t)-1)
				len = want;
		}
		if (len > sizeof(payload) - IMSG_HEADER_SIZE)
			len = sizeof(payload) - IMSG_HEADER_SIZE;
		fz_take(&in, payload, len);
		if (T->raw != NULL && T->raw(chan, payload, len) == 0) {
			T->pump();
			continue;
		}
		if (c == NULL)
			continue;
		if (fz_skip_known && T->known != NULL)
			T->known(chan, type, payload, len);
		fd = fz_fd_for(ctl, chan, type);
		fz_send(c, type, 0, pid, fd, payload, len);
		T->dispatch(chan, EV_READ);
		T->pump();
	}
}

static void
run_raw(void)
{
	struct fz_chan	*c;
	uint8_t		 chan = 0, ctl = 0;
	size_t		 chunk, n;
	int		 fd;

	fz_u8(&in, &chan);
	fz_u8(&in, &ctl);
	chan %= T->nchan;
	last_chan = chan;
	chunk = (size_t)(ctl & 0x0f) * FZ_CHUNK_UNIT;
	if (chunk == 0)
		chunk = sizeof(payload);
	fd = (ctl & FZ_CTL_RAW_FD) ? fz_fd_make(FZ_CTL_FD_SOCK) : -1;
	while (in.left > 0) {
		n = fz_take(&in, payload, chunk < in.left ? chunk : in.left);
		if (T->raw != NULL && T->raw(chan, payload, n) == 0) {
			T->pump();
			continue;
		}
		if ((c = T->chan(chan, 1)) == NULL)
			break;
		fz_send_raw(c, payload, n, fd);
		fd = -1;
		T->dispatch(chan, EV_READ);
		T->pump();
	}
	if (fd != -1)
		close(fd);
}

/* The last channel used closes: the process sees its peer go. */
static void
run_eof(void)
{
	struct fz_chan	*c;

	if ((c = T->chan(last_chan, 0)) == NULL || c->peer == -1)
		return;
	shutdown(c->peer, SHUT_WR);
	T->dispatch(last_chan, EV_READ);
}

int
fz_run(const struct fz_target *t, const uint8_t *data, size_t size)
{
	static volatile int	 fataled;
	uint8_t			 flags = 0;
	int			 stray;

	T = t;
	fz_inputs++;
	in.p = data;
	in.left = size;
	last_chan = 0;
	fz_fd_snapshot();
	fz_u8(&in, &flags);
	fz_verbose = (flags & FZ_VERBOSE) ? 2 : 0;
	fz_never_fatal = 0;

	if (sigsetjmp(fz_jmp, 0) != 0) {
		fprintf(stderr, "fuzz: fatal during set-up: %s\n",
		    fz_last_fatal);
		abort();
	}
	fz_armed = 1;
	T->setup(flags);

	fataled = 0;
	if (sigsetjmp(fz_jmp, 0) == 0) {
		if (flags & FZ_RAW)
			run_raw();
		else
			run_records();
		if (flags & FZ_EOF)
			run_eof();
	} else {
		/* The right end for a malformed message from a peer. */
		fz_fatals++;
		fataled = 1;
		/* config_recv() took the struct, then found it bad. */
		if (fz_cur_set && fz_cur_parent &&
		    fz_cur_type == IMSG_RECONF_CONF && fz_conf == FZ_CONF_NONE)
			fz_conf = FZ_CONF_GARBAGE;
		/* Or took an interface's and found it bad. */
		if (fz_cur_set && fz_cur_parent &&
		    fz_cur_type == IMSG_RECONF_IFACE && fz_last_alloc != NULL)
			free(fz_last_alloc);
		fz_last_alloc = NULL;
		fz_cur_release();
	}
	fz_never_fatal = 0;

	if (sigsetjmp(fz_jmp, 0) != 0) {
		fprintf(stderr, "fuzz: fatal during tear-down: %s\n",
		    fz_last_fatal);
		abort();
	}
	T->teardown();
	fz_cur_release();
	fz_conf_reset();
	fz_armed = 0;
	fz_event_reset();
	/*
	 * Whatever is still open was lost: by a fatal() (the process would
	 * be gone) or, with FUZZ_FD_STRICT, a leak worth a look.
	 */
	stray = fz_fd_sweep();
	fz_strays += stray;
	if (stray > 0 && !fataled && fz_fd_strict) {
		fprintf(stderr, "fuzz: %d fds left open\n", stray);
		abort();
	}
	return (0);
}

/*
 * Seeds: each target writes its corpus when FUZZ_MKSEEDS names a
 * directory (see the targets' LLVMFuzzerInitialize).
 */
static uint8_t	seed[256 * 1024];
static size_t	seedlen;

void
fz_seed_begin(uint8_t flags)
{
	seed[0] = flags;
	seedlen = 1;
}

void
fz_seed_bytes(const void *p, size_t len)
{
	if (len == 0)
		return;
	if (seedlen + len > sizeof(seed))
		abort();
	memcpy(seed + seedlen, p, len);
	seedlen += len;
}

void
fz_seed_rec(uint8_t chan, uint32_t type, uint8_t ctl, uint8_t pid,
    const void *data, size_t len)
{
	uint8_t	hdr[FZ_RECORD_HDR];

	hdr[0] = chan;
	hdr[1] = (uint8_t)type;
	hdr[2] = ctl;
	hdr[3] = pid;
	hdr[4] = len & 0xff;
	hdr[5] = (len >> 8) & 0xff;
	fz_seed_bytes(hdr, sizeof(hdr));
	fz_seed_bytes(data, len);
}

/* A raw stream seed: a valid imsg as the peer would frame it. */
void
fz_seed_imsg(uint32_t type, uint32_t pid, const void *data, size_t len)
{
	struct imsg_hdr	hdr;

	memset(&hdr, 0, sizeof(hdr));
	hdr.type = type;
	hdr.len = IMSG_HEADER_SIZE + len;
	hdr.pid = pid;
	fz_seed_bytes(&hdr, sizeof(hdr));
	fz_seed_bytes(data, len);
}

void
fz_seed_write(const char *dir, const char *name)
{
	char	 path[1024];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(seed, 1, seedlen, f) != seedlen || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* A file's bytes, for seeds made from another corpus. */
size_t
fz_seed_file(const char *path, void *buf, size_t len)
{
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	n = fread(buf, 1, len, f);
	fclose(f);
	return (n);
}

/* The configuration the start-up messages carry. */
void
fz_conf_default(struct leased_conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->lease_dir, sizeof(c->lease_dir), "/var/db/leased");
	snprintf(c->resolv_conf, sizeof(c->resolv_conf), "/etc/resolv.conf");
}

void
fz_iface_default(struct iface_conf *ic, const char *name)
{
	memset(ic, 0, sizeof(*ic));
	snprintf(ic->name, sizeof(ic->name), "%s", name);
	snprintf(ic->host_name, sizeof(ic->host_name), "fuzzhost");
	snprintf(ic->vendor_class_id, sizeof(ic->vendor_class_id), "leased");
}
