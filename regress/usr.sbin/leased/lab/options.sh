#!/bin/sh
# What leased sends as configured (client identifier, host name, vendor
# class, rapid commit, IPv6-only preferred) and what it makes of
# classless static routes (option 121 overrides option 3).

. regress/lab.sh
lab_init
lab_capture
FAKED=regress/usr.sbin/leased/fakedhcpd/fakedhcpd.py
fake_start() {
	: >"$LAB_DIR/fake.log"
	ip netns exec "$LAB_S" /usr/bin/python3 "$FAKED" -i "$LAB_SIF" \
	    --address 192.0.2.50 "$@" >"$LAB_DIR/fake.log" 2>&1 &
	FAKE_PID=$!
	lab_pid $FAKE_PID
	wait_for 5 grep -qs "^ready" "$LAB_DIR/fake.log"
}
fake_stop() {
	kill "$FAKE_PID"
	wait_for 5 gone "$FAKE_PID"
}

# 1. Options as configured, rapid commit, classless routes.
fake_start --rapid-commit --router 192.0.2.99 \
    --classless 198.51.100.0/24,192.0.2.1 --classless 0.0.0.0/0,192.0.2.1
lab_conf "interface $LAB_CIF {" '	send client id "leased-test"' \
    '	send host name "client7"' '	send vendor class id "leased 0.1"' \
    '	rapid commit' '}'
leased_start -vv
if leased_bound "$LAB_CIF" 10; then
	ok "rapid commit: bound"
else
	not_ok "rapid commit: bound"
	leased_log
fi
check "the DISCOVER carries rapid commit (80)" \
    lab_seen "Message.*: Discover .*(80), length 0"
check "the client identifier is type 0 and the string" \
    lab_seen 'Discover .*Client-ID (61), length 12: "leased-test"'
check "the host name is sent" lab_seen 'Discover .*Hostname (12), length 7: "client7"'
check "the vendor class is sent" lab_seen 'Discover .*Vendor-Class (60), length 10: "leased 0.1"'
check "rapid commit: no REQUEST was needed" \
    [ "$(grep -c 'recv DHCPREQUEST' "$LAB_DIR/fake.log")" -eq 0 ]
check "option 121: the network route" \
    sh -c "ip -n $LAB_C route show proto dhcp | grep -q '198.51.100.0/24 via 192.0.2.1'"
check "option 121: the default route" \
    sh -c "ip -n $LAB_C route show proto dhcp | grep -q 'default via 192.0.2.1'"
check "option 121 overrides option 3" \
    sh -c "! ip -n $LAB_C route show | grep -q 192.0.2.99"
check "IPv6-only (108) is not asked for by default" \
    sh -c "! grep 'recv DHCPDISCOVER' $LAB_DIR/fake.log | grep -q 'prl=.*108'"
leased_no_violation
leased_stop
fake_stop
ip -n "$LAB_C" addr flush dev "$LAB_CIF"
ip -n "$LAB_C" route flush proto dhcp
rm -f "$LAB_DIR/leases/$LAB_CIF.lease"

# 2. IPv6-only preferred (RFC 8925): DHCPv4 pauses, at least 300 s.
fake_start --ipv6-only 100
lab_conf "interface $LAB_CIF {" '	prefer ipv6' '}'
: >"$LAB_DIR/leased.log"
leased_start -vv
if wait_for 5 grep -q "IPv6-only preferred" "$LAB_DIR/leased.log"; then
	ok "prefer ipv6: the offer's option 108 pauses DHCPv4"
else
	not_ok "prefer ipv6: the offer's option 108 pauses DHCPv4"
	leased_log
fi
check "the pause is at least 300 s (asked 100)" \
    grep -q "pauses for 300s" "$LAB_DIR/leased.log"
check "option 108 is asked for" \
    sh -c "grep 'recv DHCPDISCOVER' $LAB_DIR/fake.log | grep -q 'prl=.*108'"
sleep 1
check "no REQUEST follows the offer" \
    [ "$(grep -c 'recv DHCPREQUEST' "$LAB_DIR/fake.log")" -eq 0 ]
check "no address is configured" sh -c "! ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q inet"
check "show interface says IPv6 only" \
    sh -c "ip netns exec $LAB_C $LEASECTL -s $LAB_DIR/leased.sock show interface $LAB_CIF | head -1 | grep -q 'IPv6 only'"
check "all three processes still run" leased_alive
leased_no_violation
lab_done
