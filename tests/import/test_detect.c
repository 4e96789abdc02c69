/* test_detect.c - JSON Lines framing (detect_json_lines): the lines of a log each hold a
 * complete JSON value, a pretty-printed document does not. Plain lines are decided by the
 * fast path's checker and the rest by YAJL; the answer must be the one YAJL alone gives
 * (a parser per line, as before), which a reference here computes, on hand-written inputs
 * and on mutations of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "import/detect.h"
#include "import/logs/jsonstream.h"
#include "tests/testlib.h"
#include "util/strbuf.h"

/* ---- the reference: YAJL on each line, a new parser each time ------------------------ */

struct depth {
	int depth, max_depth;
};

static int r_start(void *ctx)
{
	struct depth *d = ctx;

	if (++d->depth > d->max_depth)
		d->max_depth = d->depth;
	return d->depth <= JS_MAX_DEPTH;
}

static int r_end(void *ctx)
{
	((struct depth *)ctx)->depth--;
	return 1;
}

static int r_scalar(void *ctx) { (void)ctx; return 1; }
static int r_bool(void *ctx, int b) { (void)b; return r_scalar(ctx); }
static int r_number(void *ctx, const char *s, size_t n) { (void)s; (void)n; return r_scalar(ctx); }
static int r_string(void *ctx, const unsigned char *s, size_t n) { (void)s; (void)n; return r_scalar(ctx); }

static const yajl_callbacks ref_callbacks = {
	r_scalar, r_bool, NULL, NULL, r_number, r_string, r_start, r_string, r_end, r_start, r_end,
};

static int ref_whole(const char *p, size_t n)
{
	struct depth d = { 0, 0 };
	yajl_handle h = yajl_alloc(&ref_callbacks, NULL, &d);
	yajl_status st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	yajl_config(h, yajl_allow_comments, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	yajl_config(h, yajl_allow_multiple_values, 1);
	st = yajl_parse(h, (const unsigned char *)p, n);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	yajl_free(h);
	return st == yajl_status_ok && d.depth == 0 && d.max_depth > 0;
}

static int ref_json_lines(const char *buf, size_t len, int eof)
{
	const char *p = buf, *end = buf + len;
	int checked = 0, whole = 0;

	while (p < end && checked < 16) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end, *q = p;
		if (!nl && !eof)
			break;
		while (q < stop && (*q == ' ' || (*q >= '\t' && *q <= '\r')))
			q++;
		if (q < stop) {
			checked++;
			whole += ref_whole(q, (size_t)(stop - q));
		}
		p = nl ? nl + 1 : end;
	}
	if (!checked)
		return JS_AUTO;
	return whole * 2 > checked ? JS_LINES : JS_STREAM;
}

/* detect_json_lines on an exact-size copy (a read past the end shows under ASan), checked
 * against the reference. */
static int framing(const char *name, const char *s, size_t n, int eof)
{
	char *copy = malloc(n ? n : 1);
	int got, want;

	memcpy(copy, s, n);
	got = detect_json_lines(copy, n, eof);
	want = ref_json_lines(copy, n, eof);
	if (got != want)
		fprintf(stderr, "  %s: [%.*s] framed %d, YAJL alone says %d\n", name, (int)n, s,
			got, want);
	CU_ASSERT_EQUAL(got, want);
	free(copy);
	return got;
}

/* ---- cases ---------------------------------------------------------------------------- */

#define EV "{\"event\":\"failed\",\"id\":\"a\",\"timestamp\":1}"

static void test_table(void)
{
	static const struct {
		const char *name, *in;
		int want;
	} cases[] = {
		{ "plain lines", EV "\n" EV "\n" EV "\n", JS_LINES },
		{ "CRLF and blank lines", EV "\r\n\r\n  \n" EV "\r\n", JS_LINES },
		{ "pretty-printed", "{\n \"event\": \"failed\",\n \"id\": \"a\"\n}\n", JS_STREAM },
		{ "array lines (webhook batches)", "[" EV "," EV "]\n[]\n", JS_LINES },
		{ "comments (YAJL)", EV " // x\n/* y */ " EV "\n" EV "\n", JS_LINES },
		{ "escapes (YAJL)", "{\"id\":\"a\\n\\u00e9\"}\n{\"m\":\"\\\"\"}\n", JS_LINES },
		{ "form feed after a value (YAJL)", EV "\f\n" EV "\v\n", JS_LINES },
		{ "two values a line (YAJL)", EV " " EV "\n1 " EV "\n", JS_LINES },
		{ "scalars only are not events", "1\n2\n\"x\"\n" EV "\n", JS_STREAM },
		{ "trailing commas", "[1,]\n{\"a\":1,}\n" EV "\n", JS_STREAM },
		{ "number overflow is no error here", "{\"t\":1e999999,\"n\":123456789012345678901234567890}\n",
		  JS_LINES },
		{ "invalid UTF-8 in strings", "{\"id\":\"a\xff\xfe\"}\n{\"id\":\"\xc3\"}\n", JS_LINES },
		{ "no line ends yet", "{\"event\":\"failed\"", JS_AUTO },
		{ "only white space", " \n\t\n", JS_AUTO },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = framing(cases[i].name, cases[i].in, strlen(cases[i].in),
				  strcmp(cases[i].name, "no line ends yet") != 0);
		if (got != cases[i].want)
			fprintf(stderr, "  %s: got %d, want %d\n", cases[i].name, got, cases[i].want);
		CU_ASSERT_EQUAL(got, cases[i].want);
	}
}

/* levels containers, objects and arrays by turns, around a 1. */
static void nest(struct strbuf *sb, int levels)
{
	int i;

	for (i = 0; i < levels; i++)
		strbuf_adds(sb, i % 2 ? "[" : "{\"k\":");
	strbuf_addch(sb, '1');
	for (i = levels - 1; i >= 0; i--)
		strbuf_addch(sb, i % 2 ? ']' : '}');
	strbuf_addch(sb, '\n');
}

/* Nesting: past 32 levels is past the fast path (YAJL takes it), past JS_MAX_DEPTH is not a
 * whole value (YAJL is stopped there, as the sniffer stops it). */
static void test_depth(void)
{
	static const struct {
		int levels, want;
	} cases[] = {
		{ 31, JS_LINES }, { 32, JS_LINES }, { 33, JS_LINES }, { 40, JS_LINES },
		{ JS_MAX_DEPTH, JS_LINES }, { JS_MAX_DEPTH + 1, JS_STREAM }, { 70, JS_STREAM },
	};
	struct strbuf sb;
	size_t k;

	strbuf_init(&sb);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		strbuf_reset(&sb);
		nest(&sb, cases[k].levels);
		nest(&sb, cases[k].levels);
		strbuf_adds(&sb, EV "\n");
		TEST_LONG_EQ(framing("nested", sb.buf, sb.len, 1), cases[k].want);
	}
	strbuf_release(&sb);
}

/* A token at the end of a line that YAJL keeps while it waits for its end: short ones in
 * the stack buffer, long ones (past its 4 KiB) on the heap; many lines in a row reuse it. */
static void test_long_tokens(void)
{
	struct strbuf sb;
	size_t sizes[] = { 10, 1500, 2100, 3000, 4200, 9000, 70000 };
	size_t k, i;

	strbuf_init(&sb);
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, EV " ");
		for (i = 0; i < sizes[k]; i++)
			strbuf_addch(&sb, '9');
		strbuf_adds(&sb, "\n" EV "\n" EV " 12\n");
		CU_ASSERT_EQUAL(framing("a long number after a value", sb.buf, sb.len, 1), JS_LINES);
		strbuf_reset(&sb);
		strbuf_adds(&sb, "{\"message\": \"");
		for (i = 0; i < sizes[k]; i++)
			strbuf_addch(&sb, 'x');
		strbuf_adds(&sb, "\n" EV "\n/* a comment \n");
		CU_ASSERT_EQUAL(framing("a string cut by its line", sb.buf, sb.len, 1), JS_STREAM);
	}
	strbuf_reset(&sb);
	for (k = 0; k < 16; k++) {
		strbuf_adds(&sb, "{\"a\":\"\\n\"} ");
		for (i = 0; i < 700 * k; i++)
			strbuf_addch(&sb, '1');
		strbuf_addch(&sb, '\n');
	}
	CU_ASSERT_EQUAL(framing("sixteen YAJL lines", sb.buf, sb.len, 1), JS_LINES);
	strbuf_release(&sb);
}

/* Every one-byte change of a few lines of log, as a whole input and cut short: the framing
 * is YAJL's each time. */
static void test_mutations(void)
{
	static const char text[] =
		"{\"event\":\"failed\",\"id\":\"x1\",\"timestamp\":1794182410.5,\"recipient\":\"a@b.de\","
		"\"delivery-status\":{\"code\":550,\"message\":\"no such user\",\"tls\":true},"
		"\"tags\":[],\"flags\":{\"is-test\":false},\"v\":null}\n"
		"[{\"email\":\"a@x.de\",\"event\":\"bounce\",\"reason\":\"550 \\\"no\\\"\"}]\n"
		"{\"event\":\"failed\"} // note\n";
	static const char bytes[] = "{}[]:,\"\\ /*\n\r\f0-.etfn\x01\xff" "ab";
	size_t n = sizeof(text) - 1, i, b;
	char *mut = malloc(n);
	int seen[3] = { 0, 0, 0 };

	for (i = 0; i < n; i++) {
		for (b = 0; b < sizeof(bytes) - 1; b++) {
			memcpy(mut, text, n);
			mut[i] = bytes[b];
			seen[framing("mutation", mut, n, 1)]++;
		}
		framing("cut", text, i, 1);
		framing("cut, more to come", text, i, 0);
	}
	/* the mutations reach both answers */
	CU_ASSERT(seen[JS_LINES] > 0 && seen[JS_STREAM] > 0);
	free(mut);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "JSON Lines framing: lines a user writes", test_table },
		{ "nesting past the fast path and past the cap", test_depth },
		{ "long tokens at a line's end, on the stack and on the heap", test_long_tokens },
		{ "mutated lines: the framing YAJL alone gives", test_mutations },
	};
	return test_run("detect", cases, sizeof(cases) / sizeof(cases[0]));
}
