/* compare.c - deltas between two report documents, matched by id / domain / action. */
#include "report/compare.h"

#include <string.h>

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

/* Finds the element of arr whose key1 (and key2, when given) equal those of like. */
static const json_t *find_like(const json_t *arr, const json_t *like, const char *key1,
			       const char *key2)
{
	const char *v1 = json_string_value(json_object_get(like, key1));
	const char *v2 = key2 ? json_string_value(json_object_get(like, key2)) : NULL;
	size_t i;
	json_t *e;

	json_array_foreach(arr, i, e) {
		const char *w1 = json_string_value(json_object_get(e, key1));
		const char *w2 = key2 ? json_string_value(json_object_get(e, key2)) : NULL;
		if (v1 && w1 && !strcmp(v1, w1) && (!key2 || (v2 && w2 && !strcmp(v2, w2))))
			return e;
	}
	return NULL;
}

/* One row per element of cur or prev (union), with the count field's delta. */
static json_t *rows(const json_t *cur, const json_t *prev, const char *key1, const char *key2,
		    const char *count)
{
	static const char *const names[] = { "kind", "category", "provider" };
	json_t *out = json_array();
	const json_t *lists[2] = { cur, prev };
	size_t l, i, k;
	json_t *e;

	for (l = 0; l < 2; l++) {
		json_array_foreach(lists[l], i, e) {
			const json_t *c = l == 0 ? e : find_like(cur, e, key1, key2);
			const json_t *p = l == 0 ? find_like(prev, e, key1, key2) : e;
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
	return out;
}

static json_t *domain_rows(const json_t *cur, const json_t *prev, const json_t *cur_health,
			   const json_t *prev_health)
{
	json_t *out = rows(cur, prev, "domain", NULL, "failures");
	size_t i;
	json_t *r;

	json_array_foreach(out, i, r) {
		const json_t *ch = find_like(cur_health, r, "domain", NULL);
		const json_t *ph = find_like(prev_health, r, "domain", NULL);
		json_object_set(r, "verdict", ch ? json_object_get(ch, "verdict") : json_null());
		json_object_set(r, "previous_verdict", ph ? json_object_get(ph, "verdict") : json_null());
	}
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
