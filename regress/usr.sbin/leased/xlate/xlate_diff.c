/*
 * Differential test of the classic -> eBPF translator: every program runs
 * in libpcap's bpf_filter() and, translated, in the kernel through
 * BPF_PROG_TEST_RUN on the same frames.  XLATE_RAW must return exactly
 * the classic value, XLATE_TC must map it to TC_ACT_OK / TC_ACT_SHOT.
 * Any mismatch fails and is printed with the program and the frame.
 */

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf_xlate.h"
#include "pcapref.h"
#include "regress.h"
#include "xtest.h"

#define FILTERDIR	"usr.sbin/leased/filters"
#define MAXSHOW		3

static size_t	total_pkts;
static size_t	total_progs;

static int	diff_prog(const char *, const struct sock_filter *, size_t,
		    const struct pktset *);
static void	diff_expr(const char *, const char *, int,
		    const struct pktset *);
static void	diff_filters(void);
static void	diff_handwritten(const struct pktset *);
static void	check_trap(void);

/* Expressions as tcpdump users and the filters write them. */
static const char *exprs[] = {
	"ip",
	"arp",
	"ip6",
	"udp",
	"tcp",
	"icmp",
	"vlan",
	"vlan and udp port 67",
	"udp port 67",
	"udp src port 68 and udp dst port 67",
	"udp port 53 or udp port 5353",
	"tcp port 80",
	"tcp dst port 80 and tcp[13] & 2 != 0",
	"tcp[13] & 2 != 0",
	"tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
	"tcp[13] & 0x12 = 0x12",
	"tcp[12] >> 4 > 5",
	"tcp[(tcp[12] >> 4) * 4] = 0x47",
	"tcp[tcpflags] & tcp-syn != 0 and tcp[2:2] > 1023",
	"ip[0] & 0xf = 5",
	"ip[0] & 0xf > 5",
	"ip[6:2] & 0x3fff = 0",
	"ip[6:2] & 0x1fff != 0",
	"ip and not ip[6:2] & 0x3fff != 0",
	"ip proto 17 and ip[6:2] & 0x3fff = 0 and udp dst port 67",
	"ether broadcast",
	"ether dst ff:ff:ff:ff:ff:ff and ether src 02:00:5e:10:00:01",
	"ether host 02:00:5e:10:00:fe",
	"ether[12:2] = 0x800",
	"ether[0:4] = 0xffffffff and ether[4:2] = 0xffff",
	"ether[len - 1] = 0",
	"ether[len - 4:4] != 0",
	"ether[2000] = 0",
	"host 192.0.2.1",
	"src host 0.0.0.0 and dst host 255.255.255.255",
	"net 192.0.2.0/24",
	"ip[16:4] = 0xffffffff",
	"ip[12:4] = 0",
	"len > 100",
	"len <= 64",
	"greater 200",
	"less 100",
	"ip[2:2] - ((ip[0]&0xf)<<2) > 100",
	"ip[2:2] + 1 > 300",
	"udp[4:2] * 2 >= 600",
	"ip[2:2] / 4 < 90",
	"ip[2:2] % 7 = 3",
	"ip[8] ^ 0x40 = 0",
	"ip[1] | 0x10 = 0x10",
	"ip[2:2] >> 2 = 82",
	"ip[9] << 3 = 136",
	"-ip[8] < 200",
	"-ip[8] > 0xffffff00",
	"ip[2:2] > len",
	"ip[2:2] = len - 14",
	"udp[4:2] >= ip[2:2] - 20",
	"ip[ip[0] & 0xf] = 0",
	"ip[2:2] / ip[1] > 1",
	"ip[2:2] / (ip[8] & 3) < 100",
	"ip[2:2] % (ip[8] & 3) = 1",
	"ip[3] << (ip[8] & 63) != 0",
	"ip[3] >> ip[9] != 0",
	"ip[0] & ip[1] != 0",
	"ip[0] | ip[1] = 0x45",
	"ip[2] ^ ip[3] > 10",
	"ip[2:2] - ip[8] > 100",
	"ip[2:2] + ip[8] < 500",
	"ip[8] * ip[9] > 1000",
	"ip[8] * ip[9] <= 1088",
	"ip[8] != ip[9]",
	"ip[8] >= ip[9]",
	"ip[8] < ip[9]",
	"udp[8] = 1 and udp[244:4] = 0x63825363",
	"udp dst port 67 and udp[8] = 1 and udp[9] = 1 and udp[10] = 6",
	"udp[36:4] = 0x02005e10 and udp[40:2] = 0x0001",
	"icmp[icmptype] = icmp-echo",
	"icmp[0] != 8",
	"arp[6:2] = 1",
	"arp[7] = 2 or arp[24:4] = 0xc0000201",
	"ip[0:4] & 0xff000000 = 0x45000000",
	"ip[2:2] & 7 = 0 and ip[8] >= 64",
	"ip6 and udp port 547",
	NULL
};

static int
diff_prog(const char *name, const struct sock_filter *prog, size_t len,
    const struct pktset *ps)
{
	struct bpf_insn	*raw, *tc;
	const struct pkt *p;
	static char	 log[1 << 20];
	char		 err[256];
	size_t		 nraw, ntc, i, bad = 0, acc = 0;
	uint32_t	 want, got, gottc;
	int		 fdraw = -1, fdtc = -1;

	total_progs++;
	if (bpf_xlate(prog, len, XLATE_RAW, 0, &raw, &nraw, err,
	    sizeof(err)) == -1 ||
	    bpf_xlate(prog, len, XLATE_TC, 0, &tc, &ntc, err,
	    sizeof(err)) == -1) {
		OK(0, "diff %s: translates (%s)", name, err);
		pcapref_dump(stdout, prog, len);
		return (-1);
	}
	if ((fdraw = xtest_load(raw, nraw, log, sizeof(log))) < 0 ||
	    (fdtc = xtest_load(tc, ntc, log, sizeof(log))) < 0) {
		OK(0, "diff %s: verifier loads the translation", name);
		printf("%s", log);
		bpf_xlate_dump(stdout, fdraw < 0 ? raw : tc,
		    fdraw < 0 ? nraw : ntc);
		goto done;
	}
	for (i = 0; i < ps->n; i++) {
		p = &ps->p[i];
		want = pcapref_filter(prog, len, p->data, p->len);
		if (xtest_run(fdraw, p->data, p->len, &got) == -1 ||
		    xtest_run(fdtc, p->data, p->len, &gottc) == -1) {
			OK(0, "diff %s: BPF_PROG_TEST_RUN: %s", name,
			    strerror(errno));
			goto done;
		}
		if (want != 0)
			acc++;
		if (got == want &&
		    gottc == (want != 0 ? TC_ACT_OK : TC_ACT_SHOT))
			continue;
		if (bad++ >= MAXSHOW)
			continue;
		printf("# MISMATCH %s, %s frame of %zu bytes: libpcap %u, "
		    "raw %u, tc %d\n", name, p->what, p->len, want, got,
		    (int32_t)gottc);
		xtest_hexdump(p->data, p->len);
		if (bad == 1) {
			printf("# classic:\n");
			pcapref_dump(stdout, prog, len);
			printf("# eBPF (raw):\n");
			bpf_xlate_dump(stdout, raw, nraw);
		}
	}
	total_pkts += ps->n;
	OK(bad == 0, "diff %s: %zu frames, %zu accepted, %zu mismatches "
	    "(%zu+%zu eBPF insns)", name, ps->n, acc, bad, nraw, ntc);
 done:
	if (fdraw >= 0)
		close(fdraw);
	if (fdtc >= 0)
		close(fdtc);
	free(raw);
	free(tc);
	return (bad ? -1 : 0);
}

static void
diff_expr(const char *what, const char *expr, int dlt,
    const struct pktset *ps)
{
	struct sock_filter	*prog;
	char			 err[512], name[512];
	size_t			 len;
	int			 opt;

	for (opt = 1; opt >= 0; opt--) {
		if (what != NULL)
			snprintf(name, sizeof(name), "%s%s", what,
			    opt ? "" : " unoptimised");
		else
			snprintf(name, sizeof(name), "\"%s\"%s", expr,
			    opt ? "" : " unoptimised");
		if (pcapref_compile(expr, dlt, opt, &prog, &len, err,
		    sizeof(err)) == -1) {
			OK(0, "diff %s: pcap_compile: %s", name, err);
			continue;
		}
		diff_prog(name, prog, len, ps);
		free(prog);
	}
}

/*
 * The project's own filter sources, once they exist, each on the usual
 * corpus plus frames built with its own placeholder values.
 */
static void
diff_filters(void)
{
	struct dirent	**ents;
	struct pktset	  ps;
	char		  path[1024], *expr;
	int		  i, n, dlt, found = 0;
	size_t		  l;

	n = scandir(FILTERDIR, &ents, NULL, alphasort);
	for (i = 0; i < n; i++) {
		l = strlen(ents[i]->d_name);
		if (l > 5 && strcmp(ents[i]->d_name + l - 5, ".pcap") == 0) {
			snprintf(path, sizeof(path), "%s/%s", FILTERDIR,
			    ents[i]->d_name);
			if ((expr = xtest_read_filter(path, &dlt)) == NULL)
				OK(0, "read %s", path);
			else {
				memset(&ps, 0, sizeof(ps));
				xtest_corpus(&ps, 40, 100);
				if (xtest_testable(&ps) == -1)
					OK(0, "%s: corpus can be test-run",
					    path);
				else
					diff_expr(path, expr, dlt, &ps);
				xtest_pktset_free(&ps);
				found++;
			}
			free(expr);
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	if (found == 0)
		printf("# no filter sources in %s yet, skipped\n", FILTERDIR);
}

#define S(c, k)		BPF_STMT((c), (k))
#define J(c, k, t, f)	BPF_JUMP((c), (k), (t), (f))

/* What tcpdump never emits. */
static void
diff_handwritten(const struct pktset *ps)
{
	static const struct sock_filter txa_tax[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 23),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_ALU | BPF_ADD | BPF_X, 0),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_IMM, 7),
		S(BPF_MISC | BPF_TXA, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter ret_a[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter ret_big[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 14),
		J(BPF_JMP | BPF_JGE | BPF_K, 0x80, 0, 1),
		S(BPF_RET | BPF_K, 0xffffffff),
		J(BPF_JMP | BPF_JSET | BPF_K, 0x40, 0, 1),
		S(BPF_RET | BPF_K, 0x80000000),
		S(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter scratch[] = {
		S(BPF_LD | BPF_H | BPF_ABS, 12),
		S(BPF_ST, 3),
		S(BPF_LDX | BPF_IMM, 7),
		S(BPF_STX, 15),
		S(BPF_LD | BPF_MEM, 15),
		S(BPF_ALU | BPF_ADD | BPF_X, 0),
		S(BPF_LDX | BPF_MEM, 3),
		S(BPF_ALU | BPF_SUB | BPF_X, 0),
		S(BPF_ST, 0),
		S(BPF_LDX | BPF_MEM, 0),
		S(BPF_MISC | BPF_TXA, 0),
		S(BPF_RET | BPF_A, 0),
	};
	/* Reads of never-written scratch words are zero. */
	static const struct sock_filter scratch_unset[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 14),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0x45, 0, 1),
		S(BPF_ST, 4),
		S(BPF_LD | BPF_MEM, 4),
		S(BPF_LDX | BPF_MEM, 9),
		S(BPF_ALU | BPF_ADD | BPF_X, 0),
		S(BPF_ALU | BPF_ADD | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter ja[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 0),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0xff, 0, 2),
		S(BPF_JMP | BPF_JA, 3),
		S(BPF_RET | BPF_K, 1),
		S(BPF_JMP | BPF_JA, 0),
		S(BPF_RET | BPF_K, 2),
		S(BPF_JMP | BPF_JA, 1),
		S(BPF_RET | BPF_K, 3),
		S(BPF_RET | BPF_K, 4),
	};
	static const struct sock_filter div_zero[] = {
		S(BPF_LD | BPF_W | BPF_LEN, 0),
		S(BPF_LDX | BPF_IMM, 0),
		S(BPF_ALU | BPF_DIV | BPF_X, 0),
		S(BPF_RET | BPF_K, 1),
	};
	static const struct sock_filter div_pkt[] = {
		S(BPF_LD | BPF_W | BPF_LEN, 0),
		S(BPF_LDX | BPF_B | BPF_MSH, 15),
		S(BPF_ALU | BPF_DIV | BPF_X, 0),
		S(BPF_ALU | BPF_ADD | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter mod_pkt[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 16),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_ALU | BPF_MOD | BPF_X, 0),
		S(BPF_ALU | BPF_OR | BPF_K, 0x100),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter lsh_x[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 20),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_ALU | BPF_LSH | BPF_X, 0),
		S(BPF_ALU | BPF_OR | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter rsh_x[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 21),
		S(BPF_ALU | BPF_AND | BPF_K, 0x3f),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_ALU | BPF_RSH | BPF_X, 0),
		S(BPF_ALU | BPF_OR | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter shift_32[] = {
		S(BPF_LD | BPF_IMM, 0xdeadbeef),
		S(BPF_LDX | BPF_IMM, 32),
		S(BPF_ALU | BPF_LSH | BPF_X, 0),
		S(BPF_ST, 1),
		S(BPF_LD | BPF_IMM, 0xdeadbeef),
		S(BPF_LDX | BPF_IMM, 31),
		S(BPF_ALU | BPF_RSH | BPF_X, 0),
		S(BPF_LDX | BPF_MEM, 1),
		S(BPF_ALU | BPF_ADD | BPF_X, 0),
		S(BPF_ALU | BPF_ADD | BPF_K, 5),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter alu_x[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 30),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_ABS, 26),
		S(BPF_ALU | BPF_MUL | BPF_X, 0),
		S(BPF_ALU | BPF_XOR | BPF_X, 0),
		S(BPF_ALU | BPF_SUB | BPF_X, 0),
		S(BPF_ALU | BPF_AND | BPF_X, 0),
		S(BPF_ALU | BPF_OR | BPF_X, 0),
		S(BPF_ALU | BPF_NEG, 0),
		S(BPF_ALU | BPF_MUL | BPF_K, 0x9e3779b9),
		S(BPF_ALU | BPF_DIV | BPF_K, 3),
		S(BPF_ALU | BPF_MOD | BPF_K, 0x7fffffff),
		S(BPF_ALU | BPF_LSH | BPF_K, 31),
		S(BPF_ALU | BPF_RSH | BPF_K, 1),
		S(BPF_ALU | BPF_SUB | BPF_K, 0x12345678),
		S(BPF_ALU | BPF_XOR | BPF_K, 0x80000001),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter jmp_x[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 22),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_B | BPF_ABS, 23),
		J(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 1),
		S(BPF_RET | BPF_K, 10),
		J(BPF_JMP | BPF_JGE | BPF_X, 0, 1, 0),
		S(BPF_RET | BPF_K, 11),
		J(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 1),
		S(BPF_RET | BPF_K, 12),
		J(BPF_JMP | BPF_JSET | BPF_X, 0, 0, 1),
		S(BPF_RET | BPF_K, 13),
		J(BPF_JMP | BPF_JSET | BPF_X, 0, 1, 1),
		S(BPF_RET | BPF_K, 14),
		S(BPF_RET | BPF_K, 15),
	};
	static const struct sock_filter jmp_big_k[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 14),
		J(BPF_JMP | BPF_JGT | BPF_K, 0x80000000, 0, 1),
		S(BPF_RET | BPF_K, 1),
		J(BPF_JMP | BPF_JGE | BPF_K, 0x45000000, 0, 1),
		S(BPF_RET | BPF_K, 2),
		J(BPF_JMP | BPF_JSET | BPF_K, 0x80000000, 0, 1),
		S(BPF_RET | BPF_K, 3),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffff, 1, 0),
		S(BPF_RET | BPF_K, 4),
		S(BPF_RET | BPF_K, 5),
	};
	/* X + k must not wrap around 32 bits into the packet. */
	static const struct sock_filter ind_wrap[] = {
		S(BPF_LDX | BPF_IMM, 0xffffffff),
		S(BPF_LD | BPF_B | BPF_IND, 15),
		S(BPF_RET | BPF_K, 1),
	};
	static const struct sock_filter ind_bigk[] = {
		S(BPF_LDX | BPF_IMM, 0x20),
		S(BPF_LD | BPF_W | BPF_IND, 0xfffffff0),
		S(BPF_RET | BPF_K, 1),
	};
	static const struct sock_filter ind_len[] = {
		S(BPF_LDX | BPF_W | BPF_LEN, 0),
		S(BPF_LD | BPF_H | BPF_IND, (uint32_t)-2),
		S(BPF_ALU | BPF_ADD | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter ind_x[] = {
		S(BPF_LD | BPF_W | BPF_LEN, 0),
		S(BPF_ALU | BPF_SUB | BPF_K, 60),
		S(BPF_MISC | BPF_TAX, 0),
		S(BPF_LD | BPF_W | BPF_IND, 57),
		S(BPF_ALU | BPF_OR | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter msh_end[] = {
		S(BPF_LDX | BPF_B | BPF_MSH, 59),
		S(BPF_MISC | BPF_TXA, 0),
		S(BPF_ALU | BPF_ADD | BPF_K, 1),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter msh_keeps_a[] = {
		S(BPF_LD | BPF_IMM, 0x1234),
		S(BPF_LDX | BPF_B | BPF_MSH, 14),
		S(BPF_ALU | BPF_ADD | BPF_X, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter abs_big[] = {
		S(BPF_LD | BPF_W | BPF_ABS, 0x7ffffffc),
		S(BPF_RET | BPF_K, 1),
	};
	static const struct sock_filter len_x[] = {
		S(BPF_LDX | BPF_W | BPF_LEN, 0),
		S(BPF_MISC | BPF_TXA, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter jt_jf_zero[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 14),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0x45, 0, 0),
		J(BPF_JMP | BPF_JSET | BPF_K, 0x40, 0, 1),
		S(BPF_RET | BPF_K, 0),
		S(BPF_JMP | BPF_JA, 0),
		S(BPF_RET | BPF_K, 9),
	};
	static const struct {
		const char			*name;
		const struct sock_filter	*prog;
		size_t				 len;
	} hw[] = {
#define HW(p)	{ #p, p, sizeof(p) / sizeof(p[0]) }
		HW(txa_tax), HW(ret_a), HW(ret_big), HW(scratch),
		HW(scratch_unset), HW(ja), HW(div_zero), HW(div_pkt),
		HW(mod_pkt), HW(lsh_x), HW(rsh_x), HW(shift_32), HW(alu_x),
		HW(jmp_x), HW(jmp_big_k), HW(ind_wrap), HW(ind_bigk),
		HW(ind_len), HW(ind_x), HW(msh_end), HW(msh_keeps_a),
		HW(abs_big), HW(len_x), HW(jt_jf_zero),
#undef HW
	};
	char	name[64];
	size_t	i;

	for (i = 0; i < sizeof(hw) / sizeof(hw[0]); i++) {
		snprintf(name, sizeof(name), "[%s]", hw[i].name);
		diff_prog(name, hw[i].prog, hw[i].len, ps);
	}
}

/*
 * The trap itself, spelled out: a load past the end of a short frame
 * must reject (TC_ACT_SHOT), not end the eBPF program with 0 (pass).
 */
static void
check_trap(void)
{
	static const struct sock_filter far[] = {
		S(BPF_LD | BPF_B | BPF_ABS, 100),
		S(BPF_RET | BPF_K, 0xffff),
	};
	static const struct sock_filter far_ind[] = {
		S(BPF_LDX | BPF_IMM, 90),
		S(BPF_LD | BPF_H | BPF_IND, 10),
		S(BPF_RET | BPF_K, 0xffff),
	};
	struct bpf_insn	*out, naive[4];
	uint8_t		 frame[120];
	size_t		 n;
	uint32_t	 rv;
	int		 fd;
	char		 err[256];

	memset(frame, 0, sizeof(frame));
	/*
	 * The control: a naive eBPF program (LD_ABS, then "drop") passes
	 * the short frame, because the failed load ends it with 0.
	 */
	memset(naive, 0, sizeof(naive));
	naive[0].code = BPF_ALU64 | BPF_MOV | BPF_X;
	naive[0].dst_reg = BPF_REG_6;
	naive[0].src_reg = BPF_REG_1;
	naive[1].code = BPF_LD | BPF_B | BPF_ABS;
	naive[1].imm = 100;
	naive[2].code = BPF_ALU64 | BPF_MOV | BPF_K;
	naive[2].imm = TC_ACT_SHOT;
	naive[3].code = BPF_JMP | BPF_EXIT;
	if ((fd = xtest_load(naive, 4, NULL, 0)) >= 0) {
		OK(xtest_run(fd, frame, 20, &rv) == 0 && rv == TC_ACT_OK,
		    "trap: on this kernel a failed LD_ABS ends the program "
		    "with 0, TC_ACT_OK");
		close(fd);
	} else
		OK(0, "trap: the naive program loads");

	if (bpf_xlate(far, 2, XLATE_TC, 0, &out, &n, err, sizeof(err)) ==
	    -1 || (fd = xtest_load(out, n, NULL, 0)) < 0) {
		OK(0, "trap: translate and load");
		return;
	}
	OK(xtest_run(fd, frame, 20, &rv) == 0 && rv == TC_ACT_SHOT,
	    "trap: tc, byte load at 100 on a 20-byte frame drops it");
	OK(xtest_run(fd, frame, 101, &rv) == 0 && rv == TC_ACT_OK,
	    "trap: tc, byte load at 100 on a 101-byte frame passes it");
	close(fd);
	free(out);

	if (bpf_xlate(far_ind, 3, XLATE_TC, 0, &out, &n, err, sizeof(err)) ==
	    -1 || (fd = xtest_load(out, n, NULL, 0)) < 0) {
		OK(0, "trap: translate and load (ind)");
		return;
	}
	OK(xtest_run(fd, frame, 101, &rv) == 0 && rv == TC_ACT_SHOT,
	    "trap: tc, half-word load at X+k=100 on 101 bytes drops it");
	OK(xtest_run(fd, frame, 102, &rv) == 0 && rv == TC_ACT_OK,
	    "trap: tc, half-word load at X+k=100 on 102 bytes passes it");
	close(fd);
	free(out);

	/* The guard: frames of another socket are not this filter's. */
	if (bpf_xlate(far, 2, XLATE_TC, 0x1122334455667788ULL, &out, &n, err,
	    sizeof(err)) == -1 || (fd = xtest_load(out, n, NULL, 0)) < 0) {
		OK(0, "guard: translate and load");
		return;
	}
	OK(xtest_run(fd, frame, 20, &rv) == 0 && (int32_t)rv == TC_ACT_UNSPEC,
	    "guard: frame of a socket with another cookie gets "
	    "TC_ACT_UNSPEC");
	close(fd);
	free(out);
}

int
main(void)
{
	struct pktset	ps;
	struct timespec	t0, t1;
	char		why[256];
	size_t		i;
	ssize_t		changed;

	if (!xtest_kernel_ok(why, sizeof(why))) {
		printf("ok - # SKIP differential test: %s\n", why);
		return (0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	xtest_seed(getenv("XLATE_SEED") ? strtoull(getenv("XLATE_SEED"),
	    NULL, 0) : 20261123);
	memset(&ps, 0, sizeof(ps));
	xtest_corpus(&ps, 60, 300);
	if ((changed = xtest_testable(&ps)) == -1) {
		OK(0, "corpus: every frame can be test-run");
		return (regress_done());
	}
	printf("# %zu frames per program (%zd too short for their "
	    "EtherType, retyped)\n", ps.n, changed);

	check_trap();
	for (i = 0; exprs[i] != NULL; i++)
		diff_expr(NULL, exprs[i], pcapref_dlt("EN10MB"), &ps);
	diff_handwritten(&ps);
	xtest_pktset_free(&ps);
	diff_filters();

	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# %zu programs, %zu frames, %.1f s\n", total_progs,
	    total_pkts, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	OK(total_pkts >= 100000, "differential test covered %zu frames "
	    "(at least 100000)", total_pkts);
	return (regress_done());
}
