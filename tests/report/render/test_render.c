/* test_render.c - the format dispatch a user meets through -o and --format: which format
 * a name or an extension picks, the file names of a split run, and what render_write
 * refuses or fails with. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/render/render.h"
#include "tests/testlib.h"

static void test_format_names(void)
{
	static const struct {
		const char *name;
		const char *input;
		int by_path; /* 1: the input is an output file name */
		enum render_format want;
	} cases[] = {
		{ "xlsx by name", "xlsx", 0, RENDER_XLSX },
		{ "txt is text", "txt", 0, RENDER_TEXT },
		{ "names are exact", "JSON", 0, RENDER_AUTO },
		{ "unknown name", "pdf", 0, RENDER_AUTO },
		{ "no name", NULL, 0, RENDER_AUTO },
		{ "extension", "out/week.json", 1, RENDER_JSON },
		{ "extension in any case", "Week47.XLSX", 1, RENDER_XLSX },
		{ "csv extension", "errors.csv", 1, RENDER_CSV },
		{ "stdout is text", "-", 1, RENDER_TEXT },
		{ "no output is text", NULL, 1, RENDER_TEXT },
		{ "no extension is text", "report", 1, RENDER_TEXT },
		{ "unknown extension", "report.pdf", 1, RENDER_AUTO },
		{ "last dot counts", "a.json.gz", 1, RENDER_AUTO },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum render_format got = cases[i].by_path ? render_format_from_path(cases[i].input)
							  : render_format_from_name(cases[i].input);
		if (got != cases[i].want)
			fprintf(stderr, "  %s: got %d, want %d\n", cases[i].name, (int)got,
				(int)cases[i].want);
		CU_ASSERT(got == cases[i].want);
	}
}

static void test_split_path(void)
{
	static const struct {
		const char *name;
		const char *dir;
		const char *client;
		enum render_format f;
		const char *want;
	} cases[] = {
		{ "plain name", "out", "Alpha", RENDER_XLSX, "out/Alpha.xlsx" },
		{ "umlauts kept", "out", "Bäckerei Müller", RENDER_JSON, "out/Bäckerei_Müller.json" },
		{ "no directory climbing", "out", "../../etc/passwd", RENDER_TEXT, "out/.._.._etc_passwd.txt" },
		{ "control characters", "out", "a\nb\tc", RENDER_CSV, "out/a_b_c.csv" },
		{ "auto is xlsx", "out", "agency", RENDER_AUTO, "out/agency.xlsx" },
		{ "-o split/: one slash", "split/", "agency", RENDER_XLSX, "split/agency.xlsx" },
		{ "-o split//: one slash", "split//", "agency", RENDER_XLSX, "split/agency.xlsx" },
		{ "-o /: the root", "/", "agency", RENDER_XLSX, "/agency.xlsx" },
	};
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	strbuf_adds(&sb, "left over");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render_split_path(&sb, cases[i].dir, cases[i].client, cases[i].f);
		TEST_STR_EQ(sb.buf, cases[i].want);
	}
	strbuf_release(&sb);
}

static void test_write(void)
{
	char dir[] = "/tmp/test_render.XXXXXX", path[64];
	struct sh_error err = { 0 };
	json_t *doc = json_pack("{s:i, s:[s]}", "schema_version", 1, "x", "ä"), *back;

	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	/* an XLSX report to stdout is a usage error, and nothing is written */
	CU_ASSERT(render_write(doc, RENDER_XLSX, LANG_EN, "-", &err) == -1);
	TEST_LONG_EQ(err.kind, SH_ERR_USAGE);
	TEST_STR_EQ(err.msg, "an XLSX report needs a file: -o report.xlsx");
	/* JSON comes back as it went in */
	snprintf(path, sizeof(path), "%s/r.json", dir);
	sh_error_clear(&err);
	CU_ASSERT(render_write(doc, RENDER_JSON, LANG_EN, path, &err) == 0);
	back = json_load_file(path, 0, NULL);
	CU_ASSERT(back && json_equal(doc, back));
	json_decref(back);
	/* a missing directory is an I/O error naming the file */
	snprintf(path, sizeof(path), "%s/no/such/r.json", dir);
	CU_ASSERT(render_write(doc, RENDER_JSON, LANG_EN, path, &err) == -1);
	TEST_LONG_EQ(err.kind, SH_ERR_IO);
	CU_ASSERT(strstr(err.msg, "r.json") != NULL);
	snprintf(path, sizeof(path), "%s/r.json", dir);
	unlink(path);
	rmdir(dir);
	json_decref(doc);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "format by name and by extension", test_format_names },
		{ "file names of a split run", test_split_path },
		{ "render_write: refused, written, failed", test_write },
	};
	return test_run("render", cases, sizeof(cases) / sizeof(cases[0]));
}
