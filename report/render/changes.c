/* changes.c - walks report.compare for the XLSX and text writers. */
#include "report/render/changes.h"

#include <stdio.h>
#include <string.h>

#include "report/doc/rdoc.h"

static void delta_row(struct change_row *r, const json_t *d)
{
	r->previous = rdoc_int(d, "previous");
	r->current = rdoc_int(d, "current");
	r->change = rdoc_int(d, "change");
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
	struct change_row r;
	char item[256];
	size_t i, n = 0;

	if (!json_is_object(cmp))
		return 0;
	t = rdoc_object(cmp, "totals");
	for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++) {
		memset(&r, 0, sizeof(r));
		r.section = L_TOTALS;
		r.item = l10n(totals[i].label, lang);
		delta_row(&r, rdoc_object(t, totals[i].key));
		fn(ctx, &r);
		n++;
	}
	json_array_foreach(rdoc_array(cmp, "categories"), i, v) {
		memset(&r, 0, sizeof(r));
		r.section = L_CATEGORY;
		r.item = rdoc_category_title_s(report, rdoc_str(v, "id"), lang);
		delta_row(&r, rdoc_object(v, "count"));
		fn(ctx, &r);
		n++;
	}
	json_array_foreach(rdoc_array(cmp, "domains"), i, v) {
		memset(&r, 0, sizeof(r));
		r.section = L_SENDING_DOMAIN;
		r.item = rdoc_str(v, "domain");
		delta_row(&r, rdoc_object(v, "failures"));
		r.previous_verdict = json_string_value(json_object_get(v, "previous_verdict"));
		r.verdict = json_string_value(json_object_get(v, "verdict"));
		fn(ctx, &r);
		n++;
	}
	json_array_foreach(rdoc_array(cmp, "actions"), i, v) {
		const char *prov = rdoc_str(v, "provider");
		memset(&r, 0, sizeof(r));
		r.section = L_ACTION;
		/* "Verify DNS — Domain not verified (mailgun)": kind, category and provider */
		snprintf(item, sizeof(item), "%s — %s%s%s%s", l10n_action_kind(rdoc_str(v, "kind"), lang),
			 rdoc_category_title_s(report, rdoc_str(v, "category"), lang), *prov ? " (" : "",
			 prov, *prov ? ")" : "");
		r.item = item;
		delta_row(&r, rdoc_object(v, "failures"));
		fn(ctx, &r);
		n++;
	}
	return n;
}
