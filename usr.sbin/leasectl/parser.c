/*
 * leasectl: the command line grammar, as a tree of token tables.  A
 * keyword may be shortened to any prefix that names it alone ("sh int"
 * is "show interface"); a word that matches nothing, or more than one
 * keyword, prints the choices at that point.
 */

#include <sys/types.h>

#include <net/if.h>

#include <stdio.h>
#include <string.h>

#include "parser.h"

enum token_type {
	ENDTOKEN,
	NOTOKEN,	/* the words may end here */
	KEYWORD,
	IFNAME
};

struct token {
	enum token_type		 type;
	const char		*keyword;
	enum actions		 value;
	const struct token	*next;
};

static const struct token	*match_token(const char *,
				    const struct token *,
				    struct parse_result *);
static void			 show_valid_args(const struct token *);

static const struct token t_ifname[] = {
	{ IFNAME,	"",		NONE,		NULL },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static const struct token t_ifname_opt[] = {
	{ NOTOKEN,	"",		NONE,		NULL },
	{ IFNAME,	"",		NONE,		NULL },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static const struct token t_show[] = {
	{ NOTOKEN,	"",		NONE,		NULL },
	{ KEYWORD,	"interface",	SHOW_INTERFACE,	t_ifname_opt },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static const struct token t_send[] = {
	{ KEYWORD,	"request",	SEND_REQUEST,	t_ifname },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static const struct token t_log[] = {
	{ KEYWORD,	"verbose",	LOG_VERBOSE,	NULL },
	{ KEYWORD,	"brief",	LOG_BRIEF,	NULL },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static const struct token t_main[] = {
	{ KEYWORD,	"show",		SHOW_INTERFACE,	t_show },
	{ KEYWORD,	"send",		NONE,		t_send },
	{ KEYWORD,	"release",	RELEASE,	t_ifname },
	{ KEYWORD,	"reload",	RELOAD,		NULL },
	{ KEYWORD,	"log",		NONE,		t_log },
	{ ENDTOKEN,	"",		NONE,		NULL }
};

static struct parse_result	res;

struct parse_result *
parse(int argc, char *argv[])
{
	const struct token	*table = t_main;
	const struct token	*match;
	const char		*word;

	memset(&res, 0, sizeof(res));

	for (;;) {
		word = argc > 0 ? argv[0] : NULL;
		if ((match = match_token(word, table, &res)) == NULL) {
			fprintf(stderr, "valid commands/args:\n");
			show_valid_args(table);
			return (NULL);
		}
		if (match->type == NOTOKEN)
			break;
		argc--;
		argv++;
		if (match->next == NULL)
			break;
		table = match->next;
	}
	if (argc > 0) {
		fprintf(stderr, "leasectl: superfluous argument: %s\n",
		    argv[0]);
		return (NULL);
	}
	/* "send" alone names no action: match_token asked for more. */
	if (res.action == NONE)
		return (NULL);
	return (&res);
}

/* Whether word is, in full, a command word at the top level. */
int
parse_is_keyword(const char *word)
{
	const struct token	*t;

	for (t = t_main; t->type != ENDTOKEN; t++)
		if (t->type == KEYWORD && strcmp(word, t->keyword) == 0)
			return (1);
	return (0);
}

static const struct token *
match_token(const char *word, const struct token *table,
    struct parse_result *r)
{
	const struct token	*t, *found = NULL;
	int			 n = 0, exact = 0;
	size_t			 len;

	for (t = table; t->type != ENDTOKEN; t++) {
		switch (t->type) {
		case NOTOKEN:
			if (word == NULL) {
				found = t;
				n++;
			}
			break;
		case KEYWORD:
			if (word == NULL || word[0] == '\0' || exact)
				break;
			len = strlen(word);
			if (strcmp(word, t->keyword) == 0) {
				/* A full word wins over prefixes of others. */
				found = t;
				n = 1;
				exact = 1;
			} else if (strncmp(word, t->keyword, len) == 0) {
				found = t;
				n++;
			}
			break;
		case IFNAME:
			if (word == NULL || word[0] == '\0' || n > 0)
				break;
			len = strlen(word);
			if (len >= sizeof(r->ifname)) {
				fprintf(stderr, "leasectl: interface name "
				    "too long: %s\n", word);
				return (NULL);
			}
			memcpy(r->ifname, word, len + 1);
			found = t;
			n++;
			break;
		case ENDTOKEN:
			break;
		}
	}

	if (n != 1) {
		if (word == NULL)
			fprintf(stderr, "leasectl: missing argument\n");
		else if (n > 1)
			fprintf(stderr, "leasectl: ambiguous argument: %s\n",
			    word);
		else
			fprintf(stderr, "leasectl: unknown argument: %s\n",
			    word);
		return (NULL);
	}
	if (found->value != NONE)
		r->action = found->value;
	return (found);
}

static void
show_valid_args(const struct token *table)
{
	const struct token	*t;

	for (t = table; t->type != ENDTOKEN; t++) {
		switch (t->type) {
		case NOTOKEN:
			fprintf(stderr, "  <cr>\n");
			break;
		case KEYWORD:
			fprintf(stderr, "  %s\n", t->keyword);
			break;
		case IFNAME:
			fprintf(stderr, "  <interface>\n");
			break;
		case ENDTOKEN:
			break;
		}
	}
}
