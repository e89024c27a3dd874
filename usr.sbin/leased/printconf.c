/*
 * Print a parsed leased.conf in canonical form: every global setting,
 * then each interface block with its settings in a fixed order.  The
 * output parses to the same configuration and prints identically.
 */

#include <sys/types.h>
#include <sys/queue.h>

#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"

static void	print_string(const char *, size_t);
static int	looks_like_hex(const uint8_t *, size_t);
static void	print_client_id(const struct iface_conf *);
static void	print_iface(const struct iface_conf *);

/* A double quoted string, with the two characters that need escaping. */
static void
print_string(const char *s, size_t len)
{
	size_t	i;

	putchar('"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			putchar('\\');
		putchar(s[i]);
	}
	putchar('"');
}

/* Would the parser take this text for colon separated hex bytes? */
static int
looks_like_hex(const uint8_t *s, size_t len)
{
	size_t	i;
	int	digits = 0, colon = 0;

	for (i = 0; i < len; i++) {
		if (isxdigit(s[i]) && digits < 2)
			digits++;
		else if (s[i] == ':' && digits > 0) {
			colon = 1;
			digits = 0;
		} else
			return (0);
	}
	return (colon && digits > 0);
}

/*
 * Type 0 followed by printable text is shown as the string it was
 * written as; anything else as hex bytes.
 */
static void
print_client_id(const struct iface_conf *ifc)
{
	const uint8_t	*id = ifc->client_id;
	size_t		 i, len = ifc->client_id_len;
	int		 text;

	text = len >= 2 && id[0] == 0 && !looks_like_hex(id + 1, len - 1);
	for (i = 1; text && i < len; i++)
		if (id[i] < 0x20 || id[i] > 0x7e)
			text = 0;

	printf("\tsend client id ");
	if (text)
		print_string((const char *)id + 1, len - 1);
	else
		for (i = 0; i < len; i++)
			printf("%s%02x", i > 0 ? ":" : "", id[i]);
	printf("\n");
}

static void
print_iface(const struct iface_conf *ifc)
{
	char	addr[INET_ADDRSTRLEN];
	int	i;

	printf("\ninterface ");
	print_string(ifc->name, strlen(ifc->name));
	printf(" {\n");

	if (ifc->client_id_len > 0)
		print_client_id(ifc);
	switch (ifc->send_host_name) {
	case HOST_NAME_CONF:
		printf("\tsend host name ");
		print_string(ifc->host_name, strlen(ifc->host_name));
		printf("\n");
		break;
	case HOST_NAME_NONE:
		printf("\tsend no host name\n");
		break;
	}
	if (ifc->vendor_class_id[0] != '\0') {
		printf("\tsend vendor class id ");
		print_string(ifc->vendor_class_id,
		    strlen(ifc->vendor_class_id));
		printf("\n");
	}
	if (ifc->ignore & IGN_DNS)
		printf("\tignore dns\n");
	if (ifc->ignore & IGN_ROUTES)
		printf("\tignore routes\n");
	for (i = 0; i < ifc->ignore_servers_len; i++) {
		if (inet_ntop(AF_INET, &ifc->ignore_servers[i], addr,
		    sizeof(addr)) == NULL)
			continue;
		printf("\tignore %s\n", addr);
	}
	if (ifc->prefer_ipv6)
		printf("\tprefer ipv6\n");
	if (ifc->rapid_commit)
		printf("\trapid commit\n");
	printf("\troute metric %d\n", ifc->route_metric);
	printf("}\n");
}

void
print_config(struct leased_conf *conf)
{
	struct iface_conf	*ifc;

	printf("lease directory ");
	print_string(conf->lease_dir, strlen(conf->lease_dir));
	printf("\nresolv conf ");
	print_string(conf->resolv_conf, strlen(conf->resolv_conf));
	printf("\nroute metric %d\n", conf->route_metric);
	if (conf->control_group[0] != '\0') {
		printf("control group ");
		print_string(conf->control_group,
		    strlen(conf->control_group));
		printf("\n");
	}
	printf("shutdown %s lease\n", conf->release_on_shutdown ?
	    "release" : "keep");

	SIMPLEQ_FOREACH(ifc, &conf->iface_list, entry)
		print_iface(ifc);
}
