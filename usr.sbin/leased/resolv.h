/*
 * resolv.conf(5) from a lease, written by the parent.
 */

#ifndef RESOLV_H
#define RESOLV_H

#include "lease.h"

#define RESOLV_CONF		"/etc/resolv.conf"
#define RESOLV_MAX_NS		3	/* MAXNS: the resolver reads no more */
#define RESOLV_MAX_SEARCH	6	/* MAXDNSRCH before glibc 2.26 */
#define RESOLV_SEARCH_LEN	256	/* bytes for all search names */
#define RESOLV_FILE_MAX		8192

int	resolv_format(const struct lease *, char *, size_t);
int	resolv_write(const char *, const struct lease *);
int	resolv_withdraw(const char *, const char *);
int	resolv_owner(const char *, char *, size_t);

#endif /* RESOLV_H */
