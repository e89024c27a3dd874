# install, uninstall and demo; included by the top-level Makefile.
#
#	make install [DESTDIR=/stage] [PREFIX=/usr/local]
#	make uninstall [DESTDIR=/stage] [PREFIX=/usr/local]
#	make demo
#
# PREFIX holds the programs, the manual pages, the example configuration
# and the systemd unit.  The configuration, the rc.d script, the lease
# directory and the control socket are the system's: /etc/leased.conf,
# /etc/init.d/leased, /var/db/leased and /run/leased.sock, whatever
# PREFIX is (leased has them built in).
#
# /etc/leased.conf is installed from the example only when there is
# none: it is never overwritten, and "uninstall" removes it only while
# it still equals the example.  As root with no DESTDIR, "install" also
# creates the _leased user and the directories the daemon needs;
# otherwise it says what is left to do.

PREFIX ?=	/usr/local
SBINDIR ?=	$(PREFIX)/sbin
MANDIR ?=	$(PREFIX)/share/man
EXAMPLEDIR ?=	$(PREFIX)/share/examples/leased
ifeq ($(PREFIX),/usr)
SYSTEMDUNITDIR ?= /lib/systemd/system
else
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
endif
RCDIR ?=	/etc/init.d
SYSCONFDIR :=	/etc
LEASEDIR :=	/var/db/leased
EMPTYDIR :=	/var/empty
LEASED_USER :=	_leased

INSTALL ?=	install

INSTALL_PROGS :=	usr.sbin/leased/leased usr.sbin/leasectl/leasectl
INSTALL_MAN5 :=		usr.sbin/leased/leased.conf.5
INSTALL_MAN8 :=		usr.sbin/leased/leased.8 usr.sbin/leasectl/leasectl.8

# The paths built into the rc.d script and the unit follow SBINDIR.
INSTALL_SUBST =	sed -e 's,/usr/local/sbin/,$(SBINDIR)/,g'

# Absolute paths in the recipes, staged under DESTDIR.
D_SBIN =	$(DESTDIR)$(SBINDIR)
D_MAN5 =	$(DESTDIR)$(MANDIR)/man5
D_MAN8 =	$(DESTDIR)$(MANDIR)/man8
D_EXAMPLE =	$(DESTDIR)$(EXAMPLEDIR)
D_UNIT =	$(DESTDIR)$(SYSTEMDUNITDIR)
D_RC =		$(DESTDIR)$(RCDIR)
D_CONF =	$(DESTDIR)$(SYSCONFDIR)

.PHONY: install uninstall install-system demo

install: $(INSTALL_PROGS)
	@for f in $(INSTALL_MAN5) $(INSTALL_MAN8) etc/leased.conf \
	    etc/rc.d/leased etc/systemd/leased.service; do \
		[ -f $$f ] || { echo "install: $$f is missing" >&2; \
		    exit 1; }; \
	done
	$(INSTALL) -d -m 0755 $(D_SBIN) $(D_MAN5) $(D_MAN8) $(D_EXAMPLE) \
	    $(D_UNIT) $(D_RC) $(D_CONF)
	$(INSTALL) -m 0555 $(INSTALL_PROGS) $(D_SBIN)/
	$(INSTALL) -m 0444 $(INSTALL_MAN5) $(D_MAN5)/
	$(INSTALL) -m 0444 $(INSTALL_MAN8) $(D_MAN8)/
	$(INSTALL) -m 0444 etc/leased.conf $(D_EXAMPLE)/leased.conf
	rm -f $(D_UNIT)/leased.service $(D_RC)/leased
	$(INSTALL_SUBST) etc/systemd/leased.service >$(D_UNIT)/leased.service
	chmod 0444 $(D_UNIT)/leased.service
	$(INSTALL_SUBST) etc/rc.d/leased >$(D_RC)/leased
	chmod 0555 $(D_RC)/leased
	@if [ -e $(D_CONF)/leased.conf ]; then \
		echo "install: keeping $(D_CONF)/leased.conf;" \
		    "the example is $(D_EXAMPLE)/leased.conf"; \
	else \
		echo "$(INSTALL) -m 0644 etc/leased.conf $(D_CONF)/leased.conf"; \
		$(INSTALL) -m 0644 etc/leased.conf $(D_CONF)/leased.conf; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		$(MAKE) --no-print-directory install-system; \
	else \
		echo "install: as root, on the target system, still:"; \
		echo "  useradd -r -U -d $(EMPTYDIR) -s /usr/sbin/nologin" \
		    "$(LEASED_USER)"; \
		echo "  install -d -m 0755 -o root -g root $(EMPTYDIR)"; \
		echo "  install -d -m 0700 -o root -g root $(LEASEDIR)"; \
	fi
	@echo "install: start it with 'systemctl daemon-reload &&" \
	    "systemctl enable --now leased'"
	@echo "install: or, without systemd, '$(RCDIR)/leased start'"

# What only root on the running system can do: the user the children
# run as, their chroot, and the lease directory.
install-system:
	@if getent passwd $(LEASED_USER) >/dev/null; then \
		echo "install: user $(LEASED_USER) exists"; \
	else \
		nologin=$$(command -v nologin || echo /usr/sbin/nologin); \
		echo "install: creating system user $(LEASED_USER)"; \
		useradd -r -U -d $(EMPTYDIR) -s $$nologin \
		    -c "leased unprivileged user" $(LEASED_USER) || exit 1; \
	fi
	@if [ -d $(EMPTYDIR) ]; then \
		echo "install: $(EMPTYDIR) exists"; \
	else \
		echo "install: creating $(EMPTYDIR), root's, 0755"; \
	fi; \
	$(INSTALL) -d -m 0755 -o root -g root $(EMPTYDIR)
	@if [ -d $(LEASEDIR) ]; then \
		echo "install: $(LEASEDIR) exists"; \
	else \
		echo "install: creating $(LEASEDIR), root's, 0700"; \
		$(INSTALL) -d -m 0700 -o root -g root $(LEASEDIR); \
	fi

# Never the user, the leases, or a configuration that was changed.
uninstall:
	@if [ -f $(D_CONF)/leased.conf ]; then \
		if cmp -s $(D_CONF)/leased.conf etc/leased.conf || \
		    cmp -s $(D_CONF)/leased.conf $(D_EXAMPLE)/leased.conf; \
		then \
			echo "rm -f $(D_CONF)/leased.conf"; \
			rm -f $(D_CONF)/leased.conf; \
		else \
			echo "uninstall: keeping $(D_CONF)/leased.conf:" \
			    "it differs from the example"; \
		fi; \
	fi
	rm -f $(addprefix $(D_SBIN)/,$(notdir $(INSTALL_PROGS)))
	rm -f $(addprefix $(D_MAN5)/,$(notdir $(INSTALL_MAN5)))
	rm -f $(addprefix $(D_MAN8)/,$(notdir $(INSTALL_MAN8)))
	rm -f $(D_EXAMPLE)/leased.conf $(D_UNIT)/leased.service $(D_RC)/leased
	@rmdir $(D_EXAMPLE) 2>/dev/null || true
	@[ -n "$(DESTDIR)" ] || echo "uninstall: left in place: user" \
	    "$(LEASED_USER), $(EMPTYDIR), $(LEASEDIR) and its leases"

# leased in a throwaway pair of network namespaces against dnsmasq.
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory $(INSTALL_PROGS)
	@sh mk/demo.sh
