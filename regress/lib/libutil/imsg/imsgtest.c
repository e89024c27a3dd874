/*
 * Regress for lib/libutil imsg and ibuf: what goes into an imsgbuf comes
 * out of its peer unchanged, hostile framing is refused, fds travel only
 * when asked for and never leak.
 */

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <arpa/inet.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "regress.h"

#define FD_MARK		0x80000000U
#define MAXPAYLOAD	(MAX_IMSGSIZE - IMSG_HEADER_SIZE)

struct chan {
	int		sv[2];	/* [0] writer side, [1] reader side */
	struct imsgbuf	w;
	struct imsgbuf	r;
};

static void	chan_open(struct chan *);
static void	chan_close(struct chan *);
static void	nonblock(int);
static int	nfds(void);
static int	is_closed(int);
static int	deliver(struct imsgbuf *, struct imsgbuf *);
static int	get(struct imsgbuf *, struct imsg *);
static int	next(struct imsgbuf *, struct imsg *);
static void	fill(unsigned char *, size_t, unsigned int);
static void	raw_hdr(struct imsg_hdr *, uint32_t, uint32_t);
static int	send_fds(int, const void *, size_t, const int *, int);
static void	test_compose(void);
static void	test_forward(void);
static void	test_maxsize(void);
static void	test_forged(void);
static void	test_fdpass(void);
static void	test_fdpass_off(void);
static void	test_fd_leaks(void);
static void	test_seccomp(void);
static void	test_accessors(void);
static void	test_split(void);
static void	test_stream(void);
static void	test_ibuf(void);

static void
chan_open(struct chan *c)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, c->sv) == -1) {
		perror("socketpair");
		exit(2);
	}
	nonblock(c->sv[0]);
	nonblock(c->sv[1]);
	if (imsgbuf_init(&c->w, c->sv[0]) == -1 ||
	    imsgbuf_init(&c->r, c->sv[1]) == -1) {
		perror("imsgbuf_init");
		exit(2);
	}
}

static void
chan_close(struct chan *c)
{
	imsgbuf_clear(&c->w);
	imsgbuf_clear(&c->r);
	if (c->sv[0] != -1)
		close(c->sv[0]);
	if (c->sv[1] != -1)
		close(c->sv[1]);
}

static void
nonblock(int fd)
{
	int	fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		perror("fcntl");
		exit(2);
	}
}

/* Open fds of this process (the directory's own fd counts in each). */
static int
nfds(void)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL) {
		perror("/proc/self/fd");
		exit(2);
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return (n);
}

static int
is_closed(int fd)
{
	return (fcntl(fd, F_GETFD) == -1 && errno == EBADF);
}

/*
 * Write everything w has queued and read all of it into r.  Returns 1,
 * or what the failing imsgbuf_read or imsgbuf_write returned.
 */
static int
deliver(struct imsgbuf *w, struct imsgbuf *r)
{
	struct pollfd	pfd;
	int		i, rv;

	for (i = 0; i < 100000 && imsgbuf_queuelen(w) > 0; i++) {
		if (imsgbuf_write(w) == -1)
			return (-1);
		if ((rv = imsgbuf_read(r)) != 1)
			return (rv);
	}
	if (imsgbuf_queuelen(w) > 0)
		return (-1);
	pfd.fd = r->fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN)) {
		if ((rv = imsgbuf_read(r)) != 1)
			return (rv);
	}
	return (1);
}

/* imsgbuf_get, leaving m safe to imsg_free() when nothing came. */
static int
get(struct imsgbuf *r, struct imsg *m)
{
	memset(m, 0, sizeof(*m));
	return (imsgbuf_get(r, m));
}

/* Next message, reading more if none is framed yet. */
static int
next(struct imsgbuf *r, struct imsg *m)
{
	struct pollfd	pfd;
	int		rv;

	for (;;) {
		if ((rv = get(r, m)) != 0)
			return (rv);
		pfd.fd = r->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 0) != 1)
			return (0);
		if ((rv = imsgbuf_read(r)) != 1)
			return (rv);
	}
}

static void
fill(unsigned char *p, size_t len, unsigned int seed)
{
	size_t	i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

static void
raw_hdr(struct imsg_hdr *h, uint32_t type, uint32_t len)
{
	memset(h, 0, sizeof(*h));
	h->type = type;
	h->len = len;
	h->peerid = 0;
	h->pid = 1;
}

static int
send_fds(int s, const void *data, size_t len, const int *fds, int nfd)
{
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	union {
		struct cmsghdr	hdr;
		unsigned char	space[CMSG_SPACE(sizeof(int) * 4)];
	} cm;

	memset(&msg, 0, sizeof(msg));
	memset(&cm, 0, sizeof(cm));
	iov.iov_base = (void *)(uintptr_t)data;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.space;
	msg.msg_controllen = CMSG_SPACE(sizeof(int) * nfd);
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int) * nfd);
	memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * nfd);
	return (sendmsg(s, &msg, 0) == (ssize_t)len ? 0 : -1);
}

static void
test_compose(void)
{
	struct chan	 c;
	struct imsg	 m;
	struct ibuf	*b;
	struct iovec	 iov[3];
	unsigned char	 big[300], got[300];
	char		 s[16];
	uint32_t	 v32;
	ssize_t		 n;

	chan_open(&c);

	OK(imsg_compose(&c.w, 7, 42, 0, -1, "hello", 6) == 1,
	    "imsg_compose queues a message");
	OK(imsg_compose(&c.w, 8, 43, 1234, -1, NULL, 0) == 1,
	    "imsg_compose queues an empty message");
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "cde";
	iov[2].iov_len = 4;
	OK(imsg_composev(&c.w, 9, 44, 0, -1, iov, 3) == 1,
	    "imsg_composev queues a gathered message");
	OK(imsgbuf_queuelen(&c.w) == 3, "queuelen counts queued messages");

	OK((b = ibuf_dynamic(0, 64)) != NULL, "ibuf_dynamic");
	OK(ibuf_add_n32(b, 0xdeadbeef) == 0 && ibuf_add(b, "xyz", 4) == 0,
	    "payload ibuf filled");
	OK(imsg_compose_ibuf(&c.w, 10, 45, 0, b) == 1,
	    "imsg_compose_ibuf queues a message");

	fill(big, sizeof(big), 3);
	b = imsg_create(&c.w, 11, 46, 0, 100);
	OK(b != NULL, "imsg_create starts a message");
	OK(imsg_add(b, big, 100) == 100, "imsg_add appends the promised size");
	OK(imsg_add(b, big + 100, 200) == 200,
	    "imsg_add grows past the promised size within maxsize");
	imsg_close(&c.w, b);

	OK(deliver(&c.w, &c.r) == 1, "messages delivered");
	OK(imsgbuf_queuelen(&c.w) == 0, "queue empty after writing");

	OK(get(&c.r, &m) == 1, "compose: message received");
	OK(imsg_get_type(&m) == 7 && m.hdr.type == 7, "compose: type");
	OK(imsg_get_id(&m) == 42, "compose: peerid");
	OK(imsg_get_pid(&m) == getpid(), "compose: pid 0 means our pid");
	OK(m.hdr.len == IMSG_HEADER_SIZE + 6, "compose: hdr.len");
	OK(imsg_get_len(&m) == 6, "compose: payload length");
	OK(m.data != NULL && memcmp(m.data, "hello", 6) == 0,
	    "compose: payload through imsg.data");
	OK(imsg_get_data(&m, s, 6) == 0 && strcmp(s, "hello") == 0,
	    "compose: payload through imsg_get_data");
	OK(imsg_get_fd(&m) == -1, "compose: no fd");
	imsg_free(&m);

	OK(get(&c.r, &m) == 1, "empty: message received");
	OK(imsg_get_type(&m) == 8 && imsg_get_id(&m) == 43,
	    "empty: type and peerid");
	OK(imsg_get_pid(&m) == 1234, "empty: explicit pid kept");
	OK(m.data == NULL && imsg_get_len(&m) == 0 &&
	    m.hdr.len == IMSG_HEADER_SIZE, "empty: no payload, data NULL");
	imsg_free(&m);

	OK((n = imsg_get(&c.r, &m)) == IMSG_HEADER_SIZE + 6,
	    "composev: legacy imsg_get returns header + payload length");
	OK(imsg_get_type(&m) == 9 && imsg_get_id(&m) == 44,
	    "composev: type and peerid");
	OK(imsg_get_data(&m, s, 6) == 0 && memcmp(s, "abcde", 6) == 0,
	    "composev: iovecs gathered in order");
	imsg_free(&m);

	OK(get(&c.r, &m) == 1, "compose_ibuf: message received");
	OK(imsg_get_type(&m) == 10 && imsg_get_id(&m) == 45 &&
	    imsg_get_pid(&m) == getpid(), "compose_ibuf: header fields");
	OK(imsg_get_len(&m) == 8, "compose_ibuf: payload length");
	OK(imsg_get_buf(&m, &v32, sizeof(v32)) == 0 &&
	    ntohl(v32) == 0xdeadbeef, "compose_ibuf: network order kept");
	OK(imsg_get_data(&m, s, 4) == 0 && strcmp(s, "xyz") == 0,
	    "compose_ibuf: rest of payload");
	imsg_free(&m);

	OK(get(&c.r, &m) == 1, "create/add/close: message received");
	OK(imsg_get_type(&m) == 11 && imsg_get_id(&m) == 46,
	    "create/add/close: type and peerid");
	OK(m.hdr.len == IMSG_HEADER_SIZE + 300,
	    "create/add/close: imsg_close sets the length");
	OK(imsg_get_data(&m, got, 300) == 0 && memcmp(got, big, 300) == 0,
	    "create/add/close: payload");
	imsg_free(&m);

	OK(get(&c.r, &m) == 0, "nothing more to get");
	OK(imsgbuf_write(&c.w) == 0, "imsgbuf_write with empty queue is 0");
	OK(imsgbuf_flush(&c.w) == 0, "imsgbuf_flush with empty queue is 0");
	chan_close(&c);
}

static void
test_forward(void)
{
	struct chan	 a, b;
	struct imsg	 m;
	struct imsg_hdr	 h;
	unsigned char	 data[40], got[40];
	int		 p[2], base;

	chan_open(&a);
	chan_open(&b);
	imsgbuf_allow_fdpass(&a.r);
	imsgbuf_allow_fdpass(&b.r);
	base = nfds();
	if (pipe(p) == -1)
		exit(2);
	close(p[0]);

	fill(data, sizeof(data), 9);
	OK(imsg_compose(&a.w, 20, 77, 4321, p[1], data, sizeof(data)) == 1,
	    "forward: compose with fd");
	OK(deliver(&a.w, &a.r) == 1 && get(&a.r, &m) == 1,
	    "forward: first hop received");
	OK(imsg_get_buf(&m, got, 5) == 0, "forward: part of payload read");
	OK(imsg_forward(&b.w, &m) == 1, "imsg_forward queues the message");
	imsg_free(&m);
	OK(deliver(&b.w, &b.r) == 1 && get(&b.r, &m) == 1,
	    "forward: second hop received");
	OK(imsg_get_type(&m) == 20 && imsg_get_id(&m) == 77 &&
	    imsg_get_pid(&m) == 4321, "forward: type, peerid and pid kept");
	OK(imsg_get_data(&m, got, sizeof(got)) == 0 &&
	    memcmp(got, data, sizeof(data)) == 0,
	    "forward: whole payload, even after a partial read");
	OK(imsg_get_fd(&m) == -1 && m.hdr.len == IMSG_HEADER_SIZE + 40,
	    "forward: the fd is not forwarded");
	imsg_free(&m);
	OK(nfds() == base, "forward: no fd left behind");

	/* A pid of 0 on the wire stays 0, it is not replaced by ours. */
	memset(&h, 0, sizeof(h));
	h.type = 21;
	h.len = IMSG_HEADER_SIZE;
	if (write(a.sv[0], &h, sizeof(h)) != sizeof(h))
		exit(2);
	OK(next(&a.r, &m) == 1 && imsg_get_pid(&m) == 0 &&
	    imsg_forward(&b.w, &m) == 1, "forward: message with pid 0");
	imsg_free(&m);
	OK(deliver(&b.w, &b.r) == 1 && get(&b.r, &m) == 1 &&
	    imsg_get_type(&m) == 21 && imsg_get_pid(&m) == 0,
	    "forward: pid 0 kept");
	imsg_free(&m);
	chan_close(&a);
	chan_close(&b);
}

static void
test_maxsize(void)
{
	struct chan	 c;
	struct imsg	 m;
	struct ibuf	*b;
	struct iovec	 iov[2];
	unsigned char	*big, *got;
	size_t		 bigsz = 100000;

	if ((big = malloc(bigsz + 1)) == NULL ||
	    (got = malloc(bigsz + 1)) == NULL)
		exit(2);
	fill(big, bigsz + 1, 5);
	chan_open(&c);

	OK(c.w.maxsize == MAX_IMSGSIZE, "default maxsize is MAX_IMSGSIZE");
	OK(imsg_compose(&c.w, 1, 0, 0, -1, big, MAXPAYLOAD) == 1,
	    "compose a maximum-size message");
	errno = 0;
	OK(imsg_compose(&c.w, 1, 0, 0, -1, big, MAXPAYLOAD + 1) == -1 &&
	    errno == ERANGE, "compose one byte over: ERANGE");
	OK(imsgbuf_queuelen(&c.w) == 1, "refused message not queued");
	OK(deliver(&c.w, &c.r) == 1 && get(&c.r, &m) == 1,
	    "maximum-size message received");
	OK(m.hdr.len == MAX_IMSGSIZE && imsg_get_data(&m, got,
	    MAXPAYLOAD) == 0 && memcmp(got, big, MAXPAYLOAD) == 0,
	    "maximum-size message intact");
	imsg_free(&m);

	OK((b = imsg_create(&c.w, 2, 0, 0, MAXPAYLOAD)) != NULL,
	    "imsg_create of maximum size");
	ibuf_free(b);
	errno = 0;
	OK(imsg_create(&c.w, 2, 0, 0, MAXPAYLOAD + 1) == NULL &&
	    errno == ERANGE, "imsg_create one byte over: ERANGE");
	errno = 0;
	OK(imsg_create(&c.w, 2, 0, 0, SIZE_MAX) == NULL && errno == ERANGE,
	    "imsg_create of SIZE_MAX: ERANGE, no wrap");
	b = imsg_create(&c.w, 2, 0, 0, 0);
	OK(b != NULL && imsg_add(b, big, MAXPAYLOAD) == MAXPAYLOAD,
	    "imsg_add up to maxsize");
	errno = 0;
	OK(imsg_add(b, big, 1) == -1 && errno == ERANGE,
	    "imsg_add one byte over: ERANGE (and frees the message)");

	iov[0].iov_base = big;
	iov[0].iov_len = MAXPAYLOAD;
	iov[1].iov_base = big;
	iov[1].iov_len = 1;
	errno = 0;
	OK(imsg_composev(&c.w, 3, 0, 0, -1, iov, 2) == -1 && errno == ERANGE,
	    "imsg_composev one byte over: ERANGE");
	iov[1].iov_len = SIZE_MAX;
	errno = 0;
	OK(imsg_composev(&c.w, 3, 0, 0, -1, iov, 2) == -1 && errno == ERANGE,
	    "imsg_composev with lengths summing past SIZE_MAX: ERANGE");
	b = ibuf_open(MAXPAYLOAD + 1);
	OK(b != NULL && ibuf_add(b, big, MAXPAYLOAD + 1) == 0, "big ibuf");
	errno = 0;
	OK(imsg_compose_ibuf(&c.w, 4, 0, 0, b) == -1 && errno == ERANGE,
	    "imsg_compose_ibuf one byte over: ERANGE (buf consumed)");
	OK(imsgbuf_queuelen(&c.w) == 0, "nothing queued by the refusals");

	errno = 0;
	OK(imsgbuf_set_maxsize(&c.w, UINT32_MAX - IMSG_HEADER_SIZE + 1) == -1 &&
	    errno == ERANGE, "set_maxsize past UINT32_MAX: ERANGE");
	errno = 0;
	OK(imsgbuf_set_maxsize(&c.w, 0x80000000U - IMSG_HEADER_SIZE) == -1 &&
	    errno == EINVAL, "set_maxsize reaching the fd bit: EINVAL");
	OK(imsgbuf_set_maxsize(&c.w, 0x7fffffffU - IMSG_HEADER_SIZE) == 0 &&
	    c.w.maxsize == 0x7fffffffU, "set_maxsize just below the fd bit");
	OK(imsgbuf_set_maxsize(&c.w, 8) == 0 &&
	    c.w.maxsize == 8 + IMSG_HEADER_SIZE, "set_maxsize adds the header");
	errno = 0;
	OK(imsg_compose(&c.w, 5, 0, 0, -1, big, 9) == -1 && errno == ERANGE,
	    "a lowered maxsize is enforced on compose");

	/* Larger than the read buffer: assembled over many reads. */
	OK(imsgbuf_set_maxsize(&c.w, bigsz) == 0 &&
	    imsgbuf_set_maxsize(&c.r, bigsz) == 0, "set_maxsize both sides");
	OK(imsg_compose(&c.w, 6, 0, 0, -1, big, bigsz) == 1,
	    "compose a message larger than the read buffer");
	OK(deliver(&c.w, &c.r) == 1 && get(&c.r, &m) == 1 &&
	    imsg_get_data(&m, got, bigsz) == 0 &&
	    memcmp(got, big, bigsz) == 0, "large message reassembled");
	imsg_free(&m);

	/* The receiver's limit, not the sender's, decides. */
	c.r.maxsize = MAX_IMSGSIZE;
	OK(imsg_compose(&c.w, 7, 0, 0, -1, big, MAXPAYLOAD + 1) == 1,
	    "sender with a larger limit composes");
	errno = 0;
	OK(deliver(&c.w, &c.r) == -1 && errno == ERANGE,
	    "receiver refuses a message over its maxsize: ERANGE");
	chan_close(&c);
	free(big);
	free(got);
}

static void
test_forged(void)
{
	static const struct {
		uint32_t	 len;
		const char	*what;
	} bad[] = {
		{ 0, "length 0" },
		{ 15, "length 15 (shorter than the header)" },
		{ MAX_IMSGSIZE + 1, "length maxsize + 1" },
		{ 0x7fffffffU, "length 0x7fffffff" },
		{ FD_MARK | 15, "fd bit with length 15" },
		{ FD_MARK | (MAX_IMSGSIZE + 1),
		    "fd bit with length maxsize + 1" },
		{ UINT32_MAX, "length 0xffffffff" },
	};
	struct chan	 c;
	struct imsg	 m;
	struct imsg_hdr	 h[2];
	unsigned char	*msg;
	size_t		 i;
	int		 p[2], base, ok;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		chan_open(&c);
		raw_hdr(&h[0], 1, bad[i].len);
		if (write(c.sv[0], &h[0], sizeof(h[0])) != sizeof(h[0]))
			exit(2);
		errno = 0;
		OK(imsgbuf_read(&c.r) == -1 && errno == ERANGE,
		    "forged %s: imsgbuf_read fails with ERANGE", bad[i].what);
		errno = 0;
		OK(get(&c.r, &m) == -1 && errno == ERANGE,
		    "forged %s: imsgbuf_get fails with ERANGE", bad[i].what);
		chan_close(&c);
	}

	/* Exactly the limits are fine. */
	chan_open(&c);
	if ((msg = calloc(1, MAX_IMSGSIZE)) == NULL)
		exit(2);
	raw_hdr((struct imsg_hdr *)msg, 2, MAX_IMSGSIZE);
	raw_hdr(&h[0], 3, IMSG_HEADER_SIZE);
	if (write(c.sv[0], msg, MAX_IMSGSIZE) != MAX_IMSGSIZE ||
	    write(c.sv[0], &h[0], sizeof(h[0])) != sizeof(h[0]))
		exit(2);
	ok = deliver(&c.w, &c.r) == 1 && get(&c.r, &m) == 1 &&
	    imsg_get_type(&m) == 2 && imsg_get_len(&m) == MAXPAYLOAD;
	imsg_free(&m);
	OK(ok, "raw header with length maxsize accepted");
	ok = get(&c.r, &m) == 1 && imsg_get_type(&m) == 3 &&
	    imsg_get_len(&m) == 0 && m.data == NULL;
	imsg_free(&m);
	OK(ok, "raw header with length 16 accepted");
	free(msg);
	chan_close(&c);

	/* Messages before the bad header are still delivered. */
	chan_open(&c);
	raw_hdr(&h[0], 4, IMSG_HEADER_SIZE);
	raw_hdr(&h[1], 5, 3);
	if (write(c.sv[0], h, sizeof(h)) != sizeof(h))
		exit(2);
	errno = 0;
	OK(imsgbuf_read(&c.r) == -1 && errno == ERANGE,
	    "good then forged header: read fails with ERANGE");
	OK(get(&c.r, &m) == 1 && imsg_get_type(&m) == 4,
	    "the message before the forged header is delivered");
	imsg_free(&m);
	errno = 0;
	OK(get(&c.r, &m) == -1 && errno == ERANGE,
	    "then imsgbuf_get fails with ERANGE");
	raw_hdr(&h[0], 6, IMSG_HEADER_SIZE);
	if (write(c.sv[0], &h[0], sizeof(h[0])) != sizeof(h[0]))
		exit(2);
	errno = 0;
	OK(imsgbuf_read(&c.r) == -1 && errno == ERANGE,
	    "the buffer stays dead: later reads fail with ERANGE");
	chan_close(&c);

	/* An fd that came with a forged header is closed. */
	chan_open(&c);
	imsgbuf_allow_fdpass(&c.r);
	base = nfds();
	if (pipe(p) == -1)
		exit(2);
	raw_hdr(&h[0], 7, FD_MARK | 2);
	if (send_fds(c.sv[0], &h[0], sizeof(h[0]), &p[1], 1) == -1)
		exit(2);
	close(p[0]);
	close(p[1]);
	errno = 0;
	OK(imsgbuf_read(&c.r) == -1 && errno == ERANGE,
	    "forged header carrying an fd: ERANGE");
	OK(nfds() == base, "forged header carrying an fd: fd closed");
	chan_close(&c);
}

static void
test_fdpass(void)
{
	struct chan	 c;
	struct imsg	 m;
	char		 x;
	int		 p[2], q[2], fd, fd2, base, sent;

	chan_open(&c);
	imsgbuf_allow_fdpass(&c.r);
	OK(c.r.flags & IMSG_ALLOW_FDPASS,
	    "imsgbuf_allow_fdpass sets IMSG_ALLOW_FDPASS");
	OK(!(c.w.flags & IMSG_ALLOW_FDPASS), "fd passing is off by default");
	base = nfds();
	if (pipe(p) == -1 || pipe(q) == -1)
		exit(2);
	sent = p[1];

	OK(imsg_compose(&c.w, 1, 0, 0, -1, "a", 1) == 1 &&
	    imsg_compose(&c.w, 2, 0, 0, p[1], "b", 1) == 1 &&
	    imsg_compose(&c.w, 3, 0, 0, -1, "c", 1) == 1 &&
	    imsg_compose(&c.w, 4, 0, 0, q[1], "d", 1) == 1,
	    "fdpass: messages with and without fds queued");
	OK(imsgbuf_flush(&c.w) == 0, "fdpass: flushed");
	OK(is_closed(sent),
	    "fdpass: the sender's copy is closed after sending");

	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 1 &&
	    imsg_get_fd(&m) == -1, "fdpass: message without fd has none");
	imsg_free(&m);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 2,
	    "fdpass: message with fd received");
	OK(m.hdr.len == IMSG_HEADER_SIZE + 1, "fdpass: hdr.len has no fd bit");
	fd = imsg_get_fd(&m);
	OK(fd >= 0, "fdpass: the fd arrives on its message");
	OK(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	    "fdpass: received fd is close-on-exec");
	OK(fd >= 0 && write(fd, "z", 1) == 1 && read(p[0], &x, 1) == 1 &&
	    x == 'z', "fdpass: received fd is the pipe and usable");
	OK(imsg_get_fd(&m) == -1, "fdpass: imsg_get_fd hands it over once");
	imsg_free(&m);
	if (fd >= 0)
		close(fd);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 3 &&
	    imsg_get_fd(&m) == -1, "fdpass: the next message has no fd");
	imsg_free(&m);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 4,
	    "fdpass: second message with fd received");
	fd2 = imsg_get_fd(&m);
	OK(fd2 >= 0 && write(fd2, "y", 1) == 1 && read(q[0], &x, 1) == 1 &&
	    x == 'y', "fdpass: second fd is the second pipe");
	imsg_free(&m);
	if (fd2 >= 0)
		close(fd2);
	close(p[0]);
	close(q[0]);
	OK(nfds() == base, "fdpass: no fd left behind");

	/* Unclaimed: imsg_free closes it. */
	if (pipe(p) == -1)
		exit(2);
	close(p[0]);
	OK(imsg_compose(&c.w, 5, 0, 0, p[1], NULL, 0) == 1 &&
	    deliver(&c.w, &c.r) == 1 && get(&c.r, &m) == 1 &&
	    ibuf_fd_avail(m.buf), "fdpass: message with fd not claimed");
	imsg_free(&m);
	OK(nfds() == base, "fdpass: imsg_free closes an unclaimed fd");

	/* EPIPE through sendmsg as well. */
	if (pipe(p) == -1)
		exit(2);
	close(p[0]);
	close(c.sv[1]);
	c.sv[1] = -1;
	OK(imsg_compose(&c.w, 6, 0, 0, p[1], "e", 1) == 1,
	    "fdpass: queued to a closed peer");
	errno = 0;
	OK(imsgbuf_write(&c.w) == -1 && errno == EPIPE,
	    "fdpass: EPIPE when the peer has closed");
	chan_close(&c);
	/* base counted both ends of the channel, now closed too. */
	OK(nfds() == base - 2, "fdpass: clearing closes the queued fd");
}

static void
test_fdpass_off(void)
{
	struct chan	 c;
	struct imsg	 m;
	int		 p[2], base;

	chan_open(&c);
	base = nfds();
	if (pipe(p) == -1)
		exit(2);
	close(p[0]);
	OK(imsg_compose(&c.w, 1, 0, 0, p[1], "x", 1) == 1 &&
	    imsg_compose(&c.w, 2, 0, 0, -1, "y", 1) == 1,
	    "no fdpass: message with fd queued");
	OK(deliver(&c.w, &c.r) == 1, "no fdpass: delivered");
	OK(get(&c.r, &m) == 1 && imsg_get_type(&m) == 1 &&
	    m.hdr.len == IMSG_HEADER_SIZE + 1,
	    "no fdpass: the message itself arrives");
	OK(imsg_get_fd(&m) == -1, "no fdpass: no fd arrives");
	imsg_free(&m);
	OK(get(&c.r, &m) == 1 && imsg_get_type(&m) == 2,
	    "no fdpass: the stream continues");
	imsg_free(&m);
	OK(nfds() == base, "no fdpass: nothing leaks on either side");

	/* A process can stop accepting fds by clearing the flag. */
	imsgbuf_allow_fdpass(&c.r);
	c.r.flags &= ~IMSG_ALLOW_FDPASS;
	if (pipe(p) == -1)
		exit(2);
	close(p[0]);
	OK(imsg_compose(&c.w, 3, 0, 0, p[1], "x", 1) == 1 &&
	    deliver(&c.w, &c.r) == 1 && get(&c.r, &m) == 1 &&
	    imsg_get_fd(&m) == -1,
	    "flag cleared after allow_fdpass: no fd arrives");
	imsg_free(&m);
	OK(nfds() == base, "flag cleared: nothing leaks");
	chan_close(&c);
}

static void
test_fd_leaks(void)
{
	struct chan	 c;
	struct imsg	 m;
	struct imsg_hdr	 h[3];
	unsigned char	*big;
	int		 p[2], fds[3], base, i;

	/* A chunk with an fd but no header asking for it. */
	chan_open(&c);
	imsgbuf_allow_fdpass(&c.r);
	base = nfds();
	if (pipe(p) == -1)
		exit(2);
	raw_hdr(&h[0], 1, IMSG_HEADER_SIZE);
	if (send_fds(c.sv[0], &h[0], sizeof(h[0]), &p[0], 1) == -1)
		exit(2);
	close(p[0]);
	close(p[1]);
	OK(next(&c.r, &m) == 1 && imsg_get_fd(&m) == -1,
	    "fd without fd bit: message delivered without fd");
	imsg_free(&m);
	OK(nfds() == base, "fd without fd bit: the unclaimed fd is closed");

	/* Three fds at once: no room, MSG_CTRUNC, message without fd. */
	for (i = 0; i < 3; i++)
		if ((fds[i] = open("/dev/null", O_RDONLY)) == -1)
			exit(2);
	raw_hdr(&h[0], 2, FD_MARK | IMSG_HEADER_SIZE);
	if (send_fds(c.sv[0], &h[0], sizeof(h[0]), fds, 3) == -1)
		exit(2);
	for (i = 0; i < 3; i++)
		close(fds[i]);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 2 &&
	    imsg_get_fd(&m) == -1,
	    "three fds in one chunk: message delivered without fd");
	imsg_free(&m);
	OK(nfds() == base, "three fds in one chunk: none leaks");

	/* Two headers ask; one fd: the first one gets it. */
	if (pipe(p) == -1)
		exit(2);
	raw_hdr(&h[0], 3, IMSG_HEADER_SIZE);
	raw_hdr(&h[1], 4, FD_MARK | IMSG_HEADER_SIZE);
	raw_hdr(&h[2], 5, FD_MARK | IMSG_HEADER_SIZE);
	if (send_fds(c.sv[0], h, sizeof(h), &p[1], 1) == -1)
		exit(2);
	close(p[1]);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 3 &&
	    imsg_get_fd(&m) == -1, "fd chunk: message without fd bit skipped");
	imsg_free(&m);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 4 &&
	    (i = imsg_get_fd(&m)) >= 0,
	    "fd chunk: the first header with the fd bit gets the fd");
	imsg_free(&m);
	if (i >= 0)
		close(i);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 5 &&
	    imsg_get_fd(&m) == -1, "fd chunk: a second fd bit gets nothing");
	imsg_free(&m);
	close(p[0]);
	OK(nfds() == base, "fd chunk: nothing leaks");

	/* Fd bit but no fd sent at all. */
	raw_hdr(&h[0], 6, FD_MARK | IMSG_HEADER_SIZE);
	if (write(c.sv[0], &h[0], sizeof(h[0])) != sizeof(h[0]))
		exit(2);
	OK(next(&c.r, &m) == 1 && imsg_get_type(&m) == 6 &&
	    imsg_get_fd(&m) == -1 && m.hdr.len == IMSG_HEADER_SIZE,
	    "fd bit without an fd: delivered without fd");
	imsg_free(&m);

	/* Clearing closes fds of queued and half-read messages. */
	if (pipe(p) == -1)
		exit(2);
	OK(imsg_compose(&c.w, 7, 0, 0, p[0], NULL, 0) == 1 &&
	    imsg_compose(&c.w, 8, 0, 0, p[1], NULL, 0) == 1,
	    "two messages with fds queued");
	OK(nfds() == base + 2, "their fds are open while queued");
	imsgbuf_clear(&c.w);
	OK(nfds() == base, "imsgbuf_clear closes the fds of queued messages");
	OK(imsgbuf_queuelen(&c.w) == 0, "queuelen is 0 after clear");
	if (imsgbuf_init(&c.w, c.sv[0]) == -1)
		exit(2);

	if ((big = calloc(1, 1000)) == NULL || pipe(p) == -1)
		exit(2);
	raw_hdr((struct imsg_hdr *)big, 9, FD_MARK | 1000);
	if (send_fds(c.sv[0], big, 500, &p[0], 1) == -1)
		exit(2);
	close(p[0]);
	close(p[1]);
	OK(imsgbuf_read(&c.r) == 1 && get(&c.r, &m) == 0,
	    "half a message with fd read");
	OK(nfds() == base + 1, "its fd is held by the half-read message");
	imsgbuf_clear(&c.r);
	OK(nfds() == base,
	    "imsgbuf_clear closes the fd of a half-read message");
	OK(!is_closed(c.sv[1]), "imsgbuf_clear does not close ib->fd");
	free(big);
	chan_close(&c);
}

/*
 * The point of writev/read: a process whose seccomp policy has no
 * sendmsg/recvmsg must still talk over its channel.
 */
static void
test_seccomp(void)
{
#if defined(__x86_64__)
#define TEST_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define TEST_ARCH	AUDIT_ARCH_AARCH64
#endif
#ifdef TEST_ARCH
#define DENY(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES)
	struct sock_filter	 insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TEST_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		DENY(__NR_recvmsg),
		DENY(__NR_sendmsg),
		DENY(__NR_recvfrom),
		DENY(__NR_sendto),
		DENY(__NR_recvmmsg),
		DENY(__NR_sendmmsg),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog	 prog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};
	struct chan		 c;
	struct imsg		 m;
	pid_t			 pid;
	int			 status, rv, fail;
	char			 s[8];

	chan_open(&c);
	if (imsg_compose(&c.w, 1, 0, 0, -1, "ping", 5) == -1 ||
	    imsgbuf_flush(&c.w) == -1)
		exit(2);
	fflush(stdout);
	if ((pid = fork()) == -1)
		exit(2);
	if (pid == 0) {
		/* Child: speaks on the reader side of the channel. */
		struct imsgbuf	ib;

		fail = 0;
		if (imsgbuf_init(&ib, c.sv[1]) == -1)
			_exit(64);
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1)
			_exit(65);
		if (next(&ib, &m) != 1 || imsg_get_data(&m, s, 5) == -1 ||
		    strcmp(s, "ping") != 0)
			fail |= 1;
		imsg_free(&m);
		if (imsg_compose(&ib, 2, 0, 0, -1, "pong", 5) == -1 ||
		    imsgbuf_flush(&ib) == -1)
			fail |= 2;
		imsgbuf_allow_fdpass(&ib);
		errno = 0;
		rv = imsgbuf_read(&ib);
		if (rv != -1 || errno != EACCES)
			fail |= 4;
		_exit(fail);
	}
	if (waitpid(pid, &status, 0) == -1)
		exit(2);
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 64) {
		OK(0, "seccomp: could not install filter (status %d)",
		    WEXITSTATUS(status));
		chan_close(&c);
		return;
	}
	fail = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
	if (fail != 0)
		printf("# child status 0x%x\n", status);
	OK(!(fail & 1), "seccomp: read without fd passing needs no recvmsg");
	OK(!(fail & 2), "seccomp: write without fds needs no sendmsg");
	OK(!(fail & 4), "seccomp: with fd passing allowed, reading uses "
	    "recvmsg");
	OK(next(&c.w, &m) == 1 && imsg_get_type(&m) == 2,
	    "seccomp: the sandboxed child's reply arrives");
	imsg_free(&m);
	chan_close(&c);
#else
	OK(1, "seccomp: # SKIP unknown architecture");
#endif
}

static void
test_accessors(void)
{
	struct chan	 c;
	struct imsg	 m;
	struct ibuf	 view;
	unsigned char	 pl[8] = { 0, 0, 0, 5, 1, 2, 3, 4 };
	unsigned char	 got[32];
	char		 s[8];
	uint32_t	 v;
	size_t		 len;
	int		 bad;

	chan_open(&c);
	if (imsg_compose(&c.w, 1, 0, 0, -1, pl, 8) == -1 ||
	    imsg_compose(&c.w, 2, 0, 0, -1, NULL, 0) == -1 ||
	    imsg_compose(&c.w, 3, 0, 0, -1, pl, 8) == -1 ||
	    imsg_compose(&c.w, 4, 0, 0, -1, "eth0", 5) == -1 ||
	    imsg_compose(&c.w, 5, 0, 0, -1, "eth0x", 5) == -1 ||
	    imsg_compose(&c.w, 6, 0, 0, -1, "eth", 3) == -1 ||
	    imsg_compose(&c.w, 7, 0, 0, -1, pl, 8) == -1 ||
	    imsg_compose(&c.w, 8, 0, 0, -1, NULL, 0) == -1 ||
	    deliver(&c.w, &c.r) != 1)
		exit(2);

	if (get(&c.r, &m) != 1)
		exit(2);
	errno = 0;
	OK(imsg_get_data(&m, got, 0) == -1 && errno == EINVAL,
	    "imsg_get_data with len 0: EINVAL");
	bad = 0;
	for (len = 1; len <= sizeof(got); len++) {
		if (len == 8)
			continue;
		errno = 0;
		if (imsg_get_data(&m, got, len) != -1 || errno != EBADMSG)
			bad++;
	}
	OK(bad == 0, "imsg_get_data: EBADMSG for every size but the exact one");
	OK(imsg_get_len(&m) == 8, "failed imsg_get_data consumes nothing");
	OK(imsg_get_data(&m, got, 8) == 0 && memcmp(got, pl, 8) == 0,
	    "imsg_get_data with the exact size copies the payload");
	errno = 0;
	OK(imsg_get_data(&m, got, 8) == -1 && errno == EBADMSG,
	    "imsg_get_data a second time: EBADMSG");
	imsg_free(&m);

	if (get(&c.r, &m) != 1)
		exit(2);
	errno = 0;
	OK(imsg_get_data(&m, got, 4) == -1 && errno == EBADMSG,
	    "imsg_get_data on an empty message: EBADMSG");
	errno = 0;
	OK(imsg_get_ibuf(&m, &view) == -1 && errno == EBADMSG,
	    "imsg_get_ibuf on an empty message: EBADMSG");
	imsg_free(&m);

	if (get(&c.r, &m) != 1)
		exit(2);
	OK(imsg_get_buf(&m, got, 3) == 0 && imsg_get_len(&m) == 5,
	    "imsg_get_buf reads part of the payload");
	OK(imsg_get_buf(&m, got + 3, 5) == 0 && imsg_get_len(&m) == 0 &&
	    memcmp(got, pl, 8) == 0, "imsg_get_buf reads the rest in order");
	errno = 0;
	OK(imsg_get_buf(&m, got, 1) == -1 && errno == EBADMSG,
	    "imsg_get_buf past the end: EBADMSG");
	imsg_free(&m);

	if (get(&c.r, &m) != 1)
		exit(2);
	OK(imsg_get_strbuf(&m, s, 5) == 0 && strcmp(s, "eth0") == 0,
	    "imsg_get_strbuf of a NUL-terminated string");
	imsg_free(&m);
	if (get(&c.r, &m) != 1)
		exit(2);
	errno = 0;
	OK(imsg_get_strbuf(&m, s, 5) == -1 && errno == EOVERFLOW,
	    "imsg_get_strbuf without NUL: EOVERFLOW");
	OK(strcmp(s, "eth0") == 0, "imsg_get_strbuf forces the NUL");
	imsg_free(&m);
	if (get(&c.r, &m) != 1)
		exit(2);
	errno = 0;
	OK(imsg_get_strbuf(&m, s, 0) == -1 && errno == EINVAL,
	    "imsg_get_strbuf with len 0: EINVAL");
	errno = 0;
	OK(imsg_get_strbuf(&m, s, 5) == -1 && errno == EBADMSG,
	    "imsg_get_strbuf longer than the payload: EBADMSG");
	imsg_free(&m);

	if (get(&c.r, &m) != 1)
		exit(2);
	OK(imsg_get_ibuf(&m, &view) == 0 && ibuf_size(&view) == 8,
	    "imsg_get_ibuf gives a view of the payload");
	OK(imsg_get_len(&m) == 0, "imsg_get_ibuf consumes the payload");
	OK(ibuf_get_n32(&view, &v) == 0 && v == 5,
	    "view: network order read");
	OK(ibuf_get_h32(&view, &v) == 0 && memcmp(&v, pl + 4, 4) == 0,
	    "view: host order read");
	errno = 0;
	OK(ibuf_get_n8(&view, got) == -1 && errno == EBADMSG,
	    "view: read past the end: EBADMSG");
	OK(ibuf_left(&view) == 0 && ibuf_add(&view, "x", 1) == -1,
	    "view: read-only");
	imsg_free(&m);

	if (get(&c.r, &m) != 1)
		exit(2);
	imsg_free(&m);
	imsg_free(&m);
	OK(m.buf == NULL, "imsg_free twice is harmless");
	chan_close(&c);
}

/* A stream cut anywhere reassembles into the same messages. */
static void
test_split(void)
{
	struct chan	 c, d;
	struct imsg	 m;
	unsigned char	 raw[4096], big[1000], got[1000];
	static const size_t sizes[] = { 10, 0, 1000, 1, 300 };
	size_t		 nmsg = sizeof(sizes) / sizeof(sizes[0]);
	size_t		 total = 0, k, i, j;
	ssize_t		 n;
	int		 bad, badbyte;

	fill(big, sizeof(big), 11);
	chan_open(&c);
	for (i = 0; i < nmsg; i++)
		if (imsg_compose(&c.w, 100 + i, i, 0, -1, big, sizes[i]) == -1)
			exit(2);
	if (imsgbuf_flush(&c.w) == -1)
		exit(2);
	while ((n = read(c.sv[1], raw + total, sizeof(raw) - total)) > 0)
		total += n;
	chan_close(&c);

	bad = badbyte = 0;
	for (k = 0; k <= total; k++) {
		chan_open(&d);
		if (k > 0 && (write(d.sv[0], raw, k) != (ssize_t)k ||
		    imsgbuf_read(&d.r) != 1))
			bad++;
		if (k < total && (write(d.sv[0], raw + k, total - k) !=
		    (ssize_t)(total - k) || imsgbuf_read(&d.r) != 1))
			bad++;
		for (i = 0; i < nmsg; i++) {
			if (get(&d.r, &m) != 1) {
				bad++;
				break;
			}
			if (imsg_get_type(&m) != 100 + i ||
			    imsg_get_id(&m) != i ||
			    imsg_get_len(&m) != sizes[i] ||
			    imsg_get_buf(&m, got, sizes[i]) == -1 ||
			    (sizes[i] > 0 && memcmp(got, big, sizes[i]) != 0))
				bad++;
			imsg_free(&m);
		}
		if (get(&d.r, &m) != 0)
			bad++;
		chan_close(&d);
	}
	OK(bad == 0, "stream split at each of %zu offsets reassembles", total);

	/* One byte per read; each message appears with its last byte. */
	chan_open(&d);
	i = 0;
	for (j = 0; j < total; j++) {
		if (write(d.sv[0], raw + j, 1) != 1 ||
		    imsgbuf_read(&d.r) != 1)
			badbyte++;
		if (get(&d.r, &m) == 1) {
			if (i >= nmsg || imsg_get_type(&m) != 100 + i ||
			    imsg_get_len(&m) != sizes[i])
				badbyte++;
			i++;
			imsg_free(&m);
		}
	}
	OK(badbyte == 0 && i == nmsg,
	    "stream fed one byte per read reassembles");
	chan_close(&d);
}

static void
test_stream(void)
{
	struct chan	 c;
	struct imsg	 m;
	struct imsg_hdr	 h;
	unsigned char	 pl[16384];
	uint32_t	 i, got;
	int		 ok, n, rv;

	/* Many messages framed by a single read. */
	chan_open(&c);
	for (i = 0; i < 1000; i++)
		if (imsg_compose(&c.w, 1, i, 0, -1, &i, sizeof(i)) == -1)
			exit(2);
	if (imsgbuf_flush(&c.w) == -1)
		exit(2);
	OK(imsgbuf_read(&c.r) == 1, "many: one read");
	ok = 1;
	for (n = 0; (rv = get(&c.r, &m)) == 1; n++) {
		if (imsg_get_data(&m, &got, sizeof(got)) == -1 ||
		    got != (uint32_t)n || imsg_get_id(&m) != (uint32_t)n)
			ok = 0;
		imsg_free(&m);
	}
	OK(n == 1000 && rv == 0, "many: 1000 messages from one read (got %d)",
	    n);
	OK(ok, "many: in order and intact");

	/* Nothing to read on a non-blocking socket. */
	OK(imsgbuf_read(&c.r) == 1, "EAGAIN: imsgbuf_read returns 1");
	OK(get(&c.r, &m) == 0, "EAGAIN: no message");

	/* A full socket: imsgbuf_write returns 0 and keeps the rest. */
	memset(pl, 'q', sizeof(pl));
	for (i = 0; i < 64; i++)
		if (imsg_compose(&c.w, 2, i, 0, -1, pl, MAXPAYLOAD) == -1)
			exit(2);
	ok = 1;
	for (i = 0; i < 200; i++)
		if (imsgbuf_write(&c.w) != 0)
			ok = 0;
	OK(ok && imsgbuf_queuelen(&c.w) > 0,
	    "full socket: imsgbuf_write returns 0, queue kept");
	OK(deliver(&c.w, &c.r) == 1, "full socket: rest delivered later");
	for (n = 0; get(&c.r, &m) == 1; n++) {
		if (imsg_get_id(&m) != (uint32_t)n)
			ok = 0;
		imsg_free(&m);
	}
	OK(n == 64 && ok, "full socket: all 64 messages arrive in order");

	/* EOF, also with half a message pending. */
	raw_hdr(&h, 3, 100);
	if (write(c.sv[0], &h, sizeof(h)) != sizeof(h))
		exit(2);
	close(c.sv[0]);
	c.sv[0] = -1;
	OK(imsgbuf_read(&c.r) == 1, "EOF: partial message read");
	OK(imsgbuf_read(&c.r) == 0, "EOF: imsgbuf_read returns 0");
	OK(get(&c.r, &m) == 0, "EOF: the partial message is not "
	    "delivered");
	chan_close(&c);

	/* EPIPE when the peer is gone. */
	chan_open(&c);
	close(c.sv[1]);
	c.sv[1] = -1;
	OK(imsg_compose(&c.w, 4, 0, 0, -1, "x", 1) == 1, "EPIPE: queued");
	errno = 0;
	OK(imsgbuf_write(&c.w) == -1 && errno == EPIPE,
	    "EPIPE: imsgbuf_write fails with EPIPE");
	errno = 0;
	OK(imsgbuf_flush(&c.w) == -1 && errno == EPIPE,
	    "EPIPE: imsgbuf_flush fails with EPIPE");
	chan_close(&c);

	/* After clear, calls fail cleanly instead of crashing. */
	chan_open(&c);
	imsgbuf_clear(&c.r);
	errno = 0;
	OK(imsgbuf_read(&c.r) == -1 && errno == EINVAL,
	    "read after imsgbuf_clear: EINVAL");
	OK(imsgbuf_queuelen(&c.r) == 0, "queuelen after imsgbuf_clear: 0");
	chan_close(&c);
}

static void
test_ibuf(void)
{
	struct ibuf	*b, view;
	unsigned char	 raw[32], *p;
	uint8_t		 v8;
	uint16_t	 v16;
	uint32_t	 v32;
	uint64_t	 v64;
	char		*str, s[8];
	int		 fd, base;

	b = ibuf_open(32);
	OK(b != NULL && ibuf_size(b) == 0 && ibuf_left(b) == 32,
	    "ibuf_open: empty with fixed room");
	OK(ibuf_add_n8(b, 0x12) == 0 && ibuf_add_n16(b, 0x3456) == 0 &&
	    ibuf_add_n32(b, 0x789abcde) == 0 &&
	    ibuf_add_n64(b, 0x0102030405060708ULL) == 0,
	    "ibuf_add_n8/16/32/64");
	OK(memcmp(ibuf_data(b), "\x12\x34\x56\x78\x9a\xbc\xde"
	    "\x01\x02\x03\x04\x05\x06\x07\x08", 15) == 0,
	    "ibuf_add_n*: network byte order");
	errno = 0;
	OK(ibuf_add_n8(b, 0x100) == -1 && errno == EINVAL,
	    "ibuf_add_n8 of 256: EINVAL");
	errno = 0;
	OK(ibuf_add_n16(b, 0x10000) == -1 && errno == EINVAL,
	    "ibuf_add_n16 of 65536: EINVAL");
	errno = 0;
	OK(ibuf_add_n32(b, 0x100000000ULL) == -1 && errno == EINVAL,
	    "ibuf_add_n32 of 2^32: EINVAL");
	errno = 0;
	OK(ibuf_add_h16(b, 0x10000) == -1 && errno == EINVAL,
	    "ibuf_add_h16 of 65536: EINVAL");
	OK(ibuf_size(b) == 15, "refused values add nothing");
	OK(ibuf_get_n8(b, &v8) == 0 && v8 == 0x12 &&
	    ibuf_get_n16(b, &v16) == 0 && v16 == 0x3456 &&
	    ibuf_get_n32(b, &v32) == 0 && v32 == 0x789abcde &&
	    ibuf_get_n64(b, &v64) == 0 && v64 == 0x0102030405060708ULL,
	    "ibuf_get_n8/16/32/64 read back the values");
	OK(ibuf_size(b) == 0, "reads consume");
	errno = 0;
	v8 = 0x55;
	OK(ibuf_get_n8(b, &v8) == -1 && errno == EBADMSG && v8 == 0x55,
	    "ibuf_get past the end: EBADMSG, nothing written");
	errno = 0;
	OK(ibuf_skip(b, 1) == -1 && errno == EBADMSG,
	    "ibuf_skip past the end: EBADMSG");
	ibuf_rewind(b);
	OK(ibuf_size(b) == 15, "ibuf_rewind restores what was read");
	OK(ibuf_add_h16(b, 0xabcd) == 0 && ibuf_add_h32(b, 0x01020304) == 0 &&
	    ibuf_add_h64(b, 7) == 0, "ibuf_add_h16/32/64");
	OK(ibuf_skip(b, 15) == 0 && ibuf_get_h16(b, &v16) == 0 &&
	    v16 == 0xabcd && ibuf_get_h32(b, &v32) == 0 &&
	    v32 == 0x01020304 && ibuf_get_h64(b, &v64) == 0 && v64 == 7,
	    "ibuf_get_h16/32/64 read back host order");
	errno = 0;
	OK(ibuf_add_zero(b, 4) == -1 && errno == ERANGE,
	    "ibuf_open buffer cannot grow: ERANGE");
	OK(ibuf_add_zero(b, 3) == 0 && ibuf_left(b) == 0,
	    "filled to the last byte");
	ibuf_free(b);

	OK(ibuf_dynamic(10, 5) == NULL, "ibuf_dynamic with len > max fails");
	b = ibuf_dynamic(0, 100);
	OK(b != NULL && ibuf_add_zero(b, 100) == 0,
	    "ibuf_dynamic grows to max");
	errno = 0;
	OK(ibuf_add(b, "x", 1) == -1 && errno == ERANGE && ibuf_size(b) == 100,
	    "growth past max: ERANGE, size unchanged");
	errno = 0;
	OK(ibuf_reserve(b, SIZE_MAX) == NULL && errno == ERANGE,
	    "ibuf_reserve of SIZE_MAX: ERANGE, no wrap");
	OK(ibuf_truncate(b, 10) == 0 && ibuf_size(b) == 10,
	    "ibuf_truncate down");
	OK(ibuf_truncate(b, 20) == 0 && ibuf_size(b) == 20,
	    "ibuf_truncate up pads with zero");
	OK(ibuf_set(b, 2, "ab", 2) == 0 &&
	    memcmp((char *)ibuf_data(b) + 2, "ab", 2) == 0, "ibuf_set");
	OK(ibuf_set_n16(b, 4, 0x0102) == 0 &&
	    memcmp((char *)ibuf_data(b) + 4, "\x01\x02", 2) == 0,
	    "ibuf_set_n16 writes network order");
	errno = 0;
	OK(ibuf_set(b, 19, "ab", 2) == -1 && errno == ERANGE,
	    "ibuf_set past the data: ERANGE");
	errno = 0;
	OK(ibuf_seek(b, 21, 0) == NULL && errno == ERANGE,
	    "ibuf_seek past the data: ERANGE");
	errno = 0;
	OK(ibuf_seek(b, 1, SIZE_MAX) == NULL && errno == ERANGE,
	    "ibuf_seek with a wrapping length: ERANGE");
	p = ibuf_seek(b, 2, 2);
	OK(p != NULL && memcmp(p, "ab", 2) == 0, "ibuf_seek finds data");
	OK(ibuf_skip(b, 2) == 0 && (p = ibuf_seek(b, 0, 2)) != NULL &&
	    memcmp(p, "ab", 2) == 0, "ibuf_seek is relative to the read "
	    "position");
	errno = 0;
	OK(ibuf_set_maxsize(b, 200) == -1 && errno == ERANGE,
	    "ibuf_set_maxsize cannot raise the limit");
	errno = 0;
	OK(ibuf_set_maxsize(b, 5) == -1 && errno == ERANGE,
	    "ibuf_set_maxsize cannot go below the data");
	ibuf_free(b);

	b = ibuf_dynamic(0, 64);
	OK(ibuf_add_strbuf(b, "eth0", 8) == 0 && ibuf_size(b) == 8 &&
	    memcmp(ibuf_data(b), "eth0\0\0\0\0", 8) == 0,
	    "ibuf_add_strbuf pads with NUL");
	errno = 0;
	OK(ibuf_add_strbuf(b, "eth0", 4) == -1 && errno == EOVERFLOW &&
	    ibuf_size(b) == 8, "ibuf_add_strbuf too long: EOVERFLOW");
	OK(ibuf_add(b, "abcdef", 6) == 0, "more data");
	OK(ibuf_get_strbuf(b, s, 8) == 0 && strcmp(s, "eth0") == 0,
	    "ibuf_get_strbuf");
	str = ibuf_get_string(b, 3);
	OK(str != NULL && strcmp(str, "abc") == 0, "ibuf_get_string");
	free(str);
	errno = 0;
	OK(ibuf_get_string(b, 4) == NULL && errno == EBADMSG,
	    "ibuf_get_string past the end: EBADMSG");
	errno = 0;
	OK(ibuf_get_strbuf(b, s, 3) == -1 && errno == EOVERFLOW &&
	    strcmp(s, "de") == 0, "ibuf_get_strbuf without NUL: EOVERFLOW");
	ibuf_free(b);

	memset(raw, 7, sizeof(raw));
	ibuf_from_buffer(&view, raw, sizeof(raw));
	OK(ibuf_size(&view) == 32 && ibuf_left(&view) == 0,
	    "ibuf_from_buffer: a full, read-only view");
	errno = 0;
	OK(ibuf_reserve(&view, 1) == NULL && errno == EINVAL,
	    "a view cannot grow");
	OK(ibuf_truncate(&view, 4) == 0 && ibuf_size(&view) == 4,
	    "a view can be truncated down");
	OK(ibuf_truncate(&view, 5) == -1, "a view cannot be truncated up");
	OK(ibuf_fd_get(&view) == -1 && !ibuf_fd_avail(&view),
	    "a view has no fd");

	errno = 4242;
	ibuf_free(NULL);
	OK(errno == 4242, "ibuf_free(NULL) is a no-op that keeps errno");
	base = nfds();
	b = ibuf_open(4);
	if ((fd = open("/dev/null", O_RDONLY)) == -1)
		exit(2);
	ibuf_fd_set(b, fd);
	OK(ibuf_fd_avail(b), "ibuf_fd_set attaches an fd");
	errno = 4243;
	ibuf_free(b);
	OK(errno == 4243, "ibuf_free keeps errno");
	OK(nfds() == base, "ibuf_free closes the attached fd");
	b = ibuf_open(4);
	if ((fd = open("/dev/null", O_RDONLY)) == -1)
		exit(2);
	ibuf_fd_set(b, fd);
	OK(ibuf_fd_get(b) == fd && ibuf_fd_get(b) == -1,
	    "ibuf_fd_get hands the fd over once");
	ibuf_free(b);
	OK(!is_closed(fd), "a handed-over fd is not closed by ibuf_free");
	close(fd);

	b = ibuf_open(0);
	OK(b != NULL && ibuf_size(b) == 0 && ibuf_add(b, NULL, 0) == 0,
	    "zero-size ibuf accepts empty adds");
	OK(ibuf_reserve(b, 0) != NULL, "ibuf_reserve of 0 bytes succeeds");
	ibuf_free(b);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_compose();
	test_forward();
	test_maxsize();
	test_forged();
	test_fdpass();
	test_fdpass_off();
	test_fd_leaks();
	test_seccomp();
	test_accessors();
	test_split();
	test_stream();
	test_ibuf();
	return (regress_done());
}
