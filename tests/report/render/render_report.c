/* render_report.c - test helper (not a test: run-all only runs test_*): renders a report
 * JSON fixture with one of the writers, so script tests can inspect the output.
 * Usage: render_report xlsx|text|text-color|csv en|de IN.json OUT ("-" for stdout).
 * With RENDER_TIME set in the environment, prints the writer's own run time to stderr. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/render/csv_errors.h"
#include "report/render/text.h"
#include "report/render/xlsx.h"
#include "util/atomic_file.h"

int main(int argc, char **argv)
{
	struct sh_error err = { { 0 }, NULL, 0, 0 };
	json_error_t jerr;
	json_t *doc;
	enum sh_lang lang;
	FILE *fp = stdout;
	struct timespec t0, t1;
	int rc = -1;

	if (argc != 5) {
		fprintf(stderr, "usage: render_report xlsx|text|text-color|csv en|de IN.json OUT\n");
		return 2;
	}
	lang = !strcmp(argv[2], "de") ? LANG_DE : LANG_EN;
	doc = json_load_file(argv[3], 0, &jerr);
	if (!doc) {
		fprintf(stderr, "render_report: %s:%d: %s\n", argv[3], jerr.line, jerr.text);
		return 1;
	}
	atomic_file_install_signal_cleanup();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(argv[1], "xlsx")) {
		rc = xlsx_write(doc, lang, argv[4], &err);
	} else {
		if (strcmp(argv[4], "-") && !(fp = fopen(argv[4], "w"))) {
			perror(argv[4]);
			json_decref(doc);
			return 1;
		}
		if (!strcmp(argv[1], "csv"))
			rc = csv_errors_write(doc, lang, fp);
		else
			rc = text_write(doc, lang, fp, !strcmp(argv[1], "text-color"));
		if (fp != stdout && fclose(fp) != 0)
			rc = -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getenv("RENDER_TIME"))
		fprintf(stderr, "render_report: %s took %.3f s\n", argv[1],
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (rc != 0)
		fprintf(stderr, "render_report: %s\n", err.msg[0] ? err.msg : "write failed");
	json_decref(doc);
	return rc == 0 ? 0 : 1;
}
