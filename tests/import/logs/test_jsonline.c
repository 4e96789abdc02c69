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

/* Skipping: keys starting with "x" ask for their value to be skipped. The fast path's
 * trace must then be YAJL's with those values cut out (the keys stay). */
struct pruned {
	struct strbuf sb;
	int depth, skip_at, pending; /* skip_at > 0: inside a skipped value opened there */
};

static int p_quiet(struct pruned *p)
{
	if (p->pending) { /* the value the pending key skips starts here */
		p->pending = 0;
		p->skip_at = p->depth + 1;
	}
	return p->skip_at > 0;
}
static void p_done(struct pruned *p)
{
	if (p->skip_at == p->depth + 1)
		p->skip_at = 0; /* the skipped value ended */
}
static int p_scalar(void *c, const char *tag, const char *s, size_t n)
{
	struct pruned *p = c;
	if (!p_quiet(p)) {
		strbuf_adds(&p->sb, tag);
		strbuf_add(&p->sb, s, n);
		strbuf_addch(&p->sb, '|');
	}
	p_done(p);
	return 1;
}
static int p_null(void *c) { return p_scalar(c, "n", "", 0); }
static int p_bool(void *c, int b) { return p_scalar(c, b ? "t" : "f", "", 0); }
static int p_num(void *c, const char *s, size_t n) { return p_scalar(c, "#", s, n); }
static int p_ystr(void *c, const unsigned char *s, size_t n) { return p_scalar(c, "s", (const char *)s, n); }
static int p_str(void *c, const char *s, size_t n) { return p_scalar(c, "s", s, n); }
static int p_open(void *c, const char *tag)
{
	struct pruned *p = c;
	if (!p_quiet(p))
		strbuf_adds(&p->sb, tag);
	p->depth++;
	return 1;
}
static int p_close(void *c, const char *tag)
{
	struct pruned *p = c;
	p->depth--;
	if (!p->skip_at)
		strbuf_adds(&p->sb, tag);
	p_done(p);
	return 1;
}
static int p_sm(void *c) { return p_open(c, "{|"); }
static int p_sa(void *c) { return p_open(c, "[|"); }
static int p_em(void *c) { return p_close(c, "}|"); }
static int p_ea(void *c) { return p_close(c, "]|"); }
static int p_key(void *c, const char *s, size_t n)
{
	struct pruned *p = c;
	if (p->skip_at)
		return 1; /* YAJL: a key inside a skipped value */
	strbuf_addch(&p->sb, 'k');
	strbuf_add(&p->sb, s, n);
	strbuf_addch(&p->sb, '|');
	p->pending = n && s[0] == 'x';
	return p->pending ? JL_SKIP_VALUE : 1;
}
static int p_ykey(void *c, const unsigned char *s, size_t n) { p_key(c, (const char *)s, n); return 1; }
static const yajl_callbacks pycb = { p_null, p_bool, NULL, NULL, p_num, p_ystr, p_sm, p_ykey, p_em, p_sa, p_ea };
static const struct jl_callbacks pfcb = { p_null, p_bool, p_num, p_str, p_sm, p_key, p_em, p_sa, p_ea };

/* 1 when the fast path took the line with skips; fails when YAJL disagrees with what it
 * took, or when it took it with skips and not without (or the reverse). */
static int check_pruned(const char *s, size_t n)
{
	struct pruned f = { { 0 }, 0, 0, 0 }, y = { { 0 }, 0, 0, 0 };
	struct strbuf plain;
	size_t at = 0;
	int took, ok = 1;
	yajl_handle h;

	strbuf_init(&f.sb);
	strbuf_init(&y.sb);
	strbuf_init(&plain);
	took = jsonline_parse(s, n, &pfcb, &f, &at) == JL_OK;
	CU_ASSERT(took == (fast_trace(s, n, &plain) == 0));
	if (took) {
		h = yajl_alloc(&pycb, NULL, &y);
		yajl_config(h, yajl_allow_comments, 1);
		yajl_config(h, yajl_dont_validate_strings, 1);
		yajl_config(h, yajl_allow_multiple_values, 1);
		ok = yajl_parse(h, (const unsigned char *)s, n) == yajl_status_ok &&
		     yajl_complete_parse(h) == yajl_status_ok && f.sb.len == y.sb.len &&
		     !memcmp(f.sb.buf, y.sb.buf, f.sb.len);
		yajl_free(h);
		if (!ok)
			fprintf(stderr, "  skipping: fast path [%s], YAJL [%s]\n", f.sb.buf, y.sb.buf);
	}
	CU_ASSERT(ok);
	strbuf_release(&f.sb);
	strbuf_release(&y.sb);
	strbuf_release(&plain);
	return took;
}

static void test_skip(void)
{
	static const char line[] =
		"{\"event\":\"failed\",\"xflags\":{\"a\":true,\"b\":[1,{\"c\":null},[]],\"d\":{}},"
		"\"id\":\"q\",\"xs\":\"skipped\",\"xn\":-1.5e3,\"xe\":[],\"ds\":{\"code\":550,"
		"\"xinner\":{\"k\":[\"v\"]},\"message\":\"550 no\"},\"xlast\":[[{\"z\":false}]]}\n";
	size_t n = strlen(line), i, b;
	static const char bytes[] = "{}[]:,\"\\ 0-.etfn\x01" "ab";
	char *mut = malloc(n);
	struct pruned f = { { 0 }, 0, 0, 0 };
	size_t at = 0;
	long took = 0;

	strbuf_init(&f.sb);
	CU_ASSERT_EQUAL(jsonline_parse(line, n, &pfcb, &f, &at), JL_OK);
	/* nothing of a skipped value is handed on, all else is */
	CU_ASSERT_STRING_EQUAL(f.sb.buf, "{|kevent|sfailed|kxflags|kid|sq|kxs|kxn|kxe|kds|{|"
					 "kcode|#550|kxinner|kmessage|s550 no|}|kxlast|}|");
	strbuf_release(&f.sb);
	CU_ASSERT(check_pruned(line, n) == 1);
	/* broken JSON inside a skipped value is still broken; every change is judged alike */
	for (i = 0; i < n; i++) {
		for (b = 0; b < sizeof(bytes) - 1; b++) {
			memcpy(mut, line, n);
			mut[i] = bytes[b];
			took += check_pruned(mut, n);
		}
	}
	CU_ASSERT(took > 0);
	free(mut);
}

/* A line jsonline_valid takes: jsonline_parse_valid gives YAJL's trace, whole. */
static int check_valid(const char *name, const char *s, size_t n)
{
	struct strbuf f, y;
	size_t at = 0;
	int took = jsonline_valid(s, n), same = 1;

	strbuf_init(&f);
	strbuf_init(&y);
	if (took) {
		same = jsonline_parse_valid(s, n, &fcb, &f, &at) == JL_OK &&
		       yajl_trace(s, n, &y) == 0 && f.len == y.len && !memcmp(f.buf, y.buf, f.len);
		if (!same)
			fprintf(stderr, "  %s: checked path took [%.*s] as [%s], YAJL: [%s]\n", name,
				(int)n, s, f.buf, y.buf);
	}
	CU_ASSERT(same);
	/* an object line is taken by both entries or by neither */
	if (n && s[0] == '{') {
		strbuf_reset(&f);
		CU_ASSERT(took == (fast_trace(s, n, &f) == 0));
	}
	strbuf_release(&f);
	strbuf_release(&y);
	return took;
}

/* SendGrid's batches, one array a line: checked whole, then parsed; every one-byte change
 * is either taken with YAJL's callbacks or left to YAJL. */
static void test_array_lines(void)
{
	static const char line[] =
		"[{\"email\":\"a@x.de\",\"event\":\"bounce\",\"timestamp\":1794182410,"
		"\"category\":[\"n\",\"m\"],\"reason\":\"550 5.1.1 no\",\"tls\":1},"
		" {\"email\":\"b@y.de\",\"event\":\"deferred\",\"attempt\":\"2\",\"x\":null,"
		"\"y\":[],\"z\":{}}, 7 ,[]]\n";
	static const char bytes[] = "{}[]:,\"\\ 0-.etfn\x01" "ab";
	size_t n = strlen(line), i, b;
	char *mut = malloc(n);
	long took = 0;

	CU_ASSERT(check_valid("a batch", line, n) == 1);
	CU_ASSERT(check_valid("empty batch", "[]\n", 3) == 1);
	CU_ASSERT(check_valid("an event", mailgun_line, strlen(mailgun_line)) == 1);
	CU_ASSERT(check_valid("two arrays", "[1][2]\n", 7) == 0);
	CU_ASSERT(check_valid("escaped", "[{\"a\":\"\\n\"}]\n", 12) == 0);
	CU_ASSERT(check_valid("scalar", "5\n", 2) == 0);
	for (i = 0; i < n; i++) {
		for (b = 0; b < sizeof(bytes) - 1; b++) {
			memcpy(mut, line, n);
			mut[i] = bytes[b];
			took += check_valid("mutation", mut, n);
		}
		took += check_valid("cut", line, i);
	}
	CU_ASSERT(took > 0);
	free(mut);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "accepted lines give YAJL's callbacks, the rest goes to YAJL", test_table },
		{ "deep nesting goes to YAJL", test_deep },
		{ "mutated log lines: YAJL agrees with all the fast path takes", test_mutations },
		{ "skipped values: no callbacks inside, checked as strictly", test_skip },
		{ "array lines: checked whole, then YAJL's callbacks", test_array_lines },
	};
	return test_run("jsonline", cases, sizeof(cases) / sizeof(cases[0]));
}
