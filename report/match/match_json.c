/* match_json.c - an explained match as JSON: the entry's own fields, then what this match
 * made of them (the category and action can differ from the entry's by the tier). */
#include "report/match/match_json.h"

#include "catalogue/entry_json.h"

json_t *match_evidence_json(enum sh_category category, int weight, const char *provider,
			    const struct evidence_rule *const *why, unsigned n)
{
	json_t *o = json_object(), *hits = json_array();
	unsigned i;

	for (i = 0; i < n; i++) {
		json_t *h = json_object();
		json_object_set_new(h, "kind", json_string(why[i]->kind));
		json_object_set_new(h, "words", json_string(why[i]->needle));
		json_object_set_new(h, "category", json_string(category_name(why[i]->category)));
		json_object_set_new(h, "weight", json_integer(why[i]->weight));
		json_array_append_new(hits, h);
	}
	json_object_set_new(o, "category", json_string(category_name(category)));
	json_object_set_new(o, "weight", json_integer(weight));
	json_object_set_new(o, "provider", provider ? json_string(provider) : json_null());
	json_object_set_new(o, "hits", hits);
	return o;
}

/* In German, an entry written only in English is explained by its category's German texts
 * (as the text output and the report do), never by the English ones; its English glossary
 * is left out (the text output shows the glossary only in the chosen language too). */
static void german_fallback(json_t *o, const struct match_result *m)
{
	const struct category_text *ct = category_text(m->category, LANG_DE);

	if (!*m->entry->f[CAT_MEANING_DE])
		json_object_set_new(o, "meaning", json_string(ct->description));
	if (!*m->entry->f[CAT_SOLUTION_DE])
		json_object_set_new(o, "solution", json_string(ct->action));
	if (!*m->entry->f[CAT_GLOSSARY_DE])
		json_object_set_new(o, "glossary", json_string(""));
}

json_t *match_to_json(const struct match_result *m, enum sh_lang lang)
{
	json_t *o = m->entry ? entry_to_json(m->entry, lang) : json_object();

	if (m->entry && lang == LANG_DE)
		german_fallback(o, m);

	json_object_set_new(o, "category", json_string(category_name(m->category)));
	json_object_set_new(o, "action", json_string(action_name(m->action)));
	json_object_set_new(o, "severity", json_string(m->severity == SEV_PERMANENT ? "permanent"
						       : m->severity == SEV_TEMPORARY ? "temporary" : ""));
	json_object_set_new(o, "match", json_string(m->how ? m->how : match_tier_name(m->tier)));
	json_object_set_new(o, "tier", json_integer(m->tier));
	if (!m->entry)
		json_object_set_new(o, "id", json_null());
	json_object_set_new(o, "evidence", match_evidence_json(m->category, m->weight, m->seen_provider,
							       m->why, m->nwhy));
	return o;
}
