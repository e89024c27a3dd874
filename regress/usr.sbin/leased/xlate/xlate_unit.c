/*
 * Unit tests of the classic -> eBPF translator that need no kernel: what
 * it refuses and why, the socket cookie guard, and the shape of what it
 * produces.
 */

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_xlate.h"
#include "regress.h"
#include "xcheck.h"

#define S(c, k)		BPF_STMT((c), (k))
#define J(c, k, t, f)	BPF_JUMP((c), (k), (t), (f))
#define NINSN(p)	(sizeof(p) / sizeof((p)[0]))

static void	refuse(const char *, const struct sock_filter *, size_t, int,
		    uint64_t, const char *);
static void	accept_ok(const char *, const struct sock_filter *, size_t,
		    int, uint64_t);
static void	test_refusals(void);
static void	test_guard(void);
static void	test_large(void);
static void	test_shape(void);

static void
refuse(const char *what, const struct sock_filter *prog, size_t len,
    int mode, uint64_t cookie, const char *reason)
{
	struct bpf_insn	*out = (struct bpf_insn *)&out;
	size_t		 outlen = 99;
	char		 err[256] = "";
	int		 rv;

	rv = bpf_xlate(prog, len, mode, cookie, &out, &outlen, err,
	    sizeof(err));
	OK(rv == -1 && strstr(err, reason) != NULL && out == NULL &&
	    outlen == 0, "refuses %s: \"%s\"", what, err);
}

static void
accept_ok(const char *what, const struct sock_filter *prog, size_t len,
    int mode, uint64_t cookie)
{
	struct bpf_insn	*out;
	const char	*bad = "refused";
	size_t		 outlen;
	char		 err[256] = "";

	if (bpf_xlate(prog, len, mode, cookie, &out, &outlen, err,
	    sizeof(err)) == 0) {
		bad = xcheck(out, outlen, mode);
		free(out);
	}
	OK(bad == NULL, "accepts %s%s%s%s", what, bad ? " (" : "",
	    bad ? bad : "", bad ? err : "");
}

static void
test_refusals(void)
{
	static const struct sock_filter ret1[] = { S(BPF_RET | BPF_K, 1) };
	static const struct sock_filter jt_far[] = {
		J(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		S(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter jf_far[] = {
		J(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 5),
		S(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter ja_far[] = {
		S(BPF_JMP | BPF_JA, 1),
		S(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter ja_back[] = {
		S(BPF_LD | BPF_IMM, 0),
		S(BPF_JMP | BPF_JA, 0xffffffff),
		S(BPF_RET | BPF_K, 0),
	};
	static const struct sock_filter no_ret[] = {
		S(BPF_RET | BPF_K, 0),
		S(BPF_LD | BPF_IMM, 1),
	};
	static const struct sock_filter mem_ld[] = {
		S(BPF_LD | BPF_MEM, 16),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter mem_ldx[] = {
		S(BPF_LDX | BPF_MEM, 0x80000000),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter mem_st[] = {
		S(BPF_ST, 16),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter mem_stx[] = {
		S(BPF_STX, 0xffffffff),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_ffff[] = {
		S(0xffff, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_ldblen[] = {
		S(BPF_LD | BPF_B | BPF_LEN, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_retx[] = {
		S(BPF_RET | BPF_X, 0),
	};
	static const struct sock_filter op_negx[] = {
		S(BPF_ALU | BPF_NEG | BPF_X, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_jne[] = {
		J(BPF_JMP | BPF_JNE | BPF_K, 0, 0, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_ldxabs[] = {
		S(BPF_LDX | BPF_W | BPF_ABS, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter op_misc[] = {
		S(BPF_MISC | BPF_X, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter div0[] = {
		S(BPF_ALU | BPF_DIV | BPF_K, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter mod0[] = {
		S(BPF_ALU | BPF_MOD | BPF_K, 0),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter lsh32[] = {
		S(BPF_ALU | BPF_LSH | BPF_K, 32),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter rshbig[] = {
		S(BPF_ALU | BPF_RSH | BPF_K, 0xffffffff),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter anc_proto[] = {
		S(BPF_LD | BPF_H | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter anc_vlan[] = {
		S(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF +
		    SKF_AD_VLAN_TAG_PRESENT),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter net_off[] = {
		S(BPF_LD | BPF_W | BPF_ABS, SKF_NET_OFF + 12),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter msh_neg[] = {
		S(BPF_LDX | BPF_B | BPF_MSH, SKF_NET_OFF),
		S(BPF_RET | BPF_A, 0),
	};
	struct sock_filter	*big;
	size_t			 i;

	refuse("an empty program", ret1, 0, XLATE_TC, 0, "empty program");
	refuse("a NULL program", NULL, 1, XLATE_TC, 0, "empty program");
	if ((big = calloc(XLATE_MAXINSNS + 1, sizeof(*big))) == NULL)
		exit(2);
	for (i = 0; i <= XLATE_MAXINSNS; i++)
		big[i] = (struct sock_filter)S(BPF_RET | BPF_K, 0);
	refuse("4097 instructions", big, XLATE_MAXINSNS + 1, XLATE_TC, 0,
	    "more than 4096");
	accept_ok("4096 instructions", big, XLATE_MAXINSNS, XLATE_TC, 0);
	free(big);

	refuse("a jt past the end", jt_far, 2, XLATE_TC, 0,
	    "instruction 0: jump out of range");
	refuse("a jf past the end", jf_far, 2, XLATE_RAW, 0,
	    "instruction 0: jump out of range");
	refuse("a ja past the end", ja_far, 2, XLATE_TC, 0,
	    "instruction 0: jump out of range");
	refuse("a backward ja", ja_back, 3, XLATE_TC, 0,
	    "instruction 1: jump out of range");
	refuse("a program not ending in ret", no_ret, 2, XLATE_TC, 0,
	    "last instruction is not a return");
	refuse("ld M[16]", mem_ld, 2, XLATE_TC, 0,
	    "scratch memory index 16 out of range");
	refuse("ldx M[0x80000000]", mem_ldx, 2, XLATE_TC, 0,
	    "scratch memory index 2147483648 out of range");
	refuse("st M[16]", mem_st, 2, XLATE_TC, 0,
	    "instruction 0: scratch memory index 16");
	refuse("stx M[0xffffffff]", mem_stx, 2, XLATE_RAW, 0,
	    "scratch memory index");
	refuse("opcode 0xffff", op_ffff, 2, XLATE_TC, 0,
	    "instruction 0: unknown opcode 0xffff");
	refuse("ld with size b and mode len", op_ldblen, 2, XLATE_TC, 0,
	    "unknown opcode 0x0090");
	refuse("ret x", op_retx, 1, XLATE_TC, 0, "unknown opcode 0x000e");
	refuse("neg x", op_negx, 2, XLATE_TC, 0, "unknown opcode 0x008c");
	refuse("the eBPF-only jne", op_jne, 2, XLATE_TC, 0,
	    "unknown opcode 0x0055");
	refuse("ldx with mode abs", op_ldxabs, 2, XLATE_TC, 0,
	    "unknown opcode 0x0021");
	refuse("misc with an unknown operation", op_misc, 2, XLATE_TC, 0,
	    "unknown opcode 0x000f");
	refuse("div by constant 0", div0, 2, XLATE_TC, 0,
	    "division by constant zero");
	refuse("mod by constant 0", mod0, 2, XLATE_RAW, 0,
	    "division by constant zero");
	refuse("lsh by constant 32", lsh32, 2, XLATE_TC, 0,
	    "shift by constant 32");
	refuse("rsh by constant 0xffffffff", rshbig, 2, XLATE_TC, 0,
	    "shift by constant 4294967295");
	refuse("the ancillary protocol load", anc_proto, 2, XLATE_TC, 0,
	    "negative or ancillary load offset 0xfffff000");
	refuse("the ancillary vlan-tag-present load", anc_vlan, 2, XLATE_RAW,
	    0, "ancillary");
	refuse("an SKF_NET_OFF load", net_off, 2, XLATE_TC, 0, "ancillary");
	refuse("an SKF_NET_OFF msh load", msh_neg, 2, XLATE_TC, 0,
	    "ancillary");
	refuse("an unknown mode", ret1, 1, 2, 0, "unknown translation mode");
	refuse("a cookie in raw mode", ret1, 1, XLATE_RAW, 1,
	    "socket cookie guard needs XLATE_TC");
	/* A NULL errbuf is allowed. */
	{
		struct bpf_insn	*out;
		size_t		 n;

		OK(bpf_xlate(ret1, 0, XLATE_TC, 0, &out, &n, NULL, 0) == -1,
		    "refuses without an error buffer");
	}
}

static void
test_guard(void)
{
	static const struct sock_filter prog[] = {
		S(BPF_LD | BPF_H | BPF_ABS, 12),
		J(BPF_JMP | BPF_JEQ | BPF_K, 0x800, 0, 1),
		S(BPF_RET | BPF_K, 0xffff),
		S(BPF_RET | BPF_K, 0),
	};
	const uint64_t	 cookie = 0x8877665544332211ULL;
	struct bpf_insn	*out;
	size_t		 n, i;
	int		 calls = 0;
	char		 err[256];

	if (bpf_xlate(prog, NINSN(prog), XLATE_TC, cookie, &out, &n, err,
	    sizeof(err)) == -1) {
		OK(0, "guard: translates (%s)", err);
		return;
	}
	OK(xcheck(out, n, XLATE_TC) == NULL, "guard: output is well formed");
	OK(n > 7 && out[1].code == (BPF_JMP | BPF_CALL) &&
	    out[1].imm == BPF_FUNC_get_socket_cookie,
	    "guard: calls bpf_get_socket_cookie first");
	OK(n > 7 && out[2].code == (BPF_LD | BPF_IMM | BPF_DW) &&
	    (uint32_t)out[2].imm == (uint32_t)cookie &&
	    (uint32_t)out[3].imm == (uint32_t)(cookie >> 32),
	    "guard: compares with the whole 64-bit cookie");
	OK(n > 7 && out[4].code == (BPF_JMP | BPF_JEQ | BPF_X) &&
	    out[4].dst_reg == BPF_REG_0 && out[4].src_reg == out[2].dst_reg &&
	    out[4].off == 2 && out[5].code == (BPF_ALU64 | BPF_MOV | BPF_K) &&
	    out[5].imm == TC_ACT_UNSPEC && out[6].code == (BPF_JMP | BPF_EXIT),
	    "guard: another socket's frame returns TC_ACT_UNSPEC");
	free(out);

	if (bpf_xlate(prog, NINSN(prog), XLATE_TC, 0, &out, &n, err,
	    sizeof(err)) == -1) {
		OK(0, "no guard: translates (%s)", err);
		return;
	}
	for (i = 0; i < n; i++)
		if (out[i].code == (BPF_JMP | BPF_CALL))
			calls++;
	OK(calls == 0, "no guard without a cookie");
	free(out);
}

/* The largest expansion still fits 16-bit jump offsets. */
static void
test_large(void)
{
	struct sock_filter	*p;
	size_t			 i;

	if ((p = calloc(XLATE_MAXINSNS, sizeof(*p))) == NULL)
		exit(2);
	for (i = 0; i + 1 < XLATE_MAXINSNS; i++)
		p[i] = (struct sock_filter)S(BPF_LDX | BPF_B | BPF_MSH,
		    (uint32_t)i);
	p[i] = (struct sock_filter)S(BPF_RET | BPF_A, 0);
	accept_ok("4095 msh loads", p, XLATE_MAXINSNS, XLATE_TC, 1);
	for (i = 0; i + 1 < XLATE_MAXINSNS; i++)
		p[i] = (struct sock_filter)J(BPF_JMP | BPF_JSET | BPF_X, 0,
		    XLATE_MAXINSNS - i - 2 > 255 ? 255 :
		    (uint8_t)(XLATE_MAXINSNS - i - 2), 0);
	accept_ok("4095 long jset jumps", p, XLATE_MAXINSNS, XLATE_RAW, 0);
	for (i = 0; i + 1 < XLATE_MAXINSNS; i++)
		p[i] = (struct sock_filter)S(BPF_ALU | BPF_LSH | BPF_X, 0);
	accept_ok("4095 shifts by x", p, XLATE_MAXINSNS, XLATE_TC, 0);
	free(p);
}

/* What the translation of a few instructions looks like. */
static void
test_shape(void)
{
	static const struct sock_filter ld[] = {
		S(BPF_LD | BPF_H | BPF_IND, 14),
		S(BPF_RET | BPF_A, 0),
	};
	static const struct sock_filter ret0[] = {
		S(BPF_RET | BPF_K, 0),
	};
	struct bpf_insn	*out;
	size_t		 n, i;
	int		 nld = 0, nret = 0;
	char		 err[256];

	if (bpf_xlate(ld, NINSN(ld), XLATE_RAW, 0, &out, &n, err,
	    sizeof(err)) == -1) {
		OK(0, "shape: translates (%s)", err);
		return;
	}
	for (i = 0; i < n; i++)
		if (out[i].code == (BPF_LD | BPF_H | BPF_IND) &&
		    out[i].src_reg == BPF_REG_7 && out[i].imm == 14)
			nld++;
	OK(nld == 1, "shape: ldh [x + 14] becomes one eBPF LD_IND");
	OK(xcheck(out, n, XLATE_RAW) == NULL,
	    "shape: the eBPF load is guarded by a length check");
	free(out);

	if (bpf_xlate(ret0, 1, XLATE_TC, 0, &out, &n, err,
	    sizeof(err)) == -1) {
		OK(0, "shape: ret #0 translates (%s)", err);
		return;
	}
	for (i = 0; i < n; i++)
		if (out[i].code == (BPF_ALU | BPF_MOV | BPF_K) &&
		    out[i].imm == TC_ACT_SHOT)
			nret++;
	OK(nret == 1 && xcheck(out, n, XLATE_TC) == NULL,
	    "shape: ret #0 in tc mode returns TC_ACT_SHOT");
	free(out);
}

int
main(void)
{
	test_refusals();
	test_guard();
	test_large();
	test_shape();
	return (regress_done());
}
