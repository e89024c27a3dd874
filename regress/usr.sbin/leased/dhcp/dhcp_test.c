/*
 * Unit tests for the DHCP wire-format module: every builder kind round
 * trips through the parser, and hostile replies are rejected, dropped
 * or escaped as dhcp.h documents.
 */

#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"
#include "regress.h"

#define OPTS(...)	(const uint8_t[]){ __VA_ARGS__ }, \
			    sizeof((const uint8_t[]){ __VA_ARGS__ })

/* Offsets in a frame we build here (IHL 5). */
#define F_IP		14
#define F_UDP		34
#define F_BOOTP		42

static const uint8_t	 mac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30 };
static const uint8_t	 srvmac[6] = { 0x02, 0x00, 0x5e, 0xaa, 0xbb, 0xcc };

static uint8_t		 pay[4096];	/* last BOOTP payload built */
static size_t		 paylen;
static uint8_t		 frame[4096];	/* last frame built */
static size_t		 framelen;
static struct dhcp_msg	 m;
static char		 why[DHCP_WHY_LEN];

static struct in_addr	 ip(const char *);
static uint16_t		 csum(const uint8_t *, size_t, uint32_t);
static void		 mk_payload(int, const uint8_t *, size_t);
static void		 mk_frame(const uint8_t *, size_t, size_t);
static void		 fix_ip_sum(uint8_t *);
static void		 fix_udp_sum(uint8_t *);
static int		 parse_raw(const uint8_t *, size_t);
static int		 parse_offer(const uint8_t *, size_t);
static int		 parse_frame(void);
static void		 init_req(struct dhcp_req *, enum dhcp_kind);
static int		 has_byte(const uint8_t *, size_t, uint8_t);
static int		 find_end(const uint8_t *, size_t);
static const char	*because(void);

static void	test_roundtrip(void);
static void	test_builder_errors(void);
static void	test_zero_checksum(void);
static void	test_offer_fields(void);
static void	test_fixed_lengths(void);
static void	test_truncation(void);
static void	test_sizes(void);
static void	test_frames(void);
static void	test_bootp_header(void);
static void	test_lists(void);
static void	test_routes(void);
static void	test_search(void);
static void	test_strings(void);
static void	test_message(void);
static void	test_overload(void);
static void	test_concat(void);
static void	test_concat_limit(void);
static void	test_lease_times(void);
static void	test_helpers(void);

static struct in_addr
ip(const char *s)
{
	struct in_addr	ia;

	if (inet_pton(AF_INET, s, &ia) != 1)
		ia.s_addr = 0;
	return (ia);
}

/* An independent internet checksum, so the tests do not trust dhcp.c. */
static uint16_t
csum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t	i;

	for (i = 0; i < len; i++)
		sum += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ((uint16_t)~sum);
}

/* A BOOTP message with the given raw options (after the cookie). */
static void
mk_payload(int op, const uint8_t *opts, size_t optlen)
{
	struct in_addr	ya = ip("192.0.2.10");

	memset(pay, 0, sizeof(pay));
	pay[0] = (uint8_t)op;
	pay[1] = 1;
	pay[2] = 6;
	pay[4] = 0x12;
	pay[5] = 0x34;
	pay[6] = 0x56;
	pay[7] = 0x78;
	memcpy(pay + 16, &ya.s_addr, 4);
	memcpy(pay + 28, mac, 6);
	pay[236] = 99;
	pay[237] = 130;
	pay[238] = 83;
	pay[239] = 99;
	if (optlen > 0)
		memcpy(pay + 240, opts, optlen);
	paylen = 240 + optlen;
	if (paylen < 300)
		paylen = 300;
}

static void
fix_ip_sum(uint8_t *f)
{
	uint16_t	s;
	size_t		ihl = (size_t)(f[F_IP] & 0xf) * 4;

	f[F_IP + 10] = f[F_IP + 11] = 0;
	s = csum(f + F_IP, ihl, 0);
	f[F_IP + 10] = (uint8_t)(s >> 8);
	f[F_IP + 11] = (uint8_t)s;
}

static void
fix_udp_sum(uint8_t *f)
{
	size_t		ihl = (size_t)(f[F_IP] & 0xf) * 4;
	uint8_t		*u = f + F_IP + ihl;
	size_t		ulen = (size_t)(u[4] << 8 | u[5]);
	uint8_t		ph[12];
	uint16_t	s;

	memcpy(ph, f + F_IP + 12, 8);
	ph[8] = 0;
	ph[9] = 17;
	ph[10] = (uint8_t)(ulen >> 8);
	ph[11] = (uint8_t)ulen;
	u[6] = u[7] = 0;
	s = csum(u, ulen, (uint32_t)(~csum(ph, 12, 0) & 0xffff));
	if (s == 0)
		s = 0xffff;
	u[6] = (uint8_t)(s >> 8);
	u[7] = (uint8_t)s;
}

/* A server's frame around a BOOTP payload, with pad bytes of trailer. */
static void
mk_frame(const uint8_t *p, size_t len, size_t trailer)
{
	struct in_addr	 src = ip("192.0.2.1"), dst = ip("192.0.2.10");
	uint8_t		*ipp = frame + F_IP, *u = frame + F_UDP;
	size_t		 tot = 20 + 8 + len;

	memset(frame, 0, sizeof(frame));
	memcpy(frame, mac, 6);
	memcpy(frame + 6, srvmac, 6);
	frame[12] = 0x08;
	frame[13] = 0x00;
	ipp[0] = 0x45;
	ipp[2] = (uint8_t)(tot >> 8);
	ipp[3] = (uint8_t)tot;
	ipp[6] = 0x40;		/* DF is fine */
	ipp[8] = 64;
	ipp[9] = 17;
	memcpy(ipp + 12, &src.s_addr, 4);
	memcpy(ipp + 16, &dst.s_addr, 4);
	u[1] = 67;
	u[3] = 68;
	u[4] = (uint8_t)((8 + len) >> 8);
	u[5] = (uint8_t)(8 + len);
	memcpy(u + 8, p, len);
	framelen = F_BOOTP + len + trailer;
	fix_ip_sum(frame);
	fix_udp_sum(frame);
}

static int
parse_raw(const uint8_t *opts, size_t len)
{
	if (len > sizeof(pay) - 240)
		return (-2);
	mk_payload(BOOTREPLY, opts, len);
	why[0] = '\0';
	return (dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why,
	    sizeof(why)));
}

/* An OFFER: message type first, then the given options, then end. */
static int
parse_offer(const uint8_t *opts, size_t len)
{
	uint8_t	buf[sizeof(pay) - 240];

	if (len + 4 > sizeof(buf))
		return (-2);
	buf[0] = DHO_MESSAGE_TYPE;
	buf[1] = 1;
	buf[2] = DHCPOFFER;
	if (len > 0)
		memcpy(buf + 3, opts, len);
	buf[3 + len] = DHO_END;
	return (parse_raw(buf, len + 4));
}

static int
parse_frame(void)
{
	why[0] = '\0';
	return (dhcp_parse_frame(&m, BOOTREPLY, frame, framelen, why,
	    sizeof(why)));
}

static void
init_req(struct dhcp_req *r, enum dhcp_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	memcpy(r->mac, mac, 6);
	r->xid = 0xdeadbeef;
	r->secs = 7;
	switch (kind) {
	case DHCP_KIND_SELECTING:
	case DHCP_KIND_DECLINE:
		r->requested = ip("192.0.2.10");
		r->server_id = ip("192.0.2.1");
		break;
	case DHCP_KIND_INIT_REBOOT:
		r->requested = ip("192.0.2.10");
		break;
	case DHCP_KIND_RENEWING:
	case DHCP_KIND_REBINDING:
		r->ciaddr = ip("192.0.2.10");
		break;
	case DHCP_KIND_RELEASE:
		r->ciaddr = ip("192.0.2.10");
		r->server_id = ip("192.0.2.1");
		break;
	default:
		break;
	}
}

/* The reason of the last call, for the test's description. */
static const char *
because(void)
{
	static char	b[DHCP_WHY_LEN + 4];

	if (why[0] == '\0')
		return ("");
	snprintf(b, sizeof(b), " (%s)", why);
	return (b);
}

static int
has_byte(const uint8_t *p, size_t len, uint8_t b)
{
	return (memchr(p, b, len) != NULL);
}

/* Offset of the end option in a payload's options (-1: none). */
static int
find_end(const uint8_t *p, size_t len)
{
	size_t	i = 240;

	while (i < len) {
		if (p[i] == DHO_PAD) {
			i++;
			continue;
		}
		if (p[i] == DHO_END)
			return ((int)i);
		if (i + 1 >= len)
			return (-1);
		i += 2 + p[i + 1];
	}
	return (-1);
}

static void
test_roundtrip(void)
{
	static const struct {
		enum dhcp_kind	 kind;
		const char	*name;
		int		 type;
		int		 req, sid, ci, full;
	} k[] = {
		{ DHCP_KIND_DISCOVER, "DISCOVER", DHCPDISCOVER, 0, 0, 0, 1 },
		{ DHCP_KIND_SELECTING, "REQUEST/SELECTING", DHCPREQUEST,
		    1, 1, 0, 1 },
		{ DHCP_KIND_INIT_REBOOT, "REQUEST/INIT-REBOOT", DHCPREQUEST,
		    1, 0, 0, 1 },
		{ DHCP_KIND_RENEWING, "REQUEST/RENEWING", DHCPREQUEST,
		    0, 0, 1, 1 },
		{ DHCP_KIND_REBINDING, "REQUEST/REBINDING", DHCPREQUEST,
		    0, 0, 1, 1 },
		{ DHCP_KIND_RELEASE, "RELEASE", DHCPRELEASE, 0, 1, 1, 0 },
		{ DHCP_KIND_DECLINE, "DECLINE", DHCPDECLINE, 1, 1, 0, 0 },
	};
	struct dhcp_req	 r;
	uint8_t		 buf[DHCP_FRAME_MAX];
	ssize_t		 n, b;
	size_t		 i;
	int		 ok;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		init_req(&r, k[i].kind);
		snprintf(r.hostname, sizeof(r.hostname), "host-1");
		memcpy(r.vendor_class, "leased", 6);
		r.vendor_class_len = 6;
		r.max_msg_size = 1500;
		r.rapid_commit = 1;
		r.ipv6_only = 1;

		n = dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why));
		OK(n >= F_BOOTP + DHCP_MIN_LEN, "%s: frame built (%zd bytes)",
		    k[i].name, n);
		if (n < 0)
			continue;
		OK(memcmp(buf, "\xff\xff\xff\xff\xff\xff", 6) == 0 &&
		    memcmp(buf + 6, mac, 6) == 0,
		    "%s: frame to broadcast from own MAC", k[i].name);
		OK(csum(buf + F_IP, 20, 0) == 0,
		    "%s: IP checksum verifies independently", k[i].name);
		ok = dhcp_parse_frame(&m, BOOTREQUEST, buf, (size_t)n, why,
		    sizeof(why)) == 0;
		OK(ok, "%s: frame parses back%s", k[i].name, because());
		if (!ok)
			continue;
		OK(m.msgtype == k[i].type, "%s: message type", k[i].name);
		OK(m.xid == 0xdeadbeef && m.secs == 7,
		    "%s: xid and secs", k[i].name);
		OK(memcmp(m.chaddr, mac, 6) == 0, "%s: chaddr", k[i].name);
		OK(m.ip_dst.s_addr == htonl(INADDR_BROADCAST),
		    "%s: IP destination broadcast", k[i].name);
		OK(m.ip_src.s_addr == (k[i].ci ? ip("192.0.2.10").s_addr : 0),
		    "%s: IP source %s", k[i].name,
		    k[i].ci ? "is ciaddr" : "0.0.0.0");
		OK(m.ciaddr.s_addr == (k[i].ci ? ip("192.0.2.10").s_addr : 0),
		    "%s: ciaddr %s", k[i].name, k[i].ci ? "set" : "zero");
		OK(dhcp_has_option(&m, DHO_REQUESTED_ADDRESS) == k[i].req &&
		    (!k[i].req || m.requested.s_addr ==
		    ip("192.0.2.10").s_addr),
		    "%s: requested address %s", k[i].name,
		    k[i].req ? "present" : "absent");
		OK(dhcp_has_option(&m, DHO_SERVER_IDENTIFIER) == k[i].sid &&
		    (!k[i].sid || m.server_id.s_addr ==
		    ip("192.0.2.1").s_addr),
		    "%s: server identifier %s", k[i].name,
		    k[i].sid ? "present" : "absent");
		OK(m.client_id_len == 7 && m.client_id[0] == 1 &&
		    memcmp(m.client_id + 1, mac, 6) == 0,
		    "%s: default client id is type 1 + MAC", k[i].name);
		OK(dhcp_has_option(&m, DHO_PARAMETER_REQUEST) == k[i].full,
		    "%s: parameter request list %s", k[i].name,
		    k[i].full ? "present" : "absent");
		OK(dhcp_has_option(&m, DHO_HOST_NAME) == k[i].full &&
		    (!k[i].full || strcmp(m.hostname, "host-1") == 0),
		    "%s: host name %s", k[i].name,
		    k[i].full ? "sent" : "not sent");
		OK(dhcp_has_option(&m, DHO_VENDOR_CLASS) == k[i].full,
		    "%s: vendor class %s", k[i].name,
		    k[i].full ? "sent" : "not sent");
		OK(dhcp_has_option(&m, DHO_MAX_MESSAGE_SIZE) == k[i].full &&
		    (!k[i].full || m.max_msg_size == 1500),
		    "%s: max message size %s", k[i].name,
		    k[i].full ? "sent" : "not sent");
		OK(m.rapid_commit == (k[i].kind == DHCP_KIND_DISCOVER),
		    "%s: rapid commit only in DISCOVER", k[i].name);
		if (k[i].full) {
			OK(has_byte(m.prl, m.prl_len, DHO_CLASSLESS_ROUTES) &&
			    has_byte(m.prl, m.prl_len, DHO_DOMAIN_SEARCH) &&
			    has_byte(m.prl, m.prl_len, DHO_SUBNET_MASK) &&
			    has_byte(m.prl, m.prl_len, DHO_LEASE_TIME),
			    "%s: PRL asks for 1, 51, 119, 121", k[i].name);
			OK(has_byte(m.prl, m.prl_len, DHO_IPV6_ONLY),
			    "%s: PRL asks for 108 when enabled", k[i].name);
		}

		b = dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why));
		OK(b == n - F_BOOTP, "%s: payload is the frame minus headers",
		    k[i].name);
		if (b < 0)
			continue;
		OK(dhcp_parse_bootp(&m, BOOTREQUEST, buf, (size_t)b, why,
		    sizeof(why)) == 0 && m.msgtype == k[i].type &&
		    !m.from_frame, "%s: payload parses back", k[i].name);
		OK(dhcp_parse_bootp(&m, BOOTREPLY, buf, (size_t)b, why,
		    sizeof(why)) == -1,
		    "%s: our request is not accepted as a reply", k[i].name);
	}

	init_req(&r, DHCP_KIND_DISCOVER);
	n = dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why));
	OK(n == DHCP_MIN_LEN, "minimal DISCOVER padded to %d bytes (%zd)",
	    DHCP_MIN_LEN, n);
	dhcp_parse_bootp(&m, BOOTREQUEST, buf, (size_t)n, why, sizeof(why));
	OK(!has_byte(m.prl, m.prl_len, DHO_IPV6_ONLY),
	    "PRL does not ask for 108 unless enabled");
	OK(!dhcp_has_option(&m, DHO_REQUESTED_ADDRESS) && !m.rapid_commit &&
	    !dhcp_has_option(&m, DHO_HOST_NAME),
	    "DISCOVER without optional fields carries none of them");

	init_req(&r, DHCP_KIND_DISCOVER);
	r.requested = ip("192.0.2.77");
	memcpy(r.client_id, "\x00myid", 5);
	r.client_id_len = 5;
	n = dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why));
	OK(n > 0 && dhcp_parse_bootp(&m, BOOTREQUEST, buf, (size_t)n, why,
	    sizeof(why)) == 0 && m.requested.s_addr ==
	    ip("192.0.2.77").s_addr,
	    "DISCOVER may carry a requested address");
	OK(m.client_id_len == 5 && memcmp(m.client_id, "\x00myid", 5) == 0,
	    "configured client id is sent as given");
}

static void
test_builder_errors(void)
{
	struct dhcp_req	 r;
	uint8_t		 buf[DHCP_FRAME_MAX + 16];
	ssize_t		 need, n;
	size_t		 len;
	int		 bad = 0;

	init_req(&r, DHCP_KIND_SELECTING);
	r.server_id.s_addr = 0;
	OK(dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "SELECTING without server id refused%s", because());
	init_req(&r, DHCP_KIND_SELECTING);
	r.requested.s_addr = 0;
	OK(dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "SELECTING without requested address refused");
	init_req(&r, DHCP_KIND_INIT_REBOOT);
	r.requested.s_addr = 0;
	OK(dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "INIT-REBOOT without requested address refused");
	init_req(&r, DHCP_KIND_RENEWING);
	r.ciaddr.s_addr = 0;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "RENEWING without ciaddr refused");
	init_req(&r, DHCP_KIND_REBINDING);
	r.ciaddr.s_addr = 0;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "REBINDING without ciaddr refused");
	init_req(&r, DHCP_KIND_RELEASE);
	r.server_id.s_addr = 0;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "RELEASE without server id refused");
	init_req(&r, DHCP_KIND_DECLINE);
	r.requested.s_addr = 0;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "DECLINE without requested address refused");
	init_req(&r, DHCP_KIND_DISCOVER);
	r.kind = (enum dhcp_kind)42;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "unknown kind refused");
	init_req(&r, DHCP_KIND_DISCOVER);
	r.client_id_len = 1;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "client id of 1 byte refused");
	init_req(&r, DHCP_KIND_DISCOVER);
	r.max_msg_size = 575;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "max message size below 576 refused");
	init_req(&r, DHCP_KIND_DISCOVER);
	memset(r.hostname, 'a', sizeof(r.hostname));
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "unterminated host name refused");

	init_req(&r, DHCP_KIND_DISCOVER);
	r.vendor_class_len = 256;
	OK(dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why)) == -1,
	    "vendor class over 255 bytes refused");

	/* Every buffer too small by any amount fails without overrun. */
	init_req(&r, DHCP_KIND_SELECTING);
	memset(r.hostname, 'h', 255);
	r.hostname[255] = '\0';
	memset(r.vendor_class, 'v', 255);
	r.vendor_class_len = 255;
	memset(r.client_id, 'c', 255);
	r.client_id_len = 255;
	r.max_msg_size = 1500;
	r.ipv6_only = 1;
	need = dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why));
	OK(need > F_BOOTP + DHCP_MIN_LEN && need <= DHCP_FRAME_MAX,
	    "largest SELECTING fits DHCP_FRAME_MAX (%zd)", need);
	for (len = 0; need > 0 && len < (size_t)need; len++) {
		memset(buf, 0xa5, sizeof(buf));
		n = dhcp_build_frame(&r, buf, len, why, sizeof(why));
		if (n != -1 || buf[len] != 0xa5)
			bad++;
	}
	OK(need > 0 && bad == 0, "frame builder fails cleanly for every "
	    "short buffer");
	init_req(&r, DHCP_KIND_DISCOVER);
	OK(dhcp_build_bootp(&r, buf, DHCP_MIN_LEN - 1, why, sizeof(why)) ==
	    -1, "payload builder needs room for the 300-byte minimum");
}

/* A UDP checksum that computes to 0 goes out as 0xffff (RFC 768). */
static void
test_zero_checksum(void)
{
	struct dhcp_req	r;
	uint8_t		buf[DHCP_FRAME_MAX];
	ssize_t		n = -1;
	uint32_t	xid;
	int		found = 0;

	init_req(&r, DHCP_KIND_DISCOVER);
	for (xid = 0; xid < (1U << 22) && !found; xid++) {
		r.xid = xid;
		n = dhcp_build_frame(&r, buf, sizeof(buf), why, sizeof(why));
		if (n > 0 && buf[F_UDP + 6] == 0xff && buf[F_UDP + 7] == 0xff)
			found = 1;
	}
	OK(found, "a frame whose UDP checksum computes to 0 is found");
	if (!found)
		return;
	memcpy(frame, buf, (size_t)n);
	framelen = (size_t)n;
	fix_udp_sum(frame);
	OK(frame[F_UDP + 6] == 0xff && frame[F_UDP + 7] == 0xff,
	    "0xffff agrees with an independent computation");
	OK(dhcp_parse_frame(&m, BOOTREQUEST, buf, (size_t)n, why,
	    sizeof(why)) == 0, "0xffff checksum verifies");
}

static void
test_offer_fields(void)
{
	int	rc;

	rc = parse_offer(OPTS(
	    DHO_SERVER_IDENTIFIER, 4, 192, 0, 2, 1,
	    DHO_SUBNET_MASK, 4, 255, 255, 255, 0,
	    DHO_ROUTERS, 8, 192, 0, 2, 1, 192, 0, 2, 2,
	    DHO_DOMAIN_NAME_SERVERS, 4, 192, 0, 2, 53,
	    DHO_HOST_NAME, 4, 'h', 'o', 's', 't',
	    DHO_DOMAIN_NAME, 11, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.',
	    'o', 'r', 'g',
	    DHO_INTERFACE_MTU, 2, 0x05, 0xdc,
	    DHO_BROADCAST_ADDRESS, 4, 192, 0, 2, 255,
	    DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_RENEWAL_TIME, 4, 0, 0, 0x07, 0x08,
	    DHO_REBINDING_TIME, 4, 0, 0, 0x0c, 0x4e,
	    DHO_IPV6_ONLY, 4, 0, 0, 0x07, 0x08,
	    DHO_RAPID_COMMIT, 0,
	    DHO_CLIENT_IDENTIFIER, 7, 1, 2, 0, 0x5e, 0x10, 0x20, 0x30,
	    DHO_MESSAGE, 2, 'h', 'i',
	    200, 3, 1, 2, 3));
	OK(rc == 0, "OFFER with every option parses%s", because());
	OK(m.msgtype == DHCPOFFER && m.xid == 0x12345678,
	    "OFFER: type and xid");
	OK(m.yiaddr.s_addr == ip("192.0.2.10").s_addr, "OFFER: yiaddr");
	OK(m.server_id.s_addr == ip("192.0.2.1").s_addr, "OFFER: server id");
	OK(dhcp_mask_prefixlen(m.netmask) == 24, "OFFER: /24 mask");
	OK(m.nrouters == 2 && m.routers[1].s_addr == ip("192.0.2.2").s_addr,
	    "OFFER: two routers in order");
	OK(m.ndns == 1 && m.dns[0].s_addr == ip("192.0.2.53").s_addr,
	    "OFFER: one name server");
	OK(strcmp(m.hostname, "host") == 0, "OFFER: host name");
	OK(strcmp(m.domain, "example.org") == 0, "OFFER: domain name");
	OK(m.mtu == 1500, "OFFER: MTU");
	OK(m.broadcast.s_addr == ip("192.0.2.255").s_addr, "OFFER: broadcast");
	OK(m.lease_time == 3600 && m.t1 == 1800 && m.t2 == 3150,
	    "OFFER: lease, T1, T2");
	OK(m.ipv6_only == 1800, "OFFER: IPv6-only wait");
	OK(m.rapid_commit, "OFFER: rapid commit");
	OK(m.client_id_len == 7, "OFFER: client id echo");
	OK(strcmp(m.message, "hi") == 0, "OFFER: message");
	OK(dhcp_has_option(&m, 200) && !dhcp_has_option(&m, 201),
	    "OFFER: unknown option noted as present, absent one not");

	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_END)) == 0,
	    "ACK parses");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPNAK, DHO_END)) == 0,
	    "NAK parses");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPDISCOVER, DHO_END)) == -1,
	    "BOOTREPLY carrying DISCOVER rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, 9, DHO_END)) == -1,
	    "message type 9 rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, 0, DHO_END)) == -1,
	    "message type 0 rejected");
	OK(parse_raw(OPTS(DHO_SERVER_IDENTIFIER, 4, 1, 2, 3, 4, DHO_END)) ==
	    -1, "plain BOOTP reply without message type rejected");
	OK(parse_raw(OPTS(DHO_PAD, DHO_PAD, DHO_MESSAGE_TYPE, 1, DHCPACK,
	    DHO_PAD, DHO_END)) == 0, "pad options are skipped");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_END, 51, 9)) ==
	    0, "bytes after the end option are ignored");
}

/* Every fixed-size option with a wrong length rejects the message. */
static void
test_fixed_lengths(void)
{
	static const struct {
		int	code;
		int	len;
	} fx[] = {
		{ DHO_SUBNET_MASK, 4 }, { DHO_INTERFACE_MTU, 2 },
		{ DHO_BROADCAST_ADDRESS, 4 }, { DHO_REQUESTED_ADDRESS, 4 },
		{ DHO_LEASE_TIME, 4 }, { DHO_OVERLOAD, 1 },
		{ DHO_MESSAGE_TYPE, 1 }, { DHO_SERVER_IDENTIFIER, 4 },
		{ DHO_MAX_MESSAGE_SIZE, 2 }, { DHO_RENEWAL_TIME, 4 },
		{ DHO_REBINDING_TIME, 4 }, { DHO_RAPID_COMMIT, 0 },
		{ DHO_IPV6_ONLY, 4 },
	};
	static const int	 lens[] = { 0, 1, 2, 3, 4, 5, 255 };
	uint8_t			 o[300];
	size_t			 i, j, n;
	int			 rc;

	for (i = 0; i < sizeof(fx) / sizeof(fx[0]); i++) {
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			n = 0;
			o[n++] = DHO_MESSAGE_TYPE;
			o[n++] = 1;
			o[n++] = DHCPACK;
			if (fx[i].code == DHO_MESSAGE_TYPE)
				n = 0;
			o[n++] = (uint8_t)fx[i].code;
			o[n++] = (uint8_t)lens[j];
			/* Values valid for every code at the right length. */
			memset(o + n, 0xff, (size_t)lens[j]);
			if (fx[i].code == DHO_MESSAGE_TYPE ||
			    fx[i].code == DHO_OVERLOAD)
				memset(o + n, lens[j] ? 2 : 0,
				    (size_t)lens[j]);
			n += (size_t)lens[j];
			o[n++] = DHO_END;
			mk_payload(BOOTREPLY, o, n);
			if (fx[i].code == DHO_OVERLOAD)
				pay[44] = DHO_END;	/* sname: empty */
			rc = dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why,
			    sizeof(why));
			if (lens[j] == fx[i].len)
				OK(rc == 0, "option %d with length %d "
				    "accepted%s", fx[i].code, lens[j],
				    because());
			else
				OK(rc == -1, "option %d with length %d "
				    "rejected", fx[i].code, lens[j]);
		}
	}
}

static void
test_truncation(void)
{
	struct dhcp_req	 r;
	uint8_t		 buf[DHCP_FRAME_MAX];
	ssize_t		 n;
	int		 end, bad = 0, cut;

	parse_offer(OPTS(
	    DHO_SERVER_IDENTIFIER, 4, 192, 0, 2, 1,
	    DHO_SUBNET_MASK, 4, 255, 255, 255, 0,
	    DHO_ROUTERS, 4, 192, 0, 2, 1,
	    DHO_DOMAIN_NAME, 3, 'o', 'r', 'g',
	    DHO_CLASSLESS_ROUTES, 5, 0, 192, 0, 2, 1,
	    DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10));
	OK(m.msgtype == DHCPOFFER, "reference OFFER parses");
	end = find_end(pay, paylen);
	memcpy(buf, pay, paylen);
	for (cut = 0; cut <= end; cut++)
		if (dhcp_parse_bootp(&m, BOOTREPLY, buf, (size_t)cut, why,
		    sizeof(why)) != -1)
			bad++;
	OK(end > 240 && bad == 0, "OFFER cut at every offset up to its end "
	    "option is rejected (%d accepted)", bad);

	/* The same through the frame parser: lengths no longer add up. */
	mk_frame(buf, paylen, 0);
	bad = 0;
	for (cut = 0; cut < (int)framelen; cut++)
		if (dhcp_parse_frame(&m, BOOTREPLY, frame, (size_t)cut, why,
		    sizeof(why)) != -1)
			bad++;
	OK(bad == 0, "frame cut at every offset is rejected");
	OK(dhcp_parse_frame(&m, BOOTREPLY, frame, framelen, why,
	    sizeof(why)) == 0, "uncut frame parses");

	/* Our own messages cut short are rejected too. */
	init_req(&r, DHCP_KIND_SELECTING);
	n = dhcp_build_bootp(&r, buf, sizeof(buf), why, sizeof(why));
	end = find_end(buf, (size_t)n);
	bad = 0;
	for (cut = 0; cut <= end; cut++)
		if (dhcp_parse_bootp(&m, BOOTREQUEST, buf, (size_t)cut, why,
		    sizeof(why)) != -1)
			bad++;
	OK(end > 240 && bad == 0, "REQUEST cut at every offset up to its "
	    "end option is rejected");

	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_LEASE_TIME)) ==
	    -1, "option code as the last byte rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK)) == -1,
	    "options without end option rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_HOST_NAME, 200, 'a',
	    DHO_END)) == -1 && strstr(why, "truncated") != NULL,
	    "option longer than the rest of the message rejected as "
	    "truncated");
}

static void
test_sizes(void)
{
	uint8_t	big[1700];
	size_t	i;
	int	rc;

	memset(big, 0, sizeof(big));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, big, 0, why, sizeof(why)) == -1,
	    "0-byte message rejected");
	OK(dhcp_parse_bootp(&m, BOOTREPLY, big, 1, why, sizeof(why)) == -1,
	    "1-byte message rejected");
	mk_payload(BOOTREPLY, NULL, 0);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, 240, why, sizeof(why)) == -1,
	    "240-byte message (cookie, no options) rejected");
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, 239, why, sizeof(why)) == -1,
	    "239-byte message rejected");

	/* 1600 bytes of options: many pads and long options, then end. */
	i = 0;
	big[i++] = DHO_MESSAGE_TYPE;
	big[i++] = 1;
	big[i++] = DHCPACK;
	while (i < 1500) {
		big[i++] = 224;
		big[i++] = 200;
		i += 200;
	}
	big[i++] = DHO_DOMAIN_NAME_SERVERS;
	big[i++] = 4;
	big[i++] = 192;
	big[i++] = 0;
	big[i++] = 2;
	big[i++] = 53;
	big[i++] = DHO_END;
	rc = parse_raw(big, i);
	OK(rc == 0 && paylen > 1500 && m.ndns == 1,
	    "%zu-byte message parses%s", paylen, because());
	mk_frame(pay, paylen, 0);
	rc = parse_frame();
	OK(rc == 0 && m.ndns == 1, "%zu-byte frame parses", framelen);
	rc = parse_raw(big, i - 1);
	OK(rc == -1, "%zu-byte message without end rejected", paylen);
}

static void
test_frames(void)
{
	uint8_t	ref[2048], opts[8];
	size_t	reflen;

	opts[0] = DHO_MESSAGE_TYPE;
	opts[1] = 1;
	opts[2] = DHCPACK;
	opts[3] = DHO_END;
	mk_payload(BOOTREPLY, opts, 4);
	memcpy(ref, pay, paylen);
	reflen = paylen;

	mk_frame(ref, reflen, 0);
	OK(parse_frame() == 0, "valid frame parses%s", because());
	OK(m.from_frame && m.ip_src.s_addr == ip("192.0.2.1").s_addr &&
	    memcmp(m.ether_src, srvmac, 6) == 0,
	    "frame: addresses recorded");

	mk_frame(ref, reflen, 18);
	OK(parse_frame() == 0, "trailing Ethernet padding accepted");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 10] ^= 0x01;
	OK(parse_frame() == -1, "bad IP checksum rejected");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 7] ^= 0x01;
	OK(parse_frame() == -1, "bad UDP checksum rejected");

	mk_frame(ref, reflen, 0);
	frame[F_BOOTP + 100] ^= 0x40;
	OK(parse_frame() == -1, "payload change caught by UDP checksum");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 6] = frame[F_UDP + 7] = 0;
	OK(parse_frame() == 0, "UDP checksum 0 (none) accepted");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 5] += 1;
	fix_udp_sum(frame);
	OK(parse_frame() == -1, "UDP length longer than IP payload rejected");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 5] -= 1;
	fix_udp_sum(frame);
	OK(parse_frame() == -1,
	    "UDP length shorter than IP payload rejected");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 4] = 0;
	frame[F_UDP + 5] = 4;
	OK(parse_frame() == -1, "UDP length below header rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 3] += 1;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP total length past the frame rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 3] -= 1;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP total length short of UDP rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 2] = 0;
	frame[F_IP + 3] = 19;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP total length below header rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 2] = 0;
	frame[F_IP + 3] = 24;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP datagram too short for UDP rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 6] = 0x20;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "fragment (more fragments) rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 7] = 0x01;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "fragment (offset) rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 6] |= 0x80;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP reserved flag rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP] = 0x65;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "IP version 6 rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP] = 0x44;
	OK(parse_frame() == -1, "IHL 4 rejected");

	mk_frame(ref, reflen, 0);
	frame[F_IP + 9] = 6;
	fix_ip_sum(frame);
	OK(parse_frame() == -1, "TCP rejected");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 1] = 68;
	fix_udp_sum(frame);
	OK(parse_frame() == -1, "source port 68 rejected");

	mk_frame(ref, reflen, 0);
	frame[F_UDP + 3] = 67;
	fix_udp_sum(frame);
	OK(parse_frame() == -1, "destination port 67 rejected");

	mk_frame(ref, reflen, 0);
	frame[12] = 0x81;
	OK(parse_frame() == -1, "VLAN-tagged frame rejected");

	mk_frame(ref, reflen, 0);
	frame[12] = 0x86;
	frame[13] = 0xdd;
	OK(parse_frame() == -1, "IPv6 ethertype rejected");

	/* IHL 6: four bytes of IP options (NOP x 3, EOL) before UDP. */
	{
		uint8_t	tmp[2048];
		size_t	tot;

		mk_frame(ref, reflen, 0);
		memcpy(tmp, frame + F_UDP, framelen - F_UDP);
		memcpy(frame + F_UDP + 4, tmp, framelen - F_UDP);
		memcpy(frame + F_UDP, "\x01\x01\x01\x00", 4);
		framelen += 4;
		frame[F_IP] = 0x46;
		tot = framelen - F_IP;
		frame[F_IP + 2] = (uint8_t)(tot >> 8);
		frame[F_IP + 3] = (uint8_t)tot;
		fix_ip_sum(frame);
		fix_udp_sum(frame);
		OK(parse_frame() == 0 && m.msgtype == DHCPACK,
		    "IHL 6 with IP options parses%s", because());
		frame[F_IP] = 0x4f;
		fix_ip_sum(frame);
		OK(parse_frame() == -1, "IHL 15 (UDP header misplaced) "
		    "rejected");
		framelen = F_IP + 40;
		frame[F_IP + 2] = 0;
		frame[F_IP + 3] = 40;
		fix_ip_sum(frame);
		OK(parse_frame() == -1, "IHL 15 longer than the datagram "
		    "rejected");
	}

	OK(dhcp_parse_frame(&m, BOOTREPLY, frame, 13, why, sizeof(why)) == -1,
	    "13-byte frame rejected");
	OK(dhcp_parse_frame(&m, BOOTREPLY, frame, 33, why, sizeof(why)) == -1,
	    "frame with 19 bytes of IP rejected");
	OK(dhcp_parse_frame(&m, 3, frame, framelen, why, sizeof(why)) == -1,
	    "unknown op requested rejected");
}

static void
test_bootp_header(void)
{
	uint8_t	o[] = { DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_END };

	mk_payload(BOOTREQUEST, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "BOOTREQUEST op in a reply rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	pay[236] = 98;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "wrong magic cookie rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	pay[2] = 16;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "hlen 16 rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	pay[2] = 0;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "hlen 0 rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	pay[1] = 6;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "htype 6 rejected");
	mk_payload(BOOTREQUEST, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREQUEST, pay, paylen, why, sizeof(why)) ==
	    -1, "BOOTREQUEST carrying ACK rejected");
	o[2] = DHCPREQUEST;
	mk_payload(BOOTREQUEST, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREQUEST, pay, paylen, why, sizeof(why)) ==
	    0, "BOOTREQUEST carrying REQUEST accepted when asked for");
	o[2] = DHCPACK;
	mk_payload(BOOTREPLY, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    0 && m.xid == 0x12345678 && memcmp(m.chaddr, mac, 6) == 0,
	    "BOOTREPLY header fields read");
}

static void
test_lists(void)
{
	uint8_t	o[300];
	size_t	i, n = 0;

	OK(parse_offer(OPTS(DHO_ROUTERS, 0)) == -1, "empty router list "
	    "rejected");
	OK(parse_offer(OPTS(DHO_ROUTERS, 3, 1, 2, 3)) == -1,
	    "router list of 3 bytes rejected");
	OK(parse_offer(OPTS(DHO_ROUTERS, 5, 1, 2, 3, 4, 5)) == -1,
	    "router list of 5 bytes rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME_SERVERS, 6, 1, 2, 3, 4, 5, 6)) ==
	    -1, "name server list of 6 bytes rejected");

	o[n++] = DHO_DOMAIN_NAME_SERVERS;
	o[n++] = 4 * 20;
	for (i = 0; i < 20; i++) {
		o[n++] = 192;
		o[n++] = 0;
		o[n++] = 2;
		o[n++] = (uint8_t)(i + 1);
	}
	OK(parse_offer(o, n) == 0 && m.ndns == DHCP_MAX_DNS &&
	    m.dns[15].s_addr == ip("192.0.2.16").s_addr,
	    "20 name servers truncated to the first %d", DHCP_MAX_DNS);
	o[0] = DHO_ROUTERS;
	OK(parse_offer(o, n) == 0 && m.nrouters == DHCP_MAX_ROUTERS &&
	    m.routers[0].s_addr == ip("192.0.2.1").s_addr,
	    "20 routers truncated to the first %d", DHCP_MAX_ROUTERS);

	OK(parse_offer(OPTS(DHO_SUBNET_MASK, 4, 255, 0, 255, 0)) == -1,
	    "non-contiguous subnet mask rejected");
	OK(parse_offer(OPTS(DHO_SUBNET_MASK, 4, 255, 255, 255, 255)) == 0,
	    "/32 subnet mask accepted");
	OK(parse_offer(OPTS(DHO_INTERFACE_MTU, 2, 0, 67)) == -1,
	    "MTU 67 rejected");
	OK(parse_offer(OPTS(DHO_INTERFACE_MTU, 2, 0, 68)) == 0 && m.mtu == 68,
	    "MTU 68 accepted");
	OK(parse_offer(OPTS(DHO_CLIENT_IDENTIFIER, 1, 1)) == -1,
	    "client id of 1 byte rejected");
	OK(parse_offer(OPTS(DHO_PARAMETER_REQUEST, 0)) == -1,
	    "empty parameter request list rejected");
	OK(parse_offer(OPTS(DHO_VENDOR_CLASS, 0)) == -1,
	    "empty vendor class rejected");
	OK(parse_offer(OPTS(DHO_MAX_MESSAGE_SIZE, 2, 2, 0x3f)) == -1,
	    "max message size 575 rejected");
}

static void
test_routes(void)
{
	uint8_t	o[1024];
	size_t	i, n;
	int	bad, cut;

	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 5, 0, 192, 0, 2, 1)) == 0 &&
	    m.nroutes == 1 && m.routes[0].prefixlen == 0 &&
	    m.routes[0].dst.s_addr == 0 &&
	    m.routes[0].gw.s_addr == ip("192.0.2.1").s_addr,
	    "121: default route via 0/0");
	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 5 + 8 + 9 + 7,
	    0, 192, 0, 2, 1,
	    24, 198, 51, 100, 192, 0, 2, 2,
	    32, 203, 0, 113, 7, 192, 0, 2, 3,
	    10, 10, 64, 192, 0, 2, 4)) == 0 && m.nroutes == 4,
	    "121: four routes%s", because());
	OK(m.routes[1].prefixlen == 24 &&
	    m.routes[1].dst.s_addr == ip("198.51.100.0").s_addr &&
	    m.routes[1].gw.s_addr == ip("192.0.2.2").s_addr,
	    "121: /24 has three significant octets");
	OK(m.routes[2].prefixlen == 32 &&
	    m.routes[2].dst.s_addr == ip("203.0.113.7").s_addr,
	    "121: /32 has four significant octets");
	OK(m.routes[3].prefixlen == 10 &&
	    m.routes[3].dst.s_addr == ip("10.64.0.0").s_addr,
	    "121: /10 has two significant octets");
	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 7, 9, 10, 255, 1, 2, 3, 4))
	    == 0 && m.routes[0].dst.s_addr == ip("10.128.0.0").s_addr,
	    "121: host bits beyond the prefix cleared");
	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 9, 33, 1, 2, 3, 4, 1, 2, 3,
	    4)) == -1, "121: prefix 33 rejected");
	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 10, 33, 1, 2, 3, 4, 5, 1, 2,
	    3, 4)) == -1, "121: prefix 33 with five octets rejected");
	OK(parse_offer(OPTS(DHO_CLASSLESS_ROUTES, 0)) == -1,
	    "121: empty option rejected");

	/* Every proper prefix of a two-route list is a truncated entry. */
	n = 0;
	o[n++] = DHO_CLASSLESS_ROUTES;
	o[n++] = 8 + 9;
	memcpy(o + n, "\x18\xc6\x33\x64\xc0\x00\x02\x02"
	    "\x20\xcb\x00\x71\x07\xc0\x00\x02\x03", 17);
	n += 17;
	bad = 0;
	for (cut = 1; cut < 17; cut++) {
		o[1] = (uint8_t)cut;
		if (parse_offer(o, 2 + (size_t)cut) != -1 && cut != 8)
			bad++;
	}
	OK(bad == 0, "121: list cut inside any entry rejected");
	o[1] = 8;
	OK(parse_offer(o, 10) == 0 && m.nroutes == 1,
	    "121: list cut at an entry boundary is a shorter list");

	n = 0;
	o[n++] = DHO_CLASSLESS_ROUTES;
	o[n++] = 0;
	for (i = 0; i < 65; i++) {
		if (i == 28) {
			/* Split: RFC 3396 continues in a second option. */
			o[1] = (uint8_t)(n - 2);
			o[n++] = DHO_CLASSLESS_ROUTES;
			o[n++] = 0;
		}
		o[n++] = 8;
		o[n++] = 10;
		o[n++] = 192;
		o[n++] = 0;
		o[n++] = 2;
		o[n++] = (uint8_t)i;
	}
	o[2 + 28 * 6 + 1] = (uint8_t)(37 * 6);
	OK(parse_offer(o, n) == -1, "121: 65 routes rejected");
	o[2 + 28 * 6 + 1] = (uint8_t)(36 * 6);
	OK(parse_offer(o, n - 6) == 0 && m.nroutes == 64 &&
	    m.routes[63].gw.s_addr == ip("192.0.2.63").s_addr,
	    "121: 64 routes in two instances accepted%s", because());
}

static void
test_search(void)
{
	uint8_t	o[600], w[300];
	size_t	n, i;

	/* RFC 3397's example: eng.apple.com, marketing.apple.com. */
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 27,
	    3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	    9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 4)) == 0,
	    "119: compressed list parses%s", because());
	OK(m.nsearch == 2 && strcmp(m.search[0], "eng.apple.com") == 0 &&
	    strcmp(m.search[1], "marketing.apple.com") == 0,
	    "119: compression pointer expands");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 13,
	    1, 'a', 0, 1, 'b', 0xc0, 0, 1, 'c', 0xc0, 3, 0xc0, 3)) == 0 &&
	    m.nsearch == 4 && strcmp(m.search[2], "c.b.a") == 0 &&
	    strcmp(m.search[3], "b.a") == 0,
	    "119: chained backward pointers expand");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 2, 0xc0, 0)) == -1,
	    "119: pointer to itself rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 4, 1, 'a', 0xc0, 0)) == -1,
	    "119: pointer loop back to its own name rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 9,
	    1, 'a', 0, 1, 'b', 0xc0, 7, 0xc0, 0)) == -1,
	    "119: forward pointer rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 5, 1, 'a', 0, 0xc0, 200)) ==
	    -1, "119: pointer out of range rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 7,
	    1, 'a', 0, 1, 'b', 0xc0, 3)) == -1,
	    "119: pointer to the start of its own name rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 4, 1, 'a', 0, 0xc0)) == -1,
	    "119: half a pointer rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 3, 5, 'a', 'b')) == -1,
	    "119: truncated label rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 3, 1, 'a', 1)) == -1,
	    "119: name without terminator rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 2, 1, 'a')) == -1,
	    "119: name ending with the option rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 3, 0x41, 'a', 0)) == -1,
	    "119: extended label type rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 0)) == -1,
	    "119: empty option rejected");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 5, 3, 'a', ';', 'b', 0)) ==
	    0 && m.nsearch == 0 && dhcp_dropped_option(&m, DHO_DOMAIN_SEARCH) &&
	    !dhcp_has_option(&m, DHO_DOMAIN_SEARCH),
	    "119: name with ';' drops the list");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 5, 3, 'a', '.', 'b', 0)) ==
	    0 && m.nsearch == 0, "119: label containing a dot drops the list");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 5, 3, 'a', 0, 'b', 0)) == 0 &&
	    m.nsearch == 0, "119: label containing NUL drops the list");
	OK(parse_offer(OPTS(DHO_DOMAIN_SEARCH, 4, 1, 'a', 0, 0)) == 0 &&
	    m.nsearch == 0, "119: root name in the list drops it");

	n = 0;
	o[n++] = DHO_DOMAIN_SEARCH;
	o[n++] = 0;
	for (i = 0; i < 12; i++) {
		o[n++] = 2;
		o[n++] = 'd';
		o[n++] = (uint8_t)('a' + i);
		o[n++] = 0;
	}
	o[1] = (uint8_t)(n - 2);
	OK(parse_offer(o, n) == 0 && m.nsearch == DHCP_MAX_SEARCH &&
	    strcmp(m.search[7], "dh") == 0,
	    "119: 12 names truncated to the first %d", DHCP_MAX_SEARCH);

	/* 4 labels of 63: 255 characters, split over two instances. */
	n = 0;
	for (i = 0; i < 4; i++) {
		w[n++] = 63;
		memset(w + n, 'x', 63);
		n += 63;
	}
	w[n++] = 0;
	o[0] = DHO_DOMAIN_SEARCH;
	o[1] = 200;
	memcpy(o + 2, w, 200);
	o[202] = DHO_DOMAIN_SEARCH;
	o[203] = (uint8_t)(n - 200);
	memcpy(o + 204, w + 200, n - 200);
	OK(parse_offer(o, 204 + n - 200) == -1 &&
	    strstr(why, "too long") != NULL,
	    "119: 255-character name rejected");
	o[0] = DHO_DOMAIN_SEARCH;
	memcpy(o + 2, w, 3 * 64);
	o[2 + 3 * 64] = 60;
	memset(o + 2 + 3 * 64 + 1, 'y', 60);
	o[2 + 3 * 64 + 61] = 0;
	n = 2 + 3 * 64 + 62;
	o[1] = (uint8_t)(n - 2);
	OK(parse_offer(o, n) == 0 && m.nsearch == 1 &&
	    strlen(m.search[0]) == 252, "119: 252-character name accepted "
	    "%s", because());
}

static void
test_strings(void)
{
	uint8_t	o[600];
	size_t	n;

	OK(parse_offer(OPTS(DHO_HOST_NAME, 5, 'h', 'o', 0x07, 's', 't')) ==
	    0 && dhcp_dropped_option(&m, DHO_HOST_NAME) &&
	    !dhcp_has_option(&m, DHO_HOST_NAME) && m.hostname[0] == '\0',
	    "host name with a control character dropped");
	OK(m.msgtype == DHCPOFFER, "dropping a string keeps the message");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 5, 'a', ';', 'r', 'm', ' ')) == 0 &&
	    m.hostname[0] == '\0', "host name with ';' and space dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 6, '$', '(', 'i', 'd', ')', 'x'))
	    == 0 && m.hostname[0] == '\0', "host name with $() dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 3, '`', 'x', '`')) == 0 &&
	    m.hostname[0] == '\0', "host name with backquotes dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 3, 'a', '/', 'b')) == 0 &&
	    m.hostname[0] == '\0', "host name with '/' dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 3, '-', 'r', 'f')) == 0 &&
	    m.hostname[0] == '\0', "host name starting with '-' dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 3, 'a', 0, 'b')) == 0 &&
	    m.hostname[0] == '\0', "host name with embedded NUL dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 4, 'a', 'b', 0, 0)) == 0 &&
	    strcmp(m.hostname, "ab") == 0, "trailing NULs stripped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 1, 0)) == 0 &&
	    dhcp_dropped_option(&m, DHO_HOST_NAME), "host name of only NUL "
	    "dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 0)) == 0 &&
	    dhcp_dropped_option(&m, DHO_HOST_NAME), "empty host name dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 4, 0xc3, 0xa9, 'a', 'b')) == 0 &&
	    m.hostname[0] == '\0', "host name with UTF-8 dropped");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 7, 'a', '_', 'b', '.', 'c', '-',
	    '1')) == 0 && strcmp(m.hostname, "a_b.c-1") == 0,
	    "host name with '_', '.', '-' kept");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME, 4, 'a', '.', '.', 'b')) == 0 &&
	    m.domain[0] == '\0', "domain name with empty label dropped");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME, 3, 'a', 'b', '.')) == 0 &&
	    strcmp(m.domain, "ab.") == 0, "domain name with final dot kept");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME, 7, 'a', '.', 'o', 'r', 'g', ' ',
	    'b')) == 0 && m.domain[0] == '\0',
	    "space-separated domain list in option 15 dropped");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME, 3, 'a', '\n', 'b')) == 0 &&
	    m.domain[0] == '\0', "domain name with newline dropped");

	n = 0;
	o[n++] = DHO_DOMAIN_NAME;
	o[n++] = 64;
	memset(o + n, 'x', 64);
	n += 64;
	OK(parse_offer(o, n) == 0 && m.domain[0] == '\0',
	    "domain name with a 64-character label dropped");
	o[1] = 63;
	OK(parse_offer(o, n - 1) == 0 && strlen(m.domain) == 63,
	    "63-character label kept");

	/* 255 bytes of labels 'x...x.' : over 253 characters. */
	n = 0;
	o[n++] = DHO_DOMAIN_NAME;
	o[n++] = 255;
	memset(o + n, 'x', 255);
	o[n + 50] = o[n + 100] = o[n + 150] = o[n + 200] = '.';
	n += 255;
	OK(parse_offer(o, n) == 0 && m.domain[0] == '\0',
	    "255-character domain name dropped");
	o[1] = 253;
	OK(parse_offer(o, n - 2) == 0 && strlen(m.domain) == 253,
	    "253-character domain name kept");
}

static void
test_message(void)
{
	OK(parse_offer(OPTS(DHO_MESSAGE, 6, 'a', '\n', 'b', 0x1b, '\\',
	    0xff)) == 0, "message with control bytes accepted");
	OK(strcmp(m.message, "a\\012b\\033\\\\\\377") == 0,
	    "message control bytes escaped: %s", m.message);
	OK(parse_offer(OPTS(DHO_MESSAGE, 3, 'a', 0, 'b')) == 0 &&
	    strcmp(m.message, "a\\000b") == 0, "message NUL escaped");
}

static void
test_overload(void)
{
	uint8_t	o[] = { DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_OVERLOAD, 1, 3,
	    DHO_DOMAIN_NAME_SERVERS, 4, 192, 0, 2, 1, DHO_END };
	uint8_t	last[] = { DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_OVERLOAD };

	/* Options: DNS .1; file: DNS .2, lease; sname: DNS .3. */
	mk_payload(BOOTREPLY, o, sizeof(o));
	memcpy(pay + 108, "\x06\x04\xc0\x00\x02\x02\x33\x04\x00\x00\x0e\x10"
	    "\xff", 13);
	memcpy(pay + 44, "\x00\x06\x04\xc0\x00\x02\x03\xff", 8);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) == 0,
	    "overload 3 parses%s", because());
	OK(m.ndns == 3 && m.dns[0].s_addr == ip("192.0.2.1").s_addr &&
	    m.dns[1].s_addr == ip("192.0.2.2").s_addr &&
	    m.dns[2].s_addr == ip("192.0.2.3").s_addr,
	    "overload: options, then file, then sname concatenated");
	OK(m.lease_time == 3600, "overload: option only in file read");

	o[5] = 1;
	mk_payload(BOOTREPLY, o, sizeof(o));
	memcpy(pay + 108, "\x06\x04\xc0\x00\x02\x02\xff", 7);
	memcpy(pay + 44, "garbage", 7);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    0 && m.ndns == 2, "overload 1: file read, sname left alone");

	o[5] = 2;
	mk_payload(BOOTREPLY, o, sizeof(o));
	memcpy(pay + 44, "\x06\x04\xc0\x00\x02\x03\xff", 7);
	memcpy(pay + 108, "boot/file", 9);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    0 && m.ndns == 2 && m.dns[1].s_addr == ip("192.0.2.3").s_addr,
	    "overload 2: sname read, file left alone");

	o[5] = 1;
	mk_payload(BOOTREPLY, o, sizeof(o));
	memset(pay + 108, 0, 128);
	pay[108 + 127] = DHO_LEASE_TIME;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload: option code at the last byte of file rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	memset(pay + 108, 0, 128);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload: file without end option rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	memcpy(pay + 108, "\x06\x08\xc0\x00\x02\x02", 6);
	pay[108 + 126] = DHO_DOMAIN_NAME_SERVERS;
	pay[108 + 127] = 8;
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload: option running past the file field rejected");
	mk_payload(BOOTREPLY, o, sizeof(o));
	memcpy(pay + 108, "\x34\x01\x02\xff", 4);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload inside the file field rejected");

	o[5] = 3;
	mk_payload(BOOTREPLY, o, sizeof(o));
	pay[108] = DHO_END;
	memset(pay + 44, 'x', 64);
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload 3: sname without end option rejected");

	o[5] = 0;
	mk_payload(BOOTREPLY, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload 0 rejected");
	o[5] = 4;
	mk_payload(BOOTREPLY, o, sizeof(o));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, paylen, why, sizeof(why)) ==
	    -1, "overload 4 rejected");

	/* Option 52 as the very last byte of the message. */
	mk_payload(BOOTREPLY, last, sizeof(last));
	OK(dhcp_parse_bootp(&m, BOOTREPLY, pay, 240 + sizeof(last), why,
	    sizeof(why)) == -1, "overload code at the last byte rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_OVERLOAD, 1)) ==
	    -1, "overload without its value at the end rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_OVERLOAD, 1, 1,
	    DHO_OVERLOAD, 1, 1, DHO_END)) == -1, "overload twice rejected");
}

static void
test_concat(void)
{
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME_SERVERS, 4, 192, 0, 2, 1,
	    DHO_ROUTERS, 4, 192, 0, 2, 9,
	    DHO_DOMAIN_NAME_SERVERS, 4, 192, 0, 2, 2)) == 0 && m.ndns == 2 &&
	    m.dns[1].s_addr == ip("192.0.2.2").s_addr,
	    "repeated list option concatenated");
	OK(parse_offer(OPTS(DHO_DOMAIN_NAME_SERVERS, 2, 192, 0,
	    DHO_DOMAIN_NAME_SERVERS, 2, 2, 7)) == 0 && m.ndns == 1 &&
	    m.dns[0].s_addr == ip("192.0.2.7").s_addr,
	    "address split across instances joined");
	OK(parse_offer(OPTS(DHO_HOST_NAME, 2, 'a', 'b', DHO_HOST_NAME, 2,
	    'c', 'd')) == 0 && strcmp(m.hostname, "abcd") == 0,
	    "split host name joined");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 1, 0,
	    DHO_LEASE_TIME, 4, 0, 0, 2, 0)) == -1,
	    "repeated lease time rejected");
	OK(parse_offer(OPTS(DHO_SERVER_IDENTIFIER, 4, 1, 2, 3, 4,
	    DHO_SERVER_IDENTIFIER, 4, 1, 2, 3, 4)) == -1,
	    "repeated server identifier rejected");
	OK(parse_raw(OPTS(DHO_MESSAGE_TYPE, 1, DHCPACK, DHO_MESSAGE_TYPE, 1,
	    DHCPNAK, DHO_END)) == -1, "repeated message type rejected");
	OK(parse_offer(OPTS(DHO_RAPID_COMMIT, 0, DHO_RAPID_COMMIT, 0)) == 0,
	    "repeated empty rapid commit is still empty");
}

/* More than 2048 bytes of one option is more than any server needs. */
static void
test_concat_limit(void)
{
	uint8_t	o[2600];
	size_t	i, n = 0;

	for (i = 0; i < 9; i++) {
		o[n++] = 224;
		o[n++] = 255;
		memset(o + n, 'v', 255);
		n += 255;
	}
	OK(parse_offer(o, n) == -1, "option of 9 x 255 bytes rejected");
	OK(parse_offer(o, n - 257) == 0, "option of 8 x 255 bytes accepted");
}

static void
test_lease_times(void)
{
	uint32_t	l, t1, t2;

	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0, 0)) == 0,
	    "zero lease time parses");
	OK(dhcp_lease_times(&m, &l, &t1, &t2) == -1,
	    "zero lease time is not a usable lease");
	OK(parse_offer(NULL, 0) == 0 && dhcp_lease_times(&m, &l, &t1, &t2) ==
	    -1, "missing lease time is not a usable lease");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0xff, 0xff, 0xff, 0xff)) == 0 &&
	    m.lease_time == DHCP_INFINITE, "infinite lease time parses");
	OK(dhcp_lease_times(&m, &l, &t1, &t2) == 0 && l == DHCP_INFINITE &&
	    t1 == DHCP_INFINITE / 2 &&
	    t2 == (uint32_t)(((uint64_t)DHCP_INFINITE * 7) / 8),
	    "infinite lease: default T1/T2 computed without overflow");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && l == 3600 &&
	    t1 == 1800 && t2 == 3150, "defaults are 0.5 and 0.875");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_RENEWAL_TIME, 4, 0, 0, 0, 100,
	    DHO_REBINDING_TIME, 4, 0, 0, 0, 200)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && t1 == 100 &&
	    t2 == 200, "valid T1 < T2 < lease kept");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_RENEWAL_TIME, 4, 0, 0, 0, 200,
	    DHO_REBINDING_TIME, 4, 0, 0, 0, 100)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && t1 == 1800 &&
	    t2 == 3150, "T1 > T2 falls back to defaults");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_REBINDING_TIME, 4, 0, 0, 0x0e, 0x10)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && t1 == 1800 &&
	    t2 == 3150, "T2 equal to lease falls back to defaults");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_RENEWAL_TIME, 4, 0, 0, 0x0e, 0x00)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && t1 == 1800 &&
	    t2 == 3150, "T1 beyond default T2 falls back to defaults");
	OK(parse_offer(OPTS(DHO_LEASE_TIME, 4, 0, 0, 0x0e, 0x10,
	    DHO_RENEWAL_TIME, 4, 0, 0, 0, 10)) == 0 &&
	    dhcp_lease_times(&m, &l, &t1, &t2) == 0 && t1 == 10 &&
	    t2 == 3150, "T1 alone kept with default T2");
}

static void
test_helpers(void)
{
	char	 s[DHCP_STR_LEN], small[16];
	uint8_t	 v[] = { 'o', 'k', '\t', 0x80 };

	OK(dhcp_mask_prefixlen(ip("0.0.0.0")) == 0, "mask 0.0.0.0 is /0");
	OK(dhcp_mask_prefixlen(ip("255.255.255.255")) == 32,
	    "mask 255.255.255.255 is /32");
	OK(dhcp_mask_prefixlen(ip("255.255.240.0")) == 20,
	    "mask 255.255.240.0 is /20");
	OK(dhcp_mask_prefixlen(ip("255.255.0.255")) == -1,
	    "mask 255.255.0.255 is non-contiguous");
	OK(dhcp_mask_prefixlen(ip("0.0.0.255")) == -1,
	    "mask 0.0.0.255 is non-contiguous");
	OK(dhcp_valid_name("a.b-c_d") && !dhcp_valid_name("") &&
	    !dhcp_valid_name(".") && !dhcp_valid_name("a..b") &&
	    !dhcp_valid_name(".a") && !dhcp_valid_name("a b"),
	    "dhcp_valid_name accepts names, refuses empty labels and spaces");

	OK(dhcp_vis(small, sizeof(small), v, sizeof(v)) == 10 &&
	    strcmp(small, "ok\\011\\200") == 0, "dhcp_vis escapes octal");
	OK(dhcp_vis(small, 6, v, sizeof(v)) == 2 && strcmp(small, "ok") == 0,
	    "dhcp_vis does not cut an escape in half");

	parse_offer(OPTS(DHO_SERVER_IDENTIFIER, 4, 192, 0, 2, 1,
	    DHO_CLASSLESS_ROUTES, 5, 0, 192, 0, 2, 1,
	    DHO_MESSAGE, 2, 'h', '\n',
	    DHO_HOST_NAME, 1, ';'));
	dhcp_msg_str(&m, s, sizeof(s));
	OK(strstr(s, "DHCPOFFER xid 0x12345678") != NULL &&
	    strstr(s, "server 192.0.2.1") != NULL &&
	    strstr(s, "routes 0.0.0.0/0 via 192.0.2.1") != NULL,
	    "dhcp_msg_str renders the message: %s", s);
	OK(strchr(s, '\n') == NULL && strstr(s, "message \"h\\012\"") != NULL,
	    "dhcp_msg_str output has no raw control characters");
	OK(strstr(s, "dropped-option 12") != NULL,
	    "dhcp_msg_str names dropped options");
	memset(small, 'Z', sizeof(small));
	dhcp_msg_str(&m, small, 8);
	OK(strlen(small) == 7 && small[8] == 'Z',
	    "dhcp_msg_str truncates within its buffer");
	OK(strcmp(dhcp_msgtype_name(DHCPACK), "DHCPACK") == 0 &&
	    strcmp(dhcp_msgtype_name(77), "unknown") == 0,
	    "message type names");
}

int
main(void)
{
	test_roundtrip();
	test_builder_errors();
	test_zero_checksum();
	test_offer_fields();
	test_fixed_lengths();
	test_truncation();
	test_sizes();
	test_frames();
	test_bootp_header();
	test_lists();
	test_routes();
	test_search();
	test_strings();
	test_message();
	test_overload();
	test_concat();
	test_concat_limit();
	test_lease_times();
	test_helpers();
	return (regress_done());
}
