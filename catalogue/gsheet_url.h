/* gsheet_url.h - turns what people paste for "the shared sheet" into a URL that answers
 * with CSV: sheet links of every shape, bare sheet ids, published-to-web links, and any
 * other http(s) URL, which is taken as a plain CSV URL.
 * Contract: pure functions; results are appended to a caller's strbuf; errors are
 * SH_ERR_USAGE with the input quoted. */
#ifndef SH_CATALOGUE_GSHEET_URL_H
#define SH_CATALOGUE_GSHEET_URL_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

#define GSHEET_DEFAULT_BASE "https://docs.google.com"
/* The sheet the seed document links to: the default source of `catalogue sync`. */
#define GSHEET_DEFAULT_SOURCE                                                                      \
	"https://docs.google.com/spreadsheets/d/1XIl6TyuMamX2vlts1-lzBVXR2ArCFqiJnTeBxz7qBKQ/"     \
	"edit?usp=sharing"

enum gsheet_kind {
	GSHEET_EXPORT,    /* {base}/spreadsheets/d/ID/export?format=csv&gid=N */
	GSHEET_GVIZ,      /* {base}/spreadsheets/d/ID/gviz/tq?tqx=out:csv&headers=1&sheet=NAME */
	GSHEET_PUBLISHED, /* {base}/spreadsheets/d/e/2PACX-.../pub?output=csv[&gid=N][&single=true]
			   */
	GSHEET_PLAIN,     /* any other http(s) URL, unchanged */
};

/* Appends the download URL for input to out. tab: a tab (sheet) name, or NULL for the
 * tab the link points at (gid, 0 when absent). base: the Google base URL, or NULL for
 * GSHEET_DEFAULT_BASE; links to docs.google.com or to base's host are recognised as
 * Google links and rewritten onto base. kind may be NULL. */
int gsheet_url_rewrite(const char *input, const char *tab, const char *base, struct strbuf *out,
		       enum gsheet_kind *kind, struct sh_error *err);

/* 1 when s looks like a bare sheet id: 25 to 100 characters of [A-Za-z0-9_-]. */
int gsheet_is_sheet_id(const char *s);

/* 1 when a download is a web page rather than CSV - what Google sends for a sheet that
 * is not shared publicly (a sign-in page): an HTML content type, or a body whose first
 * character after an optional UTF-8 BOM and white space is '<'. */
int gsheet_looks_like_html(const char *content_type, const char *body, size_t len);

/* Checks a --google-base value: http(s)://host[:port][/path], no query or fragment. */
int gsheet_check_base(const char *base, struct sh_error *err);

#endif
