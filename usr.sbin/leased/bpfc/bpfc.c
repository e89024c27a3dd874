/*
 * bpfc: compile leased's filter sources (tcpdump expressions in the
 * .pcap files of ../filters/) into classic BPF with libpcap and write
 * them as a C header of struct sock_filter arrays, with the disassembly
 * of every instruction beside it and a table of the instructions that
 * hold run-time values.
 *
 *	bpfc -o header file.pcap ...	write the header
 *	bpfc -d file.pcap		print the disassembly
 *
 * A source starts with comment lines ("#").  Lines starting with "#@"
 * are directives:
 *
 *	#@ linktype NAME	pcap link type name, e.g. EN10MB
 *	#@ guard rx		prepend the receive guard (see below)
 *	#@ mac MAC N		the MAC placeholder is used N times
 *	#@ leased ADDR N	the leased address placeholder, N times
 *	#@ server ADDR N	the server address placeholder, N times
 *
 * The placeholder values must be the ones in filter.h.  Each use of a
 * MAC is two comparisons (first 2 bytes, last 4), of an address one.
 * Every comparison against a placeholder must be a "jeq #k" reached
 * only after a load of the right width, and there must be exactly as
 * many as declared: anything else is an error, because the parent
 * could not patch the program reliably.
 *
 * The receive guard uses the kernel's ancillary loads, which libpcap
 * cannot generate: it rejects frames whose skb still carries a VLAN
 * tag and frames the kernel marked PACKET_OTHERHOST (tagged frames for
 * an unknown VLAN are given that type when the tag is stripped).  It
 * leaves A == 0 and X untouched, the state a program starts in.
 */

#include <arpa/inet.h>
#include <linux/if_packet.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf_disasm.h"
#include "filter.h"

#define MAXLINES	512
#define SNAPLEN		262144

/* Width of the load A was last set from, as a bit mask. */
#define A_WORD		0x01
#define A_HALF		0x02
#define A_BYTE		0x04
#define A_OTHER		0x08

struct part {
	const char	*what;		/* for messages */
	const char	*enumname;
	uint32_t	 value;
	int		 width;		/* A_WORD or A_HALF */
	int		 uses;		/* declared */
};

struct source {
	const char		*path;
	char			 name[64];
	int			 linktype;
	int			 guard;
	char			*expr;		/* for pcap_compile */
	char			*text;		/* for the reader */
	struct part		 parts[FILTER_V_MAX];
	struct sock_filter	*insns;
	size_t			 len;
	struct filter_patch	*patches;
	size_t			 npatches;
};

static void	usage(void) __attribute__((__noreturn__));
static void	append(char **, const char *);
static void	directive(struct source *, char *, int);
static void	readsource(struct source *, const char *);
static void	compile(struct source *);
static void	locate(struct source *);
static void	writeheader(FILE *, struct source *, int);
static void	writeprog(FILE *, struct source *);
static const char *patchname(const struct source *, size_t);
static void	freesources(struct source *, int);

static const struct sock_filter rx_guard[] = {
	/* (000) ld #type; (001) jeq #PACKET_OTHERHOST jt 4 jf 2 */
	BPF_STMT(BPF_LD|BPF_W|BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
	BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, PACKET_OTHERHOST, 2, 0),
	/* (002) ld #vlanp; (003) jeq #0 jt 5 jf 4 */
	BPF_STMT(BPF_LD|BPF_W|BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
	BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, 0, 1, 0),
	/* (004) ret #0 */
	BPF_STMT(BPF_RET|BPF_K, 0),
};
#define RX_GUARD_LEN	(sizeof(rx_guard) / sizeof(rx_guard[0]))

static void
usage(void)
{
	fprintf(stderr, "usage: bpfc -o header file ...\n"
	    "       bpfc -d file\n");
	exit(2);
}

static void
append(char **s, const char *add)
{
	char	*n;

	if (asprintf(&n, "%s%s", *s == NULL ? "" : *s, add) == -1)
		err(1, "asprintf");
	free(*s);
	*s = n;
}

static void
directive(struct source *src, char *line, int lineno)
{
	char		*word, *arg, *count, *end;
	struct part	*p, *p2 = NULL;
	unsigned int	 m[6];
	struct in_addr	 in;
	long		 n;
	int		 i;

	word = strtok(line, " \t");
	arg = strtok(NULL, " \t");
	count = strtok(NULL, " \t");
	if (word == NULL || arg == NULL)
		errx(1, "%s:%d: incomplete directive", src->path, lineno);

	if (strcmp(word, "linktype") == 0) {
		if ((src->linktype = pcap_datalink_name_to_val(arg)) == -1)
			errx(1, "%s:%d: unknown link type %s", src->path,
			    lineno, arg);
		return;
	}
	if (strcmp(word, "guard") == 0) {
		if (strcmp(arg, "rx") != 0)
			errx(1, "%s:%d: unknown guard %s", src->path, lineno,
			    arg);
		src->guard = 1;
		return;
	}

	if (count == NULL)
		errx(1, "%s:%d: %s: missing use count", src->path, lineno,
		    word);
	n = strtol(count, &end, 10);
	if (*end != '\0' || n < 1 || n > 16)
		errx(1, "%s:%d: %s: bad use count %s", src->path, lineno,
		    word, count);

	if (strcmp(word, "mac") == 0) {
		if (sscanf(arg, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2],
		    &m[3], &m[4], &m[5]) != 6)
			errx(1, "%s:%d: bad MAC %s", src->path, lineno, arg);
		p = &src->parts[FILTER_V_MAC_HI16];
		p2 = &src->parts[FILTER_V_MAC_LO32];
		if ((m[0] << 8 | m[1]) != p->value ||
		    (m[2] << 24 | m[3] << 16 | m[4] << 8 | m[5]) != p2->value)
			errx(1, "%s:%d: the MAC placeholder must be "
			    "02:de:ad:be:ef:01", src->path, lineno);
	} else if (strcmp(word, "leased") == 0 ||
	    strcmp(word, "server") == 0) {
		i = word[0] == 'l' ? FILTER_V_LEASED : FILTER_V_SERVER;
		p = &src->parts[i];
		if (inet_pton(AF_INET, arg, &in) != 1 ||
		    ntohl(in.s_addr) != p->value)
			errx(1, "%s:%d: the %s placeholder must be %s",
			    src->path, lineno, word, i == FILTER_V_LEASED ?
			    "198.51.100.201" : "198.51.100.202");
	} else
		errx(1, "%s:%d: unknown directive %s", src->path, lineno,
		    word);

	if (p->uses != 0)
		errx(1, "%s:%d: %s declared twice", src->path, lineno, word);
	p->uses = n;
	if (p2 != NULL)
		p2->uses = n;
}

static void
readsource(struct source *src, const char *path)
{
	static const struct part parts[FILTER_V_MAX] = {
		{ "MAC bytes 0-1", "FILTER_V_MAC_HI16", FILTER_PH_MAC_HI16,
		    A_HALF, 0 },
		{ "MAC bytes 2-5", "FILTER_V_MAC_LO32", FILTER_PH_MAC_LO32,
		    A_WORD, 0 },
		{ "leased address", "FILTER_V_LEASED", FILTER_PH_LEASED,
		    A_WORD, 0 },
		{ "server address", "FILTER_V_SERVER", FILTER_PH_SERVER,
		    A_WORD, 0 },
	};
	FILE		*fp;
	char		*line = NULL, *p, *base;
	size_t		 size = 0, i;
	ssize_t		 n;
	int		 lineno = 0;

	memset(src, 0, sizeof(*src));
	src->path = path;
	src->linktype = -1;
	memcpy(src->parts, parts, sizeof(parts));

	base = strrchr(path, '/');
	base = base == NULL ? (char *)(uintptr_t)path : base + 1;
	for (i = 0; base[i] != '\0' && base[i] != '.' &&
	    i < sizeof(src->name) - 1; i++)
		src->name[i] = isalnum((unsigned char)base[i]) ? base[i] : '_';
	if (i == 0)
		errx(1, "%s: cannot name a program after this file", path);

	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	while ((n = getline(&line, &size, fp)) != -1) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (strncmp(line, "#@", 2) == 0) {
			directive(src, line + 2, lineno);
			continue;
		}
		if (line[0] == '#')
			continue;
		for (p = line; isspace((unsigned char)*p); p++)
			;
		if (*p == '\0')
			continue;
		/* The reader sees the line as written, comments and all. */
		append(&src->text, line);
		append(&src->text, "\n");
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		append(&src->expr, line);
		append(&src->expr, " ");
	}
	if (ferror(fp))
		err(1, "%s", path);
	fclose(fp);
	free(line);

	if (src->linktype == -1)
		errx(1, "%s: no \"#@ linktype\" directive", path);
	if (src->expr == NULL)
		errx(1, "%s: no filter expression", path);
}

static void
compile(struct source *src)
{
	struct bpf_program	 prog;
	pcap_t			*pc;
	size_t			 i, off;

	if ((pc = pcap_open_dead(src->linktype, SNAPLEN)) == NULL)
		errx(1, "%s: pcap_open_dead failed", src->path);
	if (pcap_compile(pc, &prog, src->expr, 1,
	    PCAP_NETMASK_UNKNOWN) == -1)
		errx(1, "%s: %s", src->path, pcap_geterr(pc));

	off = src->guard ? RX_GUARD_LEN : 0;
	src->len = off + prog.bf_len;
	if (src->len > BPF_MAXINSNS)
		errx(1, "%s: %zu instructions, more than %d", src->path,
		    src->len, BPF_MAXINSNS);
	if ((src->insns = calloc(src->len, sizeof(*src->insns))) == NULL)
		err(1, NULL);
	/* Guard jumps are relative and forward, so prepending is safe. */
	if (src->guard)
		memcpy(src->insns, rx_guard, sizeof(rx_guard));
	for (i = 0; i < prog.bf_len; i++) {
		src->insns[off + i].code = prog.bf_insns[i].code;
		src->insns[off + i].jt = prog.bf_insns[i].jt;
		src->insns[off + i].jf = prog.bf_insns[i].jf;
		src->insns[off + i].k = prog.bf_insns[i].k;
	}
	pcap_freecode(&prog);
	pcap_close(pc);
}

/*
 * Find the instructions holding placeholders.  A forward pass over
 * the program (classic BPF jumps only forward) tracks which kind of
 * load may have set A on each path to each instruction.
 */
static void
locate(struct source *src)
{
	const struct sock_filter	*in;
	uint8_t				*reach, *awidth, out;
	size_t				 i, t, found[FILTER_V_MAX];
	int				 v, size;

	if ((reach = calloc(src->len, 1)) == NULL ||
	    (awidth = calloc(src->len, 1)) == NULL ||
	    (src->patches = calloc(src->len, sizeof(*src->patches))) == NULL)
		err(1, NULL);
	memset(found, 0, sizeof(found));
	reach[0] = 1;
	awidth[0] = A_OTHER;

	for (i = 0; i < src->len; i++) {
		in = &src->insns[i];

		for (v = 0; v < FILTER_V_MAX; v++) {
			if (in->k != src->parts[v].value)
				continue;
			if (in->code != (BPF_JMP|BPF_JEQ|BPF_K))
				errx(1, "%s: (%03zu): the %s placeholder "
				    "0x%x is used by an instruction other "
				    "than \"jeq #k\"", src->path, i,
				    src->parts[v].what, in->k);
			if (!reach[i])
				errx(1, "%s: (%03zu): placeholder in "
				    "unreachable code", src->path, i);
			if (awidth[i] != src->parts[v].width)
				errx(1, "%s: (%03zu): the %s placeholder is "
				    "compared with a value not loaded as "
				    "%s", src->path, i, src->parts[v].what,
				    src->parts[v].width == A_WORD ?
				    "a 32-bit word" : "a 16-bit half word");
			src->patches[src->npatches].insn = i;
			src->patches[src->npatches].value = v;
			src->npatches++;
			found[v]++;
		}

		if (!reach[i])
			continue;
		out = awidth[i];
		switch (BPF_CLASS(in->code)) {
		case BPF_LD:
			size = BPF_SIZE(in->code);
			if ((BPF_MODE(in->code) == BPF_ABS &&
			    in->k < (uint32_t)SKF_AD_OFF) ||
			    BPF_MODE(in->code) == BPF_IND)
				out = size == BPF_W ? A_WORD :
				    size == BPF_H ? A_HALF : A_BYTE;
			else
				out = A_OTHER;
			break;
		case BPF_ALU:
		case BPF_MISC:
			if (BPF_CLASS(in->code) == BPF_ALU ||
			    BPF_MISCOP(in->code) == BPF_TXA)
				out = A_OTHER;
			break;
		case BPF_RET:
			continue;
		}
		if (BPF_CLASS(in->code) != BPF_JMP) {
			if (i + 1 >= src->len)
				errx(1, "%s: (%03zu): falls off the end",
				    src->path, i);
			reach[i + 1] = 1;
			awidth[i + 1] |= out;
			continue;
		}
		if (BPF_OP(in->code) == BPF_JA) {
			t = i + 1 + in->k;
			if (t >= src->len)
				errx(1, "%s: (%03zu): jump out of the program",
				    src->path, i);
			reach[t] = 1;
			awidth[t] |= out;
			continue;
		}
		if (i + 1 + in->jt >= src->len || i + 1 + in->jf >= src->len)
			errx(1, "%s: (%03zu): jump out of the program",
			    src->path, i);
		reach[i + 1 + in->jt] = 1;
		awidth[i + 1 + in->jt] |= out;
		reach[i + 1 + in->jf] = 1;
		awidth[i + 1 + in->jf] |= out;
	}

	for (v = 0; v < FILTER_V_MAX; v++) {
		if (found[v] == (size_t)src->parts[v].uses)
			continue;
		errx(1, "%s: the %s placeholder (0x%x) is compared %zu "
		    "time%s in the compiled program, the source declares "
		    "%d", src->path, src->parts[v].what, src->parts[v].value,
		    found[v], found[v] == 1 ? "" : "s", src->parts[v].uses);
	}
	free(reach);
	free(awidth);
}

static const char *
patchname(const struct source *src, size_t insn)
{
	size_t	 i;

	for (i = 0; i < src->npatches; i++)
		if (src->patches[i].insn == insn)
			return (src->parts[src->patches[i].value].what);
	return (NULL);
}

static void
writeprog(FILE *fp, struct source *src)
{
	char		 line[BPF_DISASM_LEN];
	const char	*p, *what;
	size_t		 i;

	fprintf(fp, "/*\n * %s: from %s\n *\n", src->name, src->path);
	for (p = src->text; *p != '\0'; p++) {
		if (p == src->text || p[-1] == '\n')
			fputs(" *\t", fp);
		/* Keep the comment closed whatever the source says. */
		if (p[0] == '*' && p[1] == '/')
			fputs("* ", fp);
		else
			fputc(*p, fp);
	}
	fprintf(fp, " *\n * %zu instructions%s.\n */\n", src->len,
	    src->guard ? ", the first 5 the receive guard" : "");

	fprintf(fp, "static const struct sock_filter filter_%s_insns[%zu] "
	    "__attribute__((__unused__)) = {\n", src->name, src->len);
	for (i = 0; i < src->len; i++) {
		bpf_disasm_insn(&src->insns[i], i, line, sizeof(line));
		fprintf(fp, "\t{ 0x%02x, %3u, %3u, 0x%08x },\t/* %s",
		    src->insns[i].code, src->insns[i].jt, src->insns[i].jf,
		    src->insns[i].k, line);
		if ((what = patchname(src, i)) != NULL)
			fprintf(fp, "\t<- %s", what);
		fprintf(fp, " */\n");
	}
	fprintf(fp, "};\n\n");

	fprintf(fp, "static const struct filter_patch filter_%s_patches[%zu] "
	    "__attribute__((__unused__)) = {\n", src->name,
	    src->npatches == 0 ? 1 : src->npatches);
	for (i = 0; i < src->npatches; i++)
		fprintf(fp, "\t{ %3u, %s },\n", src->patches[i].insn,
		    src->parts[src->patches[i].value].enumname);
	if (src->npatches == 0)
		fprintf(fp, "\t{ 0, 0 }\t/* none */\n");
	fprintf(fp, "};\n\n");

	fprintf(fp, "static const struct filter_prog filter_%s "
	    "__attribute__((__unused__)) = {\n", src->name);
	fprintf(fp, "\t\"%s\",\n\t\"", src->name);
	/* The expression on one line, runs of blanks as one space. */
	for (p = src->expr; *p != '\0'; p++) {
		if (isspace((unsigned char)*p)) {
			if (p[1] != '\0' && !isspace((unsigned char)p[1]))
				fputc(' ', fp);
			continue;
		}
		if (*p == '"' || *p == '\\')
			fputc('\\', fp);
		fputc(*p, fp);
	}
	fprintf(fp, "\",\n\tfilter_%s_insns, %zu,\n\tfilter_%s_patches, %zu,"
	    "\n\t%zu\n};\n\n", src->name, src->len, src->name, src->npatches,
	    src->guard ? RX_GUARD_LEN : 0);
}

static void
writeheader(FILE *fp, struct source *srcs, int n)
{
	int	 i;

	fprintf(fp, "/*\n * Generated by bpfc from the filter sources; "
	    "do not edit.\n *\n * Each program is shown as its source "
	    "expression and, instruction by\n * instruction, as its "
	    "disassembly.  \"<-\" marks the comparisons the\n * parent "
	    "patches with run-time values (filter_patch()).\n */\n\n");
	fprintf(fp, "#ifndef FILTERS_GEN_H\n#define FILTERS_GEN_H\n\n"
	    "#include \"filter.h\"\n\n");
	for (i = 0; i < n; i++)
		writeprog(fp, &srcs[i]);
	fprintf(fp, "#endif /* FILTERS_GEN_H */\n");
}

int
main(int argc, char *argv[])
{
	struct source	*srcs;
	const char	*out = NULL;
	char		 line[BPF_DISASM_LEN];
	const char	*what;
	FILE		*fp;
	size_t		 j;
	int		 ch, dflag = 0, i;

	while ((ch = getopt(argc, argv, "do:")) != -1) {
		switch (ch) {
		case 'd':
			dflag = 1;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || dflag == (out != NULL) || (dflag && argc != 1))
		usage();

	if ((srcs = calloc(argc, sizeof(*srcs))) == NULL)
		err(1, NULL);
	for (i = 0; i < argc; i++) {
		readsource(&srcs[i], argv[i]);
		compile(&srcs[i]);
		locate(&srcs[i]);
	}

	if (dflag) {
		for (j = 0; j < srcs[0].len; j++) {
			printf("%s", bpf_disasm_insn(&srcs[0].insns[j], j,
			    line, sizeof(line)));
			if ((what = patchname(&srcs[0], j)) != NULL)
				printf("\t<- %s", what);
			printf("\n");
		}
		freesources(srcs, argc);
		return (0);
	}

	for (i = 0; i < argc; i++)
		for (ch = 0; ch < i; ch++)
			if (strcmp(srcs[i].name, srcs[ch].name) == 0)
				errx(1, "%s and %s both make a program named "
				    "%s", srcs[ch].path, srcs[i].path,
				    srcs[i].name);

	if ((fp = fopen(out, "w")) == NULL)
		err(1, "%s", out);
	writeheader(fp, srcs, argc);
	if (fflush(fp) == EOF || ferror(fp)) {
		unlink(out);
		errx(1, "%s: write error", out);
	}
	fclose(fp);
	freesources(srcs, argc);
	return (0);
}

/* Everything goes back, so that a leak checker has nothing to say. */
static void
freesources(struct source *srcs, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(srcs[i].expr);
		free(srcs[i].text);
		free(srcs[i].insns);
		free(srcs[i].patches);
	}
	free(srcs);
}
