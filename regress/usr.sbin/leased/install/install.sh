#!/bin/sh
# make install and make uninstall into a DESTDIR: every file where the
# documentation says, with its mode, and nothing else; paths in the
# rc.d script and the unit follow PREFIX; an existing /etc/leased.conf
# is never overwritten, and a changed one survives uninstall.

. regress/lab.sh

T=$(mktemp -d /tmp/leased-install.XXXXXX)
trap 'rm -rf "$T"' EXIT

# Not the jobserver or the flags of a make that runs this test.
unset MAKEFLAGS MAKELEVEL MFLAGS

# inst [make arguments]: make install into $D, output in $T/out
inst() {
	make -s install DESTDIR="$D" "$@" >"$T/out" 2>&1
}

uninst() {
	make -s uninstall DESTDIR="$D" "$@" >"$T/out" 2>&1
}

# mode FILE: the octal permission bits
mode() {
	stat -c %a "$1" 2>/dev/null
}

# files: every non-directory under $D, relative to it, sorted
files() {
	(cd "$D" && find . ! -type d | sed 's,^\.,,' | sort)
}

D=$T/a
check "make install DESTDIR=... exits 0" inst
sed 's/^/# /' "$T/out"

P=/usr/local
cat >"$T/expected" <<EOT
/etc/init.d/leased
/etc/leased.conf
$P/lib/systemd/system/leased.service
$P/sbin/leasectl
$P/sbin/leased
$P/share/examples/leased/leased.conf
$P/share/man/man5/leased.conf.5
$P/share/man/man8/leasectl.8
$P/share/man/man8/leased.8
EOT
files >"$T/got"
if cmp -s "$T/expected" "$T/got"; then
	ok "install puts exactly the expected files in place"
else
	not_ok "install puts exactly the expected files in place"
	diff "$T/expected" "$T/got" | sed 's/^/# /'
fi

for f in leased leasectl; do
	check "$P/sbin/$f is mode 0555" [ "$(mode "$D$P/sbin/$f")" = 555 ]
	check "$P/sbin/$f is the built binary" \
	    cmp -s "$D$P/sbin/$f" "usr.sbin/$f/$f"
done
for f in man5/leased.conf.5 man8/leased.8 man8/leasectl.8; do
	check "$P/share/man/$f is mode 0444" \
	    [ "$(mode "$D$P/share/man/$f")" = 444 ]
done
check "the rc.d script is mode 0555" [ "$(mode "$D/etc/init.d/leased")" = 555 ]
check "the unit is mode 0444" \
    [ "$(mode "$D$P/lib/systemd/system/leased.service")" = 444 ]
check "/etc/leased.conf is mode 0644" [ "$(mode "$D/etc/leased.conf")" = 644 ]
check "/etc/leased.conf is the example" \
    cmp -s "$D/etc/leased.conf" etc/leased.conf
check "the installed example config parses" \
    "$D$P/sbin/leased" -n -f "$D/etc/leased.conf"
check "the rc.d script is valid sh" sh -n "$D/etc/init.d/leased"
check "the rc.d script runs $P/sbin/leased" \
    grep -q "leased_bin:=$P/sbin/leased}" "$D/etc/init.d/leased"
check "the unit starts $P/sbin/leased" \
    grep -q "^ExecStart=$P/sbin/leased " \
    "$D$P/lib/systemd/system/leased.service"
check "with DESTDIR it creates no user but says what is left (useradd)" \
    grep -q "useradd -r .* _leased" "$T/out"

# A second install over a changed configuration keeps it.
echo "# changed by the administrator" >>"$D/etc/leased.conf"
cp "$D/etc/leased.conf" "$T/changed"
check "a second install exits 0" inst
check "a second install leaves a changed /etc/leased.conf alone" \
    cmp -s "$D/etc/leased.conf" "$T/changed"
check "and says it kept it" grep -q "keeping .*/etc/leased.conf" "$T/out"
check "the example is still installed beside it" \
    cmp -s "$D$P/share/examples/leased/leased.conf" etc/leased.conf

# Uninstall: everything install put, except the changed config.
check "make uninstall exits 0" uninst
check "uninstall says it keeps the changed config" \
    grep -q "keeping .*/etc/leased.conf" "$T/out"
check "uninstall leaves only the changed /etc/leased.conf" \
    [ "$(files)" = /etc/leased.conf ]
check "the changed /etc/leased.conf is intact" \
    cmp -s "$D/etc/leased.conf" "$T/changed"

# An unchanged config is install's own: uninstall takes it too.
D=$T/b
inst
check "uninstall after a plain install exits 0" uninst
check "uninstall after a plain install leaves no file" [ -z "$(files)" ]

# A config that was there before install, identical or not, is the
# administrator's: install does not replace it.
D=$T/c
mkdir -p "$D/etc"
echo 'interface "eth9"' >"$D/etc/leased.conf"
inst
check "install does not replace an existing /etc/leased.conf" \
    [ "$(cat "$D/etc/leased.conf")" = 'interface "eth9"' ]
uninst
check "nor does uninstall remove it" test -f "$D/etc/leased.conf"

# PREFIX=/usr: the unit goes where Debian keeps them, paths follow.
D=$T/d
check "make install PREFIX=/usr exits 0" inst PREFIX=/usr
check "PREFIX=/usr: the binary in /usr/sbin" test -x "$D/usr/sbin/leased"
check "PREFIX=/usr: the unit in /lib/systemd/system" \
    test -f "$D/lib/systemd/system/leased.service"
check "PREFIX=/usr: the unit starts /usr/sbin/leased" \
    grep -q "^ExecStart=/usr/sbin/leased " \
    "$D/lib/systemd/system/leased.service"
check "PREFIX=/usr: the rc.d script runs /usr/sbin/leased" \
    grep -q "leased_bin:=/usr/sbin/leased}" "$D/etc/init.d/leased"
check "PREFIX=/usr: no /usr/local path is left in either" \
    sh -c "! grep -q /usr/local $D/lib/systemd/system/leased.service $D/etc/init.d/leased"
uninst PREFIX=/usr
check "PREFIX=/usr: uninstall leaves no file" [ -z "$(files)" ]

# PREFIX=/opt/leased: the unit under the prefix.
D=$T/e
inst PREFIX=/opt/leased
check "PREFIX=/opt/leased: the unit starts /opt/leased/sbin/leased" \
    grep -q "^ExecStart=/opt/leased/sbin/leased " \
    "$D/opt/leased/lib/systemd/system/leased.service"
check "PREFIX=/opt/leased: the config check too" \
    grep -q "^ExecStartPre=/opt/leased/sbin/leased -n " \
    "$D/opt/leased/lib/systemd/system/leased.service"

# As root with no DESTDIR, on a system without the user: in a mount
# namespace of our own, /etc is an overlay whose changes land in $T, and
# /usr/local and /var are empty tmpfs, so the host is never touched.
mkdir -p "$T/up" "$T/work"
export T
host_before=$(cat /etc/passwd /etc/leased.conf /etc/init.d/leased 2>/dev/null |
    cksum)
unshare -m --propagation private sh -c '
	if ! mount -t overlay overlay \
	    -o lowerdir=/etc,upperdir=$T/up,workdir=$T/work /etc ||
	    ! mount -t tmpfs none /usr/local || ! mount -t tmpfs none /var
	then
		echo "not ok - root install: cannot set up the mounts"
		exit 1
	fi
	. regress/lab.sh
	sed -i "/^_leased:/d" /etc/passwd /etc/group /etc/shadow \
	    /etc/gshadow 2>/dev/null
	check "root install: no user _leased to begin with" \
	    sh -c "! getent passwd _leased >/dev/null"
	check "root install: make install exits 0" \
	    sh -c "make -s install >$T/root.out 2>&1"
	sed "s/^/# /" $T/root.out
	check "root install: it created the system user _leased" \
	    getent passwd _leased
	check "root install: home /var/empty, shell nologin" \
	    sh -c "getent passwd _leased | grep -q \":/var/empty:.*nologin\$\""
	check "root install: a system uid" \
	    [ "$(id -u _leased)" -lt 1000 ]
	check "root install: and said so" \
	    grep -q "creating system user _leased" $T/root.out
	check "root install: /var/empty is root'"'"'s, 0755" \
	    [ "$(stat -c "%U %G %a" /var/empty)" = "root root 755" ]
	check "root install: /var/db/leased is root'"'"'s, 0700" \
	    [ "$(stat -c "%U %G %a" /var/db/leased)" = "root root 700" ]
	check "root install: /etc/leased.conf is in place" \
	    cmp -s /etc/leased.conf etc/leased.conf
	check "root install: /etc/init.d/leased is in place" \
	    test -x /etc/init.d/leased
	make -s install >$T/root.out 2>&1
	check "root install, again: the user is left as it is" \
	    grep -q "user _leased exists" $T/root.out
	echo lease >/var/db/leased/eth0.lease
	make -s uninstall >$T/root.out 2>&1
	check "root uninstall: the binaries are gone" \
	    test ! -e /usr/local/sbin/leased
	check "root uninstall: the unchanged /etc/leased.conf is gone" \
	    test ! -e /etc/leased.conf
	check "root uninstall: the rc.d script is gone" \
	    test ! -e /etc/init.d/leased
	check "root uninstall: the user stays" getent passwd _leased
	check "root uninstall: the leases stay" \
	    test -f /var/db/leased/eth0.lease
	lab_done
' || LAB_FAILED=$((LAB_FAILED + 1))
check "the root install left the host's passwd and /etc alone" \
    [ "$(cat /etc/passwd /etc/leased.conf /etc/init.d/leased 2>/dev/null |
    cksum)" = "$host_before" ]

lab_done
