#!/bin/sh
# SIGHUP reloads leased.conf: a changed "send host name" reaches the
# wire on the next REQUEST; a broken configuration is logged and the
# running one stays.

. regress/lab.sh
lab_init
lab_capture
lab_dnsmasq
conf() {
	# In place: Landlock lets the parent read this file, not its
	# directory, so the file must stay the same one.
	cat >"$LAB_DIR/leased.conf" <<EOT
lease directory "$LAB_DIR/leases"
resolv conf "$LAB_DIR/resolv.conf"
interface $LAB_CIF {
	$1
}
EOT
}
conf 'send host name "alpha"'
leased_start -vv
leased_bound "$LAB_CIF" 15 || { not_ok "bound"; leased_log; exit 1; }
ok "bound"
check "the REQUEST carries host name alpha" lab_seen 'Request .*Hostname.*"alpha"'

from=$(( $(lab_npackets) + 1 ))
conf 'send host name "beta"'
kill -HUP "$LEASED_PID"
if wait_for 5 grep -q "configuration reloaded" "$LAB_DIR/leased.log"; then
	ok "SIGHUP reloads the configuration"
else
	not_ok "SIGHUP reloads the configuration"
	leased_log
fi
check "the changed interface verifies its lease" \
    wait_for 5 grep -q "$LAB_CIF: settings changed" "$LAB_DIR/leased.log"
check "the next REQUEST carries host name beta" \
    lab_seen 'Request .*Hostname.*"beta"' "$from"

# A broken file: logged with file and line, the old settings stay.
from=$(( $(lab_npackets) + 1 ))
conf 'send host name "gamma"
	bogus keyword'
kill -HUP "$LEASED_PID"
if wait_for 5 grep -q "reload failed" "$LAB_DIR/leased.log"; then
	ok "a broken configuration is refused"
else
	not_ok "a broken configuration is refused"
fi
check "the error names the file and line" \
    grep -q "leased.conf:5: syntax error" "$LAB_DIR/leased.log"
sleep 1
check "nothing was sent for the refused configuration" \
    [ "$(lab_count 'Request' "$from")" -eq 0 ]
check "the address stays" lab_has_addr "$LAB_CIF"
check "all three processes still run" leased_alive

# And the old configuration is the one in force: an unchanged reload
# restarts nothing.
conf 'send host name "beta"'
kill -HUP "$LEASED_PID"
wait_for 5 sh -c "[ \$(grep -c 'configuration reloaded' $LAB_DIR/leased.log) -ge 2 ]"
check "reloading the running settings changes nothing" \
    [ "$(grep -c "$LAB_CIF: settings changed" "$LAB_DIR/leased.log")" -eq 1 ]
leased_no_violation
lab_done
