/* actions.h - the recommended actions of a report: failures grouped by the action their
 * catalogue entry (or category) recommends, ranked by the failures each addresses, with a
 * sentence naming the domains concerned, e.g. "Verify DNS for mg.client3.com (The domain
 * is not verified …) — 1,204 failures". The sentences are model/l10n.h texts.
 * Contract: a is borrowed and only read; thread-safe for a not being written. */
#ifndef SH_REPORT_AGGREGATE_ACTIONS_H
#define SH_REPORT_AGGREGATE_ACTIONS_H

#include <jansson.h>

#include "report/aggregate/agg.h"

/* Who reads the report: the agency (everything, with the tool's own vocabulary) or a
 * client (only its data, in plain words: no option names, no internal sheets). */
enum report_audience { AUDIENCE_AGENCY, AUDIENCE_CLIENT };

/* A new array of action objects (schema: actions): a new reference, the caller's to
 * json_decref. The sentences are worded for the audience. */
json_t *actions_build(const struct agg *a, enum sh_lang lang, enum report_audience audience);

/* The meaning (CAT_MEANING_EN) or solution (CAT_SOLUTION_EN) of the error e in lang:
 * the catalogue's text in lang; when the catalogue has it only in the other language, the
 * text of e's category in lang (its description, or its action), so that a German report
 * never shows an English sentence. "" for an unmatched error. Static or borrowed from the
 * catalogue; thread-safe. */
const char *actions_error_text(const struct err_stat *e, enum cat_field en_field,
			       enum sh_lang lang);
/* The same for a catalogue entry of category c (NULL entry: ""); explain uses it. */
const char *actions_entry_text(const struct cat_entry *e, enum sh_category c,
			       enum cat_field en_field, enum sh_lang lang);

#endif
