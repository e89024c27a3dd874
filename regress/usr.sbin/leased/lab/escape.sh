#!/bin/sh
# Escape attempts on the live daemon: with the running frontend's own
# sockets, after dropping every privilege as the frontend does, nothing
# but a DHCP request from our MAC reaches the peer, and the filters can
# be neither removed nor replaced.

. regress/lab.sh
lab_init
lab_dnsmasq
lab_conf "interface $LAB_CIF"
leased_start -vv
leased_bound "$LAB_CIF" 15 || { not_ok "bound"; leased_log; exit 1; }
ok "bound"
wait_for 5 sh -c "tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased_udp_tx"

ip netns exec "$LAB_S" tcpdump -i "$LAB_SIF" -n -U -w "$LAB_DIR/escape.pcap" \
    2>"$LAB_DIR/tcpdump.err" &
tcpd=$!
lab_pid $tcpd
wait_for 5 grep -qs "listening on" "$LAB_DIR/tcpdump.err"

f=$(leased_child "$LEASED_PID" frontend)
ip netns exec "$LAB_C" regress/usr.sbin/leased/lab/escape "$f" "$LAB_CIF"
sleep 1
kill "$tcpd"
wait_for 5 gone "$tcpd"

n=$(tcpdump -r "$LAB_DIR/escape.pcap" -n -A 2>/dev/null | grep -c "ESCAPE!")
check "the peer captured none of the refused frames ($n)" [ "$n" -eq 0 ]
n=$(tcpdump -r "$LAB_DIR/escape.pcap" -n -A 2>/dev/null | grep -c "LEGIT!!")
check "the peer captured the one valid request ($n)" [ "$n" -eq 1 ]
check "the daemon is unharmed" leased_alive
leased_no_violation

# A frontend that lies "the interface is gone" makes the parent retire
# the socket's send program: first the socket itself is retired.
ip netns exec "$LAB_S" tcpdump -i "$LAB_SIF" -n -U -w "$LAB_DIR/gone.pcap" \
    2>"$LAB_DIR/tcpdump2.err" &
tcpd=$!
lab_pid $tcpd
wait_for 5 grep -qs "listening on" "$LAB_DIR/tcpdump2.err"
ip netns exec "$LAB_C" regress/usr.sbin/leased/lab/fakeengine "$f" linkgone "$LAB_CIF" 00:00:00:00:00:00
if wait_for 3 grep -q "$LAB_CIF: interface gone" "$LAB_DIR/leased.log"; then
	ok "the parent believes the lie and retires the interface"
else
	not_ok "the parent believes the lie and retires the interface"
fi
check "our send program is gone from tc" \
    wait_for 3 sh -c "! tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q 'leased_tx'"
ip netns exec "$LAB_C" regress/usr.sbin/leased/lab/escape -g "$f" "$LAB_CIF"
sleep 1
kill "$tcpd"
wait_for 5 gone "$tcpd"
n=$(tcpdump -r "$LAB_DIR/gone.pcap" -n 2>/dev/null | grep -c "02:00:00:00:00:01 >\|0.0.0.0.68")
check "the peer captured nothing from the retired socket ($n)" [ "$n" -eq 0 ]
kill -CONT "$f"
lab_done
