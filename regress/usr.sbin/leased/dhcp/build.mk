# The DHCP wire-format module (usr.sbin/leased/dhcp.c): unit tests, and
# fuzz_dhcp, run briefly by fuzz_dhcp.sh from its seed corpus.

DHCPT :=	regress/usr.sbin/leased/dhcp
DHCPT_OBJS :=	$(DHCPT)/dhcp_test.o usr.sbin/leased/dhcp.o

PROGS +=	$(DHCPT)/dhcp_test $(DHCPT)/fuzz_dhcp
FUZZERS +=	$(DHCPT)/fuzz_dhcp
REGRESS +=	$(DHCPT)/dhcp_test $(DHCPT)/fuzz_dhcp.sh
CLEANFILES +=	$(DHCPT)/dhcp_test $(DHCPT)/dhcp_test.o $(DHCPT)/fuzz_dhcp \
		usr.sbin/leased/dhcp.o

$(DHCPT)/dhcp_test.o: EXTRA_CFLAGS += -Iusr.sbin/leased -Iregress

$(DHCPT)/dhcp_test: $(DHCPT_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(DHCPT_OBJS)

$(DHCPT)/fuzz_dhcp: $(DHCPT)/fuzz_dhcp.c usr.sbin/leased/dhcp.c \
    usr.sbin/leased/dhcp.h
	$(FUZZCC) $(FUZZFLAGS) $(WARNINGS) -Iusr.sbin/leased -o $@ \
	    $(DHCPT)/fuzz_dhcp.c usr.sbin/leased/dhcp.c

$(DHCPT)/fuzz_dhcp.sh: $(DHCPT)/fuzz_dhcp

# The seed corpus generator: run by hand, its output is checked in.
$(DHCPT)/mkcorpus.o: EXTRA_CFLAGS += -Iusr.sbin/leased
$(DHCPT)/mkcorpus: $(DHCPT)/mkcorpus.o usr.sbin/leased/dhcp.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^
CLEANFILES +=	$(DHCPT)/mkcorpus $(DHCPT)/mkcorpus.o
