/* fuzz_catalogue_csv.c - the catalogue CSV import (`catalogue import|check|sync`: the shared
 * sheet anyone with edit rights can change). The first byte picks the options and the
 * fixed reply the matcher classifies; the rest is the CSV. Invariants: a parse that succeeds wrote entries that pass their own check, that
 * write out and read back to the same entries, and that a matcher can be built from and
 * classify with (their patterns come from the sheet). */
#include "tests/fuzz/fuzz.h"

#include "catalogue/csv_catalogue.h"

static const char *const providers[] = { NULL, "mailgun", "gmail", "outlook" };

static void check_round_trip(const struct catalogue *cat)
{
	struct catalogue *back = catalogue_new();
	struct sh_error err = { 0 };
	char *buf = NULL;
	size_t len = 0, i;
	int f;
	FILE *fp = open_memstream(&buf, &len);

	FUZZ_CHECK(fp != NULL);
	FUZZ_CHECK(csv_catalogue_write(cat, fp) == 0);
	FUZZ_CHECK(fclose(fp) == 0);
	if (csv_catalogue_parse(back, "round-trip.csv", buf, len, NULL, &err) != 0) {
		fprintf(stderr, "written catalogue does not read back: %s\n", err.msg);
		abort();
	}
	FUZZ_CHECK(back->n == cat->n);
	for (i = 0; i < cat->n; i++)
		for (f = 0; f < CAT_NFIELDS; f++)
			if (strcmp(back->entries[i].f[f], cat->entries[i].f[f])) {
				fprintf(stderr, "entry %zu field %s: '%s' read back as '%s'\n", i,
					catalogue_field_name((enum cat_field)f),
					cat->entries[i].f[f], back->entries[i].f[f]);
				abort();
			}
	catalogue_free(back);
	free(buf);
}

/* Classifies one of the fixed replies (picked by the option byte: each run of the matcher
 * over every row costs as much as the parse, so one of them a run, not all three) and the
 * input's own head. */
static void classify_with(const struct catalogue *cat, const char *text, unsigned pick)
{
	struct matcher *m = matcher_new(cat);
	struct match_input in;
	struct match_result r, cand[8];
	static const char *const msgs[] = {
		"550 5.1.1 The email account that you tried to reach does not exist",
		"421 4.7.0 Try again later, closing connection.",
		"554 5.7.1 Service unavailable; Client host [1.2.3.4] blocked using Spamhaus",
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		memset(&in, 0, sizeof(in));
		in.provider = (pick + i) & 1 ? "gmail" : "mailgun";
		in.text = i == 0 ? msgs[pick % 3] : text;
		in.smtp_code = 550;
		in.enhanced = "5.1.1";
		matcher_classify(m, &in, &r);
		FUZZ_CHECK(r.how != NULL);
		FUZZ_CHECK(matcher_candidates(m, &in, cand, 8) <= 8);
	}
	matcher_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalogue *cat;
	struct csv_catalogue_opts opts = { 0 };
	struct sh_error err = { 0 };
	struct sh_sink sink;
	long reports = 0;
	size_t i;
	unsigned pick;
	char *text;

	if (size < 1)
		return 0;
	opts.provider = providers[data[0] & 3];
	opts.base = data[0] & 4 ? fuzz_catalogue() : NULL;
	pick = data[0] >> 3;
	sink.record = fuzz_sink_record;
	sink.ctx = &reports;
	opts.sink = &sink;
	data++;
	size--;
	cat = catalogue_new();
	if (csv_catalogue_parse(cat, "fuzz.csv", (const char *)data, size, &opts, &err) == 0) {
		FUZZ_CHECK(cat->n > 0 && (size_t)opts.added == cat->n);
		FUZZ_CHECK(reports == opts.skipped);
		for (i = 0; i < cat->n; i++) {
			struct sh_error e = { 0 };
			FUZZ_CHECK(catalogue_entry_check(&cat->entries[i], &e) == 0);
		}
		check_round_trip(cat);
		text = xstrndup((const char *)data, size > 200 ? 200 : size);
		classify_with(cat, text, pick);
		free(text);
	} else {
		FUZZ_CHECK(cat->n == 0);
		FUZZ_CHECK(err.msg[0] != '\0');
	}
	catalogue_free(cat);
	return 0;
}
