/* fuzz_classifier.c - the message classifier against the built-in catalogue: a record's
 * fields (provider, codes, message, ESP reason, bounce class; its severity from the flags)
 * as a log delivers them, and a pasted query as `explain` takes it; plus the code finders
 * and the message normaliser on unterminated buffers. Input: NUL-separated fields; the
 * first byte holds flags. */
#include "tests/fuzz/fuzz.h"

#include "report/match/msgnorm.h"
#include "util/smtp_codes.h"
#include "util/text.h"

static void check_result(const struct match_result *r)
{
	FUZZ_CHECK(r->how != NULL);
	FUZZ_CHECK(r->tier <= TIER_LAST);
	FUZZ_CHECK(r->tier == TIER_NONE || r->tier == TIER_CODE_CLASS || r->tier == TIER_ESP_REASON ||
		   r->tier == TIER_EVIDENCE || r->entry != NULL);
	FUZZ_CHECK(r->nwhy <= MATCH_WHY_MAX);
	FUZZ_CHECK(r->tier != TIER_EVIDENCE || r->category != CATEGORY_UNKNOWN);
	FUZZ_CHECK((unsigned)r->category < CATEGORY_COUNT);
}

static void classify(const struct match_input *in)
{
	struct match_result r, cand[16];
	size_t n, i;

	matcher_classify(fuzz_matcher(), in, &r);
	check_result(&r);
	n = matcher_candidates(fuzz_matcher(), in, cand, 16);
	FUZZ_CHECK(n <= 16);
	for (i = 0; i < n; i++)
		check_result(&cand[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct match_input in;
	struct match_query q;
	struct strbuf norm;
	char enh[16], *f[7], *whole;
	unsigned flags;
	int i;
	long code;

	if (size < 1)
		return 0;
	/* the finders and the normaliser take (ptr, len): no NUL after the end */
	smtp_find_enhanced((const char *)data, size, enh);
	FUZZ_CHECK(memchr(enh, 0, sizeof(enh)) != NULL);
	code = smtp_find_code((const char *)data, size);
	FUZZ_CHECK(code >= 0 && code <= 999);
	strbuf_init(&norm);
	msgnorm(&norm, (const char *)data, size);
	FUZZ_CHECK(norm.len <= MSGNORM_MAX + 8);
	FUZZ_CHECK(strlen(norm.buf) == norm.len);
	/* valid UTF-8 in, valid UTF-8 out: the form keys JSON reports */
	if (text_utf8_valid((const char *)data, size) && !memchr(data, 0, size))
		FUZZ_CHECK(text_utf8_valid(norm.buf, norm.len));
	strbuf_release(&norm);

	flags = data[0];
	data++;
	size--;
	whole = xstrndup((const char *)data, size);
	for (i = 0; i < 7; i++)
		f[i] = fuzz_take(&data, &size);
	memset(&in, 0, sizeof(in));
	in.provider = *f[0] ? f[0] : NULL;
	in.smtp_code = text_parse_long(f[1], 0, 999, &code) == 0 ? (int)code : 0;
	in.enhanced = *f[2] ? f[2] : NULL;
	in.outlook_code = *f[3] ? f[3] : NULL;
	in.text = *f[4] ? f[4] : NULL;
	in.esp_reason = *f[5] ? f[5] : NULL;
	in.bounce_class = *f[6] ? f[6] : NULL;
	in.explain = flags & 1;
	in.bare_code = (flags >> 1) & 1;
	in.severity = (enum sh_severity)((flags >> 3) % 3); /* unknown, final failure, deferral */
	classify(&in);

	/* `explain TEXT`: the whole input as one pasted error */
	memset(&in, 0, sizeof(in));
	memset(&q, 0, sizeof(q));
	if (matcher_parse_query(whole, &q, &in) == 0) {
		if (flags & 4)
			in.provider = "mailgun";
		classify(&in);
	}
	matcher_query_release(&q);
	for (i = 0; i < 7; i++)
		free(f[i]);
	free(whole);
	return 0;
}
