/* compare.c - deltas between two report documents, matched by id / domain / action.
 * The previous report is a file from elsewhere: elements are matched through an index, so
 * that one with a million domains costs linear time, not a million squared. */
#include "report/doc/compare.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/strmap.h"

static long jint(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (long)json_integer_value(v) : 0;
}

static json_t *delta(long cur, long prev)
{
	json_t *o = json_object();

	json_object_set_new(o, "current", json_integer(cur));
	json_object_set_new(o, "previous", json_integer(prev));
	json_object_set_new(o, "change", json_integer(cur - prev));
	json_object_set_new(o, "change_ratio", prev ? json_real((double)(cur - prev) / (double)prev) : json_null());
	return o;
}

/* An array's elements by key1 (and key2): the first element with a key wins, as a scan
 * from the start would find it. */
struct index {
	const json_t *arr;
	const char *key1, *key2;
	struct strmap keys;
	size_t *at; /* element position per key */
	struct strbuf sb;
};

/* The lookup key of e in sb: length-prefixed, so that no two pairs run together. */
static int element_key(struct strbuf *sb, const json_t *e, const char *key1, const char *key2)
{
	const char *v1 = json_string_value(json_object_get(e, key1));
	const char *v2 = key2 ? json_string_value(json_object_get(e, key2)) : "";

	if (!v1 || !v2)
		return -1;
	strbuf_reset(sb);
	strbuf_addf(sb, "%zu:", strlen(v1));
	strbuf_adds(sb, v1);
	strbuf_adds(sb, v2);
	return 0;
}

static void index_init(struct index *ix, const json_t *arr, const char *key1, const char *key2)
{
	size_t i, k;
	json_t *e;
	int added;

	ix->arr = arr;
	ix->key1 = key1;
	ix->key2 = key2;
	strmap_init(&ix->keys);
	strbuf_init(&ix->sb);
	ix->at = xcalloc(json_array_size(arr) + 1, sizeof(*ix->at));
	json_array_foreach(arr, i, e) {
		if (element_key(&ix->sb, e, key1, key2) != 0)
			continue;
		k = strmap_intern(&ix->keys, ix->sb.buf, ix->sb.len, &added);
		if (added)
			ix->at[k] = i;
	}
}

static void index_release(struct index *ix)
{
	strmap_release(&ix->keys);
	strbuf_release(&ix->sb);
	free(ix->at);
}

/* The element of the indexed array whose key1 (and key2) equal those of like. */
static const json_t *find_like(struct index *ix, const json_t *like)
{
	long k;

	if (element_key(&ix->sb, like, ix->key1, ix->key2) != 0)
		return NULL;
	k = strmap_find(&ix->keys, ix->sb.buf, ix->sb.len);
	return k < 0 ? NULL : json_array_get(ix->arr, ix->at[k]);
}

/* One row per element of cur or prev (union), with the count field's delta. */
static json_t *rows(const json_t *cur, const json_t *prev, const char *key1, const char *key2,
		    const char *count)
{
	static const char *const names[] = { "kind", "category", "provider" };
	json_t *out = json_array();
	const json_t *lists[2] = { cur, prev };
	struct index in_cur, in_prev;
	size_t l, i, k;
	json_t *e;

	index_init(&in_cur, cur, key1, key2);
	index_init(&in_prev, prev, key1, key2);
	for (l = 0; l < 2; l++) {
		json_array_foreach(lists[l], i, e) {
			const json_t *c = l == 0 ? e : find_like(&in_cur, e);
			const json_t *p = l == 0 ? find_like(&in_prev, e) : e;
			json_t *row;
			if (l == 1 && c)
				continue; /* already listed from cur */
			row = json_object();
			json_object_set(row, key1, json_object_get(e, key1));
			if (key2)
				json_object_set(row, key2, json_object_get(e, key2));
			for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
				if (json_object_get(e, names[k]))
					json_object_set(row, names[k], json_object_get(e, names[k]));
			json_object_set_new(row, count, delta(c ? jint(c, count) : 0, p ? jint(p, count) : 0));
			json_array_append_new(out, row);
		}
	}
	index_release(&in_cur);
	index_release(&in_prev);
	return out;
}

static json_t *domain_rows(const json_t *cur, const json_t *prev, const json_t *cur_health,
			   const json_t *prev_health)
{
	json_t *out = rows(cur, prev, "domain", NULL, "failures");
	struct index in_cur, in_prev;
	size_t i;
	json_t *r;

	index_init(&in_cur, cur_health, "domain", NULL);
	index_init(&in_prev, prev_health, "domain", NULL);
	json_array_foreach(out, i, r) {
		const json_t *ch = find_like(&in_cur, r);
		const json_t *ph = find_like(&in_prev, r);
		json_object_set(r, "verdict", ch ? json_object_get(ch, "verdict") : json_null());
		json_object_set(r, "previous_verdict", ph ? json_object_get(ph, "verdict") : json_null());
	}
	index_release(&in_cur);
	index_release(&in_prev);
	return out;
}

json_t *compare_build(const json_t *cur, const json_t *prev)
{
	static const char *const totals[] = { "sent", "delivered", "failures", "permanent",
					      "temporary", "complaints" };
	json_t *o = json_object(), *t = json_object();
	const json_t *ct = json_object_get(cur, "totals"), *pt = json_object_get(prev, "totals");
	size_t i;

	for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++)
		json_object_set_new(t, totals[i], delta(jint(ct, totals[i]), jint(pt, totals[i])));
	json_object_set(o, "previous_period", json_object_get(prev, "period"));
	json_object_set_new(o, "totals", t);
	json_object_set_new(o, "categories", rows(json_object_get(cur, "categories"),
						  json_object_get(prev, "categories"), "id", NULL, "count"));
	json_object_set_new(o, "domains", domain_rows(json_object_get(cur, "domains"),
						      json_object_get(prev, "domains"),
						      json_object_get(cur, "health"),
						      json_object_get(prev, "health")));
	json_object_set_new(o, "actions", rows(json_object_get(cur, "actions"),
					       json_object_get(prev, "actions"), "key", NULL, "failures"));
	return o;
}

/* The elements of arr (borrowed) whose "client" is client: a new array. */
static json_t *of_client(const json_t *arr, const char *client)
{
	json_t *out = json_array(), *e;
	size_t i;

	json_array_foreach(arr, i, e) {
		const char *c = json_string_value(json_object_get(e, "client"));
		if (c && !strcmp(c, client))
			json_array_append(out, e);
	}
	return out;
}

json_t *compare_build_for_client(const json_t *cur, const json_t *prev, const char *client)
{
	const char *au = json_string_value(json_object_get(prev, "audience"));
	json_t *narrow, *out, *rows_of;

	if (au && !strcmp(au, "client"))
		narrow = json_deep_copy(prev);
	else {
		narrow = json_object();
		rows_of = of_client(json_object_get(prev, "clients"), client);
		json_object_set(narrow, "period", json_object_get(prev, "period"));
		if (json_array_size(rows_of))
			json_object_set(narrow, "totals", json_array_get(rows_of, 0));
		json_decref(rows_of);
		json_object_set_new(narrow, "domains", of_client(json_object_get(prev, "domains"), client));
		json_object_set_new(narrow, "health", of_client(json_object_get(prev, "health"), client));
	}
	out = compare_build(cur, narrow);
	json_decref(narrow);
	if (!au || strcmp(au, "client")) {
		json_object_set_new(out, "categories", json_array());
		json_object_set_new(out, "actions", json_array());
	}
	return out;
}
