/* strmap.c - open addressing with linear probing; keys live in an append-only arena. */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void strmap_release(struct strmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->slots);
	free(m->hashes);
	free(m->keys);
	free(m->lens);
	strmap_init(m);
}

/* murmur3's 64-bit finaliser: every input bit reaches the low bits linear probing uses */
static inline uint64_t fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t strmap_hash(const char *key, size_t len)
{
	/* eight bytes a step (keys include normalised messages of a few hundred bytes), then
	 * murmur3's finaliser so that linear probing on the low bits spreads well */
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = 0x243F6A8885A308D3ULL ^ ((uint64_t)len * k), v;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&v, key + i, 8);
		h = (h ^ v) * k;
		h ^= h >> 31;
	}
	if (i < len) {
		v = 0;
		memcpy(&v, key + i, len - i);
		h = (h ^ v) * k;
	}
	return fmix64(h);
}

/* The table's own hash: strmap_hash's values are kept in reports (addrset), this one is
 * not, so it may differ. Keys of 32 bytes and more (the classification cache's normalised
 * messages, a few hundred bytes) go four independent lanes a step: strmap_hash's one chain
 * of multiplies waits on each, and was 4.5 % of a Mailgun report (perf). */
static uint64_t table_hash(const char *key, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t a, b, c, d, v, w, x, y;
	size_t i;

	if (len < 32)
		return strmap_hash(key, len);
	a = 0x243F6A8885A308D3ULL ^ ((uint64_t)len * k);
	b = a ^ 0x13198A2E03707344ULL;
	c = a ^ 0xA4093822299F31D0ULL;
	d = a ^ 0x082EFA98EC4E6C89ULL;
	for (i = 0; i + 32 <= len; i += 32) {
		memcpy(&v, key + i, 8);
		memcpy(&w, key + i + 8, 8);
		memcpy(&x, key + i + 16, 8);
		memcpy(&y, key + i + 24, 8);
		a = (a ^ v) * k;
		b = (b ^ w) * k;
		c = (c ^ x) * k;
		d = (d ^ y) * k;
		a ^= a >> 31;
		b ^= b >> 31;
		c ^= c >> 31;
		d ^= d >> 31;
	}
	/* the last 32 bytes again (overlapping what the loop read): no byte-wise tail */
	if (i < len) {
		memcpy(&v, key + len - 32, 8);
		memcpy(&w, key + len - 24, 8);
		memcpy(&x, key + len - 16, 8);
		memcpy(&y, key + len - 8, 8);
		a = (a ^ v) * k;
		b = (b ^ w) * k;
		c = (c ^ x) * k;
		d = (d ^ y) * k;
	}
	a ^= (b << 21 | b >> 43) ^ (c << 42 | c >> 22) ^ (d << 11 | d >> 53);
	return fmix64(a);
}

static long find_hashed(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t s;

	if (!m->nslots)
		return -1;
	for (s = h & (m->nslots - 1);; s = (s + 1) & (m->nslots - 1)) {
		uint32_t v = m->slots[s];
		if (!v)
			return -1;
		v--;
		if (m->hashes[v] == h && m->lens[v] == len && !memcmp(m->keys[v], key, len))
			return (long)v;
	}
}

long strmap_find(const struct strmap *m, const char *key, size_t len)
{
	return m->nslots ? find_hashed(m, key, len, table_hash(key, len)) : -1;
}

static void rehash(struct strmap *m, size_t nslots)
{
	size_t i;

	free(m->slots);
	m->slots = xcalloc(nslots, sizeof(*m->slots));
	m->nslots = nslots;
	for (i = 0; i < m->n; i++) {
		size_t s = m->hashes[i] & (nslots - 1);
		while (m->slots[s])
			s = (s + 1) & (nslots - 1);
		m->slots[s] = (uint32_t)i + 1;
	}
}

/* Arena blocks start small and double up to ARENA_BLOCK_MAX: most maps (a counter's
 * names, one domain's keys) hold a few short keys, and a 64 KB first block each was a
 * tenth of fuzz_pipeline's time under ASan (poisoning and unpoisoning it per map). */
#define ARENA_BLOCK_MIN 256
#define ARENA_BLOCK_MAX 65536

static const char *arena_copy(struct strmap *m, const char *key, size_t len)
{
	char *p;

	if (m->block_used + len + 1 > m->block_cap) {
		size_t cap = m->block_cap ? m->block_cap * 2 : ARENA_BLOCK_MIN;
		if (cap > ARENA_BLOCK_MAX)
			cap = ARENA_BLOCK_MAX;
		if (cap < len + 1)
			cap = len + 1;
		m->blocks = xrealloc(m->blocks, (m->nblocks + 1) * sizeof(*m->blocks));
		m->blocks[m->nblocks++] = xmalloc(cap);
		m->block_cap = cap;
		m->block_used = 0;
	}
	p = m->blocks[m->nblocks - 1] + m->block_used;
	memcpy(p, key, len);
	p[len] = '\0';
	m->block_used += len + 1;
	return p;
}

size_t strmap_intern(struct strmap *m, const char *key, size_t len, int *added)
{
	uint64_t h = table_hash(key, len);
	long found = find_hashed(m, key, len, h);
	size_t i, s;

	if (added)
		*added = found < 0;
	if (found >= 0)
		return (size_t)found;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->hashes = xrealloc(m->hashes, m->cap * sizeof(*m->hashes));
		m->keys = xrealloc(m->keys, m->cap * sizeof(*m->keys));
		m->lens = xrealloc(m->lens, m->cap * sizeof(*m->lens));
	}
	i = m->n++;
	m->hashes[i] = h;
	m->keys[i] = arena_copy(m, key, len);
	m->lens[i] = len;
	if (m->n * 2 > m->nslots) {
		rehash(m, m->nslots ? m->nslots * 2 : 32);
	} else {
		for (s = m->hashes[i] & (m->nslots - 1); m->slots[s]; s = (s + 1) & (m->nslots - 1))
			;
		m->slots[s] = (uint32_t)i + 1;
	}
	return i;
}
