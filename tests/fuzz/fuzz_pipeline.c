/* fuzz_pipeline.c - a log all the way to the saved report: detection, reading,
 * classification, counting (agg, msgnorm), the document, its JSON and `merge`. The first
 * byte says where the records are cut into two shards; the rest is the log. The writers
 * that print a document (text, CSV, JSON, health) are fuzz_render's, on the same logs.
 * Invariant (README, "Scaling out"): the reports of the two shards, merged, are exactly
 * the report of one run over all the records, distinct addresses included (the shards
 * save them as hashes). One known exception is kept out by moving the cut back until no
 * classification-cache key is on both sides: messages that normalise alike but classify
 * apart (the cache classifies all by the first one seen; a message mangled so,
 * "421\xEF\xBF\xBD 4.3.0 ...", only a fuzzer sends). */
#define FUZZ_JSON_ARENA /* the documents' nodes from util/json_arena, as in the product */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "import/logread.h"
#include "report/aggregate/agg.h"
#include "report/match/msgnorm.h"
#include "report/doc/report_json.h"

#include "util/strmap.h"

struct shards {
	struct agg all, part[2];
	long n, cut;
};

/* First pass: the one run's counts, and where each classification-cache key (as agg.c's
 * build_key makes it) first and last is. */
struct spans {
	struct agg *all; /* borrowed: the one run */
	struct strmap keys;
	long *first, *last;
	size_t cap;
	long n;
	struct strbuf low;
};

static void span_key(struct spans *sp)
{
	int added;
	size_t k = strmap_intern(&sp->keys, sp->low.buf, sp->low.len, &added);

	if (k >= sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 64;
		sp->first = xrealloc(sp->first, sp->cap * sizeof(long));
		sp->last = xrealloc(sp->last, sp->cap * sizeof(long));
	}
	if (added)
		sp->first[k] = sp->n;
	sp->last[k] = sp->n;
}

static int on_first(void *ctx, const struct sh_record *r)
{
	struct spans *sp = ctx;
	struct strbuf *k = &sp->low;

	agg_add(sp->all, r);
	strbuf_reset(k);
	strbuf_adds(k, "k:");
	strbuf_add(k, r->esp.ptr, r->esp.len);
	strbuf_addf(k, "\x1f%d\x1f%s\x1f", r->smtp_code, r->enhanced);
	strbuf_add(k, r->esp_reason.ptr, r->esp_reason.len);
	strbuf_addch(k, '\x1f');
	strbuf_add(k, r->bounce_class.ptr, r->bounce_class.len);
	strbuf_addch(k, '\x1f');
	msgnorm(k, r->message.ptr, r->message.len);
	strbuf_addch(k, '\x1e');
	msgnorm(k, r->description.ptr, r->description.len);
	span_key(sp);
	sp->n++;
	return 0;
}

/* One read of the log, each record to cb (a duplicate table of its own each time). */
static void read_log(const uint8_t *data, size_t size, struct logread_cb cb)
{
	struct logread_opts o = { .dedupe = dedupe_new(fuzz_dedupe_capacity(data, size)) };
	struct logread *lr = logread_new("fuzz.log", &o, cb);
	struct sh_error err = { 0 };

	if (logread_feed(lr, (const char *)data, size, &err) == 0)
		logread_finish(lr, &err);
	logread_free(lr);
	dedupe_free(o.dedupe);
}

/* Reads the log into the one run (all); returns the largest cut <= want that no
 * classification-cache key spans, at most the number of records (*n). */
static long first_pass(const uint8_t *data, size_t size, long want, struct agg *all, long *n)
{
	struct spans sp;
	struct logread_cb cb = { on_first, &sp };
	long c, *open;
	size_t k;

	memset(&sp, 0, sizeof(sp));
	sp.all = all;
	strmap_init(&sp.keys);
	strbuf_init(&sp.low);
	read_log(data, size, cb);
	/* open[c] > 0: some key is seen both before c and at or after it */
	open = xcalloc((size_t)sp.n + 2, sizeof(long));
	for (k = 0; k < sp.keys.n; k++)
		if (sp.first[k] < sp.last[k]) {
			open[sp.first[k] + 1]++;
			open[sp.last[k] + 1]--;
		}
	for (c = 1; c <= sp.n + 1; c++)
		open[c] += open[c - 1];
	c = want < sp.n ? want : sp.n;
	while (c > 0 && open[c] > 0)
		c--;
	free(open);
	free(sp.first);
	free(sp.last);
	strbuf_release(&sp.low);
	strmap_release(&sp.keys);
	*n = sp.n;
	return c;
}

static int on_record(void *ctx, const struct sh_record *r)
{
	struct shards *s = ctx;

	agg_add(&s->part[s->n >= s->cut], r);
	s->n++;
	return 0;
}

static json_t *document(const struct agg *a, const struct report_inputs *in)
{
	struct report_meta meta;
	struct thresholds th;

	thresholds_default(&th);
	memset(&meta, 0, sizeof(meta));
	meta.inputs = in;
	meta.thresholds = &th;
	meta.generated_at = 1767225600.0;
	return report_to_json(a, &meta);
}

static void dump_differ(const json_t *a, const json_t *b)
{
	char *x = fuzz_json_text(a, JSON_INDENT(1) | JSON_SORT_KEYS);
	char *y = fuzz_json_text(b, JSON_INDENT(1) | JSON_SORT_KEYS);

	fprintf(stderr, "one run:\n%s\n--- merged shards:\n%s\n", x, y);
	abort();
}

/* The one run and the two shards' counts. When the cut leaves one shard empty (no record
 * before it, or none after: most inputs, their first byte being above their number of
 * records), the other shard's counts are those of the one run, made from the same records
 * in the same order: the first pass's are used instead of reading the log again. */
static void fill(const uint8_t *data, size_t size, struct shards *s, const struct agg *shard[2])
{
	struct logread_cb cb = { on_record, s };

	s->cut = first_pass(data + 1, size - 1, data[0], &s->all, &s->n);
	if (s->cut == 0 || s->cut >= s->n) {
		shard[s->cut == 0] = &s->all;
		shard[s->cut != 0] = &s->part[s->cut != 0]; /* empty */
		return;
	}
	s->n = 0;
	read_log(data + 1, size - 1, cb);
	shard[0] = &s->part[0];
	shard[1] = &s->part[1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agg_config cfg;
	struct shards s;
	const struct agg *shard[2];
	struct report_inputs in, none;
	struct agg merged;
	struct sh_error err = { 0 };
	json_t *one, *part[2], *back;
	int i;

	if (size < 1)
		return 0;
	memset(&cfg, 0, sizeof(cfg));
	cfg.matcher = fuzz_matcher();
	cfg.catalogue = fuzz_catalogue();
	memset(&s, 0, sizeof(s));
	agg_init(&s.all, &cfg);
	agg_init(&s.part[0], &cfg);
	agg_init(&s.part[1], &cfg);
	fill(data, size, &s, shard);

	report_inputs_init(&none);
	json_arena_begin(); /* every document of this input, freed by json_arena_end */
	one = document(&s.all, &none);

	/* merge the two shards' saved reports; a shard that is the one run (the other one
	 * empty) has the one run's document: the same counts, the same inputs */
	agg_init(&merged, &cfg);
	report_inputs_init(&in);
	for (i = 0; i < 2; i++) {
		char *text;
		json_t *saved;
		part[i] = shard[i] == &s.all ? json_incref(one) : document(shard[i], &none);
		text = fuzz_json_text(part[i], 0);
		saved = json_loads(text, 0, NULL);
		FUZZ_CHECK(saved != NULL);
		FUZZ_CHECK(report_from_json(&merged, &in, saved, "shard.json", &err) == 0);
		json_decref(saved);
		fuzz_json_free(text);
		json_decref(part[i]);
	}
	back = document(&merged, &in);
	if (!json_equal(one, back))
		dump_differ(one, back);
	json_decref(back);
	json_decref(one);
	json_arena_end();
	report_inputs_release(&in);
	report_inputs_release(&none);
	agg_release(&merged);
	agg_release(&s.all);
	agg_release(&s.part[0]);
	agg_release(&s.part[1]);
	return 0;
}
