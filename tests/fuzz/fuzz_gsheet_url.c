/* fuzz_gsheet_url.c - the spreadsheet URL rewriter (`catalogue sync URL --tab T
 * --google-base B`) and the "is this a sign-in page" check on a download. Input:
 * NUL-separated URL, tab, base, content type; the rest of the input is the body.
 * Invariants: a rewrite that succeeds gives an http(s) URL without white space or control
 * characters, on the given base when it is a Google link; a failure says why. */
#include "tests/fuzz/fuzz.h"

#include "catalogue/gsheet_url.h"
#include "util/text.h"

static void check_url(const char *u, const char *base, enum gsheet_kind kind)
{
	const unsigned char *p;

	FUZZ_CHECK(text_istarts(u, "http://") || text_istarts(u, "https://"));
	for (p = (const unsigned char *)u; *p; p++)
		FUZZ_CHECK(*p > ' ' && *p != 0x7f);
	if (kind != GSHEET_PLAIN) {
		/* on the base, without its trailing slashes */
		const char *b = base ? base : GSHEET_DEFAULT_BASE;
		size_t n = strlen(b);
		while (n && b[n - 1] == '/')
			n--;
		FUZZ_CHECK(!strncmp(u, b, n) && u[n] == '/');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input, *tab, *base, *ctype;
	struct strbuf out;
	struct sh_error err = { 0 };
	enum gsheet_kind kind = GSHEET_PLAIN;
	const char *b;

	input = fuzz_take(&data, &size);
	tab = fuzz_take(&data, &size);
	base = fuzz_take(&data, &size);
	ctype = fuzz_take(&data, &size);
	/* the body is the rest, unterminated */
	(void)gsheet_looks_like_html(*ctype ? ctype : NULL, (const char *)data, size);
	(void)gsheet_is_sheet_id(input);

	b = *base ? base : NULL;
	if (b && gsheet_check_base(b, &err) != 0) {
		FUZZ_CHECK(err.msg[0] != '\0');
		b = NULL;
	}
	strbuf_init(&out);
	sh_error_clear(&err);
	if (gsheet_url_rewrite(input, *tab ? tab : NULL, b, &out, &kind, &err) == 0)
		check_url(out.buf, b, kind);
	else
		FUZZ_CHECK(err.msg[0] != '\0');
	strbuf_release(&out);
	free(input);
	free(tab);
	free(base);
	free(ctype);
	return 0;
}
