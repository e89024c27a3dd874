/*
 * validate_lease(): a table of requests the parent must accept and
 * requests it must refuse.
 */

#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "lease.h"
#include "validate.h"
#include "regress.h"

static struct in_addr	ip(const char *);
static void		base_lease(struct lease *);
static void		check(const struct lease *, int, const char *);
static void		add_route(struct lease *, const char *, int,
			    const char *);

static struct in_addr
ip(const char *s)
{
	struct in_addr	a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		printf("not ok - bad test address %s\n", s);
		a.s_addr = 0;
	}
	return (a);
}

static void
add_route(struct lease *l, const char *dst, int plen, const char *gw)
{
	l->routes[l->nroutes].dst = ip(dst);
	l->routes[l->nroutes].prefixlen = plen;
	l->routes[l->nroutes].gw = ip(gw);
	l->nroutes++;
}

static void
base_lease(struct lease *l)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->ifname, sizeof(l->ifname), "eth0");
	memcpy(l->mac, "\x02\x00\x00\x00\x00\x01", 6);
	l->address = ip("192.0.2.100");
	l->netmask = ip("255.255.255.0");
	l->broadcast = ip("192.0.2.255");
	l->server = ip("192.0.2.1");
	l->acquired = 1790000000;
	l->lease_time = 3600;
	l->renewal = 1800;
	l->rebinding = 3150;
	l->mtu = 1500;
	l->routers[l->nrouters++] = ip("192.0.2.1");
	l->dns[l->ndns++] = ip("192.0.2.53");
	l->dns[l->ndns++] = ip("198.51.100.53");
	snprintf(l->domain, sizeof(l->domain), "example.com");
	snprintf(l->search[l->nsearch++], sizeof(l->search[0]),
	    "example.com");
	snprintf(l->search[l->nsearch++], sizeof(l->search[0]),
	    "corp.example.org");
}

static void
check(const struct lease *l, int expect, const char *desc)
{
	char	why[VALIDATE_WHY_LEN] = "";
	int	rv;

	rv = validate_lease(l, why, sizeof(why));
	if (expect == 0)
		OK(rv == 0, "accepted: %s%s%s", desc, rv ? " -- " : "",
		    rv ? why : "");
	else
		OK(rv == -1 && why[0] != '\0', "refused: %s (%s)", desc, why);
}

#define GOOD(desc, stmt)	CASE(0, desc, stmt)
#define BAD(desc, stmt)		CASE(-1, desc, stmt)
#define CASE(expect, desc, stmt) do {					\
	struct lease	 l;						\
	int		 i_ __attribute__((__unused__));		\
									\
	base_lease(&l);							\
	stmt;								\
	check(&l, expect, desc);					\
} while (0)

int
main(void)
{
	char	long_name[LEASE_NAME_MAX + 1];

	/* Requests a real server can make. */
	GOOD("a plain /24 lease", );
	GOOD("no broadcast given", l.broadcast.s_addr = 0);
	GOOD("no mtu, routers, dns or names",
	    l.mtu = 0; l.nrouters = 0; l.ndns = 0; l.domain[0] = '\0';
	    l.nsearch = 0);
	GOOD("a /31 (RFC 3021) may use its first address",
	    l.address = ip("192.0.2.0"); l.netmask = ip("255.255.255.254");
	    l.broadcast.s_addr = 0; l.routers[0] = ip("192.0.2.1"));
	GOOD("a /32 with a gateway made on-link by a classless route",
	    l.netmask = ip("255.255.255.255"); l.broadcast.s_addr = 0;
	    l.routers[0] = ip("203.0.113.1");
	    add_route(&l, "203.0.113.1", 32, "0.0.0.0");
	    add_route(&l, "0.0.0.0", 0, "203.0.113.1"));
	GOOD("an infinite lease",
	    l.lease_time = LEASE_INFINITE; l.renewal = LEASE_INFINITE;
	    l.rebinding = LEASE_INFINITE);
	GOOD("a one second lease",
	    l.lease_time = 1; l.renewal = 1; l.rebinding = 1);
	GOOD("lease time at the cap",
	    l.lease_time = LEASE_TIME_MAX);
	GOOD("mtu 68", l.mtu = 68);
	GOOD("mtu 65535", l.mtu = 65535);
	GOOD("a classless default route 0/0",
	    add_route(&l, "0.0.0.0", 0, "192.0.2.1"));
	GOOD("classless 0/1 + 128/1 (a default route in two halves)",
	    add_route(&l, "0.0.0.0", 1, "192.0.2.1");
	    add_route(&l, "128.0.0.0", 1, "192.0.2.1"));
	GOOD("an on-link classless route (gateway 0.0.0.0)",
	    add_route(&l, "198.51.100.0", 24, "0.0.0.0"));
	GOOD("a route through a gateway on an on-link route",
	    add_route(&l, "198.51.100.0", 24, "0.0.0.0");
	    add_route(&l, "203.0.113.0", 24, "198.51.100.1"));
	GOOD("64 classless routes",
	    for (i_ = 0; i_ < LEASE_MAX_ROUTES; i_++) {
		char d[32];
		snprintf(d, sizeof(d), "10.%d.0.0", i_);
		add_route(&l, d, 16, "192.0.2.1");
	    });
	GOOD("a domain name with _ and -",
	    snprintf(l.domain, sizeof(l.domain), "_srv.my-net.example"));
	memset(long_name, 0, sizeof(long_name));
	for (int i = 0; i < LEASE_NAME_MAX; i++)
		long_name[i] = (i % 10 == 9) ? '.' : 'a';
	GOOD("a 253 character domain name",
	    memcpy(l.domain, long_name, sizeof(long_name)));
	GOOD("8 search domains", l.nsearch = LEASE_MAX_SEARCH;
	    for (i_ = 0; i_ < LEASE_MAX_SEARCH; i_++)
		snprintf(l.search[i_], sizeof(l.search[i_]), "s%d.example",
		    i_));

	/* The address. */
	BAD("address 0.0.0.0", l.address = ip("0.0.0.0"));
	BAD("address in 0/8", l.address = ip("0.1.2.3");
	    l.netmask = ip("255.0.0.0"); l.broadcast.s_addr = 0;
	    l.nrouters = 0);
	BAD("loopback address", l.address = ip("127.0.0.1");
	    l.netmask = ip("255.0.0.0"); l.broadcast.s_addr = 0;
	    l.nrouters = 0);
	BAD("multicast address", l.address = ip("224.0.0.5");
	    l.broadcast.s_addr = 0; l.nrouters = 0);
	BAD("class E address", l.address = ip("240.0.0.5");
	    l.broadcast.s_addr = 0; l.nrouters = 0);
	BAD("limited broadcast address",
	    l.address = ip("255.255.255.255"); l.broadcast.s_addr = 0;
	    l.nrouters = 0);
	BAD("the subnet's network address", l.address = ip("192.0.2.0"));
	BAD("the subnet's broadcast address",
	    l.address = ip("192.0.2.255"));
	BAD("prefix 0", l.netmask = ip("0.0.0.0"); l.broadcast.s_addr = 0);
	BAD("netmask not contiguous", l.netmask = ip("255.0.255.0"));
	BAD("netmask with a hole at the end",
	    l.netmask = ip("255.255.255.253"));
	BAD("broadcast not the subnet's", l.broadcast = ip("192.0.2.127"));
	BAD("broadcast on a /32", l.netmask = ip("255.255.255.255");
	    l.nrouters = 0);
	BAD("server identifier multicast", l.server = ip("239.1.1.1"));

	/* Times. */
	BAD("lease time 0", l.lease_time = 0; l.renewal = 0;
	    l.rebinding = 0);
	BAD("lease time above the cap", l.lease_time = LEASE_TIME_MAX + 1);
	BAD("renewal 0", l.renewal = 0);
	BAD("renewal after rebinding", l.renewal = 3200);
	BAD("rebinding after expiry", l.rebinding = 3601);
	BAD("acquired before 1970", l.acquired = -1);
	BAD("acquired so late acquired + lease would wrap",
	    l.acquired = INT64_MAX);
	BAD("acquired past the limit", l.acquired = LEASE_ACQUIRED_MAX + 1);

	/* MTU. */
	BAD("mtu 67", l.mtu = 67);
	BAD("mtu 1", l.mtu = 1);

	/* Gateways. */
	BAD("router outside the subnet", l.routers[0] = ip("198.51.100.1"));
	BAD("router is our own address", l.routers[0] = ip("192.0.2.100"));
	BAD("router is the subnet broadcast",
	    l.routers[0] = ip("192.0.2.255"));
	BAD("router 0.0.0.0", l.routers[0] = ip("0.0.0.0"));
	BAD("router multicast", l.routers[0] = ip("224.0.0.1"));
	BAD("router on a /32 with no on-link route",
	    l.netmask = ip("255.255.255.255"); l.broadcast.s_addr = 0;
	    l.routers[0] = ip("203.0.113.1"));
	BAD("17 routers", l.nrouters = LEASE_MAX_ROUTERS + 1;
	    for (i_ = 0; i_ < LEASE_MAX_ROUTERS; i_++)
		l.routers[i_] = ip("192.0.2.1"));

	/* Classless routes. */
	BAD("route prefix 33", add_route(&l, "10.0.0.0", 33, "192.0.2.1"));
	BAD("route with bits beyond its prefix",
	    add_route(&l, "10.1.0.0", 8, "192.0.2.1"));
	BAD("0/0 with bits set", add_route(&l, "10.0.0.0", 0, "192.0.2.1"));
	BAD("65 classless routes", l.nroutes = LEASE_MAX_ROUTES + 1);
	BAD("a route count beyond the array", l.nroutes = 0xffffffff);
	BAD("route gateway outside the subnet",
	    add_route(&l, "10.0.0.0", 8, "198.51.100.1"));
	BAD("route gateway is our own address",
	    add_route(&l, "10.0.0.0", 8, "192.0.2.100"));
	BAD("route gateway limited broadcast",
	    add_route(&l, "10.0.0.0", 8, "255.255.255.255"));
	BAD("route into loopback",
	    add_route(&l, "127.0.0.0", 8, "192.0.2.1"));
	BAD("route into multicast",
	    add_route(&l, "224.0.0.0", 4, "192.0.2.1"));
	BAD("route into class E",
	    add_route(&l, "240.0.0.0", 4, "192.0.2.1"));
	BAD("the same route twice",
	    add_route(&l, "10.0.0.0", 8, "192.0.2.1");
	    add_route(&l, "10.0.0.0", 8, "192.0.2.2"));

	/* Name servers. */
	BAD("name server 0.0.0.0", l.dns[0] = ip("0.0.0.0"));
	BAD("name server loopback", l.dns[0] = ip("127.0.0.53"));
	BAD("name server multicast", l.dns[1] = ip("224.0.0.251"));
	BAD("name server limited broadcast",
	    l.dns[0] = ip("255.255.255.255"));
	BAD("17 name servers", l.ndns = LEASE_MAX_DNS + 1);

	/* Names. */
	BAD("domain with a space", snprintf(l.domain, sizeof(l.domain),
	    "example.com nameserver"));
	BAD("domain with a newline", snprintf(l.domain, sizeof(l.domain),
	    "example.com\nnameserver 203.0.113.66"));
	BAD("domain with a shell character",
	    snprintf(l.domain, sizeof(l.domain), "$(reboot).example"));
	BAD("domain with an empty label",
	    snprintf(l.domain, sizeof(l.domain), "example..com"));
	BAD("domain with a leading dot",
	    snprintf(l.domain, sizeof(l.domain), ".example.com"));
	BAD("domain with a trailing dot",
	    snprintf(l.domain, sizeof(l.domain), "example.com."));
	BAD("domain with high-bit bytes",
	    snprintf(l.domain, sizeof(l.domain), "ex\xc3\xa4mple.com"));
	BAD("a 64 character label", memset(l.domain, 'a', 64);
	    l.domain[64] = '\0');
	BAD("domain not NUL-terminated",
	    memset(l.domain, 'a', sizeof(l.domain)));
	BAD("search domain with a semicolon",
	    snprintf(l.search[1], sizeof(l.search[1]), "a;b"));
	BAD("empty search domain", l.search[1][0] = '\0');
	BAD("search domain not NUL-terminated",
	    memset(l.search[0], 'a', sizeof(l.search[0])));
	BAD("9 search domains", l.nsearch = LEASE_MAX_SEARCH + 1);

	/* Interface name (it becomes a file name). */
	BAD("empty interface name", l.ifname[0] = '\0');
	BAD("interface name with a slash",
	    snprintf(l.ifname, sizeof(l.ifname), "../etc"));
	BAD("interface name \"..\"",
	    snprintf(l.ifname, sizeof(l.ifname), ".."));
	BAD("interface name not NUL-terminated",
	    memset(l.ifname, 'e', sizeof(l.ifname)));

	return (regress_done());
}
