# What a user does on day one: make install and uninstall into a
# DESTDIR, the rc.d script and the systemd unit run for real in the lab,
# and make demo's script.  Each can be run alone: sh regress/run <script>.
REGRESS +=	regress/usr.sbin/leased/install/install.sh \
		regress/usr.sbin/leased/install/rcd.sh \
		regress/usr.sbin/leased/install/systemd.sh \
		regress/usr.sbin/leased/install/demo.sh
