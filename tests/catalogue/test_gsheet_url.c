/* test_gsheet_url.c - what people paste for the shared sheet, and the URL that is fetched. */
#include <stdio.h>
#include <string.h>

#include "catalogue/gsheet_url.h"
#include "tests/testlib.h"

#define ID "1XIl6TyuMamX2vlts1-lzBVXR2ArCFqiJnTeBxz7qBKQ"
#define G "https://docs.google.com"
#define EXPORT(gid) G "/spreadsheets/d/" ID "/export?format=csv&gid=" gid
#define GVIZ(enc) G "/spreadsheets/d/" ID "/gviz/tq?tqx=out:csv&headers=1&sheet=" enc
#define PUBID "2PACX-1vQ_abcDEF-123_xyz"

static const struct {
	const char *name, *input, *tab, *base;
	const char *want;     /* URL, or NULL when an error is expected */
	int kind;
	const char *want_err; /* substring of the message */
} cases[] = {
	{ "sharing link", G "/spreadsheets/d/" ID "/edit?usp=sharing", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "edit#gid", G "/spreadsheets/d/" ID "/edit#gid=123", NULL, NULL, EXPORT("123"), GSHEET_EXPORT, NULL },
	{ "sharing#gid", G "/spreadsheets/d/" ID "/edit?usp=sharing#gid=456", NULL, NULL, EXPORT("456"), GSHEET_EXPORT, NULL },
	{ "gid in query and fragment", G "/spreadsheets/d/" ID "/edit?gid=7#gid=8", NULL, NULL, EXPORT("8"), GSHEET_EXPORT, NULL },
	{ "gid in query only", G "/spreadsheets/d/" ID "/edit?gid=77", NULL, NULL, EXPORT("77"), GSHEET_EXPORT, NULL },
	{ "gid with range", G "/spreadsheets/d/" ID "/edit#gid=5&range=A1", NULL, NULL, EXPORT("5"), GSHEET_EXPORT, NULL },
	{ "htmlview", G "/spreadsheets/d/" ID "/htmlview", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "view", G "/spreadsheets/d/" ID "/view", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "no suffix", G "/spreadsheets/d/" ID, NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "trailing slash", G "/spreadsheets/d/" ID "/", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "account number", G "/spreadsheets/u/1/d/" ID "/edit#gid=5", NULL, NULL, EXPORT("5"), GSHEET_EXPORT, NULL },
	{ "http scheme", "http://docs.google.com/spreadsheets/d/" ID "/edit", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "no scheme", "docs.google.com/spreadsheets/d/" ID "/edit#gid=2", NULL, NULL, EXPORT("2"), GSHEET_EXPORT, NULL },
	{ "upper-case host", "HTTPS://DOCS.GOOGLE.COM/spreadsheets/d/" ID "/edit", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "white space around", "  " G "/spreadsheets/d/" ID "/edit\n", NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "export link kept", G "/spreadsheets/d/" ID "/export?format=csv&gid=9", NULL, NULL, EXPORT("9"), GSHEET_EXPORT, NULL },
	{ "bare id", ID, NULL, NULL, EXPORT("0"), GSHEET_EXPORT, NULL },
	{ "bare id with tab", ID, "Mailgun", NULL, GVIZ("Mailgun"), GSHEET_GVIZ, NULL },
	{ "link with tab", G "/spreadsheets/d/" ID "/edit?usp=sharing", "Mailgun", NULL, GVIZ("Mailgun"), GSHEET_GVIZ, NULL },
	{ "tab wins over gid", G "/spreadsheets/d/" ID "/edit#gid=44", "Outlook", NULL, GVIZ("Outlook"), GSHEET_GVIZ, NULL },
	{ "tab with space and slash", ID, "Gmail / Google Workspace", NULL, GVIZ("Gmail%20%2F%20Google%20Workspace"), GSHEET_GVIZ, NULL },
	{ "tab with umlaut and ampersand", ID, "Lösung & Fehler", NULL, GVIZ("L%C3%B6sung%20%26%20Fehler"), GSHEET_GVIZ, NULL },
	{ "gviz link kept", G "/spreadsheets/d/" ID "/gviz/tq?tqx=out:csv&sheet=X", NULL, NULL, G "/spreadsheets/d/" ID "/gviz/tq?tqx=out:csv&sheet=X", GSHEET_GVIZ, NULL },
	{ "legacy ccc", G "/spreadsheet/ccc?key=" ID "&gid=2", NULL, NULL, EXPORT("2"), GSHEET_EXPORT, NULL },
	{ "published pubhtml", G "/spreadsheets/d/e/" PUBID "/pubhtml", NULL, NULL, G "/spreadsheets/d/e/" PUBID "/pub?output=csv", GSHEET_PUBLISHED, NULL },
	{ "published tab", G "/spreadsheets/d/e/" PUBID "/pubhtml?gid=3&single=true", NULL, NULL, G "/spreadsheets/d/e/" PUBID "/pub?output=csv&gid=3&single=true", GSHEET_PUBLISHED, NULL },
	{ "published csv link", G "/spreadsheets/d/e/" PUBID "/pub?gid=0&single=true&output=csv", NULL, NULL, G "/spreadsheets/d/e/" PUBID "/pub?output=csv&gid=0&single=true", GSHEET_PUBLISHED, NULL },
	{ "published sheet view", G "/spreadsheets/d/e/" PUBID "/pubhtml/sheet?headers=false&gid=12", NULL, NULL, G "/spreadsheets/d/e/" PUBID "/pub?output=csv&gid=12", GSHEET_PUBLISHED, NULL },
	{ "published with tab", G "/spreadsheets/d/e/" PUBID "/pubhtml", "Mailgun", NULL, NULL, 0, "published-to-web" },
	{ "plain csv url", "https://example.org/files/catalogue.csv?x=1", NULL, NULL, "https://example.org/files/catalogue.csv?x=1", GSHEET_PLAIN, NULL },
	{ "lookalike host is plain", "https://docs.google.com.evil.example/spreadsheets/d/" ID "/edit", NULL, NULL, "https://docs.google.com.evil.example/spreadsheets/d/" ID "/edit", GSHEET_PLAIN, NULL },
	{ "plain url with tab", "https://example.org/x.csv", "Mailgun", NULL, NULL, 0, "--tab needs one" },
	{ "base override", G "/spreadsheets/d/" ID "/edit#gid=1", NULL, "http://127.0.0.1:8080/", "http://127.0.0.1:8080/spreadsheets/d/" ID "/export?format=csv&gid=1", GSHEET_EXPORT, NULL },
	{ "base override with path", ID, "T", "http://127.0.0.1:8080/google", "http://127.0.0.1:8080/google/spreadsheets/d/" ID "/gviz/tq?tqx=out:csv&headers=1&sheet=T", GSHEET_GVIZ, NULL },
	{ "link on the base host", "http://127.0.0.1:8080/spreadsheets/d/abc123/edit#gid=4", NULL, "http://127.0.0.1:8080", "http://127.0.0.1:8080/spreadsheets/d/abc123/export?format=csv&gid=4", GSHEET_EXPORT, NULL },
	{ "other path on the base host is plain", "http://127.0.0.1:8080/files/x.csv", NULL, "http://127.0.0.1:8080", "http://127.0.0.1:8080/files/x.csv", GSHEET_PLAIN, NULL },
	{ "ftp refused", "ftp://example.org/x.csv", NULL, NULL, NULL, 0, "not a Google Sheets link" },
	{ "words refused", "my sheet", NULL, NULL, NULL, 0, "not a Google Sheets link" },
	{ "space inside refused", "https://example.org/my sheet.csv", NULL, NULL, NULL, 0, "contains a space" },
	{ "line break inside refused", G "/spreadsheets/d/" ID "/edit\r\nX-Evil: 1", NULL, NULL, NULL, 0, "control character" },
	{ "control character refused", "https://example.org/x.csv#gid=1\x14", NULL, NULL, NULL, 0, "control character" },
	{ "short id refused", "abc123", NULL, NULL, NULL, 0, "not a Google Sheets link" },
	{ "empty refused", "", NULL, NULL, NULL, 0, "not a sheet link" },
	{ "document link refused", G "/document/d/" ID "/edit", NULL, NULL, NULL, 0, "not to a spreadsheet" },
	{ "bad gid refused", G "/spreadsheets/d/" ID "/edit#gid=abc", NULL, NULL, NULL, 0, "gid that is not a number" },
	{ "no id refused", G "/spreadsheets/d//edit", NULL, NULL, NULL, 0, "no sheet id" },
	{ "empty tab refused", ID, "", NULL, NULL, 0, "--tab needs a tab name" },
};

static void test_rewrite(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf out;
		struct sh_error err = { 0 };
		enum gsheet_kind kind = (enum gsheet_kind)-1;
		int rc;

		strbuf_init(&out);
		rc = gsheet_url_rewrite(cases[i].input, cases[i].tab, cases[i].base, &out, &kind, &err);
		if (cases[i].want) {
			if (rc != 0 || strcmp(out.buf, cases[i].want) || (int)kind != cases[i].kind)
				fprintf(stderr, "  case '%s': got rc %d kind %d '%s' (%s), want '%s' kind %d\n",
					cases[i].name, rc, (int)kind, out.buf, err.msg, cases[i].want,
					cases[i].kind);
			CU_ASSERT(rc == 0 && !strcmp(out.buf, cases[i].want) && (int)kind == cases[i].kind);
		} else {
			int ok = rc == -1 && err.kind == SH_ERR_USAGE && strstr(err.msg, cases[i].want_err);
			if (!ok)
				fprintf(stderr, "  case '%s': got rc %d '%s' msg '%s', want an error with '%s'\n",
					cases[i].name, rc, out.buf, err.msg, cases[i].want_err);
			CU_ASSERT(ok);
		}
		strbuf_release(&out);
	}
}

static void test_html_detection(void)
{
	static const struct {
		const char *name, *ctype, *body;
		int want;
	} t[] = {
		{ "csv", "text/csv; charset=utf-8", "Code,Fehlermeldung\r\n", 0 },
		{ "html content type", "text/html; charset=UTF-8", "Code,x\r\n", 1 },
		{ "upper-case content type", "Text/HTML", "", 1 },
		{ "xhtml", "application/xhtml+xml", "x", 1 },
		{ "leading <", "text/plain", "<!DOCTYPE html><html>", 1 },
		{ "BOM, space, <", "text/plain", "\xEF\xBB\xBF \r\n\t<html>", 1 },
		{ "no content type, <", "", "  <html>", 1 },
		{ "CSV starting with a quote", "text/csv", "\"Code\",\"<b>\"\r\n", 0 },
		{ "BOM then CSV", "text/csv", "\xEF\xBB\xBF" "Code,x", 0 },
		{ "empty", "text/csv", "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int got = gsheet_looks_like_html(t[i].ctype, t[i].body, strlen(t[i].body));
		if (got != t[i].want)
			fprintf(stderr, "  case '%s': got %d, want %d\n", t[i].name, got, t[i].want);
		CU_ASSERT(got == t[i].want);
	}
}

static void test_base_and_id(void)
{
	struct sh_error err = { 0 };

	CU_ASSERT(gsheet_check_base("https://docs.google.com", NULL) == 0);
	CU_ASSERT(gsheet_check_base("http://127.0.0.1:5000/google/", NULL) == 0);
	CU_ASSERT(gsheet_check_base("ftp://x", &err) == -1 && err.kind == SH_ERR_USAGE);
	CU_ASSERT(gsheet_check_base("http://x/?a=1", NULL) == -1);
	CU_ASSERT(gsheet_check_base("http://x/#f", NULL) == -1);
	CU_ASSERT(gsheet_check_base("http://127.0.0.1:5000/a b", NULL) == -1);
	CU_ASSERT(gsheet_is_sheet_id(ID));
	CU_ASSERT(!gsheet_is_sheet_id("short"));
	CU_ASSERT(!gsheet_is_sheet_id(ID "/edit"));
	CU_ASSERT(!gsheet_is_sheet_id("1XIl6TyuMamX2vlts1.lzBVXR2ArCFqiJnTeBxz7qBKQ"));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "sheet links, ids and plain URLs are rewritten", test_rewrite },
		{ "a web page is told from CSV", test_html_detection },
		{ "Google base URLs and sheet ids are checked", test_base_and_id },
	};
	return test_run("gsheet_url", tests, sizeof(tests) / sizeof(tests[0]));
}
