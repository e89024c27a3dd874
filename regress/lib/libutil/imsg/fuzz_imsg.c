/*
 * libFuzzer target: arbitrary bytes arrive on an imsgbuf's socket, in
 * chunks and optionally with fds, and every framed message is taken
 * apart with the imsg_get_* accessors and forwarded to a second channel,
 * where it must arrive unchanged.  No fd may be left open afterwards.
 *
 * Input: byte 0 selects options, byte 1 the chunk size, the rest is the
 * stream.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"

#define OPT_FDPASS	0x01	/* imsgbuf_allow_fdpass() */
#define OPT_SMALLMAX	0x02	/* a small maxsize */
#define OPT_SENDFD	0x04	/* first chunk carries one fd */
#define OPT_SENDFDS	0x08	/* second chunk carries two fds */
#define OPT_BIGMAX	0x10	/* maxsize above the read buffer */

#define FDSCAN		128

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check(int);
static void	nonblock(int);
static void	fdset_snap(unsigned char *);
static void	send_chunk(int, const uint8_t *, size_t, int);
static void	take(struct imsgbuf *, struct imsgbuf *, struct imsgbuf *);
static void	pick_apart(struct imsg *);

static unsigned char	fds_before[FDSCAN];
static int		initialised;

static void
check(int cond)
{
	if (!cond)
		abort();
}

static void
nonblock(int fd)
{
	int	fl;

	check((fl = fcntl(fd, F_GETFL)) != -1);
	check(fcntl(fd, F_SETFL, fl | O_NONBLOCK) != -1);
}

static void
fdset_snap(unsigned char *set)
{
	int	fd;

	for (fd = 0; fd < FDSCAN; fd++)
		set[fd] = fcntl(fd, F_GETFD) != -1;
}

/* Write a chunk, with nfd copies of /dev/null attached. */
static void
send_chunk(int s, const uint8_t *p, size_t len, int nfd)
{
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	union {
		struct cmsghdr	hdr;
		unsigned char	space[CMSG_SPACE(sizeof(int) * 2)];
	} cm;
	int		 fds[2], i;
	ssize_t		 n;

	if (nfd == 0) {
		n = write(s, p, len);
		check(n == (ssize_t)len);
		return;
	}
	for (i = 0; i < nfd; i++)
		check((fds[i] = open("/dev/null", O_RDONLY | O_CLOEXEC)) != -1);
	memset(&msg, 0, sizeof(msg));
	memset(&cm, 0, sizeof(cm));
	iov.iov_base = (void *)(uintptr_t)p;
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
	n = sendmsg(s, &msg, 0);
	check(n == (ssize_t)len);
	for (i = 0; i < nfd; i++)
		close(fds[i]);
}

/* Exercise the accessors on what the message holds. */
static void
pick_apart(struct imsg *m)
{
	struct ibuf	 view;
	unsigned char	 buf[64];
	char		 s[32], *str;
	uint64_t	 v64;
	uint32_t	 v32;
	uint16_t	 v16;
	uint8_t		 v8;
	size_t		 len, want;

	len = imsg_get_len(m);
	switch (imsg_get_type(m) % 6) {
	case 0:
		if (imsg_get_data(m, &v32, sizeof(v32)) == 0)
			check(len == sizeof(v32));
		else
			check(len != sizeof(v32) && errno == EBADMSG);
		break;
	case 1:
		want = len < sizeof(s) ? len : sizeof(s);
		if (imsg_get_strbuf(m, s, want) == 0)
			check(want > 0 && s[want - 1] == '\0');
		else if (want > 0)
			check(errno == EOVERFLOW && s[want - 1] == '\0');
		else
			check(errno == EINVAL || errno == EBADMSG);
		break;
	case 2:
		if (imsg_get_ibuf(m, &view) == -1) {
			check(len == 0 && errno == EBADMSG);
			break;
		}
		check(ibuf_size(&view) == len && imsg_get_len(m) == 0);
		while (ibuf_get_n8(&view, &v8) == 0 &&
		    ibuf_get_n16(&view, &v16) == 0 &&
		    ibuf_get_n32(&view, &v32) == 0 &&
		    ibuf_get_n64(&view, &v64) == 0)
			;
		check(errno == EBADMSG);
		break;
	case 3:
		while (imsg_get_buf(m, buf, 3) == 0)
			;
		check(errno == EBADMSG && imsg_get_len(m) < 3);
		break;
	case 4:
		want = len < sizeof(buf) ? len : sizeof(buf);
		if ((str = ibuf_get_string(m->buf, want)) != NULL) {
			check(strlen(str) <= want);
			free(str);
		}
		break;
	default:
		want = imsg_get_id(m) % (sizeof(buf) + 1);
		if (imsg_get_buf(m, buf, want) == -1)
			check(want > len && errno == EBADMSG);
		break;
	}
}

/*
 * Take every framed message from in, check it, forward it through out
 * and compare what back receives.
 */
static void
take(struct imsgbuf *in, struct imsgbuf *out, struct imsgbuf *back)
{
	struct imsg	 m, f;
	size_t		 len;
	int		 fd, rv;

	while ((rv = imsgbuf_get(in, &m)) == 1) {
		len = imsg_get_len(&m);
		check(m.hdr.len == len + IMSG_HEADER_SIZE);
		check(m.hdr.len <= in->maxsize);
		check((m.data == NULL) == (len == 0));
		if ((fd = imsg_get_fd(&m)) != -1) {
			check(in->flags & IMSG_ALLOW_FDPASS);
			check(fcntl(fd, F_GETFD) & FD_CLOEXEC);
			close(fd);
		}
		check(imsg_get_fd(&m) == -1);
		pick_apart(&m);

		check(imsg_forward(out, &m) == 1);
		do {
			check(imsgbuf_write(out) == 0);
			check(imsgbuf_read(back) == 1);
		} while ((rv = imsgbuf_get(back, &f)) == 0);
		check(rv == 1);
		check(imsg_get_type(&f) == imsg_get_type(&m));
		check(imsg_get_id(&f) == imsg_get_id(&m));
		check(imsg_get_pid(&f) == imsg_get_pid(&m));
		check(imsg_get_len(&f) == len);
		check(len == 0 || memcmp(f.data, m.data, len) == 0);
		check(imsg_get_fd(&f) == -1);
		imsg_free(&f);
		imsg_free(&m);
	}
	if (rv == -1)
		check(errno == ERANGE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imsgbuf	 in, out, back;
	unsigned char	 fds_after[FDSCAN];
	size_t		 off, chunk, n;
	uint8_t		 opt;
	int		 sv[2], fw[2], rv = 1, nchunk;
	char		 peek;

	if (!initialised) {
		fdset_snap(fds_before);
		initialised = 1;
	}
	if (size < 2)
		return (0);
	opt = data[0];
	chunk = (size_t)data[1] * 4 + 1;
	data += 2;
	size -= 2;

	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, fw) == 0);
	nonblock(sv[1]);
	nonblock(fw[0]);
	nonblock(fw[1]);
	check(imsgbuf_init(&in, sv[1]) == 0);
	check(imsgbuf_init(&out, fw[0]) == 0);
	check(imsgbuf_init(&back, fw[1]) == 0);
	if (opt & OPT_FDPASS)
		imsgbuf_allow_fdpass(&in);
	if (opt & OPT_SMALLMAX)
		check(imsgbuf_set_maxsize(&in, opt >> 2) == 0);
	if (opt & OPT_BIGMAX) {
		check(imsgbuf_set_maxsize(&in, 100000) == 0);
		check(imsgbuf_set_maxsize(&out, 100000) == 0);
		check(imsgbuf_set_maxsize(&back, 100000) == 0);
	}

	for (off = 0, nchunk = 0; off < size && rv == 1; nchunk++) {
		n = size - off < chunk ? size - off : chunk;
		if (nchunk == 0 && (opt & OPT_SENDFD))
			send_chunk(sv[0], data + off, n, 1);
		else if (nchunk == 1 && (opt & OPT_SENDFDS))
			send_chunk(sv[0], data + off, n, 2);
		else
			send_chunk(sv[0], data + off, n, 0);
		off += n;
		/* Read until the socket is empty; EAGAIN shows as 1. */
		do {
			rv = imsgbuf_read(&in);
			if (rv == -1)
				check(errno == ERANGE);
			take(&in, &out, &back);
		} while (rv == 1 && recv(sv[1], &peek, 1,
		    MSG_PEEK | MSG_DONTWAIT) == 1);
	}
	if (rv == 1) {
		close(sv[0]);
		sv[0] = -1;
		rv = imsgbuf_read(&in);
		check(rv == 0);
	}
	take(&in, &out, &back);

	imsgbuf_clear(&in);
	imsgbuf_clear(&out);
	imsgbuf_clear(&back);
	if (sv[0] != -1)
		close(sv[0]);
	close(sv[1]);
	close(fw[0]);
	close(fw[1]);

	fdset_snap(fds_after);
	check(memcmp(fds_before, fds_after, sizeof(fds_after)) == 0);
	return (0);
}
