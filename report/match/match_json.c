/* match_json.c - an explained match as JSON: the entry's own fields, then what this match
 * made of them (the category and action can differ from the entry's by the tier). */
#include "report/match/match_json.h"

#include "catalogue/entry_json.h"

json_t *match_to_json(const struct match_result *m, enum sh_lang lang)
{
	json_t *o = entry_to_json(m->entry, lang);

	json_object_set_new(o, "category", json_string(category_name(m->category)));
	json_object_set_new(o, "action", json_string(action_name(m->action)));
	json_object_set_new(o, "severity", json_string(m->severity == SEV_PERMANENT ? "permanent"
						       : m->severity == SEV_TEMPORARY ? "temporary" : ""));
	json_object_set_new(o, "match", json_string(m->how ? m->how : match_tier_name(m->tier)));
	json_object_set_new(o, "tier", json_integer(m->tier));
	return o;
}
