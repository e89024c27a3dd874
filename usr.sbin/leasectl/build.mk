# leasectl, the control tool of leased.

LEASECTL :=	usr.sbin/leasectl/leasectl
LEASECTL_SRCS :=	usr.sbin/leasectl/leasectl.c usr.sbin/leasectl/parser.c
LEASECTL_OBJS :=	$(LEASECTL_SRCS:.c=.o)

PROGS +=	$(LEASECTL)
CLEANFILES +=	$(LEASECTL) $(LEASECTL_OBJS)

# leased.h, which describes the messages, includes <event.h>.
$(LEASECTL_OBJS): EXTRA_CFLAGS += -Iusr.sbin/leased $(call pkgflags,libevent)

$(LEASECTL): $(LEASECTL_OBJS) lib/libutil/libutil.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(LEASECTL_OBJS) lib/libutil/libutil.a
