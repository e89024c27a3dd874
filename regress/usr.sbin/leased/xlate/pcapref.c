/*
 * libpcap as the reference: pcap_compile() turns tcpdump expressions into
 * classic programs and bpf_filter() runs them.
 */

#include <pcap/pcap.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapref.h"

_Static_assert(sizeof(struct bpf_insn) == 8, "classic insn size");

/* Zero A and M[0..15] first; see pcapref_filter(). */
#define PREFIX_LEN	(1 + BPF_MEMWORDS)

int
pcapref_compile(const char *expr, int dlt, int optimize,
    struct sock_filter **prog, size_t *len, char *err, size_t errlen)
{
	struct bpf_program	 bp;
	pcap_t			*p;

	if ((p = pcap_open_dead(dlt, 65535)) == NULL) {
		snprintf(err, errlen, "pcap_open_dead failed");
		return (-1);
	}
	if (pcap_compile(p, &bp, expr, optimize, PCAP_NETMASK_UNKNOWN) ==
	    -1) {
		snprintf(err, errlen, "%s", pcap_geterr(p));
		pcap_close(p);
		return (-1);
	}
	pcap_close(p);
	if ((*prog = malloc(bp.bf_len * sizeof(struct bpf_insn))) == NULL) {
		pcap_freecode(&bp);
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	memcpy(*prog, bp.bf_insns, bp.bf_len * sizeof(struct bpf_insn));
	*len = bp.bf_len;
	pcap_freecode(&bp);
	return (0);
}

int
pcapref_dlt(const char *name)
{
	return (pcap_datalink_name_to_val(name));
}

/*
 * libpcap 1.10 leaves its scratch memory uninitialised; the translation
 * defines it as zero.  Run the program behind a prefix that stores zero
 * in every word, so the reference has the same, defined, start state.
 * A is zero after the prefix, X is untouched (zero), and the program's
 * forward jumps are relative, so nothing else changes.
 */
uint32_t
pcapref_filter(const struct sock_filter *prog, size_t len, const uint8_t *pkt,
    size_t pktlen)
{
	static struct bpf_insn	*buf;
	static size_t		 bufcap;
	size_t			 i;

	if (len + PREFIX_LEN > bufcap) {
		free(buf);
		bufcap = len + PREFIX_LEN;
		if ((buf = calloc(bufcap, sizeof(*buf))) == NULL) {
			perror("calloc");
			exit(2);
		}
	}
	buf[0] = (struct bpf_insn)BPF_STMT(BPF_LD | BPF_IMM, 0);
	for (i = 0; i < BPF_MEMWORDS; i++)
		buf[1 + i] = (struct bpf_insn)BPF_STMT(BPF_ST, i);
	memcpy(buf + PREFIX_LEN, prog, len * sizeof(*buf));
	return (bpf_filter(buf, pkt, pktlen, pktlen));
}

void
pcapref_dump(FILE *fp, const struct sock_filter *prog, size_t len)
{
	struct bpf_insn	in;
	size_t		i;

	for (i = 0; i < len; i++) {
		memcpy(&in, (const char *)prog + i * sizeof(in), sizeof(in));
		fprintf(fp, "    %s\n", bpf_image(&in, (int)i));
	}
}
