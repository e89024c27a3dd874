/*
 * The imsg decoder fuzz targets: what the harness (common.c) and the
 * stand-ins for the daemon's privileged modules (stubs.c) share with
 * the three targets.
 *
 * An input is either a list of records, each one imsg for one channel:
 *
 *	flags:1 { chan:1 type:1 ctl:1 pid:1 len:2 (little endian)
 *	    payload } ...
 *
 * or, with FZ_RAW set, a byte stream written as it is into one channel:
 *
 *	flags:1 chan:1 ctl:1 bytes...
 *
 * ctl in a record: FZ_CTL_FD_* says which fd travels with the message,
 * FZ_CTL_EXACT replaces len by the size the receiver expects.  A payload
 * shorter than asked is padded with zeros; pid 0 is the sender's own.
 * Types above 255 only come in streams.  In a stream, ctl's low nibble
 * is the chunk size (in units of 61 bytes, 0: all at once), each chunk
 * followed by a dispatch, and FZ_CTL_RAW_FD sends an fd with the first.
 * A channel that is not an imsg one (the frontend's routing socket)
 * takes a record's payload, or a stream's chunks, as they are.
 *
 * Channel numbers are the target's (see each fuzz_*.c).  Each input
 * starts from a fresh process state, so any finding replays alone.
 */

#ifndef FUZZ_H
#define FUZZ_H

#include <sys/types.h>

#include <setjmp.h>
#include <time.h>
#include <stddef.h>
#include <stdint.h>

#include "imsg.h"

/* flags */
#define FZ_RAW		0x01	/* one raw stream, not records */
#define FZ_NOSETUP	0x02	/* skip the start-up messages */
#define FZ_EOF		0x04	/* close the channels at the end */
#define FZ_VERBOSE	0x08	/* log_getverbose() says 2 */

/* ctl */
#define FZ_CTL_FD_MASK	0x03
#define FZ_CTL_FD_AUTO	0x00	/* the fd the type carries, if any */
#define FZ_CTL_FD_NONE	0x01
#define FZ_CTL_FD_SOCK	0x02	/* a socket, whatever the type */
#define FZ_CTL_FD_NULL	0x03	/* /dev/null, whatever the type */
#define FZ_CTL_EXACT	0x04
#define FZ_CTL_RAW_FD	0x10

#define FZ_RECORD_HDR	6
#define FZ_MAX_RECORDS	256
#define FZ_CHUNK_UNIT	61

/* The fake kernel of stubs.c: index 1 eth0, 2 eth1, 3 eth2 (no MAC). */
#define FZ_MAC_ETH0	{ 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30 }
#define FZ_MAC_ETH1	{ 0x02, 0x00, 0x5e, 0x10, 0x20, 0x31 }
#define FZ_XID		0x1c2d3e4fU	/* every arc4random() */

/* One end of a channel the daemon reads; the harness holds the other. */
struct fz_chan {
	int		 fd;		/* the daemon's end, -1: none */
	struct imsgbuf	 ib;		/* ours, on peer */
	int		 peer;		/* -1: none */
	int		 recv;		/* receiving process, FZ_PROC_* */
	int		 from;		/* sending process, FZ_PROC_* */
};

enum {
	FZ_PROC_PARENT,
	FZ_PROC_ENGINE,
	FZ_PROC_FRONTEND,
	FZ_PROC_CLIENT,		/* a control client */
	FZ_PROC_KERNEL
};

/* Input reading. */
struct fz_in {
	const uint8_t	*p;
	size_t		 left;
};

int		 fz_u8(struct fz_in *, uint8_t *);
size_t		 fz_take(struct fz_in *, void *, size_t);

/* fatal()/fatalx() of stubs.c come back here while armed. */
extern sigjmp_buf	 fz_jmp;
extern volatile int	 fz_armed;
extern volatile int	 fz_never_fatal;	/* the sender may not kill */
extern const char	*fz_never_fatal_why;
extern int		 fz_verbose;
extern char		 fz_last_fatal[];
extern int		 fz_skip_known;

/* The message being dispatched, for fatal() and the cleanup after. */
extern struct imsg	 fz_cur;
extern int		 fz_cur_set;
extern uint32_t		 fz_cur_type;
extern size_t		 fz_cur_len;
extern int		 fz_cur_parent;	/* it came from the parent */

/* In a child: the imsgbuf the parent writes into (config_recv's). */
extern struct imsgbuf	*fz_parent_ib;
/* In the engine: a DHCP frame's content may not be fatal. */
extern int		 fz_dhcp_rule;

int		 fz_imsgbuf_get(struct imsgbuf *, struct imsg *);
void		*fz_malloc(size_t);
void		 fz_imsg_free(struct imsg *);
void		 fz_cur_release(void);

/* Where config_recv() stands, see fz_conf_reset(). */
enum fz_conf_state {
	FZ_CONF_NONE,
	FZ_CONF_VALID,		/* between a good CONF and its END */
	FZ_CONF_GARBAGE		/* a CONF failed after config_recv's malloc */
};
extern enum fz_conf_state	 fz_conf;
void		 fz_conf_reset(void);

/* Channels and fds. */
void		 fz_init(void);
void		 fz_stubs_init(void);
int		 fz_chan_open(struct fz_chan *, int, int, int);
void		 fz_chan_close(struct fz_chan *);
int		 fz_pending(int);
int		 fz_chan_adopt_peer(struct fz_chan *, int, int, int, int);
int		 fz_fd_make(int);
int		 fz_listener(void);
int		 fz_connect(int);
void		 fz_send(struct fz_chan *, uint32_t, uint32_t, pid_t, int,
		    const void *, size_t);
void		 fz_send_raw(struct fz_chan *, const void *, size_t, int);
void		 fz_collect(struct fz_chan *);
void		 fz_fd_snapshot(void);
int		 fz_fd_sweep(void);
void		 fz_event_reset(void);

/*
 * What the receiver of a message accepts: 0, or -1 with the reason.
 * Used to check what the process under test sends.
 */
int		 fz_acceptable(int, int, uint32_t, const void *, size_t,
		    int, const char **);
size_t		 fz_exact_size(int, int, uint32_t);

/* One input, driven by a target's hooks. */
struct fz_target {
	int	 proc;
	void	 (*setup)(int);			/* flags */
	void	 (*teardown)(void);
	/* Deliver what is pending on a channel, -1: no such channel. */
	int	 (*dispatch)(int, short);
	/* Channel number to its struct, NULL: none (yet). */
	struct fz_chan *(*chan)(int, int);	/* chan, create */
	void	 (*pump)(void);			/* writes and collects */
	int	 (*auto_fd)(int, uint32_t);	/* chan, type: fd or -1 */
	int	 (*raw)(int, const uint8_t *, size_t);	/* non-imsg chan */
	/* A type whose content it passes on from the parent unchecked. */
	int	 (*relayed)(uint32_t);
	/* With FUZZ_SKIP_KNOWN set: defuse a known bug in a record. */
	void	 (*known)(int, uint32_t, uint8_t *, size_t);
	int	 nchan;
};

int		 fz_run(const struct fz_target *, const uint8_t *, size_t);

/* Seed corpus writing. */
struct leased_conf;
struct iface_conf;
struct lease;
void		 fz_seed_begin(uint8_t);
void		 fz_seed_bytes(const void *, size_t);
void		 fz_seed_rec(uint8_t, uint32_t, uint8_t, uint8_t,
		    const void *, size_t);
void		 fz_seed_imsg(uint32_t, uint32_t, const void *, size_t);
void		 fz_seed_write(const char *, const char *);
size_t		 fz_seed_file(const char *, void *, size_t);
void		 fz_conf_default(struct leased_conf *);
void		 fz_iface_default(struct iface_conf *, const char *);
void		 fz_stored_lease(struct lease *, const char *,
		    const uint8_t *, time_t);

#endif /* FUZZ_H */
