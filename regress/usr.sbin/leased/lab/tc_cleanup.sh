#!/bin/sh
# Our tc egress programs: gone after SIGTERM; left behind when all
# three processes are killed; removed by the next start, which attaches
# its own instead.  Programs are recognised by handle and name.

. regress/lab.sh
lab_init
lab_dnsmasq
lab_conf "interface $LAB_CIF"

# prog_ids: the ids of our programs at the client's egress
prog_ids() {
	tc -n "$LAB_C" filter show dev "$LAB_CIF" egress |
	    sed -n 's/.* name \(leased[a-z_]*\) .*/\1/p; s/.* id \([0-9]*\) .*/\1/p' |
	    tr '\n' ' '
}

leased_start -vv
leased_bound "$LAB_CIF" 15 || { not_ok "bound"; leased_log; exit 1; }
ok "bound"
check "both send programs attached: $(prog_ids)" \
    sh -c "tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased_udp_tx &&
    tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased_tx"
leased_stop
check "after SIGTERM none of ours remains" \
    sh -c "! tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q leased"

# Kill all three at once: nobody removes anything.
: >"$LAB_DIR/leased.log"
leased_start -vv
wait_for 10 grep -q "configured" "$LAB_DIR/leased.log"
e=$(leased_child "$LEASED_PID" engine)
f=$(leased_child "$LEASED_PID" frontend)
kill -KILL "$LEASED_PID" "$e" "$f"
wait_for 5 gone "$LEASED_PID" "$e" "$f"
stale=$(tc -n "$LAB_C" filter show dev "$LAB_CIF" egress |
    sed -n 's/.* id \([0-9]*\) .*/\1/p' | tr '\n' ' ')
check "after SIGKILL our programs are left behind ($stale)" [ -n "$stale" ]

: >"$LAB_DIR/leased.log"
leased_start -vv
wait_for 10 grep -q "managing" "$LAB_DIR/leased.log"
now=$(tc -n "$LAB_C" filter show dev "$LAB_CIF" egress |
    sed -n 's/.* id \([0-9]*\) .*/\1/p' | tr '\n' ' ')
gone_all=1
for id in $stale; do
	case " $now " in
	*" $id "*) gone_all=0 ;;
	esac
done
check "the next start removed the stale programs ($stale -> $now)" \
    [ "$gone_all" = 1 ]
check "and attached a fresh packet send program" \
    sh -c "tc -n $LAB_C filter show dev $LAB_CIF egress | grep -q 'leased_tx'"
check "exactly one packet send program" \
    [ "$(tc -n "$LAB_C" filter show dev "$LAB_CIF" egress | grep -c 'name leased_tx ')" = 1 ]
check "all three processes still run" leased_alive
leased_no_violation
lab_done
