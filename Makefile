# leased -- top-level GNU Makefile.
#
# Every directory that builds something has a build.mk fragment included
# below; each fragment adds to PROGS (built by "all"), REGRESS (run by
# "regress", in order) and CLEANFILES.

.DEFAULT_GOAL :=	all
.SUFFIXES:
.DELETE_ON_ERROR:

CC ?=		cc
CFLAGS ?=	-O2 -g
YACC =		byacc

WARNINGS :=	-Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
		-Wshadow -Wpointer-arith -Wcast-qual -Wsign-compare
ifneq ($(CI),)
WARNINGS +=	-Werror
endif

# make SANITIZE=1: build everything with ASan and UBSan.
ifeq ($(SANITIZE),1)
SANFLAGS :=	-fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=undefined
endif

ALL_CFLAGS =	$(CFLAGS) $(WARNINGS) $(SANFLAGS) -D_GNU_SOURCE \
		-Ilib/libutil -MMD -MP
ALL_LDFLAGS =	$(LDFLAGS) $(SANFLAGS)

pkgflags =	$(shell pkg-config --cflags $(1) 2>/dev/null)
pkglibs =	$(shell pkg-config --libs $(1) 2>/dev/null)

PROGS :=
REGRESS :=
FUZZERS :=
CLEANFILES :=
DEPFILES =	$(patsubst %.o,%.d,$(filter %.o,$(CLEANFILES)))

FRAGMENTS :=	$(sort $(shell find lib usr.sbin regress -name build.mk 2>/dev/null))
include $(FRAGMENTS)

.PHONY: all build deps check-deps regress test clean

all:
	@sh mk/deps.sh check
	@$(MAKE) --no-print-directory build

build: $(PROGS)

deps:
	@sh mk/deps.sh install

check-deps:
	@sh mk/deps.sh check

# The whole regress suite; the last line says "N passed, N failed".
regress: build $(REGRESS)
	@sh regress/run $(REGRESS)

test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory regress

%.o: %.c
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

clean:
	rm -f $(CLEANFILES) $(DEPFILES)

-include $(DEPFILES)

# Fuzzers: each fragment adds its libFuzzer binaries to FUZZERS, each with
# a checked-in seed corpus of the same name plus ".corpus".  "make fuzz"
# runs every one for FUZZTIME seconds; what it finds goes to
# regress/out/corpus/, so the tree stays as it is (copy in what is worth
# keeping).  "make test" runs them briefly through REGRESS.
FUZZCC ?=	clang
FUZZFLAGS :=	-g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -D_GNU_SOURCE -Ilib/libutil
FUZZTIME ?=	300

.PHONY: fuzz
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do \
		echo "fuzz: $$f for $(FUZZTIME)s"; \
		work=regress/out/corpus/$$(basename $$f); \
		mkdir -p $$work; \
		./$$f -max_total_time=$(FUZZTIME) -print_final_stats=1 \
		    -artifact_prefix=regress/out/ $$work $$f.corpus || exit 1; \
	done

# install, uninstall, demo
include mk/install.mk
include mk/bench.mk
