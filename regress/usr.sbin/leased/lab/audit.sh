#!/bin/sh
# leased -n -vv prints every program it would attach to an interface,
# disassembled, with the interface's own values patched in.

. regress/lab.sh
lab_init
ip -n "$LAB_C" link set "$LAB_CIF" address 02:00:00:00:ab:cd
lab_conf "interface $LAB_CIF"
out=$LAB_DIR/audit.txt
ip netns exec "$LAB_C" "$LEASED" -n -vv -f "$LAB_DIR/leased.conf" >"$out" 2>&1
check "leased -n -vv exits 0" [ $? -eq 0 ]
for p in rx tx udp_tx; do
	check "it prints the $p program for $LAB_CIF" \
	    grep -q "^filter $p on $LAB_CIF:" "$out"
done
check "the MAC's first two bytes are patched in (0x200)" \
    grep -q "jeq *#0x200 .*MAC bytes 0-1" "$out"
check "the MAC's last four bytes are patched in (0xab cd)" \
    grep -q "jeq *#0xabcd .*MAC bytes 2-5" "$out"
check "no placeholder MAC is left" sh -c "! grep -q '0x2de\\|0xadbeef01' $out"
check "every program ends in a return" \
    [ "$(grep -c 'ret ' "$out")" -ge 6 ]
check "the configuration is printed first" grep -q "^interface \"$LAB_CIF\"" "$out"
lab_done
