/* l10n.h - every fixed text a user reads, in English and German: the report writers'
 * sheet names, headers and section titles, verdicts, action kinds and the sentences of
 * actions and health reasons, explain's labels, and the number and date formats.
 * Category and action texts are taxonomy data (data/categories.csv, model/taxonomy.h);
 * catalogue texts come from the catalogue; words an input reader recognises (CSV header
 * synonyms) are input vocabulary, not texts here.
 * Contract: every id has both texts; the strings are static, never NULL; every function
 * is pure and thread-safe. Texts that take arguments hold {1}..{9} (l10n_fill). */
#ifndef SH_MODEL_L10N_H
#define SH_MODEL_L10N_H

#include "model/taxonomy.h"
#include "util/strbuf.h"

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
	/* source kinds (l10n_source_kind) */
	L_SOURCE_FILE, L_SOURCE_API, L_SOURCE_STATS, L_SOURCE_STDIN,
	/* numbers and dates: the digit-group separator, the decimal point, what follows a
	 * percentage, and the XLSX number formats of dates and chart days */
	L_DIGIT_GROUP, L_DECIMAL_POINT, L_PERCENT_SUFFIX, L_XLSX_DATE, L_XLSX_DAY,
	/* explain's labels (the others are the column headers above) */
	L_EXPLAIN_MESSAGE, L_GLOSSARY, L_MATCHED_BY, L_LAYER, L_EVIDENCE,
	/* the catalogue layer an entry comes from (catalogue/layers.h) */
	L_LAYER_BUILTIN, L_LAYER_SHEET, L_LAYER_FILE,
	/* --unmatched-csv: the shared sheet's own header, the same in both languages, so that
	 * the rows paste under it and `catalogue import` reads them back */
	L_SHEET_CSV_HEADER,
	/* lists of names: "a, b and c", "a, b, c and 4 more" */
	L_LIST_AND, L_LIST_MORE,
	/* the sentence of each action; {1} is the list of domains concerned */
	L_ACT_VERIFY_DNS, L_ACT_UPGRADE_PLAN, L_ACT_CONTACT_SUPPORT, L_ACT_THE_PROVIDER,
	L_ACT_CLEAR_TOO_OLD, L_ACT_CLEAR_ERRORS, L_ACT_REDUCE_TO, L_ACT_REDUCE_FROM,
	L_ACT_REMOVE_INVALID, L_ACT_ABOUT, L_ACT_REMOVE_SUPPRESSED, L_ACT_FIX_REQUEST,
	L_ACT_FIX_CREDENTIALS, L_ACT_CHECK_NETWORK, L_ACT_RETRY_LATER, L_ACT_REVIEW_CONTENT,
	L_ACT_UNKNOWN, L_FAILURE_ONE, L_FAILURES_N,
	/* the same sentences as a client reads them: no option names, no internal sheets */
	L_ACT_REMOVE_INVALID_CLIENT, L_ACT_UNKNOWN_CLIENT,
	/* one address: the singular of L_ACT_REMOVE_INVALID and of its client form */
	L_ACT_REMOVE_INVALID_1, L_ACT_REMOVE_INVALID_CLIENT_1,
	/* a client's report: its first sheet */
	L_SHEET_OVERVIEW, L_REPORT_FOR, L_YOUR_DOMAINS, L_WHAT_CHANGED, L_NO_PREVIOUS,
	L_WHAT_WE_DO, L_DOMAIN_NOT_NAMED, L_CHANGE_TOTAL, L_CHANGE_VERDICT,
	/* the Errors sheet's column beside Provider (who refused) */
	L_CATALOGUE_PROVIDER,
	/* health: the rates' titles and the reasons for a verdict */
	L_HEALTH_HARD_BOUNCE, L_HEALTH_THROTTLE, L_HEALTH_OVER, L_HEALTH_NO_DOMAIN,
	L_HEALTH_BLOCKING, L_HEALTH_BLOCKING_1, L_HEALTH_TOO_FEW,
	L_COUNT_IDS
};

/* The text of id; "" for an id out of range. */
const char *l10n(enum l10n_id id, enum sh_lang lang);
/* Appends the text of id to sb with {1}..{9} replaced by the strings after lang (the list
 * ends with NULL; a placeholder without its argument becomes ""). The arguments are copied
 * as they are, never scanned for placeholders. */
void l10n_fill(struct strbuf *sb, enum l10n_id id, enum sh_lang lang, ...)
	__attribute__((sentinel));
/* "OK", "WARNING", "CRITICAL", "INSUFFICIENT_DATA" to a display text; unknown ones as given
 * (NULL to ""). */
const char *l10n_verdict(const char *verdict, enum sh_lang lang);
/* An action-kind id ("verify_dns") to a short label ("Verify DNS"); unknown ones as given. */
const char *l10n_action_kind(const char *kind, enum sh_lang lang);
/* A source kind ("file", "api", "stats") to a label; unknown ones as given. */
const char *l10n_source_kind(const char *kind, enum sh_lang lang);

#endif
