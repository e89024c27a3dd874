# Regress for lib/libutil imsg/ibuf.
#
# imsgtest is built with ASan+UBSan (LeakSanitizer included) from the
# library sources, whatever SANITIZE says; imsgtest-plain is the same
# program without sanitizers, run under valgrind by imsg-valgrind.sh.
# fuzz_imsg feeds arbitrary bytes through a socket into an imsgbuf.

IMSGT_DIR :=	regress/lib/libutil/imsg
IMSGT_LIBSRCS :=	lib/libutil/imsg.c lib/libutil/imsg-buffer.c
IMSGT_DEPS :=	$(IMSGT_DIR)/imsgtest.c $(IMSGT_LIBSRCS) \
		lib/libutil/imsg.h regress/regress.h
IMSGT_SAN :=	-fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=undefined
IMSGT_CFLAGS =	$(CFLAGS) $(WARNINGS) -D_GNU_SOURCE -Ilib/libutil -Iregress

PROGS +=	$(IMSGT_DIR)/imsgtest $(IMSGT_DIR)/imsgtest-plain \
		$(IMSGT_DIR)/fuzz_imsg
FUZZERS +=	$(IMSGT_DIR)/fuzz_imsg
REGRESS +=	$(IMSGT_DIR)/imsgtest $(IMSGT_DIR)/imsg-valgrind.sh \
		$(IMSGT_DIR)/fuzz_imsg.sh
CLEANFILES +=	$(IMSGT_DIR)/imsgtest $(IMSGT_DIR)/imsgtest-plain \
		$(IMSGT_DIR)/fuzz_imsg

$(IMSGT_DIR)/imsgtest: $(IMSGT_DEPS)
	$(CC) $(IMSGT_CFLAGS) $(IMSGT_SAN) -o $@ \
	    $(IMSGT_DIR)/imsgtest.c $(IMSGT_LIBSRCS) $(LDFLAGS)

$(IMSGT_DIR)/imsgtest-plain: $(IMSGT_DEPS)
	$(CC) $(IMSGT_CFLAGS) -o $@ \
	    $(IMSGT_DIR)/imsgtest.c $(IMSGT_LIBSRCS) $(LDFLAGS)

$(IMSGT_DIR)/fuzz_imsg: $(IMSGT_DIR)/fuzz_imsg.c $(IMSGT_LIBSRCS) \
    lib/libutil/imsg.h
	$(FUZZCC) $(FUZZFLAGS) $(WARNINGS) -o $@ \
	    $(IMSGT_DIR)/fuzz_imsg.c $(IMSGT_LIBSRCS)
