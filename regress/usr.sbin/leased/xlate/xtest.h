/*
 * Shared by the translator's tests: loading and running eBPF programs in
 * the kernel, the packet corpus, and a small deterministic PRNG.
 */

#ifndef XTEST_H
#define XTEST_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include <linux/bpf.h>
#include <linux/filter.h>

struct pkt {
	uint8_t		*data;
	size_t		 len;
	const char	*what;		/* how it was made */
};

struct pktset {
	struct pkt	*p;
	size_t		 n;
	size_t		 cap;
};

/* Smallest frame BPF_PROG_TEST_RUN accepts for sched_cls. */
#define XTEST_MINPKT	14
#define XTEST_MAXPKT	1600

void	 xtest_seed(uint64_t);
uint64_t xtest_rand(void);
uint32_t xtest_uniform(uint32_t);

int	 xtest_kernel_ok(char *, size_t);
int	 xtest_load(const struct bpf_insn *, size_t, char *, size_t);
int	 xtest_run(int, const uint8_t *, size_t, uint32_t *);
int	 xtest_bench(int, const uint8_t *, size_t, uint32_t, uint32_t *,
	    uint32_t *);

char	*xtest_read_filter(const char *, int *);
void	 xtest_set_id(const uint8_t *, uint32_t, uint32_t);
void	 xtest_pkt_add(struct pktset *, const uint8_t *, size_t,
	    const char *);
size_t	 xtest_frames(struct pktset *);
void	 xtest_corpus(struct pktset *, size_t, size_t);
ssize_t	 xtest_testable(struct pktset *);
void	 xtest_pktset_free(struct pktset *);
void	 xtest_hexdump(const uint8_t *, size_t);

#endif /* XTEST_H */
