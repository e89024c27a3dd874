#!/bin/sh
# A lease that runs out: the server (lease 20 s, T1 5 s, T2 10 s) goes
# silent once leased is bound.  leased renews at T1, rebinds at T2, and
# at expiry withdraws the address, its routes and the DNS lines of
# resolv.conf (the file keeps only leased's header) and starts over
# with DISCOVERs; when the server answers again a new lease follows.

. regress/lab.sh
. regress/usr.sbin/leased/hostile/lib.sh

lab_init
lab_conf "interface $LAB_CIF"
srv_start --router 192.0.2.1 --dns 192.0.2.53 --domain example.org \
    --search example.net --lease 20 --t1 5 --t2 10 || exit 1
leased_start -vv
if ! leased_up || ! leased_bound "$LAB_CIF" 5; then
	not_ok "leased binds"
	leased_log
	exit 1
fi
t_bound=$(now_ms)
ok "bound to $(lab_addr)"
check "a default route via 192.0.2.1" sh -c \
    "ip -n $LAB_C route show proto dhcp | grep -q 'default via 192.0.2.1'"
check "resolv.conf names 192.0.2.53" \
    wait_for 2 grep -q '^nameserver 192.0.2.53$' "$LAB_DIR/resolv.conf"
lft=$(lab_valid_lft)
check "the kernel lifetime is the lease's (${lft}s)" in_range "$lft" 15 20

kill -USR1 "$SRV_PID"
wait_for 2 srv_seen '^signal silent' || not_ok "the server goes silent"

check "a renewal at T1 (unicast, state renewing)" \
    wait_for 8 srv_seen '^recv DHCPREQUEST.*state=renewing.*unicast'
check "a rebinding at T2 (broadcast, state rebinding)" \
    wait_for 8 srv_seen '^recv DHCPREQUEST.*state=rebinding.*broadcast'
check "the address stays until the lease runs out" \
    [ "$(lab_addr)" = 192.0.2.50/24 ]

if wait_for 15 grep -q "lease on 192.0.2.50 expired" "$LAB_DIR/leased.log"
then
	t_exp=$(now_ms)
	secs=$(( (t_exp - t_bound) / 1000 ))
	check "leased declares the lease expired ${secs}s after the ACK" \
	    in_range "$secs" 18 22
else
	not_ok "leased declares the lease expired"
	leased_log
fi
check "the address is withdrawn" \
    wait_for 2 sh -c "[ -z \"\$(ip -n $LAB_C -4 -o addr show dev $LAB_CIF)\" ]"
check "no DHCP route is left" \
    sh -c "[ -z \"\$(ip -n $LAB_C route show proto dhcp)\" ]"
check "no default route is left" \
    sh -c "[ -z \"\$(ip -n $LAB_C route show default)\" ]"
check "resolv.conf keeps only leased's header line" \
    wait_for 2 sh -c "[ \$(wc -l <'$LAB_DIR/resolv.conf') -eq 1 ] &&
    grep -q '^#' '$LAB_DIR/resolv.conf'"
check "resolv.conf has no name server, domain or search any more" \
    sh -c "! grep -Eq 'nameserver|domain|search|example' '$LAB_DIR/resolv.conf'"
discover_after() {
	[ "$(srv_after '^signal silent' '^recv DHCPDISCOVER')" -gt 0 ]
}
check "leased is back in INIT: a DISCOVER follows the expiry" \
    wait_for 5 discover_after
st=$(ctl_json state)
check "leasectl says Selecting ($st)" [ "$st" = Selecting ]
check "the three processes are the ones it started with" same_pids

kill -USR2 "$SRV_PID"
check "once the server answers again, a new lease follows" \
    wait_for 10 lab_has_addr "$LAB_CIF"
check "resolv.conf names 192.0.2.53 again" \
    wait_for 2 grep -q '^nameserver 192.0.2.53$' "$LAB_DIR/resolv.conf"
check "the three processes are still the ones it started with" same_pids
leased_no_violation
lab_done
