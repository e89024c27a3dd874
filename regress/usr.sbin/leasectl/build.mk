# leasectl: the command line parser, and the whole tool against a fake
# control socket (fakectl) that answers as leased would, or wrongly;
# then mandoc lint over the manual pages.

LEASECTL_REGRESS_DIR :=	regress/usr.sbin/leasectl
LEASECTL_FAKE :=	$(LEASECTL_REGRESS_DIR)/fakectl

PROGS +=	$(LEASECTL_FAKE)
REGRESS +=	$(LEASECTL_REGRESS_DIR)/parser.sh \
		$(LEASECTL_REGRESS_DIR)/fake.sh \
		$(LEASECTL_REGRESS_DIR)/man.sh
CLEANFILES +=	$(LEASECTL_FAKE) $(LEASECTL_FAKE).o

$(LEASECTL_FAKE).o: EXTRA_CFLAGS += -Iusr.sbin/leased \
	$(call pkgflags,libevent)

$(LEASECTL_FAKE): $(LEASECTL_FAKE).o lib/libutil/libutil.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< lib/libutil/libutil.a
