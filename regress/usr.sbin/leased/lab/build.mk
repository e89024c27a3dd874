# Lab tests: the real daemon in network namespaces against a real DHCP
# server.  Each script can be run alone: sh regress/run <script>.
REGRESS +=	regress/usr.sbin/leased/lab/triad.sh \
		regress/usr.sbin/leased/lab/audit.sh \
		regress/usr.sbin/leased/lab/dora.sh \
		regress/usr.sbin/leased/lab/renew.sh \
		regress/usr.sbin/leased/lab/reboot.sh \
		regress/usr.sbin/leased/lab/nak.sh \
		regress/usr.sbin/leased/lab/linkflap.sh \
		regress/usr.sbin/leased/lab/multi.sh \
		regress/usr.sbin/leased/lab/options.sh \
		regress/usr.sbin/leased/lab/reload.sh \
		regress/usr.sbin/leased/lab/leasectl.sh \
		regress/usr.sbin/leased/lab/shutdown.sh \
		regress/usr.sbin/leased/lab/tc_cleanup.sh

CTLCLIENT :=	regress/usr.sbin/leased/lab/ctlclient
PROGS +=	$(CTLCLIENT)
CLEANFILES +=	$(CTLCLIENT) $(CTLCLIENT).o
$(CTLCLIENT).o: EXTRA_CFLAGS += -Iusr.sbin/leased $(call pkgflags,libevent)
$(CTLCLIENT): $(CTLCLIENT).o lib/libutil/libutil.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CTLCLIENT).o lib/libutil/libutil.a
REGRESS +=	regress/usr.sbin/leased/lab/control.sh

ESCAPE :=	regress/usr.sbin/leased/lab/escape
ESCAPE_OBJS :=	$(ESCAPE).o usr.sbin/leased/sandbox.o usr.sbin/leased/log.o
PROGS +=	$(ESCAPE)
CLEANFILES +=	$(ESCAPE) $(ESCAPE).o
$(ESCAPE).o: EXTRA_CFLAGS += -Iusr.sbin/leased -Iregress \
	$(call pkgflags,libbpf)
$(ESCAPE): $(ESCAPE_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(ESCAPE_OBJS) $(call pkglibs,libbpf)
REGRESS +=	regress/usr.sbin/leased/lab/escape.sh

FAKEENGINE :=	regress/usr.sbin/leased/lab/fakeengine
PROGS +=	$(FAKEENGINE)
CLEANFILES +=	$(FAKEENGINE) $(FAKEENGINE).o
$(FAKEENGINE).o: EXTRA_CFLAGS += -Iusr.sbin/leased $(call pkgflags,libevent)
$(FAKEENGINE): $(FAKEENGINE).o lib/libutil/libutil.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(FAKEENGINE).o lib/libutil/libutil.a
REGRESS +=	regress/usr.sbin/leased/lab/revalidate.sh
