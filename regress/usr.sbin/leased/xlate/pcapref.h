/*
 * The reference side of the differential tests: libpcap's compiler and
 * its bpf_filter() interpreter.  Kept apart from everything that
 * includes <linux/bpf.h>, since both headers define struct bpf_insn.
 */

#ifndef PCAPREF_H
#define PCAPREF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sock_filter;

int	 pcapref_compile(const char *, int, int, struct sock_filter **,
	    size_t *, char *, size_t);
int	 pcapref_dlt(const char *);
uint32_t pcapref_filter(const struct sock_filter *, size_t, const uint8_t *,
	    size_t);
void	 pcapref_dump(FILE *, const struct sock_filter *, size_t);

#endif /* PCAPREF_H */
