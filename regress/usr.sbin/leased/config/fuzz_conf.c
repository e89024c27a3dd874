/*
 * libFuzzer target for the leased.conf parser.  Any input must be
 * parsed or rejected without a crash or leak, and whatever parses must
 * print a canonical text that parses again and prints identically.
 */

#include <sys/mman.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 put(int, const void *, size_t);
static char	*print_to(int, size_t *);
static int	 infd = -1, outfd = -1;
static char	 inpath[64], outpath[64];

static void
put(int fd, const void *data, size_t len)
{
	if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1 ||
	    (len > 0 && write(fd, data, len) != (ssize_t)len))
		err(1, "put");
}

/* The canonical text of a config, read back from a memory file. */
static char *
print_to(int fd, size_t *len)
{
	struct leased_conf	*conf;
	char			*buf;
	off_t			 end;

	if ((conf = parse_config(fd == infd ? inpath : outpath)) == NULL)
		return (NULL);
	put(outfd, "", 0);
	fflush(stdout);
	print_config(conf);
	fflush(stdout);
	config_clear(conf);
	if ((end = lseek(outfd, 0, SEEK_END)) == -1)
		err(1, "lseek");
	if ((buf = malloc(end + 1)) == NULL)
		err(1, "malloc");
	if (pread(outfd, buf, end, 0) != end)
		err(1, "pread");
	*len = end;
	return (buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*first, *second;
	size_t	 flen, slen;

	if (infd == -1) {
		log_init(1, LOG_DAEMON);
		if ((infd = memfd_create("in.conf", 0)) == -1 ||
		    (outfd = memfd_create("out.conf", 0)) == -1)
			err(1, "memfd_create");
		/* print_config() writes to stdout: point it at outfd. */
		if (dup2(outfd, STDOUT_FILENO) == -1)
			err(1, "dup2");
		snprintf(inpath, sizeof(inpath), "/proc/self/fd/%d", infd);
		snprintf(outpath, sizeof(outpath), "/proc/self/fd/%d",
		    STDOUT_FILENO);
	}

	put(infd, data, size);
	if ((first = print_to(infd, &flen)) == NULL)
		return (0);
	/* Parse the canonical text itself: it is in outfd now. */
	second = print_to(outfd, &slen);
	if (second == NULL)
		errx(1, "canonical output does not parse");
	if (flen != slen || memcmp(first, second, flen) != 0)
		errx(1, "canonical output is not stable");
	free(first);
	free(second);
	return (0);
}
