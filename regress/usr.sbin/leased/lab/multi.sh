#!/bin/sh
# Three interfaces at once, each with its own lease from its own
# subnet, all through one engine and one frontend.

. regress/lab.sh
lab_init
lab_veth eth1 eth1 198.51.100.1/24 02:00:00:00:01:01
lab_veth eth2 eth2 203.0.113.1/24 02:00:00:00:02:01
ip netns exec "$LAB_S" dnsmasq --keep-in-foreground --no-daemon \
    --conf-file=/dev/null --no-resolv --no-hosts --port=0 --no-ping \
    --interface=eth0 --interface=eth1 --interface=eth2 --bind-interfaces \
    --dhcp-range=192.0.2.100,192.0.2.199,255.255.255.0,120 \
    --dhcp-range=198.51.100.100,198.51.100.199,255.255.255.0,120 \
    --dhcp-range=203.0.113.100,203.0.113.199,255.255.255.0,120 \
    --dhcp-option=option:router \
    --dhcp-leasefile="$LAB_DIR/dnsmasq.leases" --pid-file="" --log-dhcp \
    --user=root --group=root >"$LAB_DIR/dnsmasq.log" 2>&1 &
lab_pid $!
wait_for 5 grep -qs "DHCP, sockets bound" "$LAB_DIR/dnsmasq.log"
lab_conf "interface eth0" "interface eth1" "interface eth2"
leased_start -vv

for i in eth0:192.0.2 eth1:198.51.100 eth2:203.0.113; do
	ifn=${i%%:*}
	net=${i#*:}
	if leased_bound "$ifn" 15; then
		ok "$ifn gets a lease"
	else
		not_ok "$ifn gets a lease"
		continue
	fi
	addr=$(lab_addr "$ifn")
	case $addr in
	$net.1[0-9][0-9]/24)	ok "$ifn: $addr is from its own subnet" ;;
	*)			not_ok "$ifn: $addr is from its own subnet" ;;
	esac
	check "$ifn: its own lease file" test -s "$LAB_DIR/leases/$ifn.lease"
	check "$ifn: its own send program at tc egress" \
	    sh -c "tc -n $LAB_C filter show dev $ifn egress | grep -q leased_tx"
done

n=$(echo $(leased_children "$LEASED_PID") | wc -w)
check "still one engine and one frontend ($n children)" [ "$n" -eq 2 ]
check "all three processes still run" leased_alive
leased_no_violation
lab_done
