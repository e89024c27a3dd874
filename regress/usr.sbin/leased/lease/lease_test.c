/*
 * Lease files: round trip, strict loading, moving aside of every kind of
 * bad file, and atomic replacement under a concurrent reader.
 */

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lease.h"
#include "log.h"
#include "regress.h"

#define MAC0	((const uint8_t *)"\x02\x00\x00\x00\x00\x01")
#define MAC1	((const uint8_t *)"\x02\x00\x00\x00\x00\x02")

static char	dir[] = "/tmp/leased-lease.XXXXXX";
static char	path[PATH_MAX];
static time_t	now;

static void	cleanup(void);
static struct in_addr ip(const char *);
static void	make_lease(struct lease *, const char *);
static int	put_file(const char *, const char *, size_t);
static int	count_entries(const char *);
static void	remove_aside(void);
static enum lease_load_result load(const char *, const uint8_t *,
		    struct lease *);
static int	expect_corrupt(const char *, size_t, const char *);
static char	*replace_line(const char *, const char *, const char *);
static char	*padded(const char *, size_t, size_t);
static void	test_round_trip(void);
static void	test_truncation(void);
static void	test_bad_content(void);
static void	test_bad_files(void);
static void	test_identity(void);
static void	test_remaining(void);
static void	test_write_errors(void);
static void	test_concurrent(void);

static void
cleanup(void)
{
	char	cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static struct in_addr
ip(const char *s)
{
	struct in_addr	a;

	if (inet_pton(AF_INET, s, &a) != 1)
		a.s_addr = 0;
	return (a);
}

static void
make_lease(struct lease *l, const char *ifname)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->ifname, sizeof(l->ifname), "%s", ifname);
	memcpy(l->mac, MAC0, LEASE_MAC_LEN);
	l->address = ip("192.0.2.100");
	l->netmask = ip("255.255.255.0");
	l->broadcast = ip("192.0.2.255");
	l->server = ip("192.0.2.1");
	l->acquired = now - 10;
	l->lease_time = 3600;
	l->renewal = 1800;
	l->rebinding = 3150;
	l->mtu = 1400;
	l->routers[l->nrouters++] = ip("192.0.2.1");
	l->routers[l->nrouters++] = ip("192.0.2.2");
	l->dns[l->ndns++] = ip("192.0.2.53");
	l->dns[l->ndns++] = ip("198.51.100.53");
	snprintf(l->domain, sizeof(l->domain), "example.com");
	snprintf(l->search[l->nsearch++], sizeof(l->search[0]),
	    "example.com");
	snprintf(l->search[l->nsearch++], sizeof(l->search[0]),
	    "lab.example.org");
	l->routes[l->nroutes].dst = ip("198.51.100.0");
	l->routes[l->nroutes].prefixlen = 24;
	l->routes[l->nroutes++].gw = ip("192.0.2.1");
	l->routes[l->nroutes].dst = ip("0.0.0.0");
	l->routes[l->nroutes].prefixlen = 0;
	l->routes[l->nroutes++].gw = ip("192.0.2.2");
}

static int
put_file(const char *p, const char *buf, size_t len)
{
	int	fd;

	unlink(p);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	if (write(fd, buf, len) != (ssize_t)len) {
		close(fd);
		return (-1);
	}
	return (close(fd));
}

/* Entries in dir whose name contains s. */
static int
count_entries(const char *s)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, s) != NULL)
			n++;
	}
	closedir(d);
	return (n);
}

static void
remove_aside(void)
{
	DIR		*d;
	struct dirent	*de;
	char		 p[PATH_MAX];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".corrupt-") == NULL)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		/* A moved-aside directory or FIFO too. */
		if (unlink(p) == -1 && rmdir(p) == -1)
			printf("# could not remove %s\n", p);
	}
	closedir(d);
}

static enum lease_load_result
load(const char *ifname, const uint8_t *mac, struct lease *l)
{
	return (lease_load(dir, ifname, mac, now, l));
}

/* Install text as eth0's lease; it must be refused and moved aside. */
static int
expect_corrupt(const char *text, size_t len, const char *what)
{
	struct lease	l;
	int		r, ok;

	remove_aside();
	if (put_file(path, text, len) == -1) {
		printf("# %s: cannot write %s\n", what, path);
		return (0);
	}
	r = load("eth0", MAC0, &l);
	ok = r == LEASE_CORRUPT && access(path, F_OK) == -1 &&
	    count_entries(".corrupt-") == 1 && l.ifname[0] == '\0';
	if (!ok)
		printf("# %s: result %d, file %s, %d aside\n", what, r,
		    access(path, F_OK) == 0 ? "left" : "gone",
		    count_entries(".corrupt-"));
	return (ok);
}

/* The lease text with the line starting "key " replaced by line. */
static char *
replace_line(const char *text, const char *key, const char *line)
{
	char		*out, *p;
	const char	*start, *end;
	size_t		 klen = strlen(key);

	start = text;
	while (start != NULL && !(strncmp(start, key, klen) == 0 &&
	    (start[klen] == ' ' || start[klen] == '\n'))) {
		start = strchr(start, '\n');
		if (start != NULL)
			start++;
	}
	if (start == NULL)
		return (NULL);
	end = strchr(start, '\n') + 1;
	if ((out = malloc(strlen(text) + strlen(line) + 2)) == NULL)
		return (NULL);
	p = out;
	memcpy(p, text, start - text);
	p += start - text;
	memcpy(p, line, strlen(line));
	p += strlen(line);
	strcpy(p, end);
	return (out);
}

/* The lease text after comment lines, total bytes in all. */
static char *
padded(const char *text, size_t len, size_t total)
{
	char	*buf;
	size_t	 padlen = total - len, i;

	if ((buf = malloc(total)) == NULL)
		return (NULL);
	memset(buf, '#', padlen);
	for (i = 99; i < padlen; i += 100)
		buf[i] = '\n';
	buf[padlen - 2] = '#';
	buf[padlen - 1] = '\n';
	memcpy(buf + padlen, text, len);
	return (buf);
}

static void
test_round_trip(void)
{
	struct lease	l, got;
	struct stat	st;
	char		text[4096];

	make_lease(&l, "eth0");
	OK(lease_write(dir, &l) == 0, "a lease is written");
	OK(stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 07777) == 0600,
	    "the lease file is a regular file of mode 0600");
	OK(count_entries("eth0") == 1,
	    "no temporary file remains beside the lease");
	OK(load("eth0", MAC0, &got) == LEASE_LOADED,
	    "the written lease loads");
	OK(memcmp(&l, &got, sizeof(l)) == 0,
	    "what is loaded equals what was written");

	l.lease_time = l.renewal = l.rebinding = LEASE_INFINITE;
	l.mtu = 0;
	l.broadcast.s_addr = 0;
	l.nsearch = 0;
	memset(l.search, 0, sizeof(l.search));
	memset(l.domain, 0, sizeof(l.domain));
	OK(lease_write(dir, &l) == 0 &&
	    load("eth0", MAC0, &got) == LEASE_LOADED &&
	    memcmp(&l, &got, sizeof(l)) == 0,
	    "an infinite lease without optional values round-trips");
	lease_format(&l, text, sizeof(text));
	OK(strstr(text, "lease-time infinite\n") != NULL,
	    "an infinite lease is written as \"infinite\"");

	make_lease(&l, "eth0.100");
	OK(lease_write(dir, &l) == 0 &&
	    lease_load(dir, "eth0.100", MAC0, now, &got) == LEASE_LOADED &&
	    memcmp(&l, &got, sizeof(l)) == 0,
	    "a VLAN interface name with a dot round-trips");

	OK(lease_remove(dir, "eth0.100") == 0 &&
	    lease_load(dir, "eth0.100", MAC0, now, &got) == LEASE_NONE,
	    "a removed lease is gone");
	OK(lease_remove(dir, "eth0.100") == 0,
	    "removing a lease that is not there is fine");
	OK(lease_load(dir, "eth9", MAC0, now, &got) == LEASE_NONE,
	    "no file: no lease");
}

static void
test_truncation(void)
{
	struct lease	l;
	char		text[4096];
	size_t		len, i;
	int		lines_ok = 1, bytes_ok = 1, nlines = 0;

	make_lease(&l, "eth0");
	len = lease_format(&l, text, sizeof(text));
	for (i = 0; i < len; i++) {
		if (i > 0 && text[i - 1] == '\n') {
			nlines++;
			if (!expect_corrupt(text, i, "cut at a line"))
				lines_ok = 0;
		} else if (!expect_corrupt(text, i, "cut mid-line"))
			bytes_ok = 0;
	}
	OK(lines_ok && nlines > 15,
	    "a file cut after any of its %d lines is moved aside", nlines);
	OK(bytes_ok, "a file cut at any byte inside a line is moved aside");
	OK(expect_corrupt("", 0, "empty"), "an empty file is moved aside");
}

static void
test_bad_content(void)
{
	static const struct {
		const char	*key;
		const char	*line;
		const char	*what;
	} cases[] = {
		{ "version", "version 2\n", "a newer version" },
		{ "version", "version 01\n", "a version with a leading 0" },
		{ "version", "# version 1\n", "no version line" },
		{ "mtu", "mtu 67\n", "mtu 67" },
		{ "mtu", "mtu 65536\n", "mtu 65536" },
		{ "mtu", "mtu -1\n", "a negative mtu" },
		{ "mtu", "mtu 1400x\n", "a number with trailing junk" },
		{ "lease-time", "lease-time 03600\n",
		    "a number with a leading zero" },
		{ "lease-time", "lease-time 0\n", "lease time 0" },
		{ "lease-time", "lease-time 99999999999999999999\n",
		    "a number that overflows" },
		{ "renewal", "renewal 4000\n", "renewal after expiry" },
		{ "address", "address 127.0.0.1\n", "a loopback address" },
		{ "address", "address 192.0.2.0100\n",
		    "an address not in canonical form" },
		{ "address", "address 192.0.2.100 \n",
		    "an address with a trailing space" },
		{ "address", "address 192.0.2.100\naddress 192.0.2.101\n",
		    "the address twice" },
		{ "netmask", "netmask 255.0.255.0\n",
		    "a non-contiguous netmask" },
		{ "router", "router 203.0.113.1\n",
		    "a router outside the subnet" },
		{ "route", "route 10.1.0.0/8 192.0.2.1\n",
		    "a route with host bits" },
		{ "route", "route 10.0.0.0/33 192.0.2.1\n",
		    "a route prefix of 33" },
		{ "route", "route 10.0.0.0 192.0.2.1\n",
		    "a route without a prefix" },
		{ "domain", "domain evil.com\nnameserver 203.0.113.66\n",
		    "an unknown keyword" },
		{ "domain", "domain ex ample.com\n", "a domain with a space" },
		{ "domain", "domain ..\n", "a domain of empty labels" },
		{ "search", "search a;b\n", "a search domain with ;" },
		{ "mac", "mac 02:00:00:00:00:0\n", "a short MAC" },
		{ "mac", "mac 02-00-00-00-00-01\n", "a MAC with dashes" },
		{ "mac", "mac 02:00:00:00:00:0G\n", "a MAC with a non-hex" },
		{ "interface", "interface eth0/../x\n",
		    "an interface name with a slash" },
		{ "interface", "interface eth0\r\n", "a CRLF line end" },
		{ "end", "end\nversion 1\n", "text after end" },
		{ "end", "end now\n", "end with an argument" },
		{ "acquired", "acquired 4294967296\n",
		    "acquired beyond 2106" },
		{ "server", "server\n", "a keyword without a value" },
	};
	struct lease	 l;
	char		 text[4096], big[LEASE_LINE_MAX + 64], nul[4096];
	char		*bad;
	size_t		 i, len;

	make_lease(&l, "eth0");
	len = lease_format(&l, text, sizeof(text));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if ((bad = replace_line(text, cases[i].key,
		    cases[i].line)) == NULL) {
			OK(0, "test setup for %s", cases[i].what);
			continue;
		}
		OK(expect_corrupt(bad, strlen(bad), cases[i].what),
		    "a lease file with %s is moved aside", cases[i].what);
		free(bad);
	}

	memset(big, 'a', sizeof(big));
	memcpy(big, "domain ", 7);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	bad = replace_line(text, "domain", big);
	OK(bad != NULL && expect_corrupt(bad, strlen(bad), "long line"),
	    "a lease file with an overlong line is moved aside");
	free(bad);

	memcpy(nul, text, len);
	nul[20] = '\0';
	OK(expect_corrupt(nul, len, "NUL"),
	    "a lease file with a NUL byte is moved aside");

	srandom(4242);
	{
		char	rnd[2048];
		int	all = 1, n, j;

		for (n = 0; n < 200; n++) {
			len = 1 + random() % sizeof(rnd);
			for (j = 0; j < (int)len; j++)
				rnd[j] = random();
			if (!expect_corrupt(rnd, len, "random"))
				all = 0;
		}
		OK(all, "200 files of random bytes are moved aside");
	}
}

static void
test_bad_files(void)
{
	struct lease	 l;
	char		 target[PATH_MAX], text[4096];
	char		*big;
	size_t		 len;
	int		 fd, r;
	pid_t		 pid;
	int		 status;

	make_lease(&l, "eth0");
	len = lease_format(&l, text, sizeof(text));

	/* A symbolic link to a good lease is still refused. */
	remove_aside();
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	put_file(target, text, len);
	unlink(path);
	OK(symlink(target, path) == 0, "test setup: symbolic link");
	r = load("eth0", MAC0, &l);
	OK(r == LEASE_CORRUPT && access(path, F_OK) == -1 &&
	    count_entries(".corrupt-") == 1,
	    "a symbolic link in place of the lease is moved aside");
	OK(access(target, F_OK) == 0,
	    "the file the link pointed to is left alone");

	/* A FIFO: must not block (run it in a child with an alarm). */
	remove_aside();
	OK(mkfifo(path, 0600) == 0, "test setup: FIFO");
	if ((pid = fork()) == 0) {
		alarm(5);
		r = load("eth0", MAC0, &l);
		_exit(r == LEASE_CORRUPT ? 0 : 1);
	}
	OK(pid != -1 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a FIFO in place of the lease is moved aside without blocking");
	OK(access(path, F_OK) == -1 && count_entries(".corrupt-") == 1,
	    "the FIFO is gone from the lease's name");

	remove_aside();
	OK(mkdir(path, 0700) == 0, "test setup: directory");
	OK(load("eth0", MAC0, &l) == LEASE_CORRUPT &&
	    access(path, F_OK) == -1 && count_entries(".corrupt-") == 1,
	    "a directory in place of the lease is moved aside");

	remove_aside();
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) != -1) {
		/* A real lease at the start, 10 MB in all. */
		if (write(fd, text, len) != (ssize_t)len ||
		    ftruncate(fd, 10 * 1024 * 1024) == -1)
			printf("# 10 MB file setup failed\n");
		close(fd);
	}
	OK(load("eth0", MAC0, &l) == LEASE_CORRUPT &&
	    access(path, F_OK) == -1 && count_entries(".corrupt-") == 1,
	    "a 10 MB lease file is moved aside");

	remove_aside();
	big = padded(text, len, LEASE_FILE_MAX + 1);
	OK(big != NULL && expect_corrupt(big, LEASE_FILE_MAX + 1, "64 KiB"),
	    "a lease file one byte over 64 KiB is moved aside");
	free(big);
	big = padded(text, len, LEASE_FILE_MAX);
	OK(big != NULL && put_file(path, big, LEASE_FILE_MAX) == 0 &&
	    load("eth0", MAC0, &l) == LEASE_LOADED,
	    "a valid lease file of exactly 64 KiB loads");
	free(big);
	remove_aside();
	unlink(path);
}

static void
test_identity(void)
{
	struct lease	 l, got;
	char		 other[PATH_MAX];
	struct stat	 st;

	make_lease(&l, "eth0");

	remove_aside();
	lease_write(dir, &l);
	OK(load("eth0", MAC1, &got) == LEASE_CORRUPT &&
	    access(path, F_OK) == -1 && count_entries(".corrupt-") == 1,
	    "a lease for another MAC address is moved aside");

	remove_aside();
	lease_write(dir, &l);
	snprintf(other, sizeof(other), "%s/eth1%s", dir, LEASE_SUFFIX);
	rename(path, other);
	OK(load("eth1", MAC0, &got) == LEASE_CORRUPT &&
	    access(other, F_OK) == -1 && count_entries(".corrupt-") == 1,
	    "another interface's lease under this one's name is moved "
	    "aside");

	remove_aside();
	l.acquired = now - 3601;
	lease_write(dir, &l);
	OK(load("eth0", MAC0, &got) == LEASE_EXPIRED,
	    "an expired lease is not used");
	OK(stat(path, &st) == 0 && count_entries(".corrupt-") == 0,
	    "an expired lease is left in place, not moved aside");

	l.acquired = now - 3599;
	lease_write(dir, &l);
	OK(load("eth0", MAC0, &got) == LEASE_LOADED,
	    "a lease with one second left is used");
	unlink(path);
}

static void
test_remaining(void)
{
	struct lease	l;

	make_lease(&l, "eth0");
	l.acquired = 1000;
	OK(lease_remaining(&l, 1000) == 3600, "remaining: whole lease");
	OK(lease_remaining(&l, 2000) == 2600, "remaining: part used");
	OK(lease_remaining(&l, 4600) == 0, "remaining: 0 at expiry");
	OK(lease_remaining(&l, 999999) == 0, "remaining: 0 long after");
	OK(lease_remaining(&l, 10) == 3600,
	    "remaining: never more than the lease when the clock went back");
	l.lease_time = LEASE_INFINITE;
	OK(lease_remaining(&l, 999999) == LEASE_INFINITE,
	    "remaining: an infinite lease never runs out");
}

static void
test_write_errors(void)
{
	struct lease	l;
	char		nested[PATH_MAX];

	make_lease(&l, "eth0");
	l.mtu = 67;
	errno = 0;
	OK(lease_write(dir, &l) == -1 && errno == EINVAL &&
	    access(path, F_OK) == -1,
	    "an invalid lease is not written");
	make_lease(&l, "eth0");
	snprintf(nested, sizeof(nested), "%s/missing", dir);
	OK(lease_write(nested, &l) == -1,
	    "writing into a missing directory fails cleanly");
	snprintf(nested, sizeof(nested), "%s/sub", dir);
	mkdir(nested, 0700);
	OK(lease_write(nested, &l) == 0,
	    "writing into a subdirectory (directory fsync) works");
	OK(lease_load(dir, "../x", MAC0, now, &l) == LEASE_ERROR,
	    "an interface name with a slash is refused as a file name");
}

/*
 * Write 1000 times while another process keeps loading: it must see the
 * old lease or the new one, never a partial file (which it would move
 * aside).
 */
static void
test_concurrent(void)
{
	struct lease	 a, b, got;
	char		 stop[PATH_MAX];
	pid_t		 pid;
	int		 i, status, wrote = 1;

	make_lease(&a, "eth0");
	make_lease(&b, "eth0");
	b.lease_time = 7200;
	b.renewal = 3600;
	b.rebinding = 6300;
	b.nroutes = 0;
	memset(b.routes, 0, sizeof(b.routes));
	b.nsearch = 0;
	memset(b.search, 0, sizeof(b.search));
	snprintf(stop, sizeof(stop), "%s/stop", dir);
	unlink(stop);
	remove_aside();
	lease_write(dir, &a);

	if ((pid = fork()) == 0) {
		long	loads = 0, bad = 0;
		int	r;

		alarm(50);
		while (access(stop, F_OK) == -1) {
			r = load("eth0", MAC0, &got);
			loads++;
			if (r != LEASE_LOADED || (memcmp(&got, &a,
			    sizeof(got)) != 0 &&
			    memcmp(&got, &b, sizeof(got)) != 0))
				bad++;
		}
		printf("# reader: %ld loads, %ld bad\n", loads, bad);
		fflush(stdout);
		_exit(bad == 0 && loads > 0 ? 0 : 1);
	}
	for (i = 0; i < 1000; i++) {
		if (lease_write(dir, i % 2 ? &a : &b) == -1)
			wrote = 0;
	}
	close(open(stop, O_WRONLY | O_CREAT, 0600));
	OK(wrote, "1000 lease writes succeed");
	OK(pid != -1 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a concurrent reader always sees a whole old or new lease");
	OK(count_entries(".corrupt-") == 0 && count_entries(".lease.") == 0,
	    "nothing was moved aside and no temporary file remains");
}

int
main(void)
{
	log_init(1, LOG_DAEMON);
	now = time(NULL);
	if (mkdtemp(dir) == NULL) {
		printf("not ok - mkdtemp\n");
		return (1);
	}
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/eth0%s", dir, LEASE_SUFFIX);

	test_round_trip();
	test_truncation();
	test_bad_content();
	test_bad_files();
	test_identity();
	test_remaining();
	test_write_errors();
	test_concurrent();
	return (regress_done());
}
