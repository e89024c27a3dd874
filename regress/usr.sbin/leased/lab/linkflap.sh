#!/bin/sh
# Link down, link up: the lease is verified again (REBOOTING, a REQUEST
# without DISCOVER), the address stays and the routes come back.

. regress/lab.sh
lab_init
lab_capture
lab_dnsmasq --dhcp-option=option:router,192.0.2.1
lab_conf "interface $LAB_CIF"
leased_start -vv
if ! leased_bound "$LAB_CIF" 15; then
	not_ok "leased configures an address"
	leased_log
	exit 1
fi
addr=$(lab_addr)
a=${addr%/*}
ok "bound to $a"

ip -n "$LAB_C" link set "$LAB_CIF" down
if wait_for 5 grep -q "$LAB_CIF: link down" "$LAB_DIR/leased.log"; then
	ok "leased sees the link go down"
else
	not_ok "leased sees the link go down"
fi
# Count from here only once the first exchange is all in the capture.
lab_seen "Message.*: ACK" >/dev/null
from=$(( $(lab_npackets) + 1 ))
ip -n "$LAB_C" link set "$LAB_CIF" up
if wait_for 5 grep -q "$LAB_CIF: link up" "$LAB_DIR/leased.log"; then
	ok "leased sees the link come up"
else
	not_ok "leased sees the link come up"
fi
if wait_for 10 sh -c "grep -c 'lease on $a extended\|bound to $a' \
    $LAB_DIR/leased.log | grep -q '^2$'"; then
	ok "the lease is confirmed again"
else
	not_ok "the lease is confirmed again"
	leased_log
fi
check "after the flap: a REQUEST for $a" \
    lab_seen "Message.*: Request .*Requested-IP.*: $a" "$from"
check "after the flap: no DISCOVER" \
    [ "$(lab_count 'Message.*: Discover' "$from")" -eq 0 ]
check "the address is still $addr" [ "$(lab_addr)" = "$addr" ]
if wait_for 5 sh -c "ip -n $LAB_C route show default | grep -q 'via 192.0.2.1'"; then
	ok "the default route is back"
else
	not_ok "the default route is back"
fi
check "all three processes still run" leased_alive
leased_no_violation
lab_done
