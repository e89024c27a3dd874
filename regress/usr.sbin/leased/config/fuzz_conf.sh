#!/bin/sh
# Replay fuzz_conf's seed corpus, then fuzz the leased.conf parser for
# a bounded time (FUZZ_CONF_TIME seconds, default 12).  A crash input
# is kept in regress/out/ for the report.

dir=regress/usr.sbin/leased/config
fuzz=$dir/fuzz_conf
secs=${FUZZ_CONF_TIME:-12}

if [ ! -x "$fuzz" ]; then
	echo "not ok - $fuzz is built"
	exit 1
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail=0
mkdir -p regress/out "$work/corpus"
cp "$dir"/fuzz_conf.corpus/* "$work/corpus/"

# The parser's messages go to stderr: -close_fd_mask=2 keeps them out.
if "$fuzz" -runs=0 -close_fd_mask=2 "$work/corpus" >"$work/replay.log" \
    2>&1; then
	echo "ok - fuzz_conf replays its seed corpus"
else
	echo "not ok - fuzz_conf replays its seed corpus"
	fail=1
	tail -30 "$work/replay.log"
fi

if "$fuzz" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
    -close_fd_mask=2 -artifact_prefix="$work/" "$work/corpus" \
    >"$work/fuzz.log" 2>&1; then
	echo "ok - fuzz_conf ran ${secs}s without a finding"
else
	echo "not ok - fuzz_conf ran ${secs}s without a finding"
	fail=1
	tail -40 "$work/fuzz.log"
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
	    "$work"/oom-*; do
		[ -e "$f" ] && cp "$f" regress/out/ &&
		    echo "# kept regress/out/${f##*/}"
	done
fi
exit $fail
