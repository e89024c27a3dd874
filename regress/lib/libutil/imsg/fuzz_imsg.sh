#!/bin/sh
# Run fuzz_imsg for a bounded time on a scratch copy of its seed corpus
# (the checked-in corpus stays untouched) and report one result.

bin=regress/lib/libutil/imsg/fuzz_imsg
secs=${FUZZ_SECONDS:-12}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$bin" ]; then
	echo "not ok - fuzz_imsg: $bin not built"
	exit 1
fi
mkdir "$tmp/corpus"
cp "$bin.corpus"/* "$tmp/corpus/"
if "./$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 \
    -artifact_prefix="$tmp/" -print_final_stats=1 "$tmp/corpus" \
    >"$tmp/log" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
	echo "ok - fuzz_imsg: ${runs:-?} inputs in ${secs}s," \
	    "no crash, leak or fd leak"
else
	tail -n 40 "$tmp/log"
	for f in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
		[ -f "$f" ] || continue
		echo "# $(basename "$f"): $(od -An -tx1 "$f" | head -c 400)"
	done
	echo "not ok - fuzz_imsg found a failing input"
	exit 1
fi
