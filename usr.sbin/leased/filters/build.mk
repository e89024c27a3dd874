# The socket filters: bpfc, a host tool linking libpcap, compiles the
# tcpdump expressions in filters/*.pcap into filters.gen.h, which
# filter.c (and the filter tests) include.  The daemon itself does not
# link libpcap.

BPFC :=		usr.sbin/leased/bpfc/bpfc
BPFC_OBJS :=	usr.sbin/leased/bpfc/bpfc.o usr.sbin/leased/bpf_disasm.o
FILTER_SRCS :=	$(sort $(wildcard usr.sbin/leased/filters/*.pcap))
FILTERS_GEN :=	usr.sbin/leased/filters.gen.h

$(BPFC): $(BPFC_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(BPFC_OBJS) $(call pkglibs,libpcap)

usr.sbin/leased/bpfc/bpfc.o: EXTRA_CFLAGS += -Iusr.sbin/leased \
	$(call pkgflags,libpcap)

$(FILTERS_GEN): $(BPFC) $(FILTER_SRCS)
	./$(BPFC) -o $@ $(FILTER_SRCS)

# Everything that includes the generated header waits for it.
usr.sbin/leased/filter.o: $(FILTERS_GEN)
usr.sbin/leased/filter.o: EXTRA_CFLAGS += $(call pkgflags,libbpf)

# bpfc.sh in the filter regress runs the tool itself.
PROGS +=	$(BPFC)

CLEANFILES +=	$(BPFC) $(BPFC_OBJS) $(FILTERS_GEN) usr.sbin/leased/filter.o
