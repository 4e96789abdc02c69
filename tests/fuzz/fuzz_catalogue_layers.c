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
 * sheets copy). Each run copies them, compares them and builds a matcher over them: all 372
 * gave ~30 runs/s, 48 ~120; which rows lie beneath does not change what the merge does. */
#define BELOW_ROWS 6
/* The bytes of the sheet's text the matcher classifies. */
#define CLASSIFY_MAX 512

/* A copy of the rows of src (what a second parse of the same text gives, at a fraction of its
 * cost). */
static struct catalogue *copy_of(const struct catalogue *src, size_t rows)
{
	struct catalogue *cat = catalogue_new();
	size_t i;

	for (i = 0; i < src->n && i < rows; i++)
		catalogue_add(cat, (const char *const *)src->entries[i].f)->layer =
			src->entries[i].layer;
	return cat;
}

static struct catalogue *parse(const char *s, int fallback)
{
	struct catalogue *cat = catalogue_new();

	if (csv_catalogue_parse(cat, "fuzz.csv", s, strlen(s), NULL, NULL) == 0 || !fallback)
		return cat;
	catalogue_free(cat);
	return copy_of(fuzz_catalogue(), BELOW_ROWS);
}

static int same_but_id(const struct cat_entry *a, const struct cat_entry *b)
{
	int f;

	for (f = 0; f < CAT_NFIELDS; f++)
		if (f != CAT_ID && !catalogue_cell_same(a->f[f], b->f[f]))
			return 0;
	return 1;
}

/* Byte for byte the same cells (stronger than catalogue_entry_same, which folds white space,
 * and a tenth of its cost under the fuzzer's instrumentation: what a row untouched by the
 * merge, or the same merge done twice, must give). */
static int identical(const struct cat_entry *a, const struct cat_entry *b)
{
	int f;

	for (f = 0; f < CAT_NFIELDS; f++)
		if (strcmp(a->f[f], b->f[f]))
			return 0;
	return a->layer == b->layer;
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
			FUZZ_CHECK(identical(&cat->entries[i], &before->entries[i]));
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
	struct catalogue *once = copy_of(below, below->n);
	struct matcher *m;
	struct match_result r;
	struct match_input in = { 0 };
	size_t i;

	catalogue_layer_over(once, sheet);
	check_layered(below, sheet, once);
	catalogue_layer_over(below, sheet); /* below, checked, is the second fresh copy */
	FUZZ_CHECK(below->n == once->n);
	for (i = 0; i < once->n; i++)
		FUZZ_CHECK(identical(&once->entries[i], &below->entries[i]));
	m = matcher_new(once);
	/* a log's message, not a whole sheet: strstr over 60 KiB for each of the matcher's
	 * words was a fifth of a run */
	if (strlen(sheet_csv) > CLASSIFY_MAX)
		sheet_csv[CLASSIFY_MAX] = '\0';
	in.text = sheet_csv;
	in.smtp_code = 550;
	matcher_classify(m, &in, &r);
	FUZZ_CHECK(r.how != NULL);
	matcher_free(m);
	catalogue_free(below);
	catalogue_free(sheet);
	catalogue_free(once);
	free(below_csv);
	free(sheet_csv);
	return 0;
}
