# leased.conf: the parser is generated from parse.y.  run.sh checks
# every N.conf against N.ok and round-trips the canonical output;
# fuzz_conf feeds the parser random text and checks the round trip.

usr.sbin/leased/parse.c: usr.sbin/leased/parse.y
	$(YACC) -o $@ $<

CLEANFILES +=	usr.sbin/leased/parse.c usr.sbin/leased/parse.o \
		usr.sbin/leased/printconf.o

CONF_REGRESS_DIR :=	regress/usr.sbin/leased/config
CONF_FUZZ_SRCS :=	$(CONF_REGRESS_DIR)/fuzz_conf.c \
			usr.sbin/leased/parse.c usr.sbin/leased/printconf.c \
			usr.sbin/leased/log.c

REGRESS +=	$(CONF_REGRESS_DIR)/run.sh

PROGS +=	$(CONF_REGRESS_DIR)/fuzz_conf
FUZZERS +=	$(CONF_REGRESS_DIR)/fuzz_conf
REGRESS +=	$(CONF_REGRESS_DIR)/fuzz_conf.sh
CLEANFILES +=	$(CONF_REGRESS_DIR)/fuzz_conf

$(CONF_REGRESS_DIR)/fuzz_conf: $(CONF_FUZZ_SRCS) usr.sbin/leased/conf.h \
    usr.sbin/leased/log.h
	$(FUZZCC) $(FUZZFLAGS) $(WARNINGS) -Iusr.sbin/leased -o $@ \
	    $(CONF_FUZZ_SRCS)
