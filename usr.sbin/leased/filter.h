/*
 * Socket filters of the leased parent: the classic BPF programs built
 * from the sources in filters/, patched with the interface's values,
 * attached and locked on the packet socket (receive) and, translated
 * to eBPF, at the interface's tc egress (send).
 */

#ifndef FILTER_H
#define FILTER_H

#include <linux/filter.h>
#include <netinet/in.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Values patched into a program at run time.  The sources hold
 * placeholders for them (see filters/); bpfc records every
 * instruction that compares against one, and which part it holds.
 */
enum filter_value {
	FILTER_V_MAC_HI16,	/* MAC bytes 0-1, e.g. 02:de */
	FILTER_V_MAC_LO32,	/* MAC bytes 2-5, e.g. ad:be:ef:01 */
	FILTER_V_LEASED,	/* the leased address */
	FILTER_V_SERVER,	/* the DHCP server's address */
	FILTER_V_MAX
};

struct filter_patch {
	uint16_t	 insn;		/* index of a "jeq #k" */
	uint16_t	 value;		/* enum filter_value */
};

struct filter_prog {
	const char			*name;
	const char			*source;	/* the expression */
	const struct sock_filter	*insns;
	size_t				 len;
	const struct filter_patch	*patches;
	size_t				 npatches;
	size_t				 guard;		/* leading guard insns */
};

/* The placeholders the sources use, and so the values bpfc looks for. */
#define FILTER_PH_MAC		{ 0x02, 0xde, 0xad, 0xbe, 0xef, 0x01 }
#define FILTER_PH_MAC_HI16	0x02deU
#define FILTER_PH_MAC_LO32	0xadbeef01U
#define FILTER_PH_LEASED	0xc63364c9U	/* 198.51.100.201 */
#define FILTER_PH_SERVER	0xc63364caU	/* 198.51.100.202 */

/*
 * Our tc egress programs: a fixed priority and a handle range nobody
 * else is likely to pick, plus the program name, mark what is ours.
 * Priority 1 runs before filters with larger numbers, whose verdict
 * (TC_ACT_OK) would otherwise end classification before ours sees our
 * socket's frames.  Our programs return TC_ACT_UNSPEC for every frame
 * not from our socket, so the filters after them still see those.
 */
#define FILTER_TC_PRIO		1
#define FILTER_TC_HANDLE_BASE	0x1ea5ed00U
#define FILTER_TC_HANDLE_PACKET	(FILTER_TC_HANDLE_BASE | 0x01)
#define FILTER_TC_HANDLE_UDP	(FILTER_TC_HANDLE_BASE | 0x02)
#define FILTER_TC_NAME_PACKET	"leased_tx"
#define FILTER_TC_NAME_UDP	"leased_udp_tx"

enum filter_kind {
	FILTER_PACKET,		/* AF_PACKET, broadcast DISCOVER/REQUEST */
	FILTER_UDP		/* AF_INET, unicast renewal to the server */
};

/* A socket and the tc egress program that guards what it sends. */
struct filter_tc {
	enum filter_kind	 kind;
	unsigned int		 ifindex;
	int			 fd;		/* the caller's socket */
	int			 prog_fd;	/* -1: nothing attached */
	uint64_t		 cookie;	/* SO_COOKIE of fd */
	uint32_t		 handle;
	uint8_t			 mac[6];
	struct in_addr		 leased;
	struct in_addr		 server;
};

int	filter_patch(const struct filter_prog *, struct sock_filter *,
	    const uint8_t *, struct in_addr, struct in_addr);
int	filter_packet_open(unsigned int, const uint8_t *, struct in_addr,
	    struct filter_tc *);
int	filter_packet_update(struct filter_tc *, struct in_addr);
int	filter_udp_open(unsigned int, const uint8_t *, struct in_addr,
	    struct in_addr, struct filter_tc *);
void	filter_tc_remove(struct filter_tc *);
int	filter_tc_remove_stale(unsigned int);
void	filter_audit(FILE *, const char *, const uint8_t *, struct in_addr,
	    struct in_addr);

#endif /* FILTER_H */
