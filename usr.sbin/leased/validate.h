/*
 * The parent's checks of what the engine asks it to apply.  Pure code
 * (no I/O, no state): the engine may run the same checks before it
 * sends, so that nothing a server says can make the parent refuse.
 */

#ifndef VALIDATE_H
#define VALIDATE_H

#include <netinet/in.h>
#include <stddef.h>

#include "lease.h"

#define VALIDATE_WHY_LEN	128

int	validate_lease(const struct lease *, char *, size_t);
int	validate_ifname(const char *, size_t);
int	validate_name(const char *, size_t);
int	validate_unicast(struct in_addr);
int	validate_netmask(struct in_addr);
int	validate_onlink(const struct lease *, struct in_addr);
int	validate_router(const struct lease *, struct in_addr);

#endif /* VALIDATE_H */
