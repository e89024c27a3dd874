# Hostile input and faults: the real daemon in the lab against a
# scriptable server that lies, floods and disappears, and processes
# killed at random.  Each script can be run alone: sh regress/run <script>.
REGRESS +=	regress/usr.sbin/leased/hostile/hostile.sh \
		regress/usr.sbin/leased/hostile/expiry.sh \
		regress/usr.sbin/leased/hostile/faults.sh \
		regress/usr.sbin/leased/hostile/leaks.sh
