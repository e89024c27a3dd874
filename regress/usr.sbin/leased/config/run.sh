#!/bin/sh
# leased.conf regress, in the manner of OpenBSD's bgpd config regress.
#
# The first line of each N.conf says what is expected:
#	# ok: what it shows	"leased -nv -f N.conf" exits 0 and prints
#				N.ok; that output, parsed again, prints
#				itself unchanged
#	# error: what it shows	"leased -n -f N.conf" exits 1 and its
#				stderr is N.ok, byte for byte
# The tests run inside this directory with relative file names, so
# the messages are the same on every machine.  Files named inc-*.conf
# are only read through "include".  Last, the shipped example config
# must pass "leased -n".

top=$(pwd)
dir=$top/regress/usr.sbin/leased/config
LEASED=${LEASED:-usr.sbin/leased/leased}
case $LEASED in
/*)	;;
*)	LEASED=$top/$LEASED ;;
esac

if [ ! -x "$LEASED" ]; then
	echo "not ok - $LEASED is not built"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cd "$dir" || exit 1
fail=0

ok() {
	echo "ok - $1"
}

notok() {
	echo "not ok - $1"
	fail=1
}

for conf in [0-9]*.conf; do
	n=${conf%.conf}
	head=$(sed -n 1p "$conf")
	what=${head#\# *: }
	case $head in
	"# ok: "*)
		"$LEASED" -nv -f "$conf" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
		    cmp -s "$tmp/out" "$n.ok"; then
			ok "$conf: $what"
		else
			notok "$conf: $what (exit $rc)"
			diff -u "$n.ok" "$tmp/out"
			cat "$tmp/err"
			continue
		fi
		# Round trip: the canonical text reproduces itself.
		cp "$tmp/out" "$tmp/round.conf"
		"$LEASED" -nv -f "$tmp/round.conf" >"$tmp/out2" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/out2"; then
			ok "$conf: canonical output parses to itself"
		else
			notok "$conf: canonical output parses to itself" \
			    "(exit $rc)"
			diff -u "$tmp/out" "$tmp/out2"
			cat "$tmp/err"
		fi
		;;
	"# error: "*)
		"$LEASED" -n -f "$conf" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] &&
		    cmp -s "$tmp/err" "$n.ok"; then
			ok "$conf: rejected: $what"
		else
			notok "$conf: rejected: $what (exit $rc)"
			diff -u "$n.ok" "$tmp/err"
		fi
		;;
	*)
		notok "$conf: first line says neither '# ok:' nor '# error:'"
		;;
	esac
done

# A file that cannot be opened is an error, not an empty config.
"$LEASED" -n -f nonexistent.conf >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^nonexistent.conf: No such file or directory$' \
    "$tmp/err"; then
	ok "a missing config file is an error"
else
	notok "a missing config file is an error (exit $rc)"
	cat "$tmp/err"
fi

# So is a directory.
"$LEASED" -n -f . >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^\.: not a regular file$' "$tmp/err"; then
	ok "a directory given as config file is an error"
else
	notok "a directory given as config file is an error (exit $rc)"
	cat "$tmp/err"
fi

# The example config shipped in etc/.
cd "$top" || exit 1
"$LEASED" -n -f etc/leased.conf >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^configuration OK$' "$tmp/err"; then
	ok "etc/leased.conf passes leased -n"
else
	notok "etc/leased.conf passes leased -n (exit $rc)"
	cat "$tmp/err"
fi
# Its commented-out settings ("#keyword", "#<tab>", "#}") are valid too.
sed 's/^#\([a-z	}]\)/\1/' etc/leased.conf >"$tmp/example.conf"
"$LEASED" -nv -f "$tmp/example.conf" >"$tmp/out" 2>"$tmp/err" &&
    "$LEASED" -nv -f "$tmp/out" >"$tmp/out2" 2>>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^interface ' "$tmp/out" &&
    cmp -s "$tmp/out" "$tmp/out2"; then
	ok "etc/leased.conf: its commented-out settings parse and round-trip"
else
	notok "etc/leased.conf: its commented-out settings parse and" \
	    "round-trip (exit $rc)"
	cat "$tmp/err"
fi

# The parser's keyword table is sorted (it is searched with bsearch),
# and every keyword in it is documented in leased.conf(5).
sed -n 's/^[[:space:]]*{ "\([a-z0-9]*\)",.*/\1/p' usr.sbin/leased/parse.y \
    >"$tmp/keywords"
if [ -s "$tmp/keywords" ] && LC_ALL=C sort -c "$tmp/keywords"; then
	ok "the keyword table is sorted"
else
	notok "the keyword table is sorted"
fi
for kw in $(cat "$tmp/keywords"); do
	if grep '^\.It Ic ' usr.sbin/leased/leased.conf.5 |
	    grep -qw -- "$kw"; then
		ok "leased.conf(5) documents the keyword $kw"
	else
		notok "leased.conf(5) documents the keyword $kw"
	fi
done

# The first literal display of EXAMPLES in leased.conf(5) is a config.
sed -n '/^\.Sh EXAMPLES/,/^\.Sh/p' usr.sbin/leased/leased.conf.5 |
    sed -n '/^\.Bd -literal/,/^\.Ed/{/^\./!p;/^\.Ed/q;}' >"$tmp/man.conf"
"$LEASED" -nv -f "$tmp/man.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^interface ' "$tmp/out"; then
	ok "leased.conf(5): the EXAMPLES config parses"
else
	notok "leased.conf(5): the EXAMPLES config parses (exit $rc)"
	cat "$tmp/err"
fi

exit $fail
