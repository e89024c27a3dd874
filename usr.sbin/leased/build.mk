# leased, the daemon.

LEASED :=	usr.sbin/leased/leased
LEASED_SRCS :=	usr.sbin/leased/leased.c usr.sbin/leased/engine.c \
		usr.sbin/leased/frontend.c usr.sbin/leased/log.c \
		usr.sbin/leased/sandbox.c usr.sbin/leased/control.c \
		usr.sbin/leased/parse.c usr.sbin/leased/printconf.c \
		usr.sbin/leased/dhcp.c usr.sbin/leased/validate.c \
		usr.sbin/leased/lease.c usr.sbin/leased/resolv.c \
		usr.sbin/leased/netlink.c usr.sbin/leased/filter.c \
		usr.sbin/leased/bpf_xlate.c usr.sbin/leased/bpf_disasm.c
LEASED_OBJS :=	$(LEASED_SRCS:.c=.o)
LEASED_PKGS :=	libevent libbpf libmnl

PROGS +=	$(LEASED)
CLEANFILES +=	$(LEASED) $(LEASED_OBJS)

$(LEASED_OBJS): EXTRA_CFLAGS += $(call pkgflags,$(LEASED_PKGS))

$(LEASED): $(LEASED_OBJS) lib/libutil/libutil.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(LEASED_OBJS) lib/libutil/libutil.a \
	    $(call pkglibs,$(LEASED_PKGS))
