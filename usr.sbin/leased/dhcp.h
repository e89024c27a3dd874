/*
 * DHCP wire format: parse and build BOOTP/DHCP messages (RFC 951, 2131,
 * 2132, 3396, 3397, 3442, 4039, 8925).
 *
 * This module is pure: no I/O, no state, no allocation.  The engine runs
 * every frame a server sends through dhcp_parse_frame() or
 * dhcp_parse_bootp(), and every message it sends comes from
 * dhcp_build_frame() or dhcp_build_bootp().
 *
 * Parsing policy (what makes a message invalid):
 * - Any structural error rejects the whole message: a short or
 *   inconsistent header, a bad checksum, a fragment, a truncated option,
 *   an option area without its end option (the options field, and file
 *   and sname when overloaded), an option of the wrong length, a numeric
 *   value out of range (non-contiguous subnet mask, MTU below 68,
 *   overload not 1-3, maximum message size below 576), a malformed
 *   domain search list (bad label type, truncated name, name over 253
 *   characters, compression pointer that does not point strictly
 *   backwards) or classless route list (prefix above 32, truncated
 *   entry, more than DHCP_MAX_ROUTES routes), a missing or out of place
 *   message type.  The engine must not turn any of these into a fatal
 *   error: it logs the reason and drops the packet.
 * - Option overload (52) is honoured: it must sit in the options field,
 *   and the file field, then sname, continue the options.
 * - An option that appears more than once is the concatenation of its
 *   instances in the order options, file, sname (RFC 3396), for every
 *   option; a repeated fixed-size option therefore has the wrong length
 *   and rejects the message.  One option's data is capped at 2048 bytes.
 * - Text that is well formed but carries characters we will not pass on
 *   (host name, domain name, search list) drops that option only: it is
 *   marked in the dropped set and reads as absent.  What is allowed is
 *   what dhcp_valid_name() accepts: letters, digits, '-' and '_' in
 *   dot-separated labels, no label starting with '-'.  Trailing NULs,
 *   which some servers add, are removed first; any other NUL drops the
 *   option.  The message option (56) is never dropped: its first 255
 *   bytes are kept, escaped like vis(3).
 * - Lists of servers are truncated to DHCP_MAX_ROUTERS / DHCP_MAX_DNS
 *   (the first ones are the preferred ones) and search lists to
 *   DHCP_MAX_SEARCH names; classless routes are never truncated.
 * - Option 108's value is returned as sent: clamping it to at least
 *   300 seconds (RFC 8925) is the engine's job, like every other
 *   semantic check that needs its state (xid, chaddr, which server, is
 *   there a lease time in an ACK, does 121 override 3).
 *
 * Building follows RFC 2131 table 5 for each kind: a DISCOVER or REQUEST
 * carries the client id, host name, vendor class, parameter request
 * list and maximum message size; RELEASE and DECLINE carry only the
 * client id, server id and address.  A missing required address is an
 * error.  A buffer of DHCP_FRAME_MAX bytes always suffices.
 *
 * Every function taking "why, whylen" writes a reason there when it
 * fails and an empty string when it succeeds; why may be NULL.
 */

#ifndef DHCP_H
#define DHCP_H

#include <sys/types.h>

#include <netinet/in.h>
#include <stdint.h>

#define DHCP_SERVER_PORT	67
#define DHCP_CLIENT_PORT	68

#define BOOTREQUEST		1
#define BOOTREPLY		2

#define DHCP_ETHER_LEN		14	/* Ethernet header */
#define DHCP_IP_LEN		20	/* IPv4 header we build */
#define DHCP_UDP_LEN		8
#define DHCP_FIXED_LEN		236	/* BOOTP header up to the options */
#define DHCP_COOKIE_LEN		4
#define DHCP_MIN_LEN		300	/* BOOTP minimum we pad to */
#define DHCP_MAX_LEN		1500	/* largest BOOTP message we build */
#define DHCP_FRAME_MAX		(DHCP_ETHER_LEN + DHCP_IP_LEN + \
				    DHCP_UDP_LEN + DHCP_MAX_LEN)

#define DHCP_MIN_MAX_MSG_SIZE	576	/* option 57 minimum */
#define DHCP_MIN_MTU		68
#define DHCP_INFINITE		0xffffffffU

/* Message types (option 53). */
#define DHCPDISCOVER		1
#define DHCPOFFER		2
#define DHCPREQUEST		3
#define DHCPDECLINE		4
#define DHCPACK			5
#define DHCPNAK			6
#define DHCPRELEASE		7
#define DHCPINFORM		8

/* Option codes. */
#define DHO_PAD			0
#define DHO_SUBNET_MASK		1
#define DHO_ROUTERS		3
#define DHO_DOMAIN_NAME_SERVERS	6
#define DHO_HOST_NAME		12
#define DHO_DOMAIN_NAME		15
#define DHO_INTERFACE_MTU	26
#define DHO_BROADCAST_ADDRESS	28
#define DHO_REQUESTED_ADDRESS	50
#define DHO_LEASE_TIME		51
#define DHO_OVERLOAD		52
#define DHO_MESSAGE_TYPE	53
#define DHO_SERVER_IDENTIFIER	54
#define DHO_PARAMETER_REQUEST	55
#define DHO_MESSAGE		56
#define DHO_MAX_MESSAGE_SIZE	57
#define DHO_RENEWAL_TIME	58
#define DHO_REBINDING_TIME	59
#define DHO_VENDOR_CLASS	60
#define DHO_CLIENT_IDENTIFIER	61
#define DHO_RAPID_COMMIT	80
#define DHO_IPV6_ONLY		108
#define DHO_DOMAIN_SEARCH	119
#define DHO_CLASSLESS_ROUTES	121
#define DHO_END			255

/* Limits of what a parsed message can hold. */
#define DHCP_MAX_ROUTERS	16
#define DHCP_MAX_DNS		16
#define DHCP_MAX_ROUTES		64
#define DHCP_MAX_SEARCH		8
#define DHCP_NAME_MAX		253	/* host or domain name, text form */
#define DHCP_MESSAGE_MAX	(4 * 255 + 1)	/* option 56, escaped */
#define DHCP_OPTION_MAX		255	/* one option's data, bytes */
#define DHCP_WHY_LEN		128	/* room for a rejection reason */
#define DHCP_STR_LEN		2048	/* room for dhcp_msg_str() */

struct dhcp_route {
	struct in_addr	 dst;		/* host bits cleared */
	struct in_addr	 gw;
	uint8_t		 prefixlen;
};

struct dhcp_msg {
	/* Lower layers, filled by dhcp_parse_frame() only. */
	int		 from_frame;
	uint8_t		 ether_dst[6];
	uint8_t		 ether_src[6];
	struct in_addr	 ip_src;
	struct in_addr	 ip_dst;

	/* BOOTP header. */
	uint8_t		 op;
	uint8_t		 hops;
	uint32_t	 xid;		/* host order */
	uint16_t	 secs;
	uint16_t	 flags;
	struct in_addr	 ciaddr;
	struct in_addr	 yiaddr;
	struct in_addr	 siaddr;
	struct in_addr	 giaddr;
	uint8_t		 chaddr[6];

	/* Options seen, and options dropped for their content. */
	uint8_t		 present[32];
	uint8_t		 dropped[32];

	uint8_t		 msgtype;
	uint8_t		 overload;
	struct in_addr	 server_id;
	struct in_addr	 netmask;
	struct in_addr	 broadcast;
	struct in_addr	 requested;
	struct in_addr	 routers[DHCP_MAX_ROUTERS];
	int		 nrouters;
	struct in_addr	 dns[DHCP_MAX_DNS];
	int		 ndns;
	char		 hostname[DHCP_NAME_MAX + 2];
	char		 domain[DHCP_NAME_MAX + 2];
	char		 search[DHCP_MAX_SEARCH][DHCP_NAME_MAX + 2];
	int		 nsearch;
	uint16_t	 mtu;
	uint16_t	 max_msg_size;
	uint32_t	 lease_time;
	uint32_t	 t1;
	uint32_t	 t2;
	uint32_t	 ipv6_only;
	struct dhcp_route routes[DHCP_MAX_ROUTES];
	int		 nroutes;
	int		 rapid_commit;
	char		 message[DHCP_MESSAGE_MAX];
	uint8_t		 client_id[DHCP_OPTION_MAX];
	size_t		 client_id_len;
	uint8_t		 vendor_class[DHCP_OPTION_MAX];
	size_t		 vendor_class_len;
	uint8_t		 prl[DHCP_OPTION_MAX];
	size_t		 prl_len;
};

/* What to build. */
enum dhcp_kind {
	DHCP_KIND_DISCOVER,
	DHCP_KIND_SELECTING,	/* REQUEST: server id + requested address */
	DHCP_KIND_INIT_REBOOT,	/* REQUEST: requested address */
	DHCP_KIND_RENEWING,	/* REQUEST: ciaddr, unicast */
	DHCP_KIND_REBINDING,	/* REQUEST: ciaddr, broadcast */
	DHCP_KIND_RELEASE,	/* ciaddr + server id */
	DHCP_KIND_DECLINE	/* requested address + server id */
};

struct dhcp_req {
	enum dhcp_kind	 kind;
	uint8_t		 mac[6];
	uint32_t	 xid;		/* host order */
	uint16_t	 secs;
	uint16_t	 flags;		/* e.g. the broadcast bit, 0x8000 */
	struct in_addr	 ciaddr;
	struct in_addr	 requested;
	struct in_addr	 server_id;
	uint8_t		 client_id[DHCP_OPTION_MAX];
	size_t		 client_id_len;	/* 0: type 1 and the MAC */
	char		 hostname[DHCP_OPTION_MAX + 1];	/* "" for none */
	uint8_t		 vendor_class[DHCP_OPTION_MAX];
	size_t		 vendor_class_len;		/* 0 for none */
	int		 ipv6_only;	/* ask for option 108 */
	int		 rapid_commit;	/* DISCOVER only */
	uint16_t	 max_msg_size;	/* 0 for none, else >= 576 */
};

const char	*dhcp_msgtype_name(int);
int		 dhcp_parse_frame(struct dhcp_msg *, int, const uint8_t *,
		    size_t, char *, size_t);
int		 dhcp_parse_bootp(struct dhcp_msg *, int, const uint8_t *,
		    size_t, char *, size_t);
int		 dhcp_has_option(const struct dhcp_msg *, int);
int		 dhcp_dropped_option(const struct dhcp_msg *, int);
ssize_t		 dhcp_build_frame(const struct dhcp_req *, uint8_t *, size_t,
		    char *, size_t);
ssize_t		 dhcp_build_bootp(const struct dhcp_req *, uint8_t *, size_t,
		    char *, size_t);
int		 dhcp_lease_times(const struct dhcp_msg *, uint32_t *,
		    uint32_t *, uint32_t *);
int		 dhcp_mask_prefixlen(struct in_addr);
int		 dhcp_valid_name(const char *);
size_t		 dhcp_vis(char *, size_t, const uint8_t *, size_t);
const char	*dhcp_msg_str(const struct dhcp_msg *, char *, size_t);

#endif /* DHCP_H */
