/*
 * A compromised engine.  Take the running engine's channel to the
 * parent (fd 3) with pidfd_getfd(2), stop the engine, and send the
 * parent what a compromised engine might: a lease it must refuse.
 *
 *	fakeengine ENGINE-PID CASE IFNAME MAC
 *
 * CASE is one of: prefix0, netmask, multicast, loopback, routes,
 * gateway, mtu, acquired, short, unterminated; or "linkgone", where PID is the
 * frontend's and it tells the parent the interface went away.
 */

#include <sys/types.h>
#include <sys/syscall.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <err.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"
#include "leased.h"

#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd	438
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open	434
#endif

int
main(int argc, char *argv[])
{
	static struct lease	 l;
	struct imsgbuf		 ibuf;
	unsigned int		 m[6];
	size_t			 len = sizeof(l);
	pid_t			 pid;
	int			 pidfd, fd, i;

	if (argc != 5)
		errx(2, "usage: fakeengine pid case ifname mac");
	pid = atoi(argv[1]);
	if ((pidfd = syscall(SYS_pidfd_open, pid, 0)) == -1)
		err(1, "pidfd_open");
	if ((fd = syscall(SYS_pidfd_getfd, pidfd, LEASED_PARENT_FD, 0)) == -1)
		err(1, "pidfd_getfd");
	/* From now on we are the engine. */
	if (kill(pid, SIGSTOP) == -1)
		err(1, "SIGSTOP");

	/* A lease the parent would accept, made bad below. */
	memset(&l, 0, sizeof(l));
	snprintf(l.ifname, sizeof(l.ifname), "%s", argv[3]);
	if (sscanf(argv[4], "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3],
	    &m[4], &m[5]) != 6)
		errx(2, "bad mac");
	for (i = 0; i < 6; i++)
		l.mac[i] = m[i];
	inet_pton(AF_INET, "192.0.2.77", &l.address);
	inet_pton(AF_INET, "255.255.255.0", &l.netmask);
	inet_pton(AF_INET, "192.0.2.1", &l.server);
	l.acquired = time(NULL);
	l.lease_time = 120;
	l.renewal = 60;
	l.rebinding = 105;
	l.nrouters = 1;
	inet_pton(AF_INET, "192.0.2.1", &l.routers[0]);

	if (strcmp(argv[2], "prefix0") == 0)
		l.netmask.s_addr = 0;
	else if (strcmp(argv[2], "netmask") == 0)
		inet_pton(AF_INET, "255.0.255.0", &l.netmask);
	else if (strcmp(argv[2], "multicast") == 0)
		inet_pton(AF_INET, "224.0.0.77", &l.address);
	else if (strcmp(argv[2], "loopback") == 0)
		inet_pton(AF_INET, "127.0.0.77", &l.address);
	else if (strcmp(argv[2], "routes") == 0)
		l.nroutes = LEASE_MAX_ROUTES + 1;
	else if (strcmp(argv[2], "gateway") == 0)
		inet_pton(AF_INET, "203.0.113.1", &l.routers[0]);
	else if (strcmp(argv[2], "mtu") == 0)
		l.mtu = 67;
	else if (strcmp(argv[2], "acquired") == 0)
		l.acquired = INT64_MAX;
	else if (strcmp(argv[2], "short") == 0)
		len--;
	else if (strcmp(argv[2], "unterminated") == 0)
		memset(l.domain, 'a', sizeof(l.domain));
	else if (strcmp(argv[2], "linkgone") != 0)
		errx(2, "unknown case %s", argv[2]);

	if (imsgbuf_init(&ibuf, fd) == -1)
		err(1, "imsgbuf_init");
	if (strcmp(argv[2], "linkgone") == 0) {
		uint32_t	if_index = if_nametoindex(argv[3]);

		if (imsg_compose(&ibuf, IMSG_LINK_GONE, 0, 0, -1, &if_index,
		    sizeof(if_index)) == -1 || imsgbuf_flush(&ibuf) == -1)
			err(1, "send");
		return (0);
	}
	if (imsg_compose(&ibuf, IMSG_CONFIGURE, 0, 0, -1, &l, len) == -1 ||
	    imsgbuf_flush(&ibuf) == -1)
		err(1, "send");
	return (0);
}
