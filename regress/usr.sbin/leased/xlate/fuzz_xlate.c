/*
 * libFuzzer target for the classic -> eBPF translator.  The input is a
 * classic program (an array of struct sock_filter, host byte order).
 * The translator must never crash, leak or misbehave under ASan/UBSan;
 * whenever it accepts, the output must pass the structural checks the
 * verifier relies on (see xcheck.h), in every mode, and, run by a small
 * eBPF interpreter (xinterp.h) on a set of frames, return what libpcap's
 * bpf_filter() returns for the classic program.
 */

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_xlate.h"
#include "pcapref.h"
#include "xcheck.h"
#include "xinterp.h"
#include "xtest.h"

#define COOKIE	0xfedcba9876543210ULL

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct pktset	*frames(void);
static void	 semantics(const struct sock_filter *, size_t, int, uint64_t,
		    const struct bpf_insn *, size_t);

/* Valid frames, cut at the lengths where headers end, and mangled. */
static const struct pktset *
frames(void)
{
	static struct pktset	 ps;
	static const size_t	 cuts[] = { 14, 15, 20, 34, 38, 42, 54, 60 };
	struct pktset		 valid;
	uint8_t			 f[XTEST_MAXPKT];
	size_t			 i, j;

	if (ps.n != 0)
		return (&ps);
	memset(&valid, 0, sizeof(valid));
	xtest_frames(&valid);
	for (i = 0; i < valid.n; i++) {
		xtest_pkt_add(&ps, valid.p[i].data, valid.p[i].len, "valid");
		for (j = 0; j < sizeof(cuts) / sizeof(cuts[0]); j++)
			if (cuts[j] < valid.p[i].len)
				xtest_pkt_add(&ps, valid.p[i].data, cuts[j],
				    "truncated");
		memcpy(f, valid.p[i].data, valid.p[i].len);
		for (j = 0; j < valid.p[i].len; j += 3)
			f[j] ^= 0xff;
		xtest_pkt_add(&ps, f, valid.p[i].len, "mangled");
	}
	xtest_pktset_free(&valid);
	return (&ps);
}

static void
semantics(const struct sock_filter *prog, size_t len, int mode,
    uint64_t cookie, const struct bpf_insn *out, size_t outlen)
{
	const struct pktset	*ps = frames();
	const struct pkt	*p;
	const char		*bad;
	uint64_t		 got, want, other;
	uint32_t		 ref;
	size_t			 i;

	for (i = 0; i < ps->n; i++) {
		p = &ps->p[i];
		ref = pcapref_filter(prog, len, p->data, p->len);
		if (mode == XLATE_RAW)
			want = ref;
		else
			want = ref != 0 ? TC_ACT_OK : TC_ACT_SHOT;
		if ((bad = xinterp(out, outlen, p->data, (uint32_t)p->len,
		    COOKIE, &got)) != NULL || got != want) {
			fprintf(stderr, "mode %d cookie %d, %s frame of %zu "
			    "bytes: %s, libpcap %u, got %llu, want %llu\n",
			    mode, cookie != 0, p->what, p->len,
			    bad ? bad : "wrong value", ref,
			    (unsigned long long)got, (unsigned long long)want);
			pcapref_dump(stderr, prog, len);
			bpf_xlate_dump(stderr, out, outlen);
			abort();
		}
		if (cookie == 0)
			continue;
		/* Another socket's frame: TC_ACT_UNSPEC, whatever it is. */
		if ((bad = xinterp(out, outlen, p->data, (uint32_t)p->len,
		    COOKIE ^ 1, &other)) != NULL ||
		    other != (uint64_t)(int64_t)TC_ACT_UNSPEC) {
			fprintf(stderr, "guard: %s\n", bad ? bad : "passed");
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE		*devnull;
	static const struct {
		int		 mode;
		uint64_t	 cookie;
	} runs[] = {
		{ XLATE_RAW, 0 },
		{ XLATE_TC, 0 },
		{ XLATE_TC, COOKIE },
	};
	struct sock_filter	*prog;
	struct bpf_insn		*out;
	const char		*bad;
	char			 err[256];
	size_t			 len, outlen, i;
	int			 rv, accepted = -1;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	len = size / sizeof(*prog);
	/* A private, aligned copy: the translator reads exactly len. */
	if ((prog = malloc(len ? len * sizeof(*prog) : 1)) == NULL)
		return (0);
	memcpy(prog, data, len * sizeof(*prog));

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		out = (struct bpf_insn *)prog;	/* must be overwritten */
		outlen = 12345;
		err[0] = '\0';
		rv = bpf_xlate(prog, len, runs[i].mode, runs[i].cookie, &out,
		    &outlen, err, sizeof(err));
		if (rv == -1) {
			if (out != NULL || outlen != 0 || err[0] == '\0' ||
			    strlen(err) >= sizeof(err)) {
				fprintf(stderr, "bad refusal: %s\n", err);
				abort();
			}
		} else if (rv == 0) {
			if (out == NULL || outlen == 0) {
				fprintf(stderr, "accepted without output\n");
				abort();
			}
			if ((bad = xcheck(out, outlen, runs[i].mode)) != NULL) {
				fprintf(stderr, "malformed output (mode %d): "
				    "%s\n", runs[i].mode, bad);
				bpf_xlate_dump(stderr, out, outlen);
				abort();
			}
			bpf_xlate_dump(devnull, out, outlen);
			semantics(prog, len, runs[i].mode, runs[i].cookie,
			    out, outlen);
			free(out);
		} else
			abort();
		/* Every mode accepts or refuses the same programs. */
		if (accepted != -1 && accepted != (rv == 0))
			abort();
		accepted = rv == 0;
	}
	free(prog);
	return (0);
}
