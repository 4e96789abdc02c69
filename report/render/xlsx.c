/* xlsx.c - the XLSX report: one table per sheet from the report document, written through
 * the book's helpers (report/render/xlsx_book.h), committed atomically. */
#include "report/render/xlsx.h"

#include <string.h>

#include "model/l10n.h"
#include "report/doc/rdoc.h"
#include "report/render/xlsx_book.h"
#include "report/render/xlsx_changes.h"
#include "report/render/xlsx_overview.h"
#include "report/render/xlsx_summary.h"
#include "util/atomic_file.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
#define TOP_RECIPIENT_DOMAINS 5

/* A table sheet: header at row 0, one row per array element, per-category columns last. */
struct table {
	enum l10n_id sheet;
	const char *array; /* the report member holding the rows */
	const struct xlsx_col *cols;
	size_t ncols;
	int per_category; /* add one column per category that occurs */
	int agency_only;   /* the last columns a client's report leaves out */
	/* fills the columns without a key; may be NULL */
	void (*extra)(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *row);
};

static const struct xlsx_col action_cols[] = {
	{ L_RANK, 5, XK_INT, NULL },
	{ L_ACTION, 70, XK_WRAP, "text" },
	{ L_CATEGORY, 26, XK_WRAP, NULL },
	{ L_FAILURES, 12, XK_INT, "failures" },
	{ L_DOMAINS_CONCERNED, 45, XK_WRAP, NULL },
	{ L_ADDRESSES, 13, XK_INT, NULL },
};

static const struct xlsx_col category_cols[] = {
	{ L_COUNT, 11, XK_INT, "count" },
	{ L_SHARE, 9, XK_PCT, "share" },
	{ L_PERMANENT, 12, XK_INT, "permanent" },
	{ L_TEMPORARY, 14, XK_INT, "temporary" },
	{ L_CATEGORY, 34, XK_WRAP, NULL },
	{ L_RECOMMENDED_ACTION, 70, XK_WRAP, NULL },
};

static const struct xlsx_col error_cols[] = {
	{ L_COUNT, 10, XK_INT, "count" },
	{ L_PROVIDER, 11, XK_TEXT, "provider" },
	{ L_CODE, 12, XK_TEXT, NULL },
	{ L_ENHANCED_CODE, 11, XK_TEXT, "enhanced_code" },
	{ L_MESSAGE, 50, XK_WRAP, "message" },
	{ L_MEANING, 45, XK_WRAP, NULL },
	{ L_SOLUTION, 45, XK_WRAP, "solution" },
	{ L_CATEGORY, 22, XK_WRAP, NULL },
	{ L_ACTION, 18, XK_WRAP, NULL },
	{ L_TOP_RECIPIENTS, 36, XK_WRAP, NULL },
	{ L_CATALOGUE_PROVIDER, 14, XK_TEXT, "catalogue_provider" },
};

static const struct xlsx_col domain_cols[] = {
	{ L_SENDING_DOMAIN, 30, XK_TEXT, "domain" },
	{ L_CLIENT, 20, XK_TEXT, "client" },
	{ L_SENT, 12, XK_INT, "sent" },
	{ L_DELIVERED, 12, XK_INT, "delivered" },
	{ L_FAILURES, 12, XK_INT, "failures" },
	{ L_COMPLAINTS, 12, XK_INT, "complaints" },
};

static const struct xlsx_col recipient_cols[] = {
	{ L_RECIPIENT_DOMAIN, 28, XK_TEXT, "domain" },
	{ L_MAILBOX_PROVIDER, 18, XK_TEXT, "mailbox_provider" },
	{ L_DELIVERED, 12, XK_INT, "delivered" },
	{ L_FAILURES, 12, XK_INT, "failures" },
};

static const struct xlsx_col daily_cols[] = {
	{ L_DATE, 12, XK_DATE, "date" },
	{ L_SENT, 12, XK_INT, "sent" },
	{ L_DELIVERED, 12, XK_INT, "delivered" },
	{ L_FAILURES, 12, XK_INT, "failures" },
};

static const struct xlsx_col unmatched_cols[] = {
	{ L_COUNT, 10, XK_INT, "count" },
	{ L_PROVIDER, 11, XK_TEXT, "provider" },
	{ L_CODES, 14, XK_TEXT, NULL },
	{ L_MESSAGE, 50, XK_WRAP, "message" },
	{ L_EXAMPLE, 50, XK_WRAP, "example" },
	{ L_CSV_ROW, 60, XK_WRAP, "csv_row" },
};

static const struct xlsx_col client_cols[] = {
	{ L_CLIENT, 24, XK_TEXT, "client" },
	{ L_DOMAINS, 36, XK_WRAP, NULL },
	{ L_SENT, 12, XK_INT, "sent" },
	{ L_DELIVERED, 12, XK_INT, "delivered" },
	{ L_FAILURES, 12, XK_INT, "failures" },
	{ L_COMPLAINTS, 12, XK_INT, "complaints" },
	{ L_VERDICT, 20, XK_TEXT, NULL },
};

static void action_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *row)
{
	struct strbuf sb;

	strbuf_init(&sb);
	xlsx_book_int(b, ws, r, 0, (long long)r);
	xlsx_book_text(b, ws, r, 2, rdoc_category_title_s(b->report, rdoc_str(row, "category"),
							  b->lang), b->kind_fmt[XK_WRAP]);
	rdoc_domain_list(&sb, rdoc_array(row, "domains"), (size_t)-1, b->lang);
	xlsx_book_text(b, ws, r, 4, sb.buf, b->kind_fmt[XK_WRAP]);
	if (json_is_integer(json_object_get(row, "addresses")))
		xlsx_book_int(b, ws, r, 5, rdoc_int(row, "addresses"));
	strbuf_release(&sb);
}

static void category_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			   const json_t *row)
{
	const char *id = rdoc_str(row, "id");
	int c = category_from_name(id);
	/* the report's own texts when they are in our language; else the taxonomy's */
	const char *title = c < 0 ? rdoc_str(row, "title")
				  : rdoc_category_title(b->report, (enum sh_category)c, b->lang);
	const char *action = c < 0 ? rdoc_str(row, "action")
				   : rdoc_category_action(b->report, (enum sh_category)c, b->lang);

	xlsx_book_text(b, ws, r, 4, title, b->kind_fmt[XK_WRAP]);
	xlsx_book_text(b, ws, r, 5, action, b->kind_fmt[XK_WRAP]);
}

static int for_client(const struct xlsx_book *b)
{
	return !strcmp(rdoc_str(b->report, "audience"), "client");
}

/* A client's Domains sheet says in words that the log named no domain. */
static void domain_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *row)
{
	const char *d = rdoc_str(row, "domain");

	if (for_client(b) && !strcmp(d, "(unknown)"))
		xlsx_book_fit_text(b, ws, r, 0, xlsx_overview_domain(d, b->lang));
}

static void error_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *row)
{
	const char *code = rdoc_str(row, "code");
	const char *meaning = rdoc_str(row, "meaning");
	struct strbuf sb;

	strbuf_init(&sb);
	xlsx_book_fit_text(b, ws, r, 2, *code ? code : rdoc_str(row, "smtp_code"));
	/* a client is not told about the catalogue: an unknown error's meaning stays empty */
	if (!*meaning && !json_is_string(json_object_get(row, "entry_id")) && !for_client(b))
		xlsx_book_text(b, ws, r, 5, l10n(L_NOT_IN_CATALOGUE, b->lang), b->muted);
	else
		xlsx_book_text(b, ws, r, 5, meaning, b->kind_fmt[XK_WRAP]);
	xlsx_book_text(b, ws, r, 7, rdoc_category_title_s(b->report, rdoc_str(row, "category"),
							  b->lang), b->kind_fmt[XK_WRAP]);
	xlsx_book_text(b, ws, r, 8, l10n_action_kind(rdoc_str(row, "action_kind"), b->lang),
		       b->kind_fmt[XK_WRAP]);
	rdoc_domain_list(&sb, rdoc_array(row, "recipient_domains"), TOP_RECIPIENT_DOMAINS,
			 b->lang);
	xlsx_book_text(b, ws, r, 9, sb.buf, b->kind_fmt[XK_WRAP]);
	strbuf_release(&sb);
}

static void unmatched_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			    const json_t *row)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, rdoc_str(row, "smtp_code"));
	if (*rdoc_str(row, "enhanced_code"))
		strbuf_addf(&sb, "%s%s", sb.len ? " " : "", rdoc_str(row, "enhanced_code"));
	xlsx_book_fit_text(b, ws, r, 2, sb.buf);
	strbuf_release(&sb);
}

static void client_extra(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *row)
{
	const json_t *domains = rdoc_array(row, "domains");
	const char *verdict = rdoc_str(rdoc_object(row, "health"), "verdict");
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < json_array_size(domains); i++) {
		const char *d = json_string_value(json_array_get(domains, i));
		strbuf_addf(&sb, "%s%s", i ? ", " : "", d ? d : "");
	}
	xlsx_book_text(b, ws, r, 1, sb.buf, b->kind_fmt[XK_WRAP]);
	xlsx_book_text(b, ws, r, 6, l10n_verdict(verdict, b->lang),
		       xlsx_book_verdict_format(b, verdict));
	strbuf_release(&sb);
}

static const struct table tables[] = {
	{ L_SHEET_ACTIONS, "actions", action_cols, NCOLS(action_cols), 0, 0, action_extra },
	{ L_SHEET_CATEGORIES, "categories", category_cols, NCOLS(category_cols), 0, 0,
	  category_extra },
	{ L_SHEET_ERRORS, "errors", error_cols, NCOLS(error_cols), 0, 1, error_extra },
	{ L_SHEET_DOMAINS, "domains", domain_cols, NCOLS(domain_cols), 1, 0, domain_extra },
	{ L_SHEET_RECIPIENTS, "recipient_domains", recipient_cols, NCOLS(recipient_cols), 1, 0,
	  NULL },
	{ L_SHEET_DAILY, "daily", daily_cols, NCOLS(daily_cols), 1, 0, NULL },
	{ L_SHEET_UNMATCHED, "unmatched", unmatched_cols, NCOLS(unmatched_cols), 0, 0,
	  unmatched_extra },
	{ L_SHEET_CLIENTS, "clients", client_cols, NCOLS(client_cols), 1, 0, client_extra },
};
_Static_assert(NCOLS(tables) == 8, "the table sheets after the Summary");

/* Counts by category as horizontal bars, largest on top, below the table. */
static void categories_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t last)
{
	const char *sheet = l10n(L_SHEET_CATEGORIES, b->lang);
	lxw_chart_options at = { .x_offset = 0, .y_offset = 10, .x_scale = 1.6, .y_scale = 1.3 };
	lxw_chart *chart;
	lxw_chart_series *series;

	if (last < 1)
		return;
	chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
	if (!chart) {
		xlsx_book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	series = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(series, sheet, 1, 4, last, 4);
	chart_series_set_values(series, sheet, 1, 0, last, 0);
	chart_title_set_name(chart, l10n(L_CHART_CATEGORIES, b->lang));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* in a bar chart the y axis holds the categories: largest first means reversed */
	chart_axis_set_reverse(chart->y_axis);
	chart_axis_set_num_format(chart->x_axis, "#,##0");
	xlsx_book_check(b, worksheet_insert_chart_opt(ws, last + 2, 0, chart, &at));
}

/* Failures per day, one stacked series per category column (or the total without any). */
static void daily_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t last,
			lxw_col_t first_cat, lxw_col_t ncols)
{
	const char *sheet = l10n(L_SHEET_DAILY, b->lang);
	lxw_chart_options at = { .x_offset = 0, .y_offset = 10, .x_scale = 2.0, .y_scale = 1.4 };
	lxw_chart *chart;
	lxw_col_t c, from = first_cat < ncols ? first_cat : 3, to = first_cat < ncols ? ncols : 4;

	if (last < 1)
		return;
	chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN_STACKED);
	if (!chart) {
		xlsx_book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (c = from; c < to; c++) {
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(series, sheet, 1, 0, last, 0);
		chart_series_set_values(series, sheet, 1, c, last, c);
		chart_series_set_name_range(series, sheet, 0, c);
	}
	chart_title_set_name(chart, l10n(L_CHART_DAILY, b->lang));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_num_format(chart->x_axis, l10n(L_XLSX_DAY, b->lang));
	chart_axis_set_num_format(chart->y_axis, "#,##0");
	xlsx_book_check(b, worksheet_insert_chart_opt(ws, last + 2, 0, chart, &at));
}

static void table_sheet(struct xlsx_book *b, const struct table *t)
{
	const json_t *rows = rdoc_array(b->report, t->array);
	enum sh_category cats[CATEGORY_COUNT];
	size_t ncats = t->per_category ? rdoc_category_columns(b->report, rows, cats) : 0;
	size_t i, n = json_array_size(rows);
	size_t nfixed = t->ncols - (for_client(b) ? (size_t)t->agency_only : 0);
	lxw_worksheet *ws;
	lxw_col_t ncols;

	if (t->sheet == L_SHEET_CLIENTS && n == 0)
		return;
	/* the agency's own sheets: messages for the shared sheet, every client side by side */
	if (for_client(b) && (t->sheet == L_SHEET_UNMATCHED || t->sheet == L_SHEET_CLIENTS))
		return;
	if (!(ws = xlsx_book_sheet(b, t->sheet)))
		return;
	ncols = xlsx_book_header(b, ws, 0, t->cols, nfixed, cats, ncats);
	if (n > XLSX_MAX_ROWS)
		n = XLSX_MAX_ROWS;
	for (i = 0; i < n && b->error == LXW_NO_ERROR; i++) {
		const json_t *row = json_array_get(rows, i);
		lxw_row_t r = (lxw_row_t)(i + 1);
		xlsx_book_row(b, ws, r, t->cols, nfixed, row);
		if (t->extra)
			t->extra(b, ws, r, row);
		xlsx_book_category_cells(b, ws, r, (lxw_col_t)nfixed, row, cats, ncats);
		xlsx_book_fit_row(b, ws, r);
	}
	xlsx_book_table_end(b, ws, 0, ncols, (lxw_row_t)n);
	if (t->sheet == L_SHEET_CATEGORIES)
		categories_chart(b, ws, (lxw_row_t)n);
	else if (t->sheet == L_SHEET_DAILY)
		daily_chart(b, ws, (lxw_row_t)n, (lxw_col_t)nfixed, ncols);
}

static void set_properties(struct xlsx_book *b)
{
	lxw_doc_properties props = { 0 };

	props.title = (char *)l10n(L_TITLE, b->lang);
	props.author = (char *)rdoc_str(b->report, "generator");
	xlsx_book_check(b, workbook_set_properties(b->wb, &props));
}

int xlsx_write(const json_t *report, enum sh_lang lang, const char *path, struct sh_error *err)
{
	struct atomic_file af = { .slot = -1 };
	struct xlsx_book book;
	lxw_workbook *wb = NULL;
	lxw_error closed;
	size_t i;
	int rc = -1;

	strbuf_init(&book.sb);
	if (rdoc_check(report, err) != 0 || atomic_file_open_path(&af, path, err) != 0)
		goto out;
	if (!(wb = workbook_new(af.tmp ? af.tmp : af.path))) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot create the workbook '%s'", path);
		goto out;
	}
	xlsx_book_init(&book, wb, report, lang);
	set_properties(&book);
	if (for_client(&book))
		xlsx_overview_sheet(&book);
	else
		xlsx_summary_sheet(&book);
	for (i = 0; i < NCOLS(tables) && book.error == LXW_NO_ERROR; i++)
		table_sheet(&book, &tables[i]);
	if (book.error == LXW_NO_ERROR)
		xlsx_changes_sheet(&book);
	if (book.error != LXW_NO_ERROR) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot build the workbook '%s': %s", path,
			     lxw_strerror(book.error));
		goto out;
	}
	closed = workbook_close(wb); /* frees the workbook whatever it returns */
	wb = NULL;
	if (closed != LXW_NO_ERROR) {
		sh_error_set(err, SH_ERR_IO, path, 0, "cannot write '%s': %s", path,
			     lxw_strerror(closed));
		goto out;
	}
	rc = atomic_file_commit_path(&af, err);
out:
	if (wb)
		lxw_workbook_free(wb); /* nothing written: the temp file is removed below */
	if (rc != 0)
		atomic_file_abort(&af);
	xlsx_book_release(&book);
	return rc;
}
