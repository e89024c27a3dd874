/*
 * The control socket.  The parent creates it (control_create); the
 * frontend accepts clients and relays their requests to the engine or
 * the parent, and the answers back.  Clients are local users: nothing
 * they send is fatal.  A client that sends anything unexpected is
 * dropped; the number of clients and what is queued for each is bounded,
 * so no client can stop or stall the daemon.
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <net/if.h>

#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "control.h"
#include "leased.h"
#include "log.h"

struct ctl_conn {
	TAILQ_ENTRY(ctl_conn)	 entry;
	struct imsgev		 iev;
	uint32_t		 id;	/* travels as the imsg pid */
};

static void	control_accept(int, short, void *);
static void	control_dispatch_imsg(int, short, void *);
static void	control_close(struct ctl_conn *);
static struct ctl_conn *control_connbyid(uint32_t);
static int	control_request(struct ctl_conn *, struct imsg *);

static TAILQ_HEAD(, ctl_conn)	 ctl_conns = TAILQ_HEAD_INITIALIZER(ctl_conns);
static int			 nconns;
static uint32_t			 next_id = 1;
static int			 control_fd = -1;
static struct event		 control_ev;
static struct event		 control_pause;

/* Parent: create the listening socket, mode 0660, group as configured. */
int
control_create(const char *path, gid_t gid)
{
	struct sockaddr_un	 sun;
	int			 fd;
	mode_t			 old_umask;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		log_warn("%s: socket", __func__);
		return (-1);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s",
	    path) >= sizeof(sun.sun_path)) {
		log_warnx("%s: path too long: %s", __func__, path);
		close(fd);
		return (-1);
	}
	/* We hold the instance lock: a socket file here is stale. */
	if (unlink(path) == -1 && errno != ENOENT) {
		log_warn("%s: unlink %s", __func__, path);
		close(fd);
		return (-1);
	}
	old_umask = umask(S_IXUSR | S_IXGRP | S_IWOTH | S_IROTH | S_IXOTH);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_warn("%s: bind %s", __func__, path);
		close(fd);
		umask(old_umask);
		return (-1);
	}
	umask(old_umask);
	if (chown(path, 0, gid) == -1 ||
	    chmod(path, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP) == -1) {
		log_warn("%s: chown/chmod %s", __func__, path);
		close(fd);
		unlink(path);
		return (-1);
	}
	if (listen(fd, CONTROL_BACKLOG) == -1) {
		log_warn("%s: listen", __func__);
		close(fd);
		unlink(path);
		return (-1);
	}
	return (fd);
}

/* Frontend: start accepting on the socket the parent passed. */
void
control_listen(int fd)
{
	if (control_fd != -1)
		fatalx("%s: control socket already set", __func__);
	control_fd = fd;
	event_set(&control_ev, control_fd, EV_READ, control_accept, NULL);
	event_add(&control_ev, NULL);
	evtimer_set(&control_pause, control_accept, NULL);
}

void
control_cleanup(void)
{
	struct ctl_conn	*c;

	while ((c = TAILQ_FIRST(&ctl_conns)) != NULL)
		control_close(c);
	if (control_fd != -1) {
		event_del(&control_ev);
		evtimer_del(&control_pause);
		close(control_fd);
		control_fd = -1;
	}
}

static void
control_accept(int listenfd, short event, void *bula)
{
	struct ctl_conn	*c;
	struct timeval	 tv = { 1, 0 };
	int		 connfd;

	(void)listenfd;
	(void)bula;

	event_add(&control_ev, NULL);
	if ((event & EV_TIMEOUT))
		return;

	if ((connfd = accept4(control_fd, NULL, NULL,
	    SOCK_CLOEXEC | SOCK_NONBLOCK)) == -1) {
		/* Out of fds: stop accepting for a second. */
		if (errno == ENFILE || errno == EMFILE) {
			event_del(&control_ev);
			evtimer_add(&control_pause, &tv);
		} else if (errno != EWOULDBLOCK && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("%s: accept4", __func__);
		return;
	}

	/* Full: the oldest client makes room for the newest. */
	if (nconns >= CONTROL_MAX_CLIENTS) {
		log_debug("%s: %d clients, dropping the oldest", __func__,
		    nconns);
		control_close(TAILQ_FIRST(&ctl_conns));
	}

	if ((c = calloc(1, sizeof(struct ctl_conn))) == NULL) {
		log_warn("%s: calloc", __func__);
		close(connfd);
		return;
	}
	if (imsgbuf_init(&c->iev.ibuf, connfd) == -1) {
		log_warn("%s: imsgbuf_init", __func__);
		close(connfd);
		free(c);
		return;
	}
	c->id = next_id++;
	if (next_id == 0)
		next_id = 1;
	c->iev.handler = control_dispatch_imsg;
	c->iev.events = EV_READ;
	event_set(&c->iev.ev, c->iev.ibuf.fd, c->iev.events,
	    c->iev.handler, &c->iev);
	event_add(&c->iev.ev, NULL);

	TAILQ_INSERT_TAIL(&ctl_conns, c, entry);
	nconns++;
}

static struct ctl_conn *
control_connbyid(uint32_t id)
{
	struct ctl_conn	*c;

	TAILQ_FOREACH(c, &ctl_conns, entry)
		if (c->id == id)
			return (c);
	return (NULL);
}

static void
control_close(struct ctl_conn *c)
{
	TAILQ_REMOVE(&ctl_conns, c, entry);
	nconns--;
	event_del(&c->iev.ev);
	imsgbuf_clear(&c->iev.ibuf);
	close(c->iev.ibuf.fd);
	free(c);
}

static void
control_dispatch_imsg(int fd, short event, void *bula)
{
	struct imsgev	*iev = bula;
	struct ctl_conn	*c;
	struct imsg	 imsg;
	ssize_t		 n;

	(void)fd;
	c = (struct ctl_conn *)((char *)iev - offsetof(struct ctl_conn, iev));

	if (event & EV_READ) {
		if ((n = imsgbuf_read(&iev->ibuf)) == -1 || n == 0) {
			control_close(c);
			return;
		}
	}
	if (event & EV_WRITE) {
		if (imsgbuf_write(&iev->ibuf) == -1) {
			control_close(c);
			return;
		}
	}

	for (;;) {
		if ((n = imsgbuf_get(&iev->ibuf, &imsg)) == -1) {
			control_close(c);
			return;
		}
		if (n == 0)
			break;
		if (control_request(c, &imsg) == -1) {
			log_debug("%s: dropping client: bad %s", __func__,
			    imsg_type_name(imsg_get_type(&imsg)));
			imsg_free(&imsg);
			control_close(c);
			return;
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

/* One request from a client: -1 drops the client. */
static int
control_request(struct ctl_conn *c, struct imsg *imsg)
{
	char		 ifname[IF_NAMESIZE];
	uint32_t	 type, if_index;
	int		 verbose;

	type = imsg_get_type(imsg);
	switch (type) {
	case IMSG_CTL_RELOAD:
		if (imsg_get_len(imsg) != 0)
			return (-1);
		frontend_imsg_compose_main(type, c->id, NULL, 0);
		break;
	case IMSG_CTL_LOG_VERBOSE:
		if (imsg_get_data(imsg, &verbose, sizeof(verbose)) == -1 ||
		    verbose < 0 || verbose > 3)
			return (-1);
		log_setverbose(verbose);
		frontend_imsg_compose_main(type, c->id, &verbose,
		    sizeof(verbose));
		frontend_imsg_compose_engine(type, 0, c->id, &verbose,
		    sizeof(verbose));
		break;
	case IMSG_CTL_SHOW_INTERFACE_INFO:
	case IMSG_CTL_SEND_REQUEST:
	case IMSG_CTL_RELEASE:
		if (imsg_get_data(imsg, &if_index, sizeof(if_index)) == -1)
			return (-1);
		if (if_index == 0 && type != IMSG_CTL_SHOW_INTERFACE_INFO)
			return (-1);
		frontend_imsg_compose_engine(type, 0, c->id, &if_index,
		    sizeof(if_index));
		break;
	case IMSG_CTL_MANAGE:
		if (imsg_get_data(imsg, ifname, sizeof(ifname)) == -1 ||
		    memchr(ifname, '\0', sizeof(ifname)) == NULL ||
		    ifname[0] == '\0')
			return (-1);
		frontend_imsg_compose_main(type, c->id, ifname,
		    sizeof(ifname));
		break;
	default:
		return (-1);
	}
	return (0);
}

/* An answer from the engine or the parent, for the client it names. */
void
control_imsg_relay(struct imsg *imsg)
{
	struct ctl_conn	*c;

	if ((c = control_connbyid(imsg_get_pid(imsg))) == NULL)
		return;
	/* A client that does not read its answers is dropped. */
	if (imsgbuf_queuelen(&c->iev.ibuf) >= CONTROL_MAX_QUEUE) {
		control_close(c);
		return;
	}
	if (imsg_forward(&c->iev.ibuf, imsg) == -1) {
		control_close(c);
		return;
	}
	imsg_event_add(&c->iev);
}
