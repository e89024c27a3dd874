/*
 * Lease files: one per interface, LEASE_DIR/<ifname>.lease.
 *
 * The format is line based text, one "keyword value" per line, so that an
 * administrator can read it:
 *
 *	# leased lease file, rewritten by leased(8)
 *	version 1
 *	interface eth0
 *	mac 02:00:00:00:00:01
 *	address 192.0.2.100
 *	netmask 255.255.255.0
 *	broadcast 192.0.2.255		(optional)
 *	server 192.0.2.1
 *	acquired 1790000000		(seconds since the epoch)
 *	lease-time 3600			("infinite" for ~0)
 *	renewal 1800
 *	rebinding 3150
 *	mtu 1400			(optional)
 *	router 192.0.2.1		(any number of these, in order)
 *	dns 192.0.2.53			(ditto)
 *	domain example.com		(optional)
 *	search example.com		(any number, in order)
 *	route 198.51.100.0/24 192.0.2.1	(any number, in order)
 *	end
 *
 * "version" comes first, "end" last and nothing may follow it, so a file
 * cut short at any point is rejected.  Every other keyword appears at most
 * once, except the lists.  Loading is strict: an unknown keyword, a value
 * out of range, a lease validate_lease() refuses, another interface's or
 * another MAC's lease, or anything that is not a small regular file
 * makes the file corrupt: it is renamed to <name>.corrupt-<epoch> and
 * ignored.  A valid lease that has run out is only ignored: it is left in
 * place for the administrator and replaced by the next lease.
 *
 * Files are replaced atomically: write a temporary file in the same
 * directory, fsync it, rename it over the old one, fsync the directory.
 * A reader therefore sees the old file or the new one, never a mix.
 */

#include <sys/types.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <dirent.h>
#include <libgen.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lease.h"
#include "log.h"
#include "validate.h"

static int	fsync_dir(const char *);
static int	appendf(char *, size_t, size_t *, const char *, ...)
		    __attribute__((__format__ (printf, 4, 5)));
static int	parse_u32(const char *, uint32_t, uint32_t, uint32_t *);
static int	parse_addr(const char *, struct in_addr *);
static int	parse_mac(const char *, uint8_t *);
static int	parse_route(char *, struct lease_route *);
static int	parse_line(char *, struct lease *, unsigned int *, char *,
		    size_t);
static void	move_aside(const char *, const char *);
static int	read_small(int, char *, size_t, size_t *);

/* Keywords that may appear once, as bits in a "seen" mask. */
#define K_VERSION	0x0001
#define K_INTERFACE	0x0002
#define K_MAC		0x0004
#define K_ADDRESS	0x0008
#define K_NETMASK	0x0010
#define K_BROADCAST	0x0020
#define K_SERVER	0x0040
#define K_ACQUIRED	0x0080
#define K_LEASE_TIME	0x0100
#define K_RENEWAL	0x0200
#define K_REBINDING	0x0400
#define K_MTU		0x0800
#define K_DOMAIN	0x1000
#define K_END		0x2000
#define K_REQUIRED	(K_VERSION | K_INTERFACE | K_MAC | K_ADDRESS | \
			    K_NETMASK | K_SERVER | K_ACQUIRED | \
			    K_LEASE_TIME | K_RENEWAL | K_REBINDING | K_END)

static int
fsync_dir(const char *path)
{
	char	 dir[PATH_MAX];
	char	*slash;
	int	 fd, saved;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (-1);
	if (fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return (-1);
	}
	close(fd);
	return (0);
}

/*
 * Replace path with buf: temporary file beside it, fsync, rename, fsync
 * the directory.  On failure the old file is untouched and no
 * temporary file remains.
 */
/*
 * write_file_atomic()'s temporary files of path ("path.XXXXXX") that a
 * killed leased left behind: only one leased runs at a time, so any
 * such file is stale.  Returns how many were removed.
 */
int
remove_stale_temps(const char *path)
{
	char		 dir[PATH_MAX], base[PATH_MAX], victim[PATH_MAX];
	const char	*dname;
	struct dirent	*de;
	DIR		*d;
	size_t		 blen, i;
	int		 n = 0;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >= sizeof(dir) ||
	    (size_t)snprintf(base, sizeof(base), "%s", path) >= sizeof(base))
		return (0);
	snprintf(base, sizeof(base), "%s", basename(base));
	blen = strlen(base);
	dname = dirname(dir);
	if ((d = opendir(dname)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, blen) != 0 ||
		    de->d_name[blen] != '.' ||
		    strlen(de->d_name + blen + 1) != 6)
			continue;
		for (i = blen + 1; de->d_name[i] != '\0'; i++)
			if (!isalnum((unsigned char)de->d_name[i]))
				break;
		if (de->d_name[i] != '\0')
			continue;
		if ((size_t)snprintf(victim, sizeof(victim), "%s/%s", dname,
		    de->d_name) >= sizeof(victim))
			continue;
		if (unlink(victim) == 0) {
			log_info("removed %s, left by a leased that was killed",
			    victim);
			n++;
		}
	}
	closedir(d);
	return (n);
}

int
write_file_atomic(const char *path, const void *buf, size_t len, mode_t mode)
{
	char		 tmp[PATH_MAX];
	const char	*p = buf;
	ssize_t		 n;
	size_t		 off = 0;
	int		 fd, saved;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return (-1);
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (off < len) {
		if ((n = write(fd, p + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	return (fsync_dir(path));

 fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = saved;
	return (-1);
}

int
lease_path(char *buf, size_t len, const char *dir, const char *ifname)
{
	if (validate_ifname(ifname, IF_NAMESIZE) == -1) {
		errno = EINVAL;
		return (-1);
	}
	if ((size_t)snprintf(buf, len, "%s/%s%s", dir, ifname,
	    LEASE_SUFFIX) >= len) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	return (0);
}

static int
appendf(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *off, *off < len ? len - *off : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return (-1);
	*off += n;
	return (0);
}

/*
 * Print a lease in the file format.  Returns the length the text needs;
 * it was written in full if that is less than len.
 */
size_t
lease_format(const struct lease *l, char *buf, size_t len)
{
	char		 a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	size_t		 off = 0;
	uint32_t	 i;

	if (len > 0)
		buf[0] = '\0';
	appendf(buf, len, &off, "# leased lease file, rewritten by leased(8)\n"
	    "version %d\ninterface %s\n", LEASE_VERSION, l->ifname);
	appendf(buf, len, &off, "mac %02x:%02x:%02x:%02x:%02x:%02x\n",
	    l->mac[0], l->mac[1], l->mac[2], l->mac[3], l->mac[4], l->mac[5]);
	inet_ntop(AF_INET, &l->address, a, sizeof(a));
	appendf(buf, len, &off, "address %s\n", a);
	inet_ntop(AF_INET, &l->netmask, a, sizeof(a));
	appendf(buf, len, &off, "netmask %s\n", a);
	if (l->broadcast.s_addr != INADDR_ANY) {
		inet_ntop(AF_INET, &l->broadcast, a, sizeof(a));
		appendf(buf, len, &off, "broadcast %s\n", a);
	}
	inet_ntop(AF_INET, &l->server, a, sizeof(a));
	appendf(buf, len, &off, "server %s\n", a);
	appendf(buf, len, &off, "acquired %" PRId64 "\n", l->acquired);
	if (l->lease_time == LEASE_INFINITE)
		appendf(buf, len, &off, "lease-time infinite\n");
	else
		appendf(buf, len, &off, "lease-time %u\n", l->lease_time);
	appendf(buf, len, &off, "renewal %u\nrebinding %u\n", l->renewal,
	    l->rebinding);
	if (l->mtu != 0)
		appendf(buf, len, &off, "mtu %u\n", l->mtu);
	for (i = 0; i < l->nrouters && i < LEASE_MAX_ROUTERS; i++) {
		inet_ntop(AF_INET, &l->routers[i], a, sizeof(a));
		appendf(buf, len, &off, "router %s\n", a);
	}
	for (i = 0; i < l->ndns && i < LEASE_MAX_DNS; i++) {
		inet_ntop(AF_INET, &l->dns[i], a, sizeof(a));
		appendf(buf, len, &off, "dns %s\n", a);
	}
	if (l->domain[0] != '\0')
		appendf(buf, len, &off, "domain %.*s\n", LEASE_NAME_MAX,
		    l->domain);
	for (i = 0; i < l->nsearch && i < LEASE_MAX_SEARCH; i++)
		appendf(buf, len, &off, "search %.*s\n", LEASE_NAME_MAX,
		    l->search[i]);
	for (i = 0; i < l->nroutes && i < LEASE_MAX_ROUTES; i++) {
		inet_ntop(AF_INET, &l->routes[i].dst, a, sizeof(a));
		inet_ntop(AF_INET, &l->routes[i].gw, b, sizeof(b));
		appendf(buf, len, &off, "route %s/%u %s\n", a,
		    l->routes[i].prefixlen, b);
	}
	appendf(buf, len, &off, "end\n");
	return (off);
}

/* Write the lease of l->ifname into dir, after checking it. */
int
lease_write(const char *dir, const struct lease *l)
{
	char	 path[PATH_MAX], reason[VALIDATE_WHY_LEN];
	char	*buf;
	size_t	 len;
	int	 rv;

	if (validate_lease(l, reason, sizeof(reason)) == -1) {
		log_warnx("%s: not writing an invalid lease: %s", __func__,
		    reason);
		errno = EINVAL;
		return (-1);
	}
	if (lease_path(path, sizeof(path), dir, l->ifname) == -1) {
		log_warn("%s: %s", __func__, l->ifname);
		return (-1);
	}
	len = lease_format(l, NULL, 0);
	if ((buf = malloc(len + 1)) == NULL) {
		log_warn("%s", __func__);
		return (-1);
	}
	lease_format(l, buf, len + 1);
	if ((rv = write_file_atomic(path, buf, len, 0600)) == -1)
		log_warn("%s: %s", __func__, path);
	free(buf);
	return (rv);
}

/* Remove the lease file of ifname (the lease is gone); no file is fine. */
int
lease_remove(const char *dir, const char *ifname)
{
	char	path[PATH_MAX];

	if (lease_path(path, sizeof(path), dir, ifname) == -1) {
		log_warn("%s: %s", __func__, ifname);
		return (-1);
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		log_warn("%s: %s", __func__, path);
		return (-1);
	}
	if (fsync_dir(path) == -1) {
		log_warn("%s: %s", __func__, dir);
		return (-1);
	}
	return (0);
}

static int
parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *res)
{
	unsigned long long	 v;
	char			*end;

	if (*s < '0' || *s > '9')
		return (-1);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return (-1);
	/* No leading zeros: one spelling per value. */
	if (s[0] == '0' && s[1] != '\0')
		return (-1);
	*res = v;
	return (0);
}

static int
parse_addr(const char *s, struct in_addr *a)
{
	char	back[INET_ADDRSTRLEN];

	if (inet_pton(AF_INET, s, a) != 1)
		return (-1);
	/* Canonical form only. */
	if (inet_ntop(AF_INET, a, back, sizeof(back)) == NULL ||
	    strcmp(back, s) != 0)
		return (-1);
	return (0);
}

static int
parse_mac(const char *s, uint8_t *mac)
{
	unsigned int	i, hi, lo;
	int		c;

	if (strlen(s) != 17)
		return (-1);
	for (i = 0; i < LEASE_MAC_LEN; i++) {
		if (i > 0 && s[i * 3 - 1] != ':')
			return (-1);
		c = s[i * 3];
		if (c >= '0' && c <= '9')
			hi = c - '0';
		else if (c >= 'a' && c <= 'f')
			hi = c - 'a' + 10;
		else
			return (-1);
		c = s[i * 3 + 1];
		if (c >= '0' && c <= '9')
			lo = c - '0';
		else if (c >= 'a' && c <= 'f')
			lo = c - 'a' + 10;
		else
			return (-1);
		mac[i] = hi << 4 | lo;
	}
	return (0);
}

/* "a.b.c.d/len gateway" */
static int
parse_route(char *s, struct lease_route *r)
{
	char		*slash, *sp;
	uint32_t	 plen;

	if ((sp = strchr(s, ' ')) == NULL)
		return (-1);
	*sp++ = '\0';
	if ((slash = strchr(s, '/')) == NULL)
		return (-1);
	*slash++ = '\0';
	if (parse_addr(s, &r->dst) == -1 ||
	    parse_u32(slash, 0, 32, &plen) == -1 ||
	    parse_addr(sp, &r->gw) == -1)
		return (-1);
	r->prefixlen = plen;
	return (0);
}

#define ONCE(bit) do {							\
	if (*seen & (bit))						\
		goto repeated;						\
	*seen |= (bit);							\
} while (0)

static int
parse_line(char *line, struct lease *l, unsigned int *seen, char *err,
    size_t errlen)
{
	char		*key = line, *val;
	uint32_t	 v;

	if (*seen & K_END) {
		snprintf(err, errlen, "text after end");
		return (-1);
	}
	if (line[0] == '#')
		return (0);
	if ((val = strchr(line, ' ')) != NULL)
		*val++ = '\0';
	else
		val = line + strlen(line);

	if (!(*seen & K_VERSION) && strcmp(key, "version") != 0) {
		snprintf(err, errlen, "no version line first");
		return (-1);
	}
	if (strcmp(key, "version") == 0) {
		ONCE(K_VERSION);
		if (parse_u32(val, 0, UINT32_MAX, &v) == -1 ||
		    v != LEASE_VERSION) {
			snprintf(err, errlen, "unknown version \"%s\"", val);
			return (-1);
		}
	} else if (strcmp(key, "interface") == 0) {
		ONCE(K_INTERFACE);
		if (strlen(val) >= sizeof(l->ifname) ||
		    validate_ifname(val, sizeof(l->ifname)) == -1)
			goto bad;
		snprintf(l->ifname, sizeof(l->ifname), "%s", val);
	} else if (strcmp(key, "mac") == 0) {
		ONCE(K_MAC);
		if (parse_mac(val, l->mac) == -1)
			goto bad;
	} else if (strcmp(key, "address") == 0) {
		ONCE(K_ADDRESS);
		if (parse_addr(val, &l->address) == -1)
			goto bad;
	} else if (strcmp(key, "netmask") == 0) {
		ONCE(K_NETMASK);
		if (parse_addr(val, &l->netmask) == -1)
			goto bad;
	} else if (strcmp(key, "broadcast") == 0) {
		ONCE(K_BROADCAST);
		if (parse_addr(val, &l->broadcast) == -1)
			goto bad;
	} else if (strcmp(key, "server") == 0) {
		ONCE(K_SERVER);
		if (parse_addr(val, &l->server) == -1)
			goto bad;
	} else if (strcmp(key, "acquired") == 0) {
		ONCE(K_ACQUIRED);
		/* Up to 2106: the same range as a DHCP time. */
		if (parse_u32(val, 0, UINT32_MAX, &v) == -1)
			goto bad;
		l->acquired = v;
	} else if (strcmp(key, "lease-time") == 0) {
		ONCE(K_LEASE_TIME);
		if (strcmp(val, "infinite") == 0)
			l->lease_time = LEASE_INFINITE;
		else if (parse_u32(val, 1, LEASE_TIME_MAX,
		    &l->lease_time) == -1)
			goto bad;
	} else if (strcmp(key, "renewal") == 0) {
		ONCE(K_RENEWAL);
		if (parse_u32(val, 1, UINT32_MAX, &l->renewal) == -1)
			goto bad;
	} else if (strcmp(key, "rebinding") == 0) {
		ONCE(K_REBINDING);
		if (parse_u32(val, 1, UINT32_MAX, &l->rebinding) == -1)
			goto bad;
	} else if (strcmp(key, "mtu") == 0) {
		ONCE(K_MTU);
		if (parse_u32(val, 68, 65535, &v) == -1)
			goto bad;
		l->mtu = v;
	} else if (strcmp(key, "router") == 0) {
		if (l->nrouters >= LEASE_MAX_ROUTERS ||
		    parse_addr(val, &l->routers[l->nrouters]) == -1)
			goto bad;
		l->nrouters++;
	} else if (strcmp(key, "dns") == 0) {
		if (l->ndns >= LEASE_MAX_DNS ||
		    parse_addr(val, &l->dns[l->ndns]) == -1)
			goto bad;
		l->ndns++;
	} else if (strcmp(key, "domain") == 0) {
		ONCE(K_DOMAIN);
		if (validate_name(val, LEASE_NAME_MAX + 1) == -1)
			goto bad;
		snprintf(l->domain, sizeof(l->domain), "%s", val);
	} else if (strcmp(key, "search") == 0) {
		if (l->nsearch >= LEASE_MAX_SEARCH ||
		    validate_name(val, LEASE_NAME_MAX + 1) == -1)
			goto bad;
		snprintf(l->search[l->nsearch], sizeof(l->search[0]), "%s",
		    val);
		l->nsearch++;
	} else if (strcmp(key, "route") == 0) {
		if (l->nroutes >= LEASE_MAX_ROUTES ||
		    parse_route(val, &l->routes[l->nroutes]) == -1)
			goto bad;
		l->nroutes++;
	} else if (strcmp(key, "end") == 0) {
		ONCE(K_END);
		if (*val != '\0')
			goto bad;
	} else {
		snprintf(err, errlen, "unknown keyword \"%.32s\"", key);
		return (-1);
	}
	return (0);

 bad:
	snprintf(err, errlen, "bad or too many \"%s\"", key);
	return (-1);
 repeated:
	snprintf(err, errlen, "repeated \"%s\"", key);
	return (-1);
}

/*
 * Parse the text of a lease file into l and validate it.  Returns 0, or
 * -1 with the reason in err.  Checks against an interface (name, MAC)
 * and the clock are the caller's.
 */
int
lease_parse(const char *text, size_t len, struct lease *l, char *err,
    size_t errlen)
{
	char		 line[LEASE_LINE_MAX];
	const char	*p = text, *nl;
	unsigned int	 seen = 0;
	size_t		 n;

	memset(l, 0, sizeof(*l));
	if (len > LEASE_FILE_MAX) {
		snprintf(err, errlen, "larger than %d bytes", LEASE_FILE_MAX);
		return (-1);
	}
	while (p < text + len) {
		if ((nl = memchr(p, '\n', text + len - p)) == NULL) {
			snprintf(err, errlen, "last line unterminated");
			return (-1);
		}
		n = nl - p;
		if (n >= sizeof(line) || memchr(p, '\0', n) != NULL) {
			snprintf(err, errlen, "line too long or binary");
			return (-1);
		}
		memcpy(line, p, n);
		line[n] = '\0';
		if (parse_line(line, l, &seen, err, errlen) == -1)
			return (-1);
		p = nl + 1;
	}
	if ((seen & K_REQUIRED) != K_REQUIRED) {
		snprintf(err, errlen, "incomplete (missing 0x%04x)",
		    K_REQUIRED & ~seen);
		return (-1);
	}
	if (validate_lease(l, err, errlen) == -1)
		return (-1);
	return (0);
}

/* Seconds left of a lease at now; LEASE_INFINITE for an infinite one. */
uint32_t
lease_remaining(const struct lease *l, time_t now)
{
	int64_t	end;

	if (l->lease_time == LEASE_INFINITE)
		return (LEASE_INFINITE);
	end = l->acquired + l->lease_time;
	if (now >= end)
		return (0);
	/* A clock that went backwards: never more than the lease. */
	if (end - now > l->lease_time)
		return (l->lease_time);
	return (end - now);
}

static void
move_aside(const char *path, const char *why)
{
	char	aside[PATH_MAX];

	if ((size_t)snprintf(aside, sizeof(aside), "%s.corrupt-%lld", path,
	    (long long)time(NULL)) >= sizeof(aside)) {
		log_warnx("%s: %s: %s; name too long to move aside",
		    __func__, path, why);
		return;
	}
	if (rename(path, aside) == -1) {
		log_warn("%s: %s: %s; rename to %s", __func__, path, why,
		    aside);
		/* Never let it stand in the way of the next lease. */
		if (unlink(path) == -1 && errno != ENOENT)
			log_warn("%s: unlink %s", __func__, path);
		return;
	}
	log_warnx("lease file %s: %s; moved to %s", path, why, aside);
}

/* Read at most max bytes; more than that is an error (EFBIG). */
static int
read_small(int fd, char *buf, size_t max, size_t *len)
{
	ssize_t	n;
	size_t	off = 0;

	for (;;) {
		n = read(fd, buf + off, max + 1 - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (n == 0)
			break;
		off += n;
		if (off > max) {
			errno = EFBIG;
			return (-1);
		}
	}
	*len = off;
	return (0);
}

/*
 * Load the lease of ifname (whose MAC is mac) from dir.  The file is
 * opened without following a symbolic link and without blocking, and
 * must be a regular file of at most LEASE_FILE_MAX bytes.  Anything
 * wrong with it moves it aside.
 */
enum lease_load_result
lease_load(const char *dir, const char *ifname, const uint8_t *mac,
    time_t now, struct lease *l)
{
	char		 path[PATH_MAX], err[VALIDATE_WHY_LEN];
	char		*buf;
	struct stat	 st;
	size_t		 len;
	int		 fd, saved;

	memset(l, 0, sizeof(*l));
	if (lease_path(path, sizeof(path), dir, ifname) == -1) {
		log_warn("%s: %s", __func__, ifname);
		return (LEASE_ERROR);
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
	    O_CLOEXEC | O_NOCTTY)) == -1) {
		if (errno == ENOENT)
			return (LEASE_NONE);
		if (errno == ELOOP) {
			move_aside(path, "symbolic link");
			return (LEASE_CORRUPT);
		}
		log_warn("%s: %s", __func__, path);
		return (LEASE_ERROR);
	}
	if (fstat(fd, &st) == -1) {
		log_warn("%s: fstat %s", __func__, path);
		close(fd);
		return (LEASE_ERROR);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		move_aside(path, "not a regular file");
		return (LEASE_CORRUPT);
	}
	if (st.st_size > LEASE_FILE_MAX) {
		close(fd);
		move_aside(path, "too large");
		return (LEASE_CORRUPT);
	}
	if ((buf = malloc(LEASE_FILE_MAX + 1)) == NULL) {
		log_warn("%s", __func__);
		close(fd);
		return (LEASE_ERROR);
	}
	if (read_small(fd, buf, LEASE_FILE_MAX, &len) == -1) {
		saved = errno;
		close(fd);
		free(buf);
		if (saved == EFBIG) {
			move_aside(path, "too large");
			return (LEASE_CORRUPT);
		}
		errno = saved;
		log_warn("%s: read %s", __func__, path);
		return (LEASE_ERROR);
	}
	close(fd);

	if (lease_parse(buf, len, l, err, sizeof(err)) == -1) {
		free(buf);
		memset(l, 0, sizeof(*l));
		move_aside(path, err);
		return (LEASE_CORRUPT);
	}
	free(buf);
	if (strcmp(l->ifname, ifname) != 0) {
		memset(l, 0, sizeof(*l));
		move_aside(path, "another interface's lease");
		return (LEASE_CORRUPT);
	}
	if (memcmp(l->mac, mac, LEASE_MAC_LEN) != 0) {
		memset(l, 0, sizeof(*l));
		move_aside(path, "lease of another MAC address");
		return (LEASE_CORRUPT);
	}
	if (lease_remaining(l, now) == 0) {
		log_debug("%s: lease in %s has expired", __func__, path);
		memset(l, 0, sizeof(*l));
		return (LEASE_EXPIRED);
	}
	return (LEASE_LOADED);
}
