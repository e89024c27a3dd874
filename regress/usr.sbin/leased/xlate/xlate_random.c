/*
 * Random classic programs: whatever the translator accepts, the kernel's
 * verifier must load, in both modes; and every loaded program must
 * agree with libpcap's bpf_filter() on a sample of frames.
 */

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>

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
#include "xcheck.h"
#include "xtest.h"

#define NPROGS		3000
#define NSAMPLE		32
#define MAXSHOW		3

static uint32_t	const_k(void);
static uint32_t	off_k(void);
static struct sock_filter gen_insn(size_t, size_t);
static size_t	gen_prog(struct sock_filter *);
static int	run_prog(const struct sock_filter *, size_t,
		    const struct pktset *, size_t *);

static size_t	shown;

/* Constants that sit on the edges of 32-bit arithmetic. */
static uint32_t
const_k(void)
{
	static const uint32_t	edge[] = { 0, 1, 2, 4, 14, 31, 32, 33, 63,
				    64, 255, 256, 0x7fffffff, 0x80000000,
				    0x80000001, 0xfffffffe, 0xffffffff };

	if (xtest_uniform(2))
		return (edge[xtest_uniform(sizeof(edge) / sizeof(edge[0]))]);
	return ((uint32_t)xtest_rand());
}

/* Packet offsets: mostly in the headers, some beyond any frame. */
static uint32_t
off_k(void)
{
	switch (xtest_uniform(8)) {
	case 0:
		return (xtest_uniform(XTEST_MAXPKT + 8));
	case 1:
		return (0x7ffffff0 + xtest_uniform(16));
	default:
		return (xtest_uniform(80));
	}
}

static struct sock_filter
gen_insn(size_t i, size_t len)
{
	static const uint16_t	sizes[] = { BPF_W, BPF_H, BPF_B };
	static const uint16_t	alu[] = { BPF_ADD, BPF_SUB, BPF_MUL,
				    BPF_DIV, BPF_MOD, BPF_AND, BPF_OR,
				    BPF_XOR, BPF_LSH, BPF_RSH };
	static const uint16_t	jmp[] = { BPF_JEQ, BPF_JGT, BPF_JGE,
				    BPF_JSET };
	struct sock_filter	f;
	size_t			left = len - i - 1, maxj;
	uint16_t		op;

	memset(&f, 0, sizeof(f));
	maxj = left < 256 ? left : 256;
	switch (xtest_uniform(16)) {
	case 0:
	case 1:
		f.code = BPF_LD | sizes[xtest_uniform(3)] | BPF_ABS;
		f.k = off_k();
		break;
	case 2:
		f.code = BPF_LD | sizes[xtest_uniform(3)] | BPF_IND;
		f.k = xtest_uniform(4) ? off_k() : const_k();
		break;
	case 3:
		f.code = BPF_LDX | BPF_B | BPF_MSH;
		f.k = off_k();
		break;
	case 4:
		f.code = xtest_uniform(2) ? BPF_LD | BPF_IMM :
		    BPF_LDX | BPF_IMM;
		f.k = xtest_uniform(3) ? const_k() : off_k();
		break;
	case 5:
		f.code = xtest_uniform(2) ? BPF_LD | BPF_W | BPF_LEN :
		    BPF_LDX | BPF_W | BPF_LEN;
		break;
	case 6:
		f.code = xtest_uniform(2) ? BPF_LD | BPF_MEM :
		    BPF_LDX | BPF_MEM;
		f.k = xtest_uniform(BPF_MEMWORDS);
		break;
	case 7:
		f.code = xtest_uniform(2) ? BPF_ST : BPF_STX;
		f.k = xtest_uniform(BPF_MEMWORDS);
		break;
	case 8:
	case 9:
		op = alu[xtest_uniform(sizeof(alu) / sizeof(alu[0]))];
		if (xtest_uniform(2)) {
			f.code = BPF_ALU | op | BPF_X;
			break;
		}
		f.code = BPF_ALU | op | BPF_K;
		f.k = const_k();
		if ((op == BPF_DIV || op == BPF_MOD) && f.k == 0)
			f.k = 3;
		if (op == BPF_LSH || op == BPF_RSH)
			f.k &= 31;
		break;
	case 10:
		f.code = BPF_ALU | BPF_NEG;
		break;
	case 11:
		f.code = BPF_MISC | (xtest_uniform(2) ? BPF_TAX : BPF_TXA);
		break;
	case 12:
		f.code = BPF_JMP | BPF_JA;
		f.k = xtest_uniform((uint32_t)left);
		break;
	case 13:
	case 14:
		f.code = BPF_JMP | jmp[xtest_uniform(4)] |
		    (xtest_uniform(2) ? BPF_X : BPF_K);
		f.k = const_k();
		f.jt = xtest_uniform((uint32_t)maxj);
		f.jf = xtest_uniform((uint32_t)maxj);
		break;
	default:
		f.code = BPF_RET | (xtest_uniform(2) ? BPF_A : BPF_K);
		f.k = xtest_uniform(2) ? 0 : const_k();
		break;
	}
	return (f);
}

/* A valid program, now and then damaged so that it may be refused. */
static size_t
gen_prog(struct sock_filter *p)
{
	size_t	len, i;

	switch (xtest_uniform(100)) {
	case 0:
		len = XLATE_MAXINSNS;
		break;
	case 1:
	case 2:
	case 3:
		len = 2 + xtest_uniform(1000);
		break;
	default:
		len = 2 + xtest_uniform(40);
		break;
	}
	for (i = 0; i + 1 < len; i++)
		p[i] = gen_insn(i, len);
	p[len - 1] = (struct sock_filter)BPF_STMT(BPF_RET |
	    (xtest_uniform(2) ? BPF_A : BPF_K), const_k());
	if (xtest_uniform(20) == 0) {
		i = xtest_uniform((uint32_t)len);
		((uint8_t *)&p[i])[xtest_uniform(8)] = (uint8_t)xtest_rand();
	}
	return (len);
}

/* 1 if loaded and in agreement, 0 if refused, -1 on a failure. */
static int
run_prog(const struct sock_filter *prog, size_t len, const struct pktset *ps,
    size_t *nruns)
{
	static char	 log[1 << 22];
	struct bpf_insn	*out[2] = { NULL, NULL };
	const char	*bad;
	char		 err[256];
	size_t		 n[2], i, k;
	uint64_t	 cookie;
	uint32_t	 want, got, gottc;
	int32_t		 wanttc;
	int		 mode, fd[2] = { -1, -1 }, rv = 1;

	/* Half the tc programs carry a guard for someone else's socket. */
	cookie = xtest_uniform(2) ? xtest_rand() | 1 : 0;
	for (mode = 0; mode < 2; mode++) {
		if (bpf_xlate(prog, len, mode, mode == XLATE_TC ? cookie : 0,
		    &out[mode], &n[mode], err, sizeof(err)) == -1) {
			if (mode == XLATE_TC) {
				/* Both modes must refuse alike. */
				printf("# raw accepted, tc refused: %s\n", err);
				rv = -1;
			} else
				rv = 0;
			goto done;
		}
		if ((bad = xcheck(out[mode], n[mode], mode)) != NULL) {
			printf("# malformed translation: %s\n", bad);
			rv = -1;
			goto done;
		}
		if ((fd[mode] = xtest_load(out[mode], n[mode], log,
		    sizeof(log))) < 0) {
			if (shown++ < MAXSHOW) {
				printf("# verifier refused (%s mode):\n",
				    mode ? "tc" : "raw");
				pcapref_dump(stdout, prog, len);
				bpf_xlate_dump(stdout, out[mode], n[mode]);
				printf("%s\n", log);
			}
			rv = -1;
			goto done;
		}
	}
	for (k = 0; k < NSAMPLE; k++) {
		i = xtest_uniform((uint32_t)ps->n);
		want = pcapref_filter(prog, len, ps->p[i].data, ps->p[i].len);
		wanttc = cookie != 0 ? TC_ACT_UNSPEC :
		    want != 0 ? TC_ACT_OK : TC_ACT_SHOT;
		got = gottc = 0xdeadbeef;
		(*nruns)++;
		if (xtest_run(fd[XLATE_RAW], ps->p[i].data, ps->p[i].len,
		    &got) == 0 && got == want &&
		    xtest_run(fd[XLATE_TC], ps->p[i].data, ps->p[i].len,
		    &gottc) == 0 && (int32_t)gottc == wanttc)
			continue;
		rv = -1;
		if (shown++ < MAXSHOW) {
			printf("# MISMATCH on a %s frame: libpcap %u raw %u, "
			    "tc %d (want %d)\n", ps->p[i].what, want, got,
			    (int32_t)gottc, wanttc);
			xtest_hexdump(ps->p[i].data, ps->p[i].len);
			pcapref_dump(stdout, prog, len);
		}
		break;
	}
 done:
	for (mode = 0; mode < 2; mode++) {
		if (fd[mode] >= 0)
			close(fd[mode]);
		free(out[mode]);
	}
	return (rv);
}

int
main(void)
{
	struct sock_filter	*prog;
	struct pktset		 ps;
	struct timespec		 t0, t1;
	size_t			 i, len, nruns = 0, maxlen = 0;
	size_t			 accepted = 0, refused = 0, failed = 0;
	char			 why[256];
	int			 rv;

	if (!xtest_kernel_ok(why, sizeof(why))) {
		printf("ok - # SKIP random programs: %s\n", why);
		return (0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	xtest_seed(getenv("XLATE_SEED") ? strtoull(getenv("XLATE_SEED"),
	    NULL, 0) : 20261124);
	memset(&ps, 0, sizeof(ps));
	xtest_corpus(&ps, 10, 100);
	if (xtest_testable(&ps) == -1) {
		OK(0, "corpus: every frame can be test-run");
		return (regress_done());
	}
	if ((prog = calloc(XLATE_MAXINSNS, sizeof(*prog))) == NULL)
		exit(2);
	for (i = 0; i < NPROGS; i++) {
		len = gen_prog(prog);
		rv = run_prog(prog, len, &ps, &nruns);
		if (rv == 1) {
			accepted++;
			if (len > maxlen)
				maxlen = len;
		} else if (rv == 0)
			refused++;
		else
			failed++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# %d programs: %zu accepted (longest %zu), %zu refused, "
	    "%zu failed, %.1f s\n", NPROGS, accepted, maxlen, refused,
	    failed, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	OK(failed == 0 && accepted > NPROGS / 2, "what the translator "
	    "accepts the verifier loads, raw and tc: %zu of %zu accepted "
	    "random programs", accepted - failed, accepted);
	OK(failed == 0, "random programs agree with libpcap on %zu frames "
	    "(raw value, tc verdict, foreign-cookie guard)", nruns);
	free(prog);
	xtest_pktset_free(&ps);
	return (regress_done());
}
