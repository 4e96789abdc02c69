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

/* Which layer of the catalogue in use an entry comes from (catalogue/layers.h). */
enum cat_layer {
	CAT_LAYER_BUILTIN, /* built into the binary */
	CAT_LAYER_SHEET,   /* the synced or imported sheet, laid over the built-in entries */
	CAT_LAYER_FILE,    /* a whole catalogue named by --catalogue or $SENDHEALTH_CATALOGUE */
};

struct cat_entry {
	char *f[CAT_NFIELDS]; /* owned; never NULL (empty string when absent) */
	enum cat_layer layer; /* CAT_LAYER_BUILTIN unless a loader says otherwise */
};

/* What laying a sheet over the built-in entries did (all 0 for a single-layer catalogue). */
struct cat_layer_stats {
	long sheet_rows; /* rows in the sheet layer */
	long overridden; /* built-in rows a sheet row replaced (same id, or provider+codes+message) */
	long added;      /* sheet rows the built-in layer does not hold */
	long same;       /* overriding rows equal to the built-in one but for white space */
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
	struct cat_layer_stats layers; /* filled by catalogue_layer_over */
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
