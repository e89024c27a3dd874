# Lease files, resolv.conf writing and the parent's re-validation.

LEASE_REGRESS_DIR :=	regress/usr.sbin/leased/lease
LEASE_REGRESS_LIBOBJS :=	usr.sbin/leased/lease.o \
			usr.sbin/leased/validate.o \
			usr.sbin/leased/resolv.o usr.sbin/leased/log.o
LEASE_REGRESS_PROGS :=	$(LEASE_REGRESS_DIR)/validate_test \
			$(LEASE_REGRESS_DIR)/lease_test \
			$(LEASE_REGRESS_DIR)/resolv_test
LEASE_REGRESS_OBJS :=	$(LEASE_REGRESS_PROGS:=.o)

REGRESS +=	$(LEASE_REGRESS_PROGS)
CLEANFILES +=	$(LEASE_REGRESS_PROGS) $(LEASE_REGRESS_OBJS) \
		$(LEASE_REGRESS_LIBOBJS)

$(LEASE_REGRESS_OBJS): EXTRA_CFLAGS += -Iusr.sbin/leased -Iregress

$(LEASE_REGRESS_PROGS): %: %.o $(LEASE_REGRESS_LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LEASE_REGRESS_LIBOBJS)

# fuzz_lease: lease_parse() and the round trip through lease_format(),
# run briefly from its seed corpus by fuzz_lease.sh.
LEASE_FUZZ_SRCS :=	$(LEASE_REGRESS_DIR)/fuzz_lease.c \
			usr.sbin/leased/lease.c usr.sbin/leased/validate.c \
			usr.sbin/leased/resolv.c usr.sbin/leased/log.c

PROGS +=	$(LEASE_REGRESS_DIR)/fuzz_lease
FUZZERS +=	$(LEASE_REGRESS_DIR)/fuzz_lease
REGRESS +=	$(LEASE_REGRESS_DIR)/fuzz_lease.sh
CLEANFILES +=	$(LEASE_REGRESS_DIR)/fuzz_lease

$(LEASE_REGRESS_DIR)/fuzz_lease: $(LEASE_FUZZ_SRCS) usr.sbin/leased/lease.h \
    usr.sbin/leased/validate.h usr.sbin/leased/resolv.h
	$(FUZZCC) $(FUZZFLAGS) $(WARNINGS) -Iusr.sbin/leased -o $@ \
	    $(LEASE_FUZZ_SRCS)

$(LEASE_REGRESS_DIR)/fuzz_lease.sh: $(LEASE_REGRESS_DIR)/fuzz_lease
