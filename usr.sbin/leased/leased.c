/*
 * leased: the privileged parent process.
 *
 * The parent never parses DHCP.  It starts the engine and the frontend
 * (fork, then re-exec of its own binary so each child gets a fresh
 * address space), connects them, and later performs the few privileged
 * actions the engine asks for after validating every value.
 */

#include <sys/types.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "imsg.h"
#include "conf.h"
#include "control.h"
#include "filter.h"
#include "lease.h"
#include "leased.h"
#include "log.h"
#include "netlink.h"
#include "resolv.h"
#include "sandbox.h"
#include "validate.h"

#define CHILD_EXIT_WAIT_MS	1000	/* before children are killed */

__attribute__((__noreturn__)) static void	usage(void);
static void	main_sig_handler(int, short, void *);
static void	main_dispatch_engine(int, short, void *);
static void	main_dispatch_frontend(int, short, void *);
static void	main_dispatch_eof(struct imsgev *, const char *);
static pid_t	start_child(enum leased_process, int, int, int, int);
static int	main_imsg_send_ipc_sockets(void);
static int	lock_instance(const char *);
static void	lock_record_pid(void);
static void	main_shutdown(void) __attribute__((__noreturn__));
static void	main_unveil(void);
static void	main_atexit(void);
struct main_iface;
static int	main_reload(void);
static void	main_send_config(struct leased_conf *);
static struct leased_conf *main_load_config(void);
static struct iface_conf *iface_conf_default(struct leased_conf *,
		    const char *);
static void	main_open_sockets(const struct imsg_ifreq *);
static void	main_link_gone(uint32_t);
static void	main_configure(const struct lease *);
static void	main_deconfigure(const struct imsg_deconf *);
static void	main_udp_socket(struct main_iface *, const struct lease *);
static void	main_routes(struct main_iface *, const struct lease *,
		    uint32_t);
static void	main_udp_close(struct main_iface *);
static void	main_withdraw(struct main_iface *, struct in_addr, int);
static void	main_manage(const char *, pid_t);
static struct main_iface *main_iface_by_index(uint32_t);
static struct main_iface *main_iface_by_name(const char *);
static void	main_iface_free(struct main_iface *, int);

/*
 * What the parent set up for an interface: the filtered sockets (it
 * keeps its own copy of each; the frontend gets another) and what it
 * configured in the kernel.
 */
struct main_iface {
	LIST_ENTRY(main_iface)	 entries;
	uint32_t		 if_index;
	char			 ifname[IF_NAMESIZE];
	uint8_t			 mac[ETHER_ADDR_LEN];
	struct filter_tc	 pkt;
	struct filter_tc	 udp;		/* udp.fd -1: none */
	int			 configured;
	uint32_t		 mtu_orig;	/* before we set one, 0: none */
	uint32_t		 mtu_set;
	struct lease		 lease;		/* configured or stored */
	int			 have_lease;
};

static LIST_HEAD(, main_iface)	 main_ifaces =
				    LIST_HEAD_INITIALIZER(main_ifaces);
static struct leased_conf	*main_conf;
static struct iface_conf_head	 added_ifaces =
				    SIMPLEQ_HEAD_INITIALIZER(added_ifaces);
static char			**cmdline_ifaces;
static int			 ncmdline_ifaces;

static struct imsgev	*iev_frontend;
static struct imsgev	*iev_engine;
static pid_t		 frontend_pid;
static int		 lock_fd = -1;
static pid_t		 engine_pid;
static int		 exe_fd = -1;
static const char	*conffile = LEASED_CONF_FILE;
static int		 conffile_given;
static const char	*csock = LEASED_SOCKET;

static const char * const imsg_names[IMSG_TYPE_MAX] = {
	[IMSG_NONE] =		"IMSG_NONE",
	[IMSG_SOCKET_IPC] =	"IMSG_SOCKET_IPC",
	[IMSG_CTL_LOG_VERBOSE] =	"IMSG_CTL_LOG_VERBOSE",
	[IMSG_CTL_RELOAD] =		"IMSG_CTL_RELOAD",
	[IMSG_CTL_SHOW_INTERFACE_INFO] = "IMSG_CTL_SHOW_INTERFACE_INFO",
	[IMSG_CTL_SEND_REQUEST] =	"IMSG_CTL_SEND_REQUEST",
	[IMSG_CTL_RELEASE] =		"IMSG_CTL_RELEASE",
	[IMSG_CTL_MANAGE] =		"IMSG_CTL_MANAGE",
	[IMSG_CTL_INTERFACE_INFO] =	"IMSG_CTL_INTERFACE_INFO",
	[IMSG_CTL_END] =		"IMSG_CTL_END",
	[IMSG_RECONF_CONF] =		"IMSG_RECONF_CONF",
	[IMSG_RECONF_IFACE] =		"IMSG_RECONF_IFACE",
	[IMSG_RECONF_END] =		"IMSG_RECONF_END",
	[IMSG_CONTROLFD] =		"IMSG_CONTROLFD",
	[IMSG_OPEN_SOCKETS] =		"IMSG_OPEN_SOCKETS",
	[IMSG_PACKET_SOCKET] =		"IMSG_PACKET_SOCKET",
	[IMSG_UDP_SOCKET] =		"IMSG_UDP_SOCKET",
	[IMSG_CLOSE_UDP_SOCKET] =	"IMSG_CLOSE_UDP_SOCKET",
	[IMSG_IFACE_READY] =		"IMSG_IFACE_READY",
	[IMSG_LINK_STATE] =		"IMSG_LINK_STATE",
	[IMSG_LINK_GONE] =		"IMSG_LINK_GONE",
	[IMSG_DHCP_FRAME] =		"IMSG_DHCP_FRAME",
	[IMSG_SEND_FRAME] =		"IMSG_SEND_FRAME",
	[IMSG_SEND_UDP] =		"IMSG_SEND_UDP",
	[IMSG_RELEASE_ALL] =		"IMSG_RELEASE_ALL",
	[IMSG_CONFIGURE] =		"IMSG_CONFIGURE",
	[IMSG_DECONFIGURE] =		"IMSG_DECONFIGURE",
	[IMSG_STARTUP] =	"IMSG_STARTUP",
};

static void
usage(void)
{
	extern char	*__progname;

	fprintf(stderr, "usage: %s [-dnv] [-f file] [-s socket] "
	    "[interface ...]\n", __progname);
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct event	 ev_sigint, ev_sigterm, ev_sighup, ev_sigchld;
	struct passwd	*pw;
	struct group	*gr;
	gid_t		 control_gid = 0;
	int		 ch, debug = 0, verbose = 0, noaction = 0;
	int		 control_fd;
	int		 engine_flag = 0, frontend_flag = 0;
	int		 pipe_main2frontend[2], pipe_main2engine[2];

	/*
	 * Keep hold of our own binary before anything else: the children
	 * are exec'd from this fd, never from a PATH lookup, so a binary
	 * replaced on disk cannot be mixed with the running one.
	 */
	exe_fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	/* Out of the way of fd 3, the children's channel to us. */
	if (exe_fd != -1 && exe_fd <= LEASED_PARENT_FD) {
		int	fd = fcntl(exe_fd, F_DUPFD_CLOEXEC,
		    LEASED_PARENT_FD + 1);

		close(exe_fd);
		exe_fd = fd;
	}

	log_init(1, LOG_DAEMON);	/* log to stderr until daemonized */
	log_setverbose(1);

	while ((ch = getopt(argc, argv, "dEFf:ns:v")) != -1) {
		switch (ch) {
		case 'd':
			debug = 1;
			break;
		case 'E':
			engine_flag = 1;
			break;
		case 'F':
			frontend_flag = 1;
			break;
		case 'f':
			conffile = optarg;
			conffile_given = 1;
			break;
		case 'n':
			noaction = 1;
			break;
		case 's':
			csock = optarg;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (engine_flag && frontend_flag)
		usage();
	cmdline_ifaces = argv;
	ncmdline_ifaces = argc;

	if (engine_flag) {
		close(exe_fd);
		engine(debug, verbose);
	} else if (frontend_flag) {
		close(exe_fd);
		frontend(debug, verbose);
	}

	if ((main_conf = main_load_config()) == NULL)
		exit(1);
	if (noaction) {
		if (verbose)
			print_config(main_conf);
		else
			fprintf(stderr, "configuration OK\n");
		if (verbose > 1) {
			struct iface_conf	*ic;
			struct nl_link		 link;
			struct in_addr		 any = { INADDR_ANY };

			/* The programs as they would be attached. */
			SIMPLEQ_FOREACH(ic, &main_conf->iface_list, entry) {
				memset(&link, 0, sizeof(link));
				if (nl_open() == -1 ||
				    nl_link_info(0, ic->name, &link) == -1)
					memcpy(link.mac, (uint8_t[])FILTER_PH_MAC,
					    sizeof(link.mac));
				filter_audit(stdout, ic->name, link.mac, any,
				    any);
			}
		}
		exit(0);
	}

	if (geteuid() != 0)
		fatalx("need root privileges");
	if ((pw = getpwnam(LEASED_USER)) == NULL)
		fatalx("unknown user %s", LEASED_USER);
	if (main_conf->control_group[0] != '\0') {
		if ((gr = getgrnam(main_conf->control_group)) == NULL)
			fatalx("unknown control group %s",
			    main_conf->control_group);
		control_gid = gr->gr_gid;
	}
	if (exe_fd == -1)
		fatal("open /proc/self/exe");

	if (lock_instance(csock) == -1)
		exit(1);
	if ((control_fd = control_create(csock, control_gid)) == -1)
		fatalx("cannot create control socket %s", csock);
	if (nl_open() == -1)
		fatal("cannot open routing socket");
	if (mkdir(main_conf->lease_dir, 0700) == -1 && errno != EEXIST)
		fatal("lease directory %s", main_conf->lease_dir);

	log_init(debug, LOG_DAEMON);
	log_setverbose(verbose);

	if (!debug && daemon(1, 0) == -1)
		fatal("daemon");
	lock_record_pid();

	log_info("startup");

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    PF_UNSPEC, pipe_main2frontend) == -1)
		fatal("main2frontend socketpair");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    PF_UNSPEC, pipe_main2engine) == -1)
		fatal("main2engine socketpair");

	/* Start children. */
	engine_pid = start_child(PROC_ENGINE, pipe_main2engine[1], debug,
	    verbose, pipe_main2engine[0]);
	frontend_pid = start_child(PROC_FRONTEND, pipe_main2frontend[1], debug,
	    verbose, pipe_main2frontend[0]);
	close(exe_fd);
	exe_fd = -1;
	/* Even a fatal error must not leave our programs attached. */
	if (atexit(main_atexit) != 0)
		fatal("atexit");

	log_procinit("main");

	event_init();

	/* Setup signal handler. */
	signal_set(&ev_sigint, SIGINT, main_sig_handler, NULL);
	signal_set(&ev_sigterm, SIGTERM, main_sig_handler, NULL);
	signal_set(&ev_sighup, SIGHUP, main_sig_handler, NULL);
	signal_set(&ev_sigchld, SIGCHLD, main_sig_handler, NULL);
	signal_add(&ev_sigint, NULL);
	signal_add(&ev_sigterm, NULL);
	signal_add(&ev_sighup, NULL);
	signal_add(&ev_sigchld, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Setup pipes and event handlers to the children. */
	iev_frontend = imsgev_open(pipe_main2frontend[0], 1,
	    main_dispatch_frontend);
	iev_engine = imsgev_open(pipe_main2engine[0], 1, main_dispatch_engine);

	if (main_imsg_send_ipc_sockets() == -1)
		fatal("could not establish imsg links");

	if (imsg_compose_event(iev_frontend, IMSG_CONTROLFD, 0, 0, control_fd,
	    NULL, 0) == -1)
		fatal("cannot pass the control socket");

	main_unveil();
	remove_stale_temps(main_conf->resolv_conf);

	main_send_config(main_conf);
	imsg_compose_event(iev_engine, IMSG_STARTUP, 0, 0, -1, NULL, 0);
	imsg_compose_event(iev_frontend, IMSG_STARTUP, 0, 0, -1, NULL, 0);

	event_dispatch();

	main_shutdown();
}

/*
 * Only one leased may manage the system: the lock lives beside the
 * control socket and is held for the parent's lifetime (daemon(3) keeps
 * the open file description, and with it the lock).
 */
static int
lock_instance(const char *sockpath)
{
	char	 path[PATH_MAX], dir[PATH_MAX];
	int	 fd, len;

	len = snprintf(dir, sizeof(dir), "%s", sockpath);
	if (len < 0 || (size_t)len >= sizeof(dir)) {
		log_warnx("control socket path too long: %s", sockpath);
		return (-1);
	}
	len = snprintf(path, sizeof(path), "%s/%s", dirname(dir),
	    LEASED_LOCK_NAME);
	if (len < 0 || (size_t)len >= sizeof(path)) {
		log_warnx("lock file path too long");
		return (-1);
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600)) == -1) {
		log_warn("%s", path);
		return (-1);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			log_warnx("already running: %s is locked by another "
			    "leased", path);
		else
			log_warn("flock %s", path);
		close(fd);
		return (-1);
	}
	/* The fd stays open, and locked, until we exit. */
	lock_fd = fd;
	return (0);
}

/* After daemon(3): the pid of the process that holds the lock. */
static void
lock_record_pid(void)
{
	char	pid[32];
	int	len;

	len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(lock_fd, 0) == -1 ||
	    pwrite(lock_fd, pid, len, 0) != len)
		log_warn("lock file: cannot record pid");
}

static void
main_sig_handler(int sig, short event, void *arg)
{
	static int		 shutting_down;
	struct timeval		 release_wait = { 0, 500 * 1000 };
	siginfo_t		 si;

	(void)event;
	(void)arg;

	switch (sig) {
	case SIGTERM:
	case SIGINT:
		if (shutting_down)
			break;
		shutting_down = 1;
		log_info("terminating on signal %d", sig);
		/*
		 * "shutdown release lease": the engine sends its RELEASEs
		 * and asks us to withdraw; give that a moment.
		 */
		if (main_conf->release_on_shutdown && iev_engine != NULL) {
			imsg_compose_event(iev_engine, IMSG_RELEASE_ALL, 0, 0,
			    -1, NULL, 0);
			event_loopexit(&release_wait);
		} else
			event_loopexit(NULL);
		break;
	case SIGHUP:
		log_info("SIGHUP: reloading %s", conffile);
		if (main_reload() == -1)
			log_warnx("configuration reload failed, the running "
			    "configuration stays");
		break;
	case SIGCHLD:
		/*
		 * Only a child that exited ends us (a stopped one does not);
		 * main_shutdown() reaps and reports.
		 */
		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid != 0)
			event_loopexit(NULL);
		break;
	default:
		fatalx("unexpected signal");
	}
}

/*
 * On any exit, fatal ones included: the children go first (a frontend
 * must never hold its sockets without their send filters), then our tc
 * programs.  The lease stays: the kernel drops it at expiry.
 */
static void
main_atexit(void)
{
	struct main_iface	*mi;
	pid_t			 pids[2] = { engine_pid, frontend_pid };
	int			 i;

	for (i = 0; i < 2; i++) {
		if (pids[i] == 0)
			continue;
		kill(pids[i], SIGKILL);
		while (waitpid(pids[i], NULL, 0) == -1 && errno == EINTR)
			;
	}
	engine_pid = frontend_pid = 0;
	while ((mi = LIST_FIRST(&main_ifaces)) != NULL)
		main_iface_free(mi, 0);
}

static __attribute__((__noreturn__)) void
main_shutdown(void)
{
	struct timespec	 ts = { 0, 10 * 1000 * 1000 };
	pid_t		 pid;
	int		 status, waited, left = 0;
	const char	*who;

	struct main_iface	*mi;

	/* Closing the pipes tells the children to go. */
	if (iev_frontend != NULL) {
		imsgbuf_clear(&iev_frontend->ibuf);
		close(iev_frontend->ibuf.fd);
		free(iev_frontend);
	}
	if (iev_engine != NULL) {
		imsgbuf_clear(&iev_engine->ibuf);
		close(iev_engine->ibuf.fd);
		free(iev_engine);
	}
	left = (frontend_pid != 0) + (engine_pid != 0);

	for (waited = 0; left > 0; ) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pid == 0) {
			if (waited >= CHILD_EXIT_WAIT_MS) {
				/* Only our own children, by pid. */
				if (frontend_pid != 0)
					kill(frontend_pid, SIGKILL);
				if (engine_pid != 0)
					kill(engine_pid, SIGKILL);
			}
			nanosleep(&ts, NULL);
			waited += 10;
			continue;
		}
		if (pid == engine_pid) {
			who = "engine";
			engine_pid = 0;
		} else if (pid == frontend_pid) {
			who = "frontend";
			frontend_pid = 0;
		} else
			continue;
		left--;
		if (WIFSIGNALED(status))
			log_warnx("%s terminated; signal %d", who,
			    WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			log_warnx("%s exited with status %d", who,
			    WEXITSTATUS(status));
		else
			log_debug("%s exited", who);
	}

	/* Our tc programs go; the lease stays unless told otherwise. */
	while ((mi = LIST_FIRST(&main_ifaces)) != NULL)
		main_iface_free(mi, main_conf->release_on_shutdown);
	nl_close();

	log_info("terminating");
	exit(0);
}

static pid_t
start_child(enum leased_process p, int fd, int debug, int verbose,
    int parent_end)
{
	char	*argv[7];
	int	 argc = 0;
	pid_t	 pid;

	switch (pid = fork()) {
	case -1:
		fatal("cannot fork");
	case 0:
		break;
	default:
		close(fd);
		return (pid);
	}

	close(parent_end);
	if (fd != LEASED_PARENT_FD) {
		/* dup2 clears close-on-exec on the new fd. */
		if (dup2(fd, LEASED_PARENT_FD) == -1)
			fatal("cannot setup imsg fd");
	} else if (fcntl(fd, F_SETFD, 0) == -1)
		fatal("cannot setup imsg fd");

	argv[argc++] = "leased";
	switch (p) {
	case PROC_MAIN:
		fatalx("Can not start main process");
	case PROC_ENGINE:
		argv[argc++] = "-E";
		break;
	case PROC_FRONTEND:
		argv[argc++] = "-F";
		break;
	}
	if (debug)
		argv[argc++] = "-d";
	if (verbose)
		argv[argc++] = "-v";
	if (verbose > 1)
		argv[argc++] = "-v";
	if (verbose > 2)
		argv[argc++] = "-v";
	argv[argc++] = NULL;

	execveat(exe_fd, "", argv, environ, AT_EMPTY_PATH);
	fatal("execveat");
}

void
main_dispatch_frontend(int fd, short event, void *bula)
{
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct imsg		 imsg;
	struct imsg_ifreq	 ifreq;
	ssize_t			 n;
	uint32_t		 type, if_index;
	int			 verbose;
	char			 ifname[IF_NAMESIZE];

	(void)fd;

	if (imsgev_io(iev, event) == -1) {
		main_dispatch_eof(iev, "frontend");
		return;
	}

	for (;;) {
		if ((n = imsgbuf_get(ibuf, &imsg)) == -1)
			fatal("imsgbuf_get");
		if (n == 0)	/* No more messages. */
			break;

		type = imsg_get_type(&imsg);
		switch (type) {
		case IMSG_OPEN_SOCKETS:
			if (imsg_get_data(&imsg, &ifreq, sizeof(ifreq)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (validate_ifname(ifreq.ifname,
			    sizeof(ifreq.ifname)) == -1)
				fatalx("%s: %s: bad interface name", __func__,
				    imsg_type_name(type));
			main_open_sockets(&ifreq);
			break;
		case IMSG_LINK_GONE:
			if (imsg_get_data(&imsg, &if_index,
			    sizeof(if_index)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			main_link_gone(if_index);
			break;
		case IMSG_CTL_RELOAD:
			if (imsg_get_len(&imsg) != 0)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (main_reload() == -1)
				log_warnx("configuration reload failed, the "
				    "running configuration stays");
			imsg_compose_event(iev_frontend, IMSG_CTL_END, 0,
			    imsg_get_pid(&imsg), -1, NULL, 0);
			break;
		case IMSG_CTL_LOG_VERBOSE:
			if (imsg_get_data(&imsg, &verbose,
			    sizeof(verbose)) == -1 || verbose < 0 ||
			    verbose > 3)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			log_setverbose(verbose);
			break;
		case IMSG_CTL_MANAGE:
			if (imsg_get_data(&imsg, ifname, sizeof(ifname)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (validate_ifname(ifname, sizeof(ifname)) == -1) {
				/* A client's word: refuse, not fatal. */
				log_warnx("%s: bad interface name", __func__);
			} else
				main_manage(ifname, imsg_get_pid(&imsg));
			imsg_compose_event(iev_frontend, IMSG_CTL_END, 0,
			    imsg_get_pid(&imsg), -1, NULL, 0);
			break;
		default:
			/* The frontend only sends what we know. */
			fatalx("%s: unexpected %s", __func__,
			    imsg_type_name(type));
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

void
main_dispatch_engine(int fd, short event, void *bula)
{
	struct imsgev		*iev = bula;
	struct imsgbuf		*ibuf = &iev->ibuf;
	struct imsg		 imsg;
	static struct lease	 lease;
	struct imsg_deconf	 deconf;
	ssize_t			 n;
	uint32_t		 type;
	char			 why[VALIDATE_WHY_LEN];

	(void)fd;

	if (imsgev_io(iev, event) == -1) {
		main_dispatch_eof(iev, "engine");
		return;
	}

	for (;;) {
		if ((n = imsgbuf_get(ibuf, &imsg)) == -1)
			fatal("imsgbuf_get");
		if (n == 0)	/* No more messages. */
			break;

		type = imsg_get_type(&imsg);
		switch (type) {
		case IMSG_CONFIGURE:
			if (imsg_get_data(&imsg, &lease, sizeof(lease)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			if (validate_lease(&lease, why, sizeof(why)) == -1)
				fatalx("%s: invalid %s: %s", __func__,
				    imsg_type_name(type), why);
			main_configure(&lease);
			break;
		case IMSG_DECONFIGURE:
			if (imsg_get_data(&imsg, &deconf,
			    sizeof(deconf)) == -1)
				fatalx("%s: invalid %s", __func__,
				    imsg_type_name(type));
			main_deconfigure(&deconf);
			break;
		default:
			fatalx("%s: unexpected %s", __func__,
			    imsg_type_name(type));
		}
		imsg_free(&imsg);
	}
	imsg_event_add(iev);
}

/* A child closed its channel: it died or exited; we go too. */
static void
main_dispatch_eof(struct imsgev *iev, const char *who)
{
	log_warnx("lost connection to %s", who);
	event_del(&iev->ev);
	event_loopexit(NULL);
}

static int
main_imsg_send_ipc_sockets(void)
{
	int	 pipe_frontend2engine[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    PF_UNSPEC, pipe_frontend2engine) == -1)
		return (-1);

	if (imsg_compose_event(iev_frontend, IMSG_SOCKET_IPC, 0, 0,
	    pipe_frontend2engine[0], NULL, 0) == -1) {
		close(pipe_frontend2engine[0]);
		close(pipe_frontend2engine[1]);
		return (-1);
	}
	if (imsg_compose_event(iev_engine, IMSG_SOCKET_IPC, 0, 0,
	    pipe_frontend2engine[1], NULL, 0) == -1) {
		close(pipe_frontend2engine[1]);
		return (-1);
	}
	return (0);
}

/*
 * From here on the parent may only touch the files it needs: Landlock
 * does for us what unveil(2) does on OpenBSD.
 */
static void
main_unveil(void)
{
	char	dir[PATH_MAX];

	/*
	 * Read again on reload.  Only this file: a configuration that
	 * includes others cannot be reloaded (leased.conf(5) says so).
	 */
	if (sandbox_unveil(conffile, "r") == -1 && errno != ENOENT)
		fatal("unveil %s", conffile);
	if (sandbox_unveil(main_conf->lease_dir, "rwc") == -1)
		fatal("unveil %s", main_conf->lease_dir);
	/*
	 * resolv.conf is replaced by rename(2), which needs its directory.
	 * Landlock rules hold directories, not names: this is as narrow as
	 * it gets.
	 */
	snprintf(dir, sizeof(dir), "%s", main_conf->resolv_conf);
	if (sandbox_unveil(dirname(dir), "rwc") == -1)
		fatal("unveil %s", dir);
	if (sandbox_unveil(NULL, NULL) == -1)
		fatal("unveil: cannot restrict file system access "
		    "(is Landlock enabled in this kernel?)");
}

/* The config file plus the interfaces named on the command line. */
static struct leased_conf *
main_load_config(void)
{
	struct leased_conf	*xconf;
	struct iface_conf	*ic;
	int			 i;

	/* Without the default file, interfaces come from the command line. */
	if (!conffile_given && access(conffile, F_OK) == -1 &&
	    errno == ENOENT) {
		log_debug("%s: no such file, using defaults", conffile);
		xconf = config_new_empty();
	} else if ((xconf = parse_config(conffile)) == NULL)
		return (NULL);
	/* Interfaces added with leasectl stay managed across reloads. */
	SIMPLEQ_FOREACH(ic, &added_ifaces, entry)
		if (iface_conf_find(xconf, ic->name) == NULL)
			iface_conf_default(xconf, ic->name);
	for (i = 0; i < ncmdline_ifaces; i++) {
		if (validate_ifname(cmdline_ifaces[i], IF_NAMESIZE) == -1) {
			log_warnx("bad interface name: %s",
			    cmdline_ifaces[i]);
			config_clear(xconf);
			return (NULL);
		}
		if (iface_conf_find(xconf, cmdline_ifaces[i]) == NULL)
			iface_conf_default(xconf, cmdline_ifaces[i]);
	}
	return (xconf);
}

static struct iface_conf *
iface_conf_default(struct leased_conf *xconf, const char *name)
{
	struct iface_conf	*ic;

	if ((ic = calloc(1, sizeof(*ic))) == NULL)
		fatal(NULL);
	snprintf(ic->name, sizeof(ic->name), "%s", name);
	ic->send_host_name = HOST_NAME_SYSTEM;
	ic->route_metric = xconf->route_metric;
	SIMPLEQ_INSERT_TAIL(&xconf->iface_list, ic, entry);
	return (ic);
}

static int
main_reload(void)
{
	struct leased_conf	*xconf;

	if ((xconf = main_load_config()) == NULL)
		return (-1);
	config_clear(main_conf);
	main_conf = xconf;
	main_send_config(main_conf);
	log_info("configuration reloaded");
	return (0);
}

/* The configuration goes to both children, with the host name filled. */
static void
main_send_config(struct leased_conf *xconf)
{
	struct iface_conf	 ic;
	struct iface_conf	*p;
	char			 host[HOST_NAME_MAX + 1];

	if (gethostname(host, sizeof(host)) == -1 ||
	    validate_name(host, sizeof(host)) == -1)
		host[0] = '\0';

	imsg_compose_event(iev_engine, IMSG_RECONF_CONF, 0, 0, -1, xconf,
	    sizeof(*xconf));
	imsg_compose_event(iev_frontend, IMSG_RECONF_CONF, 0, 0, -1, xconf,
	    sizeof(*xconf));
	SIMPLEQ_FOREACH(p, &xconf->iface_list, entry) {
		ic = *p;
		if (ic.send_host_name == HOST_NAME_SYSTEM)
			snprintf(ic.host_name, sizeof(ic.host_name), "%s",
			    host);
		imsg_compose_event(iev_engine, IMSG_RECONF_IFACE, 0, 0, -1,
		    &ic, sizeof(ic));
		imsg_compose_event(iev_frontend, IMSG_RECONF_IFACE, 0, 0, -1,
		    &ic, sizeof(ic));
	}
	imsg_compose_event(iev_engine, IMSG_RECONF_END, 0, 0, -1, NULL, 0);
	imsg_compose_event(iev_frontend, IMSG_RECONF_END, 0, 0, -1, NULL, 0);
}

/* leasectl asked to manage an interface the configuration does not name. */
static void
main_manage(const char *ifname, pid_t pid)
{
	struct iface_conf	*ic;

	(void)pid;

	if (iface_conf_find(main_conf, ifname) != NULL)
		return;
	log_info("%s: managed on request", ifname);
	iface_conf_default(main_conf, ifname);
	ic = calloc(1, sizeof(*ic));
	if (ic == NULL)
		fatal(NULL);
	snprintf(ic->name, sizeof(ic->name), "%s", ifname);
	SIMPLEQ_INSERT_TAIL(&added_ifaces, ic, entry);
	main_send_config(main_conf);
}

static struct main_iface *
main_iface_by_index(uint32_t if_index)
{
	struct main_iface	*mi;

	LIST_FOREACH(mi, &main_ifaces, entries)
		if (mi->if_index == if_index)
			return (mi);
	return (NULL);
}

static struct main_iface *
main_iface_by_name(const char *ifname)
{
	struct main_iface	*mi;

	LIST_FOREACH(mi, &main_ifaces, entries)
		if (strcmp(mi->ifname, ifname) == 0)
			return (mi);
	return (NULL);
}

/*
 * The frontend saw a configured interface: open its filtered packet
 * socket, hand it over, and tell the engine (with the stored lease).
 * The frontend only names the interface; what we attach is built from
 * the kernel's own view of it.
 */
static void
main_open_sockets(const struct imsg_ifreq *req)
{
	static struct imsg_iface_ready	 ready;
	struct main_iface		*mi;
	struct nl_link			 link;
	struct in_addr			 any = { INADDR_ANY };
	enum lease_load_result		 lr;
	char				 path[PATH_MAX];
	int				 fd, one = 1;

	if (iface_conf_find(main_conf, req->ifname) == NULL) {
		log_warnx("%s: %s is not configured", __func__, req->ifname);
		return;
	}
	if ((mi = main_iface_by_index(req->if_index)) != NULL) {
		if (strcmp(mi->ifname, req->ifname) == 0)
			return;		/* already open */
		main_iface_free(mi, 0);
	}
	if (nl_link_info(req->if_index, NULL, &link) == -1) {
		log_warnx("%s: %s: no such interface", __func__, req->ifname);
		return;
	}
	if (strcmp(link.ifname, req->ifname) != 0 ||
	    link.maclen != ETHER_ADDR_LEN) {
		log_warnx("%s: %s: index %u is %s, or not Ethernet", __func__,
		    req->ifname, req->if_index, link.ifname);
		return;
	}

	if ((mi = calloc(1, sizeof(*mi))) == NULL)
		fatal(NULL);
	mi->if_index = req->if_index;
	memcpy(mi->ifname, link.ifname, sizeof(mi->ifname));
	memcpy(mi->mac, link.mac, sizeof(mi->mac));
	mi->pkt.fd = mi->pkt.prog_fd = -1;
	mi->udp.fd = mi->udp.prog_fd = -1;

	/* A leased killed by SIGKILL may have left programs behind. */
	filter_tc_remove_stale(mi->if_index);
	if (filter_packet_open(mi->if_index, mi->mac, any, &mi->pkt) == -1) {
		log_warnx("%s: cannot open a filtered socket", mi->ifname);
		free(mi);
		return;
	}
	LIST_INSERT_HEAD(&main_ifaces, mi, entries);
	/* Tell the frontend which UDP checksums are still to be filled. */
	if (setsockopt(mi->pkt.fd, SOL_PACKET, PACKET_AUXDATA, &one,
	    sizeof(one)) == -1)
		log_warn("%s: PACKET_AUXDATA", mi->ifname);

	memset(&ready, 0, sizeof(ready));
	ready.if_index = mi->if_index;
	memcpy(ready.ifname, mi->ifname, sizeof(ready.ifname));
	memcpy(ready.mac, mi->mac, sizeof(ready.mac));
	if (lease_path(path, sizeof(path), main_conf->lease_dir,
	    mi->ifname) == 0)
		remove_stale_temps(path);
	lr = lease_load(main_conf->lease_dir, mi->ifname, mi->mac,
	    time(NULL), &ready.lease);
	if (lr == LEASE_LOADED && validate_lease(&ready.lease, NULL, 0) ==
	    0) {
		ready.have_lease = 1;
		mi->lease = ready.lease;
		mi->have_lease = 1;
	} else
		memset(&ready.lease, 0, sizeof(ready.lease));
	/*
	 * The frontend passes this on to the engine once it holds the
	 * socket, so the engine never sends before it can go out.
	 */
	if ((fd = fcntl(mi->pkt.fd, F_DUPFD_CLOEXEC, 0)) == -1 ||
	    imsg_compose_event(iev_frontend, IMSG_PACKET_SOCKET, 0, 0, fd,
	    &ready, sizeof(ready)) == -1)
		fatal("%s: cannot pass the packet socket", __func__);
	log_info("%s: managing, filters attached", mi->ifname);
}

static void
main_link_gone(uint32_t if_index)
{
	struct main_iface	*mi;

	if ((mi = main_iface_by_index(if_index)) == NULL)
		return;
	log_info("%s: interface gone", mi->ifname);
	main_iface_free(mi, 0);
}

/* Forget an interface: our tc programs go, the lease only if asked. */
static void
main_iface_free(struct main_iface *mi, int withdraw)
{
	struct sockaddr_ll	 sll;

	if (withdraw && mi->configured)
		main_withdraw(mi, mi->lease.address,
		    validate_netmask(mi->lease.netmask));
	main_udp_close(mi);
	/*
	 * The frontend may still hold the packet socket (it told us the
	 * link is gone, but it is not trusted): bound to no interface the
	 * socket can send nowhere, as the frontend may not name one.  Only
	 * then may its send program go.
	 */
	if (mi->pkt.fd != -1) {
		memset(&sll, 0, sizeof(sll));
		sll.sll_family = AF_PACKET;
		if (bind(mi->pkt.fd, (struct sockaddr *)&sll,
		    sizeof(sll)) == -1)
			fatal("%s: cannot unbind the packet socket", __func__);
	}
	filter_tc_remove(&mi->pkt);
	if (mi->pkt.fd != -1)
		close(mi->pkt.fd);
	LIST_REMOVE(mi, entries);
	free(mi);
}

/*
 * The engine has a lease (validated by the caller): put it into the
 * kernel, resolv.conf and the lease file.
 */
static void
main_configure(const struct lease *l)
{
	struct main_iface	*mi;
	struct iface_conf	*ic;
	struct nl_link		 link;
	uint32_t		 left, metric;
	int			 plen;

	if ((mi = main_iface_by_name(l->ifname)) == NULL ||
	    memcmp(mi->mac, l->mac, sizeof(mi->mac)) != 0)
		fatalx("%s: lease for unknown interface %s", __func__,
		    l->ifname);
	ic = iface_conf_find(main_conf, mi->ifname);
	metric = ic != NULL ? (uint32_t)ic->route_metric :
	    (uint32_t)main_conf->route_metric;
	plen = validate_netmask(l->netmask);

	if (mi->configured && mi->lease.address.s_addr != l->address.s_addr)
		main_withdraw(mi, mi->lease.address,
		    validate_netmask(mi->lease.netmask));

	/* The kernel drops the address at expiry even if we are gone. */
	left = lease_remaining(l, time(NULL));
	if (l->lease_time == LEASE_INFINITE)
		left = NL_INFINITE;
	if (nl_addr_add(mi->if_index, l->address, plen, l->broadcast, left,
	    left) == -1)
		log_warn("%s: cannot add %s/%d", mi->ifname,
		    ntoa(l->address), plen);

	if (l->mtu != 0 && l->mtu != mi->mtu_set) {
		if (mi->mtu_orig == 0 && nl_link_info(mi->if_index, NULL,
		    &link) == 0)
			mi->mtu_orig = link.mtu;
		if (nl_mtu_set(mi->if_index, l->mtu) == -1)
			log_warn("%s: cannot set MTU %u", mi->ifname, l->mtu);
		else
			mi->mtu_set = l->mtu;
	}

	main_routes(mi, l, metric);

	if (l->ndns > 0 || l->domain[0] != '\0' || l->nsearch > 0)
		resolv_write(main_conf->resolv_conf, l);
	else if (mi->configured)
		resolv_withdraw(main_conf->resolv_conf, mi->ifname);

	if (lease_write(main_conf->lease_dir, l) == -1)
		log_warn("%s: cannot write lease file", mi->ifname);

	/* The packet socket may now also send from the leased address. */
	if (mi->pkt.leased.s_addr != l->address.s_addr &&
	    filter_packet_update(&mi->pkt, l->address) == -1)
		log_warnx("%s: cannot update the send filter", mi->ifname);

	main_udp_socket(mi, l);

	mi->lease = *l;
	mi->configured = mi->have_lease = 1;
	log_info("%s: configured %s/%d, lease %us", mi->ifname,
	    ntoa(l->address), plen, l->lease_time);
}

/*
 * The lease's routes: classless ones (on-link first, as later gateways
 * may be reachable only through them) or a default route via the first
 * router.  Each is added with replace semantics and only then are the
 * ones no longer wanted pruned, so a renewal never leaves a gap.
 */
static void
main_routes(struct main_iface *mi, const struct lease *l, uint32_t metric)
{
	struct nl_route	 keep[LEASE_MAX_ROUTES];
	struct in_addr	 any = { INADDR_ANY };
	size_t		 n = 0;
	uint32_t	 i;
	int		 pass;

	if (l->nroutes > 0) {
		for (pass = 0; pass < 2; pass++) {
			for (i = 0; i < l->nroutes; i++) {
				if ((l->routes[i].gw.s_addr == INADDR_ANY) !=
				    (pass == 0))
					continue;
				keep[n].dst = l->routes[i].dst;
				keep[n].gw = l->routes[i].gw;
				keep[n].prefixlen = l->routes[i].prefixlen;
				keep[n].metric = metric;
				if (nl_route_add(mi->if_index, keep[n].dst,
				    keep[n].prefixlen, keep[n].gw, l->address,
				    metric) == -1)
					log_warn("%s: cannot add route %s/%d "
					    "via %s", mi->ifname,
					    ntoa(keep[n].dst),
					    keep[n].prefixlen,
					    ntoa(keep[n].gw));
				else
					n++;
			}
		}
	} else if (l->nrouters > 0) {
		keep[0].dst = any;
		keep[0].gw = l->routers[0];
		keep[0].prefixlen = 0;
		keep[0].metric = metric;
		if (nl_route_add(mi->if_index, any, 0, l->routers[0],
		    l->address, metric) == -1)
			log_warn("%s: cannot add default route via %s",
			    mi->ifname, ntoa(l->routers[0]));
		else
			n = 1;
	}
	nl_routes_prune(mi->if_index, keep, n);
}

/* The unicast renewal socket for this lease, for the frontend. */
static void
main_udp_socket(struct main_iface *mi, const struct lease *l)
{
	struct imsg_udpsock	 us;
	int			 fd;

	if (mi->udp.fd != -1 && mi->udp.leased.s_addr ==
	    l->address.s_addr && mi->udp.server.s_addr == l->server.s_addr)
		return;
	main_udp_close(mi);
	if (filter_udp_open(mi->if_index, mi->mac, l->address, l->server,
	    &mi->udp) == -1) {
		log_warnx("%s: no unicast renewal socket, renewals will be "
		    "broadcast", mi->ifname);
		mi->udp.fd = -1;
		return;
	}
	memset(&us, 0, sizeof(us));
	us.if_index = mi->if_index;
	us.addr = l->address;
	us.server = l->server;
	if ((fd = fcntl(mi->udp.fd, F_DUPFD_CLOEXEC, 0)) == -1 ||
	    imsg_compose_event(iev_frontend, IMSG_UDP_SOCKET, 0, 0, fd, &us,
	    sizeof(us)) == -1)
		fatal("%s: cannot pass the UDP socket", __func__);
}

/*
 * Retire the renewal socket.  The frontend may still hold its copy, so
 * first disconnect it (ours is the same socket): unconnected, it cannot
 * send at all, since the frontend may neither connect nor name an
 * address.  Only then may its send filter go.
 */
static void
main_udp_close(struct main_iface *mi)
{
	struct sockaddr	 sa;

	if (mi->udp.fd == -1)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNSPEC;
	if (connect(mi->udp.fd, &sa, sizeof(sa)) == -1)
		fatal("%s: cannot disconnect the UDP socket", __func__);
	filter_tc_remove(&mi->udp);
	close(mi->udp.fd);
	mi->udp.fd = -1;
}

/* Everything we configured for an address goes. */
static void
main_withdraw(struct main_iface *mi, struct in_addr addr, int plen)
{
	struct in_addr	 any = { INADDR_ANY };

	log_info("%s: removing %s/%d", mi->ifname, ntoa(addr), plen);
	nl_routes_flush(mi->if_index);
	if (nl_addr_del(mi->if_index, addr, plen) == -1 && errno != ESRCH &&
	    errno != EADDRNOTAVAIL)
		log_warn("%s: cannot remove %s", mi->ifname, ntoa(addr));
	resolv_withdraw(main_conf->resolv_conf, mi->ifname);
	lease_remove(main_conf->lease_dir, mi->ifname);
	if (mi->mtu_orig != 0) {
		if (nl_mtu_set(mi->if_index, mi->mtu_orig) == -1)
			log_warn("%s: cannot restore MTU %u", mi->ifname,
			    mi->mtu_orig);
		mi->mtu_orig = mi->mtu_set = 0;
	}
	main_udp_close(mi);
	if (mi->pkt.prog_fd != -1 && mi->pkt.leased.s_addr != INADDR_ANY)
		filter_packet_update(&mi->pkt, any);
	mi->configured = 0;
	mi->have_lease = 0;
}

static void
main_deconfigure(const struct imsg_deconf *d)
{
	struct main_iface	*mi;

	if ((mi = main_iface_by_index(d->if_index)) == NULL)
		fatalx("%s: unknown interface %u", __func__, d->if_index);
	/* Only what we configured, or the stored lease, may be removed. */
	if (!mi->have_lease || mi->lease.address.s_addr != d->addr.s_addr ||
	    validate_netmask(mi->lease.netmask) != d->prefixlen)
		fatalx("%s: %s: %s/%d is not a lease of ours", __func__,
		    mi->ifname, ntoa(d->addr), d->prefixlen);
	main_withdraw(mi, d->addr, d->prefixlen);
}

const char *
imsg_type_name(uint32_t type)
{
	static char	buf[32];

	if (type < IMSG_TYPE_MAX && imsg_names[type] != NULL)
		return (imsg_names[type]);
	snprintf(buf, sizeof(buf), "imsg type %u", type);
	return (buf);
}

/*
 * Children: a configuration arrives as one IMSG_RECONF_CONF, an
 * IMSG_RECONF_IFACE per interface and IMSG_RECONF_END.  Returns it once
 * complete, NULL until then.  Only the parent sends these: anything
 * malformed is fatal.
 */
struct leased_conf *
config_recv(struct imsg *imsg, uint32_t type)
{
	static struct leased_conf	*nconf;
	struct leased_conf		*xconf;
	struct iface_conf		*ic;

	switch (type) {
	case IMSG_RECONF_CONF:
		if (nconf != NULL)
			fatalx("%s: %s while receiving", __func__,
			    imsg_type_name(type));
		if ((nconf = malloc(sizeof(*nconf))) == NULL)
			fatal(NULL);
		if (imsg_get_data(imsg, nconf, sizeof(*nconf)) == -1 ||
		    memchr(nconf->lease_dir, '\0',
		    sizeof(nconf->lease_dir)) == NULL ||
		    memchr(nconf->resolv_conf, '\0',
		    sizeof(nconf->resolv_conf)) == NULL ||
		    memchr(nconf->control_group, '\0',
		    sizeof(nconf->control_group)) == NULL)
			fatalx("%s: invalid %s", __func__,
			    imsg_type_name(type));
		SIMPLEQ_INIT(&nconf->iface_list);
		return (NULL);
	case IMSG_RECONF_IFACE:
		if (nconf == NULL)
			fatalx("%s: %s without IMSG_RECONF_CONF", __func__,
			    imsg_type_name(type));
		if ((ic = malloc(sizeof(*ic))) == NULL)
			fatal(NULL);
		if (imsg_get_data(imsg, ic, sizeof(*ic)) == -1 ||
		    memchr(ic->name, '\0', sizeof(ic->name)) == NULL ||
		    memchr(ic->host_name, '\0', sizeof(ic->host_name)) ==
		    NULL || memchr(ic->vendor_class_id, '\0',
		    sizeof(ic->vendor_class_id)) == NULL ||
		    ic->client_id_len > sizeof(ic->client_id) ||
		    ic->ignore_servers_len < 0 ||
		    ic->ignore_servers_len > CONF_IGNORE_MAX)
			fatalx("%s: invalid %s", __func__,
			    imsg_type_name(type));
		SIMPLEQ_INSERT_TAIL(&nconf->iface_list, ic, entry);
		return (NULL);
	case IMSG_RECONF_END:
		if (nconf == NULL || imsg_get_len(imsg) != 0)
			fatalx("%s: invalid %s", __func__,
			    imsg_type_name(type));
		xconf = nconf;
		nconf = NULL;
		return (xconf);
	default:
		fatalx("%s: unexpected %s", __func__, imsg_type_name(type));
	}
}

/* inet_ntoa(3) with a few buffers, so one message may print several. */
const char *
ntoa(struct in_addr in)
{
	static char	 buf[4][INET_ADDRSTRLEN];
	static int	 i;

	i = (i + 1) % 4;
	if (inet_ntop(AF_INET, &in, buf[i], sizeof(buf[i])) == NULL)
		return ("?");
	return (buf[i]);
}

/* A channel to another leased process, watched for reading. */
struct imsgev *
imsgev_open(int fd, int fdpass, void (*handler)(int, short, void *))
{
	struct imsgev	*iev;

	if ((iev = calloc(1, sizeof(*iev))) == NULL)
		fatal(NULL);
	if (imsgbuf_init(&iev->ibuf, fd) == -1)
		fatal(NULL);
	if (fdpass)
		imsgbuf_allow_fdpass(&iev->ibuf);
	iev->handler = handler;
	iev->events = EV_READ;
	event_set(&iev->ev, iev->ibuf.fd, iev->events, iev->handler, iev);
	event_add(&iev->ev, NULL);
	return (iev);
}

/*
 * The reading and writing half of every dispatcher: 0 when the messages
 * may be taken, -1 when the peer closed the channel.
 */
int
imsgev_io(struct imsgev *iev, short event)
{
	ssize_t	n;

	if (event & EV_READ) {
		if ((n = imsgbuf_read(&iev->ibuf)) == -1)
			fatal("imsgbuf_read error");
		if (n == 0)
			return (-1);
	}
	if (event & EV_WRITE) {
		if (imsgbuf_write(&iev->ibuf) == -1) {
			if (errno == EPIPE)
				return (-1);
			fatal("imsgbuf_write");
		}
	}
	return (0);
}

void
imsg_event_add(struct imsgev *iev)
{
	iev->events = EV_READ;
	if (imsgbuf_queuelen(&iev->ibuf) > 0)
		iev->events |= EV_WRITE;

	event_del(&iev->ev);
	event_set(&iev->ev, iev->ibuf.fd, iev->events, iev->handler, iev);
	event_add(&iev->ev, NULL);
}

int
imsg_compose_event(struct imsgev *iev, uint32_t type, uint32_t peerid,
    pid_t pid, int fd, const void *data, size_t datalen)
{
	int	ret;

	if ((ret = imsg_compose(&iev->ibuf, type, peerid, pid, fd, data,
	    datalen)) != -1)
		imsg_event_add(iev);

	return (ret);
}

/*
 * The children's privilege drop, one checklist for both: user, chroot,
 * capabilities (the bounding set needs CAP_SETPCAP, so before setuid),
 * ids, no new privileges.  The caller installs its seccomp filter next.
 */
void
privdrop(const char *user)
{
	struct passwd			*pw;
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];
	int				 cap;

	if ((pw = getpwnam(user)) == NULL)
		fatalx("unknown user %s", user);
	if (chroot(pw->pw_dir) == -1)
		fatal("chroot %s", pw->pw_dir);
	if (chdir("/") == -1)
		fatal("chdir(\"/\")");
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1)
			fatal("drop capability %d from the bounding set", cap);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL)
		fatal("clear ambient capabilities");
	if (setgroups(1, &pw->pw_gid) ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid))
		fatal("can't drop privileges");

	/* setresuid cleared them; make sure nothing is left. */
	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &hdr, data) == -1)
		fatal("capset");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("PR_SET_NO_NEW_PRIVS");
}
