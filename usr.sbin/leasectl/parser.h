/*
 * leasectl: the command line grammar.
 */

#ifndef PARSER_H
#define PARSER_H

#include <net/if.h>

enum actions {
	NONE,
	SHOW_INTERFACE,
	SEND_REQUEST,
	RELEASE,
	RELOAD,
	LOG_VERBOSE,
	LOG_BRIEF
};

struct parse_result {
	enum actions	 action;
	char		 ifname[IF_NAMESIZE];	/* "": none given */
};

struct parse_result	*parse(int, char *[]);
int			 parse_is_keyword(const char *);

#endif /* PARSER_H */
