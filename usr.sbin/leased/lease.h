/*
 * Leases: the plain structure the engine hands to the parent ("configure
 * this"), and the lease files the parent keeps, one per interface, in the
 * lease directory.
 *
 * struct lease travels over imsg as is: fixed-size arrays only, every
 * string NUL-terminated within its array (the receiver checks), every
 * count bounded by the array it counts.  Addresses are in network byte
 * order, times in seconds.
 */

#ifndef LEASE_H
#define LEASE_H

#include <sys/types.h>

#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <time.h>

#define LEASE_DIR		"/var/db/leased"
#define LEASE_SUFFIX		".lease"
#define LEASE_FILE_MAX		(64 * 1024)	/* larger is corrupt */
#define LEASE_LINE_MAX		512
#define LEASE_VERSION		1

#define LEASE_MAX_ROUTERS	16
#define LEASE_MAX_DNS		16
#define LEASE_MAX_SEARCH	8
#define LEASE_MAX_ROUTES	64
#define LEASE_NAME_MAX		253	/* domain name, text form */
#define LEASE_LABEL_MAX		63
#define LEASE_MAC_LEN		6

#define LEASE_INFINITE		0xffffffffU	/* lease time, RFC 2131 */
#define LEASE_TIME_MAX		(366U * 24 * 3600)	/* finite leases */
#define LEASE_ACQUIRED_MAX	((int64_t)UINT32_MAX)	/* 2106, as in lease files */

/* A route from option 121; gw 0.0.0.0 means on-link (RFC 3442). */
struct lease_route {
	struct in_addr	 dst;		/* host bits clear */
	struct in_addr	 gw;
	uint8_t		 prefixlen;	/* 0..32 */
};

struct lease {
	char		 ifname[IF_NAMESIZE];
	uint8_t		 mac[LEASE_MAC_LEN];
	struct in_addr	 address;
	struct in_addr	 netmask;
	struct in_addr	 broadcast;	/* 0.0.0.0: none given */
	struct in_addr	 server;	/* server identifier */
	int64_t		 acquired;	/* time(3) when the ACK came */
	uint32_t	 lease_time;	/* LEASE_INFINITE or 1..TIME_MAX */
	uint32_t	 renewal;	/* T1, <= T2 */
	uint32_t	 rebinding;	/* T2, <= lease_time */
	uint16_t	 mtu;		/* 0: none */
	uint32_t	 nrouters;
	struct in_addr	 routers[LEASE_MAX_ROUTERS];
	uint32_t	 ndns;
	struct in_addr	 dns[LEASE_MAX_DNS];
	char		 domain[LEASE_NAME_MAX + 1];	/* "": none */
	uint32_t	 nsearch;
	char		 search[LEASE_MAX_SEARCH][LEASE_NAME_MAX + 1];
	uint32_t	 nroutes;	/* classless routes, override routers */
	struct lease_route routes[LEASE_MAX_ROUTES];
};

/* What lease_load() found. */
enum lease_load_result {
	LEASE_LOADED,		/* a valid, unexpired lease for this MAC */
	LEASE_NONE,		/* no file */
	LEASE_EXPIRED,		/* a valid file whose lease has run out */
	LEASE_CORRUPT,		/* moved aside and ignored */
	LEASE_ERROR		/* could not be read (I/O), left alone */
};

int		 lease_write(const char *, const struct lease *);
enum lease_load_result lease_load(const char *, const char *,
		    const uint8_t *, time_t, struct lease *);
int		 lease_remove(const char *, const char *);
int		 lease_path(char *, size_t, const char *, const char *);
size_t		 lease_format(const struct lease *, char *, size_t);
int		 lease_parse(const char *, size_t, struct lease *, char *,
		    size_t);
uint32_t	 lease_remaining(const struct lease *, time_t);
int		 write_file_atomic(const char *, const void *, size_t,
		    mode_t);
int		 remove_stale_temps(const char *);

#endif /* LEASE_H */
