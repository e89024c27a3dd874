/*
 * Disassembler for classic BPF programs, in the format of tcpdump -d.
 * Shared by the bpfc build tool and the daemon's filter audit; it
 * needs nothing but libc.
 */

#ifndef BPF_DISASM_H
#define BPF_DISASM_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdio.h>

/* Longest line bpf_disasm_insn() writes, with its NUL. */
#define BPF_DISASM_LEN	80

const char	*bpf_disasm_insn(const struct sock_filter *, size_t, char *,
		    size_t);
void		 bpf_disasm(FILE *, const char *, const struct sock_filter *,
		    size_t);

#endif /* BPF_DISASM_H */
