/* dedupe.c - two-generation tables of 64-bit event hashes (see dedupe.h for the bound).
 * A shared table is 64 stripes, each its own two-generation table behind a spinlock and
 * chosen by the key's top bits: two threads seldom want the same stripe, so a check costs
 * no more than an uncontended lock (one mutex for all cost -j 2 a third of its speed). */
#include "import/dedupe.h"

#include <math.h>
#include <sched.h>
#include <sys/mman.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#define NSTRIPES 64
#define STRIPE_SHIFT 58 /* 64 - log2(NSTRIPES) */

struct table {
	uint64_t *gen[2];   /* gen[0] current, gen[1] previous; 0 marks an empty slot */
	uint32_t *owner[2]; /* shared only: per slot, the input that counted the key */
	size_t mask;        /* slots - 1 */
	size_t used;        /* keys in gen[0] */
	size_t limit;       /* rotate when used reaches this */
	int rotated;        /* gen[1] holds keys (until then a lookup there is wasted) */
};

struct stripe {
	_Alignas(64) atomic_flag lock; /* a cache line each: stripes do not share one */
	struct table t;
};

struct dedupe {
	struct table one;        /* unshared */
	struct stripe *stripes;  /* owned, shared only: NSTRIPES */
	atomic_long *moved;      /* shared only: per input, records it counted that -j 1 would
				    have dropped as duplicates (negative: the reverse) */
	size_t ninputs;
};

/* A generation of slots zeroed. One of 2 MiB or more sits in 2 MiB pages when the kernel
 * gives them (transparent huge pages on request): a lookup is a random probe, and with 4 KiB
 * pages it missed the TLB as well as the cache (perf: the probe's load was 5 % of a
 * Mailgun report). */
static uint64_t *slots_new(size_t slots)
{
	size_t bytes = slots * sizeof(uint64_t), huge = (size_t)2 << 20;
	uint64_t *p;

	if (bytes < huge)
		return xcalloc(slots, sizeof(uint64_t));
	p = aligned_alloc(huge, bytes);
	if (!p)
		xoom();
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

static void table_init(struct table *t, size_t capacity, int owners)
{
	size_t slots = 64;

	while (slots / 4 * 3 < capacity)
		slots *= 2;
	t->gen[0] = slots_new(slots);
	t->gen[1] = slots_new(slots);
	if (owners) {
		t->owner[0] = xcalloc(slots, sizeof(uint32_t));
		t->owner[1] = xcalloc(slots, sizeof(uint32_t));
	}
	t->mask = slots - 1;
	t->limit = slots / 4 * 3;
}

static void table_release(struct table *t)
{
	free(t->gen[0]);
	free(t->gen[1]);
	free(t->owner[0]);
	free(t->owner[1]);
}

struct dedupe *dedupe_new(size_t capacity)
{
	struct dedupe *d = xcalloc(1, sizeof(*d));

	table_init(&d->one, capacity ? capacity : DEDUPE_DEFAULT_CAPACITY, 0);
	return d;
}

struct dedupe *dedupe_new_shared(size_t capacity, size_t ninputs)
{
	struct dedupe *d = xcalloc(1, sizeof(*d));
	size_t i;

	if (!capacity)
		capacity = DEDUPE_DEFAULT_CAPACITY;
	d->stripes = aligned_alloc(64, NSTRIPES * sizeof(struct stripe));
	if (!d->stripes)
		xoom();
	for (i = 0; i < NSTRIPES; i++) {
		memset(&d->stripes[i].t, 0, sizeof(d->stripes[i].t));
		atomic_flag_clear(&d->stripes[i].lock);
		table_init(&d->stripes[i].t, (capacity + NSTRIPES - 1) / NSTRIPES, 1);
	}
	d->ninputs = ninputs;
	d->moved = xcalloc(ninputs ? ninputs : 1, sizeof(atomic_long));
	for (i = 0; i < ninputs; i++)
		atomic_init(&d->moved[i], 0);
	return d;
}

long dedupe_moved(const struct dedupe *d, size_t input)
{
	return d->stripes && input < d->ninputs ? atomic_load(&d->moved[input]) : 0;
}

void dedupe_free(struct dedupe *d)
{
	size_t i;

	if (!d)
		return;
	table_release(&d->one);
	if (d->stripes) {
		for (i = 0; i < NSTRIPES; i++)
			table_release(&d->stripes[i].t);
		free(d->stripes);
		free(d->moved);
	}
	free(d);
}

size_t dedupe_memory(const struct dedupe *d)
{
	size_t slot_bytes = 2 * sizeof(uint64_t);

	if (!d->stripes)
		return (d->one.mask + 1) * slot_bytes;
	slot_bytes += 2 * sizeof(uint32_t);
	return NSTRIPES * (d->stripes[0].t.mask + 1) * slot_bytes;
}

/* One field into the hash, eight bytes a step (a byte-wise FNV was 2 % of a Mailgun report);
 * the last word carries the field's length in its top byte, so that "ab"+"c" differs from
 * "a"+"bc". The keys live only in memory: their values may change between versions. */
static uint64_t field(uint64_t h, const void *p, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	const unsigned char *s = p;
	uint64_t v;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&v, s, 8);
		h = (h ^ v) * k;
		h ^= h >> 29;
	}
	v = 0;
	memcpy(&v, s, len);
	h = (h ^ v ^ ((uint64_t)(len + 1) << 56)) * k;
	return h ^ (h >> 29);
}

static uint64_t mix(uint64_t x)
{
	/* splitmix64 finaliser: the table index takes the low bits */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x ? x : 1;
}

uint64_t dedupe_key(const struct sh_record *r, struct slice esp_event)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	long long t;

	if (!r->event_id.len)
		return 0;
	/* a bounce's sender provider may be known in one copy (a Takeout mark) and not in
	 * another (the same message over IMAP): its own Message-ID and recipient suffice */
	if (r->source != SRC_MAIL)
		h = field(h, r->esp.ptr, r->esp.len);
	h = field(h, r->event_id.ptr, r->event_id.len);
	if (r->esp.len == 7 && !memcmp(r->esp.ptr, "mailgun", 7)) {
		t = (long long)floor(r->timestamp / 86400.0);
	} else {
		const char *name = esp_event.len ? esp_event.ptr : record_event_name(r->event);
		t = (long long)floor(r->timestamp * 1000.0 + 0.5);
		h = field(h, name, esp_event.len ? esp_event.len : strlen(name));
	}
	h = field(h, &t, sizeof(t));
	return mix(h);
}

void dedupe_prefetch(const struct dedupe *d, uint64_t key)
{
	const struct table *t = &d->one;

	if (!key || d->stripes)
		return; /* a shared table's generations move under its lock */
	__builtin_prefetch(&t->gen[0][(size_t)key & t->mask]);
	if (t->rotated)
		__builtin_prefetch(&t->gen[1][(size_t)key & t->mask]);
}

/* 1 when key is in tab; *slot is where it is, or where it would go. */
static int lookup(const uint64_t *tab, size_t mask, uint64_t key, size_t *slot)
{
	size_t i = (size_t)key & mask;

	while (tab[i]) {
		if (tab[i] == key) {
			*slot = i;
			return 1;
		}
		i = (i + 1) & mask;
	}
	*slot = i;
	return 0;
}

/* A shared table saw key again, from input `in`, in gen g at slot. One run (-j 1) reads the
 * inputs in order, so the copy in the earliest input is the one it counts: when a later
 * input got there first, the record moves to `in` and the duplicate to the later one. */
static void claim(struct dedupe *d, struct table *t, int g, size_t slot, size_t in)
{
	uint32_t *o = &t->owner[g][slot];

	if (in < *o && in < d->ninputs && *o < d->ninputs) {
		atomic_fetch_add_explicit(&d->moved[in], 1, memory_order_relaxed);
		atomic_fetch_sub_explicit(&d->moved[*o], 1, memory_order_relaxed);
		*o = (uint32_t)in;
	}
}

static int check(struct dedupe *d, struct table *t, uint64_t key, size_t in)
{
	size_t slot, old_slot;

	if (lookup(t->gen[0], t->mask, key, &slot)) {
		if (t->owner[0])
			claim(d, t, 0, slot, in);
		return 1;
	}
	if (t->rotated && lookup(t->gen[1], t->mask, key, &old_slot)) {
		if (t->owner[0])
			claim(d, t, 1, old_slot, in);
		return 1;
	}
	if (t->used >= t->limit) {
		uint64_t *old = t->gen[1];
		uint32_t *oo = t->owner[1];
		t->gen[1] = t->gen[0];
		memset(old, 0, (t->mask + 1) * sizeof(uint64_t));
		t->gen[0] = old;
		t->owner[1] = t->owner[0];
		t->owner[0] = oo;
		t->used = 0;
		t->rotated = 1;
		lookup(t->gen[0], t->mask, key, &slot);
	}
	t->gen[0][slot] = key;
	if (t->owner[0])
		t->owner[0][slot] = (uint32_t)in;
	t->used++;
	return 0;
}

int dedupe_check(struct dedupe *d, uint64_t key, size_t input)
{
	struct stripe *s;
	int seen, spins;

	if (!key)
		return 0;
	if (!d->stripes)
		return check(d, &d->one, key, input);
	s = &d->stripes[key >> STRIPE_SHIFT];
	for (spins = 0; atomic_flag_test_and_set_explicit(&s->lock, memory_order_acquire); spins++)
		if (spins >= 1000) { /* the holder lost its CPU (more threads than cores) */
			sched_yield();
			spins = 0;
		}
	seen = check(d, &s->t, key, input);
	atomic_flag_clear_explicit(&s->lock, memory_order_release);
	return seen;
}
