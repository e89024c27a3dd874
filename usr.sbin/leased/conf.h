/*
 * leased.conf: the parsed configuration and the parser's interface.
 *
 * The structures are flat (fixed-size arrays, no pointers other than
 * the list linkage) so the parent can send them to its children as
 * they are; the receiver re-initialises the list fields.
 */

#ifndef CONF_H
#define CONF_H

#include <sys/queue.h>

#include <net/if.h>
#include <netinet/in.h>

#include <stdint.h>

#define CONF_LEASE_DIR		"/var/db/leased"
#define CONF_RESOLV_CONF	"/etc/resolv.conf"
#define CONF_ROUTE_METRIC	0

/* Limits; each size includes the terminating NUL where there is one. */
#define CONF_PATH_SIZE		1024	/* lease directory, resolv conf */
#define CONF_GROUP_SIZE		33	/* control group name */
#define CONF_CLIENT_ID_MAX	255	/* option 61 payload, type byte first */
#define CONF_CLIENT_ID_MIN	2
#define CONF_HOST_NAME_SIZE	254	/* a DNS name: 253 characters */
#define CONF_VCLASS_SIZE	256	/* option 60 payload: 255 bytes */
#define CONF_IGNORE_MAX		16	/* servers to ignore per interface */
#define CONF_METRIC_MAX		65535

/* iface_conf.ignore */
#define IGN_DNS			0x01
#define IGN_ROUTES		0x02

/* iface_conf.send_host_name */
#define HOST_NAME_SYSTEM	0	/* the system's host name (default) */
#define HOST_NAME_CONF		1	/* iface_conf.host_name */
#define HOST_NAME_NONE		2	/* no option 12 */

struct iface_conf {
	SIMPLEQ_ENTRY(iface_conf)	 entry;
	char				 name[IF_NAMESIZE];
	/* Option 61 payload as sent; length 0: type 1 and the MAC. */
	uint8_t				 client_id[CONF_CLIENT_ID_MAX];
	uint16_t			 client_id_len;
	int				 send_host_name;
	char				 host_name[CONF_HOST_NAME_SIZE];
	char				 vendor_class_id[CONF_VCLASS_SIZE];
	struct in_addr			 ignore_servers[CONF_IGNORE_MAX];
	int				 ignore_servers_len;
	int				 ignore;	/* IGN_* */
	int				 prefer_ipv6;
	int				 rapid_commit;
	/* Effective metric: the global one unless the block sets it. */
	int				 route_metric;
};

SIMPLEQ_HEAD(iface_conf_head, iface_conf);

struct leased_conf {
	char				 lease_dir[CONF_PATH_SIZE];
	char				 resolv_conf[CONF_PATH_SIZE];
	/* Group allowed on the control socket; "": root only. */
	char				 control_group[CONF_GROUP_SIZE];
	int				 route_metric;
	int				 release_on_shutdown;
	struct iface_conf_head		 iface_list;
};

/* parse.y */
struct leased_conf	*parse_config(const char *);
struct leased_conf	*config_new_empty(void);
void			 config_clear(struct leased_conf *);
struct iface_conf	*iface_conf_find(struct leased_conf *, const char *);

/* printconf.c */
void			 print_config(struct leased_conf *);

#endif /* CONF_H */
