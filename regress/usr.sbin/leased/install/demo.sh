#!/bin/sh
# make demo's script, mk/demo.sh: it exits 0 having printed a bound
# lease; run twice in a row, each run leaves no namespace, process or
# scratch directory behind; interrupted (Ctrl-C: SIGINT to its process
# group) while leased runs, it still tears everything down.

. regress/lab.sh

T=$(mktemp -d /tmp/leased-demo.XXXXXX)
trap 'rm -rf "$T"' EXIT

# leftovers FILE: what a finished demo whose output is FILE left
leftovers() {
	_ns=$(sed -n 's/^demo: namespaces \([^ ]*\) (client.* and \([^ ]*\) .*/\1 \2/p' "$1")
	_dir=$(sed -n 's/^demo: scratch directory //p' "$1")
	_pids=$(sed -n 's/^demo: namespaces .* deleted, processes //p; s/^demo: dnsmasq (pid \([0-9]*\)).*/\1/p; s/^demo: leased .*(pid \([0-9]*\)).*/\1/p' "$1")
	for _n in $_ns; do
		ip netns list | grep -qw "$_n" && echo "namespace $_n"
	done
	[ -n "$_dir" ] && [ -e "$_dir" ] && echo "directory $_dir"
	for _p in $_pids; do
		gone "$_p" || echo "pid $_p"
	done
}

for run in 1 2; do
	out=$T/run$run.txt
	sh mk/demo.sh >"$out" 2>&1
	rv=$?
	check "run $run: mk/demo.sh exits 0 ($rv)" [ "$rv" -eq 0 ]
	[ "$rv" -eq 0 ] || sed 's/^/# /' "$out"
	check "run $run: it printed a bound lease" grep -q "eth0 \[Bound\]" "$out"
	check "run $run: with an address from dnsmasq's pool" \
	    grep -q "inet 192\.0\.2\.1[0-9][0-9] netmask" "$out"
	check "run $run: the kernel has the address, from the lease" \
	    grep -q "inet 192\.0\.2\.1[0-9][0-9]/24 .*dynamic eth0" "$out"
	check "run $run: it shows the send program at tc egress" \
	    grep -q "name leased_tx .*jited" "$out"
	check "run $run: it shows the engine as _leased under seccomp" \
	    grep -q "^ *leased-engine *Seccomp 2  NoNewPrivs 1  CapEff 0*$" "$out"
	check "run $run: the demo named the namespaces, pids and directory" \
	    sh -c "grep -q '^demo: namespaces ldc' $out &&
	    grep -q '^demo: scratch directory /tmp/' $out &&
	    grep -q 'deleted, processes [0-9]' $out"
	left=$(leftovers "$out")
	check "run $run: nothing is left behind ($(echo $left))" [ -z "$left" ]
done

# Interrupted while leased runs: SIGINT to the whole process group, as
# a terminal's Ctrl-C does.  The namespaces' inodes tell whether any
# process is still inside them after they are unmounted.
out=$T/int.txt
setsid env --default-signal=INT sh mk/demo.sh >"$out" 2>&1 &
pid=$!
wait_for 10 grep -q "^demo: leased .*(pid" "$out"
ns=$(sed -n 's/^demo: namespaces \([^ ]*\) (client.* and \([^ ]*\) .*/\1 \2/p' "$out")
inodes=
for n in $ns; do
	inodes="$inodes $(stat -L -c %i /run/netns/"$n" 2>/dev/null)"
done
check "the demo to interrupt has its namespaces ($(echo $ns))" \
    [ "$(echo $inodes | wc -w)" -eq 2 ]
kill -INT -"$pid" 2>/dev/null
wait_for 10 gone "$pid"
wait "$pid"
rv=$?
check "interrupted, the demo exits 130 ($rv)" [ "$rv" -eq 130 ]
check "and says it tears down" grep -q "interrupted: tearing down" "$out"
left=$(leftovers "$out")
for i in $inodes; do
	find /proc/[0-9]*/ns/net -maxdepth 0 -lname "net:\[$i\]" \
	    2>/dev/null | grep -q . && left="$left process-in-netns-$i"
done
check "interrupted, nothing is left behind ($(echo $left))" [ -z "$left" ]

lab_done
