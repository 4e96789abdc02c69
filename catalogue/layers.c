/* layers.c - the sheet laid over the built-in catalogue (see layers.h). */
#include "catalogue/layers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

int catalogue_cell_same(const char *a, const char *b)
{
	a = skip_space(a);
	b = skip_space(b);
	while (*a && *b) {
		if (isspace((unsigned char)*a) || isspace((unsigned char)*b)) {
			if (!isspace((unsigned char)*a) || !isspace((unsigned char)*b))
				return 0;
			a = skip_space(a);
			b = skip_space(b);
			continue;
		}
		if (*a++ != *b++)
			return 0;
	}
	return !*skip_space(a) && !*skip_space(b);
}

int catalogue_entry_same(const struct cat_entry *a, const struct cat_entry *b)
{
	int f;

	for (f = 0; f < CAT_NFIELDS; f++)
		if (!catalogue_cell_same(a->f[f], b->f[f]))
			return 0;
	return 1;
}

const char *catalogue_layer_name(enum cat_layer layer)
{
	switch (layer) {
	case CAT_LAYER_BUILTIN:
		return "built-in";
	case CAT_LAYER_SHEET:
		return "sheet";
	case CAT_LAYER_FILE:
		return "file";
	}
	return "built-in";
}

/* Same provider, codes and message (white space folded), and something to compare. */
static int same_key(const struct cat_entry *a, const struct cat_entry *b)
{
	static const enum cat_field key[] = { CAT_PROVIDER, CAT_HTTP_STATUS, CAT_SMTP_CODE,
					      CAT_ENHANCED_CODE, CAT_OUTLOOK_CODE, CAT_MESSAGE };
	size_t i;

	if (!*skip_space(a->f[CAT_MESSAGE]))
		return 0; /* codes alone do not name one row: several rows share a code */
	for (i = 0; i < sizeof(key) / sizeof(key[0]); i++)
		if (!catalogue_cell_same(a->f[key[i]], b->f[key[i]]))
			return 0;
	return 1;
}

/* The base row s overrides: same id first, else the first built-in row (by position) with
 * the same key; -1 for none. */
static long find_beneath(const struct catalogue *base, size_t nbuiltin, const struct cat_entry *s)
{
	size_t i;

	for (i = 0; i < base->n; i++)
		if (!strcmp(base->entries[i].f[CAT_ID], s->f[CAT_ID]))
			return (long)i;
	for (i = 0; i < nbuiltin; i++)
		if (same_key(&base->entries[i], s))
			return (long)i;
	return -1;
}

static void override(struct cat_entry *b, const struct cat_entry *s)
{
	int f;

	for (f = 0; f < CAT_NFIELDS; f++) {
		if (f == CAT_ID || catalogue_cell_same(b->f[f], s->f[f]))
			continue;
		free(b->f[f]);
		b->f[f] = xstrdup(s->f[f]);
	}
	b->layer = CAT_LAYER_SHEET;
}

void catalogue_layer_over(struct catalogue *base, const struct catalogue *sheet)
{
	size_t i, nbuiltin = base->n;

	memset(&base->layers, 0, sizeof(base->layers));
	base->layers.sheet_rows = (long)sheet->n;
	for (i = 0; i < sheet->n; i++) {
		const struct cat_entry *s = &sheet->entries[i];
		long at = find_beneath(base, nbuiltin, s);
		if (at < 0) {
			struct cat_entry *e = catalogue_add(base, (const char *const *)s->f);
			e->layer = CAT_LAYER_SHEET;
			base->layers.added++;
			continue;
		}
		if (base->entries[at].layer == CAT_LAYER_BUILTIN) {
			base->layers.overridden++;
			base->layers.same += catalogue_entry_same(&base->entries[at], s);
		}
		override(&base->entries[at], s);
	}
}
