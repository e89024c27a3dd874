#!/bin/sh
# leasectl against the live daemon: wait mode, show interface (human and
# JSON) agreeing with the kernel, send request, release, and a wait that
# times out on a link with no server.

. regress/lab.sh
lab_init
lab_veth eth1 eth1 198.51.100.1/24 02:00:00:00:01:01
lab_capture
lab_dnsmasq --dhcp-option=option:router,192.0.2.1 \
    --dhcp-option=option:dns-server,192.0.2.53 \
    --dhcp-option=option:domain-search,example.org
lab_conf "interface $LAB_CIF"
leased_start -vv
ctl() {
	ip netns exec "$LAB_C" "$LEASECTL" -s "$LAB_DIR/leased.sock" "$@"
}
wait_for 5 test -S "$LAB_DIR/leased.sock"

if ctl -w 10 "$LAB_CIF"; then
	ok "leasectl -w 10 $LAB_CIF returns 0 once bound"
else
	not_ok "leasectl -w 10 $LAB_CIF returns 0 once bound"
fi
check "and the kernel has the address then" lab_has_addr "$LAB_CIF"
addr=$(lab_addr)
a=${addr%/*}

out=$(ctl show interface "$LAB_CIF")
echo "$out" | sed 's/^/# /'
check "show interface: the state is Bound" \
    sh -c "echo '$out' | head -1 | grep -q '\[Bound\]'"
check "show interface: the kernel's address $a" \
    sh -c "echo '$out' | grep -q 'inet $a netmask 255.255.255.0'"
check "show interface: the default route" \
    sh -c "echo '$out' | grep -q 'default.*192.0.2.1'"
check "show interface: the name server" \
    sh -c "echo '$out' | grep -q '192.0.2.53'"
check "show interface: the search list" \
    sh -c "echo '$out' | grep -q 'example.org'"

ctl -j show interface >"$LAB_DIR/show.json"
check "-j prints valid JSON" /usr/bin/python3 -m json.tool "$LAB_DIR/show.json"
check "-j agrees with the kernel" /usr/bin/python3 -c "
import json, subprocess, sys
j = json.load(open('$LAB_DIR/show.json'))
i = [x for x in j if x['interface'] == '$LAB_CIF'][0]
k = json.loads(subprocess.check_output(['ip', '-n', '$LAB_C', '-j', '-4',
    'addr', 'show', 'dev', '$LAB_CIF']))[0]['addr_info'][0]
r = json.loads(subprocess.check_output(['ip', '-n', '$LAB_C', '-j',
    'route', 'show', 'default']))[0]
assert i['state'] == 'Bound', i['state']
assert i['address'] == k['local'], (i['address'], k['local'])
assert i['prefixlen'] == k['prefixlen'], (i['prefixlen'], k['prefixlen'])
assert abs(i['lease_left'] - k['valid_life_time']) <= 2, (i, k)
assert any(x.get('gateway') == r['gateway'] for x in i['routes']), i
"

from=$(( $(lab_npackets) + 1 ))
t0=$(date +%s%N)
ctl send request "$LAB_CIF"
if lab_seen "Message.*: Request" "$from"; then
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	check "send request: a REQUEST on the wire within 1 s (${ms} ms)" \
	    [ "$ms" -lt 1000 ]
else
	not_ok "send request: a REQUEST on the wire"
fi

from=$(( $(lab_npackets) + 1 ))
ctl release "$LAB_CIF"
check "release: a RELEASE goes to the server" \
    lab_seen "Message.*: Release" "$from"
if wait_for 3 sh -c "! ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q 'inet $a/'"; then
	ok "release: the address is removed"
else
	not_ok "release: the address is removed"
fi
check "release: show interface says Released" \
    sh -c "ip netns exec $LAB_C $LEASECTL -s $LAB_DIR/leased.sock show interface $LAB_CIF | head -1 | grep -q Released"

# eth1 has no DHCP server: leasectl starts managing it and times out.
t0=$(date +%s)
ctl -w 2 eth1 2>"$LAB_DIR/wait.err"
rc=$?
t=$(( $(date +%s) - t0 ))
check "-w 2 on a link with no server fails (exit $rc)" [ "$rc" -ne 0 ]
check "-w 2 gives up after about 2 s (${t} s)" [ "$t" -ge 2 -a "$t" -le 4 ]
check "and says why: $(cat "$LAB_DIR/wait.err")" \
    grep -q "no lease after 2 seconds" "$LAB_DIR/wait.err"
check "eth1 is now managed (sockets opened on request)" \
    grep -q "eth1: managing" "$LAB_DIR/leased.log"
check "all three processes still run" leased_alive
leased_no_violation
lab_done
