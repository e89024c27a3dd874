/*
 * imsg: typed messages with a 16 byte header, optionally carrying one
 * fd, queued on an imsgbuf and exchanged over a stream socket.
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/uio.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"

/* Bit 31 of imsg_hdr.len: an fd travels with this message. */
#define IMSG_FD_MARK	0x80000000U

static struct ibuf	*imsg_parse_hdr(struct ibuf *, void *, int *);
static int		 imsg_take(struct ibuf *, struct imsg *);

int
imsgbuf_init(struct imsgbuf *ib, int fd)
{
	if ((ib->w = msgbuf_new_reader(IMSG_HEADER_SIZE, imsg_parse_hdr,
	    ib)) == NULL)
		return (-1);
	ib->pid = getpid();
	ib->maxsize = MAX_IMSGSIZE;
	ib->fd = fd;
	ib->flags = 0;
	return (0);
}

void
imsgbuf_allow_fdpass(struct imsgbuf *ib)
{
	ib->flags |= IMSG_ALLOW_FDPASS;
}

/* max is the largest payload; the header comes on top. */
int
imsgbuf_set_maxsize(struct imsgbuf *ib, uint32_t max)
{
	if (max > UINT32_MAX - IMSG_HEADER_SIZE) {
		errno = ERANGE;
		return (-1);
	}
	max += IMSG_HEADER_SIZE;
	if (max & IMSG_FD_MARK) {
		errno = EINVAL;
		return (-1);
	}
	ib->maxsize = max;
	return (0);
}

int
imsgbuf_read(struct imsgbuf *ib)
{
	if (ib->w == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (ib->flags & IMSG_ALLOW_FDPASS)
		return (msgbuf_read(ib->fd, ib->w));
	return (ibuf_read(ib->fd, ib->w));
}

int
imsgbuf_write(struct imsgbuf *ib)
{
	if (ib->w == NULL) {
		errno = EINVAL;
		return (-1);
	}
	return (msgbuf_write(ib->fd, ib->w));
}

/* Only for blocking sockets: it spins on a full non-blocking one. */
int
imsgbuf_flush(struct imsgbuf *ib)
{
	while (imsgbuf_queuelen(ib) > 0) {
		if (imsgbuf_write(ib) == -1)
			return (-1);
	}
	return (0);
}

/* Free every buffer and close their fds; ib->fd stays open. */
void
imsgbuf_clear(struct imsgbuf *ib)
{
	msgbuf_free(ib->w);
	ib->w = NULL;
}

uint32_t
imsgbuf_queuelen(struct imsgbuf *ib)
{
	if (ib->w == NULL)
		return (0);
	return (msgbuf_queuelen(ib->w));
}

/* Fill imsg from a framed buffer; consumes buf in every case. */
static int
imsg_take(struct ibuf *buf, struct imsg *imsg)
{
	struct imsg	m;

	if (ibuf_get(buf, &m.hdr, sizeof(m.hdr)) == -1) {
		ibuf_free(buf);
		return (-1);
	}
	m.hdr.len &= ~IMSG_FD_MARK;
	m.data = ibuf_size(buf) > 0 ? ibuf_data(buf) : NULL;
	m.buf = buf;
	*imsg = m;
	return (1);
}

int
imsgbuf_get(struct imsgbuf *ib, struct imsg *imsg)
{
	struct ibuf	*buf;
	int		 err;

	if (ib->w == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if ((buf = msgbuf_get(ib->w)) == NULL) {
		/* After a framing error nothing more will ever come. */
		if ((err = msgbuf_rerror(ib->w)) != 0) {
			errno = err;
			return (-1);
		}
		return (0);
	}
	return (imsg_take(buf, imsg));
}

ssize_t
imsg_get(struct imsgbuf *ib, struct imsg *imsg)
{
	int	rv;

	if ((rv = imsgbuf_get(ib, imsg)) != 1)
		return (rv);
	return (imsg_get_len(imsg) + IMSG_HEADER_SIZE);
}

int
imsg_ibufq_pop(struct ibufqueue *q, struct imsg *imsg)
{
	struct ibuf	*buf;

	if ((buf = ibufq_pop(q)) == NULL)
		return (0);
	return (imsg_take(buf, imsg));
}

void
imsg_ibufq_push(struct ibufqueue *q, struct imsg *imsg)
{
	if (imsg->buf != NULL) {
		ibuf_rewind(imsg->buf);
		ibufq_push(q, imsg->buf);
	}
	memset(imsg, 0, sizeof(*imsg));
}

/* A read-only view of the unread payload, valid until imsg_free(). */
int
imsg_get_ibuf(struct imsg *imsg, struct ibuf *view)
{
	if (imsg->buf == NULL || ibuf_size(imsg->buf) == 0) {
		errno = EBADMSG;
		return (-1);
	}
	return (ibuf_get_ibuf(imsg->buf, ibuf_size(imsg->buf), view));
}

/* The whole unread payload, which must be exactly len bytes. */
int
imsg_get_data(struct imsg *imsg, void *data, size_t len)
{
	if (len == 0) {
		errno = EINVAL;
		return (-1);
	}
	if (imsg->buf == NULL || ibuf_size(imsg->buf) != len) {
		errno = EBADMSG;
		return (-1);
	}
	return (ibuf_get(imsg->buf, data, len));
}

/* The next len bytes of the payload; more may follow. */
int
imsg_get_buf(struct imsg *imsg, void *data, size_t len)
{
	if (imsg->buf == NULL) {
		if (len == 0)
			return (0);
		errno = EBADMSG;
		return (-1);
	}
	return (ibuf_get(imsg->buf, data, len));
}

/* The next len bytes, which must end in NUL (EOVERFLOW otherwise). */
int
imsg_get_strbuf(struct imsg *imsg, char *str, size_t len)
{
	if (imsg->buf == NULL) {
		errno = len == 0 ? EINVAL : EBADMSG;
		return (-1);
	}
	return (ibuf_get_strbuf(imsg->buf, str, len));
}

/* The fd, once: the caller owns it from here. */
int
imsg_get_fd(struct imsg *imsg)
{
	if (imsg->buf == NULL)
		return (-1);
	return (ibuf_fd_get(imsg->buf));
}

uint32_t
imsg_get_id(struct imsg *imsg)
{
	return (imsg->hdr.peerid);
}

size_t
imsg_get_len(struct imsg *imsg)
{
	if (imsg->buf == NULL)
		return (0);
	return (ibuf_size(imsg->buf));
}

pid_t
imsg_get_pid(struct imsg *imsg)
{
	return ((pid_t)imsg->hdr.pid);
}

uint32_t
imsg_get_type(struct imsg *imsg)
{
	return (imsg->hdr.type);
}

/*
 * On success the message owns fd and closes it once sent or freed; on
 * failure the caller still owns it.
 */
int
imsg_compose(struct imsgbuf *ib, uint32_t type, uint32_t id, pid_t pid,
    int fd, const void *data, size_t len)
{
	struct ibuf	*msg;

	if ((msg = imsg_create(ib, type, id, pid, len)) == NULL)
		return (-1);
	if (imsg_add(msg, data, len) == -1)
		return (-1);
	ibuf_fd_set(msg, fd);
	imsg_close(ib, msg);
	return (1);
}

int
imsg_composev(struct imsgbuf *ib, uint32_t type, uint32_t id, pid_t pid,
    int fd, const struct iovec *iov, int iovcnt)
{
	struct ibuf	*msg;
	size_t		 len = 0, limit;
	int		 i;

	if (iovcnt < 0 || (iovcnt > 0 && iov == NULL)) {
		errno = EINVAL;
		return (-1);
	}
	limit = ib->maxsize < IMSG_HEADER_SIZE ? 0 :
	    ib->maxsize - IMSG_HEADER_SIZE;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > limit - len) {
			errno = ERANGE;
			return (-1);
		}
		len += iov[i].iov_len;
	}
	if ((msg = imsg_create(ib, type, id, pid, len)) == NULL)
		return (-1);
	for (i = 0; i < iovcnt; i++) {
		if (imsg_add(msg, iov[i].iov_base, iov[i].iov_len) == -1)
			return (-1);
	}
	ibuf_fd_set(msg, fd);
	imsg_close(ib, msg);
	return (1);
}

/*
 * Queue a header and buf as the payload.  buf is consumed on success and
 * on failure; an fd attached to it is closed, not sent.
 */
int
imsg_compose_ibuf(struct imsgbuf *ib, uint32_t type, uint32_t id,
    pid_t pid, struct ibuf *buf)
{
	struct ibuf	*hbuf;
	struct imsg_hdr	 hdr;

	if (buf == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (ib->w == NULL) {
		ibuf_free(buf);
		errno = EINVAL;
		return (-1);
	}
	if (ib->maxsize < IMSG_HEADER_SIZE ||
	    ibuf_size(buf) > ib->maxsize - IMSG_HEADER_SIZE) {
		ibuf_free(buf);
		errno = ERANGE;
		return (-1);
	}
	ibuf_fd_set(buf, -1);

	hdr.type = type;
	hdr.len = ibuf_size(buf) + IMSG_HEADER_SIZE;
	hdr.peerid = id;
	hdr.pid = pid != 0 ? (uint32_t)pid : (uint32_t)ib->pid;
	if ((hbuf = ibuf_open(IMSG_HEADER_SIZE)) == NULL ||
	    ibuf_add(hbuf, &hdr, sizeof(hdr)) == -1) {
		ibuf_free(hbuf);
		ibuf_free(buf);
		return (-1);
	}
	ibuf_close(ib->w, hbuf);
	ibuf_close(ib->w, buf);
	return (1);
}

/* Send type, peerid, pid and the whole payload again; never the fd. */
int
imsg_forward(struct imsgbuf *ib, struct imsg *imsg)
{
	struct ibuf	*msg;
	size_t		 len;

	if (imsg->buf == NULL) {
		errno = EINVAL;
		return (-1);
	}
	ibuf_rewind(imsg->buf);
	if (ibuf_skip(imsg->buf, IMSG_HEADER_SIZE) == -1)
		return (-1);
	len = ibuf_size(imsg->buf);
	if ((msg = imsg_create(ib, imsg->hdr.type, imsg->hdr.peerid,
	    (pid_t)imsg->hdr.pid, len)) == NULL)
		return (-1);
	/* Keep the pid as it was, even 0 (which imsg_create replaces). */
	(void)ibuf_set_h32(msg, offsetof(struct imsg_hdr, pid), imsg->hdr.pid);
	if (imsg_add(msg, ibuf_data(imsg->buf), len) == -1)
		return (-1);
	imsg_close(ib, msg);
	return (1);
}

/* Start a message with room for len payload bytes; pid 0 is ours. */
struct ibuf *
imsg_create(struct imsgbuf *ib, uint32_t type, uint32_t id, pid_t pid,
    size_t len)
{
	struct ibuf	*msg;
	struct imsg_hdr	 hdr;

	if (ib->w == NULL) {
		errno = EINVAL;
		return (NULL);
	}
	if (ib->maxsize < IMSG_HEADER_SIZE ||
	    len > ib->maxsize - IMSG_HEADER_SIZE) {
		errno = ERANGE;
		return (NULL);
	}
	hdr.type = type;
	hdr.len = 0;		/* set by imsg_close() */
	hdr.peerid = id;
	hdr.pid = pid != 0 ? (uint32_t)pid : (uint32_t)ib->pid;
	if ((msg = ibuf_dynamic(len + IMSG_HEADER_SIZE, ib->maxsize)) == NULL)
		return (NULL);
	if (ibuf_add(msg, &hdr, sizeof(hdr)) == -1) {
		ibuf_free(msg);
		return (NULL);
	}
	return (msg);
}

/* Append to a message; on failure the message is freed. */
int
imsg_add(struct ibuf *msg, const void *data, size_t len)
{
	if (msg == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (len > INT_MAX) {
		ibuf_free(msg);
		errno = ERANGE;
		return (-1);
	}
	if (len > 0 && ibuf_add(msg, data, len) == -1) {
		ibuf_free(msg);
		return (-1);
	}
	return ((int)len);
}

void
imsg_close(struct imsgbuf *ib, struct ibuf *msg)
{
	uint32_t	len;

	if (msg == NULL)
		return;
	if (ib->w == NULL) {
		ibuf_free(msg);
		return;
	}
	len = (uint32_t)ibuf_size(msg);
	if (ibuf_fd_avail(msg))
		len |= IMSG_FD_MARK;
	(void)ibuf_set_h32(msg, offsetof(struct imsg_hdr, len), len);
	ibuf_close(ib->w, msg);
}

/* Free the message, closing an fd nobody took. */
void
imsg_free(struct imsg *imsg)
{
	ibuf_free(imsg->buf);
	imsg->buf = NULL;
	imsg->data = NULL;
}

/* Lower the payload limit of a message being built. */
int
imsg_set_maxsize(struct ibuf *msg, size_t max)
{
	if (max > UINT32_MAX - IMSG_HEADER_SIZE) {
		errno = ERANGE;
		return (-1);
	}
	return (ibuf_set_maxsize(msg, max + IMSG_HEADER_SIZE));
}

/*
 * Check a received header and make the buffer its message is read into.
 * The fd that came with this chunk goes to the first header that asks.
 */
static struct ibuf *
imsg_parse_hdr(struct ibuf *hbuf, void *arg, int *fd)
{
	struct imsgbuf	*ib = arg;
	struct imsg_hdr	 hdr;
	struct ibuf	*msg;
	uint32_t	 len;

	if (ibuf_get(hbuf, &hdr, sizeof(hdr)) == -1)
		return (NULL);
	len = hdr.len & ~IMSG_FD_MARK;
	if (len < IMSG_HEADER_SIZE || len > ib->maxsize) {
		errno = ERANGE;
		return (NULL);
	}
	if ((msg = ibuf_open(len)) == NULL)
		return (NULL);
	if (hdr.len & IMSG_FD_MARK) {
		ibuf_fd_set(msg, *fd);
		*fd = -1;
	}
	return (msg);
}
