/* fuzz_render.c - a log through to the written report, as `report` and `health` print it:
 * reading, classification, counting, the document, then every writer but XLSX (the text
 * report, the errors CSV for the shared sheet, `health`'s table and JSON). The first byte
 * is the options: bit 0 German (else English), bit 1 the client audience (else the
 * agency's), bit 2 coloured text; the rest is the log.
 * Invariants: every writer succeeds and writes no NUL byte; a client's document and what
 * is written from it name no input file (nothing of the agency's inside: report_json.h)
 * unless the log quotes the name itself. fuzz_pipeline checks
 * the same logs' documents saved and merged. */
#define FUZZ_JSON_ARENA /* the documents' nodes from util/json_arena, as in the product */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "import/logread.h"
#include "report/aggregate/agg.h"
#include "report/doc/report_json.h"
#include "report/render/csv_errors.h"
#include "report/render/health_out.h"
#include "report/render/text.h"

/* The name the log is read under: a client's report must not show it. */
#define LOG_NAME "fuzz-agency-input.log"

/* Whether the log itself holds the name (its messages may be quoted in any report). */
static int named_in(const uint8_t *data, size_t size)
{
	size_t n = strlen(LOG_NAME);
	const uint8_t *p = data, *end = data + size;

	while ((p = memchr(p, LOG_NAME[0], (size_t)(end - p))) && (size_t)(end - p) >= n) {
		if (!memcmp(p, LOG_NAME, n))
			return 1;
		p++;
	}
	return 0;
}

static int on_record(void *ctx, const struct sh_record *r)
{
	agg_add(ctx, r);
	return 0;
}

static void read_log(const uint8_t *data, size_t size, struct agg *a, struct report_inputs *in)
{
	struct logread_opts o = { .dedupe = dedupe_new(fuzz_dedupe_capacity(data, size)) };
	struct logread_cb cb = { on_record, a };
	struct logread *lr = logread_new(LOG_NAME, &o, cb);
	struct sh_error err = { 0 };

	if (logread_feed(lr, (const char *)data, size, &err) == 0)
		logread_finish(lr, &err);
	report_inputs_add(in, LOG_NAME, "file", "auto", a->records, 0, 0);
	logread_free(lr);
	dedupe_free(o.dedupe);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agg_config cfg;
	struct agg a;
	struct report_inputs in;
	struct report_meta meta;
	struct thresholds th;
	enum sh_lang lang;
	int client;
	json_t *doc;
	char *buf = NULL, *text;
	size_t len = 0;
	FILE *fp;

	if (size < 1)
		return 0;
	lang = data[0] & 1 ? LANG_DE : LANG_EN;
	client = (data[0] & 2) != 0;
	memset(&cfg, 0, sizeof(cfg));
	cfg.matcher = fuzz_matcher();
	cfg.catalogue = fuzz_catalogue();
	agg_init(&a, &cfg);
	report_inputs_init(&in);
	read_log(data + 1, size - 1, &a, &in);

	json_arena_begin(); /* the document, freed by json_arena_end */
	thresholds_default(&th);
	memset(&meta, 0, sizeof(meta));
	meta.lang = lang;
	meta.inputs = &in;
	meta.thresholds = &th;
	meta.generated_at = 1767225600.0;
	meta.audience = client ? AUDIENCE_CLIENT : AUDIENCE_AGENCY;
	doc = report_to_json(&a, &meta);
	FUZZ_CHECK(doc != NULL);

	fp = open_memstream(&buf, &len);
	FUZZ_CHECK(fp != NULL);
	FUZZ_CHECK(text_write(doc, lang, fp, (data[0] & 4) != 0) == 0);
	FUZZ_CHECK(csv_errors_write(doc, lang, fp) == 0);
	health_out_table(doc, NULL, fp);
	FUZZ_CHECK(health_out_json(doc, fp) == 0);
	FUZZ_CHECK(fflush(fp) == 0 && !ferror(fp));
	FUZZ_CHECK(strlen(buf) == len); /* no NUL byte written */
	if (client && !named_in(data, size)) {
		text = fuzz_json_text(doc, 0);
		FUZZ_CHECK(strstr(text, LOG_NAME) == NULL);
		fuzz_json_free(text);
		FUZZ_CHECK(strstr(buf, LOG_NAME) == NULL);
	}
	fclose(fp);
	free(buf);

	json_decref(doc);
	json_arena_end();
	report_inputs_release(&in);
	agg_release(&a);
	return 0;
}
