/* counter.c - string-keyed counts with a deterministic order for output. */
#include "report/aggregate/counter.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

void counter_init(struct counter *c)
{
	strmap_init(&c->keys);
	c->v = NULL;
	c->cap = 0;
}

void counter_release(struct counter *c)
{
	if (!c)
		return;
	strmap_release(&c->keys);
	free(c->v);
	c->v = NULL;
	c->cap = 0;
}

void counter_add(struct counter *c, const char *key, size_t len, long n)
{
	int added;
	size_t i = strmap_intern(&c->keys, key, len, &added);

	if (i >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		c->v = xrealloc(c->v, cap * sizeof(*c->v));
		memset(c->v + c->cap, 0, (cap - c->cap) * sizeof(*c->v));
		c->cap = cap;
	}
	c->v[i] += n;
}

void counter_merge(struct counter *into, const struct counter *from)
{
	size_t i;

	for (i = 0; i < from->keys.n; i++)
		counter_add(into, from->keys.keys[i], from->keys.lens[i], from->v[i]);
}

struct ranked {
	long count;
	const char *key;
	size_t index;
};

static int by_count(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

size_t *counter_sorted(const struct counter *c)
{
	size_t n = c->keys.n, i;
	struct ranked *r = xmalloc((n ? n : 1) * sizeof(*r));
	size_t *idx = xmalloc((n ? n : 1) * sizeof(*idx));

	for (i = 0; i < n; i++) {
		r[i].count = c->v[i];
		r[i].key = c->keys.keys[i];
		r[i].index = i;
	}
	qsort(r, n, sizeof(*r), by_count);
	for (i = 0; i < n; i++)
		idx[i] = r[i].index;
	free(r);
	return idx;
}

json_t *counter_domains_json(const struct counter *c)
{
	json_t *arr = json_array();
	size_t *idx = counter_sorted(c), i;

	for (i = 0; i < counter_size(c); i++) {
		json_t *o = json_object();
		json_object_set_new(o, "domain", json_string(c->keys.keys[idx[i]]));
		json_object_set_new(o, "count", json_integer(c->v[idx[i]]));
		json_array_append_new(arr, o);
	}
	free(idx);
	return arr;
}
