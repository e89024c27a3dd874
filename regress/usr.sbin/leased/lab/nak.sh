#!/bin/sh
# A NAK sends the client back to INIT: the address and routes it had
# are removed, and a new lease follows.

. regress/lab.sh
lab_init
lab_dnsmasq --dhcp-option=option:router,192.0.2.1
first=$DNSMASQ_PID
lab_conf "interface $LAB_CIF"
leased_start -vv
if ! leased_bound "$LAB_CIF" 15; then
	not_ok "leased configures an address"
	leased_log
	exit 1
fi
old=$(lab_addr)
ok "bound to $old"
leased_stop

# The server's pool moved: it NAKs the stored address.
kill "$first"
wait_for 5 gone "$first"
rm -f "$LAB_DIR/dnsmasq.leases"
: >"$LAB_DIR/dnsmasq.log"
ip netns exec "$LAB_S" dnsmasq --keep-in-foreground --no-daemon \
    --conf-file=/dev/null --no-resolv --no-hosts --port=0 --no-ping \
    --interface="$LAB_SIF" --bind-interfaces --dhcp-authoritative \
    --dhcp-range=192.0.2.200,192.0.2.250,255.255.255.0,120 \
    --dhcp-option=option:router,192.0.2.1 \
    --dhcp-leasefile="$LAB_DIR/dnsmasq.leases" --pid-file="" --log-dhcp \
    --user=root --group=root >>"$LAB_DIR/dnsmasq.log" 2>&1 &
lab_pid $!
wait_for 5 grep -qs "DHCP, sockets bound" "$LAB_DIR/dnsmasq.log"

: >"$LAB_DIR/leased.log"
leased_start -vv
if wait_for 10 grep -q "DHCPNAK" "$LAB_DIR/leased.log"; then
	ok "the REQUEST for the stored address is NAKed"
else
	not_ok "the REQUEST for the stored address is NAKed"
fi
check "the NAK withdraws the old address" \
    wait_for 5 grep -q "removing ${old}" "$LAB_DIR/leased.log"
if wait_for 15 sh -c "ip -n $LAB_C -4 -o addr show dev $LAB_CIF |
    grep -q 'inet 192.0.2.2[0-9][0-9]/24'"; then
	ok "a new lease from the new pool follows"
else
	not_ok "a new lease from the new pool follows"
	leased_log
fi
check "the old address is gone" \
    sh -c "! ip -n $LAB_C -4 -o addr show dev $LAB_CIF | grep -q 'inet $old '"
new=$(lab_addr)
check "the default route uses the new address" \
    sh -c "ip -n $LAB_C route show default | grep -q 'src ${new%/*}'"
check "all three processes still run" leased_alive
leased_no_violation
lab_done
