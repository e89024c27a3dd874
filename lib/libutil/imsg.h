/*
 * imsg: framed messages, optionally carrying a file descriptor, between
 * processes over a stream socket; ibuf: the byte buffers they are built
 * from.  Source compatible with OpenBSD's imsg(3) and ibuf_add(3).
 *
 * Linux specifics:
 *  - A queued message without an fd is written with writev(2); a message
 *    carrying an fd is written alone with sendmsg(2) and SCM_RIGHTS,
 *    whether or not IMSG_ALLOW_FDPASS is set (the flag governs reading
 *    only).  A process that never sends fds never calls sendmsg(2).
 *    Callers are expected to ignore SIGPIPE: a closed peer is -1 with
 *    EPIPE.
 *  - Reading uses recvmsg(2) with MSG_CMSG_CLOEXEC and room for one fd
 *    only while IMSG_ALLOW_FDPASS is set in imsgbuf.flags (see
 *    imsgbuf_allow_fdpass()); otherwise it uses read(2), and any fd the
 *    peer sends is discarded by the kernel.  Clear the bit to stop
 *    accepting fds, e.g. before dropping recvmsg from a seccomp policy.
 *  - A received header whose length is outside IMSG_HEADER_SIZE..maxsize
 *    makes imsgbuf_read() fail with ERANGE; the reading side of that
 *    imsgbuf is dead from then on: imsgbuf_read() keeps failing and
 *    imsgbuf_get() fails with the same errno once the messages framed
 *    before the bad header have been taken.
 */

#ifndef IMSG_H
#define IMSG_H

#include <sys/types.h>
#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#define IBUF_READ_SIZE		65535
#define IMSG_HEADER_SIZE	sizeof(struct imsg_hdr)
#define MAX_IMSGSIZE		16384

/* imsgbuf.flags */
#define IMSG_ALLOW_FDPASS	0x01	/* read with recvmsg, accept one fd */

struct ibuf {
	TAILQ_ENTRY(ibuf)	 entry;
	unsigned char		*buf;
	size_t			 size;	/* allocated bytes */
	size_t			 max;	/* size may grow up to this */
	size_t			 wpos;	/* end of the data */
	size_t			 rpos;	/* start of the unread data */
	int			 fd;	/* attached fd or -1 */
};

struct ibufqueue;
struct msgbuf;

struct imsgbuf {
	struct msgbuf		*w;
	pid_t			 pid;
	uint32_t		 maxsize;	/* including the header */
	int			 fd;
	int			 flags;
};

struct imsg_hdr {
	uint32_t		 type;
	uint32_t		 len;	/* header + payload */
	uint32_t		 peerid;
	uint32_t		 pid;
};

struct imsg {
	struct imsg_hdr		 hdr;
	void			*data;	/* payload or NULL if none */
	struct ibuf		*buf;
};

struct iovec;

/* imsg-buffer.c */
struct ibuf	*ibuf_open(size_t);
struct ibuf	*ibuf_dynamic(size_t, size_t);
int		 ibuf_add(struct ibuf *, const void *, size_t);
int		 ibuf_add_ibuf(struct ibuf *, const struct ibuf *);
int		 ibuf_add_zero(struct ibuf *, size_t);
int		 ibuf_add_n8(struct ibuf *, uint64_t);
int		 ibuf_add_n16(struct ibuf *, uint64_t);
int		 ibuf_add_n32(struct ibuf *, uint64_t);
int		 ibuf_add_n64(struct ibuf *, uint64_t);
int		 ibuf_add_h16(struct ibuf *, uint64_t);
int		 ibuf_add_h32(struct ibuf *, uint64_t);
int		 ibuf_add_h64(struct ibuf *, uint64_t);
int		 ibuf_add_strbuf(struct ibuf *, const char *, size_t);
void		*ibuf_reserve(struct ibuf *, size_t);
void		*ibuf_seek(struct ibuf *, size_t, size_t);
int		 ibuf_set(struct ibuf *, size_t, const void *, size_t);
int		 ibuf_set_n8(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_n16(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_n32(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_n64(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_h16(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_h32(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_h64(struct ibuf *, size_t, uint64_t);
int		 ibuf_set_maxsize(struct ibuf *, size_t);
void		*ibuf_data(const struct ibuf *);
size_t		 ibuf_size(const struct ibuf *);
size_t		 ibuf_left(const struct ibuf *);
int		 ibuf_truncate(struct ibuf *, size_t);
void		 ibuf_rewind(struct ibuf *);
void		 ibuf_close(struct msgbuf *, struct ibuf *);
void		 ibuf_from_buffer(struct ibuf *, void *, size_t);
void		 ibuf_from_ibuf(struct ibuf *, const struct ibuf *);
int		 ibuf_get(struct ibuf *, void *, size_t);
int		 ibuf_get_ibuf(struct ibuf *, size_t, struct ibuf *);
int		 ibuf_get_n8(struct ibuf *, uint8_t *);
int		 ibuf_get_n16(struct ibuf *, uint16_t *);
int		 ibuf_get_n32(struct ibuf *, uint32_t *);
int		 ibuf_get_n64(struct ibuf *, uint64_t *);
int		 ibuf_get_h16(struct ibuf *, uint16_t *);
int		 ibuf_get_h32(struct ibuf *, uint32_t *);
int		 ibuf_get_h64(struct ibuf *, uint64_t *);
char		*ibuf_get_string(struct ibuf *, size_t);
int		 ibuf_get_strbuf(struct ibuf *, char *, size_t);
int		 ibuf_skip(struct ibuf *, size_t);
void		 ibuf_free(struct ibuf *);
int		 ibuf_fd_avail(struct ibuf *);
int		 ibuf_fd_get(struct ibuf *);
void		 ibuf_fd_set(struct ibuf *, int);
struct msgbuf	*msgbuf_new(void);
struct msgbuf	*msgbuf_new_reader(size_t,
		    struct ibuf *(*)(struct ibuf *, void *, int *), void *);
void		 msgbuf_free(struct msgbuf *);
void		 msgbuf_clear(struct msgbuf *);
void		 msgbuf_concat(struct msgbuf *, struct ibufqueue *);
uint32_t	 msgbuf_queuelen(struct msgbuf *);
int		 msgbuf_rerror(struct msgbuf *);
int		 ibuf_write(int, struct msgbuf *);
int		 msgbuf_write(int, struct msgbuf *);
int		 ibuf_read(int, struct msgbuf *);
int		 msgbuf_read(int, struct msgbuf *);
struct ibuf	*msgbuf_get(struct msgbuf *);

struct ibufqueue *ibufq_new(void);
void		 ibufq_free(struct ibufqueue *);
struct ibuf	*ibufq_pop(struct ibufqueue *);
void		 ibufq_push(struct ibufqueue *, struct ibuf *);
uint32_t	 ibufq_queuelen(struct ibufqueue *);
void		 ibufq_concat(struct ibufqueue *, struct ibufqueue *);
void		 ibufq_flush(struct ibufqueue *);

/* imsg.c */
int		 imsgbuf_init(struct imsgbuf *, int);
void		 imsgbuf_allow_fdpass(struct imsgbuf *);
int		 imsgbuf_set_maxsize(struct imsgbuf *, uint32_t);
int		 imsgbuf_read(struct imsgbuf *);
int		 imsgbuf_write(struct imsgbuf *);
int		 imsgbuf_flush(struct imsgbuf *);
void		 imsgbuf_clear(struct imsgbuf *);
uint32_t	 imsgbuf_queuelen(struct imsgbuf *);
int		 imsgbuf_get(struct imsgbuf *, struct imsg *);
ssize_t		 imsg_get(struct imsgbuf *, struct imsg *);
int		 imsg_ibufq_pop(struct ibufqueue *, struct imsg *);
void		 imsg_ibufq_push(struct ibufqueue *, struct imsg *);
int		 imsg_get_ibuf(struct imsg *, struct ibuf *);
int		 imsg_get_data(struct imsg *, void *, size_t);
int		 imsg_get_buf(struct imsg *, void *, size_t);
int		 imsg_get_strbuf(struct imsg *, char *, size_t);
int		 imsg_get_fd(struct imsg *);
uint32_t	 imsg_get_id(struct imsg *);
size_t		 imsg_get_len(struct imsg *);
pid_t		 imsg_get_pid(struct imsg *);
uint32_t	 imsg_get_type(struct imsg *);
int		 imsg_forward(struct imsgbuf *, struct imsg *);
int		 imsg_compose(struct imsgbuf *, uint32_t, uint32_t, pid_t, int,
		    const void *, size_t);
int		 imsg_composev(struct imsgbuf *, uint32_t, uint32_t, pid_t, int,
		    const struct iovec *, int);
int		 imsg_compose_ibuf(struct imsgbuf *, uint32_t, uint32_t, pid_t,
		    struct ibuf *);
struct ibuf	*imsg_create(struct imsgbuf *, uint32_t, uint32_t, pid_t,
		    size_t);
int		 imsg_add(struct ibuf *, const void *, size_t);
void		 imsg_close(struct imsgbuf *, struct ibuf *);
void		 imsg_free(struct imsg *);
int		 imsg_set_maxsize(struct ibuf *, size_t);

#endif /* IMSG_H */
