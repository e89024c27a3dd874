# libutil: imsg and ibuf.  Programs link lib/libutil/libutil.a and
# include "imsg.h" (-Ilib/libutil is in ALL_CFLAGS).

LIBUTIL_SRCS :=	lib/libutil/imsg.c lib/libutil/imsg-buffer.c
LIBUTIL_OBJS :=	$(LIBUTIL_SRCS:.c=.o)

PROGS +=	lib/libutil/libutil.a
CLEANFILES +=	lib/libutil/libutil.a $(LIBUTIL_OBJS)

lib/libutil/libutil.a: $(LIBUTIL_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIBUTIL_OBJS)
