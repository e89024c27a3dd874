/*
 * The control socket, served by the frontend.  The parent creates and
 * binds it and passes the listening fd (IMSG_CONTROLFD).
 */

#ifndef CONTROL_H
#define CONTROL_H

#include "imsg.h"

#define CONTROL_MAX_CLIENTS	64	/* the oldest is dropped for a new one */
#define CONTROL_MAX_QUEUE	256	/* replies queued for one client */
#define CONTROL_BACKLOG		16

int	control_create(const char *, gid_t);	/* parent */
void	control_listen(int);			/* frontend */
void	control_cleanup(void);
void	control_imsg_relay(struct imsg *);

#endif /* CONTROL_H */
