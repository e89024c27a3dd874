/*
 * ibuf: growable byte buffers with a read and a write position and an
 * optional attached fd; msgbuf: a queue of ibufs to write to a stream
 * socket, and the framing of what is read from it into whole messages.
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"

/*
 * ibuf.fd of a read-only view made by ibuf_from_buffer(): it owns
 * neither memory nor fd and can be neither grown, queued nor freed.
 */
#define IBUF_FD_VIEW	(-2)

/* Smallest allocation when a dynamic buffer first grows. */
#define IBUF_MIN_ALLOC	64

/* Where zero bytes are reserved in a buffer that has no memory yet. */
static unsigned char	ibuf_nothing[1];

struct ibufqueue {
	TAILQ_HEAD(, ibuf)	 bufs;
	uint32_t		 queued;
};

struct msgbuf {
	struct ibufqueue	 wq;		/* waiting to be written */
	struct ibufqueue	 rq;		/* framed, not yet taken */
	unsigned char		*rbuf;		/* IBUF_READ_SIZE bytes */
	size_t			 rlen;		/* bytes held in rbuf */
	struct ibuf		*rmsg;		/* message being assembled */
	struct ibuf		*(*readhdr)(struct ibuf *, void *, int *);
	void			*rarg;
	size_t			 hdrsz;
	int			 rerror;	/* why reading stopped, or 0 */
};

static void	 ibufq_init(struct ibufqueue *);
static int	 ibuf_grow(struct ibuf *, size_t);
static void	 ibuf_release(struct ibuf *);
static int	 msgbuf_send(int, struct msgbuf *);
static int	 msgbuf_sendfd(int, struct msgbuf *, struct ibuf *);
static void	 msgbuf_drain(struct msgbuf *, size_t);
static int	 msgbuf_frame(struct msgbuf *, int);
static int	 msgbuf_fail(struct msgbuf *, int);

struct ibuf *
ibuf_open(size_t len)
{
	struct ibuf	*buf;

	if ((buf = calloc(1, sizeof(*buf))) == NULL)
		return (NULL);
	if (len > 0 && (buf->buf = calloc(len, 1)) == NULL) {
		free(buf);
		return (NULL);
	}
	buf->size = buf->max = len;
	buf->fd = -1;
	return (buf);
}

struct ibuf *
ibuf_dynamic(size_t len, size_t max)
{
	struct ibuf	*buf;

	if (max == 0 || len > max) {
		errno = EINVAL;
		return (NULL);
	}
	if ((buf = ibuf_open(len)) == NULL)
		return (NULL);
	buf->max = max;
	return (buf);
}

/*
 * Make room for need bytes in total.  Grow geometrically so that many
 * small additions stay linear, never beyond max, and wipe the old copy:
 * buffers may hold secrets.
 */
static int
ibuf_grow(struct ibuf *buf, size_t need)
{
	unsigned char	*nb;
	size_t		 nsize;

	if (need > buf->max) {
		errno = ERANGE;
		return (-1);
	}
	if (need <= buf->size)
		return (0);
	nsize = buf->size < IBUF_MIN_ALLOC ? IBUF_MIN_ALLOC : buf->size;
	while (nsize < need && nsize <= SIZE_MAX / 2)
		nsize *= 2;
	if (nsize < need)
		nsize = need;
	if (nsize > buf->max)
		nsize = buf->max;
	if ((nb = calloc(nsize, 1)) == NULL)
		return (-1);
	if (buf->size > 0) {
		memcpy(nb, buf->buf, buf->size);
		explicit_bzero(buf->buf, buf->size);
	}
	free(buf->buf);
	buf->buf = nb;
	buf->size = nsize;
	return (0);
}

void *
ibuf_reserve(struct ibuf *buf, size_t len)
{
	void	*p;

	if (buf->fd == IBUF_FD_VIEW) {
		errno = EINVAL;
		return (NULL);
	}
	if (len > SIZE_MAX - buf->wpos) {
		errno = ERANGE;
		return (NULL);
	}
	if (ibuf_grow(buf, buf->wpos + len) == -1)
		return (NULL);
	if (buf->buf == NULL)
		return (ibuf_nothing);	/* len is 0, nothing allocated */
	p = buf->buf + buf->wpos;
	buf->wpos += len;
	return (p);
}

int
ibuf_add(struct ibuf *buf, const void *data, size_t len)
{
	void	*p;

	if (len == 0)
		return (0);
	if ((p = ibuf_reserve(buf, len)) == NULL)
		return (-1);
	memcpy(p, data, len);
	return (0);
}

int
ibuf_add_ibuf(struct ibuf *buf, const struct ibuf *from)
{
	return (ibuf_add(buf, ibuf_data(from), ibuf_size(from)));
}

int
ibuf_add_zero(struct ibuf *buf, size_t len)
{
	void	*p;

	if (len == 0)
		return (0);
	if ((p = ibuf_reserve(buf, len)) == NULL)
		return (-1);
	memset(p, 0, len);
	return (0);
}

int
ibuf_add_n8(struct ibuf *buf, uint64_t value)
{
	uint8_t	v;

	if (value > UINT8_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_n16(struct ibuf *buf, uint64_t value)
{
	uint16_t	v;

	if (value > UINT16_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = htobe16((uint16_t)value);
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_n32(struct ibuf *buf, uint64_t value)
{
	uint32_t	v;

	if (value > UINT32_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = htobe32((uint32_t)value);
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_n64(struct ibuf *buf, uint64_t value)
{
	uint64_t	v;

	v = htobe64(value);
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_h16(struct ibuf *buf, uint64_t value)
{
	uint16_t	v;

	if (value > UINT16_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_h32(struct ibuf *buf, uint64_t value)
{
	uint32_t	v;

	if (value > UINT32_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_add(buf, &v, sizeof(v)));
}

int
ibuf_add_h64(struct ibuf *buf, uint64_t value)
{
	return (ibuf_add(buf, &value, sizeof(value)));
}

/* Add str in a field of exactly len bytes, NUL padded. */
int
ibuf_add_strbuf(struct ibuf *buf, const char *str, size_t len)
{
	unsigned char	*p;
	size_t		 n;

	n = strnlen(str, len);
	if (n >= len) {
		errno = EOVERFLOW;	/* also len 0 */
		return (-1);
	}
	if ((p = ibuf_reserve(buf, len)) == NULL)
		return (-1);
	memcpy(p, str, n);
	memset(p + n, 0, len - n);
	return (0);
}

/* Positions are relative to the read position. */
void *
ibuf_seek(struct ibuf *buf, size_t pos, size_t len)
{
	size_t	avail = ibuf_size(buf);

	if (pos > avail || len > avail - pos) {
		errno = ERANGE;
		return (NULL);
	}
	if (buf->buf == NULL)
		return (ibuf_nothing);	/* pos and len are 0 */
	return (buf->buf + buf->rpos + pos);
}

int
ibuf_set(struct ibuf *buf, size_t pos, const void *data, size_t len)
{
	void	*p;

	if (len == 0) {
		if (pos > ibuf_size(buf)) {
			errno = ERANGE;
			return (-1);
		}
		return (0);
	}
	if ((p = ibuf_seek(buf, pos, len)) == NULL)
		return (-1);
	memcpy(p, data, len);
	return (0);
}

int
ibuf_set_n8(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint8_t	v;

	if (value > UINT8_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_n16(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint16_t	v;

	if (value > UINT16_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = htobe16((uint16_t)value);
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_n32(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint32_t	v;

	if (value > UINT32_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = htobe32((uint32_t)value);
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_n64(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint64_t	v;

	v = htobe64(value);
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_h16(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint16_t	v;

	if (value > UINT16_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_h32(struct ibuf *buf, size_t pos, uint64_t value)
{
	uint32_t	v;

	if (value > UINT32_MAX) {
		errno = EINVAL;
		return (-1);
	}
	v = value;
	return (ibuf_set(buf, pos, &v, sizeof(v)));
}

int
ibuf_set_h64(struct ibuf *buf, size_t pos, uint64_t value)
{
	return (ibuf_set(buf, pos, &value, sizeof(value)));
}

/* Lower the limit a buffer may grow to; never below what it holds. */
int
ibuf_set_maxsize(struct ibuf *buf, size_t max)
{
	if (buf->fd == IBUF_FD_VIEW) {
		errno = EINVAL;
		return (-1);
	}
	if (max > buf->max || max < buf->wpos) {
		errno = ERANGE;
		return (-1);
	}
	buf->max = max;
	return (0);
}

void *
ibuf_data(const struct ibuf *buf)
{
	if (buf->buf == NULL)
		return (NULL);
	return (buf->buf + buf->rpos);
}

size_t
ibuf_size(const struct ibuf *buf)
{
	return (buf->wpos - buf->rpos);
}

size_t
ibuf_left(const struct ibuf *buf)
{
	if (buf->fd == IBUF_FD_VIEW)
		return (0);
	return (buf->max - buf->wpos);
}

int
ibuf_truncate(struct ibuf *buf, size_t len)
{
	if (len <= ibuf_size(buf)) {
		buf->wpos = buf->rpos + len;
		return (0);
	}
	if (buf->fd == IBUF_FD_VIEW) {
		errno = ERANGE;
		return (-1);
	}
	return (ibuf_add_zero(buf, len - ibuf_size(buf)));
}

void
ibuf_rewind(struct ibuf *buf)
{
	buf->rpos = 0;
}

void
ibuf_close(struct msgbuf *msgbuf, struct ibuf *buf)
{
	ibufq_push(&msgbuf->wq, buf);
}

void
ibuf_from_buffer(struct ibuf *buf, void *data, size_t len)
{
	memset(buf, 0, sizeof(*buf));
	buf->buf = data;
	buf->size = buf->wpos = len;
	buf->fd = IBUF_FD_VIEW;
}

void
ibuf_from_ibuf(struct ibuf *buf, const struct ibuf *from)
{
	ibuf_from_buffer(buf, ibuf_data(from), ibuf_size(from));
}

int
ibuf_get(struct ibuf *buf, void *data, size_t len)
{
	if (len > ibuf_size(buf)) {
		errno = EBADMSG;
		return (-1);
	}
	if (len == 0)
		return (0);
	memcpy(data, ibuf_data(buf), len);
	buf->rpos += len;
	return (0);
}

int
ibuf_get_ibuf(struct ibuf *buf, size_t len, struct ibuf *view)
{
	if (len > ibuf_size(buf)) {
		errno = EBADMSG;
		return (-1);
	}
	ibuf_from_buffer(view, ibuf_data(buf), len);
	buf->rpos += len;
	return (0);
}

int
ibuf_get_n8(struct ibuf *buf, uint8_t *value)
{
	return (ibuf_get(buf, value, sizeof(*value)));
}

int
ibuf_get_n16(struct ibuf *buf, uint16_t *value)
{
	uint16_t	v;

	if (ibuf_get(buf, &v, sizeof(v)) == -1)
		return (-1);
	*value = be16toh(v);
	return (0);
}

int
ibuf_get_n32(struct ibuf *buf, uint32_t *value)
{
	uint32_t	v;

	if (ibuf_get(buf, &v, sizeof(v)) == -1)
		return (-1);
	*value = be32toh(v);
	return (0);
}

int
ibuf_get_n64(struct ibuf *buf, uint64_t *value)
{
	uint64_t	v;

	if (ibuf_get(buf, &v, sizeof(v)) == -1)
		return (-1);
	*value = be64toh(v);
	return (0);
}

int
ibuf_get_h16(struct ibuf *buf, uint16_t *value)
{
	return (ibuf_get(buf, value, sizeof(*value)));
}

int
ibuf_get_h32(struct ibuf *buf, uint32_t *value)
{
	return (ibuf_get(buf, value, sizeof(*value)));
}

int
ibuf_get_h64(struct ibuf *buf, uint64_t *value)
{
	return (ibuf_get(buf, value, sizeof(*value)));
}

/* A NUL-terminated copy of the next len bytes; stops early at a NUL. */
char *
ibuf_get_string(struct ibuf *buf, size_t len)
{
	char	*str;

	if (len > ibuf_size(buf)) {
		errno = EBADMSG;
		return (NULL);
	}
	if (len == 0)
		return (strdup(""));
	if ((str = strndup(ibuf_data(buf), len)) == NULL)
		return (NULL);
	buf->rpos += len;
	return (str);
}

/* The next len bytes, which must end in NUL; a NUL is forced anyway. */
int
ibuf_get_strbuf(struct ibuf *buf, char *str, size_t len)
{
	if (len == 0) {
		errno = EINVAL;
		return (-1);
	}
	if (ibuf_get(buf, str, len) == -1)
		return (-1);
	if (str[len - 1] != '\0') {
		str[len - 1] = '\0';
		errno = EOVERFLOW;
		return (-1);
	}
	return (0);
}

int
ibuf_skip(struct ibuf *buf, size_t len)
{
	if (len > ibuf_size(buf)) {
		errno = EBADMSG;
		return (-1);
	}
	buf->rpos += len;
	return (0);
}

static void
ibuf_release(struct ibuf *buf)
{
	if (buf->fd >= 0)
		close(buf->fd);
	if (buf->buf != NULL) {
		explicit_bzero(buf->buf, buf->size);
		free(buf->buf);
	}
	free(buf);
}

void
ibuf_free(struct ibuf *buf)
{
	int	saved_errno = errno;

	if (buf == NULL)
		return;
	/* A view's memory belongs to someone else: stop before harm. */
	if (buf->fd == IBUF_FD_VIEW)
		abort();
	ibuf_release(buf);
	errno = saved_errno;
}

int
ibuf_fd_avail(struct ibuf *buf)
{
	return (buf->fd >= 0);
}

int
ibuf_fd_get(struct ibuf *buf)
{
	int	fd;

	if (buf->fd < 0)
		return (-1);
	fd = buf->fd;
	buf->fd = -1;
	return (fd);
}

void
ibuf_fd_set(struct ibuf *buf, int fd)
{
	if (buf->fd == IBUF_FD_VIEW)
		abort();
	if (buf->fd >= 0)
		close(buf->fd);
	buf->fd = fd >= 0 ? fd : -1;
}

static void
ibufq_init(struct ibufqueue *q)
{
	TAILQ_INIT(&q->bufs);
	q->queued = 0;
}

struct ibufqueue *
ibufq_new(void)
{
	struct ibufqueue	*q;

	if ((q = malloc(sizeof(*q))) == NULL)
		return (NULL);
	ibufq_init(q);
	return (q);
}

void
ibufq_free(struct ibufqueue *q)
{
	if (q == NULL)
		return;
	ibufq_flush(q);
	free(q);
}

struct ibuf *
ibufq_pop(struct ibufqueue *q)
{
	struct ibuf	*buf;

	if ((buf = TAILQ_FIRST(&q->bufs)) == NULL)
		return (NULL);
	TAILQ_REMOVE(&q->bufs, buf, entry);
	q->queued--;
	return (buf);
}

void
ibufq_push(struct ibufqueue *q, struct ibuf *buf)
{
	if (buf->fd == IBUF_FD_VIEW)
		abort();
	TAILQ_INSERT_TAIL(&q->bufs, buf, entry);
	q->queued++;
}

uint32_t
ibufq_queuelen(struct ibufqueue *q)
{
	return (q->queued);
}

void
ibufq_concat(struct ibufqueue *to, struct ibufqueue *from)
{
	TAILQ_CONCAT(&to->bufs, &from->bufs, entry);
	to->queued += from->queued;
	from->queued = 0;
}

void
ibufq_flush(struct ibufqueue *q)
{
	struct ibuf	*buf;

	while ((buf = ibufq_pop(q)) != NULL)
		ibuf_free(buf);
}

struct msgbuf *
msgbuf_new(void)
{
	struct msgbuf	*mb;

	if ((mb = calloc(1, sizeof(*mb))) == NULL)
		return (NULL);
	ibufq_init(&mb->wq);
	ibufq_init(&mb->rq);
	return (mb);
}

/*
 * A msgbuf that also reads.  readhdr gets a view of hdrsz bytes and
 * returns a new buffer whose size limit is the whole message, header
 * included; it may take the fd received with this chunk (setting *fd to
 * -1) and fails by returning NULL with errno set.
 */
struct msgbuf *
msgbuf_new_reader(size_t hdrsz,
    struct ibuf *(*readhdr)(struct ibuf *, void *, int *), void *arg)
{
	struct msgbuf	*mb;

	if (hdrsz == 0 || hdrsz > IBUF_READ_SIZE / 2 || readhdr == NULL) {
		errno = EINVAL;
		return (NULL);
	}
	if ((mb = msgbuf_new()) == NULL)
		return (NULL);
	if ((mb->rbuf = malloc(IBUF_READ_SIZE)) == NULL) {
		free(mb);
		return (NULL);
	}
	mb->hdrsz = hdrsz;
	mb->readhdr = readhdr;
	mb->rarg = arg;
	return (mb);
}

void
msgbuf_free(struct msgbuf *mb)
{
	if (mb == NULL)
		return;
	msgbuf_clear(mb);
	free(mb->rbuf);
	free(mb);
}

/*
 * Drop everything queued, read or half read, closing the fds they hold.
 * A reader stopped by a framing error stays stopped: where the next
 * message starts is unknown.
 */
void
msgbuf_clear(struct msgbuf *mb)
{
	ibufq_flush(&mb->wq);
	ibufq_flush(&mb->rq);
	ibuf_free(mb->rmsg);
	mb->rmsg = NULL;
	if (mb->rbuf != NULL)
		explicit_bzero(mb->rbuf, mb->rlen);
	mb->rlen = 0;
}

void
msgbuf_concat(struct msgbuf *mb, struct ibufqueue *from)
{
	ibufq_concat(&mb->wq, from);
}

uint32_t
msgbuf_queuelen(struct msgbuf *mb)
{
	return (ibufq_queuelen(&mb->wq));
}

/* The errno that stopped the reader, 0 while it works. */
int
msgbuf_rerror(struct msgbuf *mb)
{
	return (mb->rerror);
}

struct ibuf *
msgbuf_get(struct msgbuf *mb)
{
	return (ibufq_pop(&mb->rq));
}

/*
 * One write.  A buffer carrying an fd is sent alone with sendmsg, so the
 * fd travels with its own first byte; everything else goes with writev,
 * up to the next buffer with an fd.
 */
static int
msgbuf_send(int fd, struct msgbuf *mb)
{
	struct iovec	 iov[IOV_MAX];
	struct ibuf	*buf;
	ssize_t		 n;
	int		 cnt = 0;

	if ((buf = TAILQ_FIRST(&mb->wq.bufs)) == NULL)
		return (0);
	if (buf->fd >= 0)
		return (msgbuf_sendfd(fd, mb, buf));

	TAILQ_FOREACH(buf, &mb->wq.bufs, entry) {
		if (cnt >= IOV_MAX || buf->fd >= 0)
			break;
		iov[cnt].iov_base = ibuf_data(buf);
		iov[cnt].iov_len = ibuf_size(buf);
		cnt++;
	}
	do {
		n = writev(fd, iov, cnt);
	} while (n == -1 && errno == EINTR);
	if (n == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
			return (0);
		return (-1);
	}
	msgbuf_drain(mb, n);
	return (0);
}

static int
msgbuf_sendfd(int fd, struct msgbuf *mb, struct ibuf *buf)
{
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	union {
		struct cmsghdr	hdr;
		unsigned char	space[CMSG_SPACE(sizeof(int))];
	} cm;
	ssize_t		 n;

	memset(&msg, 0, sizeof(msg));
	memset(&cm, 0, sizeof(cm));
	iov.iov_base = ibuf_data(buf);
	iov.iov_len = ibuf_size(buf);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.space;
	msg.msg_controllen = sizeof(cm.space);
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &buf->fd, sizeof(int));

	do {
		n = sendmsg(fd, &msg, MSG_NOSIGNAL);
	} while (n == -1 && errno == EINTR);
	if (n == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
			return (0);
		return (-1);
	}
	/* The fd left with the first byte sent; our copy is done. */
	close(buf->fd);
	buf->fd = -1;
	msgbuf_drain(mb, n);
	return (0);
}

static void
msgbuf_drain(struct msgbuf *mb, size_t n)
{
	struct ibuf	*buf;

	while ((buf = TAILQ_FIRST(&mb->wq.bufs)) != NULL) {
		if (n < ibuf_size(buf)) {
			buf->rpos += n;
			return;
		}
		n -= ibuf_size(buf);
		TAILQ_REMOVE(&mb->wq.bufs, buf, entry);
		mb->wq.queued--;
		ibuf_free(buf);
	}
}

int
ibuf_write(int fd, struct msgbuf *mb)
{
	return (msgbuf_send(fd, mb));
}

int
msgbuf_write(int fd, struct msgbuf *mb)
{
	return (msgbuf_send(fd, mb));
}

/* Stop the reader for good and drop what it held. */
static int
msgbuf_fail(struct msgbuf *mb, int fd)
{
	int	saved_errno = errno;

	if (saved_errno == 0)
		saved_errno = EBADMSG;
	if (fd != -1)
		close(fd);
	ibuf_free(mb->rmsg);
	mb->rmsg = NULL;
	explicit_bzero(mb->rbuf, mb->rlen);
	mb->rlen = 0;
	mb->rerror = saved_errno;
	errno = saved_errno;
	return (-1);
}

/*
 * Cut what rbuf holds into messages.  fd came with this chunk: the first
 * header that asks for it takes it, otherwise it is closed.
 */
static int
msgbuf_frame(struct msgbuf *mb, int fd)
{
	struct ibuf	 hdr;
	size_t		 off = 0, n;

	while (off < mb->rlen) {
		if (mb->rmsg == NULL) {
			if (mb->rlen - off < mb->hdrsz)
				break;
			ibuf_from_buffer(&hdr, mb->rbuf + off, mb->hdrsz);
			errno = 0;
			mb->rmsg = mb->readhdr(&hdr, mb->rarg, &fd);
			if (mb->rmsg == NULL)
				return (msgbuf_fail(mb, fd));
			/* A message holds at least its own header. */
			if (ibuf_left(mb->rmsg) < mb->hdrsz) {
				errno = EBADMSG;
				return (msgbuf_fail(mb, fd));
			}
		}
		n = mb->rlen - off;
		if (n > ibuf_left(mb->rmsg))
			n = ibuf_left(mb->rmsg);
		if (ibuf_add(mb->rmsg, mb->rbuf + off, n) == -1)
			return (msgbuf_fail(mb, fd));
		off += n;
		if (ibuf_left(mb->rmsg) == 0) {
			ibufq_push(&mb->rq, mb->rmsg);
			mb->rmsg = NULL;
		}
	}
	if (off > 0) {
		memmove(mb->rbuf, mb->rbuf + off, mb->rlen - off);
		mb->rlen -= off;
	}
	if (fd != -1)
		close(fd);
	return (1);
}

/* Read without fd passing: plain read(2). */
int
ibuf_read(int fd, struct msgbuf *mb)
{
	ssize_t	n;

	if (mb->rbuf == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (mb->rerror != 0) {
		errno = mb->rerror;
		return (-1);
	}
	do {
		n = read(fd, mb->rbuf + mb->rlen, IBUF_READ_SIZE - mb->rlen);
	} while (n == -1 && errno == EINTR);
	if (n == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return (1);
		return (-1);
	}
	if (n == 0)
		return (0);
	mb->rlen += n;
	return (msgbuf_frame(mb, -1));
}

/*
 * Read with room for one fd.  Extra fds are closed; if the kernel had to
 * truncate the control data the chunk is taken without any fd.
 */
int
msgbuf_read(int fd, struct msgbuf *mb)
{
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	union {
		struct cmsghdr	hdr;
		unsigned char	space[CMSG_SPACE(sizeof(int))];
	} cm;
	unsigned char	*p;
	size_t		 i, nfd;
	ssize_t		 n;
	int		 f, passfd = -1;

	if (mb->rbuf == NULL) {
		errno = EINVAL;
		return (-1);
	}
	if (mb->rerror != 0) {
		errno = mb->rerror;
		return (-1);
	}
	memset(&msg, 0, sizeof(msg));
	memset(&cm, 0, sizeof(cm));
	iov.iov_base = mb->rbuf + mb->rlen;
	iov.iov_len = IBUF_READ_SIZE - mb->rlen;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.space;
	msg.msg_controllen = sizeof(cm.space);

	do {
		n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
	} while (n == -1 && errno == EINTR);
	if (n == -1) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return (1);
		return (-1);
	}

	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(&msg, cmsg)) {
		if (cmsg->cmsg_level != SOL_SOCKET ||
		    cmsg->cmsg_type != SCM_RIGHTS ||
		    cmsg->cmsg_len < CMSG_LEN(0))
			continue;
		nfd = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		p = CMSG_DATA(cmsg);
		for (i = 0; i < nfd; i++) {
			memcpy(&f, p + i * sizeof(int), sizeof(int));
			if (passfd == -1 && !(msg.msg_flags & MSG_CTRUNC))
				passfd = f;
			else
				close(f);
		}
	}

	if (n == 0) {
		if (passfd != -1)
			close(passfd);
		return (0);
	}
	mb->rlen += n;
	return (msgbuf_frame(mb, passfd));
}
