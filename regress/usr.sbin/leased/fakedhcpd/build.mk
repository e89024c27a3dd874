# fakedhcpd, the scriptable DHCP server of the lab tests, and its self-test
REGRESS +=	regress/usr.sbin/leased/fakedhcpd/fakedhcpd_test.sh
