/*
 * A control socket client for the lab: well-behaved (show) and hostile
 * (garbage, truncated headers, wrong sizes, oversize, floods, thousands
 * of idle connections).
 *
 *	ctlclient SOCKET show			print "IF STATE" per interface
 *	ctlclient SOCKET garbage		random bytes
 *	ctlclient SOCKET truncated		half a header, then wait
 *	ctlclient SOCKET wrongsize		every type with wrong sizes
 *	ctlclient SOCKET oversize		a header claiming 1 MB
 *	ctlclient SOCKET flood			requests, never reading
 *	ctlclient SOCKET hold N SECONDS		N idle connections
 */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"
#include "leased.h"

static int	connect_ctl(const char *);
static int	show(const char *);
static void	send_raw(int, const void *, size_t);

static int
connect_ctl(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "connect %s", path);
	return (fd);
}

static void
send_raw(int fd, const void *p, size_t len)
{
	/* The daemon may drop us at any point: that is the idea. */
	(void)send(fd, p, len, MSG_NOSIGNAL);
}

/* A well-behaved "show interface": exit 0 with the answers printed. */
static int
show(const char *path)
{
	struct imsgbuf		 ibuf;
	struct imsg		 imsg;
	struct ctl_iface_info	 info;
	struct pollfd		 pfd;
	uint32_t		 all = 0;
	ssize_t			 n;
	int			 fd, done = 0;

	fd = connect_ctl(path);
	if (imsgbuf_init(&ibuf, fd) == -1)
		err(1, "imsgbuf_init");
	if (imsg_compose(&ibuf, IMSG_CTL_SHOW_INTERFACE_INFO, 0, 0, -1, &all,
	    sizeof(all)) == -1 || imsgbuf_flush(&ibuf) == -1)
		err(1, "send");
	while (!done) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 5000) != 1)
			errx(1, "no answer within 5 s");
		if ((n = imsgbuf_read(&ibuf)) == -1)
			err(1, "read");
		if (n == 0)
			errx(1, "connection closed");
		for (;;) {
			if ((n = imsgbuf_get(&ibuf, &imsg)) == -1)
				err(1, "imsgbuf_get");
			if (n == 0)
				break;
			switch (imsg_get_type(&imsg)) {
			case IMSG_CTL_INTERFACE_INFO:
				if (imsg_get_data(&imsg, &info,
				    sizeof(info)) == -1)
					errx(1, "bad answer size");
				info.ifname[sizeof(info.ifname) - 1] = '\0';
				info.state[sizeof(info.state) - 1] = '\0';
				printf("%s %s\n", info.ifname, info.state);
				break;
			case IMSG_CTL_END:
				done = 1;
				break;
			default:
				errx(1, "unexpected answer %u",
				    imsg_get_type(&imsg));
			}
			imsg_free(&imsg);
		}
	}
	imsgbuf_clear(&ibuf);
	close(fd);
	return (0);
}

int
main(int argc, char *argv[])
{
	struct imsg_hdr	 hdr;
	struct rlimit	 rl;
	uint8_t		 buf[4096];
	size_t		 i;
	uint32_t	 type, len;
	int		 fd, *fds, n, secs;

	if (argc < 3)
		errx(2, "usage: ctlclient socket mode [args]");
	srandom(getpid() ^ time(NULL));

	if (strcmp(argv[2], "show") == 0)
		return (show(argv[1]));

	if (strcmp(argv[2], "garbage") == 0) {
		for (n = 0; n < 50; n++) {
			fd = connect_ctl(argv[1]);
			for (i = 0; i < sizeof(buf); i++)
				buf[i] = random();
			send_raw(fd, buf, 1 + random() % sizeof(buf));
			close(fd);
		}
		return (0);
	}
	if (strcmp(argv[2], "truncated") == 0) {
		fd = connect_ctl(argv[1]);
		memset(&hdr, 0, sizeof(hdr));
		hdr.type = IMSG_CTL_SHOW_INTERFACE_INFO;
		hdr.len = sizeof(hdr) + 4;
		send_raw(fd, &hdr, sizeof(hdr) / 2);
		sleep(1);
		close(fd);
		return (0);
	}
	if (strcmp(argv[2], "wrongsize") == 0) {
		/* Every type we know of and some we do not, every wrong size. */
		for (type = 0; type < IMSG_TYPE_MAX + 3; type++) {
			for (len = 0; len <= 64; len += 1) {
				fd = connect_ctl(argv[1]);
				memset(&hdr, 0, sizeof(hdr));
				hdr.type = type;
				hdr.len = sizeof(hdr) + len;
				memset(buf, 0xff, len);
				send_raw(fd, &hdr, sizeof(hdr));
				send_raw(fd, buf, len);
				close(fd);
			}
		}
		return (0);
	}
	if (strcmp(argv[2], "oversize") == 0) {
		fd = connect_ctl(argv[1]);
		memset(&hdr, 0, sizeof(hdr));
		hdr.type = IMSG_CTL_SHOW_INTERFACE_INFO;
		hdr.len = 1024 * 1024;
		send_raw(fd, &hdr, sizeof(hdr));
		memset(buf, 0, sizeof(buf));
		for (n = 0; n < 16; n++)
			send_raw(fd, buf, sizeof(buf));
		close(fd);
		return (0);
	}
	if (strcmp(argv[2], "flood") == 0) {
		/* Ask and ask, never read the answers. */
		fd = connect_ctl(argv[1]);
		memset(&hdr, 0, sizeof(hdr));
		hdr.type = IMSG_CTL_SHOW_INTERFACE_INFO;
		hdr.len = sizeof(hdr) + sizeof(uint32_t);
		memset(buf, 0, sizeof(buf));
		for (i = 0; i + sizeof(hdr) + 4 <= sizeof(buf);
		    i += sizeof(hdr) + 4)
			memcpy(buf + i, &hdr, sizeof(hdr));
		for (n = 0; n < 2000; n++)
			if (send(fd, buf, i, MSG_NOSIGNAL | MSG_DONTWAIT) ==
			    -1 && errno != EAGAIN)
				break;
		close(fd);
		return (0);
	}
	if (strcmp(argv[2], "hold") == 0 && argc == 5) {
		n = atoi(argv[3]);
		secs = atoi(argv[4]);
		rl.rlim_cur = rl.rlim_max = n + 64;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			err(1, "setrlimit");
		if ((fds = calloc(n, sizeof(*fds))) == NULL)
			err(1, NULL);
		for (i = 0; i < (size_t)n; i++)
			fds[i] = connect_ctl(argv[1]);
		printf("holding %d\n", n);
		fflush(stdout);
		sleep(secs);
		return (0);
	}
	errx(2, "unknown mode %s", argv[2]);
}
