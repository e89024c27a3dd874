#!/bin/sh
# The manual pages of leased and leasectl pass mandoc -Tlint -Wstyle.
#
# Two kinds of message depend on the machine rather than on the page:
# "referenced manual not found" and "outdated mandoc.db lacks ...
# entry" come from the manual database.  They are
# accepted for a page of this tree and for a page installed here under
# /usr/share/man; any other cross reference is a mistake in the page.

PAGES=${PAGES:-"usr.sbin/leased/leased.8 usr.sbin/leasectl/leasectl.8"}
failed=0
tmp=$(mktemp -d /tmp/leasectl-man.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# known NAME SECTION: a page of this tree or of this machine
known() {
	for _p in $(find lib usr.sbin -name "$1.$2" 2>/dev/null); do
		[ -f "$_p" ] && return 0
	done
	[ -n "$(find /usr/share/man -name "$1.$2*" 2>/dev/null |
	    head -1)" ]
}

if ! command -v mandoc >/dev/null 2>&1; then
	echo "not ok - mandoc is installed"
	exit 1
fi

for page in $PAGES; do
	if [ ! -f "$page" ]; then
		echo "not ok - $page exists"
		failed=$((failed + 1))
		continue
	fi
	mandoc -Tlint -Wstyle "$page" >"$tmp/lint" 2>&1
	: >"$tmp/bad"
	while IFS= read -r line; do
		case $line in
		*"referenced manual not found: Xr "*)
			# "... Xr NAME SECTION" or "... (N times)"
			set -- $(echo "$line" |
			    sed 's/.*referenced manual not found: Xr //;
			    s/ (.*//')
			known "$1" "$2" && continue
			;;
		*"outdated mandoc.db lacks "*" entry"*)
			set -- $(echo "$line" |
			    sed 's/.*outdated mandoc.db lacks //;
			    s/ entry.*//; s/(/ /; s/)//')
			known "$1" "$2" && continue
			;;
		esac
		echo "$line" >>"$tmp/bad"
	done <"$tmp/lint"
	if [ -s "$tmp/bad" ]; then
		echo "not ok - mandoc -Tlint -Wstyle $page"
		sed 's/^/# /' "$tmp/bad"
		failed=$((failed + 1))
	else
		echo "ok - mandoc -Tlint -Wstyle $page"
	fi
done

[ "$failed" -eq 0 ]
