#!/bin/sh
# leasectl's command line: what it accepts, and what it refuses with
# the valid choices.  No daemon is needed: a command that parsed goes
# on to connect to a socket that does not exist, and says so.

LEASECTL=${LEASECTL:-./usr.sbin/leasectl/leasectl}
NOSOCK=/nonexistent/leased.sock
failed=0
tmp=$(mktemp -d /tmp/leasectl-parser.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# An interface name that surely does not exist here.
NOIF=nosuchif$$

# run args...: leasectl's stderr in $tmp/err, its status in $rc
run() {
	"$LEASECTL" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}

check() {
	_d=$1
	shift
	if "$@"; then
		echo "ok - $_d"
	else
		echo "not ok - $_d"
		sed 's/^/# /' "$tmp/err"
		failed=$((failed + 1))
	fi
}

err_has() {
	grep -qF -- "$1" "$tmp/err"
}

# parsed "args": it got as far as connecting
parsed() {
	run -s "$NOSOCK" "$@"
	[ "$rc" -eq 1 ] && err_has "leasectl: connect: $NOSOCK:" &&
	    ! err_has "valid commands"
}

# refused "message" args: exit 1, the message and the choices
refused() {
	_m=$1
	shift
	run -s "$NOSOCK" "$@"
	[ "$rc" -eq 1 ] && err_has "$_m" && ! err_has "connect:"
}

choices() {
	for _c in "$@"; do
		grep -qx "  $_c" "$tmp/err" || return 1
	done
	err_has "valid commands/args:"
}

run -s "$NOSOCK" show interface
check "connect failure names the socket and the error" \
    [ "$rc" -eq 1 -a "$(cat "$tmp/err")" = \
    "leasectl: connect: $NOSOCK: No such file or directory" ]
run show interface
check "the default socket is /run/leased.sock" \
    err_has "/run/leased.sock"

for cmd in "show interface" "show interface lo" "show" "sh int" \
    "sh i lo" "send request lo" "se r lo" "release lo" "rele lo" \
    "reload" "relo" "log verbose" "log v" "log brief" "l b"; do
	# shellcheck disable=SC2086
	check "\"$cmd\" is accepted" parsed $cmd
done

run
check "no arguments print the usage" \
    eval '[ "$rc" -eq 1 ] && err_has "usage:"'
check "an unknown command is refused" \
    refused "unknown argument: bogus" bogus
check "an unknown command lists the commands" \
    choices show send release reload log
check "an ambiguous prefix (s: show, send) is refused" \
    refused "ambiguous argument: s" s
check "an ambiguous prefix lists the candidates" choices show send
check "an ambiguous prefix (rel: release, reload) is refused" \
    refused "ambiguous argument: rel" rel
check "rel lists release and reload" choices release reload
check "send alone is refused" refused "missing argument" send
check "send alone lists request" choices request
check "log with a bad word is refused" \
    refused "unknown argument: x" log x
check "log with a bad word lists verbose and brief" \
    choices verbose brief
check "log alone is refused" refused "missing argument" log
check "log alone lists verbose and brief" choices verbose brief
check "release without an interface is refused" \
    refused "missing argument" release
check "release without an interface asks for one" choices "<interface>"
check "send request without an interface is refused" \
    refused "missing argument" send request
check "send request without an interface asks for one" \
    choices "<interface>"
check "a word after the interface is refused" \
    refused "superfluous argument: extra" show interface lo extra
check "reload takes no interface" \
    refused "superfluous argument: lo" reload lo
check "a longer word than the keyword is no match" \
    refused "unknown argument: interfacex" show interfacex
check "an interface name of IF_NAMESIZE bytes is refused" \
    refused "interface name too long" release abcdefghijklmnop
check "an empty word is refused" refused "unknown argument: " ""

run -s "$NOSOCK" show interface "$NOIF"
check "show interface with an unknown name: no such interface" \
    [ "$rc" -eq 1 -a "$(cat "$tmp/err")" = \
    "leasectl: no such interface: $NOIF" ]
run -s "$NOSOCK" send request "$NOIF"
check "send request with an unknown name: no such interface" \
    err_has "leasectl: no such interface: $NOIF"
run -s "$NOSOCK" release "$NOIF"
check "release with an unknown name: no such interface" \
    err_has "leasectl: no such interface: $NOIF"

# Wait mode: "leasectl [-w maxwait] interface".
run -s "$NOSOCK" lo
check "an existing interface alone is wait mode" \
    eval '[ "$rc" -eq 1 ] && err_has "connect: $NOSOCK"'
run -s "$NOSOCK" -w 3 lo
check "-w with an interface is wait mode" \
    eval '[ "$rc" -eq 1 ] && err_has "connect: $NOSOCK"'
run -s "$NOSOCK" -w 3 "$NOIF"
check "-w with an unknown interface: no such interface" \
    eval '[ "$rc" -eq 1 ] &&
    err_has "leasectl: no such interface: $NOIF"'
for w in x -1 86401 "" 5x; do
	run -s "$NOSOCK" -w "$w" lo
	check "-w \"$w\" is refused" \
	    eval '[ "$rc" -eq 1 ] && err_has "maxwait is invalid"'
done
run -s "$NOSOCK" -w 3 show interface
check "-w with a command is a usage error" \
    eval '[ "$rc" -eq 1 ] && err_has "usage:"'
run -s "$NOSOCK" -q show interface
check "an unknown option is a usage error" \
    eval '[ "$rc" -eq 1 ] && err_has "usage:"'

[ "$failed" -eq 0 ]
