/*
 * Classic BPF disassembler.  The output follows tcpdump -d: one line
 * per instruction, "(NNN) op operand", jumps with absolute targets.
 * Loads from the kernel's ancillary area (SKF_AD_OFF) are named the
 * way the kernel's bpf_asm names them ("ld #type", "ld #vlanp").
 */

#include <linux/filter.h>
#include <stdio.h>
#include <string.h>

#include "bpf_disasm.h"

static const char	*ancillary_name(unsigned int);

static const char *
ancillary_name(unsigned int k)
{
	switch (k - SKF_AD_OFF) {
	case SKF_AD_PROTOCOL:		return ("#proto");
	case SKF_AD_PKTTYPE:		return ("#type");
	case SKF_AD_IFINDEX:		return ("#ifidx");
	case SKF_AD_NLATTR:		return ("#nla");
	case SKF_AD_NLATTR_NEST:	return ("#nlan");
	case SKF_AD_MARK:		return ("#mark");
	case SKF_AD_QUEUE:		return ("#queue");
	case SKF_AD_HATYPE:		return ("#hatype");
	case SKF_AD_RXHASH:		return ("#rxhash");
	case SKF_AD_CPU:		return ("#cpu");
	case SKF_AD_ALU_XOR_X:		return ("#alu_xor_x");
	case SKF_AD_VLAN_TAG:		return ("#vlan_tci");
	case SKF_AD_VLAN_TAG_PRESENT:	return ("#vlanp");
	case SKF_AD_PAY_OFFSET:		return ("#poff");
	case SKF_AD_RANDOM:		return ("#rand");
	case SKF_AD_VLAN_TPID:		return ("#vlan_tpid");
	default:			return (NULL);
	}
}

/*
 * Write instruction n of a program (insn points at it) into buf and
 * return buf.  An opcode this does not know is shown as raw numbers.
 */
const char *
bpf_disasm_insn(const struct sock_filter *insn, size_t n, char *buf,
    size_t len)
{
	const char	*op = NULL, *name;
	char		 operand[40];
	int		 jump = 0, size;
	unsigned int	 k = insn->k;

	operand[0] = '\0';
	switch (BPF_CLASS(insn->code)) {
	case BPF_LD:
		size = BPF_SIZE(insn->code);
		op = size == BPF_H ? "ldh" : size == BPF_B ? "ldb" : "ld";
		switch (BPF_MODE(insn->code)) {
		case BPF_ABS:
			if (size == BPF_W && k >= (unsigned int)SKF_AD_OFF &&
			    (name = ancillary_name(k)) != NULL)
				snprintf(operand, sizeof(operand), "%s", name);
			else
				snprintf(operand, sizeof(operand), "[%u]", k);
			break;
		case BPF_IND:
			snprintf(operand, sizeof(operand), "[x + %u]", k);
			break;
		case BPF_IMM:
			snprintf(operand, sizeof(operand), "#0x%x", k);
			break;
		case BPF_LEN:
			snprintf(operand, sizeof(operand), "#pktlen");
			break;
		case BPF_MEM:
			snprintf(operand, sizeof(operand), "M[%u]", k);
			break;
		default:
			op = NULL;
		}
		if (size != BPF_W && BPF_MODE(insn->code) != BPF_ABS &&
		    BPF_MODE(insn->code) != BPF_IND)
			op = NULL;
		break;
	case BPF_LDX:
		switch (insn->code) {
		case BPF_LDX|BPF_W|BPF_IMM:
			op = "ldx";
			snprintf(operand, sizeof(operand), "#0x%x", k);
			break;
		case BPF_LDX|BPF_W|BPF_LEN:
			op = "ldx";
			snprintf(operand, sizeof(operand), "#pktlen");
			break;
		case BPF_LDX|BPF_W|BPF_MEM:
			op = "ldx";
			snprintf(operand, sizeof(operand), "M[%u]", k);
			break;
		case BPF_LDX|BPF_B|BPF_MSH:
			op = "ldxb";
			snprintf(operand, sizeof(operand), "4*([%u]&0xf)", k);
			break;
		}
		break;
	case BPF_ST:
		if (insn->code == BPF_ST) {
			op = "st";
			snprintf(operand, sizeof(operand), "M[%u]", k);
		}
		break;
	case BPF_STX:
		if (insn->code == BPF_STX) {
			op = "stx";
			snprintf(operand, sizeof(operand), "M[%u]", k);
		}
		break;
	case BPF_ALU:
		switch (BPF_OP(insn->code)) {
		case BPF_ADD:	op = "add"; break;
		case BPF_SUB:	op = "sub"; break;
		case BPF_MUL:	op = "mul"; break;
		case BPF_DIV:	op = "div"; break;
		case BPF_MOD:	op = "mod"; break;
		case BPF_AND:	op = "and"; break;
		case BPF_OR:	op = "or"; break;
		case BPF_XOR:	op = "xor"; break;
		case BPF_LSH:	op = "lsh"; break;
		case BPF_RSH:	op = "rsh"; break;
		case BPF_NEG:	op = "neg"; break;
		}
		if (op == NULL || BPF_OP(insn->code) == BPF_NEG)
			break;
		if (BPF_SRC(insn->code) == BPF_X)
			snprintf(operand, sizeof(operand), "x");
		else
			snprintf(operand, sizeof(operand), "#0x%x", k);
		break;
	case BPF_JMP:
		switch (BPF_OP(insn->code)) {
		case BPF_JA:
			op = "ja";
			snprintf(operand, sizeof(operand), "%zu", n + 1 + k);
			break;
		case BPF_JEQ:	op = "jeq"; jump = 1; break;
		case BPF_JGT:	op = "jgt"; jump = 1; break;
		case BPF_JGE:	op = "jge"; jump = 1; break;
		case BPF_JSET:	op = "jset"; jump = 1; break;
		}
		if (!jump)
			break;
		if (BPF_SRC(insn->code) == BPF_X)
			snprintf(operand, sizeof(operand), "x");
		else
			snprintf(operand, sizeof(operand), "#0x%x", k);
		break;
	case BPF_RET:
		op = "ret";
		if (BPF_RVAL(insn->code) == BPF_K)
			snprintf(operand, sizeof(operand), "#%u", k);
		else if (BPF_RVAL(insn->code) == BPF_X)
			snprintf(operand, sizeof(operand), "x");
		break;
	case BPF_MISC:
		if (BPF_MISCOP(insn->code) == BPF_TAX)
			op = "tax";
		else if (BPF_MISCOP(insn->code) == BPF_TXA)
			op = "txa";
		break;
	}

	if (op == NULL)
		snprintf(buf, len, "(%03zu) .word    0x%04x jt %u jf %u k 0x%x",
		    n, insn->code, insn->jt, insn->jf, k);
	else if (jump)
		snprintf(buf, len, "(%03zu) %-8s %-16s jt %zu\tjf %zu", n, op,
		    operand, n + 1 + insn->jt, n + 1 + insn->jf);
	else if (operand[0] == '\0')
		snprintf(buf, len, "(%03zu) %s", n, op);
	else
		snprintf(buf, len, "(%03zu) %-8s %s", n, op, operand);
	return (buf);
}

/* Print a whole program, each line after prefix. */
void
bpf_disasm(FILE *fp, const char *prefix, const struct sock_filter *prog,
    size_t len)
{
	char	 line[BPF_DISASM_LEN];
	size_t	 i;

	for (i = 0; i < len; i++)
		fprintf(fp, "%s%s\n", prefix,
		    bpf_disasm_insn(&prog[i], i, line, sizeof(line)));
}
