/* dedupe.c - two-generation table of 64-bit event hashes (see dedupe.h for the bound). */
#include "import/dedupe.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

struct dedupe {
	uint64_t *gen[2]; /* gen[0] current, gen[1] previous; 0 marks an empty slot */
	size_t mask;      /* slots - 1 */
	size_t used;      /* keys in gen[0] */
	int rotated;      /* gen[1] holds keys (until then a lookup there is wasted) */
	size_t limit;     /* rotate when used reaches this */
	/* shared tables only */
	int shared;       /* dedupe_check takes mu */
	pthread_mutex_t mu;
	uint32_t *owner[2]; /* per slot of gen[]: the input that counted the key */
	long *moved;        /* per input: records it counted that -j 1 would have dropped as
			       duplicates (negative: the reverse); see dedupe_moved */
	size_t ninputs;
};

struct dedupe *dedupe_new(size_t capacity)
{
	struct dedupe *d = xcalloc(1, sizeof(*d));
	size_t slots = 1024;

	if (!capacity)
		capacity = DEDUPE_DEFAULT_CAPACITY;
	while (slots / 4 * 3 < capacity)
		slots *= 2;
	d->gen[0] = xcalloc(slots, sizeof(uint64_t));
	d->gen[1] = xcalloc(slots, sizeof(uint64_t));
	d->mask = slots - 1;
	d->limit = slots / 4 * 3;
	return d;
}

struct dedupe *dedupe_new_shared(size_t capacity, size_t ninputs)
{
	struct dedupe *d = dedupe_new(capacity);

	d->shared = 1;
	pthread_mutex_init(&d->mu, NULL);
	d->owner[0] = xcalloc(d->mask + 1, sizeof(uint32_t));
	d->owner[1] = xcalloc(d->mask + 1, sizeof(uint32_t));
	d->ninputs = ninputs;
	d->moved = xcalloc(ninputs ? ninputs : 1, sizeof(long));
	return d;
}

long dedupe_moved(const struct dedupe *d, size_t input)
{
	return d->shared && input < d->ninputs ? d->moved[input] : 0;
}

void dedupe_free(struct dedupe *d)
{
	if (!d)
		return;
	if (d->shared) {
		pthread_mutex_destroy(&d->mu);
		free(d->owner[0]);
		free(d->owner[1]);
		free(d->moved);
	}
	free(d->gen[0]);
	free(d->gen[1]);
	free(d);
}

size_t dedupe_memory(const struct dedupe *d)
{
	return 2 * (d->mask + 1) * sizeof(uint64_t);
}

static uint64_t fnv(uint64_t h, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ 0xff; /* field separator: "ab"+"c" differs from "a"+"bc" */
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
	h = fnv(h, r->esp.ptr, r->esp.len);
	h = fnv(h, r->event_id.ptr, r->event_id.len);
	if (r->esp.len == 7 && !memcmp(r->esp.ptr, "mailgun", 7)) {
		t = (long long)floor(r->timestamp / 86400.0);
	} else {
		const char *name = esp_event.len ? esp_event.ptr : record_event_name(r->event);
		t = (long long)floor(r->timestamp * 1000.0 + 0.5);
		h = fnv(h, name, esp_event.len ? esp_event.len : strlen(name));
	}
	h = fnv(h, &t, sizeof(t));
	return mix(h);
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
static void claim(struct dedupe *d, int g, size_t slot, size_t in)
{
	uint32_t *o = &d->owner[g][slot];

	if (in < *o && in < d->ninputs && *o < d->ninputs) {
		d->moved[in]++;
		d->moved[*o]--;
		*o = (uint32_t)in;
	}
}

static int check(struct dedupe *d, uint64_t key, size_t in)
{
	size_t slot, old_slot;

	if (lookup(d->gen[0], d->mask, key, &slot)) {
		if (d->shared)
			claim(d, 0, slot, in);
		return 1;
	}
	if (d->rotated && lookup(d->gen[1], d->mask, key, &old_slot)) {
		if (d->shared)
			claim(d, 1, old_slot, in);
		return 1;
	}
	if (d->used >= d->limit) {
		uint64_t *old = d->gen[1];
		d->gen[1] = d->gen[0];
		memset(old, 0, (d->mask + 1) * sizeof(uint64_t));
		d->gen[0] = old;
		if (d->shared) {
			uint32_t *oo = d->owner[1];
			d->owner[1] = d->owner[0];
			d->owner[0] = oo;
		}
		d->used = 0;
		d->rotated = 1;
		lookup(d->gen[0], d->mask, key, &slot);
	}
	d->gen[0][slot] = key;
	if (d->shared)
		d->owner[0][slot] = (uint32_t)in;
	d->used++;
	return 0;
}

int dedupe_check(struct dedupe *d, uint64_t key, size_t input)
{
	int seen;

	if (!key)
		return 0;
	if (!d->shared)
		return check(d, key, input);
	pthread_mutex_lock(&d->mu);
	seen = check(d, key, input);
	pthread_mutex_unlock(&d->mu);
	return seen;
}
