/*
 * A readable listing of an eBPF program, for debugging translated
 * filters (leased -vv) and for the regress tests.  It knows the subset
 * of eBPF that bpf_xlate() produces and prints anything else raw.
 */

#include <sys/types.h>

#include <linux/bpf.h>

#include <stdint.h>
#include <stdio.h>

#include "bpf_xlate.h"

static const char	*alu_name(uint8_t);
static const char	*jmp_name(uint8_t);
static const char	*size_name(uint8_t);

static const char *
alu_name(uint8_t op)
{
	switch (op) {
	case BPF_ADD:	return ("+=");
	case BPF_SUB:	return ("-=");
	case BPF_MUL:	return ("*=");
	case BPF_DIV:	return ("/=");
	case BPF_MOD:	return ("%=");
	case BPF_OR:	return ("|=");
	case BPF_AND:	return ("&=");
	case BPF_XOR:	return ("^=");
	case BPF_LSH:	return ("<<=");
	case BPF_RSH:	return (">>=");
	case BPF_ARSH:	return ("s>>=");
	case BPF_MOV:	return ("=");
	}
	return (NULL);
}

static const char *
jmp_name(uint8_t op)
{
	switch (op) {
	case BPF_JEQ:	return ("==");
	case BPF_JNE:	return ("!=");
	case BPF_JGT:	return (">");
	case BPF_JGE:	return (">=");
	case BPF_JLT:	return ("<");
	case BPF_JLE:	return ("<=");
	case BPF_JSET:	return ("&");
	case BPF_JSGT:	return ("s>");
	case BPF_JSGE:	return ("s>=");
	case BPF_JSLT:	return ("s<");
	case BPF_JSLE:	return ("s<=");
	}
	return (NULL);
}

static const char *
size_name(uint8_t size)
{
	switch (size) {
	case BPF_B:	return ("u8");
	case BPF_H:	return ("u16");
	case BPF_W:	return ("u32");
	case BPF_DW:	return ("u64");
	}
	return ("?");
}

void
bpf_xlate_dump(FILE *fp, const struct bpf_insn *insn, size_t n)
{
	const struct bpf_insn	*in;
	const char		*name;
	char			 r;
	size_t			 i;

	for (i = 0; i < n; i++) {
		in = &insn[i];
		fprintf(fp, "%4zu: ", i);
		switch (BPF_CLASS(in->code)) {
		case BPF_ALU:
		case BPF_ALU64:
			r = BPF_CLASS(in->code) == BPF_ALU ? 'w' : 'r';
			if (BPF_OP(in->code) == BPF_NEG) {
				fprintf(fp, "%c%d = -%c%d\n", r, in->dst_reg,
				    r, in->dst_reg);
				continue;
			}
			if ((name = alu_name(BPF_OP(in->code))) == NULL)
				break;
			if (BPF_SRC(in->code) == BPF_X)
				fprintf(fp, "%c%d %s %c%d\n", r, in->dst_reg,
				    name, r, in->src_reg);
			else
				fprintf(fp, "%c%d %s %d\n", r, in->dst_reg,
				    name, in->imm);
			continue;
		case BPF_JMP:
		case BPF_JMP32:
			r = BPF_CLASS(in->code) == BPF_JMP32 ? 'w' : 'r';
			if (in->code == (BPF_JMP | BPF_EXIT)) {
				fprintf(fp, "exit\n");
				continue;
			}
			if (in->code == (BPF_JMP | BPF_CALL)) {
				if (in->imm == BPF_FUNC_get_socket_cookie)
					fprintf(fp, "call bpf_get_socket_cookie"
					    "\n");
				else
					fprintf(fp, "call %d\n", in->imm);
				continue;
			}
			if (in->code == (BPF_JMP | BPF_JA)) {
				fprintf(fp, "goto %+d <%zd>\n", in->off,
				    (ssize_t)i + 1 + in->off);
				continue;
			}
			if ((name = jmp_name(BPF_OP(in->code))) == NULL)
				break;
			if (BPF_SRC(in->code) == BPF_X)
				fprintf(fp, "if %c%d %s %c%d goto %+d <%zd>\n",
				    r, in->dst_reg, name, r, in->src_reg,
				    in->off, (ssize_t)i + 1 + in->off);
			else
				fprintf(fp, "if %c%d %s %#x goto %+d <%zd>\n",
				    r, in->dst_reg, name, (uint32_t)in->imm,
				    in->off, (ssize_t)i + 1 + in->off);
			continue;
		case BPF_LD:
			if (in->code == (BPF_LD | BPF_IMM | BPF_DW) &&
			    i + 1 < n) {
				fprintf(fp, "r%d = %#llx ll\n", in->dst_reg,
				    (unsigned long long)(uint32_t)in->imm |
				    (unsigned long long)
				    (uint32_t)in[1].imm << 32);
				i++;
				continue;
			}
			if (BPF_MODE(in->code) == BPF_ABS) {
				fprintf(fp, "r0 = ntoh(*(%s *)skb[%d])\n",
				    size_name(BPF_SIZE(in->code)), in->imm);
				continue;
			}
			if (BPF_MODE(in->code) == BPF_IND) {
				fprintf(fp, "r0 = ntoh(*(%s *)skb[r%d + %d])\n",
				    size_name(BPF_SIZE(in->code)), in->src_reg,
				    in->imm);
				continue;
			}
			break;
		case BPF_LDX:
			if (BPF_MODE(in->code) != BPF_MEM)
				break;
			fprintf(fp, "r%d = *(%s *)(r%d %+d)\n", in->dst_reg,
			    size_name(BPF_SIZE(in->code)), in->src_reg,
			    in->off);
			continue;
		case BPF_ST:
			if (BPF_MODE(in->code) != BPF_MEM)
				break;
			fprintf(fp, "*(%s *)(r%d %+d) = %d\n",
			    size_name(BPF_SIZE(in->code)), in->dst_reg,
			    in->off, in->imm);
			continue;
		case BPF_STX:
			if (BPF_MODE(in->code) != BPF_MEM)
				break;
			fprintf(fp, "*(%s *)(r%d %+d) = r%d\n",
			    size_name(BPF_SIZE(in->code)), in->dst_reg,
			    in->off, in->src_reg);
			continue;
		}
		fprintf(fp, "code 0x%02x dst r%d src r%d off %d imm %d\n",
		    in->code, in->dst_reg, in->src_reg, in->off, in->imm);
	}
}
