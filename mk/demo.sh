#!/bin/sh
# make demo: leased in a throwaway pair of network namespaces, against
# dnsmasq, from start to a bound lease; then what it did, as leased,
# the kernel and ps see it; then everything is torn down, also on
# Ctrl-C.  Run from the top of the tree, as root, after "make"; exits 0
# when a lease was bound.
#
# Nothing outside the two namespaces is touched: the lease directory,
# resolv.conf and the control socket live in a scratch directory.

if [ "$(id -u)" != 0 ]; then
	echo "demo: must run as root: it creates network namespaces" >&2
	exit 1
fi
for f in usr.sbin/leased/leased usr.sbin/leasectl/leasectl; do
	if [ ! -x "$f" ]; then
		echo "demo: $f is not built: run 'make demo'" >&2
		exit 1
	fi
done

# The user the engine and the frontend run as; lab_init creates it.
if ! getent passwd _leased >/dev/null; then
	echo "demo: creating system user _leased (home /var/empty," \
	    "no login shell)"
fi
[ -d /var/empty ] || echo "demo: creating /var/empty (root's, 0755)"

. regress/lab.sh

section() {
	echo
	echo "=== $*"
}

# Indented, so the sections stand out.
show() {
	"$@" 2>&1 | sed 's/^/    /'
}

lab_init
# lab_init's EXIT trap tears everything down; say why first.
trap 'echo; echo "demo: interrupted: tearing down" >&2; exit 130' INT
trap 'echo "demo: terminated: tearing down" >&2; exit 143' TERM
echo "demo: namespaces $LAB_C (client, $LAB_CIF) and $LAB_S" \
    "(server, $LAB_SIF 192.0.2.1/24), joined by a veth pair"
echo "demo: scratch directory $LAB_DIR"

if ! lab_dnsmasq --dhcp-option=option:router,192.0.2.1 \
    --dhcp-option=option:dns-server,192.0.2.53 \
    --dhcp-option=option:domain-search,example.net; then
	echo "demo: dnsmasq did not start:" >&2
	cat "$LAB_DIR/dnsmasq.log" >&2
	exit 1
fi
echo "demo: dnsmasq (pid $DNSMASQ_PID) serves 192.0.2.100-199," \
    "120 s leases"

lab_conf "interface $LAB_CIF"
SOCK=$LAB_DIR/leased.sock
ctl() {
	ip netns exec "$LAB_C" "$LEASECTL" -s "$SOCK" "$@"
}

section "leased.conf"
show cat "$LAB_DIR/leased.conf"

leased_start
echo
echo "demo: leased -d -f $LAB_DIR/leased.conf -s $SOCK" \
    "(pid $LEASED_PID), in $LAB_C"
if ! wait_for 5 test -S "$SOCK"; then
	echo "demo: leased did not create its control socket:" >&2
	cat "$LAB_DIR/leased.log" >&2
	exit 1
fi
echo "demo: leasectl -w 10 $LAB_CIF: waiting for a lease"
if ctl -w 10 "$LAB_CIF"; then
	bound=1
	echo "demo: $LAB_CIF is bound"
else
	bound=0
	echo "demo: no lease within 10 s; the daemon's log:" >&2
	sed 's/^/    /' "$LAB_DIR/leased.log" >&2
fi

section "leasectl show interface"
ctl show interface >"$LAB_DIR/show.txt" 2>&1
show cat "$LAB_DIR/show.txt"
grep -q "\[Bound\]" "$LAB_DIR/show.txt" || bound=0

section "the kernel's view: ip -4 addr, ip route (in $LAB_C)"
show ip -n "$LAB_C" -4 addr show dev "$LAB_CIF"
show ip -n "$LAB_C" route show
section "the server's view: dnsmasq's log"
show sed -n 's/^dnsmasq-dhcp: [0-9]* \(DHCP[A-Z]*(.*\)$/\1/p' \
    "$LAB_DIR/dnsmasq.log"
section "resolv.conf as leased wrote it ($LAB_DIR/resolv.conf)"
show cat "$LAB_DIR/resolv.conf"

section "filters in force: tc filter show dev $LAB_CIF egress"
show tc -n "$LAB_C" filter show dev "$LAB_CIF" egress
section "what they admit: leased -n -vv (the send program in full)"
ip netns exec "$LAB_C" "$LEASED" -n -vv -f "$LAB_DIR/leased.conf" \
    >"$LAB_DIR/audit.txt" 2>&1
show awk '/^filter / { p = ($2 == "tx"); print; next }
    p { print } END { }' "$LAB_DIR/audit.txt"
echo "    (leased -n -vv prints the receive and UDP programs too)"

section "processes: user, pid, parent, sandbox"
pids="$LEASED_PID $(leased_children "$LEASED_PID")"
show ps -o user,pid,ppid,comm -p "$(echo $pids | tr ' ' ,)"
for p in $pids; do
	printf '    %-16s Seccomp %s  NoNewPrivs %s  CapEff %s\n' \
	    "$(cat /proc/"$p"/comm 2>/dev/null)" \
	    "$(proc_status "$p" Seccomp)" "$(proc_status "$p" NoNewPrivs)" \
	    "$(proc_status "$p" CapEff)"
done
echo "    (Seccomp 2: a filter is installed; CapEff 0: no capability)"

section "tearing down"
leased_stop
if tc -n "$LAB_C" filter show dev "$LAB_CIF" egress | grep -q leased; then
	echo "demo: leased stopped (SIGTERM), but its tc programs remain" >&2
	bound=0
else
	echo "demo: leased stopped (SIGTERM) and removed its tc programs"
fi
lab_cleanup
LAB_PIDS=
LAB_NETNS=
LAB_DIR=
left=
for n in "$LAB_C" "$LAB_S"; do
	ip netns list | grep -qw "$n" && left="$left namespace $n"
done
for p in $pids $DNSMASQ_PID; do
	gone "$p" || left="$left pid $p"
done
if [ -n "$left" ]; then
	echo "demo: left behind:$left" >&2
	exit 1
fi
echo "demo: namespaces $LAB_C and $LAB_S deleted, processes" \
    "$(echo $pids $DNSMASQ_PID) ended"

if [ "$bound" -eq 1 ]; then
	echo "demo: ok, a lease was bound"
	exit 0
fi
echo "demo: FAILED, no lease was bound" >&2
exit 1
