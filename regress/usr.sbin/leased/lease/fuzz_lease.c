/*
 * Fuzz lease_parse(): any input is refused or accepted without a crash;
 * an accepted lease passes validate_lease(), prints back to text that
 * parses to the same lease, and gives a resolv.conf.
 */

#include <sys/types.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lease.h"
#include "resolv.h"
#include "validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 text[LEASE_FILE_MAX], conf[RESOLV_FILE_MAX];
	struct lease	 l, again;
	char		 err[VALIDATE_WHY_LEN];
	size_t		 len;

	if (lease_parse((const char *)data, size, &l, err, sizeof(err)) == -1)
		return (0);
	if (validate_lease(&l, err, sizeof(err)) == -1)
		abort();
	len = lease_format(&l, text, sizeof(text));
	if (len >= sizeof(text))
		abort();
	if (lease_parse(text, len, &again, err, sizeof(err)) == -1 ||
	    memcmp(&l, &again, sizeof(l)) != 0)
		abort();
	if (resolv_format(&l, conf, sizeof(conf)) == -1)
		abort();
	return (0);
}
