#!/bin/sh
# etc/rc.d/leased run for real inside the lab's client namespace:
# start, check, reload, stop, and a broken configuration refused.  The
# script's settings come from the environment, pointing at the built
# binaries and at files in the lab directory.

. regress/lab.sh
lab_init
lab_veth eth1 eth1 198.51.100.1/24 02:00:00:00:01:01
ip netns exec "$LAB_S" dnsmasq --keep-in-foreground --no-daemon \
    --conf-file=/dev/null --no-resolv --no-hosts --port=0 --no-ping \
    --interface=eth0 --interface=eth1 --bind-interfaces \
    --dhcp-range=192.0.2.100,192.0.2.199,255.255.255.0,120 \
    --dhcp-range=198.51.100.100,198.51.100.199,255.255.255.0,120 \
    --dhcp-leasefile="$LAB_DIR/dnsmasq.leases" --pid-file="" --log-dhcp \
    --user=root --group=root >"$LAB_DIR/dnsmasq.log" 2>&1 &
lab_pid $!
wait_for 5 grep -qs "DHCP, sockets bound" "$LAB_DIR/dnsmasq.log"
lab_conf "interface eth0"
mkdir -p "$LAB_DIR/leases"

RC=$PWD/etc/rc.d/leased
SOCK=$LAB_DIR/leased.sock
LOCK=$LAB_DIR/leased.lock

# rc COMMAND: the script in the client namespace; output in $out
rc() {
	out=$(ip netns exec "$LAB_C" env leased_defaults=/nonexistent \
	    leased_bin="$LEASED" leased_ctl="$LEASECTL" \
	    leased_conf="$LAB_DIR/leased.conf" leased_socket="$SOCK" \
	    leased_flags="" leased_timeout=5 sh "$RC" "$@" 2>&1)
}

# The parent is whoever has the lock file open, whatever the script
# says: the test does not trust the code it tests to find it.
holder() {
	for _f in $(find /proc/[0-9]*/fd -maxdepth 1 -lname "$LOCK" \
	    2>/dev/null); do
		_p=${_f#/proc/}
		echo "${_p%%/*}"
	done | sort -u
}

rc check
check "check before start exits non-zero ($out)" [ $? -ne 0 ]

rc start
rv=$?
check "start exits 0 ($out)" [ "$rv" -eq 0 ]
pid=$(holder)
[ -n "$pid" ] && lab_pid "$pid"
check "a leased parent holds the lock file ($pid)" \
    [ -n "$pid" -a "$(cat /proc/"$pid"/comm 2>/dev/null)" = leased ]
check "start reports the parent's pid" \
    sh -c "echo '$out' | grep -q 'started (pid $pid)'"
check "the lock file records the parent's pid" \
    [ "$(cat "$LOCK" 2>/dev/null)" = "$pid" ]
check "leased gets a lease on eth0" leased_bound eth0 15

rc check
check "check exits 0 while it runs ($out)" [ $? -eq 0 ]
rc status
rv=$?
check "status exits 0 while it runs" [ "$rv" -eq 0 ]
check "status names the pid" sh -c "echo '$out' | grep -q 'pid $pid'"

rc start
rv=$?
check "a second start neither fails nor starts another ($out)" \
    [ "$rv" -eq 0 -a "$(holder)" = "$pid" ]

# reload: SIGHUP makes the same process read the file again, so an
# interface added to it gets a lease.
lab_conf "interface eth0" "interface eth1"
rc reload
rv=$?
check "reload exits 0 ($out)" [ "$rv" -eq 0 ]
check "after reload eth1, new in the file, gets a lease" leased_bound eth1 15
check "reload kept the same parent" [ "$(holder)" = "$pid" ]

# reload with a broken file: refused with the parser's message, the
# daemon keeps running.
lab_conf "interface eth0" "interface eth1 {" "	bogus keyword" "}"
rc reload
rv=$?
check "reload of a broken configuration fails" [ "$rv" -ne 0 ]
check "it shows the parser's file:line message ($out)" \
    sh -c "echo '$out' | grep -q '$LAB_DIR/leased.conf:[0-9]*: '"
check "leased still runs after the refused reload" kill -0 "$pid"

rc restart
rv=$?
check "restart with a broken configuration is refused" [ "$rv" -ne 0 ]
check "and leaves the running daemon alone" [ "$(holder)" = "$pid" ]

lab_conf "interface eth0" "interface eth1"
children=$(leased_children "$pid")
rc stop
rv=$?
check "stop exits 0 ($out)" [ "$rv" -eq 0 ]
check "the parent is gone after stop" gone "$pid"
check "its children are gone too" wait_for 5 gone $children
rc check
check "check exits non-zero after stop ($out)" [ $? -ne 0 ]
rc status
check "status exits non-zero after stop" [ $? -ne 0 ]
check "no tc program of leased is left on eth0" \
    sh -c "! tc -n $LAB_C filter show dev eth0 egress | grep -q leased"

rc stop
check "stop when not running exits 0 ($out)" [ $? -eq 0 ]

lab_conf "interface eth0 {" "	send host name" "}"
rc start
rv=$?
check "start with a broken configuration fails" [ "$rv" -ne 0 ]
check "it shows the parser's file:line message ($out)" \
    sh -c "echo '$out' | grep -q '$LAB_DIR/leased.conf:[0-9]*: '"
check "nothing holds the lock after the refused start" [ -z "$(holder)" ]
check "no leased runs in the lab namespace" \
    sh -c "! ip netns pids $LAB_C | xargs -r ps -o comm= -p | grep -q leased"

# Settings: /etc/default/leased over the built-in values, the
# environment over both.
lab_conf "interface eth0"
echo "interface eth0 {" >"$LAB_DIR/broken.conf"
echo "leased_conf=$LAB_DIR/broken.conf" >"$LAB_DIR/defaults"
out=$(env leased_defaults="$LAB_DIR/defaults" leased_bin="$LEASED" \
    sh "$RC" configtest 2>&1)
rv=$?
check "the defaults file sets the configuration file ($out)" \
    sh -c '[ "$1" -ne 0 ] && echo "$2" | grep -q "broken.conf:1: "' \
    sh "$rv" "$out"
out=$(env leased_defaults="$LAB_DIR/defaults" leased_bin="$LEASED" \
    leased_conf="$LAB_DIR/leased.conf" sh "$RC" configtest 2>&1)
check "the environment wins over the defaults file ($out)" [ $? -eq 0 ]

lab_done
