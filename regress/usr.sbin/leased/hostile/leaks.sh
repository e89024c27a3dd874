#!/bin/sh
# Leaks: 1000 link flaps (down, up, as fast as ip(8) goes) while
# fakedhcpd keeps the lease.  After a warm-up, the open file descriptors
# and the resident memory of each of the three processes are measured;
# after the 1000 flaps they must have the same number of descriptors
# and at most 64 KB more RSS, and the lease is bound again.
#
# The warm-up is 50 flaps, then more by 100 until no RSS moves over 100
# flaps (at most 5 times): the first bursts raise the allocator's high
# water mark (buffers grown for a burst stay with the process), which
# is not a leak; a leak keeps growing and shows in the 1000 flaps.
#
# LEAK_FLAPS sets the number of flaps (default 1000).

. regress/lab.sh
. regress/usr.sbin/leased/hostile/lib.sh

FLAPS=${LEAK_FLAPS:-1000}
RSS_SLACK=64		# KB

# flap N: N times link down, link up in the client namespace
flap() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		ip -n "$LAB_C" link set "$LAB_CIF" down
		ip -n "$LAB_C" link set "$LAB_CIF" up
		_i=$((_i + 1))
	done
}

bound_again() {
	[ "$(ctl_json state)" = Bound ] && lab_has_addr "$LAB_CIF" &&
	    [ -n "$(ip -n "$LAB_C" route show default)" ]
}

# settle: wait until leased is bound with its default route, and the
# log has been quiet for a second
settle() {
	wait_for 20 bound_again || return 1
	_n=-1
	_i=0
	while [ "$_i" -lt 20 ]; do
		_m=$(wc -l <"$LAB_DIR/leased.log")
		[ "$_m" -eq "$_n" ] && return 0
		_n=$_m
		sleep 1
		_i=$((_i + 1))
	done
	return 1
}

nfds() {
	ls /proc/"$1"/fd 2>/dev/null | wc -l
}

rss() {
	proc_status "$1" VmRSS
}

lab_init
lab_conf "interface $LAB_CIF"
srv_start --router 192.0.2.1 --dns 192.0.2.53 || exit 1
leased_start -vv
if ! leased_up || ! leased_bound "$LAB_CIF" 5; then
	not_ok "leased binds"
	leased_log
	exit 1
fi
ok "bound to $(lab_addr)"
set -- $LEASED_PIDS
names="parent engine frontend"

flap 50
check "bound again after 50 warm-up flaps" settle
warm=50
r_a="$(rss "$1") $(rss "$2") $(rss "$3")"
i=0
while [ "$i" -lt 5 ]; do
	flap 100
	settle
	warm=$((warm + 100))
	r_b="$(rss "$1") $(rss "$2") $(rss "$3")"
	[ "$r_a" = "$r_b" ] && break
	echo "# warm-up: RSS $r_a -> $r_b KB"
	r_a=$r_b
	i=$((i + 1))
done
ok "warm-up of $warm flaps (RSS $r_b KB)"
fd0="$(nfds "$1") $(nfds "$2") $(nfds "$3")"
rss0="$(rss "$1") $(rss "$2") $(rss "$3")"
downs0=$(grep -c "link down" "$LAB_DIR/leased.log")

t0=$(now_ms)
flap "$FLAPS"
t1=$(now_ms)
if settle; then
	ok "bound again after $FLAPS flaps in $(( (t1 - t0) / 1000 ))s"
else
	not_ok "bound again after $FLAPS flaps"
	tail -n 30 "$LAB_DIR/leased.log" | sed 's/^/# /'
fi
downs=$(( $(grep -c "link down" "$LAB_DIR/leased.log") - downs0 ))
ups=$(grep -c "link up" "$LAB_DIR/leased.log")
ok "leased saw $downs of the $FLAPS link-downs"
check "leased saw most of the flaps ($downs >= $((FLAPS / 2)))" \
    [ "$downs" -ge $((FLAPS / 2)) ]
fd1="$(nfds "$1") $(nfds "$2") $(nfds "$3")"
rss1="$(rss "$1") $(rss "$2") $(rss "$3")"

i=1
for n in $names; do
	a=$(echo "$fd0" | cut -d' ' -f$i)
	b=$(echo "$fd1" | cut -d' ' -f$i)
	check "$n: $a open descriptors before, $b after" [ "$a" -eq "$b" ]
	a=$(echo "$rss0" | cut -d' ' -f$i)
	b=$(echo "$rss1" | cut -d' ' -f$i)
	check "$n: RSS ${a} KB before, ${b} KB after (+$((b - a)) KB, at most +$RSS_SLACK)" \
	    [ $((b - a)) -le "$RSS_SLACK" ]
	i=$((i + 1))
done

check "the address is 192.0.2.50/24" [ "$(lab_addr)" = 192.0.2.50/24 ]
check "the default route via 192.0.2.1 is back" sh -c \
    "ip -n $LAB_C route show proto dhcp | grep -q 'default via 192.0.2.1'"
check "resolv.conf names 192.0.2.53" \
    grep -q '^nameserver 192.0.2.53$' "$LAB_DIR/resolv.conf"
check "the three processes are the ones it started with" same_pids
leased_no_violation
lab_done
