# The sandbox layer: seccomp promises and Landlock rules, each checked in
# a forked child.

SANDBOX_TEST :=	regress/usr.sbin/leased/sandbox/sandbox_test
SANDBOX_TEST_OBJS := regress/usr.sbin/leased/sandbox/sandbox_test.o \
		usr.sbin/leased/sandbox.o usr.sbin/leased/log.o

PROGS +=	$(SANDBOX_TEST)
REGRESS +=	$(SANDBOX_TEST)
CLEANFILES +=	$(SANDBOX_TEST) regress/usr.sbin/leased/sandbox/sandbox_test.o

regress/usr.sbin/leased/sandbox/sandbox_test.o: EXTRA_CFLAGS += \
	-Iusr.sbin/leased -Iregress $(call pkgflags,libevent)

$(SANDBOX_TEST): $(SANDBOX_TEST_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(SANDBOX_TEST_OBJS) $(call pkglibs,libevent)
