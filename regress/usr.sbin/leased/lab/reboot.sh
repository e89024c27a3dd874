#!/bin/sh
# A restart with a valid lease file goes through INIT-REBOOT: a REQUEST
# for the stored address, no DISCOVER, and the same address again.

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
ok "first run bound to $a"
check "first run: a DISCOVER" lab_seen 'Message.*: Discover'

leased_stop
check "the lease file survives SIGTERM" test -s "$LAB_DIR/leases/$LAB_CIF.lease"
check "the address survives SIGTERM" lab_has_addr "$LAB_CIF"

# Second run: only what it sends from now on counts.
# Count from here only once the first exchange is all in the capture.
lab_seen "Message.*: ACK" >/dev/null
from=$(( $(lab_npackets) + 1 ))
: >"$LAB_DIR/leased.log"
leased_start -vv
if wait_for 10 grep -q "bound to $a" "$LAB_DIR/leased.log"; then
	ok "second run bound to the same address $a"
else
	not_ok "second run bound to the same address $a"
	leased_log
fi
check "second run: a REQUEST for $a" \
    lab_seen "Message.*: Request .*Requested-IP.*: $a" "$from"
check "second run: no DISCOVER" \
    [ "$(lab_count 'Message.*: Discover' "$from")" -eq 0 ]
check "second run: the REQUEST names no server (INIT-REBOOT)" \
    [ "$(lab_count 'Message.*: Request .*Server-ID (54), length' "$from")" -eq 0 ]
check "the log says it was rebooting" grep -q "Rebooting" "$LAB_DIR/leased.log"
check "still the same address" [ "$(lab_addr)" = "$addr" ]
check "all three processes still run" leased_alive
leased_no_violation
lab_done
