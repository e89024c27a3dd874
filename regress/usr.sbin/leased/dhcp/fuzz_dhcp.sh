#!/bin/sh
# Replay fuzz_dhcp's seed corpus, then fuzz for a bounded time
# (FUZZ_DHCP_TIME seconds, default 12).  A crash input is kept in
# regress/out/ for the report.

dir=regress/usr.sbin/leased/dhcp
fuzz=$dir/fuzz_dhcp
secs=${FUZZ_DHCP_TIME:-12}

if [ ! -x "$fuzz" ]; then
	echo "not ok - $fuzz is built"
	exit 1
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail=0
mkdir -p regress/out "$work/corpus"
cp "$dir"/fuzz_dhcp.corpus/* "$work/corpus/"

if "$fuzz" -runs=0 "$work/corpus" >"$work/replay.log" 2>&1; then
	echo "ok - fuzz_dhcp replays its seed corpus"
else
	echo "not ok - fuzz_dhcp replays its seed corpus"
	fail=1
	tail -30 "$work/replay.log"
fi

if "$fuzz" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="$work/" "$work/corpus" >"$work/fuzz.log" 2>&1; then
	echo "ok - fuzz_dhcp ran ${secs}s without a finding"
else
	echo "not ok - fuzz_dhcp ran ${secs}s without a finding"
	fail=1
	tail -40 "$work/fuzz.log"
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
	    "$work"/oom-*; do
		[ -e "$f" ] && cp "$f" regress/out/ &&
		    echo "# kept regress/out/${f##*/}"
	done
fi
grep -E '^(#[0-9]+ *DONE|Done)' "$work/fuzz.log" | tail -1 | sed 's/^/# /'
exit $fail
