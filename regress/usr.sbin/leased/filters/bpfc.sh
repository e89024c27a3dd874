#!/bin/sh
# bpfc: its disassembly agrees with tcpdump -d, and a source whose
# placeholders it cannot locate exactly is a build error with a clear
# message, not a header the parent would patch wrongly.

BPFC=./usr.sbin/leased/bpfc/bpfc
FILTERS=usr.sbin/leased/filters
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# The expression of a source, as pcap_compile gets it.
expr() {
	grep -v '^#' "$1" | sed 's/#.*//' | tr '\n\t' '  '
}

# bpfc -d prints what tcpdump -d prints for the same expression (the
# receive guard aside: compare rx without it).
for f in rx tx udp_tx; do
	grep -v '^#@ guard' "$FILTERS/$f.pcap" >"$tmp/$f.pcap"
	$BPFC -d "$tmp/$f.pcap" | sed 's/	<- .*//' >"$tmp/$f.bpfc"
	tcpdump -d -y EN10MB "$(expr "$FILTERS/$f.pcap")" >"$tmp/$f.tcpdump" \
	    2>"$tmp/$f.err"
	if [ -s "$tmp/$f.bpfc" ] && cmp -s "$tmp/$f.bpfc" "$tmp/$f.tcpdump"
	then
		ok "bpfc -d $f.pcap matches tcpdump -d" \
		    "($(wc -l <"$tmp/$f.bpfc") instructions)"
	else
		notok "bpfc -d $f.pcap matches tcpdump -d"
		diff "$tmp/$f.bpfc" "$tmp/$f.tcpdump" | head -20
		cat "$tmp/$f.err"
	fi
done

# The receive guard comes first: 5 instructions, then the program.
$BPFC -d "$FILTERS/rx.pcap" >"$tmp/rx.guarded"
cat >"$tmp/guard" <<'EOF'
(000) ld #type
(001) jeq #0x3 jt 4 jf 2
(002) ld #vlanp
(003) jeq #0x0 jt 5 jf 4
(004) ret #0
EOF
if sed -n 1,5p "$tmp/rx.guarded" | tr -s ' \t' ' ' | cmp -s - "$tmp/guard"
then
	ok "rx starts with the pkttype/vlanp guard"
else
	notok "rx starts with the pkttype/vlanp guard"
	sed -n 1,5p "$tmp/rx.guarded"
fi
if [ $(($(wc -l <"$tmp/rx.guarded") - 5)) -eq "$(wc -l <"$tmp/rx.bpfc")" ]
then
	ok "the rx guard adds exactly 5 instructions"
else
	notok "the rx guard adds exactly 5 instructions"
fi

# The marks beside the patch sites.
n=$(grep -c '<- MAC bytes' "$tmp/rx.guarded")
[ "$n" -eq 4 ] && ok "rx: 4 MAC patch sites marked" ||
    notok "rx: 4 MAC patch sites marked ($n)"

HEAD='#@ linktype EN10MB'
GOOD='ether src 02:de:ad:be:ef:01 and ip src 198.51.100.201'

# expect_error name message-regexp source-lines...
expect_error() {
	name=$1 re=$2
	shift 2
	printf '%s\n' "$@" >"$tmp/bad.pcap"
	if $BPFC -o "$tmp/bad.h" "$tmp/bad.pcap" >"$tmp/out" 2>&1; then
		notok "bpfc refuses $name (it succeeded)"
	elif ! grep -q -- "$re" "$tmp/out"; then
		notok "bpfc refuses $name with a message matching '$re'"
		cat "$tmp/out"
	elif [ -e "$tmp/bad.h" ] && [ -s "$tmp/bad.h" ]; then
		notok "bpfc refuses $name without leaving a header"
	else
		ok "bpfc refuses $name: $(head -1 "$tmp/out")"
	fi
	rm -f "$tmp/bad.h"
}

printf '%s\n' "$HEAD" '#@ mac 02:de:ad:be:ef:01 1' \
    '#@ leased 198.51.100.201 1' "$GOOD" >"$tmp/good.pcap"
if $BPFC -o "$tmp/good.h" "$tmp/good.pcap" 2>"$tmp/out" &&
    grep -q 'FILTER_V_MAC_HI16' "$tmp/good.h" &&
    grep -q 'FILTER_V_LEASED' "$tmp/good.h"; then
	ok "bpfc accepts a source whose placeholders are declared"
else
	notok "bpfc accepts a source whose placeholders are declared"
	cat "$tmp/out"
fi

expect_error "a MAC used once but declared twice" \
    'compared 1 time in the compiled program, the source declares 2' \
    "$HEAD" '#@ mac 02:de:ad:be:ef:01 2' '#@ leased 198.51.100.201 1' "$GOOD"
expect_error "a MAC used but not declared" \
    'MAC bytes 0-1 placeholder (0x2de) is compared 1 time' \
    "$HEAD" '#@ leased 198.51.100.201 1' "$GOOD"
expect_error "an address used twice but declared once" \
    'leased address placeholder (0xc63364c9) is compared 2 times' \
    "$HEAD" '#@ leased 198.51.100.201 1' \
    'ip src 198.51.100.201 and ip dst 198.51.100.201'
expect_error "a placeholder outside a jeq" \
    'used by an instruction other than "jeq #k"' \
    "$HEAD" '#@ leased 198.51.100.201 1' 'ip[12:4] & 0xc63364c9 != 0'
expect_error "half a MAC compared with a 32-bit load" \
    'not loaded as a 16-bit half word' \
    "$HEAD" '#@ mac 02:de:ad:be:ef:01 1' \
    'ip[56:4] = 0x02de and ip[60:4] = 0xadbeef01'
expect_error "a placeholder compared after arithmetic" \
    'not loaded as a 32-bit word' \
    "$HEAD" '#@ server 198.51.100.202 1' 'ip[16:4] + 1 = 0xc63364ca'
expect_error "a MAC other than the placeholder" \
    'the MAC placeholder must be 02:de:ad:be:ef:01' \
    "$HEAD" '#@ mac 02:de:ad:be:ef:02 1' 'ether src 02:de:ad:be:ef:02'
expect_error "a leased address other than the placeholder" \
    'the leased placeholder must be 198.51.100.201' \
    "$HEAD" '#@ leased 198.51.100.1 1' 'ip src 198.51.100.1'
expect_error "a source without a link type" 'no "#@ linktype" directive' \
    '#@ leased 198.51.100.201 1' 'ip src 198.51.100.201'
expect_error "a syntax error" 'syntax error' "$HEAD" 'ip src and'
expect_error "an unknown directive" 'unknown directive' "$HEAD" \
    '#@ gateway 198.51.100.203 1' 'ip'
exit 0
