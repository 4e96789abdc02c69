/* l10n.h - the fixed words of the report writers (sheet names, column headers, section
 * titles, verdicts, action kinds) in English and German.
 * Contract: every id has both texts; the strings are static and never NULL. */
#ifndef SH_MODEL_L10N_H
#define SH_MODEL_L10N_H

#include "model/taxonomy.h"

enum l10n_id {
	/* sheet names (at most 31 characters, none of []:*?/\) */
	L_SHEET_SUMMARY, L_SHEET_ACTIONS, L_SHEET_CATEGORIES, L_SHEET_ERRORS, L_SHEET_DOMAINS,
	L_SHEET_RECIPIENTS, L_SHEET_DAILY, L_SHEET_UNMATCHED, L_SHEET_CLIENTS,
	/* column headers */
	L_COUNT, L_SHARE, L_PERMANENT, L_TEMPORARY, L_CATEGORY, L_RECOMMENDED_ACTION, L_PROVIDER,
	L_CODE, L_ENHANCED_CODE, L_MESSAGE, L_MEANING, L_SOLUTION, L_ACTION, L_TOP_RECIPIENTS,
	L_SENDING_DOMAIN, L_CLIENT, L_SENT, L_DELIVERED, L_FAILURES, L_COMPLAINTS,
	L_RECIPIENT_DOMAIN, L_MAILBOX_PROVIDER, L_DATE, L_CODES, L_EXAMPLE, L_CSV_ROW, L_DOMAINS,
	L_VERDICT, L_RANK, L_DOMAINS_CONCERNED, L_ADDRESSES, L_SOURCE, L_KIND, L_FORMAT,
	L_RECORDS, L_SKIPPED, L_DUPLICATES, L_RATE_HARD_BOUNCE, L_RATE_COMPLAINT, L_RATE_THROTTLE,
	L_REASONS, L_DOMAIN,
	/* summary and text sections */
	L_TITLE, L_GENERATED, L_PERIOD, L_PERIOD_WINDOW, L_PERIOD_DATA, L_PERIOD_NONE,
	L_FIRST_EVENT, L_LAST_EVENT, L_INPUTS, L_TOTAL, L_OUTSIDE_WINDOW, L_SKIPPED_BECAUSE,
	L_TOTALS, L_EVENTS, L_EVENTS_BY_KIND, L_FAILURES_PERMANENT, L_FAILURES_TEMPORARY,
	L_MATCHED, L_UNMATCHED, L_HEALTH, L_TOP_ACTIONS, L_TOP_ERRORS, L_NOT_IN_CATALOGUE,
	L_NOT_AVAILABLE, L_NONE, L_TO, L_CHART_CATEGORIES, L_CHART_DAILY, L_SOURCES, L_MORE,
	/* week-over-week changes (--compare) */
	L_SHEET_CHANGES, L_CHANGES, L_SECTION, L_ITEM, L_PREVIOUS, L_CURRENT, L_CHANGE,
	L_PREVIOUS_VERDICT,
	/* verdicts */
	L_VERDICT_OK, L_VERDICT_WARNING, L_VERDICT_CRITICAL, L_VERDICT_INSUFFICIENT,
	L_COUNT_IDS
};

const char *l10n(enum l10n_id id, enum sh_lang lang);
/* "OK", "WARNING", "CRITICAL", "INSUFFICIENT_DATA" to a display text; unknown ones as given
 * (NULL to ""). */
const char *l10n_verdict(const char *verdict, enum sh_lang lang);
/* An action-kind id ("verify_dns") to a short label ("Verify DNS"); unknown ones as given. */
const char *l10n_action_kind(const char *kind, enum sh_lang lang);
/* A source kind ("file", "api", "stats") to a label; unknown ones as given. */
const char *l10n_source_kind(const char *kind, enum sh_lang lang);

#endif
