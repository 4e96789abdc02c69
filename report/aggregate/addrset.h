/* addrset.h - the distinct invalid recipient addresses a report counts ("Remove 1,234
 * invalid addresses"), in memory that does not grow with the input.
 * Contract: exact (a set of the addresses) up to ADDRSET_EXACT_MAX addresses; past that the
 * set is dropped for a HyperLogLog sketch of 2^14 one-byte registers (16 KiB, standard
 * error about 0.8 %), and addrset_count is an estimate. With keep_all (--export-addresses,
 * which must write every address) the exact set is kept whatever its size. The registers
 * depend only on the set of addresses, not on their order, so threads merged in any order
 * give the count a single thread gives.
 * Threads: one set, one thread (merge reads from as the folding thread does). */
#ifndef SH_REPORT_AGGREGATE_ADDRSET_H
#define SH_REPORT_AGGREGATE_ADDRSET_H

#include <stddef.h>

#include "util/strmap.h"

#define ADDRSET_EXACT_MAX 50000
#define ADDRSET_HLL_BITS 14

struct addrset {
	struct strmap exact; /* the addresses while counted exactly */
	unsigned char *hll;  /* owned: the registers once estimating, else NULL */
	int keep_all;
};

void addrset_init(struct addrset *s, int keep_all);
void addrset_release(struct addrset *s);
void addrset_add(struct addrset *s, const char *addr, size_t len);
void addrset_merge(struct addrset *into, const struct addrset *from);
/* The number of distinct addresses (an estimate once !addrset_is_exact). */
size_t addrset_count(const struct addrset *s);
int addrset_is_exact(const struct addrset *s);

#endif
