# Helpers shared by the hostile-input and fault tests.  Source after
# regress/lab.sh and lab_init.
#
#	srv_start [fakedhcpd options...]	fakedhcpd on the server side
#	srv_stop				end it (by pid)
#	srv_count PATTERN			lines of its log that match
#	leased_pids				"parent engine frontend" pids
#	lab_reset				forget every trace of a lease

FAKEDHCPD=${FAKEDHCPD:-$PWD/regress/usr.sbin/leased/fakedhcpd/fakedhcpd.py}
SRV_PID=
SRV_LOG=

# srv_start [options]: fakedhcpd on $LAB_SIF handing out 192.0.2.50
# with a router and a name server, plus the options given.  Its log
# (one line per message) is $SRV_LOG, fresh each time.
srv_start() {
	srv_stop
	SRV_LOG=$LAB_DIR/srv.log
	rm -f "$SRV_LOG"
	ip netns exec "$LAB_S" /usr/bin/python3 "$FAKEDHCPD" -i "$LAB_SIF" \
	    --address 192.0.2.50 "$@" >"$SRV_LOG" 2>&1 &
	SRV_PID=$!
	lab_pid "$SRV_PID"
	if ! wait_for 5 grep -qs '^ready' "$SRV_LOG"; then
		echo "# fakedhcpd did not start: $*"
		sed 's/^/# /' "$SRV_LOG"
		return 1
	fi
}

srv_stop() {
	[ -n "$SRV_PID" ] || return 0
	kill -TERM "$SRV_PID" 2>/dev/null
	wait_for 5 gone "$SRV_PID" || kill -KILL "$SRV_PID" 2>/dev/null
	wait "$SRV_PID" 2>/dev/null
	lab_forget "$SRV_PID"
	SRV_PID=
}

# srv_count PATTERN: how many lines of the server log match (ERE)
srv_count() {
	grep -Ec -- "$1" "$SRV_LOG" 2>/dev/null
}

srv_seen() {
	[ "$(srv_count "$1")" -ge 1 ]
}

# leased_pids: "PARENT ENGINE FRONTEND" once both children run
leased_pids() {
	_e=$(leased_child "$LEASED_PID" engine)
	_f=$(leased_child "$LEASED_PID" frontend)
	[ -n "$_e" ] && [ -n "$_f" ] || return 1
	echo "$LEASED_PID $_e $_f"
}

# leased_up: wait until the three processes run; sets LEASED_PIDS
leased_up() {
	wait_for 5 leased_pids >/dev/null || return 1
	LEASED_PIDS=$(leased_pids)
}

# same_pids: the three processes of LEASED_PIDS still run and are
# still the parent and its two children (none died, none restarted)
same_pids() {
	_now=$(leased_pids) || return 1
	[ "$_now" = "$LEASED_PIDS" ] || return 1
	for _p in $_now; do
		kill -0 "$_p" 2>/dev/null || return 1
		[ "$(proc_status "$_p" State)" != Z ] || return 1
	done
}

# lab_reset: no address, no DHCP route, no lease file, no resolv.conf
# in the client namespace; the link up with MTU 1500 on both sides.
lab_reset() {
	ip -n "$LAB_C" -4 addr flush dev "$LAB_CIF" 2>/dev/null
	ip -n "$LAB_C" route flush proto dhcp 2>/dev/null
	ip -n "$LAB_C" link set "$LAB_CIF" mtu 1500 up 2>/dev/null
	ip -n "$LAB_S" link set "$LAB_SIF" mtu 1500 2>/dev/null
	rm -rf "$LAB_DIR/leases" "$LAB_DIR/resolv.conf"
	mkdir -p "$LAB_DIR/leases"
}

# kstate: what leased may change in the client namespace, as text
kstate() {
	ip -n "$LAB_C" -4 -o addr show dev "$LAB_CIF" 2>/dev/null |
	    awk '{ print $4 }'
	echo "--"
	ip -n "$LAB_C" -4 route show 2>/dev/null
	echo "--"
	cat "$LAB_DIR/resolv.conf" 2>/dev/null
	echo "--"
	ip -n "$LAB_C" -o link show dev "$LAB_CIF" 2>/dev/null |
	    sed -n 's/.* mtu \([0-9]*\) .*/mtu \1/p'
}

# cpu_ticks PID...: utime + stime of the processes, in clock ticks
cpu_ticks() {
	_t=0
	for _p in "$@"; do
		_s=$(sed 's/^.*) //' /proc/"$_p"/stat 2>/dev/null |
		    awk '{ print $12 + $13 }')
		_t=$((_t + ${_s:-0}))
	done
	echo "$_t"
}

# ctl_json FIELD: a number or string field of "leasectl -j show
# interface" for $LAB_CIF
ctl_json() {
	ip netns exec "$LAB_C" "$LEASECTL" -s "$LAB_DIR/leased.sock" -j \
	    show interface "$LAB_CIF" \
	    2>/dev/null | sed -n "s/^ *\"$1\": \"*\([^\",]*\)\"*,*\$/\1/p" |
	    head -n 1
}

# hexstr TEXT: the bytes of TEXT in hex (for fakedhcpd's hex: values)
hexstr() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# dnswire LABEL...: one RFC 1035 name in wire form, in hex
dnswire() {
	for _l in "$@"; do
		printf '%02x' "${#_l}"
		hexstr "$_l"
	done
	printf '00'
}

# now_ms: a monotonic-enough clock in milliseconds
now_ms() {
	_u=$(cut -d' ' -f1 /proc/uptime)
	echo $(( ${_u%.*} * 1000 + $(echo "${_u#*.}" | sed 's/^0*//;s/^$/0/') * 10 ))
}

# lab_forget PID...: drop ended processes from the cleanup list, so a
# long test never signals a recycled pid
lab_forget() {
	for _g in "$@"; do
		gone "$_g" || continue
		LAB_PIDS=$(echo " $LAB_PIDS " | sed "s/ $_g / /g")
	done
}

# leased_end: SIGTERM to the parent, wait for all three processes (the
# children end when their channel closes), SIGKILL what stays.  False
# if anything had to be killed.
leased_end() {
	[ -n "$LEASED_PID" ] || return 0
	_all="$LEASED_PID $(leased_children "$LEASED_PID")"
	_r=0
	kill -TERM "$LEASED_PID" 2>/dev/null
	if ! wait_for 5 gone $_all; then
		_r=1
		for _p in $_all; do
			kill -KILL "$_p" 2>/dev/null
		done
		wait_for 2 gone $_all
	fi
	wait "$LEASED_PID" 2>/dev/null
	lab_forget $_all
	LEASED_PID=
	return $_r
}

# in_range N LOW HIGH: N is a number from LOW to HIGH
in_range() {
	[ -n "$1" ] && [ "$1" -ge "$2" ] 2>/dev/null && [ "$1" -le "$3" ]
}

# srv_after PATTERN1 PATTERN2: how many lines of the server log match
# PATTERN2 after the first line that matches PATTERN1
srv_after() {
	awk -v a="$1" -v b="$2" 'f && $0 ~ b { n++ } $0 ~ a { f = 1 }
	    END { print n + 0 }' "$SRV_LOG"
}
