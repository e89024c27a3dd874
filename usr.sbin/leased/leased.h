/*
 * leased: shared definitions of the three processes.
 */

#ifndef LEASED_H
#define LEASED_H

#include <sys/types.h>
#include <sys/queue.h>

#include <net/if.h>
#include <netinet/if_ether.h>
#include <netinet/in.h>

#include <event.h>
#include <stdint.h>

#include "imsg.h"
#include "lease.h"

#define LEASED_USER		"_leased"
#define LEASED_CONF_FILE	"/etc/leased.conf"
#define LEASED_SOCKET		"/run/leased.sock"
#define LEASED_LOCK_NAME	"leased.lock"	/* beside the control socket */

/* The child's end of its channel to the parent is always this fd. */
#define LEASED_PARENT_FD	3

enum leased_process {
	PROC_MAIN,
	PROC_ENGINE,
	PROC_FRONTEND
};

struct imsgev {
	struct imsgbuf	 ibuf;
	void		(*handler)(int, short, void *);
	struct event	 ev;
	short		 events;
};

/*
 * One list of every message the processes exchange, grouped by who
 * talks.  Keep imsg_names[] in leased.c in step.
 */
enum imsg_type {
	IMSG_NONE,

	/* leasectl <-> frontend <-> engine, parent */
	IMSG_CTL_LOG_VERBOSE,		/* int */
	IMSG_CTL_RELOAD,		/* - */
	IMSG_CTL_SHOW_INTERFACE_INFO,	/* uint32_t if_index, 0: all */
	IMSG_CTL_SEND_REQUEST,		/* uint32_t if_index */
	IMSG_CTL_RELEASE,		/* uint32_t if_index */
	IMSG_CTL_MANAGE,		/* char[IF_NAMESIZE]: start managing */
	IMSG_CTL_INTERFACE_INFO,	/* struct ctl_iface_info */
	IMSG_CTL_END,			/* - */

	/* parent -> children: configuration */
	IMSG_RECONF_CONF,		/* struct leased_conf */
	IMSG_RECONF_IFACE,		/* struct iface_conf */
	IMSG_RECONF_END,		/* - */

	/* set-up */
	IMSG_SOCKET_IPC,		/* fd: engine <-> frontend */
	IMSG_CONTROLFD,			/* fd: the listening control socket */
	IMSG_STARTUP,			/* - */

	/* interfaces */
	IMSG_OPEN_SOCKETS,		/* frontend -> parent: imsg_ifreq */
	IMSG_PACKET_SOCKET,		/* parent -> frontend: imsg_iface_ready
					   + fd */
	IMSG_UDP_SOCKET,		/* parent -> frontend: imsg_udpsock + fd,
					   frontend -> engine: uint32_t */
	IMSG_CLOSE_UDP_SOCKET,		/* engine -> frontend: uint32_t */
	IMSG_IFACE_READY,		/* frontend -> engine: imsg_iface_ready */
	IMSG_LINK_STATE,		/* frontend -> engine: imsg_link */
	IMSG_LINK_GONE,			/* frontend -> engine, parent: uint32_t */

	/* packets */
	IMSG_DHCP_FRAME,		/* frontend -> engine: imsg_frame */
	IMSG_SEND_FRAME,		/* engine -> frontend: imsg_frame */
	IMSG_SEND_UDP,			/* engine -> frontend: imsg_frame */

	/* system configuration */
	IMSG_RELEASE_ALL,		/* parent -> engine: shutting down */
	IMSG_CONFIGURE,			/* engine -> parent: struct lease */
	IMSG_DECONFIGURE,		/* engine -> parent: imsg_deconf */

	IMSG_TYPE_MAX
};

/* Largest frame that travels between frontend and engine. */
#define LEASED_FRAME_MAX	1600

struct imsg_ifreq {
	uint32_t	 if_index;
	char		 ifname[IF_NAMESIZE];
};

struct imsg_link {
	uint32_t	 if_index;
	char		 ifname[IF_NAMESIZE];
	uint8_t		 mac[ETHER_ADDR_LEN];
	int		 running;	/* up and carrier */
};

struct imsg_frame {
	uint32_t	 if_index;
	uint32_t	 len;
	uint32_t	 flags;
#define FRAME_CSUM_PARTIAL	0x01	/* UDP checksum left to the NIC */
	uint8_t		 frame[LEASED_FRAME_MAX];
};

struct imsg_udpsock {
	uint32_t	 if_index;
	struct in_addr	 addr;
	struct in_addr	 server;
};

struct imsg_iface_ready {
	uint32_t	 if_index;
	char		 ifname[IF_NAMESIZE];
	uint8_t		 mac[ETHER_ADDR_LEN];
	int		 have_lease;
	struct lease	 lease;		/* the stored lease, if any */
};

struct imsg_deconf {
	uint32_t	 if_index;
	struct in_addr	 addr;
	int		 prefixlen;
};

/* What "leasectl show interface" shows. */
struct ctl_iface_info {
	uint32_t	 if_index;
	char		 ifname[IF_NAMESIZE];
	char		 state[16];
	int		 running;
	int		 have_lease;
	struct lease	 lease;
	int64_t		 lease_left;	/* seconds; -1: infinite */
	int64_t		 renew_in;	/* seconds to T1, -1: none */
	int64_t		 rebind_in;	/* seconds to T2, -1: none */
};

/* leased.c: helpers every process uses. */
const char	*imsg_type_name(uint32_t);
const char	*ntoa(struct in_addr);
struct leased_conf;
struct leased_conf *config_recv(struct imsg *, uint32_t);
struct imsgev	*imsgev_open(int, int, void (*)(int, short, void *));
int		 imsgev_io(struct imsgev *, short);
void		 imsg_event_add(struct imsgev *);
int		 imsg_compose_event(struct imsgev *, uint32_t, uint32_t,
		    pid_t, int, const void *, size_t);
void		 privdrop(const char *);

/* engine.c */
void		 engine(int, int) __attribute__((__noreturn__));

/* frontend.c */
void		 frontend(int, int) __attribute__((__noreturn__));
int		 frontend_imsg_compose_main(uint32_t, pid_t, const void *,
		    size_t);
int		 frontend_imsg_compose_engine(uint32_t, uint32_t, pid_t,
		    const void *, size_t);

#endif /* LEASED_H */
