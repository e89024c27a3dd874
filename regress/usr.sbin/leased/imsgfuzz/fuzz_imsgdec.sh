#!/bin/sh
# The imsg decoder fuzz targets: each replays its seed corpus, then
# fuzzes for a bounded time (FUZZ_IMSGDEC_TIME seconds, default 8) on a
# scratch copy of it, so the tree stays as it is.  A finding is kept in
# regress/out/ for the report.
#
# findings/ holds inputs of bugs found before, named after their
# target: each is replayed on its own and fails until the daemon is
# fixed.  While fuzzing, the targets defuse those (FUZZ_SKIP_KNOWN), so
# that a run stops only on something new.
#
# A fatal() on a peer's malformed message is the right outcome: the
# harness catches it, frees what the daemon held and closes its fds.
# Any other input must leave no fd open (FUZZ_FD_STRICT) and leak
# nothing.  The parent's fake interfaces use a packet socket: this
# needs root (CAP_NET_RAW).

dir=regress/usr.sbin/leased/imsgfuzz
FUZZ_FD_STRICT=1
export FUZZ_FD_STRICT
secs=${FUZZ_IMSGDEC_TIME:-8}
fail=0

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p regress/out

for t in engine frontend parent; do
	fuzz=$dir/fuzz_$t
	if [ ! -x "$fuzz" ]; then
		echo "not ok - fuzz_$t is built"
		fail=1
		continue
	fi
	mkdir -p "$work/$t"
	cp "$dir"/fuzz_$t.corpus/* "$work/$t/"
	if "$fuzz" -runs=0 "$work/$t" \
	    >"$work/$t.replay" 2>&1; then
		echo "ok - fuzz_$t replays its seed corpus"
	else
		echo "not ok - fuzz_$t replays its seed corpus"
		fail=1
		tail -30 "$work/$t.replay"
	fi
	for f in "$dir"/findings/fuzz_$t-*.bin; do
		[ -e "$f" ] || continue
		if "$fuzz" -runs=0 "$f" >"$work/$t.known" \
		    2>&1; then
			echo "ok - fuzz_$t survives ${f##*/}"
		else
			echo "not ok - fuzz_$t survives ${f##*/}"
			grep -E '^fuzz:|runtime error' "$work/$t.known" |
			    head -3
			fail=1
		fi
	done
	if FUZZ_SKIP_KNOWN=1 "$fuzz" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$work/$t-" "$work/$t" >"$work/$t.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		    "$work/$t.log")
		echo "ok - fuzz_$t ran ${secs}s without a finding," \
		    "${runs:-?} execs"
		grep '^imsgfuzz:' "$work/$t.log" | sed 's/^/# /'
	else
		echo "not ok - fuzz_$t ran ${secs}s without a finding"
		fail=1
		grep -E '^fuzz:|ERROR|runtime error' "$work/$t.log" | head -5
		tail -40 "$work/$t.log"
		for f in "$work/$t"-crash-* "$work/$t"-leak-* \
		    "$work/$t"-timeout-* "$work/$t"-oom-*; do
			[ -e "$f" ] || continue
			cp "$f" "regress/out/imsgfuzz-${f##*/}" &&
			    echo "# kept regress/out/imsgfuzz-${f##*/}"
		done
	fi
done
exit $fail
