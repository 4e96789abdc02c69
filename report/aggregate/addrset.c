/* addrset.c - an exact set of address hashes that turns into a HyperLogLog sketch
 * (Flajolet et al. 2007, with the small-range correction) when it grows past
 * ADDRSET_EXACT_MAX, and its JSON form (base64 through GLib, which GMime brings). */
#include "report/aggregate/addrset.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#define REGS (1u << ADDRSET_HLL_BITS)
/* the largest rank a register can hold: the 64 - 14 bits after the index, plus one */
#define MAX_RANK (64 - ADDRSET_HLL_BITS + 1)

void addrset_init(struct addrset *s, int keep_all)
{
	memset(s, 0, sizeof(*s));
	strmap_init(&s->keys);
	s->keep_all = keep_all;
}

void addrset_release(struct addrset *s)
{
	if (!s)
		return;
	strmap_release(&s->keys);
	free(s->set);
	free(s->hll);
	s->set = NULL;
	s->hll = NULL;
	s->set_n = s->set_cap = 0;
}

/* ---- the exact set: open addressing on 64-bit hashes, 0 marks an empty slot ---------- */

static void set_put(uint64_t *set, size_t cap, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 32)) & (cap - 1);

	while (set[i] && set[i] != h)
		i = (i + 1) & (cap - 1);
	set[i] = h;
}

/* 1 when h was not in the set. */
static int set_add(struct addrset *s, uint64_t h)
{
	size_t i;

	h = h ? h : 1;
	if ((s->set_n + 1) * 4 > s->set_cap * 3) {
		size_t cap = s->set_cap ? s->set_cap * 2 : 64;
		uint64_t *grown = xcalloc(cap, sizeof(uint64_t));
		for (i = 0; i < s->set_cap; i++)
			if (s->set[i])
				set_put(grown, cap, s->set[i]);
		free(s->set);
		s->set = grown;
		s->set_cap = cap;
	}
	i = (size_t)(h ^ (h >> 32)) & (s->set_cap - 1);
	while (s->set[i] && s->set[i] != h)
		i = (i + 1) & (s->set_cap - 1);
	if (s->set[i])
		return 0;
	s->set[i] = h;
	s->set_n++;
	return 1;
}

/* ---- the sketch ---------------------------------------------------------------------- */

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
	for (i = 0; i < s->set_cap; i++)
		if (s->set[i])
			hll_add(s->hll, s->set[i]);
	free(s->set);
	s->set = NULL;
	s->set_n = s->set_cap = 0;
}

static void add_hash(struct addrset *s, uint64_t h)
{
	if (s->hll) {
		hll_add(s->hll, h ? h : 1);
		return;
	}
	set_add(s, h);
	if (!s->keep_all && s->set_n > ADDRSET_EXACT_MAX)
		to_sketch(s);
}

void addrset_add(struct addrset *s, const char *addr, size_t len)
{
	if (s->keep_all)
		strmap_intern(&s->keys, addr, len, NULL);
	add_hash(s, strmap_hash(addr, len));
}

static void merge_registers(struct addrset *into, const unsigned char *regs)
{
	size_t i;

	if (!into->hll)
		to_sketch(into);
	for (i = 0; i < REGS; i++)
		if (regs[i] > into->hll[i])
			into->hll[i] = regs[i];
}

void addrset_merge(struct addrset *into, const struct addrset *from)
{
	size_t i;

	if (from->hll) {
		merge_registers(into, from->hll);
		return;
	}
	if (into->keep_all)
		for (i = 0; i < from->keys.n; i++)
			strmap_intern(&into->keys, from->keys.keys[i], from->keys.lens[i], NULL);
	for (i = 0; i < from->set_cap; i++)
		if (from->set[i])
			add_hash(into, from->set[i]);
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
		return s->set_n;
	for (i = 0; i < REGS; i++) {
		sum += ldexp(1.0, -s->hll[i]);
		zeros += !s->hll[i];
	}
	est = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	if (est <= 2.5 * m && zeros)
		est = m * log(m / zeros); /* linear counting */
	return (size_t)(est + 0.5);
}

/* ---- JSON ---------------------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static json_t *base64_json(const unsigned char *p, size_t n)
{
	gchar *b = g_base64_encode(p, n);
	json_t *v = json_string(b);

	g_free(b);
	return v;
}

json_t *addrset_to_json(const struct addrset *s)
{
	json_t *o = json_object();
	unsigned char *bytes;
	size_t i, k = 0;
	int b;

	json_object_set_new(o, "exact", json_boolean(!s->hll));
	json_object_set_new(o, "count", json_integer((json_int_t)addrset_count(s)));
	if (s->hll) {
		json_object_set_new(o, "registers", base64_json(s->hll, REGS));
		return o;
	}
	{
		uint64_t *sorted = xmalloc((s->set_n ? s->set_n : 1) * sizeof(uint64_t));
		for (i = 0; i < s->set_cap; i++)
			if (s->set[i])
				sorted[k++] = s->set[i];
		qsort(sorted, k, sizeof(uint64_t), cmp_u64);
		bytes = xmalloc(k * 8 + 1);
		for (i = 0; i < k; i++)
			for (b = 0; b < 8; b++)
				bytes[i * 8 + (size_t)b] = (unsigned char)(sorted[i] >> (8 * b));
		free(sorted);
	}
	json_object_set_new(o, "hashes", base64_json(bytes, k * 8));
	free(bytes);
	return o;
}

/* The bytes of a base64 string, or NULL when it is not one (GLib's decoder skips what it
 * does not know, so the alphabet and the length are checked first). */
static unsigned char *base64_bytes(const char *s, size_t *n)
{
	size_t len = strlen(s), i;

	if (len % 4)
		return NULL;
	for (i = 0; i < len; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '+' && s[i] != '/' &&
		    !(s[i] == '=' && i + 2 >= len))
			return NULL;
	if (len == 0) {
		*n = 0;
		return xcalloc(1, 1);
	}
	{
		gsize out = 0;
		guchar *d = g_base64_decode(s, &out);
		unsigned char *copy = xmalloc(out + 1);
		memcpy(copy, d, out);
		g_free(d);
		*n = out;
		return copy;
	}
}

int addrset_merge_json(struct addrset *into, const json_t *v, struct sh_error *err)
{
	const json_t *h = json_object_get(v, "hashes"), *r = json_object_get(v, "registers");
	unsigned char *bytes;
	size_t n = 0, i;
	int b;

	if (!json_is_object(v) || (json_is_string(h) == json_is_string(r)))
		return sh_error_set(err, SH_ERR_DATA, NULL, 0,
				    "\"address_set\" holds neither \"hashes\" nor \"registers\"");
	bytes = base64_bytes(json_string_value(json_is_string(h) ? h : r), &n);
	if (!bytes || (json_is_string(h) && n % 8) || (json_is_string(r) && n != REGS)) {
		free(bytes);
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "\"address_set\" is damaged");
	}
	if (json_is_string(r)) {
		for (i = 0; i < REGS; i++)
			if (bytes[i] > MAX_RANK) {
				free(bytes);
				return sh_error_set(err, SH_ERR_DATA, NULL, 0,
						    "\"address_set\" is damaged");
			}
		merge_registers(into, bytes);
	} else {
		for (i = 0; i < n; i += 8) {
			uint64_t x = 0;
			for (b = 7; b >= 0; b--)
				x = x << 8 | bytes[i + (size_t)b];
			add_hash(into, x);
		}
	}
	free(bytes);
	return 0;
}
