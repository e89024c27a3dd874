/*
 * Minimal TAP-style helpers for the C regress programs.  Each check
 * prints "ok - what" or "not ok - what (file:line)"; regress_done()
 * returns the exit status for main().
 */

#ifndef REGRESS_H
#define REGRESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int	regress_failed;

static void	regress_ok(int, const char *, int, const char *, ...)
		    __attribute__((__format__ (printf, 4, 5)))
		    __attribute__((__unused__));
static int	regress_done(void) __attribute__((__unused__));

static void
regress_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!cond) {
		printf(" (%s:%d)", file, line);
		regress_failed++;
	}
	printf("\n");
	fflush(stdout);
}

static int
regress_done(void)
{
	return (regress_failed ? 1 : 0);
}

#define OK(cond, ...)	regress_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#endif /* REGRESS_H */
