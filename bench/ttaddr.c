/*
 * ttaddr: run a DHCP client and time how long it takes until an IPv4
 * address appears on an interface, as the kernel reports it
 * (RTM_NEWADDR on an rtnetlink socket opened before the client starts).
 *
 *	ttaddr -i ifname | -n count [-l file] [-p pidfile] [-t timeout] [-k]
 *	    -- command [arg ...]
 *
 * With -n, waits instead until count interfaces (lo aside) have one,
 * and -l names a file that gets the time of each one's first address
 * (ms since the start, one a line).
 * Prints "start END ms" (CLOCK_REALTIME seconds, so that they compare
 * with packet capture timestamps, and the difference in milliseconds).
 * With -k the client is stopped (SIGTERM, then SIGKILL) once the
 * address is there; without, ttaddr waits for the client to exit and
 * passes SIGTERM on to it.  The client runs in a process group of its
 * own, which is killed when it stops.
 */

#include <sys/socket.h>
#include <sys/wait.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void	usage(void) __attribute__((__noreturn__));
static double	now(void);
static int	has_addr(int, unsigned int);
static int	seen(unsigned int);
static void	writelog(const char *);

static unsigned int	*seenidx;
static double		*seenms, tstart;
static size_t		 nseen, maxseen;
static void	stop(pid_t);
static void	onterm(int);

static volatile sig_atomic_t	gotterm;

static void
usage(void)
{
	fprintf(stderr, "usage: ttaddr -i ifname | -n count [-k] [-l file] "
	    "[-p pidfile] [-t timeout] -- command [arg ...]\n");
	exit(2);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static void
onterm(int sig)
{
	(void)sig;
	gotterm = 1;
}

/* Note an interface with an address; the count of distinct ones. */
static int
seen(unsigned int ifindex)
{
	size_t	i;

	for (i = 0; i < nseen; i++)
		if (seenidx[i] == ifindex)
			return ((int)nseen);
	if (nseen < maxseen) {
		seenms[nseen] = (now() - tstart) * 1e3;
		seenidx[nseen++] = ifindex;
	}
	return ((int)nseen);
}

static void
writelog(const char *path)
{
	FILE	*fp;
	size_t	 i;

	if (path == NULL)
		return;
	if ((fp = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	for (i = 0; i < nseen; i++)
		fprintf(fp, "%.3f\n", seenms[i]);
	fclose(fp);
}

/*
 * Read what the socket holds; 1 once an IPv4 address on ifindex came,
 * or (ifindex 0) once maxseen interfaces got one.
 */
static int
has_addr(int fd, unsigned int ifindex)
{
	char			 buf[16384];
	struct nlmsghdr		*nh;
	struct ifaddrmsg	*ifa;
	ssize_t			 n;
	int			 found = 0;

	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		    nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_type != RTM_NEWADDR)
				continue;
			ifa = NLMSG_DATA(nh);
			if (ifa->ifa_family != AF_INET)
				continue;
			if (ifindex == 0) {
				if (ifa->ifa_index != 1 &&
				    seen(ifa->ifa_index) == (int)maxseen)
					found = 1;
			} else if (ifa->ifa_index == ifindex)
				found = 1;
		}
	}
	if (n == -1 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS)
		err(1, "recv");
	return (found);
}

/*
 * SIGTERM to the client, then, once it is gone or after 1 s, SIGKILL to
 * whatever is left of its process group (helpers a client forked and
 * did not take down with it).
 */
static void
stop(pid_t pid)
{
	int	i, status;

	kill(pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		usleep(10000);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_nl	 snl;
	struct pollfd		 pfd;
	struct sigaction	 sa;
	const char		*ifname = NULL, *pidfile = NULL, *logfile = NULL;
	FILE			*fp;
	double			 t0, t1, deadline, timeout = 30;
	unsigned int		 ifindex;
	pid_t			 pid;
	int			 ch, fd, killit = 0, status, exited = 0;

	while ((ch = getopt(argc, argv, "i:kl:n:p:t:")) != -1) {
		switch (ch) {
		case 'i':
			ifname = optarg;
			break;
		case 'k':
			killit = 1;
			break;
		case 'l':
			logfile = optarg;
			break;
		case 'n':
			maxseen = strtoul(optarg, NULL, 10);
			break;
		case 'p':
			pidfile = optarg;
			break;
		case 't':
			timeout = atof(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((ifname == NULL) == (maxseen == 0) || argc == 0)
		usage();
	if (ifname != NULL) {
		if ((ifindex = if_nametoindex(ifname)) == 0)
			err(1, "%s", ifname);
	} else {
		ifindex = 0;
		if ((seenidx = calloc(maxseen, sizeof(*seenidx))) == NULL ||
		    (seenms = calloc(maxseen, sizeof(*seenms))) == NULL)
			err(1, NULL);
	}

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1)
		err(1, "socket");
	ch = 4 << 20;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &ch, sizeof(ch));
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	snl.nl_groups = RTMGRP_IPV4_IFADDR;
	if (bind(fd, (struct sockaddr *)&snl, sizeof(snl)) == -1)
		err(1, "bind");

	/* No SA_RESTART: a signal must interrupt waitpid(). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onterm;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	tstart = t0 = now();
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		execvp(argv[0], argv);
		err(127, "%s", argv[0]);
	}
	setpgid(pid, pid);
	if (pidfile != NULL) {
		if ((fp = fopen(pidfile, "w")) == NULL)
			err(1, "%s", pidfile);
		fprintf(fp, "%d\n", (int)pid);
		fclose(fp);
	}

	deadline = t0 + timeout;
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		if (gotterm || now() > deadline) {
			writelog(logfile);
			stop(pid);
			printf("%.6f - timeout %zu\n", t0, nseen);
			return (1);
		}
		if (poll(&pfd, 1, 100) == 1 && has_addr(fd, ifindex))
			break;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = 1;
			if (has_addr(fd, ifindex))
				break;
			printf("%.6f - exited\n", t0);
			return (1);
		}
	}
	t1 = now();
	writelog(logfile);
	printf("%.6f %.6f %.3f\n", t0, t1, (t1 - t0) * 1e3);
	fflush(stdout);
	close(fd);

	if (exited) {
		kill(-pid, SIGKILL);
		return (0);
	}
	if (killit) {
		stop(pid);
		return (0);
	}
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			err(1, "waitpid");
		if (gotterm) {
			stop(pid);
			return (0);
		}
	}
	kill(-pid, SIGKILL);
	return (0);
}
