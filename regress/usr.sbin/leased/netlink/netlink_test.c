/*
 * netlink.c against the kernel, in a network namespace of its own: a
 * forked child unshares its network namespace, makes a veth pair there
 * and checks what each call did with ip(8).  The namespace, and all in
 * it, goes away with the child.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "netlink.h"
#include "regress.h"

#define NOIF	999999

static struct in_addr	 ip(const char *);
static int		 sh(const char *);
static int		 capture(const char *, char *, size_t);
static int		 lifetimes(int *, int *);
static int		 count_lines(const char *, const char *);
static int		 nl_fds_cloexec(void);
static void		 tests(void);

static struct in_addr
ip(const char *s)
{
	struct in_addr	a;

	if (inet_pton(AF_INET, s, &a) != 1)
		a.s_addr = 0;
	return (a);
}

static int
sh(const char *cmd)
{
	int	rv = system(cmd);

	if (rv != 0)
		printf("# \"%s\" failed: %d\n", cmd, rv);
	return (rv == 0 ? 0 : -1);
}

/* Run cmd, keep its output in buf. */
static int
capture(const char *cmd, char *buf, size_t len)
{
	FILE	*f;
	size_t	 n;

	buf[0] = '\0';
	if ((f = popen(cmd, "r")) == NULL)
		return (-1);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	return (pclose(f) == 0 ? 0 : -1);
}

/* Lifetimes of 192.0.2.100 on v0; -1 for "forever". */
static int
lifetimes(int *valid, int *pref)
{
	char		 buf[4096], *p;

	*valid = *pref = -2;
	if (capture("ip -o -4 addr show dev v0", buf, sizeof(buf)) == -1 ||
	    (p = strstr(buf, "192.0.2.100/")) == NULL ||
	    (p = strstr(p, "valid_lft ")) == NULL)
		return (-1);
	if (strncmp(p, "valid_lft forever preferred_lft forever", 39) == 0) {
		*valid = *pref = -1;
		return (0);
	}
	if (sscanf(p, "valid_lft %dsec preferred_lft %dsec", valid,
	    pref) != 2)
		return (-1);
	return (0);
}

/* Lines of cmd's output that contain s. */
static int
count_lines(const char *cmd, const char *s)
{
	char	 buf[8192], *line, *next;
	int	 n = 0;

	if (capture(cmd, buf, sizeof(buf)) == -1)
		return (-1);
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strstr(line, s) != NULL)
			n++;
	}
	return (n);
}

/* Every netlink socket this process holds is close-on-exec. */
static int
nl_fds_cloexec(void)
{
	socklen_t	len;
	int		fd, domain, found = 0, all = 1;

	for (fd = 0; fd < 1024; fd++) {
		len = sizeof(domain);
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain,
		    &len) == -1 || domain != AF_NETLINK)
			continue;
		found++;
		if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			all = 0;
	}
	return (found > 0 && all);
}

static void
tests(void)
{
	struct nl_link	 link, link2;
	struct nl_route	 keep[2];
	struct in_addr	 none = { 0 };
	unsigned int	 v0;
	char		 buf[4096], mac[32];
	int		 valid, pref, lt, rv, saved;

	if (sh("ip link set lo up && "
	    "ip link add v0 type veth peer name v1 && "
	    "ip link set v0 up && ip link set v1 up") == -1) {
		OK(0, "veth pair in the test namespace");
		return;
	}
	OK(nl_open() == 0, "nl_open opens a netlink socket");
	OK(nl_open() == 0, "nl_open again is harmless");
	OK(nl_fds_cloexec(), "the netlink socket is close-on-exec");

	/* Links. */
	OK(nl_link_info(0, "v0", &link) == 0 && link.ifindex > 0 &&
	    strcmp(link.ifname, "v0") == 0,
	    "nl_link_info finds an interface by name");
	v0 = link.ifindex;
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
	    link.mac[0], link.mac[1], link.mac[2], link.mac[3], link.mac[4],
	    link.mac[5]);
	capture("ip -o link show dev v0", buf, sizeof(buf));
	OK(link.maclen == 6 && strstr(buf, mac) != NULL,
	    "nl_link_info gives the MAC address (%s)", mac);
	OK(nl_link_info(v0, NULL, &link2) == 0 &&
	    strcmp(link2.ifname, "v0") == 0 && link2.mtu == 1500 &&
	    (link2.flags & IFF_UP),
	    "nl_link_info by index gives name, MTU and flags");
	errno = 0;
	OK(nl_link_info(0, "nosuch0", &link2) == -1 && errno == ENODEV,
	    "nl_link_info of a missing name: -1, ENODEV");
	errno = 0;
	OK(nl_link_info(NOIF, NULL, &link2) == -1 && errno == ENODEV,
	    "nl_link_info of a missing index: -1, ENODEV");

	/* Addresses. */
	OK(nl_addr_add(v0, ip("192.0.2.100"), 24, ip("192.0.2.255"), 100,
	    50) == 0, "an address with lifetimes is added");
	lt = lifetimes(&valid, &pref);
	OK(lt == 0 && valid > 95 && valid <= 100 &&
	    pref > 45 && pref <= 50,
	    "the kernel has the lifetimes as set (%d/%d)", valid, pref);
	OK(count_lines("ip -o -4 addr show dev v0",
	    "192.0.2.100/24 brd 192.0.2.255") == 1,
	    "the address has its prefix and broadcast");
	OK(count_lines("ip -o -4 route show table main",
	    "192.0.2.0/24 dev v0 proto kernel") == 1,
	    "the kernel adds the subnet route");
	OK(nl_addr_add(v0, ip("192.0.2.100"), 24, ip("192.0.2.255"), 300,
	    200) == 0, "adding the address again (renewal) succeeds");
	lt = lifetimes(&valid, &pref);
	OK(lt == 0 && valid > 295 && valid <= 300 &&
	    pref > 195 && pref <= 200,
	    "renewal updates the lifetimes (%d/%d)", valid, pref);
	OK(count_lines("ip -o -4 addr show dev v0", "inet ") == 1,
	    "renewal does not add a second address");
	OK(nl_addr_add(v0, ip("192.0.2.100"), 24, ip("192.0.2.255"),
	    NL_INFINITE, NL_INFINITE) == 0 && lifetimes(&valid, &pref) == 0 &&
	    valid == -1 && pref == -1,
	    "an infinite lease gives lifetimes \"forever\"");
	errno = 0;
	OK(nl_addr_add(v0, ip("192.0.2.100"), 24, none, 100, 200) == -1 &&
	    errno == EINVAL,
	    "preferred above valid lifetime: -1, EINVAL from the kernel");
	errno = 0;
	OK(nl_addr_add(NOIF, ip("192.0.2.100"), 24, none, 100, 50) == -1 &&
	    errno == ENODEV, "an address on a missing ifindex: -1, ENODEV");
	errno = 0;
	OK(nl_addr_add(v0, ip("192.0.2.100"), 33, none, 100, 50) == -1 &&
	    errno == EINVAL, "prefix length 33: -1, EINVAL");
	OK(lifetimes(&valid, &pref) == 0 && valid == -1,
	    "after the errors the address is as it was");

	/* Routes. */
	OK(nl_route_add(v0, none, 0, ip("192.0.2.1"), ip("192.0.2.100"),
	    100) == 0, "a default route is added");
	OK(count_lines("ip -o -4 route show table main",
	    "default via 192.0.2.1 dev v0 proto dhcp src 192.0.2.100 "
	    "metric 100") == 1,
	    "the default route has protocol dhcp, source and metric");
	OK(nl_route_add(v0, none, 0, ip("192.0.2.2"), ip("192.0.2.100"),
	    100) == 0, "the default route is added again, new gateway");
	OK(count_lines("ip -o -4 route show table main", "default") == 1 &&
	    count_lines("ip -o -4 route show table main",
	    "default via 192.0.2.2 dev v0 proto dhcp") == 1,
	    "adding again replaces the route");
	OK(nl_route_add(v0, ip("203.0.113.1"), 32, none, none, 100) == 0 &&
	    count_lines("ip -o -4 route show table main",
	    "203.0.113.1 dev v0 proto dhcp scope link metric 100") == 1,
	    "an on-link classless route (gateway 0.0.0.0)");
	OK(nl_route_add(v0, ip("198.51.100.0"), 24, ip("203.0.113.1"), none,
	    100) == 0 && count_lines("ip -o -4 route show table main",
	    "198.51.100.0/24 via 203.0.113.1 dev v0 proto dhcp metric 100")
	    == 1, "a classless route via a gateway made on-link");
	OK(nl_route_add(v0, ip("10.0.0.0"), 8, ip("192.0.2.1"), none,
	    100) == 0 && count_lines("ip -o -4 route show table main",
	    "10.0.0.0/8 via 192.0.2.1 dev v0 proto dhcp metric 100") == 1,
	    "a classless route via a gateway in the subnet");
	errno = 0;
	rv = nl_route_add(v0, ip("172.20.0.0"), 16, ip("203.0.113.99"), none,
	    100);
	saved = errno;
	OK(rv == -1 && saved != 0,
	    "a route via an unreachable gateway: -1 (%s)", strerror(saved));
	errno = 0;
	OK(nl_route_add(NOIF, ip("172.20.0.0"), 16, none, none, 100) == -1 &&
	    errno == ENODEV, "a route on a missing ifindex: -1, ENODEV");

	OK(nl_route_add(v0, ip("172.21.0.0"), 16, ip("192.0.2.1"), none,
	    50) == 0 && nl_route_del(v0, ip("172.21.0.0"), 16,
	    ip("192.0.2.1"), 50) == 0 && count_lines("ip -o -4 route show "
	    "table main", "172.21.0.0") == 0,
	    "a route is deleted");
	errno = 0;
	OK(nl_route_del(v0, ip("172.21.0.0"), 16, ip("192.0.2.1"), 50) == -1
	    && errno == ESRCH, "deleting it again: -1, ESRCH");

	/* Flush only what is ours. */
	sh("ip route add 172.16.0.0/12 via 192.0.2.1 dev v0 metric 100");
	sh("ip route add 172.17.0.0/16 via 192.0.2.1 dev v0 proto static");
	sh("ip route add 10.99.0.0/16 dev v1 proto dhcp");
	OK(nl_routes_flush(v0) == 0, "the dhcp routes on v0 are flushed");
	OK(count_lines("ip -o -4 route show table main", "dev v0 proto dhcp")
	    == 0, "no protocol dhcp route is left on v0");
	OK(count_lines("ip -o -4 route show table main", "172.16.0.0/12") ==
	    1 && count_lines("ip -o -4 route show table main",
	    "172.17.0.0/16") == 1,
	    "routes of other protocols survive the flush");
	OK(count_lines("ip -o -4 route show table main",
	    "10.99.0.0/16 dev v1 proto dhcp") == 1,
	    "protocol dhcp routes on another interface survive the flush");
	OK(count_lines("ip -o -4 route show table main",
	    "192.0.2.0/24 dev v0 proto kernel") == 1,
	    "the kernel's subnet route survives the flush");
	OK(nl_routes_flush(v0) == 0, "flushing with nothing to flush is fine");

	/* Prune: keep what the new lease still has. */
	keep[0].dst = none;
	keep[0].prefixlen = 0;
	keep[0].gw = ip("192.0.2.1");
	keep[0].metric = 100;
	keep[1].dst = ip("10.0.0.0");
	keep[1].prefixlen = 8;
	keep[1].gw = ip("192.0.2.1");
	keep[1].metric = 100;
	nl_route_add(v0, none, 0, ip("192.0.2.1"), none, 100);
	nl_route_add(v0, ip("10.0.0.0"), 8, ip("192.0.2.1"), none, 100);
	nl_route_add(v0, ip("10.0.0.0"), 8, ip("192.0.2.1"), none, 200);
	nl_route_add(v0, ip("10.1.0.0"), 16, ip("192.0.2.1"), none, 100);
	OK(count_lines("ip -o -4 route show table main",
	    "dev v0 proto dhcp") == 4, "four dhcp routes before pruning");
	OK(nl_routes_prune(v0, keep, 2) == 0 &&
	    count_lines("ip -o -4 route show table main",
	    "dev v0 proto dhcp") == 2,
	    "pruning keeps exactly the routes asked for");
	OK(count_lines("ip -o -4 route show table main",
	    "default via 192.0.2.1 dev v0 proto dhcp metric 100") == 1 &&
	    count_lines("ip -o -4 route show table main",
	    "10.0.0.0/8 via 192.0.2.1 dev v0 proto dhcp metric 100") == 1,
	    "the kept routes are the default and 10/8 of metric 100");
	OK(nl_routes_flush(v0) == 0 && count_lines("ip -o -4 route show "
	    "table main", "dev v0 proto dhcp") == 0,
	    "flush then removes them");

	/* MTU. */
	OK(nl_mtu_set(v0, 1400) == 0 && nl_link_info(v0, NULL, &link2) == 0 &&
	    link2.mtu == 1400, "the MTU is set");
	OK(count_lines("ip -o link show dev v0", "mtu 1400") == 1,
	    "ip(8) sees the new MTU");
	errno = 0;
	OK(nl_mtu_set(v0, 67) == -1 && errno == EINVAL,
	    "MTU 67 is refused by the kernel: -1, EINVAL");
	errno = 0;
	OK(nl_mtu_set(NOIF, 1400) == -1 && errno == ENODEV,
	    "MTU on a missing ifindex: -1, ENODEV");

	/* Delete the address. */
	OK(nl_addr_del(v0, ip("192.0.2.100"), 24) == 0 &&
	    count_lines("ip -o -4 addr show dev v0", "inet ") == 0,
	    "the address is deleted");
	errno = 0;
	OK(nl_addr_del(v0, ip("192.0.2.100"), 24) == -1 &&
	    errno == EADDRNOTAVAIL,
	    "deleting it again: -1, EADDRNOTAVAIL");
	OK(nl_link_info(v0, NULL, &link2) == 0,
	    "the socket still works after the errors");

	nl_close();
	errno = 0;
	OK(nl_mtu_set(v0, 1500) == -1 && errno == EBADF,
	    "a call after nl_close: -1, EBADF");
}

int
main(void)
{
	pid_t	pid;
	int	status;

	if (geteuid() != 0) {
		printf("not ok - the netlink tests need root\n");
		return (1);
	}
	fflush(stdout);
	if ((pid = fork()) == -1) {
		printf("not ok - fork\n");
		return (1);
	}
	if (pid == 0) {
		log_init(1, LOG_DAEMON);
		if (unshare(CLONE_NEWNET) == -1) {
			printf("not ok - unshare(CLONE_NEWNET): %s\n",
			    strerror(errno));
			_exit(1);
		}
		tests();
		fflush(stdout);
		_exit(regress_done());
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		printf("not ok - the test process ran to its end\n");
		return (1);
	}
	return (WEXITSTATUS(status));
}
