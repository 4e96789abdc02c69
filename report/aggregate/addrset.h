/* addrset.h - the distinct invalid recipient addresses a report counts ("Remove 1,234
 * invalid addresses"), in memory that does not grow with the input, and saved in the JSON
 * report so that reports of shards merge into exactly the count of one run.
 * Contract: exact (a set of 64-bit hashes of the addresses) up to ADDRSET_EXACT_MAX
 * addresses; past that the set is dropped for a HyperLogLog sketch of 2^14 one-byte
 * registers (16 KiB, standard error about 0.8 %), and addrset_count is an estimate. With
 * keep_all (--export-addresses, which must write every address) the addresses themselves
 * are kept too, whatever their number, and the count stays exact. The hashes and the
 * registers depend only on the set of addresses, not on their order, so threads or saved
 * shards merged in any order give the count one run gives (a 64-bit hash collision among
 * 50,000 addresses has a chance of about 1 in 10^10).
 * Threads: one set, one thread (merge reads from as the folding thread does). */
#ifndef SH_REPORT_AGGREGATE_ADDRSET_H
#define SH_REPORT_AGGREGATE_ADDRSET_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"
#include "util/strmap.h"

#define ADDRSET_EXACT_MAX 50000
#define ADDRSET_HLL_BITS 14

struct addrset {
	struct strmap keys;  /* the addresses, kept only with keep_all */
	uint64_t *set;       /* owned: open addressing, 0 = empty; NULL once estimating */
	size_t set_n, set_cap;
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

/* The set as the JSON report saves it: {"exact": true, "count": N, "hashes": base64 of the
 * sorted hashes, 8 bytes little-endian each} or {"exact": false, "count": N, "registers":
 * base64 of the 2^14 registers}. Returns a new reference. The hashes are not the addresses:
 * nothing in them can be read back as an address. */
json_t *addrset_to_json(const struct addrset *s);
/* Merges a set saved by addrset_to_json into into. Returns 0, or -1 with err set (a message
 * without the file name: the caller adds it) when v is not such an object. */
int addrset_merge_json(struct addrset *into, const json_t *v, struct sh_error *err);

#endif
