/*
 * rtnetlink through libmnl, for the parent only.
 *
 * One NETLINK_ROUTE socket, opened by nl_open() and held here; no other
 * state.  Requests are synchronous: send, then read until the kernel's
 * acknowledgement (or the end of a dump) with our sequence number.
 * Answers to earlier requests are skipped by their sequence number.
 *
 * Everything leased adds is tagged: routes carry protocol "dhcp"
 * (RTPROT_DHCP), which is how nl_routes_flush() finds them again, and
 * addresses carry the lease's lifetimes, so that the kernel removes an
 * address when its lease runs out even if leased is gone.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "netlink.h"

#define NL_BUFSIZE	32768	/* what libmnl advises for dumps */

struct nl_routes {
	unsigned int	 ifindex;
	struct nl_route	*v;
	size_t		 n;
	size_t		 cap;
};

static struct mnl_socket	*nl;

static int	nl_request(struct nlmsghdr *, mnl_cb_t, void *,
		    const char *);
static void	nl_error(const struct nlmsghdr *, int, const char *);
static int	nl_attr_cb(const struct nlattr *, void *);
static int	nl_link_cb(const struct nlmsghdr *, void *);
static int	nl_route_cb(const struct nlmsghdr *, void *);
static const char *nl_addrstr(struct in_addr, char *, size_t);

int
nl_open(void)
{
	int	one = 1;

	if (nl != NULL)
		return (0);
	if ((nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC)) == NULL) {
		log_warn("%s: socket", __func__);
		return (-1);
	}
	/* Short acks and the kernel's reason text; both are optional. */
	(void)mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	(void)mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) == -1) {
		log_warn("%s: bind", __func__);
		mnl_socket_close(nl);
		nl = NULL;
		return (-1);
	}
	return (0);
}

void
nl_close(void)
{
	if (nl != NULL)
		mnl_socket_close(nl);
	nl = NULL;
}

static const char *
nl_addrstr(struct in_addr a, char *buf, size_t len)
{
	if (inet_ntop(AF_INET, &a, buf, len) == NULL)
		snprintf(buf, len, "?");
	return (buf);
}

/* Log an error answer with the kernel's own text when it sent one. */
static void
nl_error(const struct nlmsghdr *nlh, int error, const char *what)
{
	const struct nlmsgerr	*err = mnl_nlmsg_get_payload(nlh);
	char			*payload = mnl_nlmsg_get_payload(nlh);
	char			*end = payload + mnl_nlmsg_get_payload_len(nlh);
	struct nlattr		*attr;
	const char		*msg = NULL;
	size_t			 off;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
		attr = (struct nlattr *)(payload + off);
		while (payload + off < end &&
		    mnl_attr_ok(attr, end - (char *)attr)) {
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				msg = mnl_attr_get_str(attr);
			attr = mnl_attr_next(attr);
		}
	}
	if (msg != NULL)
		log_warnx("%s: %s (%s)", what, strerror(error), msg);
	else
		log_warnx("%s: %s", what, strerror(error));
}

/*
 * Send one request and read its answer: each message of it goes to cb
 * (if any) until the acknowledgement or the end of a dump.  Returns 0,
 * or -1 with errno set.
 */
static int
nl_request(struct nlmsghdr *req, mnl_cb_t cb, void *arg, const char *what)
{
	static uint32_t		 seq;
	char			*buf;
	struct nlmsghdr		*nlh;
	const struct nlmsgerr	*err;
	unsigned int		 portid;
	ssize_t			 n;
	int			 len, done = 0, rv = -1, error = 0, saved;

	if (nl == NULL) {
		log_warnx("%s: netlink socket not open", what);
		errno = EBADF;
		return (-1);
	}
	if ((buf = malloc(NL_BUFSIZE)) == NULL) {
		log_warn("%s", what);
		return (-1);
	}
	portid = mnl_socket_get_portid(nl);
	req->nlmsg_seq = ++seq;
	if (mnl_socket_sendto(nl, req, req->nlmsg_len) == -1) {
		saved = errno;
		log_warn("%s: send", what);
		free(buf);
		errno = saved;
		return (-1);
	}

	while (!done) {
		if ((n = mnl_socket_recvfrom(nl, buf, NL_BUFSIZE)) == -1) {
			if (errno == EINTR)
				continue;
			error = errno;
			log_warn("%s: receive", what);
			break;
		}
		nlh = (struct nlmsghdr *)buf;
		len = n;
		for (; mnl_nlmsg_ok(nlh, len);
		    nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != req->nlmsg_seq ||
			    nlh->nlmsg_pid != portid)
				continue;	/* an old answer */
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				if (mnl_nlmsg_get_payload_len(nlh) <
				    sizeof(*err)) {
					error = EPROTO;
					log_warnx("%s: short answer", what);
					break;
				}
				err = mnl_nlmsg_get_payload(nlh);
				if (err->error == 0) {
					rv = 0;
					break;
				}
				error = err->error < 0 ? -err->error : EPROTO;
				nl_error(nlh, error, what);
				break;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				done = 1;
				if (mnl_nlmsg_get_payload_len(nlh) >=
				    sizeof(int) &&
				    *(int *)mnl_nlmsg_get_payload(nlh) < 0) {
					error = -*(int *)
					    mnl_nlmsg_get_payload(nlh);
					log_warnx("%s: %s", what,
					    strerror(error));
				} else
					rv = 0;
				break;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || cb == NULL)
				continue;
			if (cb(nlh, arg) == MNL_CB_ERROR) {
				/*
				 * Keep reading to the end so that the
				 * rest of this answer is not taken for
				 * the next one's; then fail.
				 */
				if (error == 0)
					error = errno ? errno : EPROTO;
				cb = NULL;
			}
		}
	}
	free(buf);
	if (rv == 0 && error != 0) {
		log_warnx("%s: %s", what, strerror(error));
		rv = -1;
	}
	if (rv == -1)
		errno = error ? error : EPROTO;
	return (rv);
}

int
nl_addr_add(unsigned int ifindex, struct in_addr addr, int prefixlen,
    struct in_addr brd, uint32_t valid_lft, uint32_t preferred_lft)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	char			 what[96], a[INET_ADDRSTRLEN];
	struct nlmsghdr		*nlh;
	struct ifaddrmsg	*ifa;
	struct ifa_cacheinfo	 ci;

	snprintf(what, sizeof(what), "add address %s/%d on ifindex %u",
	    nl_addrstr(addr, a, sizeof(a)), prefixlen, ifindex);
	if (prefixlen < 0 || prefixlen > 32) {
		log_warnx("%s: bad prefix length", what);
		errno = EINVAL;
		return (-1);
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWADDR;
	/* Replace: adding it again updates the lifetimes (renewal). */
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
	    NLM_F_REPLACE;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = prefixlen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(addr), &addr);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(addr), &addr);
	if (brd.s_addr != INADDR_ANY)
		mnl_attr_put(nlh, IFA_BROADCAST, sizeof(brd), &brd);
	memset(&ci, 0, sizeof(ci));
	ci.ifa_valid = valid_lft;
	ci.ifa_prefered = preferred_lft;
	mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(ci), &ci);
	return (nl_request(nlh, NULL, NULL, what));
}

int
nl_addr_del(unsigned int ifindex, struct in_addr addr, int prefixlen)
{
	char			 buf[MNL_SOCKET_BUFFER_SIZE];
	char			 what[96], a[INET_ADDRSTRLEN];
	struct nlmsghdr		*nlh;
	struct ifaddrmsg	*ifa;

	snprintf(what, sizeof(what), "delete address %s/%d on ifindex %u",
	    nl_addrstr(addr, a, sizeof(a)), prefixlen, ifindex);
	if (prefixlen < 0 || prefixlen > 32) {
		log_warnx("%s: bad prefix length", what);
		errno = EINVAL;
		return (-1);
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_DELADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = prefixlen;
	ifa->ifa_index = ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(addr), &addr);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(addr), &addr);
	return (nl_request(nlh, NULL, NULL, what));
}

/*
 * Add or replace a route in the main table with protocol dhcp.  A
 * gateway of 0.0.0.0 makes an on-link route (RFC 3442); a gateway
 * reachable only through such a route needs that route added first.
 * prefsrc 0.0.0.0: none.
 */
int
nl_route_add(unsigned int ifindex, struct in_addr dst, int prefixlen,
    struct in_addr gw, struct in_addr prefsrc, uint32_t metric)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	char		 what[128], a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;

	snprintf(what, sizeof(what), "add route %s/%d via %s on ifindex %u",
	    nl_addrstr(dst, a, sizeof(a)), prefixlen,
	    nl_addrstr(gw, g, sizeof(g)), ifindex);
	if (prefixlen < 0 || prefixlen > 32) {
		log_warnx("%s: bad prefix length", what);
		errno = EINVAL;
		return (-1);
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
	    NLM_F_REPLACE;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = prefixlen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_DHCP;
	rtm->rtm_scope = gw.s_addr == INADDR_ANY ? RT_SCOPE_LINK :
	    RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	if (prefixlen > 0)
		mnl_attr_put(nlh, RTA_DST, sizeof(dst), &dst);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	if (gw.s_addr != INADDR_ANY)
		mnl_attr_put(nlh, RTA_GATEWAY, sizeof(gw), &gw);
	if (prefsrc.s_addr != INADDR_ANY)
		mnl_attr_put(nlh, RTA_PREFSRC, sizeof(prefsrc), &prefsrc);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, metric);
	return (nl_request(nlh, NULL, NULL, what));
}

/* Delete a protocol dhcp route; ESRCH when there is no such route. */
int
nl_route_del(unsigned int ifindex, struct in_addr dst, int prefixlen,
    struct in_addr gw, uint32_t metric)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	char		 what[128], a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;

	snprintf(what, sizeof(what),
	    "delete route %s/%d via %s on ifindex %u",
	    nl_addrstr(dst, a, sizeof(a)), prefixlen,
	    nl_addrstr(gw, g, sizeof(g)), ifindex);
	if (prefixlen < 0 || prefixlen > 32) {
		log_warnx("%s: bad prefix length", what);
		errno = EINVAL;
		return (-1);
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = prefixlen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_DHCP;	/* only ours */
	rtm->rtm_scope = RT_SCOPE_NOWHERE;	/* any scope */
	rtm->rtm_type = RTN_UNICAST;
	if (prefixlen > 0)
		mnl_attr_put(nlh, RTA_DST, sizeof(dst), &dst);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	if (gw.s_addr != INADDR_ANY)
		mnl_attr_put(nlh, RTA_GATEWAY, sizeof(gw), &gw);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, metric);
	return (nl_request(nlh, NULL, NULL, what));
}

/* Index the attributes of a message by type, ignoring unknown ones. */
static int
nl_attr_cb(const struct nlattr *attr, void *arg)
{
	const struct nlattr	**tb = arg;
	int			  type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, IFLA_MAX > RTA_MAX ?
	    IFLA_MAX : RTA_MAX) < 0)
		return (MNL_CB_OK);
	tb[type] = attr;
	return (MNL_CB_OK);
}

static int
nl_route_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nl_routes	*rl = arg;
	const struct nlattr	*tb[IFLA_MAX > RTA_MAX ? IFLA_MAX + 1 :
				    RTA_MAX + 1];
	const struct rtmsg	*rtm;
	struct nl_route		*r, *v;
	uint32_t		 table;

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*rtm))
		return (MNL_CB_OK);
	rtm = mnl_nlmsg_get_payload(nlh);
	if (rtm->rtm_family != AF_INET || rtm->rtm_protocol != RTPROT_DHCP ||
	    rtm->rtm_dst_len > 32)
		return (MNL_CB_OK);
	memset(tb, 0, sizeof(tb));
	if (mnl_attr_parse(nlh, sizeof(*rtm), nl_attr_cb, tb) < 0)
		return (MNL_CB_OK);
	table = rtm->rtm_table;
	if (tb[RTA_TABLE] != NULL &&
	    mnl_attr_validate(tb[RTA_TABLE], MNL_TYPE_U32) == 0)
		table = mnl_attr_get_u32(tb[RTA_TABLE]);
	if (table != RT_TABLE_MAIN)
		return (MNL_CB_OK);
	if (tb[RTA_OIF] == NULL ||
	    mnl_attr_validate(tb[RTA_OIF], MNL_TYPE_U32) < 0 ||
	    mnl_attr_get_u32(tb[RTA_OIF]) != rl->ifindex)
		return (MNL_CB_OK);

	if (rl->n == rl->cap) {
		if ((v = reallocarray(rl->v, rl->cap ? rl->cap * 2 : 16,
		    sizeof(*v))) == NULL)
			return (MNL_CB_ERROR);
		rl->v = v;
		rl->cap = rl->cap ? rl->cap * 2 : 16;
	}
	r = &rl->v[rl->n];
	memset(r, 0, sizeof(*r));
	r->prefixlen = rtm->rtm_dst_len;
	if (tb[RTA_DST] != NULL &&
	    mnl_attr_get_payload_len(tb[RTA_DST]) == sizeof(r->dst))
		memcpy(&r->dst, mnl_attr_get_payload(tb[RTA_DST]),
		    sizeof(r->dst));
	if (tb[RTA_GATEWAY] != NULL &&
	    mnl_attr_get_payload_len(tb[RTA_GATEWAY]) == sizeof(r->gw))
		memcpy(&r->gw, mnl_attr_get_payload(tb[RTA_GATEWAY]),
		    sizeof(r->gw));
	if (tb[RTA_PRIORITY] != NULL &&
	    mnl_attr_validate(tb[RTA_PRIORITY], MNL_TYPE_U32) == 0)
		r->metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
	rl->n++;
	return (MNL_CB_OK);
}

/*
 * Remove every route of protocol dhcp in the main table that leaves
 * through ifindex: all that leased configured there, nothing else.
 */
int
nl_routes_flush(unsigned int ifindex)
{
	return (nl_routes_prune(ifindex, NULL, 0));
}

/*
 * Like nl_routes_flush(), but keep the routes in keep[n].  A renewal
 * replaces its routes in place and then prunes what the new lease no
 * longer has, so the default route never disappears for a moment.
 */
int
nl_routes_prune(unsigned int ifindex, const struct nl_route *keep, size_t n)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	char		 what[64];
	struct nlmsghdr	*nlh;
	struct rtmsg	*rtm;
	struct nl_routes rl;
	struct nl_route	*r;
	size_t		 i, j;
	int		 rv = 0, saved = 0;

	snprintf(what, sizeof(what), "list routes on ifindex %u", ifindex);
	memset(&rl, 0, sizeof(rl));
	rl.ifindex = ifindex;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	if (nl_request(nlh, nl_route_cb, &rl, what) == -1) {
		saved = errno;
		free(rl.v);
		errno = saved;
		return (-1);
	}
	for (i = 0; i < rl.n; i++) {
		r = &rl.v[i];
		for (j = 0; j < n; j++) {
			if (keep[j].dst.s_addr == r->dst.s_addr &&
			    keep[j].prefixlen == r->prefixlen &&
			    keep[j].gw.s_addr == r->gw.s_addr &&
			    keep[j].metric == r->metric)
				break;
		}
		if (j < n)
			continue;
		/* Gone already (with its address, say): fine. */
		if (nl_route_del(ifindex, r->dst, r->prefixlen, r->gw,
		    r->metric) == -1 && errno != ESRCH) {
			saved = errno;
			rv = -1;
		}
	}
	free(rl.v);
	if (rv == -1)
		errno = saved;
	return (rv);
}

int
nl_mtu_set(unsigned int ifindex, uint32_t mtu)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	char		 what[64];
	struct nlmsghdr	*nlh;
	struct ifinfomsg *ifi;

	snprintf(what, sizeof(what), "set mtu %u on ifindex %u", mtu,
	    ifindex);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return (nl_request(nlh, NULL, NULL, what));
}

static int
nl_link_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nl_link		*link = arg;
	const struct nlattr	*tb[IFLA_MAX > RTA_MAX ? IFLA_MAX + 1 :
				    RTA_MAX + 1];
	const struct ifinfomsg	*ifi;
	size_t			 len;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return (MNL_CB_OK);
	ifi = mnl_nlmsg_get_payload(nlh);
	memset(tb, 0, sizeof(tb));
	if (mnl_attr_parse(nlh, sizeof(*ifi), nl_attr_cb, tb) < 0) {
		errno = EPROTO;
		return (MNL_CB_ERROR);
	}
	memset(link, 0, sizeof(*link));
	link->ifindex = ifi->ifi_index;
	link->flags = ifi->ifi_flags;
	if (tb[IFLA_IFNAME] != NULL &&
	    mnl_attr_validate(tb[IFLA_IFNAME], MNL_TYPE_NUL_STRING) == 0)
		snprintf(link->ifname, sizeof(link->ifname), "%s",
		    mnl_attr_get_str(tb[IFLA_IFNAME]));
	if (tb[IFLA_MTU] != NULL &&
	    mnl_attr_validate(tb[IFLA_MTU], MNL_TYPE_U32) == 0)
		link->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_ADDRESS] != NULL) {
		len = mnl_attr_get_payload_len(tb[IFLA_ADDRESS]);
		if (len <= sizeof(link->mac)) {
			memcpy(link->mac, mnl_attr_get_payload(
			    tb[IFLA_ADDRESS]), len);
			link->maclen = len;
		}
	}
	return (MNL_CB_OK);
}

/* Look an interface up by index, or by name if the index is 0. */
int
nl_link_info(unsigned int ifindex, const char *ifname, struct nl_link *link)
{
	char		 buf[MNL_SOCKET_BUFFER_SIZE];
	char		 what[64];
	struct nlmsghdr	*nlh;
	struct ifinfomsg *ifi;

	if (ifindex == 0 && (ifname == NULL ||
	    strnlen(ifname, IF_NAMESIZE) >= IF_NAMESIZE || *ifname == '\0')) {
		log_warnx("%s: no interface", __func__);
		errno = EINVAL;
		return (-1);
	}
	if (ifindex != 0)
		snprintf(what, sizeof(what), "get link ifindex %u", ifindex);
	else
		snprintf(what, sizeof(what), "get link %s", ifname);
	memset(link, 0, sizeof(*link));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if (ifindex == 0)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	/* Only what we read: no statistics. */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (nl_request(nlh, nl_link_cb, link, what) == -1)
		return (-1);
	if (link->ifindex == 0) {
		log_warnx("%s: no answer", what);
		errno = ENODEV;
		return (-1);
	}
	return (0);
}
