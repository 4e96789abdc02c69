/* render.c - the format dispatch: names and extensions to formats, and each format to its
 * writer (xlsx.c, json_out.c, text.c, csv_errors.c) behind one atomic file. */
#include "report/render/render.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "report/render/csv_errors.h"
#include "report/render/json_out.h"
#include "report/render/text.h"
#include "report/render/xlsx.h"
#include "util/atomic_file.h"
#include "util/text.h"

static const struct {
	const char *name;
	enum render_format f;
} names[] = { { "xlsx", RENDER_XLSX }, { "json", RENDER_JSON }, { "text", RENDER_TEXT },
	      { "txt", RENDER_TEXT },   { "csv", RENDER_CSV } };

enum render_format render_format_from_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i].name))
			return names[i].f;
	return RENDER_AUTO;
}

enum render_format render_format_from_path(const char *path)
{
	const char *dot;
	size_t i;

	if (!path || !strcmp(path, "-") || !(dot = strrchr(path, '.')))
		return RENDER_TEXT;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (text_ieq(dot + 1, names[i].name))
			return names[i].f;
	return RENDER_AUTO;
}

/* The file extension of a format, without the dot. */
static const char *format_ext(enum render_format f)
{
	switch (f) {
	case RENDER_JSON: return "json";
	case RENDER_CSV: return "csv";
	case RENDER_TEXT: return "txt";
	case RENDER_AUTO:
	case RENDER_XLSX: break;
	}
	return "xlsx";
}

/* The stream writers: 0, or -1 with errno telling why. */
static int write_stream(const json_t *doc, enum render_format f, enum sh_lang lang, FILE *fp,
			int color)
{
	switch (f) {
	case RENDER_JSON: return json_out_write(doc, fp);
	case RENDER_CSV: return csv_errors_write(doc, lang, fp);
	case RENDER_AUTO:
	case RENDER_XLSX:
	case RENDER_TEXT: break;
	}
	return text_write(doc, lang, fp, color);
}

int render_write(const json_t *doc, enum render_format f, enum sh_lang lang, const char *path,
		 struct sh_error *err)
{
	struct atomic_file af;
	int e;

	if (!path)
		path = "-";
	if (f == RENDER_XLSX) {
		if (!strcmp(path, "-"))
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "an XLSX report needs a file: -o report.xlsx");
		return xlsx_write(doc, lang, path, err);
	}
	if (atomic_file_open(&af, path, err) != 0)
		return -1;
	errno = 0;
	if (write_stream(doc, f, lang, af.fp, !strcmp(path, "-") && isatty(STDOUT_FILENO)) != 0) {
		e = errno ? errno : EIO;
		atomic_file_abort(&af);
		return sh_error_set(err, SH_ERR_IO, NULL, 0, "cannot write '%s': %s", path,
				    strerror(e));
	}
	return atomic_file_commit(&af, err);
}

void render_split_path(struct strbuf *sb, const char *dir, const char *name,
		       enum render_format f)
{
	const unsigned char *p;

	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/') /* "out/" and "out" name one directory */
		n--;
	strbuf_reset(sb);
	strbuf_add(sb, dir, n);
	if (n == 0 || dir[n - 1] != '/')
		strbuf_addch(sb, '/');
	for (p = (const unsigned char *)name; *p; p++)
		strbuf_addch(sb, (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				  (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
					 ? (char)*p : '_');
	strbuf_addf(sb, ".%s", format_ext(f));
}
