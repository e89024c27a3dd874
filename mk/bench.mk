# make bench: leased against dhclient, udhcpc and dhcpcd in a network
# namespace lab with dnsmasq; writes bench/results.md and
# bench/results.svg.  Needs root.  The helpers are not part of "build".

BENCH_PROGS :=	bench/ttaddr bench/noise bench/filtercost
BENCH_OBJS :=	$(BENCH_PROGS:=.o)
# the clients measured against, and the plotter: package:file
BENCH_PKGS :=	isc-dhcp-client:/usr/sbin/dhclient udhcpc:/usr/sbin/udhcpc \
		dhcpcd-base:/usr/sbin/dhcpcd gnuplot-nox:/usr/bin/gnuplot

CLEANFILES +=	$(BENCH_PROGS) $(BENCH_OBJS)

bench/filtercost.o: usr.sbin/leased/filters.gen.h
bench/filtercost.o: EXTRA_CFLAGS += -Iusr.sbin/leased $(call pkgflags,libbpf)

bench/ttaddr: bench/ttaddr.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^

bench/noise: bench/noise.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^

bench/filtercost: bench/filtercost.o usr.sbin/leased/bpf_xlate.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(call pkglibs,libbpf)

.PHONY: bench bench-deps

bench-deps:
	@sh mk/deps.sh install
	@m=; for p in $(BENCH_PKGS); do \
		[ -e "$${p#*:}" ] || m="$$m $${p%%:*}"; \
	done; \
	if [ -n "$$m" ]; then \
		echo "bench: installing$$m"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y \
		    --no-install-recommends $$m || exit 1; \
	fi

bench: bench-deps
	@$(MAKE) --no-print-directory $(LEASED) $(BENCH_PROGS)
	sh bench/run.sh
