/*
 * fakectl: a stand-in for leased's control socket, for the leasectl
 * regress.  It serves one client, writes each request it gets to
 * stdout ("SHOW_INTERFACE_INFO 1", "MANAGE lo", ...) and answers as the
 * mode says, including the wrong ways a broken daemon could answer.
 *
 * usage: fakectl path mode
 *
 *	one		show: one bound interface, default route via a router
 *	two		show: a bound interface with classless routes and an
 *			infinite lease, then one without a lease
 *	none		show: no interface
 *	short		show: an interface info one byte short
 *	long		show: an interface info one byte long
 *	unterminated	show: an interface name without its NUL
 *	count		show: more classless routes than a lease holds
 *	hugelen		show: a header claiming more than the largest message
 *	type		show: a message of a type that is no answer
 *	close		any request: close without an answer
 *	wait-N		manage: end; show: "Selecting" N-1 times, then bound
 *	never		manage: end; show: always "Selecting"
 *
 * The socket appears under its name only once it listens.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <net/if.h>
#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "lease.h"
#include "leased.h"

static void	answer_show(struct imsgbuf *, uint32_t);
static void	info_bound(struct ctl_iface_info *, uint32_t, const char *);
static void	info_classless(struct ctl_iface_info *);
static void	send_info(struct imsgbuf *, const void *, size_t);
static void	send_end(struct imsgbuf *);
static void	flush(struct imsgbuf *);
static struct in_addr ip(const char *);

static const char	*mode;
static int		 shows;

int
main(int argc, char *argv[])
{
	struct sockaddr_un	 sun;
	struct imsgbuf		 ibuf;
	struct imsg		 imsg;
	char			 tmp[sizeof(sun.sun_path)];
	char			 ifname[IF_NAMESIZE];
	uint32_t		 type, if_index;
	int			 lfd, fd, n, verbose;

	if (argc != 3) {
		fprintf(stderr, "usage: fakectl path mode\n");
		return (1);
	}
	mode = argv[2];
	alarm(30);	/* never outlive a broken test */
	signal(SIGPIPE, SIG_IGN);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]) >=
	    (int)sizeof(tmp) || strlen(tmp) >= sizeof(sun.sun_path))
		errx(1, "path too long");
	memcpy(sun.sun_path, tmp, strlen(tmp));
	unlink(tmp);
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	if (bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "bind");
	if (listen(lfd, 1) == -1)
		err(1, "listen");
	if (rename(tmp, argv[1]) == -1)
		err(1, "rename");
	if ((fd = accept(lfd, NULL, NULL)) == -1)
		err(1, "accept");
	close(lfd);
	unlink(argv[1]);
	if (imsgbuf_init(&ibuf, fd) == -1)
		err(1, "imsgbuf_init");

	for (;;) {
		if ((n = imsgbuf_read(&ibuf)) == -1)
			err(1, "read");
		if (n == 0)
			break;
		for (;;) {
			if ((n = imsgbuf_get(&ibuf, &imsg)) == -1)
				err(1, "imsgbuf_get");
			if (n == 0)
				break;
			type = imsg_get_type(&imsg);
			if (strcmp(mode, "close") == 0) {
				printf("request %u, closing\n", type);
				return (0);
			}
			switch (type) {
			case IMSG_CTL_SHOW_INTERFACE_INFO:
				if (imsg_get_data(&imsg, &if_index,
				    sizeof(if_index)) == -1)
					errx(1, "bad show request");
				printf("SHOW_INTERFACE_INFO %u\n", if_index);
				answer_show(&ibuf, if_index);
				break;
			case IMSG_CTL_SEND_REQUEST:
			case IMSG_CTL_RELEASE:
				if (imsg_get_data(&imsg, &if_index,
				    sizeof(if_index)) == -1)
					errx(1, "bad request");
				printf("%s %u\n", type == IMSG_CTL_RELEASE ?
				    "RELEASE" : "SEND_REQUEST", if_index);
				break;
			case IMSG_CTL_LOG_VERBOSE:
				if (imsg_get_data(&imsg, &verbose,
				    sizeof(verbose)) == -1)
					errx(1, "bad log request");
				printf("LOG_VERBOSE %d\n", verbose);
				break;
			case IMSG_CTL_RELOAD:
				if (imsg_get_len(&imsg) != 0)
					errx(1, "bad reload request");
				printf("RELOAD\n");
				send_end(&ibuf);
				break;
			case IMSG_CTL_MANAGE:
				/* Exactly the daemon's check. */
				if (imsg_get_strbuf(&imsg, ifname,
				    sizeof(ifname)) == -1)
					errx(1, "bad manage request");
				printf("MANAGE %s\n", ifname);
				send_end(&ibuf);
				break;
			default:
				errx(1, "unknown request %u", type);
			}
			fflush(stdout);
			imsg_free(&imsg);
			flush(&ibuf);
		}
	}
	printf("client closed\n");
	return (0);
}

static void
answer_show(struct imsgbuf *ibuf, uint32_t if_index)
{
	struct ctl_iface_info	 info;
	struct imsg_hdr		 hdr;
	char			 big[sizeof(info) + 1];
	int			 wait;

	shows++;
	if (strcmp(mode, "none") == 0) {
		send_end(ibuf);
	} else if (strcmp(mode, "one") == 0) {
		info_bound(&info, if_index ? if_index : 2, "eth0");
		send_info(ibuf, &info, sizeof(info));
		send_end(ibuf);
	} else if (strcmp(mode, "two") == 0) {
		info_bound(&info, 2, "eth0");
		info_classless(&info);
		send_info(ibuf, &info, sizeof(info));
		memset(&info, 0, sizeof(info));
		info.if_index = 3;
		strcpy(info.ifname, "eth1");
		strcpy(info.state, "Selecting");
		info.lease_left = info.renew_in = info.rebind_in = -1;
		send_info(ibuf, &info, sizeof(info));
		send_end(ibuf);
	} else if (strcmp(mode, "short") == 0) {
		info_bound(&info, 2, "eth0");
		send_info(ibuf, &info, sizeof(info) - 1);
		send_end(ibuf);
	} else if (strcmp(mode, "long") == 0) {
		info_bound(&info, 2, "eth0");
		memset(big, 0, sizeof(big));
		memcpy(big, &info, sizeof(info));
		send_info(ibuf, big, sizeof(big));
		send_end(ibuf);
	} else if (strcmp(mode, "unterminated") == 0) {
		info_bound(&info, 2, "eth0");
		memset(info.ifname, 'A', sizeof(info.ifname));
		send_info(ibuf, &info, sizeof(info));
		send_end(ibuf);
	} else if (strcmp(mode, "count") == 0) {
		info_bound(&info, 2, "eth0");
		info.lease.nroutes = LEASE_MAX_ROUTES + 1;
		send_info(ibuf, &info, sizeof(info));
		send_end(ibuf);
	} else if (strcmp(mode, "hugelen") == 0) {
		/* Past the reader's limit: the header alone is the lie. */
		memset(&hdr, 0, sizeof(hdr));
		hdr.type = IMSG_CTL_INTERFACE_INFO;
		hdr.len = MAX_IMSGSIZE * 4;
		if (write(ibuf->fd, &hdr, sizeof(hdr)) != sizeof(hdr))
			err(1, "write");
	} else if (strcmp(mode, "type") == 0) {
		if (imsg_compose(ibuf, IMSG_CTL_MANAGE, 0, 0, -1, NULL,
		    0) == -1)
			err(1, "imsg_compose");
	} else if (strncmp(mode, "wait-", 5) == 0 ||
	    strcmp(mode, "never") == 0) {
		wait = mode[0] == 'w' ? atoi(mode + 5) : 0;
		info_bound(&info, if_index, "lo");
		if (wait == 0 || shows < wait) {
			info.have_lease = 0;
			strcpy(info.state, "Selecting");
		}
		send_info(ibuf, &info, sizeof(info));
		send_end(ibuf);
	} else
		errx(1, "unknown mode %s", mode);
}

/* A bound lease of two minutes, 10 seconds old. */
static void
info_bound(struct ctl_iface_info *info, uint32_t if_index,
    const char *ifname)
{
	struct lease	*l = &info->lease;

	memset(info, 0, sizeof(*info));
	info->if_index = if_index;
	snprintf(info->ifname, sizeof(info->ifname), "%s", ifname);
	strcpy(info->state, "Bound");
	info->running = 1;
	info->have_lease = 1;
	snprintf(l->ifname, sizeof(l->ifname), "%s", ifname);
	l->address = ip("192.0.2.163");
	l->netmask = ip("255.255.255.0");
	l->broadcast = ip("192.0.2.255");
	l->server = ip("192.0.2.1");
	l->lease_time = 120;
	l->renewal = 60;
	l->rebinding = 105;
	l->mtu = 1400;
	l->nrouters = 2;
	l->routers[0] = ip("192.0.2.1");
	l->routers[1] = ip("192.0.2.2");
	l->ndns = 2;
	l->dns[0] = ip("192.0.2.53");
	l->dns[1] = ip("192.0.2.54");
	/* What a hostile server might slip past a careless daemon. */
	strcpy(l->domain, "ex\"ample\\.org\033[2J");
	l->nsearch = 2;
	strcpy(l->search[0], "example.org");
	strcpy(l->search[1], "example.net");
	info->lease_left = 110;
	info->renew_in = 50;
	info->rebind_in = 95;
}

/* Classless routes (one on-link, one default) and no end. */
static void
info_classless(struct ctl_iface_info *info)
{
	struct lease	*l = &info->lease;

	l->lease_time = LEASE_INFINITE;
	info->lease_left = info->renew_in = info->rebind_in = -1;
	l->nroutes = 3;
	l->routes[0].dst = ip("198.51.100.0");
	l->routes[0].prefixlen = 24;
	l->routes[0].gw = ip("192.0.2.254");
	l->routes[1].dst = ip("203.0.113.0");
	l->routes[1].prefixlen = 25;
	l->routes[1].gw = ip("0.0.0.0");
	l->routes[2].dst = ip("0.0.0.0");
	l->routes[2].prefixlen = 0;
	l->routes[2].gw = ip("192.0.2.1");
	l->mtu = 0;
	l->domain[0] = '\0';
	l->nsearch = 0;
	l->broadcast = ip("0.0.0.0");
}

static void
send_info(struct imsgbuf *ibuf, const void *data, size_t len)
{
	if (imsg_compose(ibuf, IMSG_CTL_INTERFACE_INFO, 0, 0, -1, data,
	    len) == -1)
		err(1, "imsg_compose");
}

static void
send_end(struct imsgbuf *ibuf)
{
	if (imsg_compose(ibuf, IMSG_CTL_END, 0, 0, -1, NULL, 0) == -1)
		err(1, "imsg_compose");
}

static void
flush(struct imsgbuf *ibuf)
{
	/* The client may be gone already: that is its business. */
	if (imsgbuf_flush(ibuf) == -1 && errno != EPIPE)
		err(1, "write");
}

static struct in_addr
ip(const char *s)
{
	struct in_addr	 a;

	if (inet_pton(AF_INET, s, &a) != 1)
		errx(1, "bad address %s", s);
	return (a);
}
