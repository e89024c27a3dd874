#!/bin/sh
# Run the imsg regress, built without sanitizers, under valgrind: any
# memory error or leak makes it fail.

bin=regress/lib/libutil/imsg/imsgtest-plain
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if ! command -v valgrind >/dev/null 2>&1; then
	echo "not ok - valgrind is not installed"
	exit 1
fi
valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 --child-silent-after-fork=yes \
    --log-file="$tmp/vg" "./$bin" >"$tmp/out" 2>&1
rc=$?
pass=$(grep -c '^ok ' "$tmp/out")
fail=$(grep -c '^not ok ' "$tmp/out")
cat "$tmp/vg"
grep '^not ok ' "$tmp/out" | sed 's/^not ok - /# under valgrind: /'
if [ "$rc" -eq 0 ] && [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]; then
	echo "ok - imsgtest under valgrind: $pass checks," \
	    "no memory error, no leak"
else
	echo "not ok - imsgtest under valgrind (exit $rc, $fail failed checks)"
	exit 1
fi
