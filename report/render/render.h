/* render.h - the report writers behind one call: a document to a file or stdout in the
 * format asked for (XLSX, JSON, text, CSV), the format told by name or by extension, and
 * the file names of a report split by client.
 * Contract: 0 / -1 with err set; never prints; files are written atomically; nothing
 * returned needs freeing. */
#ifndef SH_REPORT_RENDER_RENDER_H
#define SH_REPORT_RENDER_RENDER_H

#include <jansson.h>

#include "model/taxonomy.h"
#include "util/error.h"
#include "util/strbuf.h"

enum render_format { RENDER_AUTO, RENDER_XLSX, RENDER_JSON, RENDER_TEXT, RENDER_CSV };

/* "xlsx", "json", "text" (or "txt"), "csv"; RENDER_AUTO for any other name. Pure. */
enum render_format render_format_from_name(const char *name);
/* From an output file's extension (any case): RENDER_TEXT for stdout ("-" or NULL) and
 * for a name without one, RENDER_AUTO for an extension not known. Pure. */
enum render_format render_format_from_path(const char *path);

/* Writes doc (borrowed) in format f (not RENDER_AUTO) to path ("-" or NULL: stdout; text
 * is coloured when stdout is a terminal). An XLSX report to stdout is refused with an
 * SH_ERR_USAGE error. Thread-safe for distinct paths. */
int render_write(const json_t *doc, enum render_format f, enum sh_lang lang, const char *path,
		 struct sh_error *err);
/* Sets sb to "DIR/NAME.EXT" (one slash however many DIR ends in): a client's report in a
 * split run. Letters, digits, '-', '_', '.' and any non-ASCII byte of name are kept, all
 * else becomes '_' (no '/' and no control character reaches the file system). Pure. */
void render_split_path(struct strbuf *sb, const char *dir, const char *name,
		       enum render_format f);

#endif
