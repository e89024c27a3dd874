#!/bin/sh
# Faults: processes killed at random moments, a parent killed while
# bound, and a lease directory full of bad files.
#
# (a) SIGKILL of a random one of the three processes, at a random moment
#     during DORA or INIT-REBOOT (0-200 ms after start) or around a
#     renewal (T1 is 1 s): the other two end by themselves, the lease
#     file is absent or complete ("version 1" first, "end" last, as
#     lease.c writes it), no temporary file is left, and after the last
#     round a normal start binds.
# (b) SIGKILL of the parent while bound: the address stays (kernel
#     lifetime), a restart goes through INIT-REBOOT (a REQUEST, no
#     DISCOVER) to the same address, and a ping across it loses nothing.
# (c) A corrupt lease file in place before start: truncated, random
#     bytes, wrong version, another MAC, expired, a symbolic link, a
#     FIFO, 10 MB.  Each is moved aside (NAME.corrupt-*) or, expired,
#     ignored, as lease.c documents; leased starts from INIT (DISCOVER)
#     and does not ask for the stored address; nothing hangs.
#
# FAULT_ROUNDS_DORA and FAULT_ROUNDS_RENEW set the number of rounds of
# (a) (default 90 and 15).

. regress/lab.sh
. regress/usr.sbin/leased/hostile/lib.sh

PINGER=$PWD/regress/usr.sbin/leased/hostile/pinger.py
ROUNDS_DORA=${FAULT_ROUNDS_DORA:-90}
ROUNDS_RENEW=${FAULT_ROUNDS_RENEW:-15}

# rand N: 0 .. N-1
rand() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 ))
}

# sleep_ms MS
sleep_ms() {
	sleep "$(( $1 / 1000 )).$(printf %03d $(( $1 % 1000 )))"
}

# lease_complete: the lease file is absent, or whole: its first line
# that is not a comment is "version 1" and its last line is "end"
lease_complete() {
	[ -e "$LAB_DIR/leases/$LAB_CIF.lease" ] || return 0
	_f=$LAB_DIR/leases/$LAB_CIF.lease
	[ -f "$_f" ] && [ ! -L "$_f" ] &&
	    [ "$(grep -v '^#' "$_f" | head -n 1)" = "version 1" ] &&
	    [ "$(tail -n 1 "$_f")" = end ]
}

# strays: files lease.c and resolv.c do not leave behind (their
# temporary files are NAME.XXXXXX beside the file they replace)
strays() {
	ls -A "$LAB_DIR/leases" | grep -v -e "^$LAB_CIF\.lease\$" \
	    -e "^$LAB_CIF\.lease\.corrupt-[0-9]*\$"
	ls -A "$LAB_DIR" | grep '^resolv\.conf\.'
}

# The server log from line $mark + 1 on: after_has PATTERN,
# not_after_has PATTERN, first_recv_is TYPE
after_has() {
	tail -n +"$((mark + 1))" "$SRV_LOG" | grep -q -- "$1"
}

not_after_has() {
	! after_has "$1"
}

first_recv_is() {
	tail -n +"$((mark + 1))" "$SRV_LOG" | grep '^recv' | head -n 1 |
	    grep -q "^recv $1 "
}

# all_gone: the three processes ended, and nothing else of ours runs
# in the client namespace (a child forked as its parent died)
all_gone() {
	gone $LEASED_PIDS || return 1
	for _p in $(ip netns pids "$LAB_C"); do
		gone "$_p" || return 1
	done
}

# --- (a) random SIGKILLs ------------------------------------------------

lab_init
lab_conf "interface $LAB_CIF"
LEASE=$LAB_DIR/leases/$LAB_CIF.lease
mkdir -p "$LAB_DIR/leases"

rounds=0
forced=0
partial=0
stray=0
violations=0
nbound=0
nexch=0
nstart=0
kp=0 ke=0 kf=0
round() {
	phase=$1
	: >"$LAB_DIR/leased.log"
	leased_start -vv
	if [ "$phase" = dora ]; then
		# from the start on: fork, exec, sandbox, DORA or INIT-REBOOT
		ms=$(rand 201)
	else
		# T1 is 1 s after the ACK: kill around the renewal
		leased_up
		leased_bound "$LAB_CIF" 3
		ms=$((800 + $(rand 401)))
	fi
	sleep_ms "$ms"
	# the children that exist by now
	e=$(leased_child "$LEASED_PID" engine)
	f=$(leased_child "$LEASED_PID" frontend)
	LEASED_PIDS="$LEASED_PID $e $f"
	case $(rand 3) in
	0)	victim=$LEASED_PID vname=parent ;;
	1)	victim=${e:-$LEASED_PID} vname=engine ;;
	2)	victim=${f:-$LEASED_PID} vname=frontend ;;
	esac
	[ "$victim" = "$LEASED_PID" ] && vname=parent
	case $vname in
	parent)		kp=$((kp + 1)) ;;
	engine)		ke=$((ke + 1)) ;;
	frontend)	kf=$((kf + 1)) ;;
	esac
	if grep -q "configured 192.0.2.50" "$LAB_DIR/leased.log"; then
		nbound=$((nbound + 1))
	elif grep -q "DHCPDISCOVER\|DHCPREQUEST" "$LAB_DIR/leased.log"; then
		nexch=$((nexch + 1))
	else
		nstart=$((nstart + 1))
	fi
	kill -KILL "$victim"
	if ! wait_for 2 all_gone; then
		forced=$((forced + 1))
		echo "# round $rounds: after SIGKILL of the $vname at ${ms} ms," \
		    "still running:"
		for _p in $LEASED_PIDS $(ip netns pids "$LAB_C"); do
			gone "$_p" && continue
			echo "#   $_p $(cat /proc/"$_p"/comm)"
			kill -KILL "$_p" 2>/dev/null
		done
		wait_for 2 all_gone
	fi
	wait "$LEASED_PID" 2>/dev/null
	lab_forget $LEASED_PIDS
	LEASED_PID=
	if ! lease_complete; then
		partial=$((partial + 1))
		echo "# round $rounds ($vname at ${ms} ms): incomplete lease file:"
		sed 's/^/#   /' "$LEASE"
		cp "$LEASE" "$LAB_DIR/partial.$rounds"
		rm -f "$LEASE"
	fi
	# A writer killed between its temporary file and the rename leaves
	# the temporary file: the next start must remove it.
	s=$(strays)
	if [ -n "$s" ]; then
		stray=$((stray + 1))
		echo "# round $rounds ($vname at ${ms} ms): left behind: $s"
	fi
	if grep -q "forbidden syscall" "$LAB_DIR/leased.log"; then
		violations=$((violations + 1))
		grep -m1 "forbidden syscall" "$LAB_DIR/leased.log" |
		    sed 's/^/# /'
	fi
}

t0=$(now_ms)
# Each answer 150 ms late: the exchange spans the 200 ms.
srv_start --router 192.0.2.1 --dns 192.0.2.53 --lease 20 --t1 1 --t2 2 \
    --set any.delay=0.15 || exit 1
i=0
while [ "$i" -lt "$ROUNDS_DORA" ]; do
	rounds=$((rounds + 1))
	round dora
	i=$((i + 1))
done
renewals=0
srv_start --router 192.0.2.1 --dns 192.0.2.53 --lease 20 --t1 1 --t2 2 ||
    exit 1
i=0
while [ "$i" -lt "$ROUNDS_RENEW" ]; do
	rounds=$((rounds + 1))
	round renew
	i=$((i + 1))
done
secs=$(( ($(now_ms) - t0) / 1000 ))
renewals=$(srv_count '^recv DHCPREQUEST.*state=renewing')
ok "$rounds SIGKILL rounds in ${secs}s: parent $kp, engine $ke, frontend $kf; $nstart killed while starting, $nexch amid an exchange, $nbound after binding, $renewals renewals seen by the server"
check "after every SIGKILL the other processes ended by themselves ($forced rounds needed help)" \
    [ "$forced" -eq 0 ]
check "the lease file was absent or complete after every round ($partial incomplete)" \
    [ "$partial" -eq 0 ]
echo "# $stray rounds were killed between a temporary file and its rename"
check "no sandbox violation in any round ($violations)" [ "$violations" -eq 0 ]
check "the server saw renewals during the renewal rounds" [ "$renewals" -gt 0 ]

# After all that, a normal start binds, and removes the temporary files
# a killed writer may leave (two planted ones at least, whatever the
# rounds left) and nothing else.
echo planted >"$LAB_DIR/leases/$LAB_CIF.lease.AbC123"
echo planted >"$LAB_DIR/resolv.conf.XyZ789"
echo keep >"$LAB_DIR/leases/$LAB_CIF.lease.notatemp"
: >"$LAB_DIR/leased.log"
leased_start -vv
if leased_up && leased_bound "$LAB_CIF" 5 &&
    wait_for 3 grep -q "configured 192.0.2.50" "$LAB_DIR/leased.log"; then
	ok "after the last round a normal start binds to $(lab_addr)"
else
	not_ok "after the last round a normal start binds"
	leased_log
fi
check "the default route is there" sh -c \
    "ip -n $LAB_C route show proto dhcp | grep -q 'default via 192.0.2.1'"
check "the three processes run" leased_alive
leased_end || not_ok "leased ends on SIGTERM"
check "the next start leaves another file alone" \
    test -e "$LAB_DIR/leases/$LAB_CIF.lease.notatemp"
rm -f "$LAB_DIR/leases/$LAB_CIF.lease.notatemp"
check "no temporary file is left after the next start ($(strays | tr '\n' ' '))" \
    [ -z "$(strays)" ]

# --- (b) SIGKILL of the parent while bound ------------------------------

lab_reset
srv_start --router 192.0.2.1 --dns 192.0.2.53 || exit 1
: >"$LAB_DIR/leased.log"
leased_start -vv
if ! leased_up || ! leased_bound "$LAB_CIF" 5; then
	not_ok "(b) leased binds"
	leased_log
	exit 1
fi
wait_for 3 grep -q "configured 192.0.2.50" "$LAB_DIR/leased.log"
set -- $LEASED_PIDS
# 100 echo requests, 50 ms apart, across the kill and the restart
ip netns exec "$LAB_S" /usr/bin/python3 "$PINGER" 192.0.2.50 100 0.05 \
    >"$LAB_DIR/ping.out" 2>&1 &
ping_pid=$!
lab_pid "$ping_pid"
sleep 1
kill -KILL "$1"
check "(b) engine and frontend end when the parent is killed" \
    wait_for 2 gone "$1" "$2" "$3"
wait "$1" 2>/dev/null
lab_forget "$1" "$2" "$3"
LEASED_PID=
check "(b) the address stays after the parent's death" \
    [ "$(lab_addr)" = 192.0.2.50/24 ]
lft=$(lab_valid_lft)
check "(b) with the kernel's lifetime (${lft}s left)" in_range "$lft" 3500 3600
mark=$(wc -l <"$SRV_LOG")
: >"$LAB_DIR/leased.log"
leased_start -vv
leased_up
if wait_for 5 grep -q "configured 192.0.2.50" "$LAB_DIR/leased.log"; then
	ok "(b) the restarted leased binds to 192.0.2.50 again"
else
	not_ok "(b) the restarted leased binds to 192.0.2.50 again"
	leased_log
fi
check "(b) the restart goes through INIT-REBOOT (REQUEST for 192.0.2.50)" \
    after_has '^recv DHCPREQUEST.*requested=192.0.2.50.*state=init-reboot'
check "(b) the restart sends no DISCOVER" not_after_has '^recv DHCPDISCOVER'
wait_for 10 gone "$ping_pid"
wait "$ping_pid" 2>/dev/null
pr=$(cat "$LAB_DIR/ping.out")
lost=$(echo "$pr" | sed -n 's/.* lost \([0-9]*\)$/\1/p')
check "(b) a ping across the kill and the restart: $pr" [ "${lost:-1}" -eq 0 ]
check "(b) the three processes run" leased_alive
leased_no_violation
leased_end || not_ok "(b) leased ends on SIGTERM"
srv_stop

# --- (c) a corrupt lease directory --------------------------------------

# A valid lease of 192.0.2.77 for this interface, acquired at $1.
lease_text() {
	cat <<EOF
# leased lease file, rewritten by leased(8)
version 1
interface $LAB_CIF
mac ${2:-02:00:00:00:00:01}
address 192.0.2.77
netmask 255.255.255.0
server 192.0.2.1
acquired $1
lease-time 3600
renewal 1800
rebinding 3150
router 192.0.2.1
dns 192.0.2.53
end
EOF
}

# corrupt NAME: put bad file NAME at the lease's place
corrupt() {
	_now=$(date +%s)
	case $1 in
	valid)		lease_text "$_now" >"$LEASE" ;;
	truncated)	lease_text "$_now" | head -n 9 >"$LEASE" ;;
	cut_line)	lease_text "$_now" | head -c 150 >"$LEASE" ;;
	random)		head -c 700 /dev/urandom >"$LEASE" ;;
	version)	lease_text "$_now" | sed 's/^version 1$/version 2/' \
			    >"$LEASE" ;;
	other_mac)	lease_text "$_now" 02:00:00:00:00:99 >"$LEASE" ;;
	expired)	lease_text $((_now - 7200)) >"$LEASE" ;;
	symlink)	lease_text "$_now" >"$LAB_DIR/elsewhere.lease"
			ln -s "$LAB_DIR/elsewhere.lease" "$LEASE" ;;
	fifo)		mkfifo "$LEASE" ;;
	huge)		lease_text "$_now" >"$LEASE"
			head -c 10485760 /dev/zero | tr '\0' '#' >>"$LEASE" ;;
	esac
}

for kind in valid truncated cut_line random version other_mac expired \
    symlink fifo huge; do
	leased_end 2>/dev/null
	ip -n "$LAB_C" -4 addr flush dev "$LAB_CIF"
	ip -n "$LAB_C" route flush proto dhcp
	rm -rf "$LAB_DIR/leases" "$LAB_DIR/resolv.conf" \
	    "$LAB_DIR/elsewhere.lease"
	mkdir -p "$LAB_DIR/leases"
	corrupt "$kind"
	# a fresh server: it remembers which address a MAC was given
	srv_start --address 192.0.2.77 --router 192.0.2.1 --dns 192.0.2.53 ||
	    exit 1
	[ "$kind" = symlink ] && sum=$(cksum <"$LAB_DIR/elsewhere.lease")
	mark=$(wc -l <"$SRV_LOG")
	: >"$LAB_DIR/leased.log"
	leased_start -vv
	if ! leased_up; then
		not_ok "($kind) leased starts (no hang on the lease file)"
		leased_log
		continue
	fi
	if [ "$kind" = valid ]; then
		want=192.0.2.77
	else
		want=192.0.2.50
	fi
	if wait_for 5 grep -q "configured $want" "$LAB_DIR/leased.log"; then
		ok "($kind) leased binds to $want"
	else
		not_ok "($kind) leased binds to $want"
		leased_log
	fi
	if [ "$kind" = valid ]; then
		check "(valid) the stored lease is used: INIT-REBOOT for 192.0.2.77" \
		    after_has '^recv DHCPREQUEST.*requested=192.0.2.77.*state=init-reboot'
		check "(valid) no DISCOVER" not_after_has '^recv DHCPDISCOVER'
		check "(valid) the lease file is kept and complete" lease_complete
	else
		check "($kind) leased starts from INIT: a DISCOVER first" \
		    first_recv_is DHCPDISCOVER
		check "($kind) no REQUEST for the stored address 192.0.2.77" \
		    not_after_has '^recv DHCPREQUEST.*requested=192.0.2.77'
		aside=$(ls "$LAB_DIR/leases" | grep -c "^$LAB_CIF\.lease\.corrupt-")
		if [ "$kind" = expired ]; then
			check "(expired) ignored, not moved aside" [ "$aside" -eq 0 ]
			check "(expired) the new lease replaced it" \
			    wait_for 2 grep -q '^address 192.0.2.50$' "$LEASE"
		else
			check "($kind) the bad file is moved aside (NAME.corrupt-*)" \
			    [ "$aside" -eq 1 ]
			check "($kind) the new lease file is complete, for 192.0.2.50" \
			    sh -c "grep -q '^address 192.0.2.50\$' '$LEASE' &&
			    [ \"\$(tail -n 1 '$LEASE')\" = end ]"
		fi
		grep -m1 "lease file $LEASE" "$LAB_DIR/leased.log" |
		    sed 's/^/# /'
	fi
	if [ "$kind" = symlink ]; then
		check "(symlink) the link's target is untouched" \
		    [ "$(cksum <"$LAB_DIR/elsewhere.lease")" = "$sum" ]
	fi
	check "($kind) the three processes run" same_pids
	if grep -q "forbidden syscall" "$LAB_DIR/leased.log"; then
		not_ok "($kind) no sandbox violation: $(grep -m1 \
		    'forbidden syscall' "$LAB_DIR/leased.log")"
	else
		ok "($kind) no sandbox violation"
	fi
done
leased_end
lab_done
