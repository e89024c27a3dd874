/*
 * leased.conf(5) parser.
 *
 * The lexer follows the usual OpenBSD shape: a sorted keyword table
 * searched with bsearch(3), quoted strings, comments, line
 * continuation, "name = value" macros expanded by "$name" outside
 * quotes, and nested "include" files.  Every error is reported as
 * "file:line: message" and parsing goes on, so that one run shows
 * all of them; parse_config() then returns NULL.
 */

%{
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/stat.h>

#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

#define MAXTOKEN	8192	/* longest word or quoted string */

/* byacc's destructor hook, without an unused parameter warning. */
#define YYDESTRUCT_DECL() \
	yydestruct(const char *msg __attribute__((__unused__)), int psymb, \
	    YYSTYPE *val)

/* Markers in the unget buffer around a macro's text; never file bytes. */
#define EXPAND_START	0x100
#define EXPAND_DONE	0x101

TAILQ_HEAD(files, file);
struct file {
	TAILQ_ENTRY(file)	 entry;
	FILE			*stream;
	char			*name;
	dev_t			 dev;
	ino_t			 ino;
	int			*ungetbuf;
	size_t			 ungetpos;
	size_t			 ungetsize;
	int			 lineno;
	int			 eof_reached;
	int			 expanding;
	int			 lastc;		/* last byte read from stream */
};

TAILQ_HEAD(symhead, sym);
struct sym {
	TAILQ_ENTRY(sym)	 entry;
	char			*name;
	char			*value;
};

/* Bits for the settings already seen (global, or in the current block). */
#define SET_LEASE_DIR		0x0001
#define SET_RESOLV_CONF		0x0002
#define SET_ROUTE_METRIC	0x0004
#define SET_CONTROL_GROUP	0x0008
#define SET_SHUTDOWN		0x0010
#define SET_CLIENT_ID		0x0040
#define SET_HOST_NAME		0x0080
#define SET_NO_HOST_NAME	0x0100
#define SET_VENDOR_CLASS	0x0200
#define SET_IGNORE_DNS		0x0400
#define SET_IGNORE_ROUTES	0x0800
#define SET_PREFER_IPV6		0x1000
#define SET_RAPID_COMMIT	0x2000

struct keywords {
	const char	*k_name;
	int		 k_val;
};

typedef struct {
	union {
		int64_t		 number;
		char		*string;
	} v;
	int			 lineno;
} YYSTYPE;

int		 yyparse(void);
static int	 yylex(void);
static void	 yyerror(const char *);
static void	 conf_error(const char *, ...)
		    __attribute__((__format__ (printf, 1, 2)));
static int	 kw_cmp(const void *, const void *);
static int	 lookup(const char *);
static int	 igetc(void);
static int	 lgetc(int);
static void	 lungetc(int);
static int	 findeol(void);
static struct file *pushfile(const char *, const char *);
static int	 popfile(void);
static char	*include_path(const char *);
static int	 symset(const char *, const char *);
static char	*symget(const char *);
static void	 symclear(void);
static const char *showstr(const char *);
static int	 has_ctrl(const char *);
static int	 printable(const char *);
static int	 global_ok(const char *, int);
static int	 iface_ok(const char *, int);
static void	 set_path(char *, const char *, const char *);
static int	 metric_ok(const char *, int64_t);
static void	 iface_begin(const char *);
static void	 iface_end(void);
static int	 valid_ifname(const char *);
static int	 valid_group(const char *);
static int	 valid_host_name(const char *);
static void	 set_client_id(const char *);
static void	 add_ignore(const char *);

static struct files	 files = TAILQ_HEAD_INITIALIZER(files);
static struct symhead	 symhead = TAILQ_HEAD_INITIALIZER(symhead);
static struct file	*file, *topfile;
static struct leased_conf *conf;
static struct iface_conf *iface;	/* the block being parsed */
static int		 iface_listed;	/* iface is on conf's list */
static int		 errors;
static int		 lex_reported;	/* last token was an error we told */
static int		 seen_iface;
static int		 global_set, iface_set;
%}

%token	CLASS CLIENT COMMIT CONF CONTROL DIRECTORY DNS GROUP HOST ID
%token	IGNORE INCLUDE INTERFACE IPV6 KEEP LEASE METRIC NAME NO PREFER RAPID
%token	RELEASE RESOLV ROUTE ROUTES SEND SHUTDOWN VENDOR
%token	ERROR
%token	<v.string>	STRING
%token	<v.number>	NUMBER
%type	<v.string>	word words
%destructor { free($$); } <v.string>

%%

grammar		: /* empty */
		| grammar '\n'
		| grammar include '\n'
		| grammar varset '\n'
		| grammar global '\n'
		| grammar interface '\n'
		| grammar error '\n'
		;

include		: INCLUDE STRING {
			struct file	*nfile;
			char		*path;

			if ((path = include_path($2)) == NULL)
				fatal("%s", __func__);
			if ((nfile = pushfile(path, $2)) != NULL) {
				/*
				 * The new file starts with the include
				 * line's newline, hence lines from 0.
				 */
				file = nfile;
				lungetc('\n');
			}
			free(path);
			free($2);
		}
		;

word		: STRING
		| NUMBER {
			if (asprintf(&$$, "%lld", (long long)$1) == -1)
				fatal("%s", __func__);
		}
		;

words		: word
		| words word {
			if (asprintf(&$$, "%s %s", $1, $2) == -1)
				fatal("%s", __func__);
			free($1);
			free($2);
		}
		;

varset		: STRING '=' words {
			const char	*p;

			for (p = $1; *p != '\0'; p++)
				if (!isalnum((unsigned char)*p) && *p != '_')
					break;
			if (*p != '\0' || p == $1)
				conf_error("macro name %s: letters, digits and "
				    "underscores only", showstr($1));
			else if (symset($1, $3) == -1)
				fatal("%s", __func__);
			free($1);
			free($3);
		}
		;

global		: LEASE DIRECTORY STRING {
			if (global_ok("lease directory", SET_LEASE_DIR))
				set_path(conf->lease_dir, "lease directory",
				    $3);
			free($3);
		}
		| RESOLV CONF STRING {
			if (global_ok("resolv conf", SET_RESOLV_CONF))
				set_path(conf->resolv_conf, "resolv conf", $3);
			free($3);
		}
		| ROUTE METRIC NUMBER {
			if (global_ok("route metric", SET_ROUTE_METRIC) &&
			    metric_ok("route metric", $3))
				conf->route_metric = $3;
		}
		| CONTROL GROUP STRING {
			if (!global_ok("control group", SET_CONTROL_GROUP))
				;
			else if (strlen($3) >= sizeof(conf->control_group))
				conf_error("control group: name too long "
				    "(at most %zu characters)",
				    sizeof(conf->control_group) - 1);
			else if (!valid_group($3))
				conf_error("control group %s: invalid group "
				    "name", showstr($3));
			else
				strcpy(conf->control_group, $3);
			free($3);
		}
		| SHUTDOWN KEEP LEASE {
			if (global_ok("shutdown", SET_SHUTDOWN))
				conf->release_on_shutdown = 0;
		}
		| SHUTDOWN RELEASE LEASE {
			if (global_ok("shutdown", SET_SHUTDOWN))
				conf->release_on_shutdown = 1;
		}
		;

interface	: INTERFACE STRING {
			/* $2 stays on the stack: freed below, or on error. */
			iface_begin($2);
		} iface_block {
			iface_end();
			free($2);
		}
		;

iface_block	: /* empty: all defaults */
		| '{' optnl '}'
		| '{' optnl iface_opts optnl '}'
		;

iface_opts	: iface_opt
		| iface_opts nl iface_opt
		;

iface_opt	: SEND CLIENT ID STRING {
			if (iface_ok("send client id", SET_CLIENT_ID))
				set_client_id($4);
			free($4);
		}
		| SEND HOST NAME STRING {
			if (!iface_ok("send host name", SET_HOST_NAME))
				;
			else if (strlen($4) >= sizeof(iface->host_name))
				conf_error("send host name: too long (at most "
				    "%zu characters)",
				    sizeof(iface->host_name) - 1);
			else if (!valid_host_name($4))
				conf_error("send host name %s: invalid host "
				    "name", showstr($4));
			else {
				strcpy(iface->host_name, $4);
				iface->send_host_name = HOST_NAME_CONF;
			}
			free($4);
		}
		| SEND NO HOST NAME {
			if (iface_ok("send no host name", SET_NO_HOST_NAME))
				iface->send_host_name = HOST_NAME_NONE;
		}
		| SEND VENDOR CLASS ID STRING {
			if (!iface_ok("send vendor class id", SET_VENDOR_CLASS))
				;
			else if (strlen($5) >= sizeof(iface->vendor_class_id))
				conf_error("send vendor class id: too long "
				    "(at most %zu characters)",
				    sizeof(iface->vendor_class_id) - 1);
			else if (*$5 == '\0')
				conf_error("send vendor class id: empty");
			else if (!printable($5))
				conf_error("send vendor class id %s: only "
				    "printable ASCII allowed", showstr($5));
			else
				strcpy(iface->vendor_class_id, $5);
			free($5);
		}
		| IGNORE DNS {
			if (iface_ok("ignore dns", SET_IGNORE_DNS))
				iface->ignore |= IGN_DNS;
		}
		| IGNORE ROUTES {
			if (iface_ok("ignore routes", SET_IGNORE_ROUTES))
				iface->ignore |= IGN_ROUTES;
		}
		| IGNORE STRING {
			add_ignore($2);
			free($2);
		}
		| PREFER IPV6 {
			if (iface_ok("prefer ipv6", SET_PREFER_IPV6))
				iface->prefer_ipv6 = 1;
		}
		| RAPID COMMIT {
			if (iface_ok("rapid commit", SET_RAPID_COMMIT))
				iface->rapid_commit = 1;
		}
		| ROUTE METRIC NUMBER {
			if (iface_ok("route metric", SET_ROUTE_METRIC) &&
			    metric_ok("route metric", $3))
				iface->route_metric = $3;
		}
		| error
		;

optnl		: '\n' optnl		/* zero or more newlines */
		| /* empty */
		;

nl		: '\n' optnl		/* one or more newlines */
		;

%%

/* Report a syntax error found by the parser itself. */
static void
yyerror(const char *msg)
{
	/* The lexer already said what was wrong with this token. */
	if (lex_reported)
		return;
	if (yychar == 0)
		conf_error("%s at end of file", msg);
	else
		conf_error("%s", msg);
}

static void
conf_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	errors++;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		fatal("%s", __func__);
	va_end(ap);
	log_warnx("%s:%d: %s", file->name, yylval.lineno, msg);
	free(msg);
}

static int
kw_cmp(const void *k, const void *e)
{
	return (strcmp(k, ((const struct keywords *)e)->k_name));
}

static int
lookup(const char *s)
{
	/* Sorted, for bsearch(3). */
	static const struct keywords keywords[] = {
		{ "class",	CLASS },
		{ "client",	CLIENT },
		{ "commit",	COMMIT },
		{ "conf",	CONF },
		{ "control",	CONTROL },
		{ "directory",	DIRECTORY },
		{ "dns",	DNS },
		{ "group",	GROUP },
		{ "host",	HOST },
		{ "id",		ID },
		{ "ignore",	IGNORE },
		{ "include",	INCLUDE },
		{ "interface",	INTERFACE },
		{ "ipv6",	IPV6 },
		{ "keep",	KEEP },
		{ "lease",	LEASE },
		{ "metric",	METRIC },
		{ "name",	NAME },
		{ "no",		NO },
		{ "prefer",	PREFER },
		{ "rapid",	RAPID },
		{ "release",	RELEASE },
		{ "resolv",	RESOLV },
		{ "route",	ROUTE },
		{ "routes",	ROUTES },
		{ "send",	SEND },
		{ "shutdown",	SHUTDOWN },
		{ "vendor",	VENDOR },
	};
	const struct keywords	*p;

	p = bsearch(s, keywords, sizeof(keywords) / sizeof(keywords[0]),
	    sizeof(keywords[0]), kw_cmp);
	return (p != NULL ? p->k_val : STRING);
}

/* Next byte of the current file, macro text first. */
static int
igetc(void)
{
	int	c;

	for (;;) {
		if (file->ungetpos > 0)
			c = file->ungetbuf[--file->ungetpos];
		else if ((c = getc(file->stream)) != EOF)
			file->lastc = c;
		if (c == EXPAND_START)
			file->expanding = 1;
		else if (c == EXPAND_DONE)
			file->expanding = 0;
		else
			return (c);
	}
}

/*
 * Next character with line continuation folded away.  At the end of a
 * file a newline is made up if the last line lacks one, then an
 * included file is closed and its parent resumed.
 */
static int
lgetc(int quoted)
{
	int	c, next;

	if (quoted)
		return (igetc());

	while ((c = igetc()) == '\\') {
		next = igetc();
		if (next != '\n') {
			lungetc(next);
			break;
		}
		file->lineno++;
	}

	if (c == EOF) {
		if (!file->eof_reached) {
			file->eof_reached = 1;
			if (file->lastc != '\n' && file->lastc != 0)
				return ('\n');
		}
		if (file == topfile)
			return (EOF);
		popfile();
		return (lgetc(0));
	}
	return (c);
}

static void
lungetc(int c)
{
	int	*p;

	if (c == EOF)
		return;
	if (file->ungetpos >= file->ungetsize) {
		p = reallocarray(file->ungetbuf, file->ungetsize, 2 *
		    sizeof(*p));
		if (p == NULL)
			fatal("%s", __func__);
		file->ungetbuf = p;
		file->ungetsize *= 2;
	}
	file->ungetbuf[file->ungetpos++] = c;
}

/* Skip the rest of a bad line; the parser still sees its newline. */
static int
findeol(void)
{
	int	c;

	while ((c = lgetc(0)) != '\n' && c != EOF)
		;
	lungetc(c);
	lex_reported = 1;
	return (ERROR);
}

#define allowed_to_end_number(x) \
	(isspace(x) || (x) == '}' || (x) == '=' || (x) == '#')

#define allowed_in_word(x) \
	(isalnum(x) || (ispunct(x) && (x) != '(' && (x) != ')' && \
	(x) != '{' && (x) != '}' && (x) != '!' && (x) != '=' && \
	(x) != '#' && (x) != ',' && (x) != '"' && (x) != '\''))

static int
yylex(void)
{
	char	 buf[MAXTOKEN];
	char	*p, *end, *val;
	int	 c, next, quotec, token;

	lex_reported = 0;
	end = buf + sizeof(buf) - 1;
top:
	p = buf;
	while ((c = lgetc(0)) == ' ' || c == '\t')
		;
	yylval.lineno = file->lineno;

	if (c == '#')
		while ((c = lgetc(0)) != '\n' && c != EOF)
			;

	if (c == '$' && !file->expanding) {
		for (;;) {
			c = lgetc(0);
			if (!isalnum(c) && c != '_') {
				lungetc(c);
				break;
			}
			if (p >= end) {
				conf_error("macro name too long");
				return (findeol());
			}
			*p++ = c;
		}
		*p = '\0';
		if (p == buf) {
			conf_error("macro name missing after '$'");
			return (findeol());
		}
		if ((val = symget(buf)) == NULL) {
			conf_error("macro '%s' not defined", buf);
			return (findeol());
		}
		/* Push the value back so it is read as if written here. */
		lungetc(EXPAND_DONE);
		for (p = val + strlen(val); p > val; p--)
			lungetc((unsigned char)p[-1]);
		lungetc(EXPAND_START);
		goto top;
	}

	if (c == '"' || c == '\'') {
		quotec = c;
		for (;;) {
			c = lgetc(1);
			if (c == EOF || c == '\n') {
				conf_error("unterminated quoted string");
				lungetc(c);
				return (findeol());
			}
			if (c == '\\') {
				next = lgetc(1);
				if (next == '\n') {
					file->lineno++;
					continue;
				}
				if (next != quotec && next != '\\') {
					conf_error("invalid escape sequence "
					    "in quoted string");
					lungetc(next);
					return (findeol());
				}
				c = next;
			} else if (c == quotec)
				break;
			if (c == '\0') {
				conf_error("NUL character in quoted string");
				return (findeol());
			}
			if (p >= end) {
				conf_error("string too long");
				return (findeol());
			}
			*p++ = c;
		}
		*p = '\0';
		if ((yylval.v.string = strdup(buf)) == NULL)
			fatal("%s", __func__);
		return (STRING);
	}

	if (c == '-' || isdigit(c)) {
		do {
			if (p >= end) {
				conf_error("string too long");
				return (findeol());
			}
			*p++ = c;
		} while ((c = lgetc(0)) != EOF && isdigit(c));
		lungetc(c);
		*p = '\0';
		if (p == buf + 1 && buf[0] == '-')
			return ('-');
		if (c == EOF || allowed_to_end_number(c)) {
			long long	 n;
			char		*ep;

			errno = 0;
			n = strtoll(buf, &ep, 10);
			if (*ep != '\0' || errno == ERANGE) {
				conf_error("%s: number too large", buf);
				return (findeol());
			}
			yylval.v.number = n;
			return (NUMBER);
		}
		/* Not a number after all: read it again as a word. */
		while (p > buf + 1)
			lungetc((unsigned char)*--p);
		c = (unsigned char)*--p;
		if (c == '-')
			return (c);
	}

	if (isalnum(c) || c == ':' || c == '_' || c == '/' || c == '.') {
		do {
			if (p >= end) {
				conf_error("string too long");
				return (findeol());
			}
			*p++ = c;
		} while ((c = lgetc(0)) != EOF && allowed_in_word(c));
		lungetc(c);
		*p = '\0';
		if ((token = lookup(buf)) == STRING)
			if ((yylval.v.string = strdup(buf)) == NULL)
				fatal("%s", __func__);
		return (token);
	}

	if (c == '\n') {
		yylval.lineno = file->lineno;
		file->lineno++;
	}
	if (c == EOF) {
		/* Errors at the end belong to the last line. */
		if (file->lineno > 1)
			yylval.lineno = file->lineno - 1;
		return (0);
	}
	if (c != '\n' && (c < 0x20 || c > 0x7e)) {
		conf_error("invalid character 0x%02x", c);
		return (findeol());
	}
	return (c);
}

/*
 * Open a file for reading.  shown is the name used in messages; for an
 * include it is the name as written, and errors go to the include line.
 */
static struct file *
pushfile(const char *path, const char *shown)
{
	struct file	*nfile, *f;
	struct stat	 st;

	if ((nfile = calloc(1, sizeof(*nfile))) == NULL)
		fatal("%s", __func__);
	if ((nfile->name = strdup(path)) == NULL)
		fatal("%s", __func__);
	nfile->ungetsize = 16;
	if ((nfile->ungetbuf = calloc(nfile->ungetsize,
	    sizeof(*nfile->ungetbuf))) == NULL)
		fatal("%s", __func__);

	if ((nfile->stream = fopen(path, "r")) == NULL ||
	    fstat(fileno(nfile->stream), &st) == -1) {
		if (file == NULL)
			log_warn("%s", path);
		else
			conf_error("include %s: %s", showstr(shown),
			    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		if (file == NULL)
			log_warnx("%s: not a regular file", path);
		else
			conf_error("include %s: not a regular file",
			    showstr(shown));
		goto fail;
	}
	TAILQ_FOREACH(f, &files, entry) {
		if (f->dev == st.st_dev && f->ino == st.st_ino) {
			conf_error("include %s: include loop",
			    showstr(shown));
			goto fail;
		}
	}
	nfile->dev = st.st_dev;
	nfile->ino = st.st_ino;
	nfile->lineno = TAILQ_EMPTY(&files) ? 1 : 0;
	TAILQ_INSERT_TAIL(&files, nfile, entry);
	return (nfile);

 fail:
	if (nfile->stream != NULL)
		fclose(nfile->stream);
	free(nfile->ungetbuf);
	free(nfile->name);
	free(nfile);
	return (NULL);
}

static int
popfile(void)
{
	struct file	*prev;

	prev = TAILQ_PREV(file, files, entry);
	TAILQ_REMOVE(&files, file, entry);
	fclose(file->stream);
	free(file->name);
	free(file->ungetbuf);
	free(file);
	file = prev;
	return (file != NULL ? 0 : EOF);
}

/* A relative include is found beside the file that names it. */
static char *
include_path(const char *name)
{
	const char	*slash;
	char		*path;

	if (name[0] == '/' || (slash = strrchr(file->name, '/')) == NULL)
		return (strdup(name));
	if (asprintf(&path, "%.*s/%s", (int)(slash - file->name),
	    file->name, name) == -1)
		return (NULL);
	return (path);
}

static int
symset(const char *name, const char *value)
{
	struct sym	*sym;

	TAILQ_FOREACH(sym, &symhead, entry)
		if (strcmp(name, sym->name) == 0)
			break;
	if (sym == NULL) {
		if ((sym = calloc(1, sizeof(*sym))) == NULL)
			return (-1);
		if ((sym->name = strdup(name)) == NULL) {
			free(sym);
			return (-1);
		}
		TAILQ_INSERT_TAIL(&symhead, sym, entry);
	}
	free(sym->value);
	if ((sym->value = strdup(value)) == NULL)
		return (-1);
	return (0);
}

static char *
symget(const char *name)
{
	struct sym	*sym;

	TAILQ_FOREACH(sym, &symhead, entry)
		if (strcmp(name, sym->name) == 0)
			return (sym->value);
	return (NULL);
}

static void
symclear(void)
{
	struct sym	*sym;

	while ((sym = TAILQ_FIRST(&symhead)) != NULL) {
		TAILQ_REMOVE(&symhead, sym, entry);
		free(sym->name);
		free(sym->value);
		free(sym);
	}
}

/* A value for an error message: quoted, escaped and cut short. */
static const char *
showstr(const char *s)
{
	static char	 buf[64];
	char		*p = buf, *end = buf + sizeof(buf) - 8;

	*p++ = '"';
	for (; *s != '\0' && p < end; s++) {
		unsigned char	c = *s;

		if (c == '"' || c == '\\') {
			*p++ = '\\';
			*p++ = c;
		} else if (c >= 0x20 && c < 0x7f)
			*p++ = c;
		else
			p += snprintf(p, 5, "\\x%02x", c);
	}
	if (*s != '\0') {
		memcpy(p, "...", 3);
		p += 3;
	}
	*p++ = '"';
	*p = '\0';
	return (buf);
}

static int
has_ctrl(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (1);
	return (0);
}

static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return (0);
	return (1);
}

static int
global_ok(const char *what, int bit)
{
	if (seen_iface) {
		conf_error("%s: global settings must come before the first "
		    "interface block", what);
		return (0);
	}
	if (global_set & bit) {
		conf_error("%s: already set", what);
		return (0);
	}
	global_set |= bit;
	return (1);
}

static int
iface_ok(const char *what, int bit)
{
	if (bit == SET_HOST_NAME && (iface_set & SET_NO_HOST_NAME)) {
		conf_error("%s: conflicts with send no host name", what);
		return (0);
	}
	if (bit == SET_NO_HOST_NAME && (iface_set & SET_HOST_NAME)) {
		conf_error("%s: conflicts with send host name", what);
		return (0);
	}
	if (iface_set & bit) {
		conf_error("%s: already set", what);
		return (0);
	}
	iface_set |= bit;
	return (1);
}

static void
set_path(char *dst, const char *what, const char *path)
{
	if (strlen(path) >= CONF_PATH_SIZE)
		conf_error("%s: path too long (at most %d characters)", what,
		    CONF_PATH_SIZE - 1);
	else if (path[0] != '/')
		conf_error("%s %s: not an absolute path", what,
		    showstr(path));
	else if (has_ctrl(path))
		conf_error("%s %s: control character in path", what,
		    showstr(path));
	else
		strcpy(dst, path);
}

static int
metric_ok(const char *what, int64_t n)
{
	if (n < 0 || n > CONF_METRIC_MAX) {
		conf_error("%s %lld: out of range (0-%d)", what,
		    (long long)n, CONF_METRIC_MAX);
		return (0);
	}
	return (1);
}

/*
 * Settings of an interface named twice or badly go to a block that is
 * thrown away at its end, so the rest of the block is still checked.
 */
static void
iface_begin(const char *name)
{
	/* A syntax error may have skipped the end of the last block. */
	if (iface != NULL)
		iface_end();
	seen_iface = 1;
	iface_set = 0;
	iface_listed = 0;
	if ((iface = calloc(1, sizeof(*iface))) == NULL)
		fatal("%s", __func__);
	iface->send_host_name = HOST_NAME_SYSTEM;
	iface->route_metric = -1;	/* the global one, filled in later */

	if (strlen(name) >= sizeof(iface->name))
		conf_error("interface %s: name too long (at most %zu "
		    "characters)", showstr(name), sizeof(iface->name) - 1);
	else if (!valid_ifname(name))
		conf_error("interface %s: invalid name", showstr(name));
	else if (iface_conf_find(conf, name) != NULL)
		conf_error("interface %s: already defined", showstr(name));
	else {
		strcpy(iface->name, name);
		SIMPLEQ_INSERT_TAIL(&conf->iface_list, iface, entry);
		iface_listed = 1;
	}
}

static void
iface_end(void)
{
	if (!iface_listed)
		free(iface);
	iface = NULL;
}

/* The rules of the kernel's dev_valid_name(), and printable. */
static int
valid_ifname(const char *s)
{
	if (*s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return (0);
	for (; *s != '\0'; s++)
		if (*s == '/' || *s == ':' || *s == ' ' ||
		    (unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return (0);
	return (1);
}

/* A portable user or group name, optionally ending in '$'. */
static int
valid_group(const char *s)
{
	const char	*p;

	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return (0);
	for (p = s + 1; *p != '\0'; p++) {
		if (*p == '$' && p[1] == '\0')
			break;
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.')
			return (0);
	}
	return (1);
}

/* RFC 1123 host name: dot separated labels of letters, digits, '-'. */
static int
valid_host_name(const char *s)
{
	const char	*label = s;

	for (;; s++) {
		if (*s == '.' || *s == '\0') {
			if (s == label || s - label > 63 || *label == '-' ||
			    s[-1] == '-')
				return (0);
			if (*s == '\0')
				return (1);
			label = s + 1;
		} else if (!isalnum((unsigned char)*s) && *s != '-')
			return (0);
	}
}

/*
 * Two or more colon separated hex bytes are sent verbatim, the first
 * one being the type; anything else is a string sent with type 0.
 */
static void
set_client_id(const char *s)
{
	uint8_t		 buf[CONF_CLIENT_ID_MAX];
	const char	*p;
	size_t		 len = 0;
	int		 hex = 1, digits = 0, val = 0;

	if (strchr(s, ':') == NULL)
		hex = 0;
	for (p = s; hex; p++) {
		if (isxdigit((unsigned char)*p) && digits < 2) {
			val = val * 16 + (isdigit((unsigned char)*p) ?
			    *p - '0' : tolower((unsigned char)*p) - 'a' + 10);
			digits++;
		} else if ((*p == ':' || *p == '\0') && digits > 0) {
			if (len == sizeof(buf)) {
				conf_error("send client id: too long (at most "
				    "%d bytes)", CONF_CLIENT_ID_MAX);
				return;
			}
			buf[len++] = val;
			val = digits = 0;
			if (*p == '\0')
				break;
		} else
			hex = 0;
	}
	if (hex) {
		memcpy(iface->client_id, buf, len);
		iface->client_id_len = len;
		return;
	}

	if (*s == '\0')
		conf_error("send client id: empty");
	else if (strlen(s) > CONF_CLIENT_ID_MAX - 1)
		conf_error("send client id: too long (at most %d characters)",
		    CONF_CLIENT_ID_MAX - 1);
	else if (!printable(s))
		conf_error("send client id %s: only printable ASCII allowed",
		    showstr(s));
	else {
		iface->client_id[0] = 0;
		memcpy(iface->client_id + 1, s, strlen(s));
		iface->client_id_len = 1 + strlen(s);
	}
}

static void
add_ignore(const char *s)
{
	struct in_addr	 addr;
	uint32_t	 h;
	int		 i;

	if (inet_pton(AF_INET, s, &addr) != 1) {
		conf_error("ignore %s: invalid address", showstr(s));
		return;
	}
	h = ntohl(addr.s_addr);
	if (h == INADDR_ANY || h == INADDR_BROADCAST || IN_MULTICAST(h)) {
		conf_error("ignore %s: not a unicast address", showstr(s));
		return;
	}
	for (i = 0; i < iface->ignore_servers_len; i++) {
		if (iface->ignore_servers[i].s_addr == addr.s_addr) {
			conf_error("ignore %s: listed twice", showstr(s));
			return;
		}
	}
	if (iface->ignore_servers_len >= CONF_IGNORE_MAX) {
		conf_error("ignore %s: too many servers (at most %d)",
		    showstr(s), CONF_IGNORE_MAX);
		return;
	}
	iface->ignore_servers[iface->ignore_servers_len++] = addr;
}

struct leased_conf *
config_new_empty(void)
{
	struct leased_conf	*xconf;

	if ((xconf = calloc(1, sizeof(*xconf))) == NULL)
		fatal("%s", __func__);
	strcpy(xconf->lease_dir, CONF_LEASE_DIR);
	strcpy(xconf->resolv_conf, CONF_RESOLV_CONF);
	xconf->route_metric = CONF_ROUTE_METRIC;
	xconf->release_on_shutdown = 0;
	SIMPLEQ_INIT(&xconf->iface_list);
	return (xconf);
}

void
config_clear(struct leased_conf *xconf)
{
	struct iface_conf	*ifc;

	if (xconf == NULL)
		return;
	while ((ifc = SIMPLEQ_FIRST(&xconf->iface_list)) != NULL) {
		SIMPLEQ_REMOVE_HEAD(&xconf->iface_list, entry);
		free(ifc);
	}
	free(xconf);
}

struct iface_conf *
iface_conf_find(struct leased_conf *xconf, const char *name)
{
	struct iface_conf	*ifc;

	SIMPLEQ_FOREACH(ifc, &xconf->iface_list, entry)
		if (strcmp(ifc->name, name) == 0)
			return (ifc);
	return (NULL);
}

struct leased_conf *
parse_config(const char *filename)
{
	struct iface_conf	*ifc;

	conf = config_new_empty();
	errors = 0;
	lex_reported = 0;
	seen_iface = 0;
	global_set = 0;
	iface = NULL;
	file = NULL;

	if ((file = pushfile(filename, filename)) == NULL) {
		config_clear(conf);
		conf = NULL;
		return (NULL);
	}
	topfile = file;

	yyparse();

	/* An error inside an include can leave files open. */
	while (file != NULL)
		popfile();
	topfile = NULL;
	if (iface != NULL)
		iface_end();
	symclear();

	if (errors) {
		config_clear(conf);
		conf = NULL;
		return (NULL);
	}

	SIMPLEQ_FOREACH(ifc, &conf->iface_list, entry)
		if (ifc->route_metric == -1)
			ifc->route_metric = conf->route_metric;
	return (conf);
}
