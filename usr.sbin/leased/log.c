/*
 * Logging: to syslog when running as a daemon, to stderr with -d.
 * log_debug() only speaks at verbosity 1 and up (-v).
 *
 * We talk to /dev/log ourselves rather than through syslog(3): glibc
 * reconnects with socket(2) and connect(2) whenever a send fails, which
 * a sandboxed child may not do.  The socket is connected in log_init(),
 * before chroot; after log_sandboxed() a lost connection loses messages
 * instead of being reopened.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_PATH	"/dev/log"

static int		 debug;
static int		 verbose;
static const char	*log_procname;
static const char	*log_ident = "leased";
static int		 log_facility = LOG_DAEMON;
static int		 log_fd = -1;
static int		 log_may_connect = 1;

static void	syslog_connect(void);
static void	syslog_send(int, const char *);

static void
syslog_connect(void)
{
	struct sockaddr_un	 sun;

	if (log_fd == -1 && (log_fd = socket(AF_UNIX,
	    SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, LOG_PATH, sizeof(LOG_PATH));
	if (connect(log_fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(log_fd);
		log_fd = -1;
	}
}

static void
syslog_send(int pri, const char *msg)
{
	char		 line[1200], stamp[32];
	struct tm	 tm;
	time_t		 now;
	int		 n;

	if (log_fd == -1) {
		if (!log_may_connect)
			return;
		syslog_connect();
		if (log_fd == -1)
			return;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm) == 0)
		stamp[0] = '\0';
	n = snprintf(line, sizeof(line), "<%d>%s %s[%ld]: %s",
	    log_facility | LOG_PRI(pri), stamp, log_ident, (long)getpid(),
	    msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (send(log_fd, line, n, MSG_DONTWAIT | MSG_NOSIGNAL) == -1 &&
	    log_may_connect && errno != EAGAIN) {
		/* syslogd restarted: one more try on a new connection. */
		close(log_fd);
		log_fd = -1;
		syslog_connect();
		if (log_fd != -1)
			(void)send(log_fd, line, n, MSG_DONTWAIT |
			    MSG_NOSIGNAL);
	}
}

/* From now on never open a socket to log: the sandbox forbids it. */
void
log_sandboxed(void)
{
	log_may_connect = 0;
}

void
log_init(int n_debug, int facility)
{
	extern char	*__progname;

	debug = n_debug;
	log_procinit(__progname);
	log_ident = __progname;
	log_facility = facility;

	if (!debug && log_fd == -1)
		syslog_connect();

	tzset();
}

void
log_procinit(const char *procname)
{
	if (procname != NULL)
		log_procname = procname;
}

void
log_setverbose(int v)
{
	verbose = v;
}

int
log_getverbose(void)
{
	return (verbose);
}

void
logit(int pri, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(pri, fmt, ap);
	va_end(ap);
}

void
vlog(int pri, const char *fmt, va_list ap)
{
	int	saved_errno = errno;

	if (debug) {
		/* One write per line keeps the three processes' lines whole. */
		char	line[1024];
		int	n;

		n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
		if (n < 0)
			n = 0;
		else if ((size_t)n > sizeof(line) - 2)
			n = sizeof(line) - 2;
		line[n++] = '\n';
		line[n] = '\0';
		fputs(line, stderr);
		fflush(stderr);
	} else {
		char	msg[1024];

		(void)vsnprintf(msg, sizeof(msg), fmt, ap);
		syslog_send(pri, msg);
	}

	errno = saved_errno;
}

void
log_warn(const char *emsg, ...)
{
	char	*nfmt;
	va_list	 ap;
	int	 saved_errno = errno;

	va_start(ap, emsg);
	if (emsg == NULL)
		logit(LOG_ERR, "%s", strerror(saved_errno));
	else if (asprintf(&nfmt, "%s: %s", emsg, strerror(saved_errno)) == -1) {
		/* Without memory, at least say what happened. */
		vlog(LOG_ERR, emsg, ap);
		logit(LOG_ERR, "%s", strerror(saved_errno));
	} else {
		vlog(LOG_ERR, nfmt, ap);
		free(nfmt);
	}
	va_end(ap);
	errno = saved_errno;
}

void
log_warnx(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_ERR, emsg, ap);
	va_end(ap);
}

void
log_info(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vlog(LOG_INFO, emsg, ap);
	va_end(ap);
}

void
log_debug(const char *emsg, ...)
{
	va_list	ap;

	if (verbose) {
		va_start(ap, emsg);
		vlog(LOG_DEBUG, emsg, ap);
		va_end(ap);
	}
}

static void
vfatalc(int code, const char *emsg, va_list ap)
{
	static char	s[BUFSIZ];
	const char	*sep;

	if (emsg != NULL) {
		(void)vsnprintf(s, sizeof(s), emsg, ap);
		sep = ": ";
	} else {
		s[0] = '\0';
		sep = "";
	}
	if (code)
		logit(LOG_CRIT, "fatal in %s: %s%s%s",
		    log_procname, s, sep, strerror(code));
	else
		logit(LOG_CRIT, "fatal in %s%s%s", log_procname, sep, s);
}

void
fatal(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vfatalc(errno, emsg, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *emsg, ...)
{
	va_list	ap;

	va_start(ap, emsg);
	vfatalc(0, emsg, ap);
	va_end(ap);
	exit(1);
}
