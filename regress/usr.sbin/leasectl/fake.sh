#!/bin/sh
# leasectl against fakectl, a stand-in for leased's control socket: the
# requests it sends, its human and JSON output, wait mode, and answers
# a broken or hostile daemon could give (wrong sizes, unterminated
# strings, counts past their arrays, forged lengths, early close), which
# must end in an error, never a crash.

LEASECTL=${LEASECTL:-./usr.sbin/leasectl/leasectl}
FAKE=${FAKE:-./regress/usr.sbin/leasectl/fakectl}
DIR=regress/usr.sbin/leasectl
PYTHON=${PYTHON:-/usr/bin/python3}
failed=0
fake_pid=
tmp=$(mktemp -d /tmp/leasectl-fake.XXXXXX)
sock=$tmp/leased.sock

cleanup() {
	if [ -n "$fake_pid" ]; then
		kill "$fake_pid" 2>/dev/null
		wait "$fake_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

check() {
	_d=$1
	shift
	if "$@"; then
		echo "ok - $_d"
	else
		echo "not ok - $_d"
		sed 's/^/# stderr: /' "$tmp/err"
		sed 's/^/# fake: /' "$tmp/fake" 2>/dev/null
		failed=$((failed + 1))
	fi
}

# fake MODE: start fakectl and wait for its socket
fake() {
	fake_stop
	"$FAKE" "$sock" "$1" >"$tmp/fake" 2>&1 &
	fake_pid=$!
	_i=0
	while [ ! -S "$sock" ] && [ "$_i" -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
}

# fake_stop: wait for fakectl to end (it serves one client)
fake_stop() {
	[ -n "$fake_pid" ] || return 0
	_i=0
	while kill -0 "$fake_pid" 2>/dev/null && [ "$_i" -lt 40 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	kill "$fake_pid" 2>/dev/null
	wait "$fake_pid" 2>/dev/null
	fake_pid=
}

# lc MODE args...: leasectl against a fresh fakectl in MODE
lc() {
	_m=$1
	shift
	fake "$_m"
	"$LEASECTL" -s "$sock" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	fake_stop
}

err_is() {
	[ "$(cat "$tmp/err")" = "$1" ]
}

err_has() {
	grep -qF -- "$1" "$tmp/err"
}

fake_said() {
	grep -qx -- "$1" "$tmp/fake"
}

# failed_cleanly: exit 1 (not a signal, not a crash) with a message
failed_cleanly() {
	[ "$rc" -eq 1 ] && [ -s "$tmp/err" ]
}

# json EXPR: a python3 expression over d, the parsed -j output
json() {
	"$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$tmp/out" "$1"
}

# -- requests: what goes on the wire --

lc one show interface
check "show interface asks for all interfaces (index 0)" \
    fake_said "SHOW_INTERFACE_INFO 0"
check "show interface exits 0" [ "$rc" -eq 0 ]
check "human output of a bound interface" \
    cmp -s "$tmp/out" "$DIR/show-one.ok"
check "a hostile domain is escaped for the terminal" \
    eval 'grep -qF "domain ex\"ample\\134.org\\033[2J" "$tmp/out" &&
    ! grep -q "$(printf "\033")" "$tmp/out"'

lo_index=$(cat /sys/class/net/lo/ifindex)
lc one show interface lo
check "show interface lo asks for lo's index" \
    fake_said "SHOW_INTERFACE_INFO $lo_index"
check "show interface lo prints lo's answer" \
    eval '[ "$rc" -eq 0 ] && head -1 "$tmp/out" | grep -qx "eth0 \[Bound\]"'

lc none show interface lo
check "an interface the daemon does not manage is an error" \
    eval '[ "$rc" -eq 1 ] && err_is "leasectl: lo: not managed by leased"'
lc none -j show interface
check "no interfaces: -j prints an empty array" \
    eval '[ "$rc" -eq 0 ] && json "d == []"'

lc one send request lo
check "send request sends the interface index" \
    eval '[ "$rc" -eq 0 ] && fake_said "SEND_REQUEST $lo_index"'
lc one release lo
check "release sends the interface index" \
    eval '[ "$rc" -eq 0 ] && fake_said "RELEASE $lo_index"'
lc one log verbose
check "log verbose sends 1" \
    eval '[ "$rc" -eq 0 ] && fake_said "LOG_VERBOSE 1"'
lc one log brief
check "log brief sends 0" \
    eval '[ "$rc" -eq 0 ] && fake_said "LOG_VERBOSE 0"'
lc one reload
check "reload waits for the end and exits 0" \
    eval '[ "$rc" -eq 0 ] && fake_said "RELOAD"'

# -- human and JSON output --

lc two show interface
check "human output: classless routes, infinite lease, two interfaces" \
    cmp -s "$tmp/out" "$DIR/show-two.ok"

lc one -j show interface
check "-j output is valid JSON" \
    "$PYTHON" -m json.tool "$tmp/out" /dev/null
check "-j: an array of one object" \
    json 'isinstance(d, list) and len(d) == 1'
check "-j: interface, index, state, running" \
    json 'd[0]["interface"] == "eth0" and d[0]["index"] == 2 and
d[0]["state"] == "Bound" and d[0]["running"] is True and
d[0]["lease"] is True'
check "-j: address, prefixlen, netmask, broadcast, server" \
    json 'd[0]["address"] == "192.0.2.163" and d[0]["prefixlen"] == 24 and
d[0]["netmask"] == "255.255.255.0" and
d[0]["broadcast"] == "192.0.2.255" and d[0]["server"] == "192.0.2.1"'
check "-j: times are numbers of seconds" \
    json 'd[0]["lease_time"] == 120 and d[0]["lease_left"] == 110 and
d[0]["renewal_in"] == 50 and d[0]["rebinding_in"] == 95'
check "-j: without classless routes, the default route via the first router" \
    json 'd[0]["routes"] == [{"destination": "0.0.0.0", "prefixlen": 0,
"gateway": "192.0.2.1"}] and d[0]["routers"] == ["192.0.2.1", "192.0.2.2"]'
check "-j: nameservers, search, mtu" \
    json 'd[0]["nameservers"] == ["192.0.2.53", "192.0.2.54"] and
d[0]["search"] == ["example.org", "example.net"] and d[0]["mtu"] == 1400'
check "-j: quotes, backslashes and control characters survive escaping" \
    json 'd[0]["domain"] == "ex\"ample\\.org\x1b[2J"'

lc two -j show interface
check "-j with two interfaces is valid JSON" \
    "$PYTHON" -m json.tool "$tmp/out" /dev/null
check "-j: classless routes, on-link gateway null" \
    json 'd[0]["routes"] == [
{"destination": "198.51.100.0", "prefixlen": 24, "gateway": "192.0.2.254"},
{"destination": "203.0.113.0", "prefixlen": 25, "gateway": None},
{"destination": "0.0.0.0", "prefixlen": 0, "gateway": "192.0.2.1"}]'
check "-j: an infinite lease has null times" \
    json 'all(d[0][k] is None for k in
("lease_time", "lease_left", "renewal_in", "rebinding_in"))'
check "-j: absent broadcast, domain and mtu are omitted" \
    json 'not any(k in d[0] for k in ("broadcast", "domain", "mtu"))'
check "-j: an interface without a lease has no lease keys" \
    json 'd[1] == {"interface": "eth1", "index": 3, "state": "Selecting",
"running": False, "lease": False}'

# -- a broken or hostile daemon --

lc short show interface
check "an interface info one byte short is an error" \
    eval 'failed_cleanly && err_has "invalid IMSG_CTL_INTERFACE_INFO"'
lc long -j show interface
check "an interface info one byte long is an error" \
    eval 'failed_cleanly && err_has "invalid IMSG_CTL_INTERFACE_INFO"'
lc unterminated show interface
check "an interface name without NUL is an error" \
    eval 'failed_cleanly && err_has "invalid IMSG_CTL_INTERFACE_INFO"'
lc count show interface
check "more routes than a lease holds is an error" \
    eval 'failed_cleanly && err_has "invalid IMSG_CTL_INTERFACE_INFO"'
lc hugelen show interface
check "a forged message length is an error" \
    eval 'failed_cleanly && err_has "invalid message from leased"'
lc type show interface
check "an answer of the wrong type is an error" \
    eval 'failed_cleanly && err_has "unexpected message"'
lc close show interface
check "show: the daemon closing early is an error" \
    eval 'failed_cleanly && err_is "leasectl: leased closed the connection"'
lc close reload
check "reload: the daemon closing early is an error" \
    eval 'failed_cleanly && err_is "leasectl: leased closed the connection"'

# -- wait mode --

lc wait-3 -w 5 lo
check "wait mode asks the daemon to manage the interface" \
    fake_said "MANAGE lo"
check "wait mode exits 0 once the interface is bound" \
    eval '[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
    fake_said "SHOW_INTERFACE_INFO $lo_index"'
check "wait mode looks again until bound (3 looks)" \
    [ "$(grep -cx "SHOW_INTERFACE_INFO $lo_index" "$tmp/fake")" -eq 3 ]
lc wait-1 lo
check "a bare interface name waits (default maxwait)" \
    eval '[ "$rc" -eq 0 ] && fake_said "MANAGE lo"'

start=$(date +%s)
lc never -w 1 lo
end=$(date +%s)
check "wait mode times out with a message" \
    eval '[ "$rc" -eq 1 ] && err_is "leasectl: lo: no lease after 1 second"'
check "wait mode gives up after maxwait, not much later" \
    [ $((end - start)) -le 3 ]
lc never -w 0 lo
check "-w 0 only asks for the interface and does not wait" \
    eval '[ "$rc" -eq 0 ] && fake_said "MANAGE lo" &&
    ! fake_said "SHOW_INTERFACE_INFO $lo_index"'
lc close -w 2 lo
check "wait mode: the daemon closing early is an error" \
    eval 'failed_cleanly && err_is "leasectl: leased closed the connection"'

# -- memory, when valgrind is here and leasectl is not built with ASan --
if command -v valgrind >/dev/null 2>&1 &&
    ! grep -q __asan_init "$LEASECTL"; then
	fake two
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite "$LEASECTL" -s "$sock" -j \
	    show interface >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	fake_stop
	check "valgrind: no memory errors in show interface -j" \
	    eval '[ "$rc" -eq 0 ] && json "len(d) == 2"'
fi

[ "$failed" -eq 0 ]
