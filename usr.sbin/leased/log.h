/*
 * Logging for leased and leasectl: syslog, or stderr in the foreground.
 */

#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <syslog.h>

void	log_init(int, int);
void	log_procinit(const char *);
void	log_sandboxed(void);
void	log_setverbose(int);
int	log_getverbose(void);
void	log_warn(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	log_warnx(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	log_info(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	log_debug(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	logit(int, const char *, ...)
	    __attribute__((__format__ (printf, 2, 3)));
void	vlog(int, const char *, va_list)
	    __attribute__((__format__ (printf, 2, 0)));
void	fatal(const char *, ...)
	    __attribute__((__noreturn__))
	    __attribute__((__format__ (printf, 1, 2)));
void	fatalx(const char *, ...)
	    __attribute__((__noreturn__))
	    __attribute__((__format__ (printf, 1, 2)));

#endif /* LOG_H */
