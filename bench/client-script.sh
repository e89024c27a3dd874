#!/bin/sh
# The configuration script given to dhclient (-sf) and udhcpc (-s) in the
# benchmark: it only puts the leased address on the interface, so that
# neither client touches anything outside its network namespace (no
# resolv.conf, no hostname, no routes).  dhclient passes "reason",
# "interface", "new_ip_address" and "new_subnet_mask"; udhcpc passes its
# event as $1 and "interface", "ip" and "mask" (a prefix length).
case "${reason:-$1}" in
BOUND|RENEW|REBIND|REBOOT|bound|renew)
	if [ -n "$new_ip_address" ]; then
		ip addr replace "$new_ip_address/$new_subnet_mask" \
		    dev "$interface"
	else
		ip addr replace "$ip/${mask:-24}" dev "$interface"
	fi
	;;
PREINIT)
	ip link set dev "$interface" up
	;;
esac
exit 0
