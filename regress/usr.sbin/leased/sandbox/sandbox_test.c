/*
 * Regress for the sandbox layer.  Every check runs in a forked child,
 * which sets itself up, enters the sandbox and tries one thing; the
 * parent judges by how the child ended: killed by SIGSYS (forbidden),
 * exit 0 (permitted), or another exit code that names the step that
 * went wrong.
 */

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <linux/netlink.h>

#include <errno.h>
#include <event.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "sandbox.h"
#include "regress.h"

#define FRONTEND	"stdio unix recvfd packet"

/* How a child is expected to end. */
#define END_EXIT0	0
#define END_SIGSYS	SIGSYS
#define END_SIGABRT	SIGABRT

struct child {
	int	status;
	char	err[4096];
};

struct check {
	const char	*what;
	int		(*fn)(void);
	int		 end;
};

static void	run_child(int (*)(void), struct child *);
static const char *describe(int);
static void	check(const struct check *);
static int	pledge_or_die(const char *);
static int	make_pair(int, int [2]);
static int	send_fd(int, int);
static int	recv_fd(int);
static int	cleanup_entry(const char *, const struct stat *, int,
		    struct FTW *);
static void	cleanup(void);
static void	cleanup_signal(int);

static char	tmpdir[64];
static char	rfile[128], rdir[128], rdirfile[128], rwcdir[128];
static char	otherdir[128], otherfile[128];

static void
run_child(int (*fn)(void), struct child *c)
{
	pid_t	pid;
	int	p[2];
	ssize_t	n;
	size_t	len = 0;

	memset(c, 0, sizeof(*c));
	if (pipe2(p, O_CLOEXEC) == -1) {
		perror("pipe2");
		exit(2);
	}
	fflush(stdout);
	fflush(stderr);
	switch ((pid = fork())) {
	case -1:
		perror("fork");
		exit(2);
	case 0:
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		if (dup2(p[1], STDERR_FILENO) == -1)
			_exit(100);
		alarm(20);
		_exit(fn());
	}
	close(p[1]);
	while (len < sizeof(c->err) - 1 &&
	    (n = read(p[0], c->err + len, sizeof(c->err) - 1 - len)) > 0)
		len += n;
	c->err[len] = '\0';
	close(p[0]);
	if (waitpid(pid, &c->status, 0) == -1) {
		perror("waitpid");
		exit(2);
	}
}

static const char *
describe(int status)
{
	static char	buf[64];

	if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exit %d", WEXITSTATUS(status));
	else
		snprintf(buf, sizeof(buf), "status %#x", status);
	return (buf);
}

static int
ended(int status, int end)
{
	if (end == END_EXIT0)
		return (WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return (WIFSIGNALED(status) && WTERMSIG(status) == end);
}

static void
check(const struct check *ck)
{
	struct child	c;
	char		*line, *save = NULL;

	run_child(ck->fn, &c);
	OK(ended(c.status, ck->end), "%s (child %s)", ck->what,
	    describe(c.status));
	if (!ended(c.status, ck->end))
		for (line = strtok_r(c.err, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			printf("# %s\n", line);
}

static int
pledge_or_die(const char *promises)
{
	if (sandbox_pledge(promises) == -1) {
		fprintf(stderr, "sandbox_pledge \"%s\": %s\n", promises,
		    strerror(errno));
		_exit(90);
	}
	return (0);
}

static int
make_pair(int type, int sp[2])
{
	if (socketpair(AF_UNIX, type, 0, sp) == -1)
		_exit(91);
	return (0);
}

static int
send_fd(int sock, int fd)
{
	struct msghdr	 msg;
	struct cmsghdr	*cmsg;
	struct iovec	 iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	} cmsgbuf;
	char		 c = 'f';

	memset(&msg, 0, sizeof(msg));
	memset(&cmsgbuf, 0, sizeof(cmsgbuf));
	iov.iov_base = &c;
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = &cmsgbuf.buf;
	msg.msg_controllen = sizeof(cmsgbuf.buf);
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return (sendmsg(sock, &msg, 0) == 1 ? 0 : -1);
}

/* Receive one fd with recvmsg(2); -1 if none came. */
static int
recv_fd(int sock)
{
	struct msghdr	 msg;
	struct cmsghdr	*cmsg;
	struct iovec	 iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	} cmsgbuf;
	char		 c;
	int		 fd = -1;

	memset(&msg, 0, sizeof(msg));
	iov.iov_base = &c;
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = &cmsgbuf.buf;
	msg.msg_controllen = sizeof(cmsgbuf.buf);
	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return (-1);
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(&msg, cmsg))
		if (cmsg->cmsg_level == SOL_SOCKET &&
		    cmsg->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return (fd);
}

/* ---- stdio ---- */

static int
stdio_write_pipe(void)
{
	int	p[2];
	char	c = 0;

	if (pipe(p) == -1)
		return (1);
	pledge_or_die("stdio");
	if (write(p[1], "x", 1) != 1)
		return (2);
	if (read(p[0], &c, 1) != 1 || c != 'x')
		return (3);
	return (0);
}

static int
stdio_open(void)
{
	pledge_or_die("stdio");
#ifdef SYS_open
	syscall(SYS_open, "/dev/null", O_RDONLY);
#else
	syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
#endif
	return (1);
}

static int
stdio_openat(void)
{
	pledge_or_die("stdio");
	openat(AT_FDCWD, "/dev/null", O_RDONLY);
	return (1);
}

static int
stdio_fstat(void)
{
	struct stat	st;

	pledge_or_die("stdio");
	return (fstat(STDERR_FILENO, &st) == 0 ? 0 : 1);
}

static int
stdio_stat_path(void)
{
	struct stat	st;

	pledge_or_die("stdio");
	stat("/", &st);
	return (1);
}

static int
stdio_mmap_rw(void)
{
	void	*p;

	pledge_or_die("stdio");
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return (1);
	memset(p, 1, 65536);
	if (mprotect(p, 65536, PROT_READ) == -1)
		return (2);
	return (munmap(p, 65536) == 0 ? 0 : 3);
}

static int
stdio_mmap_exec(void)
{
	pledge_or_die("stdio");
	mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	return (1);
}

static int
stdio_mprotect_exec(void)
{
	void	*p;

	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return (1);
	pledge_or_die("stdio");
	mprotect(p, 4096, PROT_READ | PROT_EXEC);
	return (2);
}

static int
stdio_malloc(void)
{
	char	*p;
	size_t	 i;

	pledge_or_die("stdio");
	/* Small (brk) and large (mmap, mremap) allocations. */
	for (i = 1; i < (1 << 24); i *= 4) {
		if ((p = malloc(i)) == NULL)
			return (1);
		memset(p, 0, i);
		if ((p = realloc(p, i * 3)) == NULL)
			return (2);
		free(p);
	}
	return (0);
}

static int
stdio_fork(void)
{
	pledge_or_die("stdio");
	if (fork() == 0)
		_exit(0);
	return (1);
}

static int
stdio_dup(void)
{
	pledge_or_die("stdio");
	dup(STDERR_FILENO);
	return (1);
}

static int
stdio_kill_other(void)
{
	pledge_or_die("stdio");
	kill(getppid(), 0);
	return (1);
}

static int
stdio_tgkill_other(void)
{
	pledge_or_die("stdio");
	syscall(SYS_tgkill, getppid(), getppid(), 0);
	return (1);
}

static int
stdio_abort(void)
{
	pledge_or_die("stdio");
	abort();
}

static int
stdio_fcntl_flags(void)
{
	int	fl;

	pledge_or_die("stdio");
	if ((fl = fcntl(STDERR_FILENO, F_GETFL)) == -1)
		return (1);
	if (fcntl(STDERR_FILENO, F_SETFL, fl | O_NONBLOCK) == -1)
		return (2);
	if (fcntl(STDERR_FILENO, F_SETFD, FD_CLOEXEC) == -1)
		return (3);
	return (fcntl(STDERR_FILENO, F_GETFD) == FD_CLOEXEC ? 0 : 4);
}

static int
stdio_fcntl_dupfd(void)
{
	pledge_or_die("stdio");
	fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 10);
	return (1);
}

static int
stdio_fcntl_setown(void)
{
	pledge_or_die("stdio");
	fcntl(STDERR_FILENO, F_SETOWN, getpid());
	return (1);
}

static int
stdio_ioctl_fionread(void)
{
	int	p[2], n = -1;

	if (pipe(p) == -1 || write(p[1], "abc", 3) != 3)
		return (1);
	pledge_or_die("stdio");
	if (ioctl(p[0], FIONREAD, &n) == -1)
		return (2);
	return (n == 3 ? 0 : 3);
}

static int
stdio_ioctl_other(void)
{
	int	p[2], on = 1;

	if (pipe(p) == -1)
		return (1);
	pledge_or_die("stdio");
	ioctl(p[0], FIONBIO, &on);
	return (2);
}

static int
stdio_send(void)
{
	int	sp[2];
	char	c = 0;

	make_pair(SOCK_DGRAM, sp);
	pledge_or_die("stdio");
	if (send(sp[0], "y", 1, 0) != 1)
		return (1);
	if (recv(sp[1], &c, 1, 0) != 1 || c != 'y')
		return (2);
	return (0);
}

static int
stdio_recvmsg(void)
{
	int	sp[2];

	make_pair(SOCK_DGRAM, sp);
	if (send_fd(sp[0], STDERR_FILENO) == -1)
		return (1);
	pledge_or_die("stdio");
	recv_fd(sp[1]);
	return (2);
}

static int
stdio_socket_unix(void)
{
	pledge_or_die("stdio");
	socket(AF_UNIX, SOCK_DGRAM, 0);
	return (1);
}

static int
stdio_unknown_nr(void)
{
	long	r;

	pledge_or_die("stdio");
	r = syscall(1000, 0, 0, 0);
	return (r == -1 && errno == ENOSYS ? 0 : 1);
}

static int
stdio_unknown_statx(void)
{
	char	buf[512];
	long	r;

	pledge_or_die("stdio");
	r = syscall(SYS_statx, AT_FDCWD, "/", 0, 0x7ff, buf);
	return (r == -1 && errno == ENOSYS ? 0 : 1);
}

static int
stdio_io_uring(void)
{
	char	params[120];

	memset(params, 0, sizeof(params));
	pledge_or_die("stdio");
	syscall(SYS_io_uring_setup, 1, params);
	return (1);
}

static int
stdio_ptrace(void)
{
	pledge_or_die("stdio");
	syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
	return (1);
}

#ifdef __x86_64__
static int
stdio_x32(void)
{
	pledge_or_die("stdio");
	syscall(__X32_SYSCALL_BIT | SYS_getpid);
	return (1);
}

/* getpid through the i386 entry point. */
static long
int80_getpid(void)
{
	long	ret;

	__asm__ volatile ("int $0x80" : "=a" (ret) : "a" (20L)
	    : "memory", "r8", "r9", "r10", "r11");
	return (ret);
}

static int
plain_i386(void)
{
	return (int80_getpid() == getpid() ? 0 : 1);
}

static int
stdio_i386(void)
{
	pledge_or_die("stdio");
	int80_getpid();
	return (1);
}
#endif

/* ---- promise strings ---- */

static int
empty_exit(void)
{
	pledge_or_die("");
	/* The raw call: sanitizers hook _exit(2) and do more. */
	syscall(SYS_exit_group, 0);
	return (1);
}

static int
empty_getpid(void)
{
	pledge_or_die("");
	getpid();
	return (1);
}

static int
bad_promise(void)
{
	int	fd;

	if (sandbox_pledge("stdio bogus") != -1 || errno != EINVAL)
		return (1);
	/* Nothing was installed. */
	if ((fd = open("/dev/null", O_RDONLY)) == -1)
		return (2);
	return (0);
}

static int
widen(void)
{
	pledge_or_die("stdio");
	if (sandbox_pledge("stdio unix") != -1 || errno != EPERM)
		return (1);
	return (0);
}

/* ---- the frontend: "stdio unix recvfd packet" ---- */

static int
fe_socket_inet(void)
{
	pledge_or_die(FRONTEND);
	socket(AF_INET, SOCK_DGRAM, 0);
	return (1);
}

static int
fe_socket_packet(void)
{
	pledge_or_die(FRONTEND);
	socket(AF_PACKET, SOCK_RAW, 0);
	return (1);
}

static int
fe_socket_netlink(void)
{
	pledge_or_die(FRONTEND);
	socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	return (1);
}

static int
fe_execve(void)
{
	char	*argv[] = { "true", NULL };
	char	*envp[] = { NULL };

	pledge_or_die(FRONTEND);
	execve("/bin/true", argv, envp);
	return (1);
}

static int
fe_sendto_addr(void)
{
	struct sockaddr_un	sun;
	int			sp[2];

	make_pair(SOCK_DGRAM, sp);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/nonexistent");
	pledge_or_die(FRONTEND);
	sendto(sp[0], "z", 1, 0, (struct sockaddr *)&sun, sizeof(sun));
	return (1);
}

/* A NULL address with a length is refused too. */
static int
fe_sendto_len(void)
{
	int	sp[2];

	make_pair(SOCK_DGRAM, sp);
	pledge_or_die(FRONTEND);
	sendto(sp[0], "z", 1, 0, NULL, 16);
	return (1);
}

static int
fe_send(void)
{
	int	sp[2];
	char	c = 0;

	make_pair(SOCK_SEQPACKET, sp);
	pledge_or_die(FRONTEND);
	if (send(sp[0], "s", 1, 0) != 1 || write(sp[0], "w", 1) != 1)
		return (1);
	if (recv(sp[1], &c, 1, 0) != 1 || c != 's')
		return (2);
	if (read(sp[1], &c, 1) != 1 || c != 'w')
		return (3);
	return (0);
}

static int
fe_setsockopt(void)
{
	int	sp[2], on = 1;

	make_pair(SOCK_DGRAM, sp);
	pledge_or_die(FRONTEND);
	setsockopt(sp[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	return (1);
}

static int
fe_bind(void)
{
	struct sockaddr_un	sun;
	int			s;

	if ((s = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1)
		return (1);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;	/* autobind */
	pledge_or_die(FRONTEND);
	bind(s, (struct sockaddr *)&sun, sizeof(sa_family_t));
	return (2);
}

static int
fe_connect(void)
{
	struct sockaddr_un	sun;
	int			s;

	if ((s = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1)
		return (1);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/nonexistent");
	pledge_or_die(FRONTEND);
	connect(s, (struct sockaddr *)&sun, sizeof(sun));
	return (2);
}

static int
fe_sendmsg(void)
{
	struct msghdr	msg;
	struct iovec	iov;
	int		sp[2];

	make_pair(SOCK_DGRAM, sp);
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = "m";
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	pledge_or_die(FRONTEND);
	sendmsg(sp[0], &msg, 0);
	return (1);
}

static int
fe_sendmmsg(void)
{
	struct mmsghdr	mmsg;
	struct iovec	iov;
	int		sp[2];

	make_pair(SOCK_DGRAM, sp);
	memset(&mmsg, 0, sizeof(mmsg));
	iov.iov_base = "m";
	iov.iov_len = 1;
	mmsg.msg_hdr.msg_iov = &iov;
	mmsg.msg_hdr.msg_iovlen = 1;
	pledge_or_die(FRONTEND);
	sendmmsg(sp[0], &mmsg, 1, 0);
	return (1);
}

static int
fe_mmap_exec(void)
{
	pledge_or_die(FRONTEND);
	mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return (1);
}

static int
fe_socket_unix(void)
{
	int	s;

	pledge_or_die(FRONTEND);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1)
		return (1);
	return (close(s) == 0 ? 0 : 2);
}

static int
fe_recvmsg_fd(void)
{
	struct stat	st;
	int		sp[2], p[2], fd;
	char		c = 0;

	make_pair(SOCK_DGRAM, sp);
	if (pipe(p) == -1 || send_fd(sp[0], p[1]) == -1)
		return (1);
	close(p[1]);
	pledge_or_die(FRONTEND);
	if ((fd = recv_fd(sp[1])) == -1)
		return (2);
	if (fstat(fd, &st) == -1 || !S_ISFIFO(st.st_mode))
		return (3);
	if (write(fd, "r", 1) != 1 || read(p[0], &c, 1) != 1 || c != 'r')
		return (4);
	return (0);
}

static int
recvfd_recvmsg(void)
{
	struct stat	st;
	int		sp[2], fd;

	make_pair(SOCK_DGRAM, sp);
	if (send_fd(sp[0], STDERR_FILENO) == -1)
		return (1);
	pledge_or_die("stdio recvfd");
	if ((fd = recv_fd(sp[1])) == -1)
		return (2);
	return (fstat(fd, &st) == 0 ? 0 : 3);
}

/* A control client: accept4 and SO_PEERCRED. */
static int
fe_accept_peercred(void)
{
	struct sockaddr_un	sun;
	struct ucred		cred;
	socklen_t		len;
	int			l, c, s;

	if ((l = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    (c = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return (1);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	len = sizeof(sa_family_t);
	if (bind(l, (struct sockaddr *)&sun, len) == -1 || listen(l, 1) == -1)
		return (2);
	len = sizeof(sun);
	if (getsockname(l, (struct sockaddr *)&sun, &len) == -1 ||
	    connect(c, (struct sockaddr *)&sun, len) == -1)
		return (3);
	pledge_or_die(FRONTEND);
	if ((s = accept4(l, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) == -1)
		return (4);
	len = sizeof(cred);
	if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1)
		return (5);
	return (cred.pid == getpid() ? 0 : 6);
}

static int
fe_getsockopt_other(void)
{
	socklen_t	len;
	int		sp[2], v;

	make_pair(SOCK_DGRAM, sp);
	pledge_or_die(FRONTEND);
	len = sizeof(v);
	getsockopt(sp[0], SOL_SOCKET, SO_RCVBUF, &v, &len);
	return (1);
}

/* ---- route ---- */

static int
route_socket(void)
{
	int	s;

	pledge_or_die("stdio route");
	if ((s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)) == -1)
		return (1);
	close(s);
	if ((s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    NETLINK_ROUTE)) == -1)
		return (2);
	return (0);
}

static int
route_other_protocol(void)
{
	pledge_or_die("stdio route");
	socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	return (1);
}

static int
route_dgram(void)
{
	pledge_or_die("stdio route");
	socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	return (1);
}

static int
route_unix(void)
{
	pledge_or_die("stdio route");
	socket(AF_UNIX, SOCK_DGRAM, 0);
	return (1);
}

static int
route_bind(void)
{
	struct sockaddr_nl	snl;
	int			s;

	pledge_or_die("stdio route");
	if ((s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)) == -1)
		return (1);
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	bind(s, (struct sockaddr *)&snl, sizeof(snl));
	return (2);
}

/* ---- narrowing: the engine ---- */

static int
narrow_keeps_stdio(void)
{
	int	sp[2], fd;

	make_pair(SOCK_DGRAM, sp);
	if (send_fd(sp[0], STDERR_FILENO) == -1)
		return (1);
	pledge_or_die("stdio recvfd");
	if ((fd = recv_fd(sp[1])) == -1)
		return (2);
	pledge_or_die("stdio");
	if (write(fd, "", 0) != 0 || close(fd) == -1)
		return (3);
	return (0);
}

static int
narrow_drops_recvfd(void)
{
	int	sp[2], fd;

	make_pair(SOCK_DGRAM, sp);
	if (send_fd(sp[0], STDERR_FILENO) == -1 ||
	    send_fd(sp[0], STDERR_FILENO) == -1)
		return (1);
	pledge_or_die("stdio recvfd");
	if ((fd = recv_fd(sp[1])) == -1)
		return (2);
	pledge_or_die("stdio");
	recv_fd(sp[1]);
	return (3);
}

/* ---- trap mode ---- */

static int
trap_openat(void)
{
	sandbox_trap(1);
	pledge_or_die("stdio");
	openat(AT_FDCWD, "/dev/null", O_RDONLY);
	return (1);
}

static int
trap_mmap_exec(void)
{
	sandbox_trap(1);
	pledge_or_die(FRONTEND);
	mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	return (1);
}

static int
trap_unknown_nr(void)
{
	long	r;

	sandbox_trap(1);
	pledge_or_die("stdio");
	r = syscall(1000, 0, 0, 0);
	return (r == -1 && errno == ENOSYS ? 0 : 1);
}

/* ---- libevent under "stdio" ---- */

struct evstate {
	int		sp[2];
	int		reads;
	int		timers;
	int		signals;
	struct event	ev_read, ev_timer, ev_sig;
};

static void
ev_read_cb(int fd, short events, void *arg)
{
	struct evstate	*st = arg;
	char		 buf[16];

	(void)events;
	if (read(fd, buf, sizeof(buf)) > 0)
		st->reads++;
}

static void
ev_timer_cb(int fd, short events, void *arg)
{
	struct evstate	*st = arg;
	struct timeval	 tv = { 0, 5000 };

	(void)fd;
	(void)events;
	st->timers++;
	if (write(st->sp[1], "t", 1) != 1)
		_exit(10);
	if (st->timers == 1)
		raise(SIGUSR1);
	if (st->timers < 3)
		evtimer_add(&st->ev_timer, &tv);
}

static void
ev_sig_cb(int sig, short events, void *arg)
{
	struct evstate	*st = arg;

	(void)sig;
	(void)events;
	st->signals++;
}

static int
libevent_loop(void)
{
	struct evstate		 st;
	struct event_base	*base;
	struct timeval		 tv = { 0, 5000 };
	int			 i;

	memset(&st, 0, sizeof(st));
	make_pair(SOCK_STREAM | SOCK_NONBLOCK, st.sp);
	log_init(1, LOG_DAEMON);
	log_procinit("libevent");
	sandbox_trap(1);
	pledge_or_die("stdio");

	if ((base = event_base_new()) == NULL)
		return (1);
	event_assign(&st.ev_read, base, st.sp[0], EV_READ | EV_PERSIST,
	    ev_read_cb, &st);
	evtimer_assign(&st.ev_timer, base, ev_timer_cb, &st);
	evsignal_assign(&st.ev_sig, base, SIGUSR1, ev_sig_cb, &st);
	if (event_add(&st.ev_read, NULL) == -1 ||
	    evtimer_add(&st.ev_timer, &tv) == -1 ||
	    evsignal_add(&st.ev_sig, NULL) == -1)
		return (2);
	for (i = 0; i < 100 && (st.reads < 3 || st.signals < 1); i++)
		if (event_base_loop(base, EVLOOP_ONCE) == -1)
			return (3);
	log_warnx("%s: %d reads, %d timers, %d signals", __func__, st.reads,
	    st.timers, st.signals);
	if (st.reads < 3 || st.timers != 3 || st.signals != 1)
		return (4);
	event_del(&st.ev_read);
	event_del(&st.ev_sig);
	event_base_free(base);
	return (0);
}

/* ---- Landlock ---- */

static int
read_file(const char *path)
{
	char	buf[64];
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return (-1);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return (n == 5 && memcmp(buf, "hello", 5) == 0 ? 0 : -1);
}

static int
unveil_or_die(const char *path, const char *perms)
{
	if (sandbox_unveil(path, perms) == -1) {
		fprintf(stderr, "sandbox_unveil %s %s: %s\n",
		    path ? path : "NULL", perms ? perms : "NULL",
		    strerror(errno));
		_exit(80);
	}
	return (0);
}

static int
ll_read_unveiled(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	return (read_file(rfile) == 0 ? 0 : 1);
}

static int
ll_shadow(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	if (open("/etc/shadow", O_RDONLY) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_sibling(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	if (open(otherfile, O_RDONLY) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_write_r_file(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	if (open(rfile, O_WRONLY) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_truncate_r_file(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	if (truncate(rfile, 0) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_r_dir(void)
{
	unveil_or_die(rdir, "r");
	unveil_or_die(NULL, NULL);
	return (read_file(rdirfile) == 0 ? 0 : 1);
}

static int
ll_r_dir_create(void)
{
	char	path[160];

	snprintf(path, sizeof(path), "%s/new", rdir);
	unveil_or_die(rdir, "r");
	unveil_or_die(NULL, NULL);
	if (open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_rwc_create_rename(void)
{
	char	tmp[160], final[160];
	int	fd;

	snprintf(tmp, sizeof(tmp), "%s/lease.tmp", rwcdir);
	snprintf(final, sizeof(final), "%s/lease", rwcdir);
	unveil_or_die(rwcdir, "rwc");
	unveil_or_die(NULL, NULL);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		return (1);
	if (write(fd, "hello", 5) != 5 || fsync(fd) == -1 || close(fd) == -1)
		return (2);
	if (rename(tmp, final) == -1)
		return (3);
	if (read_file(final) == -1)
		return (4);
	return (unlink(final) == 0 ? 0 : 5);
}

static int
ll_rwc_outside(void)
{
	char	path[160];

	snprintf(path, sizeof(path), "%s/new", otherdir);
	unveil_or_die(rwcdir, "rwc");
	unveil_or_die(NULL, NULL);
	if (open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static int
ll_enoent(void)
{
	char	path[160];

	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	if (sandbox_unveil(path, "r") != -1)
		return (1);
	return (errno == ENOENT ? 0 : 2);
}

static int
ll_bad_perms(void)
{
	if (sandbox_unveil(rfile, "rq") != -1)
		return (1);
	return (errno == EINVAL ? 0 : 2);
}

static int
ll_locked(void)
{
	unveil_or_die(rfile, "r");
	unveil_or_die(NULL, NULL);
	if (sandbox_unveil(rfile, "r") != -1)
		return (1);
	return (errno == EPERM ? 0 : 2);
}

static int
ll_nothing(void)
{
	unveil_or_die(NULL, NULL);
	if (open(rfile, O_RDONLY) != -1)
		return (1);
	return (errno == EACCES ? 0 : 2);
}

static const struct check checks[] = {
	{ "stdio: write and read on a pipe", stdio_write_pipe, END_EXIT0 },
	{ "stdio: fstat on an fd", stdio_fstat, END_EXIT0 },
	{ "stdio: read-write mmap, mprotect, munmap", stdio_mmap_rw,
	    END_EXIT0 },
	{ "stdio: malloc, realloc, free", stdio_malloc, END_EXIT0 },
	{ "stdio: fcntl F_GETFL/F_SETFL/F_GETFD/F_SETFD", stdio_fcntl_flags,
	    END_EXIT0 },
	{ "stdio: ioctl FIONREAD", stdio_ioctl_fionread, END_EXIT0 },
	{ "stdio: send and recv on a socketpair", stdio_send, END_EXIT0 },
	{ "stdio: abort() dies by SIGABRT (tgkill on itself)", stdio_abort,
	    END_SIGABRT },
	{ "stdio: open killed", stdio_open, END_SIGSYS },
	{ "stdio: openat killed", stdio_openat, END_SIGSYS },
	{ "stdio: stat on a path killed", stdio_stat_path, END_SIGSYS },
	{ "stdio: mmap PROT_EXEC killed", stdio_mmap_exec, END_SIGSYS },
	{ "stdio: mprotect PROT_EXEC killed", stdio_mprotect_exec,
	    END_SIGSYS },
	{ "stdio: fork killed", stdio_fork, END_SIGSYS },
	{ "stdio: dup killed", stdio_dup, END_SIGSYS },
	{ "stdio: kill on another process killed", stdio_kill_other,
	    END_SIGSYS },
	{ "stdio: tgkill on another process killed", stdio_tgkill_other,
	    END_SIGSYS },
	{ "stdio: fcntl F_DUPFD_CLOEXEC killed", stdio_fcntl_dupfd,
	    END_SIGSYS },
	{ "stdio: fcntl F_SETOWN killed", stdio_fcntl_setown, END_SIGSYS },
	{ "stdio: ioctl FIONBIO killed", stdio_ioctl_other, END_SIGSYS },
	{ "stdio: recvmsg killed without recvfd", stdio_recvmsg, END_SIGSYS },
	{ "stdio: socket(AF_UNIX) killed without unix", stdio_socket_unix,
	    END_SIGSYS },
	{ "stdio: io_uring_setup killed", stdio_io_uring, END_SIGSYS },
	{ "stdio: ptrace killed", stdio_ptrace, END_SIGSYS },
	{ "stdio: unknown syscall 1000 fails with ENOSYS", stdio_unknown_nr,
	    END_EXIT0 },
	{ "stdio: statx (not in the table) fails with ENOSYS",
	    stdio_unknown_statx, END_EXIT0 },
#ifdef __x86_64__
	{ "stdio: x32 system call killed", stdio_x32, END_SIGSYS },
#endif
	{ "empty promises: _exit allowed", empty_exit, END_EXIT0 },
	{ "empty promises: getpid killed", empty_getpid, END_SIGSYS },
	{ "unknown promise fails with EINVAL, installs nothing", bad_promise,
	    END_EXIT0 },
	{ "adding a promise later fails with EPERM", widen, END_EXIT0 },

	{ "frontend: socket(AF_INET) killed", fe_socket_inet, END_SIGSYS },
	{ "frontend: socket(AF_PACKET) killed", fe_socket_packet,
	    END_SIGSYS },
	{ "frontend: socket(AF_NETLINK) killed without route",
	    fe_socket_netlink, END_SIGSYS },
	{ "frontend: execve killed", fe_execve, END_SIGSYS },
	{ "frontend: sendto with an address killed", fe_sendto_addr,
	    END_SIGSYS },
	{ "frontend: sendto NULL with a length killed", fe_sendto_len,
	    END_SIGSYS },
	{ "frontend: setsockopt killed", fe_setsockopt, END_SIGSYS },
	{ "frontend: bind killed", fe_bind, END_SIGSYS },
	{ "frontend: connect killed", fe_connect, END_SIGSYS },
	{ "frontend: sendmsg killed", fe_sendmsg, END_SIGSYS },
	{ "frontend: sendmmsg killed", fe_sendmmsg, END_SIGSYS },
	{ "frontend: mmap PROT_EXEC killed", fe_mmap_exec, END_SIGSYS },
	{ "frontend: getsockopt SO_RCVBUF killed", fe_getsockopt_other,
	    END_SIGSYS },
	{ "frontend: send and write on a socket", fe_send, END_EXIT0 },
	{ "frontend: socket(AF_UNIX) allowed", fe_socket_unix, END_EXIT0 },
	{ "frontend: recvmsg receives a usable fd", fe_recvmsg_fd,
	    END_EXIT0 },
	{ "frontend: accept4 and SO_PEERCRED", fe_accept_peercred,
	    END_EXIT0 },

	{ "route: socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)", route_socket,
	    END_EXIT0 },
	{ "route: NETLINK_SOCK_DIAG killed", route_other_protocol,
	    END_SIGSYS },
	{ "route: SOCK_DGRAM killed", route_dgram, END_SIGSYS },
	{ "route: socket(AF_UNIX) killed without unix", route_unix,
	    END_SIGSYS },
	{ "route: bind killed", route_bind, END_SIGSYS },

	{ "recvfd: recvmsg receives a usable fd", recvfd_recvmsg, END_EXIT0 },

	{ "narrow to stdio: stdio still works", narrow_keeps_stdio,
	    END_EXIT0 },
	{ "narrow to stdio: recvmsg killed", narrow_drops_recvfd,
	    END_SIGSYS },

	{ "trap mode: unknown syscall still ENOSYS", trap_unknown_nr,
	    END_EXIT0 },
	{ "libevent: timer, socketpair and signal events under stdio",
	    libevent_loop, END_EXIT0 },

	{ "landlock: unveiled file readable", ll_read_unveiled, END_EXIT0 },
	{ "landlock: /etc/shadow EACCES", ll_shadow, END_EXIT0 },
	{ "landlock: file beside the unveiled one EACCES", ll_sibling,
	    END_EXIT0 },
	{ "landlock: write to an \"r\" file EACCES", ll_write_r_file,
	    END_EXIT0 },
	{ "landlock: file in an \"r\" directory readable", ll_r_dir,
	    END_EXIT0 },
	{ "landlock: create in an \"r\" directory EACCES", ll_r_dir_create,
	    END_EXIT0 },
	{ "landlock: create, write, rename, unlink in an \"rwc\" directory",
	    ll_rwc_create_rename, END_EXIT0 },
	{ "landlock: create outside the \"rwc\" directory EACCES",
	    ll_rwc_outside, END_EXIT0 },
	{ "landlock: missing path fails with ENOENT", ll_enoent, END_EXIT0 },
	{ "landlock: unknown permission fails with EINVAL", ll_bad_perms,
	    END_EXIT0 },
	{ "landlock: unveil after locking fails with EPERM", ll_locked,
	    END_EXIT0 },
	{ "landlock: lock without rules denies everything", ll_nothing,
	    END_EXIT0 },
};

static const struct check truncate_check = {
	"landlock: truncate an \"r\" file EACCES", ll_truncate_r_file, END_EXIT0
};

static void
check_trap(const char *what, int (*fn)(void), const char *name, int nr)
{
	struct child	c;
	char		want[128];

	snprintf(want, sizeof(want), "sandbox: forbidden syscall %s (nr %d)\n",
	    name, nr);
	run_child(fn, &c);
	OK(strstr(c.err, want) != NULL, "trap mode: %s names \"%s\"", what,
	    name);
	if (strstr(c.err, want) == NULL)
		printf("# stderr: %s\n", c.err);
	OK(ended(c.status, SIGSYS), "trap mode: %s still dies by SIGSYS "
	    "(child %s)", what, describe(c.status));
}

static int
cleanup_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return (0);
}

static void
cleanup(void)
{
	if (tmpdir[0] != '\0')
		nftw(tmpdir, cleanup_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Killed by the runner's timeout: still remove the files. */
static void
cleanup_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
make_file(const char *path)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return (-1);
	if (write(fd, "hello", 5) != 5) {
		close(fd);
		return (-1);
	}
	return (close(fd));
}

int
main(void)
{
	struct rlimit	rl = { 0, 0 };
#ifdef __x86_64__
	struct child	c;
#endif
	size_t		i;
	int		abi, fd;

	/* Children die by SIGSYS on purpose: no core files. */
	setrlimit(RLIMIT_CORE, &rl);
	setvbuf(stdout, NULL, _IOLBF, 0);

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sandbox-regress.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (2);
	}
	atexit(cleanup);
	signal(SIGTERM, cleanup_signal);
	signal(SIGINT, cleanup_signal);
	snprintf(rfile, sizeof(rfile), "%s/rfile", tmpdir);
	snprintf(rdir, sizeof(rdir), "%s/rdir", tmpdir);
	snprintf(rdirfile, sizeof(rdirfile), "%s/rdir/file", tmpdir);
	snprintf(rwcdir, sizeof(rwcdir), "%s/rwc", tmpdir);
	snprintf(otherdir, sizeof(otherdir), "%s/other", tmpdir);
	snprintf(otherfile, sizeof(otherfile), "%s/other/file", tmpdir);
	if (make_file(rfile) == -1 || mkdir(rdir, 0755) == -1 ||
	    make_file(rdirfile) == -1 || mkdir(rwcdir, 0755) == -1 ||
	    mkdir(otherdir, 0755) == -1 || make_file(otherfile) == -1) {
		perror("setting up files");
		return (2);
	}

	/* Without a sandbox these would succeed: the checks mean something. */
	fd = open("/etc/shadow", O_RDONLY);
	OK(fd != -1, "precondition: /etc/shadow readable without a sandbox");
	if (fd != -1)
		close(fd);
	abi = sandbox_landlock_abi();
	OK(abi >= 1, "landlock available (ABI %d)", abi);

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		check(&checks[i]);

	/* Landlock governs truncate(2) from ABI 3 on. */
	if (abi >= 3)
		check(&truncate_check);
	else
		printf("ok - landlock: truncate an \"r\" file EACCES # skip "
		    "ABI %d\n", abi);

	check_trap("openat", trap_openat, "openat", SYS_openat);
	check_trap("mmap PROT_EXEC", trap_mmap_exec, "mmap", SYS_mmap);

#ifdef __x86_64__
	/* The i386 entry point, if this kernel has it. */
	run_child(plain_i386, &c);
	if (ended(c.status, END_EXIT0)) {
		run_child(stdio_i386, &c);
		OK(ended(c.status, SIGSYS), "stdio: i386 system call killed "
		    "(child %s)", describe(c.status));
	} else
		printf("ok - stdio: i386 system call # skip no ia32 "
		    "emulation\n");
#endif

	return (regress_done());
}
