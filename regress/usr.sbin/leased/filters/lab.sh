#!/bin/sh
# The kernel enforces leased's socket filters: two network namespaces
# joined by a veth pair, filter_lab run in the client's.  Needs root;
# everything is removed on exit.

LAB=./regress/usr.sbin/leased/filters/filter_lab
A=leased-flt-a.$$
B=leased-flt-b.$$

if [ "$(id -u)" != 0 ]; then
	echo "ok - lab skipped: not root"
	exit 0
fi

cleanup() {
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

set -e
ip netns add "$A"
ip netns add "$B"
for ns in "$A" "$B"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n "$ns" link set lo up
done
ip link add veth0 netns "$A" address 52:54:00:12:34:56 type veth \
    peer name veth1 netns "$B" address 52:54:00:aa:bb:cc
ip -n "$A" link set veth0 up
ip -n "$B" link set veth1 up
ip -n "$A" addr add 192.0.2.10/24 dev veth0
ip -n "$B" addr add 192.0.2.1/24 dev veth1
# No ARP in the way of unicast sends: to the server, and to 192.0.2.2
# (which the UDP socket must not reach).
ip -n "$A" neigh add 192.0.2.1 lladdr 52:54:00:aa:bb:cc dev veth0 \
    nud permanent
ip -n "$A" neigh add 192.0.2.2 lladdr 52:54:00:aa:bb:cc dev veth0 \
    nud permanent
set +e

ip netns exec "$A" $LAB "/var/run/netns/$B"
rc=$?
ip -n "$A" link show veth0 >/dev/null 2>&1 &&
    echo "# tc egress at the end:" &&
    ip netns exec "$A" tc filter show dev veth0 egress | sed 's/^/# /'
exit $rc
