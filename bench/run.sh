#!/bin/sh
# Benchmark leased against the DHCP clients in use today (ISC dhclient,
# busybox udhcpc, dhcpcd), all in network namespaces of our own against
# dnsmasq, and write bench/results.md and bench/results.svg.
#
# Run from the top of the tree, as root, through "make bench" (which
# builds the helpers and installs the clients).  Knobs, from the
# environment:
#	RUNS=30		starts per client for the time to address
#	NOISE_SECS=30	seconds of noise (and of the quiet window before)
#	NOISE_RATE=200000 frames per second of noise
#	SCALE="1 10 100 1000"	interface counts of the scale test
#	SCALE_DHCPCD="1 10 100 1000"	the same for dhcpcd
#	BENCH_KEEP=DIR	keep the raw measurements there
#	PHASES="tta noise scale filter"	what to measure
#	LEASED_FLAGS=-v	more flags for leased (diagnosis)
#
# Nothing outside the namespaces is touched: every client gets private
# lease, pid and script files, and runs in a mount namespace of its own
# with empty /run, /var/lib/dhcp and /var/lib/dhcpcd.  /etc/resolv.conf
# is checksummed before and after; a change fails the run.

RUNS=${RUNS:-30}
NOISE_SECS=${NOISE_SECS:-30}
NOISE_RATE=${NOISE_RATE:-200000}
SCALE=${SCALE:-"1 10 100 1000"}
SCALE_DHCPCD=${SCALE_DHCPCD:-"1 10 100 1000"}
SCALE_TIMEOUT=${SCALE_TIMEOUT:-60}
PHASES=${PHASES:-"tta noise scale filter"}
OUT=${OUT:-bench}
TOP=$PWD
TTADDR=$TOP/bench/ttaddr
NOISE=$TOP/bench/noise
FILTERCOST=$TOP/bench/filtercost
SCRIPT=$TOP/bench/client-script.sh
CMAC=02:00:00:00:00:01

. regress/lab.sh

RESOLV_SUM=$(md5sum /etc/resolv.conf 2>/dev/null)

bench_cleanup() {
	[ -n "${BENCH_KEEP:-}" ] && [ -d "${R:-}" ] &&
	    rm -rf "$BENCH_KEEP" && cp -r "$R" "$BENCH_KEEP"
	lab_cleanup
	if [ "$(md5sum /etc/resolv.conf 2>/dev/null)" != "$RESOLV_SUM" ]; then
		echo "bench: FAILURE: /etc/resolv.conf changed during the" \
		    "benchmark" >&2
		exit 1
	fi
}

say() {
	echo "bench: $*" >&2
}

die() {
	echo "bench: $*" >&2
	exit 1
}

for f in "$LEASED" "$TTADDR" "$NOISE" "$FILTERCOST" /usr/sbin/dhclient \
    /usr/sbin/udhcpc /usr/sbin/dhcpcd /usr/bin/gnuplot; do
	[ -x "$f" ] || die "missing $f (run it through make bench)"
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"

T_BEGIN=$(date +%s)
LOAD_BEGIN=$(cut -d' ' -f1-3 /proc/loadavg)
lab_init
trap 'bench_cleanup' EXIT
D=$LAB_DIR
R=$D/results
mkdir -p "$R" "$D/leases"

# Shell code that gives the client a private /run, /var/lib/dhcp and
# /var/lib/dhcpcd (ip netns exec already made a mount namespace whose
# mounts do not propagate back), then runs the rest of the command line.
PRIV='mount -t tmpfs -o mode=755 tmpfs /run &&
mount -t tmpfs -o mode=755 tmpfs /var/lib/dhcp &&
mount -t tmpfs -o mode=755 tmpfs /var/lib/dhcpcd && exec "$@"'

# dhcpcd: Debian's /etc/dhcpcd.conf, with the hook scripts (resolv.conf,
# hostname, NTP) replaced by /bin/true (dhcpcd configures addresses and
# routes itself) and without udev ("nodev"): udev never initialises
# interfaces in our namespaces, and dhcpcd managing several interfaces
# would wait for it forever ("interface not found").
cat >"$D/dhcpcd.conf" <<EOF
duid
persistent
vendorclassid
option domain_name_servers, domain_name, domain_search
option classless_static_routes
option interface_mtu
option host_name
option rapid_commit
require dhcp_server_identifier
script /bin/true
nodev
EOF

cat >"$D/leased.conf" <<EOF
lease directory "$D/leases"
resolv conf "$D/resolv.conf"
interface eth0
EOF

# client_cmd NAME IF...: the command line of a client (leased takes its
# interfaces from its configuration file)
client_cmd() {
	_c=$1
	shift
	case $_c in
	leased)
		echo "$LEASED -d ${LEASED_FLAGS:-} -f $D/leased.conf" \
		    "-s $D/leased.sock" ;;
	dhclient)
		echo "dhclient -d -4 -sf $SCRIPT -lf $D/dhclient.leases" \
		    "-pf $D/dhclient.pid $*" ;;
	udhcpc)
		echo "udhcpc -f -n -i $1 -s $SCRIPT" ;;
	dhcpcd)
		echo "dhcpcd -f $D/dhcpcd.conf -4 -B -L -q $*" ;;
	dhcpcd-noarp)
		echo "dhcpcd -f $D/dhcpcd.conf -4 -B -L -A -q $*" ;;
	esac
}

# Forget every trace of the last run: address, routes, lease files.
client_reset() {
	ip -n "$LAB_C" addr flush dev eth0
	ip -n "$LAB_C" route flush dev eth0 2>/dev/null
	rm -rf "$D/leases" "$D/dhclient.leases" "$D/dhclient.pid"
	mkdir -p "$D/leases"
}

phase() {
	case " $PHASES " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# ---------------------------------------------------------------------
# 1. Time to address, and where it goes (server-side capture).

if phase tta; then
lab_dnsmasq || die "dnsmasq did not start"
ip netns exec "$LAB_S" tcpdump -tt -l -n -v -i eth0 \
    'udp and (port 67 or port 68)' >"$D/capture.txt" 2>"$D/capture.err" &
lab_pid $!
wait_for 5 grep -qs "listening on" "$D/capture.err" ||
    die "tcpdump did not start"

CLIENTS_T="leased dhclient udhcpc dhcpcd dhcpcd-noarp"
for c in $CLIENTS_T; do
	say "time to address: $c, $RUNS runs"
	: >"$R/tta.$c"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		client_reset
		# shellcheck disable=SC2046
		ip netns exec "$LAB_C" sh -c "$PRIV" sh "$TTADDR" -k -t 20 \
		    -i eth0 -- $(client_cmd "$c" eth0) >>"$R/tta.$c" \
		    2>>"$R/client.$c.log"
		i=$((i + 1))
	done
	sleep 0.2
done
client_reset
sleep 1
kill "$DNSMASQ_PID" 2>/dev/null

# One line per captured packet: time and DHCP message type.
awk '/^[0-9]+\.[0-9]+ / { if (t != "") print t, m; t = $1; m = "?"; next }
    /DHCP-Message/ { m = $NF }
    END { if (t != "") print t, m }' "$D/capture.txt" >"$R/packets"

# Per run: start, first DISCOVER, OFFER, REQUEST, ACK, address (ms
# from start, "-" where missing).
for c in $CLIENTS_T; do
	awk -v pk="$R/packets" '
	BEGIN { while ((getline l < pk) > 0) { split(l, a, " ");
		n++; pt[n] = a[1]; pm[n] = a[2] } }
	$2 == "-" { next }
	{
		t0 = $1; t1 = $2; d = o = q = k = ""
		for (i = 1; i <= n; i++) {
			if (pt[i] < t0 || pt[i] > t1 + 0.001) continue
			if (d == "" && pm[i] == "Discover") d = pt[i]
			else if (d != "" && o == "" && pm[i] == "Offer") o = pt[i]
			else if (o != "" && q == "" && pm[i] == "Request") q = pt[i]
			else if (q != "" && k == "" && pm[i] == "ACK") k = pt[i]
		}
		if (k == "") { print "-"; next }
		printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", $3,
		    (d - t0) * 1e3, (o - d) * 1e3, (q - o) * 1e3,
		    (k - q) * 1e3, (k - d) * 1e3, (t1 - k) * 1e3
	}' "$R/tta.$c" >"$R/split.$c"
done
fi

# ---------------------------------------------------------------------
# 2 and 3. Memory bound on one interface; cost of noise.

# descendants PID: PID's descendants, one a line (not PID itself)
descendants() {
	for _k in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$_k"
		descendants "$_k"
	done
}

# pss PID...: PSS summed, kB
pss() {
	for _p in "$@"; do
		awk '$1 == "Pss:" { print $2 }' /proc/"$_p"/smaps_rollup \
		    2>/dev/null
	done | awk '{ s += $1 } END { print s + 0 }'
}

# rss_uss PID...: "RSS USS" summed, kB (USS: private pages only)
rss_uss() {
	for _p in "$@"; do
		cat /proc/"$_p"/smaps_rollup 2>/dev/null
	done | awk '$1 == "Rss:" { r += $2 }
	    $1 == "Private_Clean:" || $1 == "Private_Dirty:" { u += $2 }
	    END { print r + 0, u + 0 }'
}

# udp_drops: datagrams the server namespace dropped for a full socket
# buffer so far (dnsmasq's DHCP socket is the only UDP socket there)
udp_drops() {
	ip netns exec "$LAB_S" awk '/^Udp:/ { if (h) { print $6; exit }
	    h = 1 }' /proc/net/snmp
}

# nfds PID...: open file descriptors summed
nfds() {
	for _p in "$@"; do
		ls /proc/"$_p"/fd 2>/dev/null | wc -l
	done | awk '{ s += $1 } END { print s + 0 }'
}

# cpu PID...: "utime+stime ticks, run time ns, voluntary switches,
# involuntary switches" summed over every thread
cpu() {
	for _p in "$@"; do
		for _t in /proc/"$_p"/task/*; do
			_st=$(sed 's/.*) //' "$_t"/stat 2>/dev/null)
			_ns=$(cut -d' ' -f1 "$_t"/schedstat 2>/dev/null)
			_vs=$(awk '$1 == "voluntary_ctxt_switches:" { print $2 }
			    ' "$_t"/status 2>/dev/null)
			_is=$(awk '$1 == "nonvoluntary_ctxt_switches:" {
			    print $2 }' "$_t"/status 2>/dev/null)
			echo "$_st" | awk -v ns="${_ns:-0}" -v vs="${_vs:-0}" \
			    -v is="${_is:-0}" '{ print $12 + $13, ns, vs, is }'
		done
	done | awk '{ a += $1; b += $2; c += $3; d += $4 }
	    END { printf "%.0f %.0f %.0f %.0f\n", a, b, c, d }'
}

# start_bg NAME NIF IF...: start a client under ttaddr in the background;
# TT_PID is ttaddr's pid (its client and helpers are its descendants).
start_bg() {
	_c=$1
	_n=$2
	shift 2
	if [ "$_n" -eq 1 ]; then
		_w="-i $1"
	else
		_w="-n $_n -l $R/bound.$_c.$_n"
	fi
	rm -f "$R/bg.out"
	# shellcheck disable=SC2046,SC2086
	ip netns exec "$LAB_C" sh -c "$PRIV" sh "$TTADDR" $_w \
	    -t "$SCALE_TIMEOUT" -- $(client_cmd "$_c" "$@") \
	    >"$R/bg.out" 2>>"$R/client.$_c.log" &
	TT_PID=$!
	lab_pid "$TT_PID"
}

# stop_bg: end the client started by start_bg
stop_bg() {
	kill -TERM "$TT_PID" 2>/dev/null
	wait_for 10 gone "$TT_PID"
}

if phase noise; then
# A lease of an hour: no renewal falls into the windows.
ip netns exec "$LAB_S" dnsmasq --keep-in-foreground --no-daemon \
    --conf-file=/dev/null --no-resolv --no-hosts --port=0 --no-ping \
    --interface=eth0 --bind-interfaces \
    --dhcp-range=192.0.2.100,192.0.2.199,255.255.255.0,3600 \
    --dhcp-leasefile="$D/dnsmasq-noise.leases" --pid-file="" \
    --user=root --group=root >>"$R/dnsmasq-noise.log" 2>&1 &
DNSMASQ_PID=$!
lab_pid $!
wait_for 5 grep -qs "DHCP, sockets bound" "$R/dnsmasq-noise.log" ||
    die "dnsmasq did not start"
CLIENTS_M="leased dhclient udhcpc dhcpcd"
for c in $CLIENTS_M; do
	say "memory and noise: $c"
	client_reset
	start_bg "$c" 1 eth0
	wait_for 30 grep -qs '^[0-9.]* [0-9.]* ' "$R/bg.out" ||
	    { say "$c: no address"; stop_bg; continue; }
	# Let the client settle (dhcpcd announces its address for 2 s).
	sleep 3
	pids=$(descendants "$TT_PID")
	addr=$(lab_addr eth0)
	addr=${addr%/*}
	echo "$(echo $pids | wc -w) $(pss $pids) $(nfds $pids)" \
	    "$(rss_uss $pids)" >"$R/mem.$c"
	for p in $pids; do
		echo "== $p $(cat /proc/"$p"/cmdline | tr '\0' ' ')"
		cat /proc/"$p"/smaps 2>/dev/null
	done >"$R/smaps.$c"
	c0=$(cpu $pids)
	sleep "$NOISE_SECS"
	c1=$(cpu $pids)
	ip netns exec "$LAB_S" "$NOISE" -i eth0 -m "$CMAC" -a "$addr" \
	    -r "$NOISE_RATE" -t "$NOISE_SECS" >"$R/noise.$c" 2>&1
	c2=$(cpu $pids)
	alive=0
	for p in $pids; do
		kill -0 "$p" 2>/dev/null && alive=$((alive + 1))
	done
	echo "$c0 $c1 $c2 $alive $(echo $pids | wc -w)" >"$R/cpu.$c"
	stop_bg
done
client_reset
kill "$DNSMASQ_PID" 2>/dev/null
sleep 0.5
fi

# ---------------------------------------------------------------------
# 4. Scale: N veth pairs, the server ends in one bridge, one dnsmasq.

if phase scale; then
# No IPv6 on the new interfaces: otherwise every one of them sends
# router and neighbour solicitations and MLD reports that the bridge
# floods to all the others, and the kernel's IPv6 input (route lookups
# over N link-local routes, MLD work) then eats both cores for
# N = 1000, whatever the DHCP client.
for ns in "$LAB_C" "$LAB_S"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$LAB_S" link add br0 type bridge forward_delay 0 stp_state 0 ||
    die "bridge"
ip -n "$LAB_S" addr add 198.18.0.1/15 dev br0
ip -n "$LAB_S" link set br0 up
NVETH=0

# veths N: grow to N pairs b1..bN (client) / p1..pN (server, in br0).
# The bridge ports are isolated: a client's broadcasts reach the server
# only, as on N separate links, not the N - 1 other clients (whose
# packet sockets would each see every DISCOVER: N * N frames).
# The client MACs are spread by a multiplicative hash of the index:
# with sequential MACs dnsmasq's address hash sends neighbours to the
# same first address, and parallel clients then race for it (NAKs).
veths() {
	[ "$NVETH" -ge "$1" ] && return 0
	awk -v a="$((NVETH + 1))" -v b="$1" -v ns="$LAB_C" 'BEGIN {
		for (i = a; i <= b; i++) {
			h = (i * 2654435761) % 4294967296
			printf "link add b%d netns %s address " \
			    "02:01:%02x:%02x:%02x:%02x type veth peer name p%d\n",
			    i, ns, int(h / 16777216) % 256, int(h / 65536) % 256,
			    int(h / 256) % 256, h % 256, i
		}
	}' | ip -n "$LAB_S" -batch - || die "veth creation"
	_i=$((NVETH + 1))
	while [ "$_i" -le "$1" ]; do
		echo "link set p$_i master br0 up"
		echo "link set p$_i type bridge_slave isolated on"
		_i=$((_i + 1))
	done | ip -n "$LAB_S" -batch - || die "bridge ports"
	_i=$((NVETH + 1))
	while [ "$_i" -le "$1" ]; do
		echo "link set b$_i up"
		_i=$((_i + 1))
	done | ip -n "$LAB_C" -batch - || die "client links up"
	NVETH=$1
}

scale_reset() {
	_i=1
	while [ "$_i" -le "$NVETH" ]; do
		echo "address flush dev b$_i"
		_i=$((_i + 1))
	done | ip -n "$LAB_C" -batch - 2>/dev/null
	ip -n "$LAB_C" route flush proto dhcp 2>/dev/null
	ip -n "$LAB_C" route flush table main 2>/dev/null
	rm -rf "$D/leases"
	mkdir -p "$D/leases"
}

ip netns exec "$LAB_S" dnsmasq --keep-in-foreground --no-daemon \
    --conf-file=/dev/null --no-resolv --no-hosts --port=0 --no-ping \
    --interface=br0 --bind-interfaces \
    --dhcp-range=198.18.0.10,198.19.255.250,255.254.0.0,3600 \
    --dhcp-lease-max=10000 --dhcp-leasefile="$D/dnsmasq-scale.leases" \
    --pid-file="" --user=root --group=root --log-dhcp \
    >>"$R/dnsmasq-scale.log" 2>&1 &
lab_pid $!
SCALE_DNSMASQ=$!
wait_for 5 grep -qs "DHCP, sockets bound" "$R/dnsmasq-scale.log" ||
    die "scale dnsmasq did not start"

: >"$R/scale"
for n in $SCALE; do
	t=$(date +%s.%N)
	veths "$n"
	t=$(echo "$(date +%s.%N) $t" | awk '{ printf "%.1f", $1 - $2 }')
	say "scale: $n interfaces (lab built in $t s)"
	for c in leased dhcpcd; do
		case $c in
		dhcpcd)
			echo " $SCALE_DHCPCD " | grep -q " $n " || continue ;;
		esac
		scale_reset
		{
			echo "lease directory \"$D/leases\""
			echo "resolv conf \"$D/resolv.conf\""
			i=1
			while [ "$i" -le "$n" ]; do
				echo "interface b$i"
				i=$((i + 1))
			done
		} >"$D/leased.conf"
		ifs=$(i=1; while [ "$i" -le "$n" ]; do printf 'b%d ' "$i";
		    i=$((i + 1)); done)
		drops=$(udp_drops)
		# shellcheck disable=SC2086
		start_bg "$c" "$n" $ifs
		wait_for $((SCALE_TIMEOUT + 5)) grep -qs '^[0-9.]* [-0-9.]* ' \
		    "$R/bg.out"
		sleep 1
		pids=$(descendants "$TT_PID")
		bound=$(ip -n "$LAB_C" -4 -o addr show | grep -c ' b[0-9]* ')
		ms=$(awk '$2 != "-" { print $3 } $2 == "-" { print "-" }' \
		    "$R/bg.out")
		echo "$c $n ${ms:--} $bound $(echo $pids | wc -w)" \
		    "$(pss $pids) $(nfds $pids) $(($(udp_drops) - drops))" \
		    >>"$R/scale"
		# CPU run time so far of each process, to see which one
		# the start-up of many interfaces waits for
		for p in $pids; do
			echo "$c $n $(cut -c1-15 /proc/"$p"/comm 2>/dev/null)" \
			    "$(cpu "$p" | awk '{ printf "%.0f", $2 / 1e6 }')"
		done | awk '{ k = $1 " " $2 " " $3; t[k] += $4; c[k]++ }
		    END { for (k in t) print k, c[k], t[k] }' |
		    sort >>"$R/scale.cpu"
		stop_bg
	done
done
scale_reset
fi

# ---------------------------------------------------------------------
# 5. Filter cost.

if phase filter; then
say "filter cost"
"$FILTERCOST" -n 1000000 >"$R/filtercost" 2>&1 ||
    say "filtercost: a verdict was not the expected one"
fi

say "writing $OUT/results.md"
T_END=$(date +%s)
echo "$LOAD_BEGIN $(cut -d' ' -f1-3 /proc/loadavg)" >"$R/loadavg"
sh "$TOP/bench/report.sh" "$R" "$OUT" $((T_END - T_BEGIN)) \
    "$NOISE_SECS" "$NOISE_RATE" "$RUNS" || die "report failed"

if [ "$(md5sum /etc/resolv.conf 2>/dev/null)" != "$RESOLV_SUM" ]; then
	die "FAILURE: /etc/resolv.conf changed during the benchmark"
fi
say "/etc/resolv.conf unchanged"
