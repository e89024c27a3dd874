/*
 * Write fuzz_dhcp's seed corpus: every kind of request as a frame and
 * as a payload, made by the builder, and servers' replies made from a
 * built request by turning it around (op, ports, addresses, options).
 * Run once by hand ("make regress/usr.sbin/leased/dhcp/mkcorpus", then
 * "mkcorpus DIR"); the output is checked in.
 */

#include <sys/types.h>

#include <err.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

static void	put(const char *, const char *, const uint8_t *, size_t);
static uint16_t	sum(const uint8_t *, size_t, uint32_t);
static void	reply(const char *, const char *, const uint8_t *, size_t,
		    const uint8_t *, size_t);

static void
put(const char *dir, const char *name, const uint8_t *p, size_t len)
{
	char	 path[1024];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	if (fwrite(p, 1, len, f) != len || fclose(f) != 0)
		err(1, "%s", path);
}

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
 * A reply frame: a built DISCOVER turned into a BOOTREPLY from
 * 192.0.2.1 with the given options, and with file/sname contents.
 */
static void
reply(const char *dir, const char *name, const uint8_t *opts, size_t len,
    const uint8_t *file, size_t filelen)
{
	struct dhcp_req	 r;
	uint8_t		 f[DHCP_FRAME_MAX], ph[12], *ip, *udp, *b;
	char		 path[64];
	size_t		 ulen, tot, flen;
	ssize_t		 n;
	uint16_t	 s;

	memset(&r, 0, sizeof(r));
	r.kind = DHCP_KIND_DISCOVER;
	memcpy(r.mac, "\x02\x00\x5e\x10\x20\x30", 6);
	r.xid = 0x1c2d3e4f;
	if ((n = dhcp_build_frame(&r, f, sizeof(f), NULL, 0)) == -1)
		errx(1, "build");
	ip = f + 14;
	udp = ip + 20;
	b = udp + 8;
	memcpy(f + 6, "\x02\x00\x5e\xaa\xbb\xcc", 6);
	b[0] = BOOTREPLY;
	memcpy(b + 16, "\xc0\x00\x02\x0a", 4);		/* yiaddr */
	memcpy(b + 20, "\xc0\x00\x02\x01", 4);		/* siaddr */
	memset(b + 44, 0, 192);
	if (filelen > 0)
		memcpy(b + 108, file, filelen);
	memset(b + 240, 0, 60);
	memcpy(b + 240, opts, len);
	ulen = 8 + (240 + len < 300 ? 300 : 240 + len);
	tot = 20 + ulen;
	flen = 14 + tot;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	memcpy(ip + 12, "\xc0\x00\x02\x01", 4);
	ip[10] = ip[11] = 0;
	s = sum(ip, 20, 0);
	ip[10] = (uint8_t)(s >> 8);
	ip[11] = (uint8_t)s;
	udp[1] = 67;
	udp[3] = 68;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = 17;
	ph[10] = (uint8_t)(ulen >> 8);
	ph[11] = (uint8_t)ulen;
	s = sum(udp, ulen, (uint32_t)(~sum(ph, 12, 0) & 0xffff));
	udp[6] = (uint8_t)(s >> 8);
	udp[7] = (uint8_t)s;
	snprintf(path, sizeof(path), "frame-%s", name);
	put(dir, path, f, flen);
	snprintf(path, sizeof(path), "bootp-%s", name);
	put(dir, path, b, ulen - 8);
}

int
main(int argc, char *argv[])
{
	static const uint8_t offer[] = {
		53, 1, 2, 54, 4, 192, 0, 2, 1, 1, 4, 255, 255, 255, 0,
		3, 4, 192, 0, 2, 1, 6, 8, 192, 0, 2, 53, 192, 0, 2, 54,
		12, 4, 'h', 'o', 's', 't', 15, 11, 'e', 'x', 'a', 'm', 'p',
		'l', 'e', '.', 'o', 'r', 'g', 26, 2, 5, 220,
		28, 4, 192, 0, 2, 255, 51, 4, 0, 0, 14, 16,
		58, 4, 0, 0, 7, 8, 59, 4, 0, 0, 12, 78,
		119, 27, 3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3,
		'c', 'o', 'm', 0, 9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n',
		'g', 0xc0, 4,
		121, 13, 0, 192, 0, 2, 1, 24, 198, 51, 100, 192, 0, 2, 2,
		56, 5, 'h', 'e', 'l', 'l', 'o', 255
	};
	static const uint8_t ack[] = {
		53, 1, 5, 54, 4, 192, 0, 2, 1, 51, 4, 255, 255, 255, 255,
		108, 4, 0, 0, 7, 8, 80, 0,
		61, 7, 1, 2, 0, 0x5e, 0x10, 0x20, 0x30, 255
	};
	static const uint8_t nak[] = {
		53, 1, 6, 54, 4, 192, 0, 2, 1, 56, 8, 'n', 'o', ' ', 'l',
		'e', 'a', 's', 'e', 255
	};
	static const uint8_t over[] = {
		53, 1, 5, 52, 1, 1, 54, 4, 192, 0, 2, 1, 255
	};
	static const uint8_t overfile[] = {
		51, 4, 0, 0, 14, 16, 6, 4, 192, 0, 2, 53, 255
	};
	static const struct {
		enum dhcp_kind	 kind;
		const char	*name;
	} kinds[] = {
		{ DHCP_KIND_DISCOVER, "discover" },
		{ DHCP_KIND_SELECTING, "selecting" },
		{ DHCP_KIND_INIT_REBOOT, "init-reboot" },
		{ DHCP_KIND_RENEWING, "renewing" },
		{ DHCP_KIND_REBINDING, "rebinding" },
		{ DHCP_KIND_RELEASE, "release" },
		{ DHCP_KIND_DECLINE, "decline" },
	};
	struct dhcp_req	 r;
	uint8_t		 buf[DHCP_FRAME_MAX];
	char		 name[64];
	ssize_t		 n;
	size_t		 i;

	if (argc != 2)
		errx(1, "usage: mkcorpus dir");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		memset(&r, 0, sizeof(r));
		r.kind = kinds[i].kind;
		memcpy(r.mac, "\x02\x00\x5e\x10\x20\x30", 6);
		r.xid = 0x1c2d3e4f;
		r.requested.s_addr = htonl(0xc000020a);
		r.ciaddr.s_addr = htonl(0xc000020a);
		r.server_id.s_addr = htonl(0xc0000201);
		snprintf(r.hostname, sizeof(r.hostname), "client");
		r.ipv6_only = 1;
		r.rapid_commit = 1;
		r.max_msg_size = 1500;
		if ((n = dhcp_build_frame(&r, buf, sizeof(buf), NULL, 0)) ==
		    -1)
			errx(1, "build %s", kinds[i].name);
		snprintf(name, sizeof(name), "frame-%s", kinds[i].name);
		put(argv[1], name, buf, (size_t)n);
		if ((n = dhcp_build_bootp(&r, buf, sizeof(buf), NULL, 0)) ==
		    -1)
			errx(1, "build %s", kinds[i].name);
		snprintf(name, sizeof(name), "bootp-%s", kinds[i].name);
		put(argv[1], name, buf, (size_t)n);
	}
	reply(argv[1], "offer", offer, sizeof(offer), NULL, 0);
	reply(argv[1], "ack", ack, sizeof(ack), NULL, 0);
	reply(argv[1], "nak", nak, sizeof(nak), NULL, 0);
	reply(argv[1], "ack-overload", over, sizeof(over), overfile,
	    sizeof(overfile));
	return (0);
}
