/*
 * libFuzzer target for the DHCP wire-format module.  The input is
 * parsed as a frame and as a BOOTP payload, both as a server's reply
 * and as a client's request.  Whatever parses must hold only sanitised
 * strings and bounded counts, and the message the engine would send
 * next (a REQUEST for the offered address, a DECLINE, a RELEASE) must
 * build and parse back to the same values.
 */

#include <sys/types.h>

#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint16_t	sum(const uint8_t *, size_t, uint32_t);
static void	fixup(uint8_t *, size_t);
static void	check_msg(const struct dhcp_msg *);
static void	check_name(const char *);
static void	next_message(const struct dhcp_msg *, enum dhcp_kind, int);

static uint16_t
sum(const uint8_t *p, size_t len, uint32_t s)
{
	size_t	i;

	for (i = 0; i < len; i++)
		s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ((uint16_t)~s);
}

/*
 * Mutations almost never keep checksums right, which would stop the
 * frame parser at the door: a copy with both checksums recomputed
 * (where the lengths allow) gets past them.
 */
static void
fixup(uint8_t *f, size_t len)
{
	uint8_t	*ip = f + 14, *udp, ph[12];
	size_t	 ihl, tot, ulen;
	uint16_t s;

	if (len < 14 + 20)
		return;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	tot = (size_t)(ip[2] << 8 | ip[3]);
	if (ihl < 20 || ihl > len - 14)
		return;
	ip[10] = ip[11] = 0;
	s = sum(ip, ihl, 0);
	ip[10] = (uint8_t)(s >> 8);
	ip[11] = (uint8_t)s;
	if (tot > len - 14 || tot < ihl + 8)
		return;
	udp = ip + ihl;
	ulen = (size_t)(udp[4] << 8 | udp[5]);
	if (ulen != tot - ihl || (udp[6] == 0 && udp[7] == 0))
		return;
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = ip[9];
	ph[10] = (uint8_t)(ulen >> 8);
	ph[11] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	s = sum(udp, ulen, (uint32_t)(uint16_t)~sum(ph, 12, 0));
	if (s == 0)
		s = 0xffff;
	udp[6] = (uint8_t)(s >> 8);
	udp[7] = (uint8_t)s;
}

static void
check_name(const char *s)
{
	if (s[0] != '\0' && !dhcp_valid_name(s))
		abort();
}

/* Invariants of every parsed message. */
static void
check_msg(const struct dhcp_msg *m)
{
	char		buf[DHCP_STR_LEN];
	uint32_t	l, t1, t2;
	size_t		i;
	int		n;

	if (m->nrouters < 0 || m->nrouters > DHCP_MAX_ROUTERS ||
	    m->ndns < 0 || m->ndns > DHCP_MAX_DNS ||
	    m->nroutes < 0 || m->nroutes > DHCP_MAX_ROUTES ||
	    m->nsearch < 0 || m->nsearch > DHCP_MAX_SEARCH)
		abort();
	check_name(m->hostname);
	check_name(m->domain);
	for (n = 0; n < m->nsearch; n++)
		if (!dhcp_valid_name(m->search[n]))
			abort();
	for (n = 0; n < m->nroutes; n++) {
		if (m->routes[n].prefixlen > 32)
			abort();
		if (m->routes[n].prefixlen < 32 &&
		    (ntohl(m->routes[n].dst.s_addr) &
		    (0xffffffffU >> m->routes[n].prefixlen)) != 0)
			abort();
	}
	for (i = 0; m->message[i] != '\0'; i++)
		if (m->message[i] < 0x20 || m->message[i] > 0x7e)
			abort();
	if (dhcp_has_option(m, DHO_SUBNET_MASK) &&
	    dhcp_mask_prefixlen(m->netmask) == -1)
		abort();
	if (dhcp_has_option(m, DHO_INTERFACE_MTU) && m->mtu < DHCP_MIN_MTU)
		abort();
	if (dhcp_lease_times(m, &l, &t1, &t2) == 0 &&
	    (l == 0 || t1 > t2 || t2 > l))
		abort();
	dhcp_msg_str(m, buf, sizeof(buf));
	if (strlen(buf) >= sizeof(buf))
		abort();
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			abort();
}

/* Build what the engine would send next and parse it back. */
static void
next_message(const struct dhcp_msg *m, enum dhcp_kind kind, int frame)
{
	struct dhcp_req	 r;
	struct dhcp_msg	 back;
	uint8_t		 buf[DHCP_FRAME_MAX];
	char		 why[DHCP_WHY_LEN];
	ssize_t		 n;
	int		 rc;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	memcpy(r.mac, m->chaddr, 6);
	r.xid = m->xid;
	r.secs = m->secs;
	r.flags = m->flags;
	r.requested = m->yiaddr;
	if (r.requested.s_addr == 0)
		r.requested.s_addr = htonl(0xc000020a);
	r.server_id = dhcp_has_option(m, DHO_SERVER_IDENTIFIER) ?
	    m->server_id : m->siaddr;
	if (r.server_id.s_addr == 0)
		r.server_id.s_addr = htonl(0xc0000201);
	r.ciaddr = r.requested;
	/* Echo what the server sent where the engine could. */
	if (m->client_id_len >= 2) {
		memcpy(r.client_id, m->client_id, m->client_id_len);
		r.client_id_len = m->client_id_len;
	}
	memcpy(r.hostname, m->hostname, sizeof(m->hostname));
	if (m->vendor_class_len > 0) {
		memcpy(r.vendor_class, m->vendor_class, m->vendor_class_len);
		r.vendor_class_len = m->vendor_class_len;
	}
	r.ipv6_only = dhcp_has_option(m, DHO_IPV6_ONLY);
	r.rapid_commit = m->rapid_commit;
	r.max_msg_size = m->max_msg_size;

	if (frame) {
		n = dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why));
		if (n < 0)
			abort();
		rc = dhcp_parse_frame(&back, BOOTREQUEST, buf, (size_t)n, why,
		    sizeof(why));
	} else {
		n = dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why));
		if (n < 0)
			abort();
		rc = dhcp_parse_bootp(&back, BOOTREQUEST, buf, (size_t)n, why,
		    sizeof(why));
	}
	if (rc != 0 || back.xid != r.xid ||
	    memcmp(back.chaddr, r.mac, 6) != 0)
		abort();
	if (kind == DHCP_KIND_SELECTING || kind == DHCP_KIND_DECLINE) {
		if (back.requested.s_addr != r.requested.s_addr ||
		    back.server_id.s_addr != r.server_id.s_addr)
			abort();
	}
	if (kind == DHCP_KIND_RELEASE &&
	    (back.ciaddr.s_addr != r.ciaddr.s_addr ||
	    back.server_id.s_addr != r.server_id.s_addr))
		abort();
	if (back.client_id_len != (r.client_id_len ? r.client_id_len : 7))
		abort();
	if (kind == DHCP_KIND_SELECTING &&
	    strcmp(back.hostname, r.hostname) != 0)
		abort();
	check_msg(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static uint8_t	fixed[65536 + 14];
	struct dhcp_msg	m;
	char		why[DHCP_WHY_LEN];

	if (dhcp_parse_frame(&m, BOOTREPLY, data, len, why,
	    sizeof(why)) == 0) {
		check_msg(&m);
		next_message(&m, DHCP_KIND_SELECTING, 1);
		next_message(&m, DHCP_KIND_DECLINE, 1);
	}
	if (dhcp_parse_bootp(&m, BOOTREPLY, data, len, why,
	    sizeof(why)) == 0) {
		check_msg(&m);
		next_message(&m, DHCP_KIND_RENEWING, 0);
		next_message(&m, DHCP_KIND_RELEASE, 0);
	}
	if (dhcp_parse_frame(&m, BOOTREQUEST, data, len, why,
	    sizeof(why)) == 0) {
		check_msg(&m);
		next_message(&m, DHCP_KIND_REBINDING, 1);
	}
	if (dhcp_parse_bootp(&m, BOOTREQUEST, data, len, why,
	    sizeof(why)) == 0) {
		check_msg(&m);
		next_message(&m, DHCP_KIND_INIT_REBOOT, 0);
		next_message(&m, DHCP_KIND_DISCOVER, 0);
	}
	if (len <= sizeof(fixed)) {
		memcpy(fixed, data, len);
		fixup(fixed, len);
		if (dhcp_parse_frame(&m, BOOTREPLY, fixed, len, why,
		    sizeof(why)) == 0) {
			check_msg(&m);
			next_message(&m, DHCP_KIND_SELECTING, 1);
		}
	}
	return (0);
}
