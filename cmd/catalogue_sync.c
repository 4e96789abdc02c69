/* catalogue_sync.c - `sendhealth catalogue sync`: download the shared Google Sheet (one
 * download per --tab), validate it like `catalogue import`, print what changes against the
 * catalogue in use, and install it atomically. A sheet that is not public, an empty or
 * unusable download, or any failed tab changes nothing. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/catalogue_cmd.h"
#include "catalogue/store.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "catalogue/csv_catalogue.h"
#include "catalogue/gsheet_url.h"
#include "catalogue/layers.h"
#include "net/http.h"
#include "net/http_url.h"

#define MAX_TABS 32
/* A catalogue sheet is a few hundred rows; anything near this is not one. */
#define MAX_SHEET_BYTES ((size_t)16 << 20)

struct sync_opts {
	struct opt_list tabs;
	int dry_run;
	const char *out, *base;
	const char *source; /* the operand */
};

#define O(f) offsetof(struct sync_opts, f)
static const struct cmd_option options[] = {
	OPT_LIST("tab", 't', "NAME", "download this tab (sheet) by name; repeat for several tabs", O(tabs),
		 MAX_TABS),
	OPT_FLAG("dry-run", 'n', "print the difference only, write nothing", O(dry_run)),
	OPT_STR("output", 'o', "FILE", "write here instead of the synced-copy path ('-' for stdout)", O(out)),
	OPT_STR("google-base", 0, "URL",
		"Google's base URL (default " GSHEET_DEFAULT_BASE ", or $SENDHEALTH_GOOGLE_BASE)", O(base)),
	OPT_END,
};
#undef O

static const struct cmd_spec spec = {
	"catalogue sync",
	"[URL|SHEET_ID] [--tab NAME]... [--dry-run] [-o FILE]",
	"Download the shared Google Sheet as CSV, check it like 'catalogue import', print what\n"
	"changes against the catalogue in use (added, removed, changed ids) and install it as\n"
	"the synced copy: the sheet layer, laid over the built-in entries (a sheet row replaces\n"
	"the built-in row with its id or its provider, codes and message; built-in rows the\n"
	"sheet lacks stay; white space alone is no change). 'catalogue reset' drops it.\n"
	"The sheet must be shared as \"anyone with the link can view\".",
	"The source is a sheet link (…/edit?usp=sharing, #gid=N, /htmlview), a bare sheet id,\n"
	"a published-to-web link (…/d/e/2PACX-…/pubhtml) or any CSV URL; the default is the\n"
	"sheet the error guide links to:\n  " GSHEET_DEFAULT_SOURCE "\n"
	"Timeouts and retries: $SENDHEALTH_HTTP_TIMEOUT, $SENDHEALTH_HTTP_TRIES.\n"
	"Exit codes: 0 ok; 1 installed, but some rows were skipped; 2 usage; 3 local I/O;\n"
	"4 download failed, the sheet is not public, or it holds no usable catalogue.\n",
	options,
	NULL,
};

/* Appends src's entries to dst; an id already taken by an earlier tab gets "-2", "-3". */
static void merge(struct catalogue *dst, const struct catalogue *src)
{
	struct strbuf id;
	size_t i;
	int k;

	strbuf_init(&id);
	for (i = 0; i < src->n; i++) {
		const char *f[CAT_NFIELDS];
		memcpy(f, src->entries[i].f, sizeof(f));
		strbuf_reset(&id);
		strbuf_adds(&id, f[CAT_ID]);
		for (k = 2; catalogue_find_id(dst, id.buf); k++) {
			strbuf_reset(&id);
			strbuf_addf(&id, "%s-%d", f[CAT_ID], k);
		}
		f[CAT_ID] = id.buf;
		catalogue_add(dst, f);
	}
	strbuf_release(&id);
}

/* Says why the download from shown failed, in the words a sheet's owner can act on;
 * returns the exit code. */
static int download_failed(struct app *app, const char *shown, const struct http_result *res,
			   const struct sh_error *err)
{
	if (res->kind == HTTP_ERR_STATUS && (res->status == 401 || res->status == 403))
		msg_error(app,
			  "'%s' answered HTTP %ld: the sheet is not public; share it as "
			  "\"anyone with the link can view\"",
			  shown, res->status);
	else if (res->kind == HTTP_ERR_STATUS && res->status == 404)
		msg_error(app, "'%s' answered HTTP 404: no such sheet (check the link or id)", shown);
	else if (res->kind == HTTP_ERR_STATUS && res->status == 429)
		msg_error(app, "still rate-limited; wait a while and run again: %s", err->msg);
	else
		return msg_sh_error(app, err);
	return EXIT_REMOTE;
}

/* Downloads one URL and parses it into cat. Returns an exit code; *skipped counts rows. */
static int sync_one(struct app *app, struct http_client *hc, const char *url, const char *tab,
		    const struct catalogue *base, struct catalogue *cat, long *skipped)
{
	struct http_request req = { 0 };
	struct http_result res;
	struct sh_error err = { 0 };
	struct csv_catalogue_opts opts = { 0 };
	struct catalogue *part = catalogue_new();
	struct strbuf body;
	char shown[160];
	int rc = EXIT_REMOTE;

	strbuf_init(&body);
	req.url = url;
	http_url_for_message(url, NULL, shown, sizeof(shown));
	msg_verbose(app, "GET %s", url);
	if (http_get(hc, &req, &body, &res, &err) != 0) {
		rc = download_failed(app, shown, &res, &err);
		goto out;
	}
	if (gsheet_looks_like_html(res.content_type, body.buf, body.len)) {
		msg_error(app,
			  "'%s' sent a web page, not CSV: the sheet is probably not public; "
			  "share it as \"anyone with the link can view\" and try again",
			  shown);
		goto out;
	}
	if (body.len == 0) {
		msg_error(app, "the download from '%s' is empty", shown);
		goto out;
	}
	opts.base = base;
	opts.sink = &app->sink;
	if (csv_catalogue_parse(part, url, body.buf, body.len, &opts, &err) != 0) {
		msg_sh_error(app, &err);
		goto out;
	}
	msg_info(app, "'%s'%s%s%s: %ld entries, %ld rows skipped", shown, tab ? " (tab '" : "",
		 tab ? tab : "", tab ? "')" : "", opts.added, opts.skipped);
	*skipped += opts.skipped;
	merge(cat, part);
	rc = EXIT_OK;
out:
	catalogue_free(part);
	strbuf_release(&body);
	return rc;
}

/* Prints "+ id", "- id", "~ id: fields" and the summary line to fp; a cell that differs
 * only in line breaks or runs of spaces is not a change. Returns the number of changes. */
static long print_diff(FILE *fp, const struct catalogue *old, const struct catalogue *cur)
{
	long added = 0, removed = 0, changed = 0, same = 0;
	size_t i;
	int f;

	for (i = 0; i < cur->n; i++) {
		const struct cat_entry *e = &cur->entries[i];
		const struct cat_entry *o = old ? catalogue_find_id(old, e->f[CAT_ID]) : NULL;
		int first = 1;
		if (!o) {
			fprintf(fp, "+ %s\n", e->f[CAT_ID]);
			added++;
			continue;
		}
		for (f = 0; f < CAT_NFIELDS; f++) {
			if (catalogue_cell_same(e->f[f], o->f[f]))
				continue;
			fprintf(fp, "%s%s", first ? "~ " : ", ", first ? e->f[CAT_ID] : "");
			fprintf(fp, "%s%s", first ? ": " : "",
				catalogue_field_name((enum cat_field)f));
			first = 0;
		}
		if (first)
			same++;
		else {
			fputc('\n', fp);
			changed++;
		}
	}
	for (i = 0; old && i < old->n; i++) {
		if (!catalogue_find_id(cur, old->entries[i].f[CAT_ID])) {
			fprintf(fp, "- %s\n", old->entries[i].f[CAT_ID]);
			removed++;
		}
	}
	fprintf(fp, "sync: %ld added, %ld removed, %ld changed, %ld unchanged\n", added, removed,
		changed, same);
	return added + removed + changed;
}

/* The catalogue the sheet will make: over the built-in entries, unless the catalogue in
 * use is a whole file (--catalogue, $SENDHEALTH_CATALOGUE), which the sheet stands for. */
static struct catalogue *would_use(const struct app *app, const struct catalogue *sheet)
{
	const char *env = getenv("SENDHEALTH_CATALOGUE");
	struct catalogue *cat;
	size_t i;

	if ((app->catalogue_path && *app->catalogue_path) || (env && *env) ||
	    !(cat = catalogue_load_embedded(NULL))) {
		cat = catalogue_new();
		for (i = 0; i < sheet->n; i++)
			catalogue_add(cat, (const char *const *)sheet->entries[i].f);
		return cat;
	}
	catalogue_layer_over(cat, sheet);
	return cat;
}

/* 1 when path holds a catalogue whose rows are sheet's but for white space. */
static int same_file(const char *path, const struct catalogue *sheet)
{
	struct catalogue *cur = catalogue_new();
	int same = csv_catalogue_read_file(cur, path, NULL, NULL) == 0 && cur->n == sheet->n;
	size_t i;

	for (i = 0; same && i < sheet->n; i++)
		same = catalogue_entry_same(&cur->entries[i], &sheet->entries[i]);
	catalogue_free(cur);
	return same;
}

/* Parses the options and the one source; returns an exit code, or OPT_HELP. */
static int parse_args(struct app *app, int argc, char **argv, struct sync_opts *so)
{
	int first;

	switch (opt_parse(app, &spec, so, argc, argv, &first)) {
	case OPT_HELP:
		return OPT_HELP;
	case OPT_ERROR:
		return EXIT_USAGE;
	}
	if (argc - first > 1)
		return msg_usage(app, "one source only: unexpected argument '%s'", argv[first + 1]);
	so->source = first < argc ? argv[first] : GSHEET_DEFAULT_SOURCE;
	if (!so->base)
		so->base = getenv("SENDHEALTH_GOOGLE_BASE");
	if (!so->base || !*so->base)
		so->base = GSHEET_DEFAULT_BASE;
	return EXIT_OK;
}

/* Builds the download URLs (one per tab) into urls[]; returns an exit code. */
static int build_urls(struct app *app, const struct sync_opts *so, struct strbuf *urls, int *n)
{
	struct sh_error err = { 0 };
	int i;

	if (gsheet_check_base(so->base, &err) != 0)
		return msg_usage(app, "%s", err.msg);
	*n = so->tabs.n ? (int)so->tabs.n : 1;
	for (i = 0; i < *n; i++)
		if (gsheet_url_rewrite(so->source, so->tabs.n ? so->tabs.v[i] : NULL, so->base,
				       &urls[i], NULL, &err) != 0)
			return msg_usage(app, "%s", err.msg);
	return EXIT_OK;
}

static struct http_client *make_client(struct app *app, int *rc)
{
	struct http_options ho;
	struct sh_error err = { 0 };
	struct http_client *hc;

	http_options_init(&ho);
	ho.max_body = MAX_SHEET_BYTES;
	if (http_options_from_env(&ho, &err) != 0) {
		*rc = msg_sh_error(app, &err);
		return NULL;
	}
	if (!(hc = http_client_new(&ho))) {
		msg_error(app, "cannot start libcurl");
		*rc = EXIT_REMOTE;
	}
	return hc;
}

/* Diffs against the catalogue in use and writes; returns an exit code. */
static int install(struct app *app, const struct sync_opts *so, const struct catalogue *cat,
		   long skipped)
{
	struct sh_error err = { 0 };
	struct catalogue *old = catalogue_load_default(app->catalogue_path, &err);
	const char *out = so->out;
	char *synced = NULL;
	struct catalogue *next = NULL;
	long changes;
	int rc = EXIT_OK;

	if (!old)
		msg_warn(app, "cannot read the catalogue in use (%s): every row counts as added",
			 err.msg);
	if (!out && !so->dry_run && !(out = synced = catalogue_synced_path())) {
		catalogue_free(old);
		return msg_usage(app, "neither HOME nor XDG_DATA_HOME is set; give -o FILE");
	}
	next = would_use(app, cat);
	changes = print_diff(out && !strcmp(out, "-") ? stderr : stdout, old, next);
	if (next->layers.sheet_rows)
		msg_info(app, "sheet layer: %ld rows, %ld override built-in entries (%ld only in "
			 "white space), %ld new; %zu entries in use",
			 next->layers.sheet_rows, next->layers.overridden, next->layers.same,
			 next->layers.added, next->n);
	if (so->dry_run) {
		msg_info(app, "dry run: nothing written");
	} else if (!changes && strcmp(out, "-") && same_file(out, cat)) {
		msg_info(app, "'%s' already holds this sheet: nothing written", out);
	} else if ((rc = catalogue_write_file(app, cat, out)) == EXIT_OK && strcmp(out, "-")) {
		msg_info(app, "wrote %zu entries to '%s'", cat->n, out);
	}
	if (rc == EXIT_OK && skipped)
		rc = EXIT_REJECTED;
	catalogue_free(old);
	catalogue_free(next);
	free(synced);
	return rc;
}

int catalogue_sync_run(struct app *app, int argc, char **argv)
{
	struct sync_opts so;
	struct strbuf urls[MAX_TABS];
	struct http_client *hc = NULL;
	struct catalogue *base = NULL, *cat = NULL;
	long skipped = 0;
	int i, n = 0, rc;

	memset(&so, 0, sizeof(so));
	for (i = 0; i < MAX_TABS; i++)
		strbuf_init(&urls[i]);
	if ((rc = parse_args(app, argc, argv, &so)) != EXIT_OK) {
		rc = rc == OPT_HELP ? EXIT_OK : rc;
		goto out;
	}
	if ((rc = build_urls(app, &so, urls, &n)) != EXIT_OK || !(hc = make_client(app, &rc)))
		goto out;
	base = catalogue_load_embedded(NULL);
	cat = catalogue_new();
	for (i = 0; i < n && rc == EXIT_OK; i++)
		rc = sync_one(app, hc, urls[i].buf, so.tabs.n ? so.tabs.v[i] : NULL, base, cat,
			      &skipped);
	if (rc != EXIT_OK) {
		msg_error(app, "nothing was changed");
		goto out;
	}
	rc = install(app, &so, cat, skipped);
out:
	for (i = 0; i < MAX_TABS; i++)
		strbuf_release(&urls[i]);
	opt_list_release(&so.tabs);
	http_client_free(hc);
	catalogue_free(base);
	catalogue_free(cat);
	return rc;
}
