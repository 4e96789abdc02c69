/* strmap.h - a string-keyed hash map to small integers (indexes into a caller's array).
 * Contract: keys are copied (owned by the map, arena-allocated, freed with the map);
 * lookups never allocate; values are the insertion order 0, 1, 2, … so callers keep a
 * parallel array. Not thread-safe: one map per thread.
 * strmap_key's pointer is borrowed until strmap_release. */
#ifndef SH_UTIL_STRMAP_H
#define SH_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap {
	uint32_t *slots;  /* owned: index+1, 0 = empty */
	uint64_t *hashes; /* owned: per index */
	const char **keys; /* per index; point into the arena */
	size_t *lens;
	size_t n, cap, nslots;
	char **blocks;    /* owned arena blocks */
	size_t nblocks, block_used, block_cap;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
uint64_t strmap_hash(const char *key, size_t len);
/* Index of key, or -1. */
long strmap_find(const struct strmap *m, const char *key, size_t len);
/* Index of key, inserting it when absent (*added set to 1 then). */
size_t strmap_intern(struct strmap *m, const char *key, size_t len, int *added);
static inline const char *strmap_key(const struct strmap *m, size_t i)
{
	return m->keys[i];
}

#endif
