#!/bin/sh
# Renewal at T1 goes unicast to the server through the filtered UDP
# socket and extends the lease; when that server is gone, rebinding at
# T2 goes broadcast and a second server extends the lease.

. regress/lab.sh
lab_init
lab_capture
lab_dnsmasq --dhcp-option=option:router,192.0.2.1 \
    --dhcp-option=option:T1,4 --dhcp-option=option:T2,8
first=$DNSMASQ_PID
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

# T1 = 4 s: a unicast REQUEST from the leased address to the server.
if wait_for 10 grep -q "$a.68 > 192.0.2.1.67" "$LAB_DIR/capture.txt"; then
	ok "renewal at T1 is unicast from $a to the server"
else
	not_ok "renewal at T1 is unicast from $a to the server"
fi
check "the unicast renewal is sent to the server's MAC" \
    lab_seen "02:00:00:00:00:01 > 02:00:00:00:00:02.*$a.68 > 192.0.2.1.67"
if wait_for 5 grep -q "lease on $a extended" "$LAB_DIR/leased.log"; then
	ok "the ACK extends the lease"
else
	not_ok "the ACK extends the lease"
fi
lft=$(lab_valid_lft)
check "the kernel lifetime was renewed ($lft s)" [ "${lft:-0}" -gt 110 ]
check "the address did not change" [ "$(lab_addr)" = "$addr" ]

# The first server goes away; a second one, on another address, is
# authoritative for the same range.
kill "$first"
wait_for 5 gone "$first"
ip -n "$LAB_S" addr del 192.0.2.1/24 dev "$LAB_SIF"
ip -n "$LAB_S" addr add 192.0.2.2/24 dev "$LAB_SIF"
: >"$LAB_DIR/dnsmasq.log"
lab_dnsmasq --dhcp-authoritative --dhcp-option=option:router,192.0.2.2 \
    --dhcp-option=option:T1,4 --dhcp-option=option:T2,8

if wait_for 20 grep -q "$a.68 > 255.255.255.255.67" \
    "$LAB_DIR/capture.txt"; then
	ok "rebinding at T2 is broadcast from $a"
else
	not_ok "rebinding at T2 is broadcast from $a"
fi
if wait_for 5 grep -q "DHCPACK.*$a" "$LAB_DIR/dnsmasq.log"; then
	ok "the second server acknowledges the rebinding"
else
	not_ok "the second server acknowledges the rebinding"
fi
if wait_for 5 grep -q "^server 192.0.2.2" "$LAB_DIR/leases/$LAB_CIF.lease"; then
	ok "the lease now names the second server"
else
	not_ok "the lease now names the second server"
	cat "$LAB_DIR/leases/$LAB_CIF.lease" | sed 's/^/# /'
fi
check "the address did not change" [ "$(lab_addr)" = "$addr" ]
check "the default route now goes via the second server" \
    sh -c "ip -n $LAB_C route show default | grep -q 'via 192.0.2.2'"
check "all three processes still run" leased_alive
leased_no_violation
lab_done
