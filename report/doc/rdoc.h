/* rdoc.h - reading the report document (data/report.schema.json, version 1) for the writers.
 * Contract: the document is borrowed and never changed; every accessor is NULL-safe and
 * lenient (a missing or mistyped member reads as "", 0 or NULL) because a writer should
 * render what it can of a merged or hand-edited report; only rdoc_check refuses a document.
 * Strings and json_t pointers returned are borrowed from the report (valid while the caller
 * holds it), or static. Threads: read-only and thread-safe, given a document no thread
 * changes. */
#ifndef SH_REPORT_DOC_RDOC_H
#define SH_REPORT_DOC_RDOC_H

#include <jansson.h>
#include <stddef.h>

#include "model/taxonomy.h"
#include "util/error.h"
#include "util/strbuf.h"

/* 0 when report is an object with schema_version 1, else -1 with a SH_ERR_DATA error. */
int rdoc_check(const json_t *report, struct sh_error *err);

/* Borrowed references; NULL when absent or of another type. */
const json_t *rdoc_object(const json_t *o, const char *key);
const json_t *rdoc_array(const json_t *o, const char *key);
/* The string member (may contain no NUL: jansson refuses \u0000 by default), else "". */
const char *rdoc_str(const json_t *o, const char *key);
/* The integer member, else 0. */
long long rdoc_int(const json_t *o, const char *key);
/* The number member; 0 (and *present 0) when null or absent. present may be NULL. */
double rdoc_num(const json_t *o, const char *key, int *present);

/* Calls fn for each member of the object o in insertion order (jansson keeps it). */
void rdoc_each(const json_t *o, void (*fn)(void *ctx, const char *key, const json_t *v),
	       void *ctx);

/* The categories that have a non-zero count in the by_category of any row of rows, ordered
 * as in the report's categories array (by count), then by id. Returns how many. */
size_t rdoc_category_columns(const json_t *report, const json_t *rows,
			     enum sh_category out[CATEGORY_COUNT]);
/* row.by_category[c], else 0. */
long long rdoc_category_count(const json_t *row, enum sh_category c);
/* The title of category c in lang: the report's own text when it is in lang, else the
 * embedded taxonomy's. Same for the recommended-action sentence. */
const char *rdoc_category_title(const json_t *report, enum sh_category c, enum sh_lang lang);
const char *rdoc_category_action(const json_t *report, enum sh_category c, enum sh_lang lang);
/* The title for a category id string; unknown ids are returned as given. */
const char *rdoc_category_title_s(const json_t *report, const char *id, enum sh_lang lang);

/* "1,234" (en) or "1.234" (de). out must hold 32 bytes. */
void rdoc_fmt_int(char out[32], long long v, enum sh_lang lang);
/* "12.3%" (en) or "12,3 %" (de) for the fraction v, with decimals places after the point
 * (0..4). out must hold 32 bytes. */
void rdoc_fmt_pct(char out[32], double v, int decimals, enum sh_lang lang);
/* "2026-11-16T00:00:00Z" to "2026-11-16 00:00 UTC"; other texts appended unchanged. */
void rdoc_fmt_time(struct strbuf *out, const char *iso);
/* Appends "gmail.com (120), outlook.com (40)" for the first max items of an array of
 * {domain, count} objects. */
void rdoc_domain_list(struct strbuf *out, const json_t *items, size_t max, enum sh_lang lang);

#endif
