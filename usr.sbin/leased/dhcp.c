/*
 * DHCP wire format: parse received frames and BOOTP payloads into a
 * struct dhcp_msg, build the client's messages.  See dhcp.h for the
 * parsing policy.  Pure code: the engine calls it on hostile input, so
 * every read is bounds-checked and nothing here may abort.
 */

#include <sys/types.h>

#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

#define ETHERTYPE_IPV4		0x0800
#define IPPROTO_UDP_NUM		17
#define IP_FLAG_RESERVED	0x8000
#define IP_FLAG_MF		0x2000
#define IP_OFFMASK		0x1fff
#define BOOTP_HTYPE_ETHER	1
#define BOOTP_HLEN_ETHER	6
#define BOOTP_SNAME_OFF		44
#define BOOTP_SNAME_LEN		64
#define BOOTP_FILE_OFF		108
#define BOOTP_FILE_LEN		128
#define IP_TTL_OUT		64

/* Largest concatenation of one option's instances (RFC 3396). */
#define OPT_CONCAT_MAX		2048

/* Option areas in the order RFC 3396 concatenates them. */
struct area {
	const uint8_t	*p;
	size_t		 len;
};

/* Bounded writer for building. */
struct wbuf {
	uint8_t		*p;
	size_t		 len;
	size_t		 off;
	int		 overflow;
};

/* Bounded string writer for rendering. */
struct sbuf {
	char		*p;
	size_t		 len;
	size_t		 off;
};

static const uint8_t	 dhcp_cookie[DHCP_COOKIE_LEN] = { 99, 130, 83, 99 };

/* Parameters we ask for, in the order servers should answer them. */
static const uint8_t	 dhcp_prl[] = {
	DHO_SUBNET_MASK, DHO_CLASSLESS_ROUTES, DHO_ROUTERS,
	DHO_DOMAIN_NAME_SERVERS, DHO_HOST_NAME, DHO_DOMAIN_NAME,
	DHO_INTERFACE_MTU, DHO_BROADCAST_ADDRESS, DHO_LEASE_TIME,
	DHO_SERVER_IDENTIFIER, DHO_RENEWAL_TIME, DHO_REBINDING_TIME,
	DHO_DOMAIN_SEARCH
};

static void	 why_clear(char *, size_t);
static void	 why_set(char *, size_t, const char *, ...)
		    __attribute__((__format__ (printf, 3, 4)));
static uint16_t	 get16(const uint8_t *);
static uint32_t	 get32(const uint8_t *);
static struct in_addr get_in(const uint8_t *);
static uint32_t	 sum_add(uint32_t, const uint8_t *, size_t);
static uint16_t	 sum_fold(uint32_t);
static uint16_t	 udp_sum(struct in_addr, struct in_addr, const uint8_t *,
		    size_t);
static void	 bit_set(uint8_t *, int);
static int	 bit_isset(const uint8_t *, int);
static int	 opt_check(const uint8_t *, size_t, uint8_t *, const char *,
		    char *, size_t);
static size_t	 opt_gather(const struct area *, int, int, uint8_t *);
static int	 opt_decode(struct dhcp_msg *, int, const uint8_t *,
		    size_t, char *, size_t);
static void	 opt_drop(struct dhcp_msg *, int);
static int	 opt_text_name(char *, size_t, const uint8_t *, size_t);
static int	 opt_search(struct dhcp_msg *, const uint8_t *, size_t,
		    char *, size_t);
static int	 opt_routes(struct dhcp_msg *, const uint8_t *, size_t,
		    char *, size_t);
static int	 label_char_ok(int);
static int	 bootp_parse(struct dhcp_msg *, int, const uint8_t *,
		    size_t, char *, size_t);
static void	 w_put(struct wbuf *, const void *, size_t);
static void	 w_u8(struct wbuf *, uint8_t);
static void	 w_u16(struct wbuf *, uint16_t);
static void	 w_u32(struct wbuf *, uint32_t);
static void	 w_in(struct wbuf *, struct in_addr);
static void	 w_opt(struct wbuf *, uint8_t, const void *, size_t);
static ssize_t	 bootp_build(const struct dhcp_req *, uint8_t *, size_t,
		    char *, size_t);
static struct in_addr req_ip_src(const struct dhcp_req *);
static void	 s_add(struct sbuf *, const char *, ...)
		    __attribute__((__format__ (printf, 2, 3)));
static void	 s_in(struct sbuf *, const char *, struct in_addr);

static void
why_clear(char *why, size_t whylen)
{
	if (why != NULL && whylen > 0)
		why[0] = '\0';
}

static void
why_set(char *why, size_t whylen, const char *fmt, ...)
{
	va_list	ap;

	if (why == NULL || whylen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

static uint16_t
get16(const uint8_t *p)
{
	return ((uint16_t)(p[0] << 8 | p[1]));
}

static uint32_t
get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
}

/* An address as it sits on the wire (network order in s_addr). */
static struct in_addr
get_in(const uint8_t *p)
{
	struct in_addr	ia;

	memcpy(&ia.s_addr, p, sizeof(ia.s_addr));
	return (ia);
}

static uint32_t
sum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t	i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return (sum);
}

static uint16_t
sum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ((uint16_t)~sum);
}

/* Checksum over the pseudo header and the UDP header and data. */
static uint16_t
udp_sum(struct in_addr src, struct in_addr dst, const uint8_t *udp,
    size_t len)
{
	uint8_t		ph[12];
	uint32_t	sum;

	memcpy(ph, &src.s_addr, 4);
	memcpy(ph + 4, &dst.s_addr, 4);
	ph[8] = 0;
	ph[9] = IPPROTO_UDP_NUM;
	ph[10] = (uint8_t)(len >> 8);
	ph[11] = (uint8_t)len;
	sum = sum_add(0, ph, sizeof(ph));
	sum = sum_add(sum, udp, len);
	return (sum_fold(sum));
}

static void
bit_set(uint8_t *bits, int n)
{
	bits[(n >> 3) & 31] |= (uint8_t)(1 << (n & 7));
}

static int
bit_isset(const uint8_t *bits, int n)
{
	if (n < 0 || n > 255)
		return (0);
	return ((bits[n >> 3] >> (n & 7)) & 1);
}

const char *
dhcp_msgtype_name(int type)
{
	switch (type) {
	case DHCPDISCOVER:
		return ("DHCPDISCOVER");
	case DHCPOFFER:
		return ("DHCPOFFER");
	case DHCPREQUEST:
		return ("DHCPREQUEST");
	case DHCPDECLINE:
		return ("DHCPDECLINE");
	case DHCPACK:
		return ("DHCPACK");
	case DHCPNAK:
		return ("DHCPNAK");
	case DHCPRELEASE:
		return ("DHCPRELEASE");
	case DHCPINFORM:
		return ("DHCPINFORM");
	default:
		return ("unknown");
	}
}

int
dhcp_has_option(const struct dhcp_msg *msg, int code)
{
	return (bit_isset(msg->present, code));
}

int
dhcp_dropped_option(const struct dhcp_msg *msg, int code)
{
	return (bit_isset(msg->dropped, code));
}

/*
 * Parse a whole Ethernet frame as read from the packet socket.  op is
 * BOOTREPLY for what servers send; BOOTREQUEST parses our own messages
 * back (tests, fuzzing).  Returns 0, or -1 with the reason in why.
 *
 * No VLAN tag; an IPv4 header with options (IHL > 5) is accepted, since
 * the receive filter is not what makes this code safe; the IP datagram
 * may be followed by Ethernet padding; the UDP length must equal the IP
 * payload; a UDP checksum of 0 means none was computed (RFC 768).
 */
int
dhcp_parse_frame(struct dhcp_msg *msg, int op, const uint8_t *buf,
    size_t len, char *why, size_t whylen)
{
	const uint8_t	*ip, *udp;
	size_t		 avail, ihl, tot, ulen;
	uint16_t	 type, frag, sport, dport, sum;

	memset(msg, 0, sizeof(*msg));
	why_clear(why, whylen);
	if (op != BOOTREQUEST && op != BOOTREPLY) {
		why_set(why, whylen, "bad op %d requested", op);
		return (-1);
	}

	if (len < DHCP_ETHER_LEN) {
		why_set(why, whylen, "short Ethernet frame (%zu bytes)", len);
		return (-1);
	}
	memcpy(msg->ether_dst, buf, 6);
	memcpy(msg->ether_src, buf + 6, 6);
	type = get16(buf + 12);
	if (type != ETHERTYPE_IPV4) {
		why_set(why, whylen, "ethertype 0x%04x is not IPv4", type);
		return (-1);
	}

	ip = buf + DHCP_ETHER_LEN;
	avail = len - DHCP_ETHER_LEN;
	if (avail < DHCP_IP_LEN) {
		why_set(why, whylen, "short IPv4 header (%zu bytes)", avail);
		return (-1);
	}
	if ((ip[0] >> 4) != 4) {
		why_set(why, whylen, "IP version %d", ip[0] >> 4);
		return (-1);
	}
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	if (ihl < DHCP_IP_LEN) {
		why_set(why, whylen, "IP header length %zu", ihl);
		return (-1);
	}
	if (ihl > avail) {
		why_set(why, whylen, "IP header length %zu exceeds frame",
		    ihl);
		return (-1);
	}
	tot = get16(ip + 2);
	if (tot < ihl) {
		why_set(why, whylen, "IP total length %zu below header", tot);
		return (-1);
	}
	/* Trailing Ethernet padding beyond the IP datagram is allowed. */
	if (tot > avail) {
		why_set(why, whylen, "IP total length %zu exceeds frame (%zu)",
		    tot, avail);
		return (-1);
	}
	if (sum_fold(sum_add(0, ip, ihl)) != 0) {
		why_set(why, whylen, "bad IP header checksum");
		return (-1);
	}
	frag = get16(ip + 6);
	if (frag & (IP_FLAG_MF | IP_OFFMASK)) {
		why_set(why, whylen, "IP fragment");
		return (-1);
	}
	if (frag & IP_FLAG_RESERVED) {
		why_set(why, whylen, "IP reserved flag set");
		return (-1);
	}
	if (ip[9] != IPPROTO_UDP_NUM) {
		why_set(why, whylen, "IP protocol %d is not UDP", ip[9]);
		return (-1);
	}
	msg->ip_src = get_in(ip + 12);
	msg->ip_dst = get_in(ip + 16);

	udp = ip + ihl;
	avail = tot - ihl;
	if (avail < DHCP_UDP_LEN) {
		why_set(why, whylen, "short UDP header (%zu bytes)", avail);
		return (-1);
	}
	sport = get16(udp);
	dport = get16(udp + 2);
	if ((op == BOOTREPLY && (sport != DHCP_SERVER_PORT ||
	    dport != DHCP_CLIENT_PORT)) ||
	    (op == BOOTREQUEST && (sport != DHCP_CLIENT_PORT ||
	    dport != DHCP_SERVER_PORT))) {
		why_set(why, whylen, "UDP ports %u -> %u", sport, dport);
		return (-1);
	}
	/* The UDP length must match the IP payload exactly. */
	ulen = get16(udp + 4);
	if (ulen != avail) {
		why_set(why, whylen, "UDP length %zu, IP payload %zu", ulen,
		    avail);
		return (-1);
	}
	sum = get16(udp + 6);
	if (sum != 0 && udp_sum(msg->ip_src, msg->ip_dst, udp, ulen) != 0) {
		why_set(why, whylen, "bad UDP checksum");
		return (-1);
	}
	msg->from_frame = 1;
	return (bootp_parse(msg, op, udp + DHCP_UDP_LEN, ulen - DHCP_UDP_LEN,
	    why, whylen));
}

/* Parse a BOOTP payload as read from the UDP socket. */
int
dhcp_parse_bootp(struct dhcp_msg *msg, int op, const uint8_t *buf,
    size_t len, char *why, size_t whylen)
{
	memset(msg, 0, sizeof(*msg));
	why_clear(why, whylen);
	if (op != BOOTREQUEST && op != BOOTREPLY) {
		why_set(why, whylen, "bad op %d requested", op);
		return (-1);
	}
	return (bootp_parse(msg, op, buf, len, why, whylen));
}

/*
 * Check the structure of one option area and note which codes occur.
 * Every area must end with the end option.
 */
static int
opt_check(const uint8_t *p, size_t len, uint8_t *seen, const char *name,
    char *why, size_t whylen)
{
	size_t	i = 0;

	while (i < len) {
		if (p[i] == DHO_PAD) {
			i++;
			continue;
		}
		if (p[i] == DHO_END)
			return (0);
		if (i + 1 >= len || i + 2 + p[i + 1] > len) {
			why_set(why, whylen, "option %d truncated at %s "
			    "offset %zu", p[i], name, i);
			return (-1);
		}
		bit_set(seen, p[i]);
		i += 2 + p[i + 1];
	}
	why_set(why, whylen, "no end option in %s", name);
	return (-1);
}

/*
 * Concatenate every instance of an option, areas already checked.
 * Returns the length, or OPT_CONCAT_MAX + 1 if it does not fit.
 */
static size_t
opt_gather(const struct area *areas, int nareas, int code, uint8_t *out)
{
	const uint8_t	*p;
	size_t		 i, len, total = 0;
	int		 a;

	for (a = 0; a < nareas; a++) {
		p = areas[a].p;
		len = areas[a].len;
		for (i = 0; i < len && p[i] != DHO_END;) {
			if (p[i] == DHO_PAD) {
				i++;
				continue;
			}
			if (p[i] == code) {
				if (total + p[i + 1] > OPT_CONCAT_MAX)
					return (OPT_CONCAT_MAX + 1);
				memcpy(out + total, p + i + 2, p[i + 1]);
				total += p[i + 1];
			}
			i += 2 + p[i + 1];
		}
	}
	return (total);
}

static int
bootp_parse(struct dhcp_msg *msg, int op, const uint8_t *buf, size_t len,
    char *why, size_t whylen)
{
	struct area	 areas[3];
	uint8_t		 seen[32], more[32];
	uint8_t		 data[OPT_CONCAT_MAX];
	size_t		 dlen;
	int		 nareas, code, i;

	if (len < DHCP_FIXED_LEN + DHCP_COOKIE_LEN) {
		why_set(why, whylen, "short BOOTP message (%zu bytes)", len);
		return (-1);
	}
	msg->op = buf[0];
	if (msg->op != op) {
		why_set(why, whylen, "BOOTP op %d, want %d", msg->op, op);
		return (-1);
	}
	if (buf[1] != BOOTP_HTYPE_ETHER || buf[2] != BOOTP_HLEN_ETHER) {
		why_set(why, whylen, "hardware type %d length %d", buf[1],
		    buf[2]);
		return (-1);
	}
	msg->hops = buf[3];
	msg->xid = get32(buf + 4);
	msg->secs = get16(buf + 8);
	msg->flags = get16(buf + 10);
	msg->ciaddr = get_in(buf + 12);
	msg->yiaddr = get_in(buf + 16);
	msg->siaddr = get_in(buf + 20);
	msg->giaddr = get_in(buf + 24);
	memcpy(msg->chaddr, buf + 28, 6);
	if (memcmp(buf + DHCP_FIXED_LEN, dhcp_cookie, DHCP_COOKIE_LEN) != 0) {
		why_set(why, whylen, "bad magic cookie");
		return (-1);
	}

	memset(seen, 0, sizeof(seen));
	nareas = 0;
	areas[nareas].p = buf + DHCP_FIXED_LEN + DHCP_COOKIE_LEN;
	areas[nareas].len = len - DHCP_FIXED_LEN - DHCP_COOKIE_LEN;
	if (opt_check(areas[0].p, areas[0].len, seen, "options", why,
	    whylen) == -1)
		return (-1);
	nareas++;

	/* Overload is only valid in the options field itself. */
	if (bit_isset(seen, DHO_OVERLOAD)) {
		dlen = opt_gather(areas, 1, DHO_OVERLOAD, data);
		if (dlen != 1) {
			why_set(why, whylen, "option 52 (overload): length "
			    "%zu", dlen);
			return (-1);
		}
		if (data[0] < 1 || data[0] > 3) {
			why_set(why, whylen, "option 52 (overload): value %d",
			    data[0]);
			return (-1);
		}
		msg->overload = data[0];
		memset(more, 0, sizeof(more));
		if (msg->overload & 1) {
			areas[nareas].p = buf + BOOTP_FILE_OFF;
			areas[nareas].len = BOOTP_FILE_LEN;
			if (opt_check(areas[nareas].p, areas[nareas].len,
			    more, "file", why, whylen) == -1)
				return (-1);
			nareas++;
		}
		if (msg->overload & 2) {
			areas[nareas].p = buf + BOOTP_SNAME_OFF;
			areas[nareas].len = BOOTP_SNAME_LEN;
			if (opt_check(areas[nareas].p, areas[nareas].len,
			    more, "sname", why, whylen) == -1)
				return (-1);
			nareas++;
		}
		if (bit_isset(more, DHO_OVERLOAD)) {
			why_set(why, whylen, "option 52 (overload) outside "
			    "the options field");
			return (-1);
		}
		for (i = 0; i < (int)sizeof(seen); i++)
			seen[i] |= more[i];
	}

	for (code = 1; code < DHO_END; code++) {
		if (!bit_isset(seen, code))
			continue;
		bit_set(msg->present, code);
		if (code == DHO_OVERLOAD)
			continue;
		dlen = opt_gather(areas, nareas, code, data);
		if (dlen > OPT_CONCAT_MAX) {
			why_set(why, whylen, "option %d too long", code);
			return (-1);
		}
		if (opt_decode(msg, code, data, dlen, why, whylen) == -1)
			return (-1);
	}

	if (!bit_isset(msg->present, DHO_MESSAGE_TYPE)) {
		why_set(why, whylen, "no DHCP message type");
		return (-1);
	}
	switch (msg->msgtype) {
	case DHCPOFFER:
	case DHCPACK:
	case DHCPNAK:
		if (op == BOOTREPLY)
			return (0);
		break;
	case DHCPDISCOVER:
	case DHCPREQUEST:
	case DHCPDECLINE:
	case DHCPRELEASE:
	case DHCPINFORM:
		if (op == BOOTREQUEST)
			return (0);
		break;
	default:
		break;
	}
	why_set(why, whylen, "DHCP message type %d in a %s", msg->msgtype,
	    op == BOOTREPLY ? "BOOTREPLY" : "BOOTREQUEST");
	return (-1);
}

#define WANT_LEN(n)	do {						\
	if (len != (n)) {						\
		why_set(why, whylen, "option %d: length %zu, want %d",	\
		    code, len, (n));					\
		return (-1);						\
	}								\
} while (0)

/* Decode one option's (concatenated) data into msg. */
static int
opt_decode(struct dhcp_msg *msg, int code, const uint8_t *data, size_t len,
    char *why, size_t whylen)
{
	size_t	i, n;

	switch (code) {
	case DHO_SUBNET_MASK:
		WANT_LEN(4);
		msg->netmask = get_in(data);
		if (dhcp_mask_prefixlen(msg->netmask) == -1) {
			why_set(why, whylen, "option 1: non-contiguous "
			    "subnet mask");
			return (-1);
		}
		break;
	case DHO_ROUTERS:
	case DHO_DOMAIN_NAME_SERVERS:
		if (len == 0 || len % 4 != 0) {
			why_set(why, whylen, "option %d: length %zu, want a "
			    "non-zero multiple of 4", code, len);
			return (-1);
		}
		n = len / 4;
		if (code == DHO_ROUTERS) {
			if (n > DHCP_MAX_ROUTERS)
				n = DHCP_MAX_ROUTERS;
			for (i = 0; i < n; i++)
				msg->routers[i] = get_in(data + 4 * i);
			msg->nrouters = (int)n;
		} else {
			if (n > DHCP_MAX_DNS)
				n = DHCP_MAX_DNS;
			for (i = 0; i < n; i++)
				msg->dns[i] = get_in(data + 4 * i);
			msg->ndns = (int)n;
		}
		break;
	case DHO_HOST_NAME:
		if (opt_text_name(msg->hostname, sizeof(msg->hostname), data,
		    len) == -1)
			opt_drop(msg, code);
		break;
	case DHO_DOMAIN_NAME:
		if (opt_text_name(msg->domain, sizeof(msg->domain), data,
		    len) == -1)
			opt_drop(msg, code);
		break;
	case DHO_INTERFACE_MTU:
		WANT_LEN(2);
		msg->mtu = get16(data);
		if (msg->mtu < DHCP_MIN_MTU) {
			why_set(why, whylen, "option 26: MTU %u below %d",
			    msg->mtu, DHCP_MIN_MTU);
			return (-1);
		}
		break;
	case DHO_BROADCAST_ADDRESS:
		WANT_LEN(4);
		msg->broadcast = get_in(data);
		break;
	case DHO_REQUESTED_ADDRESS:
		WANT_LEN(4);
		msg->requested = get_in(data);
		break;
	case DHO_LEASE_TIME:
		WANT_LEN(4);
		msg->lease_time = get32(data);
		break;
	case DHO_MESSAGE_TYPE:
		WANT_LEN(1);
		msg->msgtype = data[0];
		break;
	case DHO_SERVER_IDENTIFIER:
		WANT_LEN(4);
		msg->server_id = get_in(data);
		break;
	case DHO_PARAMETER_REQUEST:
		if (len == 0 || len > DHCP_OPTION_MAX) {
			why_set(why, whylen, "option 55: length %zu", len);
			return (-1);
		}
		memcpy(msg->prl, data, len);
		msg->prl_len = len;
		break;
	case DHO_MESSAGE:
		/* Only ever logged: keep it, escaped, cut at 255 bytes. */
		dhcp_vis(msg->message, sizeof(msg->message), data,
		    len > DHCP_OPTION_MAX ? DHCP_OPTION_MAX : len);
		break;
	case DHO_MAX_MESSAGE_SIZE:
		WANT_LEN(2);
		msg->max_msg_size = get16(data);
		if (msg->max_msg_size < DHCP_MIN_MAX_MSG_SIZE) {
			why_set(why, whylen, "option 57: size %u below %d",
			    msg->max_msg_size, DHCP_MIN_MAX_MSG_SIZE);
			return (-1);
		}
		break;
	case DHO_RENEWAL_TIME:
		WANT_LEN(4);
		msg->t1 = get32(data);
		break;
	case DHO_REBINDING_TIME:
		WANT_LEN(4);
		msg->t2 = get32(data);
		break;
	case DHO_VENDOR_CLASS:
		if (len == 0 || len > DHCP_OPTION_MAX) {
			why_set(why, whylen, "option 60: length %zu", len);
			return (-1);
		}
		memcpy(msg->vendor_class, data, len);
		msg->vendor_class_len = len;
		break;
	case DHO_CLIENT_IDENTIFIER:
		if (len < 2 || len > DHCP_OPTION_MAX) {
			why_set(why, whylen, "option 61: length %zu", len);
			return (-1);
		}
		memcpy(msg->client_id, data, len);
		msg->client_id_len = len;
		break;
	case DHO_RAPID_COMMIT:
		WANT_LEN(0);
		msg->rapid_commit = 1;
		break;
	case DHO_IPV6_ONLY:
		WANT_LEN(4);
		msg->ipv6_only = get32(data);
		break;
	case DHO_DOMAIN_SEARCH:
		return (opt_search(msg, data, len, why, whylen));
	case DHO_CLASSLESS_ROUTES:
		return (opt_routes(msg, data, len, why, whylen));
	default:
		/* Not ours: its structure was checked, its content is not. */
		break;
	}
	return (0);
}

#undef WANT_LEN

/* Mark an option unusable for its content: absent, but noted. */
static void
opt_drop(struct dhcp_msg *msg, int code)
{
	bit_set(msg->dropped, code);
	msg->present[(code >> 3) & 31] &= (uint8_t)~(1 << (code & 7));
}

static int
label_char_ok(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_');
}

/*
 * A host or domain name we are willing to pass on: letters, digits,
 * '-' and '_' in dot-separated labels of 1-63 characters, no label
 * starting with '-' (it could read as a command option), at most 253
 * characters plus an optional final dot.  Nothing a shell, a
 * resolv.conf parser or a log reader could take for syntax.
 */
int
dhcp_valid_name(const char *name)
{
	size_t	len, i, label = 0;

	len = strlen(name);
	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > DHCP_NAME_MAX)
		return (0);
	for (i = 0; i < len; i++) {
		if (name[i] == '.') {
			if (label == 0)
				return (0);
			label = 0;
			continue;
		}
		if (!label_char_ok((unsigned char)name[i]))
			return (0);
		if (label == 0 && name[i] == '-')
			return (0);
		if (++label > 63)
			return (0);
	}
	return (1);
}

/* Copy a name option out as a C string, or fail so it is dropped. */
static int
opt_text_name(char *out, size_t outlen, const uint8_t *data, size_t len)
{
	/* Some servers NUL-terminate their strings. */
	while (len > 0 && data[len - 1] == '\0')
		len--;
	if (len == 0 || len >= outlen || memchr(data, '\0', len) != NULL)
		goto bad;
	memcpy(out, data, len);
	out[len] = '\0';
	if (!dhcp_valid_name(out))
		goto bad;
	return (0);
 bad:
	memset(out, 0, outlen);
	return (-1);
}

/*
 * Domain search list (RFC 3397): a sequence of RFC 1035 names whose
 * compression pointers refer to offsets in the concatenated option.
 * A pointer must point strictly before the start of the stretch being
 * read, so every jump goes backwards and no loop is possible.
 */
static int
opt_search(struct dhcp_msg *msg, const uint8_t *data, size_t len,
    char *why, size_t whylen)
{
	char	 name[DHCP_NAME_MAX + 2];
	size_t	 off = 0, pos, limit, end, nlen, ptr, c, i;
	int	 bad = 0, n = 0, jumps;

	if (len == 0) {
		why_set(why, whylen, "option 119: empty");
		return (-1);
	}
	while (off < len) {
		pos = limit = off;
		end = 0;
		jumps = 0;
		nlen = 0;
		for (;;) {
			if (pos >= len)
				goto truncated;
			c = data[pos];
			if (c == 0) {
				if (end == 0)
					end = pos + 1;
				break;
			}
			if ((c & 0xc0) == 0xc0) {
				if (pos + 1 >= len)
					goto truncated;
				ptr = (c & 0x3f) << 8 | data[pos + 1];
				if (ptr >= limit) {
					why_set(why, whylen, "option 119: "
					    "compression pointer %zu at %zu "
					    "does not point backwards", ptr,
					    pos);
					return (-1);
				}
				if (end == 0)
					end = pos + 2;
				/* Backward jumps end anyway; bound it too. */
				if (++jumps > OPT_CONCAT_MAX) {
					why_set(why, whylen, "option 119: "
					    "too many pointers");
					return (-1);
				}
				pos = limit = ptr;
				continue;
			}
			if (c & 0xc0) {
				why_set(why, whylen, "option 119: label "
				    "type 0x%02zx", c & 0xc0);
				return (-1);
			}
			if (pos + 1 + c > len)
				goto truncated;
			/* Text form: labels, dots between, no final dot. */
			if (nlen + (nlen ? 1 : 0) + c > DHCP_NAME_MAX) {
				why_set(why, whylen, "option 119: name too "
				    "long");
				return (-1);
			}
			for (i = 0; i < c; i++)
				if (!label_char_ok(data[pos + 1 + i]))
					bad = 1;
			if (nlen)
				name[nlen++] = '.';
			memcpy(name + nlen, data + pos + 1, c);
			nlen += c;
			pos += 1 + c;
		}
		name[nlen] = '\0';
		/* Names with stray characters drop the whole list. */
		if (!dhcp_valid_name(name))
			bad = 1;
		else if (n < DHCP_MAX_SEARCH) {
			memcpy(msg->search[n], name, nlen + 1);
			n++;
		}
		off = end;
	}
	if (bad) {
		memset(msg->search, 0, sizeof(msg->search));
		msg->nsearch = 0;
		opt_drop(msg, DHO_DOMAIN_SEARCH);
		return (0);
	}
	msg->nsearch = n;
	return (0);

 truncated:
	why_set(why, whylen, "option 119: truncated name");
	return (-1);
}

/*
 * Classless static routes (RFC 3442): prefix length, the significant
 * octets of the destination, the router.  Host bits beyond the prefix
 * are cleared.  The list is all or nothing: a partial routing table
 * would send traffic where the server did not mean it to go.
 */
static int
opt_routes(struct dhcp_msg *msg, const uint8_t *data, size_t len,
    char *why, size_t whylen)
{
	struct dhcp_route	*r;
	uint8_t			 dst[4];
	uint32_t		 mask, d;
	size_t			 off = 0, sig;
	int			 plen, n = 0;

	if (len < 5) {
		why_set(why, whylen, "option 121: length %zu", len);
		return (-1);
	}
	while (off < len) {
		plen = data[off];
		if (plen > 32) {
			why_set(why, whylen, "option 121: prefix length %d",
			    plen);
			return (-1);
		}
		sig = ((size_t)plen + 7) / 8;
		if (off + 1 + sig + 4 > len) {
			why_set(why, whylen, "option 121: truncated route at "
			    "%zu", off);
			return (-1);
		}
		if (n == DHCP_MAX_ROUTES) {
			why_set(why, whylen, "option 121: more than %d routes",
			    DHCP_MAX_ROUTES);
			return (-1);
		}
		memset(dst, 0, sizeof(dst));
		memcpy(dst, data + off + 1, sig);
		mask = plen == 0 ? 0 : 0xffffffffU << (32 - plen);
		d = get32(dst) & mask;
		r = &msg->routes[n++];
		r->dst.s_addr = htonl(d);
		r->gw = get_in(data + off + 1 + sig);
		r->prefixlen = (uint8_t)plen;
		off += 1 + sig + 4;
	}
	msg->nroutes = n;
	return (0);
}

/* Prefix length of a subnet mask, or -1 if it is not contiguous. */
int
dhcp_mask_prefixlen(struct in_addr mask)
{
	uint32_t	m, inv;
	int		n = 0;

	m = ntohl(mask.s_addr);
	inv = ~m;
	if ((inv & (inv + 1)) != 0)
		return (-1);
	while (m) {
		n++;
		m <<= 1;
	}
	return (n);
}

/*
 * Lease, T1 and T2 from a parsed message.  T1 < T2 < lease must hold;
 * if T1 or T2 is missing or they violate that, both fall back to
 * 0.5 and 0.875 of the lease (RFC 2131 4.4.5).  An infinite lease is
 * treated like any other: the engine decides what infinite means.
 * Returns -1 if there is no usable lease time (missing or zero).
 */
int
dhcp_lease_times(const struct dhcp_msg *msg, uint32_t *lease, uint32_t *t1,
    uint32_t *t2)
{
	uint32_t	l, d1, d2, a, b;

	if (!dhcp_has_option(msg, DHO_LEASE_TIME) || msg->lease_time == 0)
		return (-1);
	l = msg->lease_time;
	d1 = l / 2;
	d2 = (uint32_t)(((uint64_t)l * 7) / 8);
	a = dhcp_has_option(msg, DHO_RENEWAL_TIME) ? msg->t1 : d1;
	b = dhcp_has_option(msg, DHO_REBINDING_TIME) ? msg->t2 : d2;
	if (!(a < b && b < l)) {
		a = d1;
		b = d2;
	}
	*lease = l;
	*t1 = a;
	*t2 = b;
	return (0);
}

/*
 * Escape bytes for a log line, like vis(3) with VIS_OCTAL: printable
 * ASCII stays (a backslash doubles), anything else becomes \ooo.
 * Always NUL-terminates; stops before an escape that would not fit.
 * Returns the length written.
 */
size_t
dhcp_vis(char *dst, size_t dstlen, const uint8_t *src, size_t len)
{
	size_t	i, o = 0;
	int	c;

	if (dstlen == 0)
		return (0);
	for (i = 0; i < len; i++) {
		c = src[i];
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			if (o + 1 >= dstlen)
				break;
			dst[o++] = (char)c;
		} else if (c == '\\') {
			if (o + 2 >= dstlen)
				break;
			dst[o++] = '\\';
			dst[o++] = '\\';
		} else {
			if (o + 4 >= dstlen)
				break;
			dst[o++] = '\\';
			dst[o++] = (char)('0' + ((c >> 6) & 7));
			dst[o++] = (char)('0' + ((c >> 3) & 7));
			dst[o++] = (char)('0' + (c & 7));
		}
	}
	dst[o] = '\0';
	return (o);
}

static void
w_put(struct wbuf *w, const void *p, size_t len)
{
	if (len == 0)
		return;
	if (w->overflow || len > w->len - w->off) {
		w->overflow = 1;
		return;
	}
	memcpy(w->p + w->off, p, len);
	w->off += len;
}

static void
w_u8(struct wbuf *w, uint8_t v)
{
	w_put(w, &v, 1);
}

static void
w_u16(struct wbuf *w, uint16_t v)
{
	uint8_t	b[2];

	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
	w_put(w, b, sizeof(b));
}

static void
w_u32(struct wbuf *w, uint32_t v)
{
	uint8_t	b[4];

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
	w_put(w, b, sizeof(b));
}

static void
w_in(struct wbuf *w, struct in_addr ia)
{
	w_put(w, &ia.s_addr, 4);
}

static void
w_opt(struct wbuf *w, uint8_t code, const void *data, size_t len)
{
	w_u8(w, code);
	w_u8(w, (uint8_t)len);
	w_put(w, data, len);
}

/* The IPv4 source of a frame: the leased address once we have one. */
static struct in_addr
req_ip_src(const struct dhcp_req *req)
{
	struct in_addr	any;

	switch (req->kind) {
	case DHCP_KIND_RENEWING:
	case DHCP_KIND_REBINDING:
	case DHCP_KIND_RELEASE:
		return (req->ciaddr);
	default:
		any.s_addr = htonl(INADDR_ANY);
		return (any);
	}
}

/*
 * Build the BOOTP message.  Which fields and options appear follows
 * RFC 2131 table 5 for the kind; a required address that is missing
 * is an error, not a silently odd message.
 */
static ssize_t
bootp_build(const struct dhcp_req *req, uint8_t *buf, size_t len,
    char *why, size_t whylen)
{
	struct wbuf	 w;
	struct in_addr	 ciaddr, zero;
	uint8_t		 cid[1 + 6], prl[sizeof(dhcp_prl) + 1], type;
	uint8_t		 pad[DHCP_FIXED_LEN];
	const uint8_t	*cidp;
	size_t		 cidlen, hlen, prllen;
	int		 need_req = 0, need_sid = 0, need_ci = 0;
	int		 send_req = 0, send_sid = 0, full = 0;

	why_clear(why, whylen);
	zero.s_addr = htonl(INADDR_ANY);
	ciaddr = zero;
	switch (req->kind) {
	case DHCP_KIND_DISCOVER:
		type = DHCPDISCOVER;
		send_req = req->requested.s_addr != zero.s_addr;
		full = 1;
		break;
	case DHCP_KIND_SELECTING:
		type = DHCPREQUEST;
		need_req = need_sid = 1;
		full = 1;
		break;
	case DHCP_KIND_INIT_REBOOT:
		type = DHCPREQUEST;
		need_req = 1;
		full = 1;
		break;
	case DHCP_KIND_RENEWING:
	case DHCP_KIND_REBINDING:
		type = DHCPREQUEST;
		need_ci = 1;
		full = 1;
		break;
	case DHCP_KIND_RELEASE:
		type = DHCPRELEASE;
		need_ci = need_sid = 1;
		break;
	case DHCP_KIND_DECLINE:
		type = DHCPDECLINE;
		need_req = need_sid = 1;
		break;
	default:
		why_set(why, whylen, "unknown message kind %d", req->kind);
		return (-1);
	}
	if (need_req && req->requested.s_addr == zero.s_addr) {
		why_set(why, whylen, "%s needs a requested address",
		    dhcp_msgtype_name(type));
		return (-1);
	}
	if (need_sid && req->server_id.s_addr == zero.s_addr) {
		why_set(why, whylen, "%s needs a server identifier",
		    dhcp_msgtype_name(type));
		return (-1);
	}
	if (need_ci) {
		if (req->ciaddr.s_addr == zero.s_addr) {
			why_set(why, whylen, "%s needs ciaddr",
			    dhcp_msgtype_name(type));
			return (-1);
		}
		ciaddr = req->ciaddr;
	}
	send_req |= need_req;
	send_sid = need_sid;

	if (req->client_id_len == 0) {
		cid[0] = BOOTP_HTYPE_ETHER;
		memcpy(cid + 1, req->mac, 6);
		cidp = cid;
		cidlen = sizeof(cid);
	} else if (req->client_id_len < 2 ||
	    req->client_id_len > DHCP_OPTION_MAX) {
		why_set(why, whylen, "client identifier length %zu",
		    req->client_id_len);
		return (-1);
	} else {
		cidp = req->client_id;
		cidlen = req->client_id_len;
	}
	hlen = strnlen(req->hostname, sizeof(req->hostname));
	if (hlen > DHCP_OPTION_MAX) {
		why_set(why, whylen, "host name too long");
		return (-1);
	}
	if (req->vendor_class_len > DHCP_OPTION_MAX) {
		why_set(why, whylen, "vendor class length %zu",
		    req->vendor_class_len);
		return (-1);
	}
	if (req->max_msg_size != 0 &&
	    req->max_msg_size < DHCP_MIN_MAX_MSG_SIZE) {
		why_set(why, whylen, "maximum message size %u below %d",
		    req->max_msg_size, DHCP_MIN_MAX_MSG_SIZE);
		return (-1);
	}

	memset(&w, 0, sizeof(w));
	w.p = buf;
	w.len = len;
	w_u8(&w, BOOTREQUEST);
	w_u8(&w, BOOTP_HTYPE_ETHER);
	w_u8(&w, BOOTP_HLEN_ETHER);
	w_u8(&w, 0);				/* hops */
	w_u32(&w, req->xid);
	w_u16(&w, req->secs);
	w_u16(&w, req->flags);
	w_in(&w, ciaddr);
	w_in(&w, zero);				/* yiaddr */
	w_in(&w, zero);				/* siaddr */
	w_in(&w, zero);				/* giaddr */
	w_put(&w, req->mac, 6);
	memset(pad, 0, sizeof(pad));
	w_put(&w, pad, 10 + BOOTP_SNAME_LEN + BOOTP_FILE_LEN);
	w_put(&w, dhcp_cookie, sizeof(dhcp_cookie));

	w_opt(&w, DHO_MESSAGE_TYPE, &type, 1);
	w_opt(&w, DHO_CLIENT_IDENTIFIER, cidp, cidlen);
	if (send_req)
		w_opt(&w, DHO_REQUESTED_ADDRESS, &req->requested.s_addr, 4);
	if (send_sid)
		w_opt(&w, DHO_SERVER_IDENTIFIER, &req->server_id.s_addr, 4);
	if (full) {
		if (hlen > 0)
			w_opt(&w, DHO_HOST_NAME, req->hostname, hlen);
		if (req->vendor_class_len > 0)
			w_opt(&w, DHO_VENDOR_CLASS, req->vendor_class,
			    req->vendor_class_len);
		memcpy(prl, dhcp_prl, sizeof(dhcp_prl));
		prllen = sizeof(dhcp_prl);
		if (req->ipv6_only)
			prl[prllen++] = DHO_IPV6_ONLY;
		w_opt(&w, DHO_PARAMETER_REQUEST, prl, prllen);
		if (req->max_msg_size != 0) {
			w_u8(&w, DHO_MAX_MESSAGE_SIZE);
			w_u8(&w, 2);
			w_u16(&w, req->max_msg_size);
		}
		if (req->rapid_commit && req->kind == DHCP_KIND_DISCOVER)
			w_opt(&w, DHO_RAPID_COMMIT, NULL, 0);
	}
	w_u8(&w, DHO_END);
	if (w.off < DHCP_MIN_LEN && !w.overflow)
		w_put(&w, pad, DHCP_MIN_LEN - w.off);
	if (w.overflow) {
		why_set(why, whylen, "buffer of %zu bytes too small", len);
		return (-1);
	}
	return ((ssize_t)w.off);
}

/* A BOOTP payload for the UDP socket (unicast renewal, release). */
ssize_t
dhcp_build_bootp(const struct dhcp_req *req, uint8_t *buf, size_t len,
    char *why, size_t whylen)
{
	return (bootp_build(req, buf, len, why, whylen));
}

/*
 * A full Ethernet frame for the packet socket: broadcast from our MAC,
 * IPv4 from 0.0.0.0 (or the leased address) to 255.255.255.255, UDP
 * 68 -> 67, both checksums filled in.
 */
ssize_t
dhcp_build_frame(const struct dhcp_req *req, uint8_t *buf, size_t len,
    char *why, size_t whylen)
{
	struct in_addr	 src, dst;
	uint8_t		*ip, *udp;
	ssize_t		 blen;
	size_t		 hdr = DHCP_ETHER_LEN + DHCP_IP_LEN + DHCP_UDP_LEN;
	size_t		 ulen, tot;
	uint16_t	 sum;

	if (len < hdr) {
		why_set(why, whylen, "buffer of %zu bytes too small", len);
		return (-1);
	}
	blen = bootp_build(req, buf + hdr, len - hdr, why, whylen);
	if (blen == -1)
		return (-1);
	ulen = DHCP_UDP_LEN + (size_t)blen;
	tot = DHCP_IP_LEN + ulen;
	src = req_ip_src(req);
	dst.s_addr = htonl(INADDR_BROADCAST);

	memset(buf, 0xff, 6);
	memcpy(buf + 6, req->mac, 6);
	buf[12] = ETHERTYPE_IPV4 >> 8;
	buf[13] = ETHERTYPE_IPV4 & 0xff;

	ip = buf + DHCP_ETHER_LEN;
	memset(ip, 0, DHCP_IP_LEN);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[8] = IP_TTL_OUT;
	ip[9] = IPPROTO_UDP_NUM;
	memcpy(ip + 12, &src.s_addr, 4);
	memcpy(ip + 16, &dst.s_addr, 4);
	sum = sum_fold(sum_add(0, ip, DHCP_IP_LEN));
	ip[10] = (uint8_t)(sum >> 8);
	ip[11] = (uint8_t)sum;

	udp = ip + DHCP_IP_LEN;
	udp[0] = 0;
	udp[1] = DHCP_CLIENT_PORT;
	udp[2] = 0;
	udp[3] = DHCP_SERVER_PORT;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	sum = udp_sum(src, dst, udp, ulen);
	if (sum == 0)
		sum = 0xffff;	/* 0 would mean "no checksum" */
	udp[6] = (uint8_t)(sum >> 8);
	udp[7] = (uint8_t)sum;

	return ((ssize_t)(hdr + (size_t)blen));
}

static void
s_add(struct sbuf *s, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (s->off >= s->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->p + s->off, s->len - s->off, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s->off += (size_t)n;
	if (s->off >= s->len)
		s->off = s->len;
}

static void
s_in(struct sbuf *s, const char *pfx, struct in_addr ia)
{
	const uint8_t	*b = (const uint8_t *)&ia.s_addr;

	s_add(s, "%s%u.%u.%u.%u", pfx, b[0], b[1], b[2], b[3]);
}

/*
 * A parsed message on one line for log_debug.  Every string in msg
 * is already sanitised or escaped; byte strings are escaped here.
 */
const char *
dhcp_msg_str(const struct dhcp_msg *msg, char *buf, size_t len)
{
	struct sbuf	 s;
	char		 esc[4 * DHCP_OPTION_MAX + 1];
	const uint8_t	*m = msg->chaddr;
	int		 i;

	if (len == 0)
		return (buf);
	buf[0] = '\0';
	s.p = buf;
	s.len = len;
	s.off = 0;

	s_add(&s, "%s xid 0x%08x chaddr %02x:%02x:%02x:%02x:%02x:%02x",
	    dhcp_msgtype_name(msg->msgtype), msg->xid, m[0], m[1], m[2],
	    m[3], m[4], m[5]);
	if (msg->from_frame) {
		s_in(&s, " from ", msg->ip_src);
		s_in(&s, " to ", msg->ip_dst);
	}
	if (msg->secs)
		s_add(&s, " secs %u", msg->secs);
	if (msg->flags)
		s_add(&s, " flags 0x%04x", msg->flags);
	if (msg->ciaddr.s_addr)
		s_in(&s, " ciaddr ", msg->ciaddr);
	if (msg->yiaddr.s_addr)
		s_in(&s, " yiaddr ", msg->yiaddr);
	if (msg->siaddr.s_addr)
		s_in(&s, " siaddr ", msg->siaddr);
	if (msg->giaddr.s_addr)
		s_in(&s, " giaddr ", msg->giaddr);
	if (dhcp_has_option(msg, DHO_SERVER_IDENTIFIER))
		s_in(&s, " server ", msg->server_id);
	if (dhcp_has_option(msg, DHO_REQUESTED_ADDRESS))
		s_in(&s, " requested ", msg->requested);
	if (dhcp_has_option(msg, DHO_SUBNET_MASK))
		s_add(&s, " prefixlen %d", dhcp_mask_prefixlen(msg->netmask));
	if (dhcp_has_option(msg, DHO_BROADCAST_ADDRESS))
		s_in(&s, " broadcast ", msg->broadcast);
	if (dhcp_has_option(msg, DHO_LEASE_TIME))
		s_add(&s, " lease %u", msg->lease_time);
	if (dhcp_has_option(msg, DHO_RENEWAL_TIME))
		s_add(&s, " t1 %u", msg->t1);
	if (dhcp_has_option(msg, DHO_REBINDING_TIME))
		s_add(&s, " t2 %u", msg->t2);
	for (i = 0; i < msg->nrouters; i++)
		s_in(&s, i ? "," : " routers ", msg->routers[i]);
	for (i = 0; i < msg->nroutes; i++) {
		s_in(&s, i ? "," : " routes ", msg->routes[i].dst);
		s_add(&s, "/%u", msg->routes[i].prefixlen);
		s_in(&s, " via ", msg->routes[i].gw);
	}
	for (i = 0; i < msg->ndns; i++)
		s_in(&s, i ? "," : " dns ", msg->dns[i]);
	if (dhcp_has_option(msg, DHO_INTERFACE_MTU))
		s_add(&s, " mtu %u", msg->mtu);
	if (dhcp_has_option(msg, DHO_HOST_NAME))
		s_add(&s, " hostname %s", msg->hostname);
	if (dhcp_has_option(msg, DHO_DOMAIN_NAME))
		s_add(&s, " domain %s", msg->domain);
	for (i = 0; i < msg->nsearch; i++)
		s_add(&s, "%s%s", i ? "," : " search ", msg->search[i]);
	if (dhcp_has_option(msg, DHO_IPV6_ONLY))
		s_add(&s, " ipv6-only %u", msg->ipv6_only);
	if (msg->rapid_commit)
		s_add(&s, " rapid-commit");
	if (msg->overload)
		s_add(&s, " overload %u", msg->overload);
	if (dhcp_has_option(msg, DHO_MAX_MESSAGE_SIZE))
		s_add(&s, " max-size %u", msg->max_msg_size);
	for (i = 0; i < (int)msg->prl_len; i++)
		s_add(&s, "%s%u", i ? "," : " params ", msg->prl[i]);
	if (msg->client_id_len > 0) {
		dhcp_vis(esc, sizeof(esc), msg->client_id,
		    msg->client_id_len);
		s_add(&s, " client-id \"%s\"", esc);
	}
	if (msg->vendor_class_len > 0) {
		dhcp_vis(esc, sizeof(esc), msg->vendor_class,
		    msg->vendor_class_len);
		s_add(&s, " vendor-class \"%s\"", esc);
	}
	if (dhcp_has_option(msg, DHO_MESSAGE))
		s_add(&s, " message \"%s\"", msg->message);
	for (i = 1; i < DHO_END; i++)
		if (dhcp_dropped_option(msg, i))
			s_add(&s, " dropped-option %d", i);
	return (buf);
}
