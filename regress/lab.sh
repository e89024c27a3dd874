# Shell library for leased's integration tests.  Source it from a test
# script run from the top of the tree:
#
#	. regress/lab.sh
#	lab_init			# namespaces, veth, cleanup trap
#	lab_dnsmasq			# DHCP server on the far side
#	leased_start -vv		# leased in the client namespace
#	check "what" test ...		# prints ok/not ok
#	lab_done			# exit status
#
# Everything is created inside two network namespaces of our own,
# "client" and "server", joined by a veth pair; only 192.0.2.0/24
# (TEST-NET-1) is used, inside them.  The EXIT trap removes the
# namespaces and ends, by pid, every process the test started, also when
# the test fails or is killed by the runner's timeout (SIGTERM).

LEASED=${LEASED:-$PWD/usr.sbin/leased/leased}
LEASECTL=${LEASECTL:-$PWD/usr.sbin/leasectl/leasectl}
LAB_FAILED=0
LAB_PIDS=
LAB_NETNS=

# ok/not ok lines for regress/run
ok() {
	echo "ok - $*"
}

not_ok() {
	echo "not ok - $*"
	LAB_FAILED=$((LAB_FAILED + 1))
}

# check "description" command [args...]
check() {
	_desc=$1
	shift
	if "$@"; then
		ok "$_desc"
	else
		not_ok "$_desc"
	fi
}

# wait_for SECONDS command [args...]: poll every 50 ms until it succeeds
wait_for() {
	_limit=$(( $1 * 20 ))
	shift
	_i=0
	while [ "$_i" -lt "$_limit" ]; do
		"$@" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

lab_done() {
	[ "$LAB_FAILED" -eq 0 ]
}

# The unprivileged user of the engine and the frontend.
lab_user() {
	mkdir -p /var/empty
	chmod 755 /var/empty
	if ! getent passwd _leased >/dev/null; then
		useradd -r -d /var/empty -s /usr/sbin/nologin -U _leased ||
		    { echo "lab: cannot create user _leased" >&2; exit 1; }
	fi
}

lab_cleanup() {
	for _p in $LAB_PIDS; do
		kill -TERM "$_p" 2>/dev/null
	done
	for _p in $LAB_PIDS; do
		_i=0
		while kill -0 "$_p" 2>/dev/null && [ "$_i" -lt 20 ]; do
			sleep 0.05
			_i=$((_i + 1))
		done
		kill -KILL "$_p" 2>/dev/null
	done
	for _n in $LAB_NETNS; do
		ip netns del "$_n" 2>/dev/null
	done
	[ -n "$LAB_DIR" ] && rm -rf "$LAB_DIR"
}

# Remember a pid to end at cleanup.
lab_pid() {
	LAB_PIDS="$LAB_PIDS $1"
}

# lab_init: two namespaces, a veth pair, addresses on the server side.
#   LAB_C, LAB_S		namespace names
#   LAB_CIF, LAB_SIF		interface names inside them
#   LAB_DIR			scratch directory (config, socket, leases)
lab_init() {
	lab_user
	_id=$$
	LAB_C=ldc$_id
	LAB_S=lds$_id
	LAB_CIF=eth0
	LAB_SIF=eth0
	LAB_DIR=$(mktemp -d /tmp/leased-lab.XXXXXX)
	chmod 755 "$LAB_DIR"
	trap 'lab_cleanup' EXIT
	trap 'exit 143' TERM
	trap 'exit 130' INT

	ip netns add "$LAB_C" || exit 1
	LAB_NETNS="$LAB_NETNS $LAB_C"
	ip netns add "$LAB_S" || exit 1
	LAB_NETNS="$LAB_NETNS $LAB_S"
	ip link add "c$_id" netns "$LAB_C" type veth \
	    peer name "s$_id" netns "$LAB_S" || exit 1
	ip -n "$LAB_C" link set "c$_id" name "$LAB_CIF" address \
	    02:00:00:00:00:01 || exit 1
	ip -n "$LAB_S" link set "s$_id" name "$LAB_SIF" address \
	    02:00:00:00:00:02 || exit 1
	ip -n "$LAB_C" link set lo up
	ip -n "$LAB_S" link set lo up
	ip -n "$LAB_C" link set "$LAB_CIF" up
	ip -n "$LAB_S" addr add 192.0.2.1/24 dev "$LAB_SIF"
	ip -n "$LAB_S" link set "$LAB_SIF" up
}

# lab_veth CIF SIF SADDR/PLEN MAC: one more veth pair, CIF in the
# client namespace, SIF with SADDR in the server namespace.
lab_veth() {
	_n=$(( ${_nveth:-0} + 1 ))
	_nveth=$_n
	ip link add "c$$x$_n" netns "$LAB_C" type veth \
	    peer name "s$$x$_n" netns "$LAB_S" || exit 1
	ip -n "$LAB_C" link set "c$$x$_n" name "$1" address "$4" || exit 1
	ip -n "$LAB_S" link set "s$$x$_n" name "$2" || exit 1
	ip -n "$LAB_C" link set "$1" up
	ip -n "$LAB_S" addr add "$3" dev "$2"
	ip -n "$LAB_S" link set "$2" up
}

# lab_dnsmasq [extra dnsmasq options...]: a DHCP server on the server
# side handing out 192.0.2.100-199.
lab_dnsmasq() {
	ip netns exec "$LAB_S" dnsmasq --keep-in-foreground \
	    --no-daemon --conf-file=/dev/null --no-resolv --no-hosts \
	    --port=0 --no-ping --interface="$LAB_SIF" --bind-interfaces \
	    --dhcp-range=192.0.2.100,192.0.2.199,255.255.255.0,120 \
	    --dhcp-leasefile="$LAB_DIR/dnsmasq.leases" \
	    --pid-file="" --log-dhcp \
	    --user=root --group=root \
	    "$@" >>"$LAB_DIR/dnsmasq.log" 2>&1 &
	DNSMASQ_PID=$!
	lab_pid $!
	# Ready when it says so; a DISCOVER before that would go unheard.
	wait_for 5 grep -qs "DHCP, sockets bound" "$LAB_DIR/dnsmasq.log"
}

# lab_conf [lines...]: a leased.conf whose files stay in $LAB_DIR,
# followed by the lines given (e.g. an interface block).
lab_conf() {
	{
		echo "lease directory \"$LAB_DIR/leases\""
		echo "resolv conf \"$LAB_DIR/resolv.conf\""
		for _l in "$@"; do
			echo "$_l"
		done
	} >"$LAB_DIR/leased.conf"
}

# leased_start [leased options...]: run leased in the foreground (-d) in
# the client namespace; LEASED_PID is the parent's pid, its log is
# $LAB_DIR/leased.log.
leased_start() {
	[ -f "$LAB_DIR/leased.conf" ] || lab_conf
	mkdir -p "$LAB_DIR/leases"
	# Built with SANITIZE=1, the sandboxed children cannot run the leak
	# check at exit (it needs ptrace); everything else stays on.
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
	ip netns exec "$LAB_C" "$LEASED" -d -f "$LAB_DIR/leased.conf" \
	    -s "$LAB_DIR/leased.sock" "$@" >>"$LAB_DIR/leased.log" 2>&1 &
	LEASED_PID=$!
	lab_pid "$LEASED_PID"
}

# leased_children PID: the pids of the parent's children
leased_children() {
	cat /proc/"$1"/task/*/children 2>/dev/null
}

# leased_child PID NAME: the child whose comm is "leased-NAME"
leased_child() {
	for _c in $(leased_children "$1"); do
		if [ "$(cat /proc/"$_c"/comm 2>/dev/null)" = "leased-$2" ]; then
			echo "$_c"
			return 0
		fi
	done
	return 1
}

# proc_status PID FIELD: a field of /proc/PID/status
proc_status() {
	awk -v f="$2:" '$1 == f { print $2 }' /proc/"$1"/status 2>/dev/null
}

# gone PID...: true when none of the pids runs any more (a zombie
# whose parent died waits for init to reap it: that counts as gone)
gone() {
	for _p in "$@"; do
		kill -0 "$_p" 2>/dev/null || continue
		[ "$(proc_status "$_p" State)" = Z ] || return 1
	done
	return 0
}

# The leased log, for messages in test output.
leased_log() {
	sed 's/^/# /' "$LAB_DIR/leased.log"
}

# leased_bound [IF] [SECONDS]: wait until leased configured an IPv4
# address on IF (default $LAB_CIF) in the client namespace.
leased_bound() {
	wait_for "${2:-10}" lab_has_addr "${1:-$LAB_CIF}"
}

lab_has_addr() {
	ip -n "$LAB_C" -4 -o addr show dev "$1" 2>/dev/null | grep -q inet
}

# lab_addr [IF]: the IPv4 address/prefix on IF in the client namespace
lab_addr() {
	ip -n "$LAB_C" -4 -o addr show dev "${1:-$LAB_CIF}" 2>/dev/null |
	    awk '{ print $4; exit }'
}

# lab_valid_lft [IF]: the kernel's remaining valid lifetime, seconds
lab_valid_lft() {
	ip -n "$LAB_C" -4 addr show dev "${1:-$LAB_CIF}" 2>/dev/null |
	    awk '$1 == "valid_lft" { sub("sec", "", $2); print $2; exit }'
}

# lab_capture [NS IF]: record DHCP traffic on the server side into
# $LAB_DIR/capture.txt (one line per packet, with -v details).
lab_capture() {
	ip netns exec "${1:-$LAB_S}" tcpdump -l -n -e -v -i "${2:-$LAB_SIF}" \
	    'udp and (port 67 or port 68)' >"$LAB_DIR/capture.txt" \
	    2>"$LAB_DIR/capture.err" &
	lab_pid $!
	wait_for 5 grep -qs "listening on" "$LAB_DIR/capture.err"
}

# lab_packets [FROM]: the captured packets, one per line (tcpdump -v
# spreads one over several), from packet line FROM on (default 1).
lab_packets() {
	awk '/^[0-9][0-9]:[0-9][0-9]:/ { if (p != "") print p; p = $0; next }
	    { p = p " " $0 } END { if (p != "") print p }' \
	    "$LAB_DIR/capture.txt" | tail -n +"${1:-1}"
}

# lab_npackets: how many packets were captured so far
lab_npackets() {
	lab_packets | wc -l
}

# lab_seen PATTERN [FROM]: wait up to 3 s for a captured packet that
# matches (tcpdump may print a little after the fact)
lab_seen() {
	wait_for 3 lab_seen1 "$@"
}

lab_seen1() {
	[ "$(lab_count "$@")" -ge 1 ]
}

# lab_count PATTERN [FROM]: how many captured packets match
lab_count() {
	lab_packets "${2:-1}" | grep -c -- "$1"
}

# The sandbox runs in trap mode under -vv: any forbidden system call is
# logged by name, and is a failure of the test.
leased_no_violation() {
	if grep -q "forbidden syscall" "$LAB_DIR/leased.log"; then
		not_ok "no sandbox violation: $(grep -m1 'forbidden syscall' \
		    "$LAB_DIR/leased.log")"
	else
		ok "no sandbox violation in the leased log"
	fi
}

# leased_alive: the three processes still run
leased_alive() {
	kill -0 "$LEASED_PID" 2>/dev/null &&
	    [ -n "$(leased_child "$LEASED_PID" engine)" ] &&
	    [ -n "$(leased_child "$LEASED_PID" frontend)" ]
}

# leased_stop: SIGTERM and wait for the parent to go
leased_stop() {
	kill -TERM "$LEASED_PID" 2>/dev/null
	wait_for 5 gone "$LEASED_PID"
}
