/* fuzz_catalogue_layers.c - the sheet laid over the built-in catalogue (catalogue/layers.c,
 * what `catalogue sync|import` installs and every later run loads). The input is two CSVs
 * split at the first NUL: the layer beneath (or the built-in catalogue's first rows when the
 * first part does not parse) and the sheet. Invariants: every row beneath keeps its id; a row
 * still marked built-in is unchanged; a row marked sheet holds some sheet row's cells (but for
 * white space and the id); the counts add up; laying the same sheet over a fresh copy gives
 * the same catalogue (a second sync is a no-op); a matcher can classify with it. */
#include "tests/fuzz/fuzz.h"

#include "catalogue/csv_catalogue.h"
#include "catalogue/layers.h"

/* The built-in rows the fallback layer holds: the catalogue's first rows (those the seeds'
 * sheets copy). All 372 made each run copy, compare and compile ~30 times what the layering
 * needs, at ~30 runs/s; which rows lie beneath does not change what the merge does. */
#define BELOW_ROWS 48

static struct catalogue *parse(const char *s, int fallback)
{
	struct catalogue *cat = catalogue_new();
	size_t i;

	if (csv_catalogue_parse(cat, "fuzz.csv", s, strlen(s), NULL, NULL) == 0)
		return cat;
	catalogue_free(cat);
	cat = catalogue_new();
	if (fallback)
		for (i = 0; i < fuzz_catalogue()->n && i < BELOW_ROWS; i++)
			catalogue_add(cat, (const char *const *)fuzz_catalogue()->entries[i].f);
	return cat;
}

static int same_but_id(const struct cat_entry *a, const struct cat_entry *b)
{
	int f;

	for (f = 0; f < CAT_NFIELDS; f++)
		if (f != CAT_ID && !catalogue_cell_same(a->f[f], b->f[f]))
			return 0;
	return 1;
}

static void check_layered(const struct catalogue *before, const struct catalogue *sheet,
			  const struct catalogue *cat)
{
	size_t i, j, nsheet = 0;

	FUZZ_CHECK(cat->n == before->n + (size_t)cat->layers.added);
	FUZZ_CHECK(cat->layers.sheet_rows == (long)sheet->n);
	FUZZ_CHECK(cat->layers.added + cat->layers.overridden <= cat->layers.sheet_rows);
	FUZZ_CHECK(cat->layers.same <= cat->layers.overridden);
	for (i = 0; i < before->n; i++) {
		FUZZ_CHECK(!strcmp(cat->entries[i].f[CAT_ID], before->entries[i].f[CAT_ID]));
		if (cat->entries[i].layer == CAT_LAYER_BUILTIN)
			FUZZ_CHECK(catalogue_entry_same(&cat->entries[i], &before->entries[i]));
	}
	for (i = 0; i < cat->n; i++) {
		int found = 0;
		if (cat->entries[i].layer != CAT_LAYER_SHEET)
			continue;
		nsheet++;
		for (j = 0; j < sheet->n && !found; j++)
			found = same_but_id(&cat->entries[i], &sheet->entries[j]);
		FUZZ_CHECK(found);
	}
	FUZZ_CHECK(nsheet <= sheet->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *below_csv = fuzz_take(&data, &size);
	char *sheet_csv = fuzz_take(&data, &size);
	struct catalogue *below = parse(below_csv, 1), *sheet = parse(sheet_csv, 0);
	struct catalogue *once = parse(below_csv, 1), *twice = parse(below_csv, 1);
	struct matcher *m;
	struct match_result r;
	struct match_input in = { 0 };
	size_t i;

	catalogue_layer_over(once, sheet);
	check_layered(below, sheet, once);
	catalogue_layer_over(twice, sheet);
	FUZZ_CHECK(twice->n == once->n);
	for (i = 0; i < once->n; i++) {
		FUZZ_CHECK(catalogue_entry_same(&once->entries[i], &twice->entries[i]));
		FUZZ_CHECK(once->entries[i].layer == twice->entries[i].layer);
	}
	m = matcher_new(once);
	in.text = sheet_csv;
	in.smtp_code = 550;
	matcher_classify(m, &in, &r);
	FUZZ_CHECK(r.how != NULL);
	matcher_free(m);
	catalogue_free(below);
	catalogue_free(sheet);
	catalogue_free(once);
	catalogue_free(twice);
	free(below_csv);
	free(sheet_csv);
	return 0;
}
