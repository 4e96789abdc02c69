/* store.c - which catalogue is in use: --catalogue FILE, $SENDHEALTH_CATALOGUE, the
 * built-in one with the sheet layer `catalogue sync` keeps laid over it, or the built-in
 * one alone; each read through the file
 * format (csv_catalogue.c). */
#include "catalogue/store.h"

#include <stdio.h>
#include <stdlib.h>

#include "catalogue/csv_catalogue.h"
#include "catalogue/layers.h"
#include "util/strbuf.h"

/* Generated at build time from data/catalogue.csv. */
extern const unsigned char sh_embedded_catalogue_csv[];
extern const unsigned long sh_embedded_catalogue_csv_len;

struct catalogue *catalogue_load_embedded(struct sh_error *err)
{
	struct catalogue *cat = catalogue_new();

	if (csv_catalogue_parse(cat, "(embedded)", (const char *)sh_embedded_catalogue_csv,
				sh_embedded_catalogue_csv_len, NULL, err) != 0) {
		catalogue_free(cat);
		return NULL;
	}
	free(cat->source);
	cat->source = xstrdup("built-in catalogue");
	cat->kind = CAT_SRC_EMBEDDED;
	return cat;
}

char *catalogue_synced_path(void)
{
	struct strbuf sb;
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	strbuf_init(&sb);
	if (xdg && *xdg)
		strbuf_addf(&sb, "%s/sendhealth/catalogue.csv", xdg);
	else if (home && *home)
		strbuf_addf(&sb, "%s/.local/share/sendhealth/catalogue.csv", home);
	else
		return NULL;
	return strbuf_detach(&sb, NULL);
}

static struct catalogue *load_file(const char *path, enum cat_source_kind kind,
				   struct sh_error *err)
{
	struct catalogue *cat = catalogue_new();

	if (csv_catalogue_read_file(cat, path, NULL, err) != 0) {
		catalogue_free(cat);
		return NULL;
	}
	free(cat->source);
	cat->source = xstrdup(path);
	cat->kind = kind;
	return cat;
}

static void set_layer(struct catalogue *cat, enum cat_layer layer)
{
	size_t i;

	for (i = 0; i < cat->n; i++)
		cat->entries[i].layer = layer;
}

struct catalogue *catalogue_load_layered(const char *sheet_path, struct sh_error *err)
{
	struct catalogue *sheet = load_file(sheet_path, CAT_SRC_SYNCED, err);
	struct catalogue *cat;

	if (!sheet)
		return NULL;
	if (!(cat = catalogue_load_embedded(err))) {
		catalogue_free(sheet);
		return NULL;
	}
	catalogue_layer_over(cat, sheet);
	catalogue_free(sheet);
	free(cat->source);
	cat->source = xstrdup(sheet_path);
	cat->kind = CAT_SRC_SYNCED;
	return cat;
}

static struct catalogue *load_whole(const char *path, enum cat_source_kind kind,
				    struct sh_error *err)
{
	struct catalogue *cat = load_file(path, kind, err);

	if (cat)
		set_layer(cat, CAT_LAYER_FILE);
	return cat;
}

struct catalogue *catalogue_load_default(const char *flag, struct sh_error *err)
{
	const char *env = getenv("SENDHEALTH_CATALOGUE");
	char *synced;
	struct catalogue *cat = NULL;
	FILE *fp;

	if (flag && *flag)
		return load_whole(flag, CAT_SRC_FLAG, err);
	if (env && *env)
		return load_whole(env, CAT_SRC_ENV, err);
	synced = catalogue_synced_path();
	if (synced && (fp = fopen(synced, "r")) != NULL) {
		fclose(fp);
		cat = catalogue_load_layered(synced, err);
		free(synced);
		return cat;
	}
	free(synced);
	return catalogue_load_embedded(err);
}
