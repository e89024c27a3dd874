#!/bin/sh
# Run the translator's fuzzer for a bounded time on its seed corpus (in a
# scratch copy, so the checked-in corpus does not grow).  A crashing
# input is kept as regress/out/fuzz_xlate-crash-*.

dir=regress/usr.sbin/leased/xlate
fuzzer=$dir/fuzz_xlate
secs=${FUZZ_SECS:-12}

if [ ! -x "$fuzzer" ]; then
	echo "not ok - fuzz_xlate: $fuzzer not built"
	exit 1
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cp "$dir"/fuzz_xlate.corpus/* "$work"/

mkdir -p regress/out
if "$fuzzer" -max_total_time="$secs" -max_len=65600 -timeout=10 \
    -artifact_prefix=regress/out/fuzz_xlate- -print_final_stats=1 \
    "$work" >"$work/log" 2>&1; then
	grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' \
	    "$work/log" | sed 's/^/# /'
	echo "ok - fuzz_xlate ran ${secs}s without a crash or a bad translation"
else
	tail -n 60 "$work/log" | sed 's/^/# /'
	echo "not ok - fuzz_xlate found a crash or a bad translation"
	exit 1
fi
