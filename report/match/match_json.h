/* match_json.h - a catalogue entry as `explain --json` prints it: the entry's JSON form
 * (catalogue/entry_json.h) with the category, action and severity this match gave it and
 * how it was found. */
#ifndef SH_REPORT_MATCH_MATCH_JSON_H
#define SH_REPORT_MATCH_MATCH_JSON_H

#include <jansson.h>

#include "report/match/matcher.h"

/* Returns a new reference (the caller json_decref's it); m and its entry are only read.
 * Thread-safe. */
json_t *match_to_json(const struct match_result *m, enum sh_lang lang);

/* The evidence that decided a category, as {"category", "weight", "provider", "hits":
 * [{"kind", "words", "category", "weight"}]}: a new reference. why holds n static rules.
 * Thread-safe. */
json_t *match_evidence_json(enum sh_category category, int weight, const char *provider,
			    const struct evidence_rule *const *why, unsigned n);

#endif
