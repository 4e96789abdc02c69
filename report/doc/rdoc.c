/* rdoc.c - lenient, read-only accessors over the report document and the small formatting
 * the three writers share (numbers, percentages, times, domain lists). */
#include "report/doc/rdoc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/l10n.h"
#include "util/text.h"

int rdoc_check(const json_t *report, struct sh_error *err)
{
	const json_t *v = json_object_get(report, "schema_version");

	if (!json_is_object(report))
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "the report is not a JSON object");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		return sh_error_set(err, SH_ERR_DATA, NULL, 0,
				    "unsupported report schema_version (want 1)");
	return 0;
}

const json_t *rdoc_object(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_object(v) ? v : NULL;
}

const json_t *rdoc_array(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_array(v) ? v : NULL;
}

const char *rdoc_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

long long rdoc_int(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

double rdoc_num(const json_t *o, const char *key, int *present)
{
	const json_t *v = json_object_get(o, key);
	int ok = json_is_number(v) && isfinite(json_number_value(v));

	if (present)
		*present = ok;
	return ok ? json_number_value(v) : 0;
}

void rdoc_each(const json_t *o, void (*fn)(void *ctx, const char *key, const json_t *v),
	       void *ctx)
{
	/* jansson's iterator API takes a non-const object but only reads it */
	json_t *obj = (json_t *)o;
	void *it;

	if (!json_is_object(obj))
		return;
	for (it = json_object_iter(obj); it; it = json_object_iter_next(obj, it))
		fn(ctx, json_object_iter_key(it), json_object_iter_value(it));
}

long long rdoc_category_count(const json_t *row, enum sh_category c)
{
	return rdoc_int(rdoc_object(row, "by_category"), category_name(c));
}

size_t rdoc_category_columns(const json_t *report, const json_t *rows,
			     enum sh_category out[CATEGORY_COUNT])
{
	int seen[CATEGORY_COUNT] = { 0 }, taken[CATEGORY_COUNT] = { 0 };
	const json_t *cats = rdoc_array(report, "categories");
	size_t i, n = 0;
	int c;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *by = rdoc_object(json_array_get(rows, i), "by_category");
		for (c = 0; by && c < CATEGORY_COUNT; c++)
			seen[c] |= rdoc_int(by, category_name((enum sh_category)c)) > 0;
	}
	for (i = 0; i < json_array_size(cats); i++) {
		c = category_from_name(rdoc_str(json_array_get(cats, i), "id"));
		if (c >= 0 && seen[c] && !taken[c]) {
			taken[c] = 1;
			out[n++] = (enum sh_category)c;
		}
	}
	for (c = 0; c < CATEGORY_COUNT; c++) {
		if (seen[c] && !taken[c])
			out[n++] = (enum sh_category)c;
	}
	return n;
}

/* The report's categories[] row for c when the report is written in lang, else NULL. */
static const json_t *own_category(const json_t *report, enum sh_category c, enum sh_lang lang)
{
	const json_t *cats = rdoc_array(report, "categories");
	const char *doc_lang = rdoc_str(report, "lang");
	size_t i;

	if (strcmp(doc_lang, lang == LANG_DE ? "de" : "en") != 0)
		return NULL;
	for (i = 0; i < json_array_size(cats); i++) {
		const json_t *row = json_array_get(cats, i);
		if (!strcmp(rdoc_str(row, "id"), category_name(c)))
			return row;
	}
	return NULL;
}

const char *rdoc_category_title(const json_t *report, enum sh_category c, enum sh_lang lang)
{
	const char *s = rdoc_str(own_category(report, c, lang), "title");
	return *s ? s : category_text(c, lang)->title;
}

const char *rdoc_category_action(const json_t *report, enum sh_category c, enum sh_lang lang)
{
	const char *s = rdoc_str(own_category(report, c, lang), "action");
	return *s ? s : category_text(c, lang)->action;
}

const char *rdoc_category_title_s(const json_t *report, const char *id, enum sh_lang lang)
{
	int c = category_from_name(id ? id : "");
	return c < 0 ? (id ? id : "") : rdoc_category_title(report, (enum sh_category)c, lang);
}

void rdoc_fmt_int(char out[32], long long v, enum sh_lang lang)
{
	text_group_digits(out, v, *l10n(L_DIGIT_GROUP, lang));
}

void rdoc_fmt_pct(char out[32], double v, int decimals, enum sh_lang lang)
{
	double p = v * 100.0;
	char *dot;

	if (!isfinite(p) || fabs(p) > 1e12)
		p = 0;
	if (decimals < 0 || decimals > 4)
		decimals = 1;
	snprintf(out, 32, "%.*f%s", decimals, p, l10n(L_PERCENT_SUFFIX, lang));
	if ((dot = strchr(out, '.')))
		*dot = *l10n(L_DECIMAL_POINT, lang);
}

void rdoc_fmt_time(struct strbuf *out, const char *iso)
{
	/* only the exact form time_format_iso writes is shortened */
	if (iso && strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z') {
		strbuf_add(out, iso, 10);
		strbuf_addch(out, ' ');
		strbuf_add(out, iso + 11, 5);
		strbuf_adds(out, " UTC");
		return;
	}
	strbuf_adds(out, iso ? iso : "");
}

void rdoc_domain_list(struct strbuf *out, const json_t *items, size_t max, enum sh_lang lang)
{
	size_t i;
	char num[32];

	for (i = 0; i < json_array_size(items) && i < max; i++) {
		const json_t *it = json_array_get(items, i);
		rdoc_fmt_int(num, rdoc_int(it, "count"), lang);
		strbuf_addf(out, "%s%s (%s)", i ? ", " : "", rdoc_str(it, "domain"), num);
	}
}
