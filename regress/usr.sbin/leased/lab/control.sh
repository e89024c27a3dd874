#!/bin/sh
# Hostile control clients: random bytes, truncated headers, every
# message type with wrong sizes, an oversize header, a flood of
# requests never read, 2000 connections held open at once.  Nothing
# stops or stalls the daemon: it keeps answering "show interface".

. regress/lab.sh
CTL=$PWD/regress/usr.sbin/leased/lab/ctlclient
lab_init
lab_dnsmasq
lab_conf "interface $LAB_CIF"
leased_start -vv
leased_bound "$LAB_CIF" 15 || { not_ok "bound"; leased_log; exit 1; }
ok "bound"
sock=$LAB_DIR/leased.sock

show() {
	ip netns exec "$LAB_C" "$CTL" "$sock" show 2>&1
}
check "the control socket is mode 0660" \
    [ "$(stat -c %a "$sock")" = 660 ]
check "show interface answers: $(show)" \
    sh -c "[ \"\$(ip netns exec $LAB_C $CTL $sock show)\" = '$LAB_CIF Bound' ]"

for mode in garbage truncated wrongsize oversize flood; do
	ip netns exec "$LAB_C" "$CTL" "$sock" "$mode" >/dev/null 2>&1
	out=$(show)
	check "after $mode: show interface still answers ($out)" \
	    [ "$out" = "$LAB_CIF Bound" ]
	check "after $mode: all three processes run" leased_alive
done

ip netns exec "$LAB_C" "$CTL" "$sock" hold 2000 8 >"$LAB_DIR/hold.out" 2>&1 &
hold=$!
lab_pid $hold
if wait_for 8 grep -qs "holding 2000" "$LAB_DIR/hold.out"; then
	ok "2000 connections are open at once"
else
	not_ok "2000 connections are open at once: $(cat $LAB_DIR/hold.out)"
fi
for i in 1 2 3; do
	out=$(show)
	check "with 2000 idle clients, show interface answers ($out)" \
	    [ "$out" = "$LAB_CIF Bound" ]
done
f=$(leased_child "$LEASED_PID" frontend)
nfd=$(ls /proc/"$f"/fd | wc -l)
check "the frontend holds a bounded number of fds ($nfd)" [ "$nfd" -lt 100 ]
kill "$hold"
check "all three processes run" leased_alive
leased_no_violation

# "control group": the socket belongs to that group, mode 0660.
leased_stop
lab_conf 'control group "daemon"' "interface $LAB_CIF"
: >"$LAB_DIR/leased.log"
leased_start -vv
wait_for 5 grep -q "$LAB_CIF: managing" "$LAB_DIR/leased.log"
check "control group: the socket's group is daemon" \
    [ "$(stat -c %G "$sock")" = daemon ]
check "control group: still mode 0660, owned by root" \
    [ "$(stat -c %a:%U "$sock")" = 660:root ]
lab_done
