/*
 * Classic BPF to eBPF translation, for send filters enforced at tc egress.
 *
 * bpf_xlate() checks a classic program as a kernel checker would (1 to
 * XLATE_MAXINSNS instructions, known opcodes, jumps forward and in
 * range, a return at the end, scratch index below 16, no division or
 * shift by an impossible constant, no Linux ancillary or negative load
 * offsets) and translates it into a BPF_PROG_TYPE_SCHED_CLS program (ctx
 * is a struct __sk_buff whose data is the whole Ethernet frame), with
 * the semantics of libpcap's bpf_filter(): A, X and M[] start at zero; a
 * load outside the frame and a division by a zero X return 0; a shift
 * by an X of 32 or more leaves 0.  The translation never relies on the
 * eBPF rule that ends an out-of-bounds BPF_LD|BPF_ABS with 0, which at
 * tc means TC_ACT_OK, "pass".
 *
 * mode XLATE_RAW: the program returns the classic value.
 * mode XLATE_TC: nonzero becomes TC_ACT_OK, zero TC_ACT_SHOT.
 * cookie (XLATE_TC only, 0 for none): first compare the frame's socket
 * cookie (bpf_get_socket_cookie()) with it and return TC_ACT_UNSPEC,
 * letting the frame go on, if it belongs to another socket.
 *
 * Returns 0 and a malloc'd program in *out (*outlen instructions), or
 * -1, *out NULL, with the reason in errbuf (which may be NULL).  The
 * verifier loads every translation of a realistic program; one built to
 * defeat its state pruning (thousands of instructions of branches on
 * growing constants) can still exceed its complexity limit (E2BIG).
 *
 * bpf_xlate_dump() prints an eBPF program readably, one line each.
 */

#ifndef BPF_XLATE_H
#define BPF_XLATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/bpf.h>
#include <linux/filter.h>

#define XLATE_RAW	0	/* the classic value (0 on a failed load) */
#define XLATE_TC	1	/* nonzero -> TC_ACT_OK, zero -> TC_ACT_SHOT */

/* Largest classic program accepted, as the kernel's classic checker. */
#define XLATE_MAXINSNS	BPF_MAXINSNS

int	bpf_xlate(const struct sock_filter *, size_t, int, uint64_t,
	    struct bpf_insn **, size_t *, char *, size_t);
void	bpf_xlate_dump(FILE *, const struct bpf_insn *, size_t);

#endif /* BPF_XLATE_H */
