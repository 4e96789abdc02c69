/* test_jsonline.c - the JSON Lines fast path: on every line it accepts it must yield
 * exactly the callbacks YAJL (configured as jsonstream configures it) makes, and it must
 * accept the plain lines real logs are made of. Mutated log lines check the first rule on
 * input nobody wrote by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "import/logs/jsonline.h"
#include "tests/testlib.h"
#include "util/strbuf.h"

/* The callbacks as text: one letter per kind and the bytes of keys and scalars. */
static int y_null(void *c) { strbuf_adds(c, "n|"); return 1; }
static int y_bool(void *c, int b) { strbuf_adds(c, b ? "t|" : "f|"); return 1; }
static int y_num(void *c, const char *s, size_t n) { strbuf_addch(c, '#'); strbuf_add(c, s, n); strbuf_addch(c, '|'); return 1; }
static int y_str(void *c, const unsigned char *s, size_t n) { strbuf_addch(c, 's'); strbuf_add(c, s, n); strbuf_addch(c, '|'); return 1; }
static int y_key(void *c, const unsigned char *s, size_t n) { strbuf_addch(c, 'k'); strbuf_add(c, s, n); strbuf_addch(c, '|'); return 1; }
static int y_sm(void *c) { strbuf_adds(c, "{|"); return 1; }
static int y_em(void *c) { strbuf_adds(c, "}|"); return 1; }
static int y_sa(void *c) { strbuf_adds(c, "[|"); return 1; }
static int y_ea(void *c) { strbuf_adds(c, "]|"); return 1; }
static const yajl_callbacks ycb = { y_null, y_bool, NULL, NULL, y_num, y_str, y_sm, y_key, y_em, y_sa, y_ea };

/* YAJL's trace of the line, or -1 when YAJL rejects it. */
static int yajl_trace(const char *s, size_t n, struct strbuf *out)
{
	yajl_handle h = yajl_alloc(&ycb, NULL, out);
	int ok;

	yajl_config(h, yajl_allow_comments, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	yajl_config(h, yajl_allow_multiple_values, 1);
	ok = yajl_parse(h, (const unsigned char *)s, n) == yajl_status_ok &&
	     yajl_complete_parse(h) == yajl_status_ok;
	yajl_free(h);
	return ok ? 0 : -1;
}

static int f_str(void *c, const char *s, size_t n) { return y_str(c, (const unsigned char *)s, n); }
static int f_key(void *c, const char *s, size_t n) { return y_key(c, (const unsigned char *)s, n); }
static const struct jl_callbacks fcb = { y_null, y_bool, y_num, f_str, y_sm, f_key, y_em, y_sa, y_ea };

/* The fast path's trace, or -1 when it leaves the line to YAJL; then the callbacks it made
 * are for a prefix of the line and the last '}' is never among them. */
static int fast_trace(const char *s, size_t n, struct strbuf *out)
{
	size_t at = 0;
	int rc = jsonline_parse(s, n, &fcb, out, &at);

	if (rc != JL_OK) {
		struct strbuf y;
		strbuf_init(&y);
		/* what was called is a prefix of YAJL's trace, short of the final '}' */
		if (yajl_trace(s, n, &y) == 0) {
			CU_ASSERT(out->len < y.len && !memcmp(out->buf, y.buf, out->len));
		}
		strbuf_release(&y);
		return -1;
	}
	CU_ASSERT(at <= n && s[at - 1] == '}');
	return 0;
}

/* 1 when the fast path took the line; fails the test when it took it differently. */
static int check(const char *name, const char *s, size_t n)
{
	struct strbuf f, y;
	int took, same = 1;

	strbuf_init(&f);
	strbuf_init(&y);
	took = fast_trace(s, n, &f) == 0;
	if (took) {
		same = yajl_trace(s, n, &y) == 0 && f.len == y.len && !memcmp(f.buf, y.buf, f.len);
		if (!same)
			fprintf(stderr, "  %s: fast path took [%.*s] as [%s], YAJL: [%s]\n", name,
				(int)n, s, f.buf, y.buf);
	}
	CU_ASSERT(same);
	strbuf_release(&f);
	strbuf_release(&y);
	return took;
}

static const char mailgun_line[] =
	"{\"event\":\"failed\",\"severity\":\"permanent\",\"id\":\"JgkW21haPbrirVLtcKL2H9\","
	"\"timestamp\":1794182403.656776,\"envelope\":{\"sender\":\"bounce+x@mg.a.de\","
	"\"targets\":\"lena@gmail.com\"},\"tags\":[\"newsletter\",\"november\"],\"flags\":"
	"{\"is-authenticated\":true,\"is-test-mode\":false},\"campaigns\":[],\"x\":null,"
	"\"delivery-status\":{\"code\":550,\"retry\":-1.5e+3,\"message\":\"550 5.1.1 The email "
	"account that you tried to reach does not exist. b20-FYW2YLT.939 - gsmtp\"},"
	"\"user-variables\":{\"k\":\"Gr\xc3\xbc\xc3\x9f\x65\"}}\n";

static void test_table(void)
{
	static const struct {
		const char *name, *line;
		int fast; /* the fast path must take it (1), must leave it to YAJL (0), either (-1) */
	} cases[] = {
		{ "a Mailgun event", mailgun_line, 1 },
		{ "empty object", "{}\n", 1 },
		{ "nested empty", "{\"a\":{},\"b\":[],\"c\":[[],[{}]]}\r\n", 1 },
		{ "spaces everywhere", " { \"a\" : [ 1 , true , null ] } \n", 1 },
		{ "numbers", "{\"a\":0,\"b\":-0,\"c\":12.50,\"d\":1e5,\"e\":-2E-3,\"f\":10}", 1 },
		{ "escaped quote", "{\"a\":\"say \\\"hi\\\"\"}\n", 0 },
		{ "unicode escape", "{\"a\":\"\\u00fc\"}\n", 0 },
		{ "control character", "{\"a\":\"x\ty\"}\n", 0 },
		{ "comment", "{\"a\":1} // note\n", 0 },
		{ "two values", "{\"a\":1}{\"b\":2}\n", 0 },
		{ "top-level array", "[{\"a\":1}]\n", 0 },
		{ "top-level scalar", "42\n", 0 },
		{ "truncated", "{\"a\":\"b\n", 0 },
		{ "missing colon", "{\"a\" 1}\n", 0 },
		{ "trailing comma", "{\"a\":1,}\n", 0 },
		{ "leading zero", "{\"a\":01}\n", 0 },
		{ "bare dot", "{\"a\":1.}\n", 0 },
		{ "plus sign", "{\"a\":+1}\n", 0 },
		{ "word", "{\"a\":truth}\n", 0 },
		{ "single quotes", "{'a':1}\n", 0 },
		{ "mismatched", "{\"a\":[1}\n", 0 },
		{ "blank", "   \n", 0 },
		{ "NUL in a string", "{\"a\":\"x\0y\"}\n", -1 },
		{ "vertical tab", "{\"a\":1}\v\n", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = strlen(cases[i].line);
		int took;
		if (!strcmp(cases[i].name, "NUL in a string"))
			n = 12;
		took = check(cases[i].name, cases[i].line, n);
		if (cases[i].fast >= 0 && took != cases[i].fast)
			fprintf(stderr, "  %s: fast path %s it\n", cases[i].name, took ? "took" : "left");
		CU_ASSERT(cases[i].fast < 0 || took == cases[i].fast);
	}
}

static void test_deep(void)
{
	struct strbuf sb;
	int d;

	strbuf_init(&sb);
	for (d = 0; d < 40; d++)
		strbuf_adds(&sb, "{\"a\":");
	strbuf_adds(&sb, "1");
	for (d = 0; d < 40; d++)
		strbuf_addch(&sb, '}');
	CU_ASSERT(check("deeper than the fast path goes", sb.buf, sb.len) == 0);
	strbuf_release(&sb);
}

/* Every single-byte change of a log line: whatever the fast path takes, YAJL agrees on. */
static void test_mutations(void)
{
	static const char bytes[] = "{}[]:,\"\\ \t\n0123456789-+.eEtrufalsn/\x01\x80\xff" "ab";
	size_t n = strlen(mailgun_line), i, b;
	char *line = malloc(n);
	long took = 0;

	for (i = 0; i < n; i++) {
		for (b = 0; b < sizeof(bytes) - 1; b++) {
			memcpy(line, mailgun_line, n);
			line[i] = bytes[b];
			took += check("mutation", line, n);
		}
		took += check("cut", mailgun_line, i);
	}
	CU_ASSERT(took > 0);
	free(line);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "accepted lines give YAJL's callbacks, the rest goes to YAJL", test_table },
		{ "deep nesting goes to YAJL", test_deep },
		{ "mutated log lines: YAJL agrees with all the fast path takes", test_mutations },
	};
	return test_run("jsonline", cases, sizeof(cases) / sizeof(cases[0]));
}
