/*
 * Stand-ins for everything of the daemon's with side effects or
 * privileges, for the imsg decoder fuzz targets: logging (formatted,
 * so a bad argument is still seen, then dropped), fatal() (back to the
 * harness), the sandbox, rtnetlink (a fake kernel with two Ethernet
 * links that checks what it is asked), the socket filters (real but
 * harmless sockets, so fd passing works), lease files (formatted and
 * parsed back) and resolv.conf (formatted): nothing is written.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"
#include "filter.h"
#include "lease.h"
#include "leased.h"
#include "log.h"
#include "netlink.h"
#include "resolv.h"
#include "sandbox.h"
#include "validate.h"
#include "fuzz.h"

#define LOG_BUF		4096

uint32_t	arc4random(void);
int		control_create(const char *, gid_t);

static void	fz_check(int, const char *);

static int	log_verbose;
static int	packet_fd = -1;
static int	log_show = -1;
static char	log_last[LOG_BUF];

/* Logging: formatted in full, shown only with FUZZ_LOG set. */
void
log_init(int debug, int facility)
{
	(void)debug;
	(void)facility;
}

void
log_procinit(const char *name)
{
	(void)name;
}

void
log_sandboxed(void)
{
}

void
log_setverbose(int v)
{
	log_verbose = v;
}

int
log_getverbose(void)
{
	return (log_verbose);
}

void
vlog(int pri, const char *fmt, va_list ap)
{
	if (log_show == -1)
		log_show = getenv("FUZZ_LOG") != NULL;
	vsnprintf(log_last, sizeof(log_last), fmt, ap);
	if (log_show)
		fprintf(stderr, "log %d: %s\n", pri, log_last);
}

void
logit(int pri, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(pri, fmt, ap);
	va_end(ap);
}

void
log_warn(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_ERR, emsg, ap);
	va_end(ap);
}

void
log_warnx(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_ERR, emsg, ap);
	va_end(ap);
}

void
log_info(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_INFO, emsg, ap);
	va_end(ap);
}

void
log_debug(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_DEBUG, emsg, ap);
	va_end(ap);
}

/*
 * The daemon would exit here.  That is the right end for a malformed
 * message from another leased process; from a control client, or for a
 * DHCP frame's content in the engine, it is a bug.
 */
char		fz_last_fatal[LOG_BUF];

static void
fz_check(int sys, const char *msg)
{
	struct imsg_frame	 f;

	snprintf(fz_last_fatal, sizeof(fz_last_fatal), "%s", msg);
	if (log_show == -1)
		log_show = getenv("FUZZ_LOG") != NULL;
	if (log_show)
		fprintf(stderr, "fatal%s: %s\n", sys ? "" : "x", msg);
	if (fz_never_fatal) {
		fprintf(stderr, "fuzz: %s made the process exit: %s\n",
		    fz_never_fatal_why, msg);
		abort();
	}
	if (fz_dhcp_rule && fz_cur_set && !fz_cur_parent &&
	    fz_cur_type == IMSG_DHCP_FRAME && fz_cur_len == sizeof(f) &&
	    fz_cur.data != NULL) {
		memcpy(&f, fz_cur.data, sizeof(f));
		if (f.len <= sizeof(f.frame)) {
			fprintf(stderr, "fuzz: a DHCP frame made the engine "
			    "exit: %s\n", msg);
			abort();
		}
	}
	if (!fz_armed) {
		fprintf(stderr, "fuzz: fatal outside a run: %s\n", msg);
		abort();
	}
	siglongjmp(fz_jmp, 1);
}

void
fatal(const char *emsg, ...)
{
	char	msg[LOG_BUF];
	va_list	ap;

	msg[0] = '\0';
	if (emsg != NULL) {
		va_start(ap, emsg);
		vsnprintf(msg, sizeof(msg), emsg, ap);
		va_end(ap);
	}
	fz_check(1, msg);
	abort();	/* not reached */
}

void
fatalx(const char *emsg, ...)
{
	char	msg[LOG_BUF];
	va_list	ap;

	va_start(ap, emsg);
	vsnprintf(msg, sizeof(msg), emsg, ap);
	va_end(ap);
	fz_check(0, msg);
	abort();	/* not reached */
}

/* The sandbox: nothing to restrict in a fuzzer. */
void
sandbox_trap(int on)
{
	(void)on;
}

int
sandbox_pledge(const char *promises)
{
	(void)promises;
	return (0);
}

int
sandbox_unveil(const char *path, const char *perm)
{
	(void)path;
	(void)perm;
	return (0);
}

int
sandbox_landlock_abi(void)
{
	errno = ENOSYS;
	return (-1);
}

/* Every transaction id, so that seeds can answer the engine. */
uint32_t
arc4random(void)
{
	return (FZ_XID);
}

/* The processes the target does not include. */
__attribute__((weak)) int
control_create(const char *path, gid_t gid)
{
	(void)path;
	(void)gid;
	return (-1);
}

__attribute__((weak)) void
engine(int debug, int verbose)
{
	(void)debug;
	(void)verbose;
	abort();
}

__attribute__((weak)) void
frontend(int debug, int verbose)
{
	(void)debug;
	(void)verbose;
	abort();
}

/*
 * The fake kernel: what the parent asks of it must be what the kernel
 * would take, so each request is checked.
 */
int
nl_open(void)
{
	return (0);
}

void
nl_close(void)
{
}

static void
nl_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz: the parent asked the kernel for a bad "
		    "%s\n", what);
		abort();
	}
}

int
nl_addr_add(unsigned int ifindex, struct in_addr addr, int plen,
    struct in_addr brd, uint32_t valid, uint32_t pref)
{
	(void)brd;
	nl_check(ifindex > 0, "address interface");
	nl_check(plen >= 1 && plen <= 32, "address prefix length");
	nl_check(validate_unicast(addr) == 0, "address");
	nl_check(pref <= valid, "address lifetime");
	return (0);
}

int
nl_addr_del(unsigned int ifindex, struct in_addr addr, int plen)
{
	(void)addr;
	nl_check(ifindex > 0, "address interface");
	nl_check(plen >= 0 && plen <= 32, "address prefix length");
	return (0);
}

int
nl_route_add(unsigned int ifindex, struct in_addr dst, int plen,
    struct in_addr gw, struct in_addr src, uint32_t metric)
{
	(void)dst;
	(void)gw;
	(void)src;
	(void)metric;
	nl_check(ifindex > 0, "route interface");
	nl_check(plen >= 0 && plen <= 32, "route prefix length");
	return (0);
}

int
nl_route_del(unsigned int ifindex, struct in_addr dst, int plen,
    struct in_addr gw, uint32_t metric)
{
	(void)dst;
	(void)gw;
	(void)metric;
	nl_check(ifindex > 0, "route interface");
	nl_check(plen >= 0 && plen <= 32, "route prefix length");
	return (0);
}

int
nl_routes_flush(unsigned int ifindex)
{
	nl_check(ifindex > 0, "route interface");
	return (0);
}

int
nl_routes_prune(unsigned int ifindex, const struct nl_route *keep, size_t n)
{
	size_t	i;

	nl_check(ifindex > 0, "route interface");
	nl_check(n <= LEASE_MAX_ROUTES, "number of routes to keep");
	for (i = 0; i < n; i++)
		nl_check(keep[i].prefixlen >= 0 && keep[i].prefixlen <= 32,
		    "kept route");
	return (0);
}

int
nl_mtu_set(unsigned int ifindex, uint32_t mtu)
{
	nl_check(ifindex > 0, "MTU interface");
	nl_check(mtu >= 68 && mtu <= 65535, "MTU");
	return (0);
}

int
nl_link_info(unsigned int ifindex, const char *name, struct nl_link *link)
{
	static const uint8_t	 mac0[] = FZ_MAC_ETH0, mac1[] = FZ_MAC_ETH1;
	static const char	*names[] = { "eth0", "eth1", "eth2" };
	unsigned int		 i;

	if (ifindex == 0 && name != NULL) {
		for (i = 0; i < 3; i++)
			if (strcmp(names[i], name) == 0)
				ifindex = i + 1;
	}
	if (ifindex < 1 || ifindex > 3) {
		errno = ENODEV;
		return (-1);
	}
	memset(link, 0, sizeof(*link));
	link->ifindex = ifindex;
	snprintf(link->ifname, sizeof(link->ifname), "%s", names[ifindex - 1]);
	link->flags = IFF_UP | IFF_RUNNING;
	link->mtu = 1500;
	if (ifindex < 3) {
		memcpy(link->mac, ifindex == 1 ? mac0 : mac1, NL_MAC_LEN);
		link->maclen = NL_MAC_LEN;
	}
	return (0);
}

/*
 * Filters: the sockets are real (the parent binds and disconnects
 * them) but admit nothing: a packet socket for protocol 0 and bound to
 * no interface, an unbound UDP socket.  /dev/null stands for a program.
 * Closing a packet socket waits for the network stack (synchronize_net)
 * and would make a run a hundred times slower: each interface gets a
 * dup of one made at start-up.
 */
void
fz_stubs_init(void)
{
	packet_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
}

int
filter_packet_open(unsigned int ifindex, const uint8_t *mac,
    struct in_addr leased, struct filter_tc *tc)
{
	memset(tc, 0, sizeof(*tc));
	tc->kind = FILTER_PACKET;
	tc->ifindex = ifindex;
	memcpy(tc->mac, mac, sizeof(tc->mac));
	tc->leased = leased;
	if (packet_fd == -1 ||
	    (tc->fd = fcntl(packet_fd, F_DUPFD_CLOEXEC, 0)) == -1) {
		tc->prog_fd = -1;
		return (-1);
	}
	tc->prog_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return (0);
}

int
filter_packet_update(struct filter_tc *tc, struct in_addr leased)
{
	tc->leased = leased;
	return (0);
}

int
filter_udp_open(unsigned int ifindex, const uint8_t *mac,
    struct in_addr leased, struct in_addr server, struct filter_tc *tc)
{
	nl_check(validate_unicast(leased) == 0, "UDP socket address");
	memset(tc, 0, sizeof(*tc));
	tc->kind = FILTER_UDP;
	tc->ifindex = ifindex;
	memcpy(tc->mac, mac, sizeof(tc->mac));
	tc->leased = leased;
	tc->server = server;
	if ((tc->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		tc->prog_fd = -1;
		return (-1);
	}
	tc->prog_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return (0);
}

void
filter_tc_remove(struct filter_tc *tc)
{
	if (tc->prog_fd != -1)
		close(tc->prog_fd);
	tc->prog_fd = -1;
}

int
filter_tc_remove_stale(unsigned int ifindex)
{
	(void)ifindex;
	return (0);
}

void
filter_audit(FILE *f, const char *ifname, const uint8_t *mac,
    struct in_addr leased, struct in_addr server)
{
	(void)f;
	(void)ifname;
	(void)mac;
	(void)leased;
	(void)server;
}

/* The lease eth1 has stored, valid for an hour from "now". */
void
fz_stored_lease(struct lease *l, const char *ifname, const uint8_t *mac,
    time_t now)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->ifname, sizeof(l->ifname), "%s", ifname);
	memcpy(l->mac, mac, sizeof(l->mac));
	inet_pton(AF_INET, "192.0.2.11", &l->address);
	inet_pton(AF_INET, "255.255.255.0", &l->netmask);
	inet_pton(AF_INET, "192.0.2.255", &l->broadcast);
	inet_pton(AF_INET, "192.0.2.1", &l->server);
	l->acquired = now - 10;
	l->lease_time = 3600;
	l->renewal = 1800;
	l->rebinding = 3150;
	l->nrouters = 1;
	inet_pton(AF_INET, "192.0.2.1", &l->routers[0]);
	l->ndns = 1;
	inet_pton(AF_INET, "192.0.2.53", &l->dns[0]);
	snprintf(l->domain, sizeof(l->domain), "example.org");
}

/*
 * Lease files: what the parent would write must be a valid lease and
 * must read back as the same lease, or the next start loses it.
 */
int
lease_write(const char *dir, const struct lease *l)
{
	static char	 buf[LEASE_FILE_MAX];
	struct lease	 back;
	char		 err[128];
	size_t		 len;

	(void)dir;
	nl_check(validate_lease(l, NULL, 0) == 0, "lease to write");
	len = lease_format(l, buf, sizeof(buf));
	if (len == 0 || len >= sizeof(buf))
		return (-1);
	if (lease_parse(buf, len, &back, err, sizeof(err)) == -1) {
		fprintf(stderr, "fuzz: a lease the parent wrote does not "
		    "load: %s\n%s", err, buf);
		abort();
	}
	return (0);
}

enum lease_load_result
lease_load(const char *dir, const char *ifname, const uint8_t *mac,
    time_t now, struct lease *l)
{
	(void)dir;
	if (strcmp(ifname, "eth1") != 0)
		return (LEASE_NONE);
	fz_stored_lease(l, ifname, mac, now);
	return (LEASE_LOADED);
}

int
lease_remove(const char *dir, const char *ifname)
{
	(void)dir;
	nl_check(validate_ifname(ifname, IF_NAMESIZE) == 0,
	    "lease file name");
	return (0);
}

int
resolv_write(const char *path, const struct lease *l)
{
	static char	buf[RESOLV_FILE_MAX];

	(void)path;
	return (resolv_format(l, buf, sizeof(buf)) == -1 ? -1 : 0);
}

int
resolv_withdraw(const char *path, const char *ifname)
{
	(void)path;
	(void)ifname;
	return (0);
}
