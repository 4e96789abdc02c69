/* entry_json.h - one catalogue entry as a JSON object, the shape `explain --json` prints
 * and `catalogue export --format json` writes (keys: id, provider, section, code,
 * http_status, smtp_code, enhanced_code, outlook_code, message, pattern, meaning, solution,
 * glossary, severity, category, action; report/match/match_json.h adds how it matched). */
#ifndef SH_CATALOGUE_ENTRY_JSON_H
#define SH_CATALOGUE_ENTRY_JSON_H

#include <jansson.h>

#include "catalogue/catalogue.h"
#include "model/taxonomy.h"

/* Returns a new reference; e is only read. Thread-safe. */
json_t *entry_to_json(const struct cat_entry *e, enum sh_lang lang);
/* The code people know the entry by: HTTP status, SMTP code, Outlook or enhanced code. */
const char *entry_display_code(const struct cat_entry *e);
/* The entry's text in lang, falling back to the other language when empty. */
const char *entry_text(const struct cat_entry *e, enum cat_field en_field, enum sh_lang lang);

#endif
