#!/bin/sh
# "shutdown release lease": on SIGTERM leased sends a RELEASE to the
# server and withdraws the address, routes and lease file; by default
# ("shutdown keep lease") they stay, as the dora test shows.

. regress/lab.sh
lab_init
lab_capture
lab_dnsmasq --dhcp-option=option:router,192.0.2.1
lab_conf "shutdown release lease" "interface $LAB_CIF"
leased_start -vv
leased_bound "$LAB_CIF" 15 || { not_ok "bound"; leased_log; exit 1; }
addr=$(lab_addr)
a=${addr%/*}
ok "bound to $a"
wait_for 5 test -s "$LAB_DIR/leases/$LAB_CIF.lease"

from=$(( $(lab_npackets) + 1 ))
if leased_stop; then
	ok "leased exits on SIGTERM"
else
	not_ok "leased exits on SIGTERM"
fi
check "a RELEASE for $a went to the server" \
    lab_seen "$a.68 > 192.0.2.1.67.*Message.*: Release" "$from"
check "dnsmasq saw the release" \
    wait_for 3 grep -q "DHCPRELEASE.*$a" "$LAB_DIR/dnsmasq.log"
check "the address is withdrawn" sh -c "! ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q 'inet $a/'"
check "the default route is withdrawn" \
    sh -c "! ip -n $LAB_C route show default | grep -q via"
check "the lease file is removed" test ! -e "$LAB_DIR/leases/$LAB_CIF.lease"
check "no tc program of ours remains" \
    sh -c "! tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased"
leased_no_violation
lab_done
