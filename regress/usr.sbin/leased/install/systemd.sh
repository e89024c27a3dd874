#!/bin/sh
# The systemd unit: as installed, systemd-analyze verifies it without a
# word; its hardening stays within systemd's "OK" exposure; and the
# daemon runs, gets a lease and stops with nothing more than the
# capability bounding set and no_new_privs the unit gives it.

. regress/lab.sh

UNIT=etc/systemd/leased.service
# Not the jobserver or the flags of a make that runs this test.
unset MAKEFLAGS MAKELEVEL MFLAGS
lab_init
T=$LAB_DIR/unit
mkdir -p "$T"

if make -s install DESTDIR="$T/root" PREFIX=/usr/local \
    >"$T/install.log" 2>&1; then
	ok "make install into a DESTDIR"
else
	not_ok "make install into a DESTDIR"
	sed 's/^/# /' "$T/install.log"
	exit 1
fi
inst=$T/root/usr/local/lib/systemd/system/leased.service
check "the unit is installed in PREFIX/lib/systemd/system" test -f "$inst"
check "its ExecStart names the installed binary" \
    grep -q '^ExecStart=/usr/local/sbin/leased -d ' "$inst"

if command -v systemd-analyze >/dev/null; then
	# The paths in the unit as they will be on the target: here,
	# under DESTDIR.  Warnings (unknown keys, missing binaries or
	# manual pages) are failures, not only a bad exit status.
	mkdir -p "$T/verify"
	sed "s,/usr/local/sbin/,$T/root/usr/local/sbin/,g" "$inst" \
	    >"$T/verify/leased.service"
	MANPATH=$T/root/usr/local/share/man systemd-analyze verify \
	    "$T/verify/leased.service" >"$T/verify.log" 2>&1
	rv=$?
	if [ "$rv" -eq 0 ] && [ ! -s "$T/verify.log" ]; then
		ok "systemd-analyze verify passes on the unit, no warning"
	else
		not_ok "systemd-analyze verify passes on the unit (exit $rv)"
		sed 's/^/# /' "$T/verify.log"
	fi
	# Exposure on systemd's 0-100 scale; 49 is the top of "OK".
	if systemd-analyze security --offline=yes --threshold=49 \
	    "$T/verify/leased.service" >"$T/security.log" 2>&1; then
		ok "systemd-analyze security: $(grep 'Overall exposure' \
		    "$T/security.log" | sed 's/.*: //')"
	else
		not_ok "systemd-analyze security: exposure above 4.9"
		grep 'Overall exposure' "$T/security.log" | sed 's/^/# /'
	fi
else
	ok "systemd-analyze not installed: unit not verified"
fi

# The unit's capabilities, in setpriv(1)'s words: "+net_admin,+bpf,..."
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$UNIT" | tr 'A-Z ' 'a-z\n' |
    sed -n 's/^cap_/+/p' | paste -sd, -)
check "the unit bounds the capabilities ($caps)" [ -n "$caps" ]
check "the unit sets NoNewPrivileges" grep -q '^NoNewPrivileges=yes' "$UNIT"
check "the unit has no CAP_SYS_ADMIN" sh -c "! echo '$caps' | grep -q sys_admin"

# leased_start with the unit's restrictions in front of the binary.
leased_start_bounded() {
	mkdir -p "$LAB_DIR/leases"
	ip netns exec "$LAB_C" setpriv --nnp --inh-caps=-all \
	    --bounding-set=-all,"$1" "$LEASED" -d -vv \
	    -f "$LAB_DIR/leased.conf" -s "$LAB_DIR/leased.sock" \
	    >>"$LAB_DIR/leased.log" 2>&1 &
	LEASED_PID=$!
	lab_pid "$LEASED_PID"
}

lab_dnsmasq
lab_conf "interface $LAB_CIF"
leased_start_bounded "$caps"
if leased_bound "$LAB_CIF" 15; then
	ok "with the unit's capabilities leased gets a lease"
else
	not_ok "with the unit's capabilities leased gets a lease"
	leased_log
fi
check "all three processes run" leased_alive
check "the parent's bounding set is the unit's, no more" \
    [ "$(proc_status "$LEASED_PID" CapBnd)" = \
    "$(setpriv --bounding-set=-all,"$caps" sh -c \
    'awk "\$1 == \"CapBnd:\" { print \$2 }" /proc/self/status')" ]
check "the parent runs with no_new_privs" \
    [ "$(proc_status "$LEASED_PID" NoNewPrivs)" = 1 ]
check "the send program is attached at egress" \
    sh -c "tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased_tx"
leased_no_violation
check "SIGTERM stops it" leased_stop
check "no tc program of leased is left after the stop" \
    sh -c "! tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased"

# The same harness without CAP_BPF: proof that the bound above is real.
nobpf=$(echo "$caps" | sed 's/+bpf,\{0,1\}//; s/,$//')
: >"$LAB_DIR/leased.log"
# SIGTERM left the first lease's address in place (its lifetime).
ip -n "$LAB_C" addr flush dev "$LAB_CIF"
leased_start_bounded "$nobpf"
wait_for 5 grep -q "cannot" "$LAB_DIR/leased.log"
check "without CAP_BPF no send program can be loaded" \
    grep -q "cannot load leased_tx.*Operation not permitted" \
    "$LAB_DIR/leased.log"
no_addr() {
	! lab_has_addr "$LAB_CIF"
}
check "without CAP_BPF no address is configured" no_addr
kill -TERM "$LEASED_PID" 2>/dev/null
wait_for 5 gone "$LEASED_PID"

lab_done
