/*
 * xlate_bench: cost of a translated filter in the kernel.
 *
 *	xlate_bench [-g | -r] [-n repeat] expression
 *	xlate_bench [-g | -r] [-n repeat] -f file.pcap
 *	tcpdump -ddd expression | xlate_bench [-g | -r] [-n repeat] -d -
 *
 * Takes a tcpdump expression, a filter source (its "#@" placeholder
 * values are used to build the frames, so that they pass the filter) or
 * a classic program in "tcpdump -ddd" form; translates it (XLATE_TC; -g
 * adds a socket cookie guard, which never matches in a test run, so only
 * the guard is measured; -r for XLATE_RAW), loads it and runs it repeat
 * times (default 1000000) on each test frame through BPF_PROG_TEST_RUN,
 * printing the mean ns per run the kernel reports.  Needs root.
 */

#include <linux/bpf.h>
#include <linux/filter.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf_xlate.h"
#include "pcapref.h"
#include "xtest.h"

static struct sock_filter *read_ddd(const char *, size_t *);
static void	 usage(void) __attribute__((__noreturn__));

static void
usage(void)
{
	fprintf(stderr, "usage: xlate_bench [-g | -r] [-n repeat] "
	    "expression | -f file | -d file\n");
	exit(2);
}

/* "tcpdump -ddd" output: the count, then "code jt jf k" per line. */
static struct sock_filter *
read_ddd(const char *path, size_t *len)
{
	struct sock_filter	*prog;
	FILE			*fp;
	unsigned int		 code, jt, jf, k;
	size_t			 i;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	if (fscanf(fp, "%zu", len) != 1 || *len == 0 ||
	    *len > XLATE_MAXINSNS)
		errx(1, "%s: bad instruction count", path);
	if ((prog = calloc(*len, sizeof(*prog))) == NULL)
		err(1, NULL);
	for (i = 0; i < *len; i++) {
		if (fscanf(fp, "%u %u %u %u", &code, &jt, &jf, &k) != 4 ||
		    code > 0xffff || jt > 0xff || jf > 0xff)
			errx(1, "%s: bad instruction %zu", path, i);
		prog[i].code = code;
		prog[i].jt = jt;
		prog[i].jf = jf;
		prog[i].k = k;
	}
	if (fp != stdin)
		fclose(fp);
	return (prog);
}

int
main(int argc, char *argv[])
{
	struct sock_filter	*prog = NULL;
	struct bpf_insn		*out;
	struct pktset		 frames;
	char			 errbuf[512], *expr = NULL, log[65536];
	size_t			 len, n, i;
	uint64_t		 cookie = 0;
	uint32_t		 repeat = 1000000, rv, ns;
	int			 ch, fd, mode = XLATE_TC, dlt;

	dlt = pcapref_dlt("EN10MB");
	while ((ch = getopt(argc, argv, "d:f:gn:r")) != -1) {
		switch (ch) {
		case 'd':
			prog = read_ddd(optarg, &len);
			break;
		case 'f':
			if ((expr = xtest_read_filter(optarg, &dlt)) == NULL)
				err(1, "%s", optarg);
			break;
		case 'g':
			cookie = 0x0123456789abcdefULL;
			break;
		case 'n':
			repeat = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'r':
			mode = XLATE_RAW;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (prog == NULL && expr == NULL) {
		if (argc != 1)
			usage();
		expr = argv[0];
	}
	if (mode == XLATE_RAW)
		cookie = 0;
	if (!xtest_kernel_ok(errbuf, sizeof(errbuf)))
		errx(1, "cannot load programs: %s", errbuf);
	if (prog == NULL && pcapref_compile(expr, dlt, 1, &prog, &len,
	    errbuf, sizeof(errbuf)) == -1)
		errx(1, "pcap_compile: %s", errbuf);
	if (bpf_xlate(prog, len, mode, cookie, &out, &n, errbuf,
	    sizeof(errbuf)) == -1)
		errx(1, "bpf_xlate: %s", errbuf);
	if ((fd = xtest_load(out, n, log, sizeof(log))) < 0)
		errx(1, "verifier:\n%s", log);
	printf("%zu classic -> %zu eBPF instructions (%s%s), %u runs each\n",
	    len, n, mode == XLATE_TC ? "tc" : "raw", cookie ? ", guarded" : "",
	    repeat);

	memset(&frames, 0, sizeof(frames));
	xtest_frames(&frames);
	for (i = 0; i < frames.n; i++) {
		if (xtest_bench(fd, frames.p[i].data, frames.p[i].len, repeat,
		    &rv, &ns) == -1) {
			warn("BPF_PROG_TEST_RUN");
			continue;
		}
		printf("%5u ns  ret %-11d %4zu bytes  %s\n", ns, (int32_t)rv,
		    frames.p[i].len, frames.p[i].what);
	}
	xtest_pktset_free(&frames);
	close(fd);
	free(out);
	free(prog);
	return (0);
}
