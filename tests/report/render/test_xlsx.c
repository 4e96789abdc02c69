/* test_xlsx.c - the XLSX writer from the file system's side: a complete workbook appears
 * under the target name, an old file survives every failure, and no temp file is left.
 * (tests/report/render/test_xlsx_read.py opens the workbooks and checks their contents.) */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/render/xlsx.h"
#include "tests/testlib.h"
#include "util/atomic_file.h"
#include "util/strbuf.h"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/sh-xlsx-test.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CU_ASSERT(system(cmd) == 0);
}

static const char *in_dir(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static size_t entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(text, fp);
	CU_ASSERT(fclose(fp) == 0);
}

/* The first bytes of path, NUL-terminated, into buf[16]. */
static const char *head(const char *path, char buf[16])
{
	FILE *fp = fopen(path, "rb");
	size_t n = 0;

	if (fp) {
		n = fread(buf, 1, 15, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static void test_fixtures(void)
{
	static const struct {
		const char *fixture;
		enum sh_lang lang;
	} cases[] = {
		{ "report/sample.json", LANG_EN },
		{ "report/sample-de.json", LANG_DE },
		{ "report/empty.json", LANG_EN },
		{ "report/hostile.json", LANG_EN },
	};
	size_t i;
	char buf[16];

	make_dir();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sh_error err = { { 0 }, NULL, 0, 0 };
		json_t *doc = json_load_file(test_fixture(cases[i].fixture), 0, NULL);
		int rc;

		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		rc = xlsx_write(doc, cases[i].lang, in_dir("report.xlsx"), &err);
		if (rc != 0)
			fprintf(stderr, "  %s: %s\n", cases[i].fixture, err.msg);
		TEST_LONG_EQ(rc, 0);
		CU_ASSERT(!memcmp(head(in_dir("report.xlsx"), buf), "PK\x03\x04", 4));
		TEST_LONG_EQ(entries(), 1); /* the workbook, no temp file beside it */
		json_decref(doc);
	}
	remove_dir();
}

static void test_failures_keep_old_file(void)
{
	json_t *good = json_load_file(test_fixture("report/sample.json"), 0, NULL);
	json_t *bad = json_pack("{s:i}", "schema_version", 2);
	struct sh_error err = { { 0 }, NULL, 0, 0 };
	char buf[16];
	struct stat st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(good);
	make_dir();
	write_file(in_dir("old.xlsx"), "old report");

	/* a document it cannot read: refused, the old file untouched */
	TEST_LONG_EQ(xlsx_write(bad, LANG_EN, in_dir("old.xlsx"), &err), -1);
	TEST_LONG_EQ(err.kind, SH_ERR_DATA);
	TEST_STR_EQ(head(in_dir("old.xlsx"), buf), "old report");
	TEST_LONG_EQ(entries(), 1);

	/* the target is a directory: the rename fails after the workbook was written */
	CU_ASSERT(mkdir(in_dir("taken.xlsx"), 0755) == 0);
	sh_error_clear(&err);
	TEST_LONG_EQ(xlsx_write(good, LANG_EN, in_dir("taken.xlsx"), &err), -1);
	TEST_LONG_EQ(err.kind, SH_ERR_IO);
	CU_ASSERT(strstr(err.msg, "taken.xlsx'") != NULL);
	CU_ASSERT(stat(in_dir("taken.xlsx"), &st) == 0 && S_ISDIR(st.st_mode));
	TEST_LONG_EQ(entries(), 2); /* old.xlsx and the directory: the temp file is gone */

	/* no such directory */
	sh_error_clear(&err);
	TEST_LONG_EQ(xlsx_write(good, LANG_EN, in_dir("missing/report.xlsx"), &err), -1);
	TEST_LONG_EQ(err.kind, SH_ERR_IO);
	CU_ASSERT(strstr(err.msg, "cannot create a temporary file beside") != NULL);

	/* a workbook cannot go to standard output */
	sh_error_clear(&err);
	TEST_LONG_EQ(xlsx_write(good, LANG_EN, "-", &err), -1);
	TEST_LONG_EQ(err.kind, SH_ERR_USAGE);

	/* and a good write replaces the old file */
	TEST_LONG_EQ(xlsx_write(good, LANG_EN, in_dir("old.xlsx"), NULL), 0);
	CU_ASSERT(!memcmp(head(in_dir("old.xlsx"), buf), "PK\x03\x04", 4));
	TEST_LONG_EQ(entries(), 2);
	remove_dir();
	json_decref(good);
	json_decref(bad);
}

static void test_open_path_abort(void)
{
	struct atomic_file af;
	struct stat st;
	char *tmp;

	make_dir();
	TEST_LONG_EQ(atomic_file_open_path(&af, in_dir("x.xlsx"), NULL), 0);
	CU_ASSERT(af.fp == NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(af.tmp);
	CU_ASSERT(strstr(af.tmp, "/.x.xlsx.tmp.") != NULL);
	CU_ASSERT(stat(af.tmp, &st) == 0);
	tmp = xstrdup(af.tmp);
	atomic_file_abort(&af);
	CU_ASSERT(stat(tmp, &st) != 0 && errno == ENOENT);
	TEST_LONG_EQ(entries(), 0);
	free(tmp);
	remove_dir();
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "a workbook from each fixture, nothing left beside it", test_fixtures },
		{ "failures leave the old file and no temp file", test_failures_keep_old_file },
		{ "path-only temp file removed on abort", test_open_path_abort },
	};
	return test_run("xlsx", cases, sizeof(cases) / sizeof(cases[0]));
}
