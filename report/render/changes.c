/* changes.c - walks report.compare for the XLSX and text writers. */
#include "report/render/changes.h"

#include <stdio.h>
#include <string.h>

#include "report/doc/rdoc.h"

/* Where the rows go, and how many went. */
struct walk {
	void (*fn)(void *ctx, const struct change_row *row);
	void *ctx;
	size_t n;
};

/* Sends the row r of section with item, its numbers from delta (and, for a domain, the
 * verdicts of v). */
static void emit(struct walk *w, enum l10n_id section, const char *item, const json_t *delta,
		 const json_t *v)
{
	struct change_row r;

	memset(&r, 0, sizeof(r));
	r.section = section;
	r.item = item;
	r.previous = rdoc_int(delta, "previous");
	r.current = rdoc_int(delta, "current");
	r.change = rdoc_int(delta, "change");
	if (v) {
		r.previous_verdict = json_string_value(json_object_get(v, "previous_verdict"));
		r.verdict = json_string_value(json_object_get(v, "verdict"));
	}
	w->fn(w->ctx, &r);
	w->n++;
}

/* "Verify DNS — Domain not verified (mailgun)": kind, category and provider. */
static void action_rows(const json_t *report, const json_t *cmp, enum sh_lang lang,
			struct walk *w)
{
	const json_t *v;
	char item[256];
	size_t i;

	json_array_foreach(rdoc_array(cmp, "actions"), i, v) {
		const char *prov = rdoc_str(v, "provider");
		snprintf(item, sizeof(item), "%s — %s%s%s%s", l10n_action_kind(rdoc_str(v, "kind"), lang),
			 rdoc_category_title_s(report, rdoc_str(v, "category"), lang), *prov ? " (" : "",
			 prov, *prov ? ")" : "");
		emit(w, L_ACTION, item, rdoc_object(v, "failures"), NULL);
	}
}

size_t changes_each(const json_t *report, enum sh_lang lang,
		    void (*fn)(void *ctx, const struct change_row *row), void *ctx)
{
	static const struct {
		const char *key;
		enum l10n_id label;
	} totals[] = { { "sent", L_SENT }, { "delivered", L_DELIVERED }, { "failures", L_FAILURES },
		       { "permanent", L_PERMANENT }, { "temporary", L_TEMPORARY },
		       { "complaints", L_COMPLAINTS } };
	const json_t *cmp = json_object_get(report, "compare");
	const json_t *t, *v;
	struct walk w = { fn, ctx, 0 };
	size_t i;

	if (!json_is_object(cmp))
		return 0;
	t = rdoc_object(cmp, "totals");
	for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++)
		emit(&w, L_TOTALS, l10n(totals[i].label, lang), rdoc_object(t, totals[i].key), NULL);
	json_array_foreach(rdoc_array(cmp, "categories"), i, v)
		emit(&w, L_CATEGORY, rdoc_category_title_s(report, rdoc_str(v, "id"), lang),
		     rdoc_object(v, "count"), NULL);
	json_array_foreach(rdoc_array(cmp, "domains"), i, v)
		emit(&w, L_SENDING_DOMAIN, rdoc_str(v, "domain"), rdoc_object(v, "failures"), v);
	action_rows(report, cmp, lang, &w);
	return w.n;
}
