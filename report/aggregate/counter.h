/* counter.h - counts per string key (recipient domains of an error, and the like).
 * Contract: embedded (counter_init/counter_release); keys copied into the map.
 * Threads: one counter, one thread. */
#ifndef SH_REPORT_AGGREGATE_COUNTER_H
#define SH_REPORT_AGGREGATE_COUNTER_H

#include <jansson.h>
#include <stddef.h>

#include "util/strmap.h"

struct counter {
	struct strmap keys;
	long *v; /* owned: v[i] counts keys.keys[i] */
	size_t cap;
};

void counter_init(struct counter *c);
void counter_release(struct counter *c);
void counter_add(struct counter *c, const char *key, size_t len, long n);
void counter_merge(struct counter *into, const struct counter *from);
static inline size_t counter_size(const struct counter *c)
{
	return c->keys.n;
}
/* Indexes sorted by count descending, then key ascending; caller frees. */
size_t *counter_sorted(const struct counter *c);
/* [{"domain": key, "count": n}, ...] in counter_sorted order, the report's form of a
 * domain counter: a new reference, the caller's to json_decref. */
json_t *counter_domains_json(const struct counter *c);

#endif
