/*
 * Classic BPF to eBPF translation.
 *
 * A classic program is checked the way a kernel checker would check it,
 * then translated instruction by instruction into an eBPF program for
 * BPF_PROG_TYPE_SCHED_CLS.  The semantics are those of libpcap's
 * bpf_filter(): A, X and the scratch memory start at zero, a load that
 * does not fit in the packet or a division by a zero X returns 0, and a
 * shift by an X of 32 or more leaves 0 in A.
 *
 * Register use:
 *	r0	A (also where BPF_LD|BPF_ABS/IND put their result)
 *	r6	the __sk_buff context, as BPF_LD|BPF_ABS/IND require
 *	r7	X
 *	r8	__sk_buff.len, loaded once
 *	r9	temporary that survives the loads
 *	r10-64	M[0] .. M[15], 32 bits each
 *
 * eBPF's BPF_LD|BPF_ABS/IND end the program with return value 0 when the
 * load falls outside the packet, which at tc is TC_ACT_OK.  So each load
 * is preceded by an explicit comparison with the packet length that
 * branches to the reject path; the eBPF load itself can then never fail.
 * All comparisons of A are 32-bit (BPF_JMP32) so that constants with the
 * top bit set keep their unsigned classic meaning.
 *
 * No I/O and no system calls here: this code runs in the privileged
 * parent and is fuzzed on its own.
 */

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_xlate.h"

#define R_A		BPF_REG_0
#define R_CTX		BPF_REG_6
#define R_X		BPF_REG_7
#define R_LEN		BPF_REG_8
#define R_TMP		BPF_REG_9
#define R_FP		BPF_REG_10

/* Stack offset of M[k]. */
#define MEM_OFF(k)	(-4 * (BPF_MEMWORDS - (int)(k)))

/* Jump targets other than a classic instruction index. */
#define LBL_REJECT	(-1L)
#define LBL_ACCEPT	(-2L)

/* Worst case eBPF instructions per classic one, and around them. */
#define XLATE_PER_INSN	8
#define XLATE_EXTRA	(16 + BPF_MEMWORDS)

struct fixup {
	size_t		 at;		/* the jump instruction */
	long		 target;	/* classic index or LBL_* */
};

struct xlate {
	struct bpf_insn	*insn;
	size_t		 n;
	size_t		 cap;
	struct fixup	*fix;
	size_t		 nfix;
	size_t		 fixcap;
	size_t		*start;		/* classic pc -> eBPF */
	size_t		 reject;	/* the reject path */
	size_t		 accept;	/* the accept path (XLATE_TC) */
	int		 use_reject;
	int		 use_accept;
	int		 mode;
	int		 overflow;
};

static void	xerr(char *, size_t, const char *, ...)
		    __attribute__((__format__ (printf, 3, 4)));
static int	valid_code(const struct sock_filter *);
static int	check_prog(const struct sock_filter *, size_t, int, char *,
		    size_t);
static void	emit(struct xlate *, uint8_t, uint8_t, uint8_t, int16_t,
		    int32_t);
static void	emit_jump(struct xlate *, uint8_t, uint8_t, uint8_t, int32_t,
		    long);
static void	emit_ret(struct xlate *, int, uint32_t);
static void	emit_cond(struct xlate *, const struct sock_filter *,
		    size_t);
static void	emit_load(struct xlate *, const struct sock_filter *);
static void	emit_alu(struct xlate *, const struct sock_filter *);
static void	emit_insn(struct xlate *, const struct sock_filter *,
		    size_t);
static void	emit_prologue(struct xlate *, const struct sock_filter *,
		    size_t, uint64_t);
static int	resolve(struct xlate *, size_t, char *, size_t);
static void	reachable(const struct sock_filter *, size_t, uint8_t *);

static void
xerr(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (errbuf == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

/* The opcodes of classic BPF, matched exactly as libpcap and Linux do. */
static int
valid_code(const struct sock_filter *f)
{
	switch (f->code) {
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
	case BPF_LD | BPF_W | BPF_IND:
	case BPF_LD | BPF_H | BPF_IND:
	case BPF_LD | BPF_B | BPF_IND:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_B | BPF_MSH:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_X:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_K:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_MOD | BPF_X:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
		return (1);
	}
	return (0);
}

static int
check_prog(const struct sock_filter *prog, size_t len, int mode,
    char *errbuf, size_t errlen)
{
	const struct sock_filter	*f;
	size_t				 i, left;

	if (mode != XLATE_RAW && mode != XLATE_TC) {
		xerr(errbuf, errlen, "unknown translation mode %d", mode);
		return (-1);
	}
	if (prog == NULL || len == 0) {
		xerr(errbuf, errlen, "empty program");
		return (-1);
	}
	if (len > XLATE_MAXINSNS) {
		xerr(errbuf, errlen, "program has %zu instructions, "
		    "more than %d", len, XLATE_MAXINSNS);
		return (-1);
	}
	for (i = 0; i < len; i++) {
		f = &prog[i];
		/* Instructions after this one. */
		left = len - i - 1;
		if (!valid_code(f)) {
			xerr(errbuf, errlen, "instruction %zu: unknown opcode "
			    "0x%04x", i, f->code);
			return (-1);
		}
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
		case BPF_LDX:
			switch (BPF_MODE(f->code)) {
			case BPF_MEM:
				if (f->k >= BPF_MEMWORDS)
					goto badmem;
				break;
			case BPF_ABS:
			case BPF_IND:
			case BPF_MSH:
				/*
				 * Linux gives negative offsets special
				 * meanings (SKF_AD_OFF, SKF_NET_OFF,
				 * SKF_LL_OFF); libpcap does not.  Refuse
				 * rather than pick one.
				 */
				if (BPF_MODE(f->code) != BPF_IND &&
				    f->k > INT32_MAX) {
					xerr(errbuf, errlen, "instruction %zu: "
					    "negative or ancillary load offset "
					    "0x%08x not supported", i, f->k);
					return (-1);
				}
				break;
			}
			break;
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				goto badmem;
			break;
		case BPF_ALU:
			if ((BPF_OP(f->code) == BPF_DIV ||
			    BPF_OP(f->code) == BPF_MOD) &&
			    BPF_SRC(f->code) == BPF_K && f->k == 0) {
				xerr(errbuf, errlen, "instruction %zu: "
				    "division by constant zero", i);
				return (-1);
			}
			if ((BPF_OP(f->code) == BPF_LSH ||
			    BPF_OP(f->code) == BPF_RSH) &&
			    BPF_SRC(f->code) == BPF_K && f->k >= 32) {
				xerr(errbuf, errlen, "instruction %zu: "
				    "shift by constant %u", i, f->k);
				return (-1);
			}
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA) {
				if (f->k >= left)
					goto badjump;
			} else if (f->jt >= left || f->jf >= left)
				goto badjump;
			break;
		}
	}
	if (BPF_CLASS(prog[len - 1].code) != BPF_RET) {
		xerr(errbuf, errlen, "last instruction is not a return");
		return (-1);
	}
	return (0);

 badmem:
	xerr(errbuf, errlen, "instruction %zu: scratch memory index %u out of "
	    "range", i, prog[i].k);
	return (-1);
 badjump:
	xerr(errbuf, errlen, "instruction %zu: jump out of range", i);
	return (-1);
}

static void
emit(struct xlate *x, uint8_t code, uint8_t dst, uint8_t src, int16_t off,
    int32_t imm)
{
	struct bpf_insn	*in;

	if (x->n >= x->cap) {
		x->overflow = 1;
		return;
	}
	in = &x->insn[x->n++];
	memset(in, 0, sizeof(*in));
	in->code = code;
	in->dst_reg = dst;
	in->src_reg = src;
	in->off = off;
	in->imm = imm;
}

/* A jump whose offset is filled in once every target is known. */
static void
emit_jump(struct xlate *x, uint8_t code, uint8_t dst, uint8_t src,
    int32_t imm, long target)
{
	if (x->nfix >= x->fixcap) {
		x->overflow = 1;
		return;
	}
	if (target == LBL_REJECT)
		x->use_reject = 1;
	else if (target == LBL_ACCEPT)
		x->use_accept = 1;
	x->fix[x->nfix].at = x->n;
	x->fix[x->nfix].target = target;
	x->nfix++;
	emit(x, code, dst, src, 0, imm);
}

static void
emit_ret(struct xlate *x, int isa, uint32_t k)
{
	if (x->mode == XLATE_TC) {
		if (isa)
			emit_jump(x, BPF_JMP32 | BPF_JNE | BPF_K, R_A, 0, 0,
			    LBL_ACCEPT);
		emit_jump(x, BPF_JMP | BPF_JA, 0, 0, 0,
		    isa || k == 0 ? LBL_REJECT : LBL_ACCEPT);
		return;
	}
	if (!isa)
		emit(x, BPF_ALU | BPF_MOV | BPF_K, R_A, 0, 0, (int32_t)k);
	emit(x, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

static void
emit_cond(struct xlate *x, const struct sock_filter *f, size_t pc)
{
	int32_t	k;
	uint8_t	op, inv, src, reg;
	long	jt, jf;

	jt = (long)(pc + 1 + f->jt);
	jf = (long)(pc + 1 + f->jf);
	src = BPF_SRC(f->code) == BPF_X ? BPF_X : BPF_K;
	reg = src == BPF_X ? R_X : 0;
	/* The verifier wants unused fields zero. */
	k = src == BPF_X ? 0 : (int32_t)f->k;
	switch (BPF_OP(f->code)) {
	case BPF_JEQ:
		op = BPF_JEQ;
		inv = BPF_JNE;
		break;
	case BPF_JGT:
		op = BPF_JGT;
		inv = BPF_JLE;
		break;
	case BPF_JGE:
		op = BPF_JGE;
		inv = BPF_JLT;
		break;
	default:
		op = BPF_JSET;
		inv = 0;	/* eBPF has no "none of these bits" jump */
		break;
	}
	if (jt == jf) {
		if (f->jt != 0)
			emit_jump(x, BPF_JMP | BPF_JA, 0, 0, 0, jt);
	} else if (f->jf == 0)
		emit_jump(x, BPF_JMP32 | op | src, R_A, reg, k, jt);
	else if (f->jt == 0 && inv != 0)
		emit_jump(x, BPF_JMP32 | inv | src, R_A, reg, k, jf);
	else {
		emit_jump(x, BPF_JMP32 | op | src, R_A, reg, k, jt);
		emit_jump(x, BPF_JMP | BPF_JA, 0, 0, 0, jf);
	}
}

/*
 * Packet loads.  libpcap accepts a load of size n at offset o (X + k for
 * BPF_IND, without 32-bit wraparound) when o + n <= buflen; the same
 * bound is checked here against __sk_buff.len before the eBPF load.
 */
static void
emit_load(struct xlate *x, const struct sock_filter *f)
{
	uint64_t	end;
	uint32_t	size;

	switch (BPF_SIZE(f->code)) {
	case BPF_W:
		size = 4;
		break;
	case BPF_H:
		size = 2;
		break;
	default:
		size = 1;
		break;
	}
	end = (uint64_t)f->k + size;

	if (BPF_CLASS(f->code) == BPF_LDX) {
		/* X = 4 * (P[k] & 0xf); the load goes through r0 = A. */
		emit_jump(x, BPF_JMP32 | BPF_JLT | BPF_K, R_LEN, 0,
		    (int32_t)end, LBL_REJECT);
		emit(x, BPF_ALU64 | BPF_MOV | BPF_X, R_TMP, R_A, 0, 0);
		emit(x, BPF_LD | BPF_B | BPF_ABS, 0, 0, 0, (int32_t)f->k);
		emit(x, BPF_ALU | BPF_MOV | BPF_X, R_X, R_A, 0, 0);
		emit(x, BPF_ALU | BPF_AND | BPF_K, R_X, 0, 0, 0xf);
		emit(x, BPF_ALU | BPF_LSH | BPF_K, R_X, 0, 0, 2);
		emit(x, BPF_ALU64 | BPF_MOV | BPF_X, R_A, R_TMP, 0, 0);
		return;
	}
	if (BPF_MODE(f->code) == BPF_ABS) {
		emit_jump(x, BPF_JMP32 | BPF_JLT | BPF_K, R_LEN, 0,
		    (int32_t)end, LBL_REJECT);
		emit(x, BPF_LD | BPF_SIZE(f->code) | BPF_ABS, 0, 0, 0,
		    (int32_t)f->k);
		return;
	}
	/*
	 * BPF_IND: the packet is shorter than 4 GB, so no X fits.  The
	 * jump is conditional (and always taken) so that what follows
	 * stays reachable in the verifier's control-flow check.
	 */
	if (end > UINT32_MAX) {
		emit_jump(x, BPF_JMP | BPF_JGE | BPF_K, R_LEN, 0, 0,
		    LBL_REJECT);
		return;
	}
	/* r9 = (u64)k + size + X, exact in 64 bits; r7 and r8 are u32. */
	emit(x, BPF_ALU | BPF_MOV | BPF_K, R_TMP, 0, 0, (int32_t)end);
	emit(x, BPF_ALU64 | BPF_ADD | BPF_X, R_TMP, R_X, 0, 0);
	emit_jump(x, BPF_JMP | BPF_JGT | BPF_X, R_TMP, R_LEN, 0, LBL_REJECT);
	/* In range, so the load's own 32-bit X + k cannot wrap. */
	emit(x, BPF_LD | BPF_SIZE(f->code) | BPF_IND, 0, R_X, 0,
	    (int32_t)f->k);
}

static void
emit_alu(struct xlate *x, const struct sock_filter *f)
{
	uint8_t	op;

	op = BPF_OP(f->code);
	if (op == BPF_NEG) {
		emit(x, BPF_ALU | BPF_NEG, R_A, 0, 0, 0);
		return;
	}
	if (BPF_SRC(f->code) == BPF_K) {
		/* Constant divisors and shifts were checked already. */
		emit(x, BPF_ALU | op | BPF_K, R_A, 0, 0, (int32_t)f->k);
		return;
	}
	switch (op) {
	case BPF_DIV:
	case BPF_MOD:
		/* Classic BPF returns 0 on a division by zero. */
		emit_jump(x, BPF_JMP32 | BPF_JEQ | BPF_K, R_X, 0, 0,
		    LBL_REJECT);
		break;
	case BPF_LSH:
	case BPF_RSH:
		/* libpcap: a shift by 32 or more leaves 0. */
		emit(x, BPF_JMP32 | BPF_JLT | BPF_K, R_X, 0, 2, 32);
		emit(x, BPF_ALU | BPF_MOV | BPF_K, R_A, 0, 0, 0);
		emit(x, BPF_JMP | BPF_JA, 0, 0, 1, 0);
		break;
	}
	emit(x, BPF_ALU | op | BPF_X, R_A, R_X, 0, 0);
}

static void
emit_insn(struct xlate *x, const struct sock_filter *f, size_t pc)
{
	switch (BPF_CLASS(f->code)) {
	case BPF_RET:
		emit_ret(x, BPF_RVAL(f->code) == BPF_A, f->k);
		break;
	case BPF_LD:
	case BPF_LDX:
		switch (BPF_MODE(f->code)) {
		case BPF_IMM:
			emit(x, BPF_ALU | BPF_MOV | BPF_K,
			    BPF_CLASS(f->code) == BPF_LD ? R_A : R_X, 0, 0,
			    (int32_t)f->k);
			break;
		case BPF_LEN:
			emit(x, BPF_ALU | BPF_MOV | BPF_X,
			    BPF_CLASS(f->code) == BPF_LD ? R_A : R_X, R_LEN,
			    0, 0);
			break;
		case BPF_MEM:
			emit(x, BPF_LDX | BPF_MEM | BPF_W,
			    BPF_CLASS(f->code) == BPF_LD ? R_A : R_X, R_FP,
			    MEM_OFF(f->k), 0);
			break;
		default:
			emit_load(x, f);
			break;
		}
		break;
	case BPF_ST:
	case BPF_STX:
		emit(x, BPF_STX | BPF_MEM | BPF_W, R_FP,
		    BPF_CLASS(f->code) == BPF_ST ? R_A : R_X, MEM_OFF(f->k),
		    0);
		break;
	case BPF_ALU:
		emit_alu(x, f);
		break;
	case BPF_JMP:
		if (BPF_OP(f->code) == BPF_JA) {
			if (f->k != 0)
				emit_jump(x, BPF_JMP | BPF_JA, 0, 0, 0,
				    (long)(pc + 1 + f->k));
		} else
			emit_cond(x, f, pc);
		break;
	case BPF_MISC:
		if (BPF_MISCOP(f->code) == BPF_TAX)
			emit(x, BPF_ALU | BPF_MOV | BPF_X, R_X, R_A, 0, 0);
		else
			emit(x, BPF_ALU | BPF_MOV | BPF_X, R_A, R_X, 0, 0);
		break;
	}
}

static void
emit_prologue(struct xlate *x, const struct sock_filter *prog, size_t len,
    uint64_t cookie)
{
	uint16_t	read;
	size_t		i;
	uint8_t		cls;

	emit(x, BPF_ALU64 | BPF_MOV | BPF_X, R_CTX, BPF_REG_1, 0, 0);
	if (cookie != 0) {
		/* Only frames from the socket with this cookie are ours. */
		emit(x, BPF_JMP | BPF_CALL, 0, 0, 0,
		    BPF_FUNC_get_socket_cookie);
		emit(x, BPF_LD | BPF_IMM | BPF_DW, BPF_REG_1, 0, 0,
		    (int32_t)(uint32_t)cookie);
		emit(x, 0, 0, 0, 0, (int32_t)(uint32_t)(cookie >> 32));
		emit(x, BPF_JMP | BPF_JEQ | BPF_X, R_A, BPF_REG_1, 2, 0);
		emit(x, BPF_ALU64 | BPF_MOV | BPF_K, R_A, 0, 0,
		    TC_ACT_UNSPEC);
		emit(x, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	}
	emit(x, BPF_ALU | BPF_MOV | BPF_K, R_A, 0, 0, 0);
	emit(x, BPF_ALU | BPF_MOV | BPF_K, R_X, 0, 0, 0);
	emit(x, BPF_LDX | BPF_MEM | BPF_W, R_LEN, R_CTX,
	    offsetof(struct __sk_buff, len), 0);

	/* Zero every scratch word the program reads anywhere. */
	read = 0;
	for (i = 0; i < len; i++) {
		cls = BPF_CLASS(prog[i].code);
		if ((cls == BPF_LD || cls == BPF_LDX) &&
		    BPF_MODE(prog[i].code) == BPF_MEM)
			read |= 1U << prog[i].k;
	}
	for (i = 0; i < BPF_MEMWORDS; i++)
		if (read & (1U << i))
			emit(x, BPF_ST | BPF_MEM | BPF_W, R_FP, 0,
			    MEM_OFF(i), 0);
}

/*
 * The eBPF verifier refuses unreachable instructions, which classic
 * programs may contain; only reachable ones are translated.  Jumps only
 * go forward, so one pass in order finds them all.
 */
static void
reachable(const struct sock_filter *prog, size_t len, uint8_t *reach)
{
	const struct sock_filter	*f;
	size_t				 i;

	memset(reach, 0, len);
	reach[0] = 1;
	for (i = 0; i < len; i++) {
		if (!reach[i])
			continue;
		f = &prog[i];
		switch (BPF_CLASS(f->code)) {
		case BPF_RET:
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA)
				reach[i + 1 + f->k] = 1;
			else {
				reach[i + 1 + f->jt] = 1;
				reach[i + 1 + f->jf] = 1;
			}
			break;
		default:
			reach[i + 1] = 1;
			break;
		}
	}
}

static int
resolve(struct xlate *x, size_t len, char *errbuf, size_t errlen)
{
	size_t	i, to;
	long	t, off;

	for (i = 0; i < x->nfix; i++) {
		t = x->fix[i].target;
		if (t == LBL_REJECT)
			to = x->reject;
		else if (t == LBL_ACCEPT)
			to = x->accept;
		else if (t >= 0 && (size_t)t < len)
			to = x->start[t];
		else {
			xerr(errbuf, errlen, "internal error: jump target "
			    "%ld", t);
			return (-1);
		}
		off = (long)to - (long)x->fix[i].at - 1;
		if (off < 0 || off > INT16_MAX) {
			xerr(errbuf, errlen, "translated program too large "
			    "for 16-bit jump offsets");
			return (-1);
		}
		x->insn[x->fix[i].at].off = (int16_t)off;
	}
	return (0);
}

int
bpf_xlate(const struct sock_filter *prog, size_t len, int mode,
    uint64_t cookie, struct bpf_insn **out, size_t *outlen, char *errbuf,
    size_t errlen)
{
	struct xlate	 x;
	uint8_t		*reach = NULL;
	size_t		 i;
	int		 rv = -1;

	*out = NULL;
	*outlen = 0;
	if (check_prog(prog, len, mode, errbuf, errlen) == -1)
		return (-1);
	if (cookie != 0 && mode != XLATE_TC) {
		xerr(errbuf, errlen, "socket cookie guard needs XLATE_TC");
		return (-1);
	}

	memset(&x, 0, sizeof(x));
	x.mode = mode;
	x.cap = len * XLATE_PER_INSN + XLATE_EXTRA;
	x.fixcap = len * 2 + 1;
	x.insn = calloc(x.cap, sizeof(*x.insn));
	x.fix = calloc(x.fixcap, sizeof(*x.fix));
	x.start = calloc(len, sizeof(*x.start));
	reach = malloc(len);
	if (x.insn == NULL || x.fix == NULL || x.start == NULL ||
	    reach == NULL) {
		xerr(errbuf, errlen, "out of memory");
		goto done;
	}

	reachable(prog, len, reach);
	emit_prologue(&x, prog, len, cookie);
	for (i = 0; i < len; i++) {
		x.start[i] = x.n;
		if (reach[i])
			emit_insn(&x, &prog[i], i);
	}
	/*
	 * Shared exits, only if used.  The last reachable classic
	 * instruction is a return, so the program always ends in exit.
	 */
	if (x.use_reject) {
		x.reject = x.n;
		emit(&x, BPF_ALU | BPF_MOV | BPF_K, R_A, 0, 0,
		    mode == XLATE_TC ? TC_ACT_SHOT : 0);
		emit(&x, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	}
	if (x.use_accept) {
		x.accept = x.n;
		emit(&x, BPF_ALU | BPF_MOV | BPF_K, R_A, 0, 0, TC_ACT_OK);
		emit(&x, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	}
	if (x.overflow) {
		xerr(errbuf, errlen, "internal error: output overflow");
		goto done;
	}
	if (resolve(&x, len, errbuf, errlen) == -1)
		goto done;

	*out = x.insn;
	*outlen = x.n;
	x.insn = NULL;
	rv = 0;
 done:
	free(x.insn);
	free(x.fix);
	free(x.start);
	free(reach);
	return (rv);
}
