/*
 * Re-validation of a lease before the parent applies it.
 *
 * The engine parses every byte a server sends; if it is compromised, the
 * struct lease it hands over is hostile.  validate_lease() decides whether
 * every value is something the parent may put into the kernel or into
 * resolv.conf.  It only decides: the parent treats a bad request from the
 * engine as proof of compromise and exits.
 *
 * Decisions:
 * - The address is a usable unicast address: not 0/8 "this network",
 *   not 127/8, not 224/4 multicast or 240/4 class E (which includes the
 *   limited broadcast), and for a prefix shorter than 31 neither the
 *   network nor the broadcast address of its subnet (RFC 3021 /31 and
 *   /32 subnets have neither).
 * - The netmask is contiguous with a prefix of 1 to 32.
 * - Every gateway (option 3 routers and option 121 gateways) is usable
 *   unicast, is not our own address, and is on-link: inside our subnet
 *   (and not its network or broadcast address) or inside a classless
 *   route whose gateway is 0.0.0.0, which RFC 3442 defines as on-link.
 * - Classless routes: prefix 0..32, no bits set beyond the prefix, at
 *   most LEASE_MAX_ROUTES, no two with the same destination, none into
 *   127/8 or 224/3.  0.0.0.0/0 and the pair 0.0.0.0/1 + 128.0.0.0/1 are
 *   allowed: a DHCP server legitimately owns the default route, and the
 *   pair is only a more specific way of saying the same thing.
 * - MTU 0 (none) or 68..65535.
 * - Lease time at least 1 s, either infinite or at most LEASE_TIME_MAX
 *   (the engine clamps longer finite leases); 1 <= T1 <= T2 <= lease.
 * - Names (domain, search list): see validate_name().
 */

#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lease.h"
#include "validate.h"

static int	why(char *, size_t, const char *, ...)
		    __attribute__((__format__ (printf, 3, 4)));
static int	in_subnet(struct in_addr, struct in_addr, int);
static int	valid_gateway(const struct lease *, int, struct in_addr);
static uint32_t	prefix_mask(int);

static int
why(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	if (buf != NULL && len > 0) {
		va_start(ap, fmt);
		vsnprintf(buf, len, fmt, ap);
		va_end(ap);
	}
	return (-1);
}

static uint32_t
prefix_mask(int prefixlen)
{
	if (prefixlen <= 0)
		return (0);
	return (0xffffffffU << (32 - prefixlen));
}

/* Return the prefix length of a contiguous netmask, or -1. */
int
validate_netmask(struct in_addr mask)
{
	uint32_t	m = ntohl(mask.s_addr);
	int		len = 0;

	while (len < 32 && (m & (0x80000000U >> len)))
		len++;
	if (m != prefix_mask(len))
		return (-1);
	return (len);
}

/*
 * An address a host may have or talk to: not 0/8, not loopback, not
 * multicast, not class E (which holds 255.255.255.255).
 */
int
validate_unicast(struct in_addr addr)
{
	uint32_t	a = ntohl(addr.s_addr);

	if ((a >> 24) == 0 || (a >> 24) == 127)
		return (-1);
	if ((a >> 28) >= 0xe)
		return (-1);
	return (0);
}

static int
in_subnet(struct in_addr addr, struct in_addr net, int prefixlen)
{
	uint32_t	mask = prefix_mask(prefixlen);

	return ((ntohl(addr.s_addr) & mask) == (ntohl(net.s_addr) & mask));
}

/*
 * Is addr reachable without a gateway: in the lease's subnet (not its
 * network or broadcast address), or covered by an on-link classless
 * route?
 */
int
validate_onlink(const struct lease *l, struct in_addr addr)
{
	uint32_t	a = ntohl(addr.s_addr), mask;
	uint32_t	i;
	int		plen;

	if ((plen = validate_netmask(l->netmask)) != -1 &&
	    in_subnet(addr, l->address, plen)) {
		mask = prefix_mask(plen);
		if (plen >= 31 || ((a & ~mask) != 0 && (a & ~mask) != ~mask))
			return (1);
	}
	for (i = 0; i < l->nroutes && i < LEASE_MAX_ROUTES; i++) {
		if (l->routes[i].gw.s_addr == INADDR_ANY &&
		    l->routes[i].prefixlen <= 32 &&
		    in_subnet(addr, l->routes[i].dst, l->routes[i].prefixlen))
			return (1);
	}
	return (0);
}

/*
 * A router of option 3 as validate_lease() will judge it: 0 if it may
 * stand in the lease, -1 if not.  The engine drops the others first.
 */
int
validate_router(const struct lease *l, struct in_addr gw)
{
	return (valid_gateway(l, 0, gw) ? 0 : -1);
}

static int
valid_gateway(const struct lease *l, int allow_onlink, struct in_addr gw)
{
	if (allow_onlink && gw.s_addr == INADDR_ANY)
		return (1);
	if (validate_unicast(gw) == -1)
		return (0);
	if (gw.s_addr == l->address.s_addr)
		return (0);
	return (validate_onlink(l, gw));
}

/*
 * An interface name as Linux accepts it and as we put it in a file
 * name: 1..IF_NAMESIZE-1 printable characters, no '/', ':' or space,
 * not "." or "..", NUL-terminated within len bytes.
 */
int
validate_ifname(const char *s, size_t len)
{
	size_t	n, i;

	if ((n = strnlen(s, len)) == len || n == 0 || n >= IF_NAMESIZE)
		return (-1);
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if (s[i] <= ' ' || s[i] >= 0x7f || s[i] == '/' || s[i] == ':')
			return (-1);
	}
	return (0);
}

/*
 * A domain name we will write into resolv.conf or a lease file: only
 * [A-Za-z0-9._-], 1..LEASE_NAME_MAX characters, labels of 1..63
 * characters (so no leading, trailing or double dot), NUL-terminated
 * within len bytes.
 */
int
validate_name(const char *s, size_t len)
{
	size_t	n, i, label = 0;
	char	c;

	if ((n = strnlen(s, len)) == len || n == 0 || n > LEASE_NAME_MAX)
		return (-1);
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '.') {
			if (label == 0)
				return (-1);
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return (-1);
		if (++label > LEASE_LABEL_MAX)
			return (-1);
	}
	if (label == 0)
		return (-1);
	return (0);
}

int
validate_lease(const struct lease *l, char *buf, size_t len)
{
	const struct lease_route	*r, *o;
	uint32_t			 a, mask, i, j, rmask;
	int				 plen;

	if (validate_ifname(l->ifname, sizeof(l->ifname)) == -1)
		return (why(buf, len, "bad interface name"));

	if ((plen = validate_netmask(l->netmask)) == -1)
		return (why(buf, len, "netmask not contiguous"));
	if (plen < 1 || plen > 32)
		return (why(buf, len, "prefix length %d", plen));
	if (validate_unicast(l->address) == -1)
		return (why(buf, len, "address %s not unicast",
		    inet_ntoa(l->address)));
	a = ntohl(l->address.s_addr);
	mask = prefix_mask(plen);
	if (plen < 31 && (a & ~mask) == 0)
		return (why(buf, len, "address is the network address"));
	if (plen < 31 && (a & ~mask) == ~mask)
		return (why(buf, len, "address is the broadcast address"));
	if (l->broadcast.s_addr != INADDR_ANY &&
	    (plen >= 31 || ntohl(l->broadcast.s_addr) != (a | ~mask)))
		return (why(buf, len, "broadcast %s not the subnet's",
		    inet_ntoa(l->broadcast)));
	if (l->server.s_addr != INADDR_ANY &&
	    validate_unicast(l->server) == -1)
		return (why(buf, len, "server %s not unicast",
		    inet_ntoa(l->server)));

	if (l->acquired < 0)
		return (why(buf, len, "acquired before 1970"));
	/* Far beyond any clock, and acquired + lease_time must not wrap. */
	if (l->acquired > LEASE_ACQUIRED_MAX)
		return (why(buf, len, "acquired in the year %lld or so",
		    (long long)(l->acquired / 31556952 + 1970)));
	if (l->lease_time < 1 || (l->lease_time != LEASE_INFINITE &&
	    l->lease_time > LEASE_TIME_MAX))
		return (why(buf, len, "lease time %u", l->lease_time));
	if (l->renewal < 1 || l->renewal > l->rebinding ||
	    l->rebinding > l->lease_time)
		return (why(buf, len, "renewal %u rebinding %u lease %u",
		    l->renewal, l->rebinding, l->lease_time));

	if (l->mtu != 0 && l->mtu < 68)
		return (why(buf, len, "mtu %u", l->mtu));

	/* Routes first: routers may be on-link through one of them. */
	if (l->nroutes > LEASE_MAX_ROUTES)
		return (why(buf, len, "%u routes", l->nroutes));
	for (i = 0; i < l->nroutes; i++) {
		r = &l->routes[i];
		if (r->prefixlen > 32)
			return (why(buf, len, "route prefix %u",
			    r->prefixlen));
		rmask = prefix_mask(r->prefixlen);
		if ((ntohl(r->dst.s_addr) & ~rmask) != 0)
			return (why(buf, len, "route %s/%u has host bits",
			    inet_ntoa(r->dst), r->prefixlen));
		if ((r->prefixlen >= 8 &&
		    (ntohl(r->dst.s_addr) >> 24) == 127) ||
		    (r->prefixlen >= 3 &&
		    (ntohl(r->dst.s_addr) >> 29) == 7))
			return (why(buf, len, "route to %s/%u",
			    inet_ntoa(r->dst), r->prefixlen));
		for (j = 0; j < i; j++) {
			o = &l->routes[j];
			if (o->dst.s_addr == r->dst.s_addr &&
			    o->prefixlen == r->prefixlen)
				return (why(buf, len, "duplicate route %s/%u",
				    inet_ntoa(r->dst), r->prefixlen));
		}
		if (!valid_gateway(l, 1, r->gw))
			return (why(buf, len, "route gateway %s not on-link",
			    inet_ntoa(r->gw)));
	}

	if (l->nrouters > LEASE_MAX_ROUTERS)
		return (why(buf, len, "%u routers", l->nrouters));
	for (i = 0; i < l->nrouters; i++) {
		if (!valid_gateway(l, 0, l->routers[i]))
			return (why(buf, len, "router %s not on-link",
			    inet_ntoa(l->routers[i])));
	}

	if (l->ndns > LEASE_MAX_DNS)
		return (why(buf, len, "%u name servers", l->ndns));
	for (i = 0; i < l->ndns; i++) {
		if (validate_unicast(l->dns[i]) == -1)
			return (why(buf, len, "name server %s",
			    inet_ntoa(l->dns[i])));
	}

	if (memchr(l->domain, '\0', sizeof(l->domain)) == NULL ||
	    (l->domain[0] != '\0' &&
	    validate_name(l->domain, sizeof(l->domain)) == -1))
		return (why(buf, len, "bad domain name"));
	if (l->nsearch > LEASE_MAX_SEARCH)
		return (why(buf, len, "%u search domains", l->nsearch));
	for (i = 0; i < l->nsearch; i++) {
		if (validate_name(l->search[i], sizeof(l->search[i])) == -1)
			return (why(buf, len, "bad search domain %u", i));
	}
	return (0);
}
