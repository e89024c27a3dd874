# libFuzzer targets for every imsg decoder of the three processes:
# fuzz_engine, fuzz_frontend (with the control socket) and fuzz_parent.
# Each includes its process's source file, so the static dispatchers
# are reachable, and links the pure modules and stubs.c in place of
# everything privileged.  fuzz_imsgdec.sh runs each briefly.
#
# The daemon's modules are rebuilt here with the fuzzer's compiler and
# flags, into objects of our own; the file-writing functions of lease.c
# and resolv.c are renamed away so that stubs.c can stand in for them.

IMSGFZ :=	regress/usr.sbin/leased/imsgfuzz
IMSGFZ_CFLAGS =	$(FUZZFLAGS) $(WARNINGS) -Iusr.sbin/leased -I$(IMSGFZ) \
		$(call pkgflags,libevent) $(call pkgflags,libmnl)
IMSGFZ_LIBS =	$(call pkglibs,libevent) $(call pkglibs,libmnl)

IMSGFZ_OBJS :=	$(IMSGFZ)/fz_dhcp.o $(IMSGFZ)/fz_validate.o \
		$(IMSGFZ)/fz_parse.o $(IMSGFZ)/fz_printconf.o \
		$(IMSGFZ)/fz_lease.o $(IMSGFZ)/fz_resolv.o \
		$(IMSGFZ)/fz_imsg.o $(IMSGFZ)/fz_imsg-buffer.o \
		$(IMSGFZ)/fz_common.o $(IMSGFZ)/fz_stubs.o
IMSGFZ_HDRS :=	$(IMSGFZ)/fuzz.h $(wildcard usr.sbin/leased/*.h) \
		lib/libutil/imsg.h
IMSGFZ_BINS :=	$(IMSGFZ)/fuzz_engine $(IMSGFZ)/fuzz_frontend \
		$(IMSGFZ)/fuzz_parent

PROGS +=	$(IMSGFZ_BINS)
FUZZERS +=	$(IMSGFZ_BINS)
REGRESS +=	$(IMSGFZ)/fuzz_imsgdec.sh
CLEANFILES +=	$(IMSGFZ_BINS) $(IMSGFZ_OBJS) $(IMSGFZ)/fz_leased.o

$(IMSGFZ)/fuzz_imsgdec.sh: $(IMSGFZ_BINS)

$(IMSGFZ)/fz_%.o: usr.sbin/leased/%.c $(IMSGFZ_HDRS)
	$(FUZZCC) $(IMSGFZ_CFLAGS) $(IMSGFZ_DEFS) -c -o $@ $<

$(IMSGFZ)/fz_%.o: lib/libutil/%.c $(IMSGFZ_HDRS)
	$(FUZZCC) $(IMSGFZ_CFLAGS) -c -o $@ $<

$(IMSGFZ)/fz_%.o: $(IMSGFZ)/%.c $(IMSGFZ_HDRS)
	$(FUZZCC) $(IMSGFZ_CFLAGS) -c -o $@ $<

$(IMSGFZ)/fz_parse.o: usr.sbin/leased/parse.c

$(IMSGFZ)/fz_leased.o: IMSGFZ_DEFS = -Dmain=leased_main \
	-include $(IMSGFZ)/leased_main.h -Dmalloc=fz_malloc
$(IMSGFZ)/fz_lease.o: IMSGFZ_DEFS = -Dlease_write=real_lease_write \
	-Dlease_load=real_lease_load -Dlease_remove=real_lease_remove
$(IMSGFZ)/fz_resolv.o: IMSGFZ_DEFS = -Dresolv_write=real_resolv_write \
	-Dresolv_withdraw=real_resolv_withdraw

$(IMSGFZ)/fuzz_engine: $(IMSGFZ)/fuzz_engine.c usr.sbin/leased/engine.c \
    $(IMSGFZ_OBJS) $(IMSGFZ)/fz_leased.o
	$(FUZZCC) $(IMSGFZ_CFLAGS) -o $@ $(IMSGFZ)/fuzz_engine.c \
	    $(IMSGFZ_OBJS) $(IMSGFZ)/fz_leased.o $(IMSGFZ_LIBS)

$(IMSGFZ)/fuzz_frontend: $(IMSGFZ)/fuzz_frontend.c \
    usr.sbin/leased/frontend.c usr.sbin/leased/control.c \
    $(IMSGFZ_OBJS) $(IMSGFZ)/fz_leased.o
	$(FUZZCC) $(IMSGFZ_CFLAGS) -o $@ $(IMSGFZ)/fuzz_frontend.c \
	    $(IMSGFZ_OBJS) $(IMSGFZ)/fz_leased.o $(IMSGFZ_LIBS)

$(IMSGFZ)/fuzz_parent: $(IMSGFZ)/fuzz_parent.c usr.sbin/leased/leased.c \
    $(IMSGFZ_OBJS)
	$(FUZZCC) $(IMSGFZ_CFLAGS) -o $@ $(IMSGFZ)/fuzz_parent.c \
	    $(IMSGFZ_OBJS) $(IMSGFZ_LIBS)
