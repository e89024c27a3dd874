/*
 * rtnetlink for the parent: addresses, routes and MTU of the interfaces
 * leased manages.
 *
 * The socket is opened by root and kept in netlink.c; it is close-on-exec
 * and never passed to a child (netlink checks the opener's credentials,
 * so a passed socket would carry root's rights).  Every call sends one
 * request with NLM_F_ACK and waits for the kernel's answer.  A call that
 * fails returns -1 with errno set from the kernel's answer, after a
 * log_warnx() naming what failed.  Addresses are in network byte order.
 */

#ifndef NETLINK_H
#define NETLINK_H

#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define NL_INFINITE	0xffffffffU	/* address lifetime: forever */
#define NL_MAC_LEN	6

/* A route as nl_routes_prune() compares them. */
struct nl_route {
	struct in_addr	 dst;
	struct in_addr	 gw;		/* 0.0.0.0: on-link */
	int		 prefixlen;
	uint32_t	 metric;
};

struct nl_link {
	unsigned int	 ifindex;
	char		 ifname[IF_NAMESIZE];
	uint8_t		 mac[NL_MAC_LEN];
	unsigned int	 maclen;	/* 6 on Ethernet */
	unsigned int	 flags;		/* IFF_* */
	uint32_t	 mtu;
};

int	nl_open(void);
void	nl_close(void);
int	nl_addr_add(unsigned int, struct in_addr, int, struct in_addr,
	    uint32_t, uint32_t);
int	nl_addr_del(unsigned int, struct in_addr, int);
int	nl_route_add(unsigned int, struct in_addr, int, struct in_addr,
	    struct in_addr, uint32_t);
int	nl_route_del(unsigned int, struct in_addr, int, struct in_addr,
	    uint32_t);
int	nl_routes_flush(unsigned int);
int	nl_routes_prune(unsigned int, const struct nl_route *, size_t);
int	nl_mtu_set(unsigned int, uint32_t);
int	nl_link_info(unsigned int, const char *, struct nl_link *);

#endif /* NETLINK_H */
