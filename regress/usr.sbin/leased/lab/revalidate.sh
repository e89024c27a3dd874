#!/bin/sh
# The parent re-validates what the engine asks it to apply.  A
# compromised engine (played by fakeengine on the real engine's channel)
# asking for a bad lease makes the parent exit, and nothing is applied.

. regress/lab.sh
lab_init
lab_conf "interface $LAB_CIF"
mac=02:00:00:00:00:01

for c in prefix0 netmask multicast loopback routes gateway mtu acquired short \
    unterminated; do
	: >"$LAB_DIR/leased.log"
	leased_start -vv
	if ! wait_for 5 grep -q "$LAB_CIF: managing" "$LAB_DIR/leased.log"; then
		not_ok "$c: leased starts"
		continue
	fi
	e=$(leased_child "$LEASED_PID" engine)
	f=$(leased_child "$LEASED_PID" frontend)
	regress/usr.sbin/leased/lab/fakeengine "$e" "$c" "$LAB_CIF" "$mac"
	if wait_for 2 gone "$LEASED_PID"; then
		ok "$c: the parent refuses and exits"
	else
		not_ok "$c: the parent refuses and exits"
	fi
	if grep -q "fatal in main: main_dispatch_engine: invalid IMSG_CONFIGURE" \
	    "$LAB_DIR/leased.log"; then
		ok "$c: it says why"
	else
		not_ok "$c: it says why"
		leased_log
	fi
	check "$c: no address was applied" \
	    sh -c "! ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q inet"
	check "$c: no route was applied" \
	    sh -c "[ -z \"\$(ip -n $LAB_C route show proto dhcp)\" ]"
	check "$c: no lease was stored" test ! -e "$LAB_DIR/leases/$LAB_CIF.lease"
	check "$c: the engine and frontend are gone" gone "$e" "$f"
	check "$c: no tc program of ours is left" \
	    sh -c "! tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased"
	# The stopped engine is ours: let it see its closed pipe.
	kill -CONT "$e" 2>/dev/null
	wait_for 2 gone "$e" "$f" || kill -KILL "$e" "$f" 2>/dev/null
done
lab_done
