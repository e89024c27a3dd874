#!/bin/sh
# A hostile DHCP server: every case below has fakedhcpd (server side)
# send one kind of bad, odd or abusive reply to a fresh leased (client
# side, -vv so the sandbox traps instead of killing) and checks that
# leased does what the table says:
#
#   reject  the engine parses the reply and refuses it (the leased log
#           names the reason): no address, route, resolv.conf or MTU
#           change
#   ignore  the reply never counts: dropped by the receive filter, the
#           frontend or the engine's transaction checks; no change
#   accept  the lease is applied: address, lifetime, routes, resolv.conf
#   clamp   the lease is applied with the offending value corrected or
#           the offending option left out
#
# After every case: the three leased processes are the ones the case
# started (none died, none was restarted), and the log holds no sandbox
# violation.  Every case starts from a clean client namespace (no
# address, no DHCP route, no lease file, no resolv.conf).
#
# The table (name | what the server does | expected | what the leased
# log must show, an extended regular expression, "-" for nothing |
# fakedhcpd options on top of --address 192.0.2.50 --router 192.0.2.1
# --dns 192.0.2.53) is read by the loop at the end: it is the test.

. regress/lab.sh
. regress/usr.sbin/leased/hostile/lib.sh

# Names and option values that cannot stand in the table as they are.
A63=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
LONGNAME=$A63.$A63.$A63.$A63		# 255 characters, valid labels
H_LONG=$(hexstr "$LONGNAME")
NL='
'
H_D_CTRL=$(hexstr "exa${NL}nameserver 198.51.100.66")
H_D_SUBST=$(hexstr '$(reboot).example.org')
H_D_TICK=$(hexstr '`id`.example.org')
H_D_SEMI=$(hexstr 'a;reboot.example.org')
H_D_PIPE=$(hexstr 'a|id.example.org')
H_D_AMP=$(hexstr 'a&id.example.org')
# A 319-character search name needs two option 119 instances (RFC 3396).
H_S_LONG=$(dnswire $A63 $A63 $A63 $A63 $A63)
H_S_LONG1=$(echo "$H_S_LONG" | cut -c1-510)
H_S_LONG2=77$(printf %02x $(( (${#H_S_LONG} - 510) / 2 )))$(echo "$H_S_LONG" | cut -c511-)
H_S_CTRL=$(dnswire "x${NL}nameserver 198.51.100.66" example)
H_S_SUBST=$(dnswire '$(reboot)' example)
H_S_TICK=$(dnswire '`id`' example)
H_S_SEMI=$(dnswire 'a;reboot' example)
H_S_PIPE=$(dnswire 'a|id' example)
H_S_AMP=$(dnswire 'a&id' example)
H_S_MIXED=$(dnswire good example)$(dnswire 'b;ad' example)
H_S_GOOD=$(dnswire good example)$(dnswire corp example)

cases() {
	cat <<EOF
normal            | a well-formed lease with domain and search       | accept | bound to 192.0.2.50 from 192.0.2.1 | --domain example.org --search example.net
yiaddr_zero       | yiaddr 0.0.0.0                                   | reject | address 0.0.0.0 not unicast | --set any.yiaddr=0.0.0.0
yiaddr_bcast      | yiaddr 255.255.255.255                           | reject | address 255.255.255.255 not unicast | --set any.yiaddr=255.255.255.255
yiaddr_loopback   | yiaddr 127.0.0.1                                 | reject | address 127.0.0.1 not unicast | --set any.yiaddr=127.0.0.1
yiaddr_multicast  | yiaddr 224.0.0.1                                 | reject | address 224.0.0.1 not unicast | --set any.yiaddr=224.0.0.1
yiaddr_classe     | yiaddr 240.0.0.1                                 | reject | address 240.0.0.1 not unicast | --set any.yiaddr=240.0.0.1
yiaddr_subnet_bc  | yiaddr 192.0.2.255, the subnet broadcast         | reject | is the broadcast address | --set any.yiaddr=192.0.2.255
yiaddr_network    | yiaddr 192.0.2.0, the subnet's network address   | reject | is the network address | --set any.yiaddr=192.0.2.0
mask_noncontig    | option 1 255.0.255.0                             | reject | option 1: non-contiguous | --set any.option.1=ip:255.0.255.0
mask_zero         | option 1 0.0.0.0 (prefix 0)                      | reject | prefix length 0 | --set any.option.1=ip:0.0.0.0
router_offlink    | option 3 198.51.100.1, outside the subnet        | clamp  | ignoring router 198.51.100.1 | --set any.option.3=ip:198.51.100.1
router_one_bad    | option 3 198.51.100.1 then 192.0.2.1             | clamp  | ignoring router 198.51.100.1 | --set any.option.3=ip:198.51.100.1,192.0.2.1
router_self       | option 3 = our own address 192.0.2.50            | clamp  | ignoring router 192.0.2.50 | --set any.option.3=ip:192.0.2.50
router_subnet_bc  | option 3 = 192.0.2.255, the subnet broadcast     | clamp  | ignoring router 192.0.2.255 | --set any.option.3=ip:192.0.2.255
cl_prefix33       | option 121 with prefix length 33                 | reject | option 121: prefix length 33 | --set any.option.121=hex:21c000020100c0000201
cl_truncated      | option 121 cut inside the router address         | reject | option 121: truncated | --set any.option.121=hex:18c63364c000
cl_loopback       | option 121 route to 127.0.0.0/8                  | reject | route to 127.0.0.0/8 | --classless 127.0.0.0/8,192.0.2.1
cl_offlink_gw     | option 121 route via 203.0.113.1, not on-link    | reject | route gateway 203.0.113.1 not on-link | --classless 198.51.100.0/24,203.0.113.1
cl_tunnelvision   | option 121 0.0.0.0/1 + 128.0.0.0/1 via on-link   | accept | bound to 192.0.2.50 | --classless 0.0.0.0/1,192.0.2.1 --classless 128.0.0.0/1,192.0.2.1
len_1             | option 1 of 3 bytes                              | reject | option 1: length 3, want 4 | --set any.option.1=hex:ffffff
len_3             | option 3 of 5 bytes                              | reject | option 3: length 5 | --set any.option.3=hex:c0000201ff
len_3_empty       | option 3 of 0 bytes                              | reject | option 3: length 0 | --set any.option.3=hex:
len_6             | option 6 of 6 bytes                              | reject | option 6: length 6 | --set any.option.6=hex:c0000235c000
len_26            | option 26 of 3 bytes                             | reject | option 26: length 3, want 2 | --set any.option.26=hex:05dc00
len_28            | option 28 of 5 bytes                             | reject | option 28: length 5, want 4 | --set any.option.28=hex:c00002ff00
len_51            | option 51 of 3 bytes                             | reject | option 51: length 3, want 4 | --set any.option.51=hex:000e10
len_53            | option 53 of 2 bytes                             | reject | option 53: length 2, want 1 | --set any.option.53=hex:0202
len_54            | option 54 of 5 bytes                             | reject | option 54: length 5, want 4 | --set any.option.54=hex:c000020100
len_58            | option 58 of 2 bytes                             | reject | option 58: length 2, want 4 | --set any.option.58=hex:0708
len_59            | option 59 of 8 bytes                             | reject | option 59: length 8, want 4 | --set any.option.59=hex:0000000000000c4e
len_108           | option 108 of 2 bytes                            | reject | option 108: length 2, want 4 | --set any.option.108=hex:012c
dup_51            | option 51 twice (RFC 3396 makes it 8 bytes)      | reject | option 51: length 8, want 4 | --set any.append=hex:330400000e10
opt_truncated     | an option whose length runs past the end         | reject | option 12 truncated | --set any.append=hex:0cff6162 --set any.end=0
mtu_67            | option 26 = 67                                   | reject | MTU 67 below 68 | --mtu 67
mtu_1400          | option 26 = 1400                                 | accept | bound to 192.0.2.50 | --mtu 1400
overload_last     | option 52 as the very last byte, no END          | reject | option 52 truncated | --set any.append=hex:34 --set any.end=0
overload_noend    | option 52 = 1, file field without END            | reject | no end option in file | --set any.option.52=u8:1 --set any.file=hex:0c03616263
hostname_long     | option 12 of 255 characters                      | clamp  | bound to 192.0.2.50 | --set any.option.12=hex:$H_LONG
domain_long       | option 15 of 255 characters                      | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_LONG
domain_ctrl       | option 15 with a newline and "nameserver ..."    | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_CTRL
domain_subst      | option 15 "\$(reboot).example.org"                | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_SUBST
domain_backtick   | option 15 "\`id\`.example.org"                    | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_TICK
domain_semicolon  | option 15 "a;reboot.example.org"                 | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_SEMI
domain_pipe       | option 15 "a(pipe)id.example.org"                | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_PIPE
domain_amp        | option 15 "a&id.example.org"                     | clamp  | bound to 192.0.2.50 | --set any.option.15=hex:$H_D_AMP
search_good       | option 119 good.example, corp.example            | accept | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_GOOD
search_long       | option 119 (twice) with a 319-character name     | reject | option 119: name too long | --set any.option.119=hex:$H_S_LONG1 --set any.append=hex:$H_S_LONG2
search_ctrl       | option 119 label with a newline + "nameserver"   | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_CTRL
search_subst      | option 119 "\$(reboot).example"                   | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_SUBST
search_backtick   | option 119 "\`id\`.example"                       | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_TICK
search_semicolon  | option 119 "a;reboot.example"                    | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_SEMI
search_pipe       | option 119 "a(pipe)id.example"                   | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_PIPE
search_amp        | option 119 "a&id.example"                        | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_AMP
search_mixed      | option 119 good.example and "b;ad.example"       | clamp  | bound to 192.0.2.50 | --set any.option.119=hex:$H_S_MIXED
lease_zero        | option 51 = 0                                    | reject | without a usable lease time | --set any.option.51=u32:0
lease_missing     | an ACK without option 51                         | reject | DHCPACK without a usable lease time | --set ack.option.51=none
lease_one         | option 51 = 1                                    | clamp  | lease time 1s raised to 20s | --lease 1
lease_infinite    | option 51 = 0xffffffff                           | accept | bound to 192.0.2.50 | --lease 4294967295
lease_huge        | option 51 = 0xfffffffe                           | clamp  | bound to 192.0.2.50 | --lease 4294967294
t1_gt_t2          | T1 3000 > T2 1000                                | clamp  | bound to 192.0.2.50 | --t1 3000 --t2 1000
t2_gt_lease       | T2 4000 > lease 3600                             | clamp  | bound to 192.0.2.50 | --t1 1000 --t2 4000
xid_mismatch      | replies with xid + 1                             | ignore | dropped: xid | --set any.xid=+1
chaddr_mismatch   | chaddr 02:00:00:00:00:99                         | ignore | - | --set any.chaddr=02:00:00:00:00:99
op_request        | BOOTP op 1 (BOOTREQUEST)                         | ignore | - | --set any.op=1
hlen_16           | BOOTP hlen 16                                    | ignore | - | --set any.hlen=16
cookie_bad        | a wrong DHCP magic cookie                        | ignore | - | --set any.cookie=0x63825364
ip_csum_bad       | a bad IPv4 header checksum                       | ignore | bad IP header checksum | --set any.ip_csum=bad
udp_csum_bad      | a bad UDP checksum                               | ignore | bad UDP checksum | --set any.udp_csum=bad
udp_csum_zero     | UDP checksum 0 (none computed, RFC 768)          | accept | bound to 192.0.2.50 | --set any.udp_csum=zero
ip_frag_mf        | IPv4 "more fragments" set                        | ignore | - | --set any.fragment=mf
ip_frag_offset    | IPv4 fragment offset 8                           | ignore | - | --set any.fragment=offset:1
ip_frag_split     | the reply as two real IPv4 fragments             | ignore | - | --set any.fragment=split
ip_ihl_short      | IPv4 header length 16                            | ignore | - | --set any.ip_ihl=4
ip_len_long       | IPv4 total length 8 beyond the frame             | ignore | IP total length [0-9]+ exceeds frame | --set any.ip_len=+8
ip_len_short      | IPv4 total length 8 short of the UDP datagram    | ignore | UDP length [0-9]+, IP payload | --set any.ip_len=-8
udp_len_long      | UDP length 4 beyond the datagram                 | ignore | UDP length [0-9]+, IP payload | --set any.udp_len=+4
udp_len_short     | UDP length 4 short of the datagram               | ignore | UDP length [0-9]+, IP payload | --set any.udp_len=-4
vlan_tagged       | the reply in an 802.1Q tag (VLAN 5)              | ignore | - | --set any.vlan=5
oversize          | a 1742-byte frame (MTU 2000 on both sides)       | ignore | - | --set any.pad_to=1700
no_server_id      | no option 54                                     | ignore | no usable server identifier | --set any.option.54=none
server_id_bcast   | option 54 255.255.255.255                        | ignore | no usable server identifier | --set any.option.54=ip:255.255.255.255
ip_options        | IPv4 header with 4 bytes of options (IHL 6)      | accept | bound to 192.0.2.50 | --set any.ip_options=hex:01010100
ack_other_addr    | the ACK is for 192.0.2.51, not what we asked     | ignore | DHCPACK for 192.0.2.51: not what we asked for | --set ack.yiaddr=192.0.2.51
ack_bad_mask      | a good OFFER, an ACK with mask 255.0.255.0       | reject | option 1: non-contiguous | --set ack.option.1=ip:255.0.255.0
forcerenew        | DHCPFORCERENEW 0.5 s after the ACK               | ignore | DHCP message type 9 | --forcerenew
nak_other_server  | NAKs every REQUEST with server id 192.0.2.99     | ignore | dropped DHCPNAK from 192.0.2.99, not our server | --nak-all --nak-from 192.0.2.99
nak_storm         | NAKs every REQUEST, for 15 s                     | clamp  | DHCPNAK from 192.0.2.1 | --nak-all
offer_flood       | 10 000 OFFERs a second for 10 s, while bound     | ignore | - | --flood offer:10000:10:request
EOF
}

# --- checks of the accepted and clamped cases: c_NAME -------------------

# addr_is ADDR/PLEN: the client's one IPv4 address
addr_is() {
	[ "$(ip -n "$LAB_C" -4 -o addr show dev "$LAB_CIF" | wc -l)" -eq 1 ] &&
	    [ "$(lab_addr)" = "$1" ]
}

# route_has TEXT: a DHCP route line contains TEXT
route_has() {
	ip -n "$LAB_C" route show proto dhcp | grep -q -- "$1"
}

no_default() {
	[ -z "$(ip -n "$LAB_C" route show default)" ]
}

resolv_has() {
	grep -q -- "$1" "$LAB_DIR/resolv.conf" 2>/dev/null
}

resolv_lacks() {
	[ -f "$LAB_DIR/resolv.conf" ] &&
	    ! grep -q -- "$1" "$LAB_DIR/resolv.conf"
}

std_lease() {
	check "$1: address 192.0.2.50/24" addr_is 192.0.2.50/24
	check "$1: default route via 192.0.2.1, protocol dhcp" \
	    route_has "default via 192.0.2.1"
	check "$1: resolv.conf names 192.0.2.53" \
	    resolv_has "^nameserver 192.0.2.53\$"
}

# The bad names must not reach resolv.conf, in any form.
no_bad_names() {
	check "$1: resolv.conf has no domain or search line" \
	    sh -c "! grep -Eq '^(domain|search)' '$LAB_DIR/resolv.conf'"
	check "$1: resolv.conf has only the header and the name server" \
	    sh -c "[ \"\$(grep -vc '^#' '$LAB_DIR/resolv.conf')\" -eq 1 ]"
	check "$1: resolv.conf has no injected name server" \
	    resolv_lacks 198.51.100.66
	check "$1: the lease file has no domain or search" \
	    sh -c "! grep -Eq '^(domain|search)' '$LAB_DIR/leases/$LAB_CIF.lease'"
}

c_normal() {
	std_lease normal
	check "normal: resolv.conf has search example.net" \
	    resolv_has "^search example.net\$"
	lft=$(lab_valid_lft)
	check "normal: kernel lifetime ${lft}s, within the 3600 s lease" \
	    in_range "$lft" 3590 3600
}

c_router_offlink() {
	check "router_offlink: the lease is applied" addr_is 192.0.2.50/24
	check "router_offlink: no default route" no_default
	check "router_offlink: resolv.conf names 192.0.2.53" \
	    resolv_has "^nameserver 192.0.2.53\$"
}

c_router_one_bad() {
	check "router_one_bad: the lease is applied" addr_is 192.0.2.50/24
	check "router_one_bad: default route via the on-link router" \
	    route_has "default via 192.0.2.1"
}

c_router_self() {
	check "router_self: the lease is applied" addr_is 192.0.2.50/24
	check "router_self: no default route" no_default
}

c_router_subnet_bc() {
	check "router_subnet_bc: the lease is applied" addr_is 192.0.2.50/24
	check "router_subnet_bc: no default route" no_default
}

c_cl_tunnelvision() {
	check "cl_tunnelvision: address 192.0.2.50/24" addr_is 192.0.2.50/24
	check "cl_tunnelvision: route 0.0.0.0/1 via 192.0.2.1" \
	    route_has "^0.0.0.0/1 via 192.0.2.1"
	check "cl_tunnelvision: route 128.0.0.0/1 via 192.0.2.1" \
	    route_has "^128.0.0.0/1 via 192.0.2.1"
	check "cl_tunnelvision: option 121 overrides option 3 (no default)" \
	    no_default
}

c_mtu_1400() {
	std_lease mtu_1400
	check "mtu_1400: link MTU 1400" sh -c \
	    "ip -n $LAB_C link show dev $LAB_CIF | grep -q 'mtu 1400 '"
}

c_hostname_long() {
	std_lease hostname_long
	check "hostname_long: the name is in no file" \
	    sh -c "! grep -rq aaaaaaaa '$LAB_DIR/resolv.conf' '$LAB_DIR/leases'"
}

c_domain_long() {
	std_lease domain_long
	check "domain_long: the name is in no file" \
	    sh -c "! grep -rq aaaaaaaa '$LAB_DIR/resolv.conf' '$LAB_DIR/leases'"
	check "domain_long: leasectl shows no domain" \
	    [ -z "$(ctl_json domain)" ]
}

for _c in domain_ctrl domain_subst domain_backtick domain_semicolon \
    domain_pipe domain_amp search_ctrl search_subst search_backtick \
    search_semicolon search_pipe search_amp; do
	eval "c_$_c() { std_lease $_c; no_bad_names $_c; }"
done

c_search_good() {
	std_lease search_good
	check "search_good: resolv.conf has search good.example corp.example" \
	    resolv_has "^search good.example corp.example\$"
}

c_search_mixed() {
	std_lease search_mixed
	check "search_mixed: one bad name drops the whole list" \
	    sh -c "! grep -q '^search' '$LAB_DIR/resolv.conf'"
}

c_lease_one() {
	lft=$(lab_valid_lft)
	check "lease_one: kernel valid_lft ${lft}s is at most 20" \
	    in_range "$lft" 15 20
	check "lease_one: leasectl says lease_time 20" \
	    [ "$(ctl_json lease_time)" = 20 ]
}

c_lease_infinite() {
	std_lease lease_infinite
	check "lease_infinite: kernel valid_lft forever" sh -c \
	    "ip -n $LAB_C -4 addr show dev $LAB_CIF | grep -q 'valid_lft forever'"
}

c_lease_huge() {
	lft=$(lab_valid_lft)
	check "lease_huge: 0xfffffffe clamped to 366 days (valid_lft ${lft}s)" \
	    in_range "$lft" 31622300 31622400
}

c_t1_gt_t2() {
	r=$(ctl_json renewal_in)
	b=$(ctl_json rebinding_in)
	check "t1_gt_t2: renewal in ${r}s, the 0.5 default" \
	    in_range "$r" 1790 1800
	check "t1_gt_t2: rebinding in ${b}s, the 0.875 default" \
	    in_range "$b" 3140 3150
}

c_t2_gt_lease() {
	r=$(ctl_json renewal_in)
	b=$(ctl_json rebinding_in)
	check "t2_gt_lease: renewal in ${r}s, the 0.5 default" \
	    in_range "$r" 1790 1800
	check "t2_gt_lease: rebinding in ${b}s, the 0.875 default" \
	    in_range "$b" 3140 3150
}

c_udp_csum_zero() {
	std_lease udp_csum_zero
}

c_ip_options() {
	std_lease ip_options
}

# --- cases that need more than the generic flow: pre_NAME, run_NAME ----

pre_oversize() {
	ip -n "$LAB_C" link set "$LAB_CIF" mtu 2000
	ip -n "$LAB_S" link set "$LAB_SIF" mtu 2000
}

run_forcerenew() {
	if ! leased_bound "$LAB_CIF" 3; then
		not_ok "forcerenew: leased binds before the FORCERENEW"
		return
	fi
	if ! wait_for 3 srv_seen '^sent DHCPFORCERENEW'; then
		not_ok "forcerenew: the server sent its FORCERENEW"
		return
	fi
	sleep 2
	n=$(srv_after '^sent DHCPFORCERENEW' '^recv DHCPREQUEST')
	check "forcerenew: no REQUEST within 2 s of the FORCERENEW ($n)" \
	    [ "$n" -eq 0 ]
	check "forcerenew: still bound to 192.0.2.50" addr_is 192.0.2.50/24
	check "forcerenew: leasectl says Bound" [ "$(ctl_json state)" = Bound ]
}

run_nak_other_server() {
	if ! wait_for 3 srv_seen '^sent DHCPNAK'; then
		not_ok "nak_other_server: the server sent its NAK"
		return
	fi
	sleep 2
	n=$(srv_after '^sent DHCPNAK' '^recv DHCPDISCOVER')
	check "nak_other_server: no DISCOVER after the NAK ($n)" [ "$n" -eq 0 ]
	check "nak_other_server: leasectl says Requesting" \
	    [ "$(ctl_json state)" = Requesting ]
	check "nak_other_server: no address" [ -z "$(lab_addr)" ]
}

run_nak_storm() {
	sleep 15
	n=$(srv_count '^recv DHCP(DISCOVER|REQUEST)')
	naks=$(srv_count '^sent DHCPNAK')
	check "nak_storm: $n DISCOVERs+REQUESTs in 15 s ($naks NAKs): the backoff caps them at 12" \
	    in_range "$n" 4 12
	check "nak_storm: no address" [ -z "$(lab_addr)" ]
}

run_offer_flood() {
	if ! leased_bound "$LAB_CIF" 3; then
		not_ok "offer_flood: leased binds as the flood starts"
		return
	fi
	if ! wait_for 3 srv_seen '^flood start'; then
		not_ok "offer_flood: the flood started"
		return
	fi
	set -- $LEASED_PIDS
	t0=$(now_ms)
	c0=$(cpu_ticks "$2" "$3")
	p0=$(cpu_ticks "$1")
	sleep 8
	c1=$(cpu_ticks "$2" "$3")
	p1=$(cpu_ticks "$1")
	t1=$(now_ms)
	hz=$(getconf CLK_TCK)
	# percent of one core, one decimal
	pct=$(( (c1 - c0) * 1000 * 1000 / hz / (t1 - t0) ))
	ppct=$(( (p1 - p0) * 1000 * 1000 / hz / (t1 - t0) ))
	wait_for 5 srv_seen '^flood done'
	fl=$(grep -m1 '^flood done' "$SRV_LOG")
	sent=$(echo "$fl" | sed -n 's/.* sent=\([0-9]*\).*/\1/p')
	el=$(echo "$fl" | sed -n 's/.* elapsed=\([0-9.]*\).*/\1/p')
	rate=$(awk -v s="${sent:-0}" -v e="${el:-1}" \
	    'BEGIN { printf "%d", s / (e > 0 ? e : 1) }')
	echo "# $fl"
	check "offer_flood: the server kept up about 10000 OFFERs a second ($rate/s, $sent in ${el}s)" \
	    [ "$rate" -ge 9000 ]
	check "offer_flood: engine+frontend used $((pct / 10)).$((pct % 10))% of a core (parent $((ppct / 10)).$((ppct % 10))%), below 50%" \
	    [ "$pct" -lt 500 ]
	check "offer_flood: the lease is kept (192.0.2.50/24)" \
	    addr_is 192.0.2.50/24
	check "offer_flood: leasectl still says Bound" \
	    [ "$(ctl_json state)" = Bound ]
}

# --- the loop ----------------------------------------------------------

has_fn() {
	command -v "$1" >/dev/null 2>&1 &&
	    [ "$(command -v "$1")" = "$1" ]
}

trim() {
	echo "$1" | sed 's/^[ 	]*//; s/[ 	]*$//'
}

# one_case NAME WHAT EXPECT PATTERN ARGS
one_case() {
	name=$1
	expect=$3
	pat=$4
	lab_reset
	: >"$LAB_DIR/leased.log"
	has_fn "pre_$name" && "pre_$name"
	set -f
	# shellcheck disable=SC2086
	srv_start --router 192.0.2.1 --dns 192.0.2.53 $5 || {
		set +f
		not_ok "$name: fakedhcpd starts"
		return
	}
	set +f
	before=$(kstate)
	if [ "$name" = offer_flood ]; then
		leased_start		# as deployed: no -vv, no trap mode
	else
		leased_start -vv
	fi
	if ! leased_up; then
		not_ok "$name: leased starts its three processes"
		leased_log
		leased_end
		srv_stop
		return
	fi

	if has_fn "run_$name"; then
		"run_$name"
	else
		case $expect in
		reject|ignore)
			wait_for 3 srv_seen '^sent ' ||
			    not_ok "$name: the server answered"
			# leased binds within 0.1 s of an answer it takes;
			# once it logged its decision, a little is enough.
			if [ "$pat" != - ] && wait_for 2 grep -Eq -- \
			    "$pat" "$LAB_DIR/leased.log"; then
				sleep 0.3
			else
				sleep 1
			fi
			after=$(kstate)
			if [ "$before" = "$after" ]; then
				ok "$name: $expect: no address, route, MTU or resolv.conf change"
			else
				not_ok "$name: $expect: no address, route, MTU or resolv.conf change"
				echo "$after" | sed 's/^/# /'
			fi
			;;
		accept|clamp)
			if leased_bound "$LAB_CIF" 3 && wait_for 2 grep -q \
			    "configured 192.0.2" "$LAB_DIR/leased.log"; then
				ok "$name: $expect: bound to $(lab_addr)"
				has_fn "c_$name" && "c_$name"
			else
				not_ok "$name: $expect: bound"
			fi
			;;
		esac
	fi
	if [ "$pat" != - ]; then
		if wait_for 2 grep -Eq -- "$pat" "$LAB_DIR/leased.log"; then
			ok "$name: the log says \"$(grep -Eo -m1 -- "$pat" \
			    "$LAB_DIR/leased.log")\""
		else
			not_ok "$name: the log says \"$pat\""
		fi
	fi
	check "$name: the three processes are the ones it started with" \
	    same_pids
	if grep -q "forbidden syscall" "$LAB_DIR/leased.log"; then
		not_ok "$name: no sandbox violation: $(grep -m1 \
		    'forbidden syscall' "$LAB_DIR/leased.log")"
	else
		ok "$name: no sandbox violation"
	fi
	if [ "$LAB_FAILED" -gt "$failed_before" ]; then
		echo "# --- leased log of $name"
		leased_log
		echo "# --- server log of $name"
		sed 's/^/# /' "$SRV_LOG" | head -n 40
	fi
	leased_end || not_ok "$name: leased ends on SIGTERM"
	srv_stop
}

lab_init
lab_conf "interface $LAB_CIF"
cases >"$LAB_DIR/cases"
ncases=$(grep -c . "$LAB_DIR/cases")
echo "# $ncases cases"
only=${HOSTILE_CASES:-}
# The NAK storm mostly waits: it runs beside the others, in namespaces
# of its own, and its results join ours at the end.
storm_pid=
if [ -z "$only" ]; then
	HOSTILE_CASES=nak_storm sh "$0" >"$LAB_DIR/nak_storm.out" 2>&1 &
	storm_pid=$!
	lab_pid "$storm_pid"
fi
while IFS='|' read -r c_name c_what c_expect c_pat c_args <&9; do
	c_name=$(trim "$c_name")
	if [ -n "$only" ] && ! echo " $only " | grep -q " $c_name "; then
		continue
	fi
	[ -n "$storm_pid" ] && [ "$c_name" = nak_storm ] && continue
	failed_before=$LAB_FAILED
	t_case=$(now_ms)
	one_case "$c_name" "$(trim "$c_what")" "$(trim "$c_expect")" \
	    "$(trim "$c_pat")" "$(trim "$c_args")"
	echo "# $c_name: $(( $(now_ms) - t_case )) ms"
done 9<"$LAB_DIR/cases"
if [ -n "$storm_pid" ]; then
	wait "$storm_pid"
	grep -v '^# [0-9]* cases$' "$LAB_DIR/nak_storm.out"
	n=$(grep -c '^not ok' "$LAB_DIR/nak_storm.out")
	LAB_FAILED=$((LAB_FAILED + n))
	grep -q '^ok' "$LAB_DIR/nak_storm.out" ||
	    not_ok "nak_storm: the case ran"
fi
lab_done
