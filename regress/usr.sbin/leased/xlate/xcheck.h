/*
 * Structural invariants of a translated program, checked without a
 * kernel (unit test, fuzzer).  Returns NULL or what is wrong.
 */

#ifndef XCHECK_H
#define XCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <linux/bpf.h>

#include "bpf_xlate.h"

static const char	*xcheck(const struct bpf_insn *, size_t, int)
			    __attribute__((__unused__));

static int	xcheck_reject(const struct bpf_insn *, size_t, size_t, int)
		    __attribute__((__unused__));
static const char	*xcheck_reach(const struct bpf_insn *, size_t)
			    __attribute__((__unused__));

/* Is in[t] the reject path: r0 = 0 (raw) or TC_ACT_SHOT (tc); exit? */
static int
xcheck_reject(const struct bpf_insn *in, size_t n, size_t t, int mode)
{
	return (t + 1 < n && in[t].code == (BPF_ALU | BPF_MOV | BPF_K) &&
	    in[t].dst_reg == BPF_REG_0 &&
	    in[t].imm == (mode == XLATE_TC ? 2 : 0) &&
	    in[t + 1].code == (BPF_JMP | BPF_EXIT));
}

/* The verifier refuses unreachable instructions. */
static const char *
xcheck_reach(const struct bpf_insn *in, size_t n)
{
	uint8_t		*reach;
	const char	*bad = NULL;
	size_t		 i, t;
	uint8_t		 cls, op;

	if ((reach = calloc(n + 2, 1)) == NULL)
		abort();
	reach[0] = 1;
	for (i = 0; i < n; i++) {
		if (!reach[i]) {
			bad = "unreachable instruction";
			break;
		}
		cls = BPF_CLASS(in[i].code);
		op = BPF_OP(in[i].code);
		if (in[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			reach[++i + 1] = 1;
			continue;
		}
		if ((cls == BPF_JMP || cls == BPF_JMP32) && op == BPF_EXIT)
			continue;
		if ((cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL) {
			t = i + 1 + (size_t)in[i].off;
			if (t < n)
				reach[t] = 1;
			if (op == BPF_JA)
				continue;
		}
		reach[i + 1] = 1;
	}
	free(reach);
	return (bad);
}

static const char *
xcheck(const struct bpf_insn *in, size_t n, int mode)
{
	size_t	i, j, t;
	uint8_t	cls, op;
	int	guarded;

	if (n < 2 || n > 65536)
		return ("implausible length");
	if (in[n - 1].code != (BPF_JMP | BPF_EXIT))
		return ("last instruction is not exit");
	if (in[0].code != (BPF_ALU64 | BPF_MOV | BPF_X) ||
	    in[0].dst_reg != BPF_REG_6 || in[0].src_reg != BPF_REG_1)
		return ("ctx not saved in r6 first");
	for (i = 0; i < n; i++) {
		cls = BPF_CLASS(in[i].code);
		op = BPF_OP(in[i].code);
		if (in[i].dst_reg > BPF_REG_10 || in[i].src_reg > BPF_REG_10)
			return ("bad register");
		if (in[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (i + 1 >= n || in[i + 1].code != 0)
				return ("truncated ld_imm64");
			i++;
			continue;
		}
		if ((cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_LDX) &&
		    in[i].dst_reg == BPF_REG_10)
			return ("write to the frame pointer");
		/* The verifier refuses set reserved fields. */
		if ((cls == BPF_ALU || cls == BPF_ALU64) && in[i].off != 0)
			return ("alu with an offset");
		if ((cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_JMP ||
		    cls == BPF_JMP32) && BPF_SRC(in[i].code) == BPF_X &&
		    in[i].imm != 0)
			return ("register operation with an immediate");
		if ((cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_JMP ||
		    cls == BPF_JMP32) && BPF_SRC(in[i].code) == BPF_K &&
		    in[i].src_reg != 0)
			return ("immediate operation with a source register");
		if ((cls == BPF_ST || cls == BPF_STX) &&
		    (in[i].dst_reg != BPF_REG_10 || in[i].off >= 0 ||
		    in[i].off < -4 * BPF_MEMWORDS))
			return ("store outside the scratch area");
		if (cls == BPF_LD) {
			/* A packet load has a length check just before. */
			guarded = 0;
			for (j = i > 3 ? i - 3 : 0; j < i; j++)
				if ((BPF_CLASS(in[j].code) == BPF_JMP ||
				    BPF_CLASS(in[j].code) == BPF_JMP32) &&
				    BPF_OP(in[j].code) != BPF_JA &&
				    BPF_OP(in[j].code) != BPF_CALL &&
				    BPF_OP(in[j].code) != BPF_EXIT &&
				    xcheck_reject(in, n,
				    j + 1 + (size_t)in[j].off, mode))
					guarded = 1;
			if (!guarded)
				return ("packet load without length check");
		}
		if (cls != BPF_JMP && cls != BPF_JMP32)
			continue;
		if (op == BPF_EXIT || op == BPF_CALL)
			continue;
		if (in[i].off < 0)
			return ("backward jump");
		t = i + 1 + (size_t)in[i].off;
		if (t >= n)
			return ("jump out of range");
		if (t > 0 && in[t - 1].code == (BPF_LD | BPF_IMM | BPF_DW))
			return ("jump into ld_imm64");
	}
	return (xcheck_reach(in, n));
}

#endif /* XCHECK_H */
