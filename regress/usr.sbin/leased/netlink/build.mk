# rtnetlink layer against the kernel, in a network namespace of its own.

NETLINK_REGRESS :=	regress/usr.sbin/leased/netlink/netlink_test
NETLINK_REGRESS_OBJS :=	$(NETLINK_REGRESS).o
NETLINK_REGRESS_LIBOBJS :=	usr.sbin/leased/netlink.o usr.sbin/leased/log.o

REGRESS +=	$(NETLINK_REGRESS)
CLEANFILES +=	$(NETLINK_REGRESS) $(NETLINK_REGRESS_OBJS) \
		$(NETLINK_REGRESS_LIBOBJS)

$(NETLINK_REGRESS_OBJS): EXTRA_CFLAGS += -Iusr.sbin/leased -Iregress
usr.sbin/leased/netlink.o: EXTRA_CFLAGS += $(call pkgflags,libmnl)

$(NETLINK_REGRESS): $(NETLINK_REGRESS_OBJS) $(NETLINK_REGRESS_LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(NETLINK_REGRESS_OBJS) \
	    $(NETLINK_REGRESS_LIBOBJS) $(call pkglibs,libmnl)
