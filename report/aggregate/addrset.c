/* addrset.c - an exact set that turns into a HyperLogLog sketch (Flajolet et al. 2007,
 * with the small-range correction) when it grows past ADDRSET_EXACT_MAX. */
#include "report/aggregate/addrset.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/strbuf.h"

#define REGS (1u << ADDRSET_HLL_BITS)

void addrset_init(struct addrset *s, int keep_all)
{
	strmap_init(&s->exact);
	s->hll = NULL;
	s->keep_all = keep_all;
}

void addrset_release(struct addrset *s)
{
	if (!s)
		return;
	strmap_release(&s->exact);
	free(s->hll);
	s->hll = NULL;
}

/* The register is chosen by the top bits of the hash, the rank is the position of the
 * first 1 bit in the rest. */
static void hll_add(unsigned char *regs, uint64_t h)
{
	unsigned idx = (unsigned)(h >> (64 - ADDRSET_HLL_BITS));
	uint64_t rest = (h << ADDRSET_HLL_BITS) | ((uint64_t)1 << (ADDRSET_HLL_BITS - 1));
	unsigned char rank = (unsigned char)(__builtin_clzll(rest) + 1);

	if (rank > regs[idx])
		regs[idx] = rank;
}

static void to_sketch(struct addrset *s)
{
	size_t i;

	s->hll = xcalloc(REGS, 1);
	for (i = 0; i < s->exact.n; i++)
		hll_add(s->hll, s->exact.hashes[i]);
	strmap_release(&s->exact);
}

void addrset_add(struct addrset *s, const char *addr, size_t len)
{
	if (s->hll) {
		hll_add(s->hll, strmap_hash(addr, len));
		return;
	}
	strmap_intern(&s->exact, addr, len, NULL);
	if (!s->keep_all && s->exact.n > ADDRSET_EXACT_MAX)
		to_sketch(s);
}

void addrset_merge(struct addrset *into, const struct addrset *from)
{
	size_t i;

	if (from->hll) {
		if (!into->hll)
			to_sketch(into);
		for (i = 0; i < REGS; i++)
			if (from->hll[i] > into->hll[i])
				into->hll[i] = from->hll[i];
		return;
	}
	for (i = 0; i < from->exact.n; i++) {
		if (into->hll)
			hll_add(into->hll, from->exact.hashes[i]);
		else
			addrset_add(into, from->exact.keys[i], from->exact.lens[i]);
	}
}

int addrset_is_exact(const struct addrset *s)
{
	return !s->hll;
}

size_t addrset_count(const struct addrset *s)
{
	double sum = 0, m = REGS, est;
	unsigned zeros = 0, i;

	if (!s->hll)
		return s->exact.n;
	for (i = 0; i < REGS; i++) {
		sum += ldexp(1.0, -s->hll[i]);
		zeros += !s->hll[i];
	}
	est = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	if (est <= 2.5 * m && zeros)
		est = m * log(m / zeros); /* linear counting */
	return (size_t)(est + 0.5);
}
