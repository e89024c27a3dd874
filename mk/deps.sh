#!/bin/sh
# Check for, or install, the Debian packages leased needs to build, to
# run its regress suite and to run its lab.
#
#	deps.sh check	print one line per missing package, exit 1 if any
#	deps.sh install	install what is missing with apt-get

# package:file-or-command that proves it is installed
PKGS="
byacc:/usr/bin/byacc
pkg-config:/usr/bin/pkg-config
libevent-dev:/usr/include/event2/event.h
libbpf-dev:/usr/include/bpf/libbpf.h
libmnl-dev:/usr/include/libmnl/libmnl.h
libpcap-dev:/usr/include/pcap/pcap.h
clang:/usr/bin/clang
libclang-rt-dev:/usr/bin/clang
mandoc:/usr/bin/mandoc
dnsmasq-base:/usr/sbin/dnsmasq
iproute2:/usr/sbin/ip
tcpdump:/usr/bin/tcpdump
iputils-ping:/usr/bin/ping
procps:/usr/bin/ps
util-linux:/usr/bin/unshare
valgrind:/usr/bin/valgrind
python3:/usr/bin/python3
systemd:/usr/bin/systemd-analyze
"

missing() {
	for p in $PKGS; do
		pkg=${p%%:*}
		file=${p#*:}
		if [ "$pkg" = libclang-rt-dev ]; then
			# libFuzzer's runtime
			ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
			    >/dev/null 2>&1 || echo "$pkg"
			continue
		fi
		[ -e "$file" ] || echo "$pkg"
	done
}

case "$1" in
check)
	m=$(missing)
	[ -z "$m" ] && exit 0
	for p in $m; do
		echo "leased: missing Debian package $p: run 'make deps'" >&2
	done
	exit 1
	;;
install)
	m=$(missing)
	[ -z "$m" ] && { echo "deps: all packages present"; exit 0; }
	if [ "$(id -u)" != 0 ]; then
		echo "deps: must be root to install:" $m >&2
		exit 1
	fi
	echo "deps: installing" $m
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || exit 1
	apt-get install -y -qq --no-install-recommends $m || exit 1
	;;
*)
	echo "usage: deps.sh check | install" >&2
	exit 2
	;;
esac
