# Tests of the socket filters: what each program admits (semantics),
# bpfc's checks and disassembly (bpfc.sh), and the kernel enforcing the
# filters in a two-namespace lab (lab.sh runs filter_lab).
#
# This fragment is read before usr.sbin/leased/filters/build.mk, so it
# names the generated header itself rather than through FILTERS_GEN.

FILTERT_DIR :=	regress/usr.sbin/leased/filters
FILTERT_OBJS :=	usr.sbin/leased/filter.o usr.sbin/leased/bpf_disasm.o \
		usr.sbin/leased/bpf_xlate.o usr.sbin/leased/log.o

$(FILTERT_DIR)/semantics.o $(FILTERT_DIR)/filter_lab.o: \
	usr.sbin/leased/filters.gen.h
$(FILTERT_DIR)/semantics.o $(FILTERT_DIR)/filter_lab.o: EXTRA_CFLAGS += \
	-Iusr.sbin/leased -Iregress $(call pkgflags,libbpf)

$(FILTERT_DIR)/semantics: $(FILTERT_DIR)/semantics.o $(FILTERT_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(call pkglibs,libbpf) \
	    $(call pkglibs,libpcap)

$(FILTERT_DIR)/filter_lab: $(FILTERT_DIR)/filter_lab.o $(FILTERT_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(call pkglibs,libbpf)

PROGS +=	$(FILTERT_DIR)/semantics $(FILTERT_DIR)/filter_lab
REGRESS +=	$(FILTERT_DIR)/semantics $(FILTERT_DIR)/bpfc.sh \
		$(FILTERT_DIR)/lab.sh
CLEANFILES +=	$(FILTERT_DIR)/semantics $(FILTERT_DIR)/semantics.o \
		$(FILTERT_DIR)/filter_lab $(FILTERT_DIR)/filter_lab.o
