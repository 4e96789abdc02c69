/* catalogue.h - the error catalogue in memory: one entry per known error, with the
 * seed's German texts verbatim and our English ones.
 * Contract: a struct catalogue owns its entries and every string in them; entries keep
 * their file order. Field order here is the column order of data/catalogue.csv. */
#ifndef SH_CATALOGUE_CATALOGUE_H
#define SH_CATALOGUE_CATALOGUE_H

#include <stddef.h>

#include "util/error.h"

enum cat_field {
	CAT_ID,
	CAT_PROVIDER,
	CAT_SECTION,
	CAT_HTTP_STATUS,
	CAT_SMTP_CODE,
	CAT_ENHANCED_CODE,
	CAT_OUTLOOK_CODE,
	CAT_MESSAGE,
	CAT_PATTERN,
	CAT_SEVERITY,
	CAT_CATEGORY,
	CAT_ACTION,
	CAT_MEANING_DE,
	CAT_SOLUTION_DE,
	CAT_GLOSSARY_DE,
	CAT_MEANING_EN,
	CAT_SOLUTION_EN,
	CAT_GLOSSARY_EN,
	CAT_NFIELDS
};

struct cat_entry {
	char *f[CAT_NFIELDS]; /* owned; never NULL (empty string when absent) */
};

enum cat_source_kind {
	CAT_SRC_EMBEDDED,
	CAT_SRC_FLAG,   /* --catalogue FILE */
	CAT_SRC_ENV,    /* $SENDHEALTH_CATALOGUE */
	CAT_SRC_SYNCED, /* $XDG_DATA_HOME/sendhealth/catalogue.csv */
	CAT_SRC_OTHER,  /* imported, downloaded */
};

struct catalogue {
	struct cat_entry *entries; /* owned */
	size_t n, cap;
	enum cat_source_kind kind;
	char *source; /* owned: path or description */
};

struct catalogue *catalogue_new(void);
void catalogue_free(struct catalogue *cat);
/* Appends a copy of e; the catalogue owns the copy. */
struct cat_entry *catalogue_add(struct catalogue *cat, const char *const fields[CAT_NFIELDS]);
const struct cat_entry *catalogue_find_id(const struct catalogue *cat, const char *id);

/* Column names as they appear in the catalogue header. */
const char *catalogue_field_name(enum cat_field f);
/* -1 when name is not a catalogue column. */
int catalogue_field_index(const char *name);

/* Checks one entry's enumerated fields (provider, severity, category, action) and that it
 * has something to match on. Returns 0 or -1 with a reason in err. */
int catalogue_entry_check(const struct cat_entry *e, struct sh_error *err);

/* Value lists: NULL-terminated, static. */
extern const char *const catalogue_providers[];
extern const char *const catalogue_severities[];
int catalogue_is_provider(const char *s);

#endif
