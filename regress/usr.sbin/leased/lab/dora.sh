#!/bin/sh
# DISCOVER, OFFER, REQUEST, ACK against dnsmasq: the kernel gets the
# address with the lease's lifetime, the default route, the MTU, and
# resolv.conf gets the name servers and the search list; the lease is
# stored; the packets go through the filtered sockets.

. regress/lab.sh
lab_init
lab_capture
lab_dnsmasq --dhcp-option=option:router,192.0.2.1 \
    --dhcp-option=option:dns-server,192.0.2.53,192.0.2.54 \
    --dhcp-option=option:domain-name,example.net \
    --dhcp-option=option:domain-search,example.org,example.com \
    --dhcp-option=option:mtu,1400
lab_conf "interface $LAB_CIF"
leased_start -vv

if leased_bound "$LAB_CIF" 15; then
	ok "leased configures an address"
else
	not_ok "leased configures an address"
	leased_log
	exit 1
fi

addr=$(lab_addr)
case $addr in
192.0.2.1[0-9][0-9]/24)	ok "address $addr is from the pool, prefix /24" ;;
*)			not_ok "address $addr is from the pool, prefix /24" ;;
esac
lft=$(lab_valid_lft)
check "valid lifetime $lft follows the 120 s lease" \
    [ "${lft:-0}" -gt 100 -a "${lft:-0}" -le 120 ]
check "preferred lifetime equals the valid one" \
    sh -c "ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q 'preferred_lft ${lft}sec'"
check "broadcast address from the lease" \
    sh -c "ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q 'brd 192.0.2.255'"

route=$(ip -n "$LAB_C" route show default)
check "default route via the router, protocol dhcp: $route" \
    sh -c "echo '$route' | grep -q 'default via 192.0.2.1 dev $LAB_CIF proto dhcp src ${addr%/*}'"
mtu=$(ip -n "$LAB_C" -o link show dev "$LAB_CIF" | sed 's/.* mtu \([0-9]*\).*/\1/')
check "MTU $mtu from option 26" [ "$mtu" = 1400 ]

rc=$LAB_DIR/resolv.conf
check "resolv.conf says leased wrote it" grep -q "leased" "$rc"
check "resolv.conf has the first name server" grep -q "^nameserver 192.0.2.53$" "$rc"
check "resolv.conf has the second name server" grep -q "^nameserver 192.0.2.54$" "$rc"
check "resolv.conf has the search list" \
    grep -q "^search example.org example.com$" "$rc"
check "no temporary file is left beside resolv.conf" \
    sh -c "[ \$(ls -a $LAB_DIR | grep -c resolv) -eq 1 ]"

lf=$LAB_DIR/leases/$LAB_CIF.lease
check "the lease is stored in $lf" test -s "$lf"
check "the lease file names the address" grep -q "${addr%/*}" "$lf"

# On the wire: one exchange, broadcast from 0.0.0.0, our MAC.
check "DISCOVER went out broadcast from 0.0.0.0" \
    lab_seen "0.0.0.0.68 > 255.255.255.255.67.*Message.*: Discover"
check "requests carry our MAC as chaddr" \
    lab_seen "Request from 02:00:00:00:00:01"
check "dnsmasq acknowledged" grep -q "DHCPACK" "$LAB_DIR/dnsmasq.log"

# The send filters are in force at tc egress.
tcf=$(tc -n "$LAB_C" filter show dev "$LAB_CIF" egress)
check "the packet socket's send program is attached" \
    sh -c "echo '$tcf' | grep -q 'leased_tx'"
check "the UDP socket's send program is attached" \
    sh -c "echo '$tcf' | grep -q 'leased_udp_tx'"

check "all three processes still run" leased_alive
leased_no_violation

# SIGTERM: the address stays (kernel lifetime), our tc programs go.
leased_stop
check "after SIGTERM the address stays" lab_has_addr "$LAB_CIF"
tcf=$(tc -n "$LAB_C" filter show dev "$LAB_CIF" egress)
check "after SIGTERM no tc program of ours remains" \
    sh -c "! echo '$tcf' | grep -q leased"

lab_done
