/* fuzz_report_merge.c - a saved JSON report as `merge` and `report --compare` read it
 * (report_from_json, compare_build), then the document rebuilt from it as every writer
 * but XLSX prints it. The first byte picks the language and whether the input is also
 * merged with itself.
 * Invariants: the rebuilt document reads back into the same document (merge = one run);
 * every writer succeeds on it. */
#define FUZZ_JSON_ARENA /* the documents' nodes from util/json_arena, as in the product */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "report/aggregate/agg.h"
#include "report/doc/compare.h"
#include "report/render/csv_errors.h"
#include "report/doc/report_json.h"
#include "report/render/text.h"

static json_t *rebuild(const json_t *doc, int times, enum sh_lang lang, int *ok)
{
	struct agg_config cfg;
	struct agg a;
	struct report_inputs in;
	struct report_meta meta;
	struct thresholds th;
	struct sh_error err = { 0 };
	json_t *out = NULL;
	int i;

	memset(&cfg, 0, sizeof(cfg));
	cfg.matcher = fuzz_matcher();
	cfg.catalogue = fuzz_catalogue();
	agg_init(&a, &cfg);
	report_inputs_init(&in);
	*ok = 1;
	for (i = 0; i < times && *ok; i++)
		if (report_from_json(&a, &in, doc, "fuzz.json", &err) != 0) {
			FUZZ_CHECK(err.msg[0] != '\0');
			*ok = 0;
		}
	if (*ok) {
		thresholds_default(&th);
		memset(&meta, 0, sizeof(meta));
		meta.lang = lang;
		meta.inputs = &in;
		meta.thresholds = &th;
		meta.generated_at = 1767225600.0;
		out = report_to_json(&a, &meta);
		FUZZ_CHECK(out != NULL);
	}
	report_inputs_release(&in);
	agg_release(&a);
	return out;
}

static void write_all(const json_t *doc, enum sh_lang lang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	FUZZ_CHECK(fp != NULL);
	FUZZ_CHECK(text_write(doc, lang, fp, 0) == 0);
	FUZZ_CHECK(csv_errors_write(doc, lang, fp) == 0);
	FUZZ_CHECK(json_dumpf(doc, fp, JSON_INDENT(2)) == 0);
	fclose(fp);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *doc, *one, *two, *cmp;
	enum sh_lang lang;
	int ok, times;

	if (size < 1)
		return 0;
	lang = data[0] & 1 ? LANG_DE : LANG_EN;
	times = data[0] & 2 ? 2 : 1;
	json_arena_begin(); /* every document of this input, freed by json_arena_end */
	doc = json_loadb((const char *)data + 1, size - 1, 0, &jerr);
	if (!doc) {
		json_arena_end();
		return 0;
	}
	one = rebuild(doc, times, lang, &ok);
	if (ok) {
		int ok2;
		two = rebuild(one, 1, lang, &ok2);
		FUZZ_CHECK(ok2);
		if (!json_equal(one, two)) {
			char *a = fuzz_json_text(one, JSON_INDENT(1) | JSON_SORT_KEYS);
			char *b = fuzz_json_text(two, JSON_INDENT(1) | JSON_SORT_KEYS);
			fprintf(stderr, "merge of a rebuilt report changes it:\n%s\n---\n%s\n", a, b);
			abort();
		}
		json_decref(two);
		/* --compare: the saved report is the previous week */
		cmp = compare_build(one, doc);
		FUZZ_CHECK(cmp != NULL);
		json_object_set_new(one, "compare", cmp);
		write_all(one, lang);
		json_decref(one);
	}
	json_decref(doc);
	json_arena_end();
	return 0;
}
