# The classic -> eBPF translator of leased: unit tests, the differential
# test against libpcap and the kernel, the verifier test on random
# programs, the fuzzer, and a benchmark (not part of regress).

XLATE_D :=	regress/usr.sbin/leased/xlate
XLATE_SRC :=	usr.sbin/leased/bpf_xlate.c usr.sbin/leased/bpf_xlate_dump.c
XLATE_OBJ :=	$(XLATE_SRC:.c=.o)
XLATE_KOBJ :=	$(XLATE_D)/xtest.o $(XLATE_D)/pcapref.o
XLATE_LIBS =	$(call pkglibs,libbpf) $(call pkglibs,libpcap)

XLATE_TESTS :=	$(XLATE_D)/xlate_unit $(XLATE_D)/xlate_diff \
		$(XLATE_D)/xlate_random $(XLATE_D)/xlate_tc

PROGS +=	$(XLATE_TESTS) $(XLATE_D)/fuzz_xlate
REGRESS +=	$(XLATE_TESTS) $(XLATE_D)/fuzz_xlate.sh
FUZZERS +=	$(XLATE_D)/fuzz_xlate
CLEANFILES +=	$(XLATE_OBJ) $(XLATE_KOBJ) $(XLATE_TESTS) \
		$(XLATE_TESTS:=.o) $(XLATE_D)/xlate_bench \
		$(XLATE_D)/xlate_bench.o $(XLATE_D)/fuzz_xlate

regress: $(XLATE_TESTS) $(XLATE_D)/fuzz_xlate
$(XLATE_D)/fuzz_xlate.sh: $(XLATE_D)/fuzz_xlate

$(XLATE_KOBJ) $(XLATE_TESTS:=.o) $(XLATE_D)/xlate_bench.o: \
    EXTRA_CFLAGS += -Iusr.sbin/leased -Iregress -I$(XLATE_D) \
    $(call pkgflags,libbpf) $(call pkgflags,libpcap)

$(XLATE_D)/xlate_unit: $(XLATE_D)/xlate_unit.o $(XLATE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

$(XLATE_D)/xlate_diff: $(XLATE_D)/xlate_diff.o $(XLATE_KOBJ) $(XLATE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(XLATE_LIBS)

$(XLATE_D)/xlate_random: $(XLATE_D)/xlate_random.o $(XLATE_KOBJ) \
    $(XLATE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(XLATE_LIBS)

$(XLATE_D)/xlate_tc: $(XLATE_D)/xlate_tc.o $(XLATE_KOBJ) $(XLATE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(XLATE_LIBS)

$(XLATE_D)/xlate_bench: $(XLATE_D)/xlate_bench.o $(XLATE_KOBJ) \
    $(XLATE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(XLATE_LIBS)

XLATE_FUZZSRC :=	$(XLATE_D)/fuzz_xlate.c $(XLATE_D)/pcapref.c \
		$(XLATE_D)/xtest.c $(XLATE_SRC)

$(XLATE_D)/fuzz_xlate: $(XLATE_FUZZSRC) $(XLATE_D)/xcheck.h \
    $(XLATE_D)/xinterp.h $(XLATE_D)/xtest.h $(XLATE_D)/pcapref.h \
    usr.sbin/leased/bpf_xlate.h
	$(FUZZCC) $(FUZZFLAGS) $(WARNINGS) -Iusr.sbin/leased -I$(XLATE_D) \
	    $(call pkgflags,libbpf) $(call pkgflags,libpcap) -o $@ \
	    $(XLATE_FUZZSRC) $(XLATE_LIBS)
