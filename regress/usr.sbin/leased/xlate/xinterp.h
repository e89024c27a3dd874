/*
 * A small eBPF interpreter for the instructions bpf_xlate() emits, with
 * the kernel's semantics for a sched_cls program on a linear frame.  It
 * lets the fuzzer compare translations with libpcap in-process.  It is
 * stricter than the kernel where the translation promises more: a
 * packet load outside the frame (the eBPF "return 0" path), a read of
 * an unset register or stack word, or an instruction it does not know
 * is reported as an error.
 */

#ifndef XINTERP_H
#define XINTERP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <linux/bpf.h>

#define XI_STACK	512
#define XI_CTX		0x10000000cafe0000ULL	/* the context */
#define XI_UNSET	0x5555aaaa5555aaaaULL

static const char	*xinterp(const struct bpf_insn *, size_t,
			    const uint8_t *, uint32_t, uint64_t, uint64_t *)
			    __attribute__((__unused__));

static const char *
xinterp(const struct bpf_insn *prog, size_t n, const uint8_t *pkt,
    uint32_t len, uint64_t cookie, uint64_t *ret)
{
	uint64_t		 r[11], a, b, v;
	uint8_t			 stack[XI_STACK], set[XI_STACK];
	const struct bpf_insn	*in;
	size_t			 pc, steps;
	int64_t			 off;
	uint32_t		 size, w;
	uint8_t			 cls, op;
	int			 i, is32, taken;

	for (i = 0; i < 11; i++)
		r[i] = XI_UNSET;
	r[1] = XI_CTX;
	memset(stack, 0xa5, sizeof(stack));
	memset(set, 0, sizeof(set));
	for (pc = 0, steps = 0; pc < n && steps <= n; steps++) {
		in = &prog[pc++];
		cls = BPF_CLASS(in->code);
		op = BPF_OP(in->code);
		if (in->dst_reg > 10 || in->src_reg > 10)
			return ("bad register");
		switch (cls) {
		case BPF_ALU:
		case BPF_ALU64:
			is32 = cls == BPF_ALU;
			if (op != BPF_MOV && r[in->dst_reg] == XI_UNSET)
				return ("alu on an unset register");
			if (BPF_SRC(in->code) == BPF_X &&
			    r[in->src_reg] == XI_UNSET)
				return ("alu from an unset register");
			a = r[in->dst_reg];
			b = BPF_SRC(in->code) == BPF_X ? r[in->src_reg] :
			    (uint64_t)(int64_t)in->imm;
			if (is32) {
				a = (uint32_t)a;
				b = (uint32_t)b;
			}
			switch (op) {
			case BPF_MOV:	v = b; break;
			case BPF_ADD:	v = a + b; break;
			case BPF_SUB:	v = a - b; break;
			case BPF_MUL:	v = a * b; break;
			case BPF_DIV:	v = b ? a / b : 0; break;
			case BPF_MOD:	v = b ? a % b : a; break;
			case BPF_OR:	v = a | b; break;
			case BPF_AND:	v = a & b; break;
			case BPF_XOR:	v = a ^ b; break;
			case BPF_LSH:	v = a << (b & (is32 ? 31 : 63));
					break;
			case BPF_RSH:	v = a >> (b & (is32 ? 31 : 63));
					break;
			case BPF_NEG:	v = 0 - a; break;
			default:	return ("unknown alu op");
			}
			if (op == BPF_MOV && !is32 && BPF_SRC(in->code) ==
			    BPF_X)
				v = r[in->src_reg];	/* the ctx tag */
			r[in->dst_reg] = is32 ? (uint32_t)v : v;
			break;
		case BPF_JMP:
		case BPF_JMP32:
			is32 = cls == BPF_JMP32;
			if (in->code == (BPF_JMP | BPF_EXIT)) {
				if (r[0] == XI_UNSET)
					return ("exit with r0 unset");
				*ret = r[0];
				return (NULL);
			}
			if (in->code == (BPF_JMP | BPF_CALL)) {
				if (in->imm != BPF_FUNC_get_socket_cookie ||
				    r[1] != XI_CTX)
					return ("unknown call");
				r[0] = cookie;
				for (i = 1; i <= 5; i++)
					r[i] = XI_UNSET;
				break;
			}
			if (in->code == (BPF_JMP | BPF_JA)) {
				pc += in->off;
				break;
			}
			if (r[in->dst_reg] == XI_UNSET ||
			    (BPF_SRC(in->code) == BPF_X &&
			    r[in->src_reg] == XI_UNSET))
				return ("compare of an unset register");
			a = r[in->dst_reg];
			b = BPF_SRC(in->code) == BPF_X ? r[in->src_reg] :
			    (uint64_t)(int64_t)in->imm;
			if (is32) {
				a = (uint32_t)a;
				b = (uint32_t)b;
			}
			switch (op) {
			case BPF_JEQ:	taken = a == b; break;
			case BPF_JNE:	taken = a != b; break;
			case BPF_JGT:	taken = a > b; break;
			case BPF_JGE:	taken = a >= b; break;
			case BPF_JLT:	taken = a < b; break;
			case BPF_JLE:	taken = a <= b; break;
			case BPF_JSET:	taken = (a & b) != 0; break;
			default:	return ("unknown jump op");
			}
			if (taken)
				pc += in->off;
			break;
		case BPF_LD:
			if (in->code == (BPF_LD | BPF_IMM | BPF_DW)) {
				if (pc >= n)
					return ("truncated ld_imm64");
				r[in->dst_reg] = (uint32_t)in->imm |
				    (uint64_t)(uint32_t)prog[pc].imm << 32;
				pc++;
				break;
			}
			if (r[6] != XI_CTX)
				return ("packet load without ctx in r6");
			size = BPF_SIZE(in->code) == BPF_W ? 4 :
			    BPF_SIZE(in->code) == BPF_H ? 2 : 1;
			if (BPF_MODE(in->code) == BPF_ABS)
				off = in->imm;
			else if (BPF_MODE(in->code) == BPF_IND) {
				if (r[in->src_reg] == XI_UNSET)
					return ("indirect load, unset index");
				off = (int32_t)(uint32_t)(r[in->src_reg] +
				    (uint64_t)(int64_t)in->imm);
			} else
				return ("unknown load");
			if (off < 0 || (uint64_t)off + size > len)
				return ("packet load outside the frame");
			for (v = 0; size > 0; size--)
				v = v << 8 | pkt[off++];
			r[0] = v;
			for (i = 1; i <= 5; i++)
				r[i] = XI_UNSET;
			break;
		case BPF_LDX:
			if (in->code != (BPF_LDX | BPF_MEM | BPF_W))
				return ("unknown ldx");
			if (in->src_reg == BPF_REG_10) {
				off = XI_STACK + in->off;
				if (off < 0 || off + 4 > XI_STACK ||
				    !set[off] || !set[off + 3])
					return ("read of unset stack");
				memcpy(&w, stack + off, 4);
				r[in->dst_reg] = w;
			} else if (r[in->src_reg] == XI_CTX &&
			    in->off == offsetof(struct __sk_buff, len))
				r[in->dst_reg] = len;
			else
				return ("unknown ldx source");
			break;
		case BPF_ST:
		case BPF_STX:
			if (BPF_MODE(in->code) != BPF_MEM ||
			    BPF_SIZE(in->code) != BPF_W ||
			    in->dst_reg != BPF_REG_10)
				return ("unknown store");
			off = XI_STACK + in->off;
			if (off < 0 || off + 4 > XI_STACK)
				return ("store outside the stack");
			if (cls == BPF_STX && r[in->src_reg] == XI_UNSET)
				return ("store of an unset register");
			w = cls == BPF_ST ? (uint32_t)in->imm :
			    (uint32_t)r[in->src_reg];
			memcpy(stack + off, &w, 4);
			memset(set + off, 1, 4);
			break;
		default:
			return ("unknown class");
		}
	}
	return ("ran off the end");
}

#endif /* XINTERP_H */
