#!/bin/sh
# Self-test of fakedhcpd: two network namespaces joined by a veth pair,
# fakedhcpd on one side, dhcpc.py (a minimal client that parses and
# checks every reply) on the other.  Only 192.0.2.0/24, inside them.

dir=regress/usr.sbin/leased/fakedhcpd
PY=/usr/bin/python3
SRV="$PY $dir/fakedhcpd.py"
CLI="$PY $dir/dhcpc.py -i eth0"
NSC=fdc$$
NSS=fds$$
TMP=$(mktemp -d /tmp/fakedhcpd.XXXXXX)
SRV_PID=
FAILED=0

cleanup() {
	stop
	ip netns del "$NSC" 2>/dev/null
	ip netns del "$NSS" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; FAILED=$((FAILED + 1)); }
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

ip netns add "$NSC" || exit 1
ip netns add "$NSS" || exit 1
ip link add "fc$$" netns "$NSC" type veth peer name "fs$$" netns "$NSS" ||
    exit 1
ip -n "$NSC" link set "fc$$" name eth0 address 02:00:00:00:00:01
ip -n "$NSS" link set "fs$$" name eth0 address 02:00:00:00:00:02
ip -n "$NSC" link set eth0 up
ip -n "$NSS" addr add 192.0.2.1/24 dev eth0
ip -n "$NSS" link set eth0 up

# start [fakedhcpd options]: run the server, wait until it is ready
start() {
	stop
	# a fresh log, so that "ready" is never the previous server's
	rm -f "$TMP/srv.log"
	ip netns exec "$NSS" $SRV -i eth0 "$@" >"$TMP/srv.log" 2>&1 &
	SRV_PID=$!
	_i=0
	while ! grep -qs '^ready' "$TMP/srv.log"; do
		_i=$((_i + 1))
		if [ "$_i" -gt 100 ] || ! kill -0 "$SRV_PID" 2>/dev/null; then
			echo "# server did not start: $*"
			sed 's/^/# /' "$TMP/srv.log"
			return 1
		fi
		sleep 0.05
	done
}

stop() {
	if [ -n "$SRV_PID" ]; then
		kill "$SRV_PID" 2>/dev/null
		wait "$SRV_PID" 2>/dev/null
		SRV_PID=
	fi
}

# client OUT args...: run dhcpc.py in the client namespace
client() {
	_out=$1
	shift
	ip netns exec "$NSC" $CLI "$@" >"$TMP/$_out" 2>&1
}

# has FILE key=value...: every line is in the client's output
has() {
	_f=$TMP/$1
	shift
	for _l in "$@"; do
		grep -qxF "$_l" "$_f" || { echo "# $1: no $_l"; return 1; }
	done
}

# lacks FILE pattern: no line matches
lacks() {
	! grep -q "$2" "$TMP/$1"
}

# srvlog pattern: a server log line matches (extended regexp)
srvlog() {
	grep -Eq "$1" "$TMP/srv.log" || { echo "# server log lacks: $1"; return 1; }
}

# changed BASE OUT: the keys whose values differ, sorted, on one line
changed() {
	awk -F= 'FNR == NR { a[$1] = $0; next }
	    { if (a[$1] != $0) d[$1] = 1; seen[$1] = 1 }
	    END { for (k in a) if (!(k in seen)) d[k] = 1
		for (k in d) print k }' "$TMP/$1" "$TMP/$2" | sort | tr '\n' ' ' |
	    sed 's/ $//'
}

# override "expected changed keys" --set ...: the reply to a DISCOVER with
# the override differs from the plain one in exactly those keys
override() {
	_want=$1
	shift
	start $BASE "$@" || { not_ok "override $*: server"; return; }
	client ov discover --xid 0x11223344
	_got=$(changed base ov)
	if [ "$_got" = "$_want" ]; then
		ok "override $* changes exactly: $_want"
	else
		not_ok "override $* changes exactly: $_want (got: $_got)"
	fi
}

BASE="--address 192.0.2.50 --router 192.0.2.1 --router 192.0.2.2 \
    --dns 192.0.2.53 --domain example.org --search example.org \
    --search lab.example --mtu 1400 --lease 10 --t1 3 --t2 6 \
    --classless 10.0.0.0/8,192.0.2.1 --classless 0.0.0.0/0,192.0.2.2 \
    --ipv6-only 1800"

# --- a well-behaved server
start $BASE || exit 1
client offer discover
check "DISCOVER gets an OFFER of the pool address" has offer opt53=02 \
    yiaddr=192.0.2.50 xid_match=1 op=2 chaddr=02:00:00:00:00:01
check "OFFER IPv4 and UDP checksums and lengths are right" has offer \
    ip_csum_ok=1 ip_len_ok=1 udp_csum_ok=1 udp_len_ok=1 ip_ihl=5 \
    ip_frag=0x0000
check "OFFER comes from 192.0.2.1:67 to yiaddr:68 and the client MAC" \
    has offer ip_src=192.0.2.1 ip_dst=192.0.2.50 udp_sport=67 \
    udp_dport=68 eth_dst=02:00:00:00:00:01 eth_src=02:00:00:00:00:02
check "OFFER carries the configured options" has offer opt54=c0000201 \
    opt51=0000000a opt58=00000003 opt59=00000006 opt1=ffffff00 \
    opt3=c0000201c0000202 opt6=c0000235 opt15=6578616d706c652e6f7267 \
    opt26=0578 \
    opt119=076578616d706c65036f726700036c6162076578616d706c6500 \
    opt121=080ac000020100c0000202 end=1
check "option 108 only when the client asks for it" lacks offer '^opt108='
check "server logs the broadcast DISCOVER" srvlog \
    '^recv DHCPDISCOVER xid=0x[0-9a-f]{8} chaddr=02:00:00:00:00:01 .* ip_dst=255\.255\.255\.255 .* broadcast '
check "server logs the OFFER it sent" srvlog '^sent DHCPOFFER .*yiaddr=192\.0\.2\.50'

client v6 discover --prl 1,3,108
check "option 108 sent to a client that asks for it" has v6 opt108=00000708

client bcast discover --broadcast
check "broadcast flag: OFFER to 255.255.255.255" has bcast \
    ip_dst=255.255.255.255 eth_dst=ff:ff:ff:ff:ff:ff flags=0x8000

client ack request --requested 192.0.2.50 --server-id 192.0.2.1
check "REQUEST (selecting) gets an ACK" has ack opt53=05 yiaddr=192.0.2.50 \
    ip_csum_ok=1 udp_csum_ok=1 opt51=0000000a
check "server logs state=selecting" srvlog \
    '^recv DHCPREQUEST .*requested=192\.0\.2\.50 server_id=192\.0\.2\.1 state=selecting'

client reboot request --requested 192.0.2.50
check "REQUEST (init-reboot) gets an ACK" has reboot opt53=05
check "server logs state=init-reboot" srvlog 'state=init-reboot'

ip -n "$NSC" addr add 192.0.2.50/24 dev eth0
client renew renew --ciaddr 192.0.2.50 --server 192.0.2.1 --all \
    --timeout 0.7
ip -n "$NSC" addr del 192.0.2.50/24 dev eth0
check "unicast renewal gets an ACK unicast to ciaddr" has renew opt53=05 \
    ip_dst=192.0.2.50 ciaddr=192.0.2.50 eth_dst=02:00:00:00:00:01
check "server logs the renewal as unicast to its address" srvlog \
    '^recv DHCPREQUEST .*ciaddr=192\.0\.2\.50 .*state=renewing .*ip_src=192\.0\.2\.50 ip_dst=192\.0\.2\.1 sport=68 unicast'
check "no ICMP error for the unicast request" lacks renew '^ip_proto=1$'

client nak request --requested 192.0.2.77
check "REQUEST for an address not ours gets a NAK" has nak opt53=06 \
    yiaddr=0.0.0.0 ip_dst=255.255.255.255 opt54=c0000201
check "NAK carries no lease options" lacks nak '^opt51='

client other request --requested 192.0.2.50 --server-id 192.0.2.9 \
    --timeout 0.7
check "REQUEST for another server is not answered" has other frames=0
check "server logs it ignored it" srvlog '^ignore DHCPREQUEST .*server_id=192\.0\.2\.9'

client rc discover --rapid-commit
check "rapid commit off: DISCOVER with option 80 gets an OFFER" has rc \
    opt53=02
start $BASE --rapid-commit || exit 1
client rc discover --rapid-commit
check "rapid commit: DISCOVER with option 80 gets an ACK with 80" has rc \
    opt53=05 opt80= yiaddr=192.0.2.50
client rc2 discover
check "rapid commit: DISCOVER without option 80 gets an OFFER" has rc2 \
    opt53=02

# --- overrides: each changes exactly the field asked
start $BASE || exit 1
client base discover --xid 0x11223344
override "udp_csum yiaddr" --set offer.yiaddr=192.0.2.99
override "udp_csum xid xid_match" --set offer.xid=+1
override "chaddr udp_csum" --set offer.chaddr=02:00:00:00:00:99
override "opt51 udp_csum" --set offer.option.51=hex:00000000
override "op udp_csum" --set any.op=1
override "" --set ack.yiaddr=192.0.2.99
override "udp_csum udp_csum_ok" --set any.udp_csum=bad
override "udp_csum udp_csum_ok" --set any.udp_csum=zero
override "ip_csum_ok" --set any.ip_csum=bad
override "frame_len ip_ihl ip_len" --set any.ip_options=hex:01010101
override "ip_frag" --set any.fragment=mf
override "ip_frag" --set any.fragment=df
# the kernel strips a tag no VLAN device takes, and marks the frame as
# for another host
override "pkttype" --set any.vlan=5
override "eth_dst pkttype" --set offer.eth_dst=ff:ff:ff:ff:ff:ff
override "ip_ttl" --set offer.ip_ttl=1
override "ip_src udp_csum" --set offer.ip_src=192.0.2.9
override "opt54 udp_csum" --set offer.option.54=ip:192.0.2.9

start $BASE --set any.udp_len=+5 || exit 1
client ul discover
check "udp_len=+5: UDP length 5 more than the datagram" has ul \
    udp_len_ok=0 ip_len_ok=1 ip_csum_ok=1
start $BASE --set any.ip_len=-4 || exit 1
client il discover
check "ip_len=-4: IPv4 total length short by 4, checksum still right" \
    has il ip_len_ok=0 ip_csum_ok=1
start $BASE --set any.fragment=offset:10 || exit 1
client fo discover
check "fragment=offset:10: a non-first fragment" has fo ip_frag=0x000a
start $BASE --set any.fragment=split || exit 1
client fs discover --all --timeout 0.7
check "fragment=split: two fragments, MF then offset" has fs frames=2 \
    ip_frag=0x2000
check "fragment=split: second fragment has an offset and no MF" \
    grep -Eqx 'ip_frag=0x00[0-9a-f][1-9a-f]' "$TMP/fs"
start $BASE --set any.option.121=none --set any.option.53=u8:5 || exit 1
client rm discover
check "option.53=u8:5 makes the OFFER an ACK" has rm opt53=05
check "option.121=none removes option 121" lacks rm '^opt121='
start $BASE --set offer.raw_options=hex:3501020c05616263 || exit 1
client raw discover
check "raw_options: exactly those bytes, truncated option 12, no END" \
    has raw opt53=02 opt12=616263 truncated_at=3 end=0 bootp_len=248
start $BASE --set any.append=hex:34010334 --set any.end=0 || exit 1
client ap discover
check "append, end=0: option 52, then its code alone as the last byte" \
    has ap opt52=03 end=0 udp_csum_ok=1
check "append, end=0: the options end inside an option" \
    grep -q '^truncated_at=' "$TMP/ap"
start $BASE --set offer.pad_to=1000 || exit 1
client pad discover
check "pad_to=1000: a 1000-byte BOOTP message with END" has pad \
    bootp_len=1000 end=1 udp_csum_ok=1 udp_len=1008
start $BASE --set offer.copies=3 || exit 1
client cp discover --all --timeout 0.7
check "copies=3 sends the OFFER three times" has cp frames=3
start $BASE --set offer.drop=1 || exit 1
client dr discover --timeout 0.7
check "drop=1 sends nothing" has dr frames=0
check "drop=1 is logged" srvlog '^silent DHCPOFFER .*\(drop\)'

# --- NAKs and silence
start $BASE --nak-all --nak-from 192.0.2.9 || exit 1
client na request --requested 192.0.2.50 --server-id 192.0.2.1
check "--nak-all NAKs a REQUEST for our address" has na opt53=06
check "--nak-from sets the NAK's server identifier" has na opt54=c0000209
client na2 request --requested 192.0.2.50
check "--nak-all NAKs again" has na2 opt53=06

start $BASE --no-answer-after 1 || exit 1
client s1 discover
client s2 discover --timeout 0.7
check "--no-answer-after 1: the first DISCOVER is answered" has s1 opt53=02
check "--no-answer-after 1: the second is not" has s2 frames=0
check "--no-answer-after 1: the second is logged" srvlog '^silent DHCPOFFER'
check "--no-answer-after 1: both DISCOVERs are logged" \
    test "$(grep -c '^recv DHCPDISCOVER' "$TMP/srv.log")" -eq 2

start $BASE || exit 1
kill -USR1 "$SRV_PID"
sleep 0.1
client u1 discover --timeout 0.7
kill -USR2 "$SRV_PID"
sleep 0.1
client u2 discover
check "SIGUSR1 silences the server" has u1 frames=0
check "SIGUSR2 makes it answer again" has u2 opt53=02

start $BASE --forcerenew --forcerenew-delay 0.2 || exit 1
client fr request --requested 192.0.2.50 --server-id 192.0.2.1 --all \
    --timeout 1
check "--forcerenew: ACK then a FORCERENEW (type 9)" has fr frames=2 \
    opt53=05 opt53=09
check "--forcerenew: sent unicast to the client" srvlog \
    '^sent DHCPFORCERENEW .*to=02:00:00:00:00:01 ip_dst=192\.0\.2\.50'
client fr2 request --requested 192.0.2.50 --server-id 192.0.2.1 --all \
    --timeout 1
check "--forcerenew: only after the first ACK" has fr2 frames=1 opt53=05

# --- flood
RATE=20000
start $BASE --flood offer:$RATE:2 || exit 1
client fl discover --count 1
got=$(sed -n 's/^count=\([0-9]*\) .*/\1/p' "$TMP/fl")
echo "# flood: asked $RATE/s, client saw ${got:-0} frames in 1 s"
check "--flood offer:$RATE:2 reaches 90% of the rate asked (${got:-0}/s)" \
    test "${got:-0}" -ge $((RATE * 9 / 10))
check "--flood frames are OFFERs for the client's xid" has fl opt53=02 \
    xid_match=1
sleep 1.1
check "--flood ends after its time" srvlog '^flood done type=offer'

start $BASE --flood nak:2000:1:request || exit 1
client fa discover --count 0.5
check "--flood ...:request: no flood after a DISCOVER" \
    grep -Eq '^count=[01] ' "$TMP/fa"
client fb request --requested 192.0.2.50 --count 0.5
got=$(sed -n 's/^count=\([0-9]*\) .*/\1/p' "$TMP/fb")
check "--flood nak:2000:1:request: NAKs flood after a REQUEST (${got:-0})" \
    test "${got:-0}" -ge 800
check "--flood nak: the frames are NAKs" \
    grep -Eq '^queued_opt53=06 [0-9]{3,}$' "$TMP/fb"

stop
[ "$FAILED" -eq 0 ]
