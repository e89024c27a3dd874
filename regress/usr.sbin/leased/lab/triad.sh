#!/bin/sh
# The privilege-separated triad: three processes, two of them exec'd,
# unprivileged, chrooted and sandboxed; one instance at a time; orderly
# shutdown; a dead process takes the others with it.

. regress/lab.sh
lab_init

started() {
	ENGINE=$(leased_child "$LEASED_PID" engine) &&
	    FRONTEND=$(leased_child "$LEASED_PID" frontend)
}

start_triad() {
	: >"$LAB_DIR/leased.log"
	leased_start "$@"
	if ! wait_for 5 started; then
		not_ok "leased starts its engine and frontend"
		leased_log
		exit 1
	fi
	# Past privilege drop and sandbox: the startup message is logged.
	wait_for 5 grep -q "startup" "$LAB_DIR/leased.log"
}

start_triad -vv
ok "leased starts its engine and frontend"

n=$(echo $(leased_children "$LEASED_PID") | wc -w)
check "the parent has exactly two children ($n)" [ "$n" -eq 2 ]
gc=$(echo $(leased_children "$ENGINE") $(leased_children "$FRONTEND") | wc -w)
check "the children have no children ($gc)" [ "$gc" -eq 0 ]

uid=$(id -u _leased)
check "the parent runs as root" [ "$(proc_status "$LEASED_PID" Uid)" = 0 ]
for p in engine frontend; do
	eval pid=\$$(echo $p | tr a-z A-Z)
	check "$p runs as _leased" [ "$(proc_status "$pid" Uid)" = "$uid" ]
	check "$p has group _leased only" \
	    [ "$(proc_status "$pid" Groups)" = "$(id -g _leased)" ]
	check "$p is chrooted to /var/empty" \
	    [ "$(readlink /proc/"$pid"/root)" = /var/empty ]
	check "$p has no effective capabilities" \
	    [ "$(proc_status "$pid" CapEff)" = 0000000000000000 ]
	check "$p has no permitted capabilities" \
	    [ "$(proc_status "$pid" CapPrm)" = 0000000000000000 ]
	check "$p has an empty bounding set" \
	    [ "$(proc_status "$pid" CapBnd)" = 0000000000000000 ]
	check "$p has no_new_privs" [ "$(proc_status "$pid" NoNewPrivs)" = 1 ]
	check "$p is in seccomp filter mode" \
	    [ "$(proc_status "$pid" Seccomp)" = 2 ]
	# A fresh exec gets a fresh, randomised layout; a plain fork
	# would share the parent's.
	bin=$(readlink -f "$LEASED")
	pm=$(grep -m 1 " $bin\$" /proc/"$LEASED_PID"/maps | cut -d' ' -f1)
	cm=$(grep -m 1 " $bin\$" /proc/"$pid"/maps | cut -d' ' -f1)
	check "$p was exec'd (its binary at $cm, the parent's at $pm)" \
	    [ -n "$pm" -a -n "$cm" -a "$pm" != "$cm" ]
	check "$p runs the leased binary" \
	    [ "$(readlink /proc/"$pid"/exe)" = "$(readlink -f "$LEASED")" ]
	check "$p has its parent channel on fd 3" \
	    [ -n "$(readlink /proc/"$pid"/fd/3 | grep '^socket:')" ]
done
check "the parent is not sandboxed by seccomp" \
    [ "$(proc_status "$LEASED_PID" Seccomp)" = 0 ]

# A second instance on the same control socket directory refuses.
out=$(timeout 5 ip netns exec "$LAB_C" "$LEASED" -d \
    -f "$LAB_DIR/leased.conf" -s "$LAB_DIR/leased.sock" 2>&1)
rc=$?
check "a second leased refuses to start (exit $rc)" [ "$rc" -eq 1 ]
case $out in
*"already running"*)	ok "a second leased says why: $out" ;;
*)			not_ok "a second leased says why: $out" ;;
esac
check "the first leased still runs" kill -0 "$LEASED_PID"

# SIGTERM to the parent: all three gone within one second.
kill -TERM "$LEASED_PID"
if wait_for 1 gone "$LEASED_PID" "$ENGINE" "$FRONTEND"; then
	ok "SIGTERM: all three processes exit within 1 s"
else
	not_ok "SIGTERM: all three processes exit within 1 s"
	leased_log
fi
check "SIGTERM is logged" grep -q "terminating on signal 15" "$LAB_DIR/leased.log"

# A killed child makes the parent log which one and exit.
for victim in engine frontend; do
	start_triad
	eval pid=\$$(echo $victim | tr a-z A-Z)
	kill -KILL "$pid"
	if wait_for 1 gone "$LEASED_PID" "$ENGINE" "$FRONTEND"; then
		ok "kill -9 $victim: no leased process left after 1 s"
	else
		not_ok "kill -9 $victim: no leased process left after 1 s"
		leased_log
	fi
	check "kill -9 $victim: the parent logs it" \
	    grep -q "$victim terminated; signal 9" "$LAB_DIR/leased.log"
done

# The children go when the parent goes, even without a goodbye.
start_triad
kill -KILL "$LEASED_PID"
if wait_for 1 gone "$ENGINE" "$FRONTEND"; then
	ok "kill -9 parent: engine and frontend exit within 1 s"
else
	not_ok "kill -9 parent: engine and frontend exit within 1 s"
fi

lab_done
