/*
 * leasectl: control leased(8) over its UNIX socket.
 *
 * One request per run.  Everything the daemon answers is checked before
 * it is used, the same way the daemon checks what it gets: exact sizes,
 * NUL-terminated strings, counts within their arrays.  A bad answer is
 * an error, never a crash.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"
#include "lease.h"
#include "leased.h"
#include "parser.h"

#define WAIT_DEFAULT	10		/* seconds, -w */
#define WAIT_MAX	86400
#define WAIT_POLL_MS	100		/* between two looks at the state */

__attribute__((__noreturn__)) static void	usage(void);
static int	ctl_connect(const char *);
static void	ctl_send(struct imsgbuf *, uint32_t, const void *, size_t);
static int	ctl_next(struct imsgbuf *, struct imsg *, int64_t);
static void	ctl_expect_end(struct imsgbuf *, int64_t);
static int	ctl_show(struct imsgbuf *, uint32_t, int, int64_t, int *);
static void	ctl_wait(struct imsgbuf *, const char *, uint32_t, int)
	    __attribute__((__noreturn__));
static void	info_get(struct imsg *, struct ctl_iface_info *);
static int	info_valid(const struct ctl_iface_info *);
static int	info_has_lease(const struct ctl_iface_info *);
static void	show_human(const struct ctl_iface_info *);
static void	show_json(const struct ctl_iface_info *);
static const char *duration(int64_t);
static const char *addr(struct in_addr);
static const char *safe(const char *);
static int	prefixlen(struct in_addr);
static void	json_key(const char *);
static void	json_str(const char *);
static void	json_addr(const char *, struct in_addr);
static void	json_time(const char *, int64_t);
static int64_t	now_ms(void);
static uint32_t	ifindex(const char *);

static int	json_first;

static void
usage(void)
{
	extern char	*__progname;

	fprintf(stderr, "usage: %s [-j] [-s socket] command [argument ...]\n"
	    "       %s [-s socket] [-w maxwait] interface\n", __progname,
	    __progname);
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct parse_result	*res = NULL;
	struct imsgbuf		 ibuf;
	const char		*sockname = LEASED_SOCKET;
	const char		*waitif = NULL;
	char			 ifname[IF_NAMESIZE];
	char			*ep;
	uint32_t		 if_index = 0;
	long			 l;
	int			 ch, fd, json = 0, wflag = 0, found;
	int			 maxwait = WAIT_DEFAULT, verbose;

	while ((ch = getopt(argc, argv, "js:w:")) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 's':
			sockname = optarg;
			break;
		case 'w':
			errno = 0;
			l = strtol(optarg, &ep, 10);
			if (optarg[0] == '\0' || *ep != '\0' || errno != 0 ||
			    l < 0 || l > WAIT_MAX)
				errx(1, "maxwait is invalid: %s", optarg);
			maxwait = (int)l;
			wflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();

	/*
	 * "leasectl eth0": a single word that is an interface, and not
	 * a command word in full, asks to manage it and wait for a lease.
	 */
	if (argc == 1 && (wflag || (!parse_is_keyword(argv[0]) &&
	    if_nametoindex(argv[0]) != 0)))
		waitif = argv[0];
	else if (wflag)
		usage();

	if (waitif != NULL) {
		if (strlen(waitif) >= sizeof(ifname))
			errx(1, "interface name too long: %s", waitif);
		if_index = ifindex(waitif);
	} else {
		if ((res = parse(argc, argv)) == NULL)
			exit(1);
		if (res->ifname[0] != '\0')
			if_index = ifindex(res->ifname);
	}

	/* A daemon that goes away shows as EPIPE, not as a signal. */
	signal(SIGPIPE, SIG_IGN);

	fd = ctl_connect(sockname);
	if (imsgbuf_init(&ibuf, fd) == -1)
		err(1, "imsgbuf_init");

	if (waitif != NULL) {
		memset(ifname, 0, sizeof(ifname));
		memcpy(ifname, waitif, strlen(waitif));
		ctl_wait(&ibuf, ifname, if_index, maxwait);
		/* NOTREACHED */
	}

	switch (res->action) {
	case SHOW_INTERFACE:
		if (ctl_show(&ibuf, if_index, json, -1, &found) == -1)
			exit(1);
		if (if_index != 0 && !found)
			errx(1, "%s: not managed by leased", res->ifname);
		break;
	case SEND_REQUEST:
		ctl_send(&ibuf, IMSG_CTL_SEND_REQUEST, &if_index,
		    sizeof(if_index));
		break;
	case RELEASE:
		ctl_send(&ibuf, IMSG_CTL_RELEASE, &if_index,
		    sizeof(if_index));
		break;
	case RELOAD:
		ctl_send(&ibuf, IMSG_CTL_RELOAD, NULL, 0);
		ctl_expect_end(&ibuf, -1);
		break;
	case LOG_VERBOSE:
	case LOG_BRIEF:
		verbose = res->action == LOG_VERBOSE ? 1 : 0;
		ctl_send(&ibuf, IMSG_CTL_LOG_VERBOSE, &verbose,
		    sizeof(verbose));
		break;
	case NONE:
		usage();
	}

	imsgbuf_clear(&ibuf);
	close(fd);
	return (0);
}

static uint32_t
ifindex(const char *name)
{
	unsigned int	 idx;

	if ((idx = if_nametoindex(name)) == 0)
		errx(1, "no such interface: %s", name);
	return (idx);
}

static int
ctl_connect(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		errx(1, "socket path too long: %s", path);
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "connect: %s", path);
	return (fd);
}

/* Queue one request and write it out. */
static void
ctl_send(struct imsgbuf *ibuf, uint32_t type, const void *data, size_t len)
{
	if (imsg_compose(ibuf, type, 0, 0, -1, data, len) == -1)
		err(1, "imsg_compose");
	if (imsgbuf_flush(ibuf) == -1)
		err(1, "write to leased");
}

/*
 * The next message from the daemon: 1, or 0 once the deadline (a
 * now_ms() value, -1 for none) has passed.  Errors end the program.
 */
static int
ctl_next(struct imsgbuf *ibuf, struct imsg *imsg, int64_t deadline)
{
	struct pollfd	 pfd;
	int64_t		 left;
	int		 n;

	for (;;) {
		if ((n = imsgbuf_get(ibuf, imsg)) == -1)
			err(1, "invalid message from leased");
		if (n == 1)
			return (1);

		pfd.fd = ibuf->fd;
		pfd.events = POLLIN;
		if (deadline == -1)
			left = -1;
		else if ((left = deadline - now_ms()) <= 0)
			return (0);
		if ((n = poll(&pfd, 1, (int)left)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		if (n == 0)
			return (0);
		if ((n = imsgbuf_read(ibuf)) == -1) {
			/* A length the daemon could never send. */
			if (errno == ERANGE)
				err(1, "invalid message from leased");
			err(1, "read from leased");
		}
		if (n == 0)
			errx(1, "leased closed the connection");
	}
}

static void
ctl_expect_end(struct imsgbuf *ibuf, int64_t deadline)
{
	struct imsg	 imsg;
	uint32_t	 type;

	if (ctl_next(ibuf, &imsg, deadline) == 0)
		errx(1, "no answer from leased");
	type = imsg_get_type(&imsg);
	if (type != IMSG_CTL_END || imsg_get_len(&imsg) != 0)
		errx(1, "unexpected message from leased (type %u, %zu "
		    "bytes)", type, imsg_get_len(&imsg));
	imsg_free(&imsg);
}

/*
 * "show interface": print what the daemon knows, one interface or all.
 * With a deadline (wait mode) nothing is printed.  *found says whether
 * an interface was in the answer; the return value whether one holds a
 * lease (1), none does (0), or the deadline passed (-1).
 */
static int
ctl_show(struct imsgbuf *ibuf, uint32_t if_index, int json,
    int64_t deadline, int *found)
{
	struct ctl_iface_info	 info;
	struct imsg		 imsg;
	uint32_t		 type;
	int			 bound = 0, print = deadline == -1;

	*found = 0;
	ctl_send(ibuf, IMSG_CTL_SHOW_INTERFACE_INFO, &if_index,
	    sizeof(if_index));
	if (print && json)
		printf("[");
	for (;;) {
		if (ctl_next(ibuf, &imsg, deadline) == 0)
			return (-1);
		type = imsg_get_type(&imsg);
		if (type == IMSG_CTL_END) {
			if (imsg_get_len(&imsg) != 0)
				errx(1, "invalid IMSG_CTL_END from leased");
			imsg_free(&imsg);
			break;
		}
		if (type != IMSG_CTL_INTERFACE_INFO)
			errx(1, "unexpected message from leased (type %u)",
			    type);
		info_get(&imsg, &info);
		imsg_free(&imsg);
		if (if_index != 0 && info.if_index != if_index)
			continue;
		if (info_has_lease(&info))
			bound = 1;
		if (print) {
			if (json) {
				printf("%s\n", *found ? "," : "");
				show_json(&info);
			} else {
				if (*found)
					printf("\n");
				show_human(&info);
			}
		}
		*found = 1;
	}
	if (print && json)
		printf("%s]\n", *found ? "\n" : "");
	return (bound);
}

/*
 * Wait mode: have the daemon manage the interface, then look at it
 * every WAIT_POLL_MS until it holds a lease or maxwait has passed.
 */
static void
ctl_wait(struct imsgbuf *ibuf, const char *ifname, uint32_t if_index,
    int maxwait)
{
	struct timespec	 ts = { 0, WAIT_POLL_MS * 1000000L };
	int64_t		 deadline;
	int		 found;

	deadline = now_ms() + (int64_t)maxwait * 1000;

	ctl_send(ibuf, IMSG_CTL_MANAGE, ifname, IF_NAMESIZE);
	if (maxwait == 0) {
		/* Only ask; the answer says the request was taken. */
		ctl_expect_end(ibuf, -1);
		exit(0);
	}
	ctl_expect_end(ibuf, deadline);

	for (;;) {
		if (ctl_show(ibuf, if_index, 0, deadline, &found) == 1)
			exit(0);
		if (now_ms() + WAIT_POLL_MS > deadline)
			break;
		nanosleep(&ts, NULL);
	}
	errx(1, "%s: no lease after %d second%s", ifname, maxwait,
	    maxwait == 1 ? "" : "s");
}

static void
info_get(struct imsg *imsg, struct ctl_iface_info *info)
{
	if (imsg_get_data(imsg, info, sizeof(*info)) == -1)
		errx(1, "invalid IMSG_CTL_INTERFACE_INFO from leased: %zu "
		    "bytes, expected %zu", imsg_get_len(imsg), sizeof(*info));
	if (!info_valid(info))
		errx(1, "invalid IMSG_CTL_INTERFACE_INFO from leased");
}

static int
info_valid(const struct ctl_iface_info *info)
{
	const struct lease	*l = &info->lease;
	uint32_t		 i;

	if (memchr(info->ifname, '\0', sizeof(info->ifname)) == NULL ||
	    memchr(info->state, '\0', sizeof(info->state)) == NULL)
		return (0);
	if (!info->have_lease)
		return (1);
	if (l->nrouters > LEASE_MAX_ROUTERS || l->ndns > LEASE_MAX_DNS ||
	    l->nsearch > LEASE_MAX_SEARCH || l->nroutes > LEASE_MAX_ROUTES)
		return (0);
	if (memchr(l->domain, '\0', sizeof(l->domain)) == NULL)
		return (0);
	for (i = 0; i < l->nsearch; i++)
		if (memchr(l->search[i], '\0', sizeof(l->search[i])) == NULL)
			return (0);
	for (i = 0; i < l->nroutes; i++)
		if (l->routes[i].prefixlen > 32)
			return (0);
	return (1);
}

/* Bound, renewing or rebinding: the address is in use. */
static int
info_has_lease(const struct ctl_iface_info *info)
{
	return (info->have_lease && (strcmp(info->state, "Bound") == 0 ||
	    strcmp(info->state, "Renewing") == 0 ||
	    strcmp(info->state, "Rebinding") == 0));
}

static void
show_human(const struct ctl_iface_info *info)
{
	const struct lease	*l = &info->lease;
	uint32_t		 i;

	printf("%s [%s]\n", safe(info->ifname), safe(info->state));
	if (!info->running)
		printf("\tlink down\n");
	if (!info->have_lease)
		return;

	printf("\tinet %s", addr(l->address));
	printf(" netmask %s", addr(l->netmask));
	if (l->broadcast.s_addr != INADDR_ANY)
		printf(" broadcast %s", addr(l->broadcast));
	printf("\n");

	/* What leased configures: classless routes win over routers. */
	if (l->nroutes > 0) {
		for (i = 0; i < l->nroutes; i++) {
			if (l->routes[i].prefixlen == 0)
				printf("\tdefault");
			else
				printf("\troute %s/%u", addr(l->routes[i].dst),
				    l->routes[i].prefixlen);
			if (l->routes[i].gw.s_addr == INADDR_ANY)
				printf(" on-link\n");
			else
				printf(" gw %s\n", addr(l->routes[i].gw));
		}
	} else if (l->nrouters > 0)
		printf("\tdefault gw %s\n", addr(l->routers[0]));

	if (l->mtu != 0)
		printf("\tmtu %u\n", l->mtu);
	if (l->ndns > 0) {
		printf("\tnameservers");
		for (i = 0; i < l->ndns; i++)
			printf(" %s", addr(l->dns[i]));
		printf("\n");
	}
	if (l->domain[0] != '\0')
		printf("\tdomain %s\n", safe(l->domain));
	if (l->nsearch > 0) {
		printf("\tsearch");
		for (i = 0; i < l->nsearch; i++)
			printf(" %s", safe(l->search[i]));
		printf("\n");
	}

	if (l->lease_time == LEASE_INFINITE)
		printf("\tlease infinite\n");
	else {
		printf("\tlease %s", duration(l->lease_time));
		if (info->lease_left >= 0)
			printf(", expires in %s", duration(info->lease_left));
		printf("\n");
		if (info->renew_in >= 0 && info->rebind_in >= 0) {
			printf("\trenewal in %s", duration(info->renew_in));
			printf(", rebinding in %s\n",
			    duration(info->rebind_in));
		}
	}
	printf("\tdhcp server %s\n", addr(l->server));
}

static void
show_json(const struct ctl_iface_info *info)
{
	const struct lease	*l = &info->lease;
	uint32_t		 i;

	printf("  {");
	json_first = 1;
	json_key("interface");
	json_str(info->ifname);
	json_key("index");
	printf("%u", info->if_index);
	json_key("state");
	json_str(info->state);
	json_key("running");
	printf("%s", info->running ? "true" : "false");
	json_key("lease");
	printf("%s", info->have_lease ? "true" : "false");
	if (!info->have_lease) {
		printf("\n  }");
		return;
	}

	json_addr("address", l->address);
	json_key("prefixlen");
	printf("%d", prefixlen(l->netmask));
	json_addr("netmask", l->netmask);
	if (l->broadcast.s_addr != INADDR_ANY)
		json_addr("broadcast", l->broadcast);
	json_addr("server", l->server);
	json_time("lease_time", l->lease_time == LEASE_INFINITE ? -1 :
	    (int64_t)l->lease_time);
	json_time("lease_left", info->lease_left);
	json_time("renewal_in", info->renew_in);
	json_time("rebinding_in", info->rebind_in);

	json_key("routes");
	printf("[");
	if (l->nroutes > 0) {
		for (i = 0; i < l->nroutes; i++) {
			printf("%s{\"destination\": \"%s\", ", i ? ", " : "",
			    addr(l->routes[i].dst));
			printf("\"prefixlen\": %u, \"gateway\": ",
			    l->routes[i].prefixlen);
			if (l->routes[i].gw.s_addr == INADDR_ANY)
				printf("null}");
			else
				printf("\"%s\"}", addr(l->routes[i].gw));
		}
	} else if (l->nrouters > 0)
		printf("{\"destination\": \"0.0.0.0\", \"prefixlen\": 0, "
		    "\"gateway\": \"%s\"}", addr(l->routers[0]));
	printf("]");

	json_key("routers");
	printf("[");
	for (i = 0; i < l->nrouters; i++)
		printf("%s\"%s\"", i ? ", " : "", addr(l->routers[i]));
	printf("]");
	json_key("nameservers");
	printf("[");
	for (i = 0; i < l->ndns; i++)
		printf("%s\"%s\"", i ? ", " : "", addr(l->dns[i]));
	printf("]");
	if (l->domain[0] != '\0') {
		json_key("domain");
		json_str(l->domain);
	}
	json_key("search");
	printf("[");
	for (i = 0; i < l->nsearch; i++) {
		printf("%s", i ? ", " : "");
		json_str(l->search[i]);
	}
	printf("]");
	if (l->mtu != 0) {
		json_key("mtu");
		printf("%u", l->mtu);
	}
	printf("\n  }");
}

static void
json_key(const char *key)
{
	printf("%s\n    \"%s\": ", json_first ? "" : ",", key);
	json_first = 0;
}

/* A JSON string; bytes outside printable ASCII are escaped. */
static void
json_str(const char *s)
{
	const unsigned char	*p;

	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void
json_addr(const char *key, struct in_addr a)
{
	json_key(key);
	printf("\"%s\"", addr(a));
}

/* Seconds, or null for "never" (an infinite lease). */
static void
json_time(const char *key, int64_t secs)
{
	json_key(key);
	if (secs < 0)
		printf("null");
	else
		printf("%lld", (long long)secs);
}

/* "1 hour 5 minutes": the two largest units. */
static const char *
duration(int64_t secs)
{
	static const struct {
		const char	*name;
		int64_t		 secs;
	} units[] = {
		{ "day",	86400 },
		{ "hour",	3600 },
		{ "minute",	60 },
		{ "second",	1 }
	};
	static char	 buf[4][64];
	static int	 idx;
	char		*b;
	size_t		 i, len = 0;
	int64_t		 n;
	int		 shown = 0;

	b = buf[idx++ % 4];
	b[0] = '\0';
	if (secs <= 0) {
		snprintf(b, sizeof(buf[0]), "0 seconds");
		return (b);
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]) && shown < 2; i++) {
		n = secs / units[i].secs;
		secs %= units[i].secs;
		if (n == 0) {
			/* "1 hour 5 seconds" would mislead: stop. */
			if (shown)
				break;
			continue;
		}
		len += snprintf(b + len, sizeof(buf[0]) - len, "%s%lld %s%s",
		    shown ? " " : "", (long long)n, units[i].name,
		    n == 1 ? "" : "s");
		shown++;
	}
	return (b);
}

static const char *
addr(struct in_addr a)
{
	static char	 buf[4][INET_ADDRSTRLEN];
	static int	 idx;
	char		*b;

	b = buf[idx++ % 4];
	if (inet_ntop(AF_INET, &a, b, INET_ADDRSTRLEN) == NULL)
		snprintf(b, INET_ADDRSTRLEN, "?");
	return (b);
}

/* A string from the daemon, made safe for a terminal (\ooo escapes). */
static const char *
safe(const char *s)
{
	static char		 buf[2][4 * (LEASE_NAME_MAX + 1) + 1];
	static int		 idx;
	const unsigned char	*p;
	char			*b;
	size_t			 len = 0;

	b = buf[idx++ % 2];
	for (p = (const unsigned char *)s; *p != '\0' &&
	    len + 5 < sizeof(buf[0]); p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			len += snprintf(b + len, sizeof(buf[0]) - len,
			    "\\%03o", *p);
		else
			b[len++] = *p;
	}
	b[len] = '\0';
	return (b);
}

static int
prefixlen(struct in_addr mask)
{
	uint32_t	 m = ntohl(mask.s_addr);
	int		 n = 0;

	while (m & 0x80000000U) {
		n++;
		m <<= 1;
	}
	return (n);
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		err(1, "clock_gettime");
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}
