/* catalogue.c - the in-memory catalogue, its checks, and which catalogue is in use. */
#include "catalogue/catalogue.h"

#include <stdlib.h>
#include <string.h>

#include "model/taxonomy.h"
#include "util/strbuf.h"

static const char *const field_names[] = {
	"id", "provider", "section", "http_status", "smtp_code", "enhanced_code",
	"outlook_code", "message", "pattern", "severity", "category", "action",
	"meaning_de", "solution_de", "glossary_de", "meaning_en", "solution_en", "glossary_en",
};
_Static_assert(sizeof(field_names) / sizeof(field_names[0]) == CAT_NFIELDS,
	       "one column name per catalogue field");

const char *const catalogue_providers[] = { "mailgun", "gmail", "outlook", "sendgrid",
					    "rfc3463", "smtp", NULL };
const char *const catalogue_severities[] = { "permanent", "temporary", NULL };

const char *catalogue_field_name(enum cat_field f)
{
	return (unsigned)f < CAT_NFIELDS ? field_names[f] : "";
}

int catalogue_field_index(const char *name)
{
	int i;

	for (i = 0; i < CAT_NFIELDS; i++)
		if (!strcmp(name, field_names[i]))
			return i;
	return -1;
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

int catalogue_is_provider(const char *s)
{
	return in_list(catalogue_providers, s);
}

struct catalogue *catalogue_new(void)
{
	struct catalogue *cat = xcalloc(1, sizeof(*cat));
	cat->source = xstrdup("");
	cat->kind = CAT_SRC_OTHER;
	return cat;
}

void catalogue_free(struct catalogue *cat)
{
	size_t i;
	int f;

	if (!cat)
		return;
	for (i = 0; i < cat->n; i++)
		for (f = 0; f < CAT_NFIELDS; f++)
			free(cat->entries[i].f[f]);
	free(cat->entries);
	free(cat->source);
	free(cat);
}

struct cat_entry *catalogue_add(struct catalogue *cat, const char *const fields[CAT_NFIELDS])
{
	struct cat_entry *e;
	int f;

	if (cat->n == cat->cap) {
		cat->cap = cat->cap ? cat->cap * 2 : 64;
		cat->entries = xrealloc(cat->entries, cat->cap * sizeof(*cat->entries));
	}
	e = &cat->entries[cat->n++];
	e->layer = CAT_LAYER_BUILTIN;
	for (f = 0; f < CAT_NFIELDS; f++)
		e->f[f] = xstrdup(fields[f] ? fields[f] : "");
	return e;
}

const struct cat_entry *catalogue_find_id(const struct catalogue *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->n; i++)
		if (!strcmp(cat->entries[i].f[CAT_ID], id))
			return &cat->entries[i];
	return NULL;
}

int catalogue_entry_check(const struct cat_entry *e, struct sh_error *err)
{
	const char *const *f = (const char *const *)e->f;
	const char *p;

	if (!*f[CAT_ID])
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "the row has no id");
	for (p = f[CAT_ID]; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '.' || *p == '_'))
			return sh_error_set(err, SH_ERR_DATA, NULL, 0,
					    "id '%s' may only hold a-z, 0-9, '.', '-' and '_'", f[CAT_ID]);
	if (!catalogue_is_provider(f[CAT_PROVIDER]))
		return sh_error_set(err, SH_ERR_DATA, NULL, 0,
				    "unknown provider '%s' (mailgun, gmail, outlook, sendgrid, rfc3463, smtp)",
				    f[CAT_PROVIDER]);
	if (*f[CAT_SEVERITY] && !in_list(catalogue_severities, f[CAT_SEVERITY]))
		return sh_error_set(err, SH_ERR_DATA, NULL, 0,
				    "severity '%s' is neither 'permanent' nor 'temporary'", f[CAT_SEVERITY]);
	if (*f[CAT_CATEGORY] && category_from_name(f[CAT_CATEGORY]) < 0)
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "unknown category '%s'", f[CAT_CATEGORY]);
	if (*f[CAT_ACTION] && action_from_name(f[CAT_ACTION]) < 0)
		return sh_error_set(err, SH_ERR_DATA, NULL, 0, "unknown action '%s'", f[CAT_ACTION]);
	if (!*f[CAT_PATTERN] && !*f[CAT_MESSAGE] && !*f[CAT_SMTP_CODE] && !*f[CAT_ENHANCED_CODE] &&
	    !*f[CAT_OUTLOOK_CODE] && !*f[CAT_HTTP_STATUS])
		return sh_error_set(err, SH_ERR_DATA, NULL, 0,
				    "the row has neither a code nor a message to match on");
	return 0;
}
