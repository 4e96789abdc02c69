/* xlsx_overview.c - a client's first sheet: blocks of a few rows each, from the top of the
 * page down, printed A4 landscape one page wide. */
#include "report/render/xlsx_overview.h"

#include <string.h>

#include "report/doc/rdoc.h"

#define TOP_ACTIONS 3

static const struct xlsx_col cols[] = {
	{ L_SENDING_DOMAIN, 32, XK_TEXT, NULL }, { L_VERDICT, 20, XK_TEXT, NULL },
	{ L_SENT, 12, XK_INT, "sent" },          { L_FAILURES, 12, XK_INT, NULL },
	{ L_REASONS, 70, XK_WRAP, NULL },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

struct cursor {
	struct xlsx_book *b;
	lxw_worksheet *ws;
	lxw_row_t row;
};

const char *xlsx_overview_domain(const char *d, enum sh_lang lang)
{
	return d && !strcmp(d, "(unknown)") ? l10n(L_DOMAIN_NOT_NAMED, lang) : d ? d : "";
}

/* The client's name: the one Clients row, else the first domain's client. */
static const char *client_name(const json_t *report)
{
	const json_t *clients = rdoc_array(report, "clients");
	const json_t *domains = rdoc_array(report, "domains");
	size_t i;

	if (json_array_size(clients) == 1)
		return rdoc_str(json_array_get(clients, 0), "client");
	for (i = 0; i < json_array_size(domains); i++) {
		const char *c = rdoc_str(json_array_get(domains, i), "client");
		if (*c)
			return c;
	}
	return "";
}

static void title_block(struct cursor *cu)
{
	struct xlsx_book *b = cu->b;
	const json_t *p = rdoc_object(b->report, "period");
	const char *client = client_name(b->report);
	struct strbuf sb;

	strbuf_init(&sb);
	if (*client)
		l10n_fill(&sb, L_REPORT_FOR, b->lang, client, NULL);
	else
		strbuf_adds(&sb, l10n(L_TITLE, b->lang));
	xlsx_book_title(b, cu->ws, cu->row++, sb.buf);
	strbuf_reset(&sb);
	rdoc_fmt_time(&sb, rdoc_str(p, "start"));
	strbuf_addf(&sb, " %s ", l10n(L_TO, b->lang));
	rdoc_fmt_time(&sb, rdoc_str(p, "end"));
	xlsx_book_text(b, cu->ws, cu->row, 0, l10n(L_PERIOD, b->lang), b->bold);
	xlsx_book_text(b, cu->ws, cu->row++, 1, sb.buf, NULL);
	cu->row++;
	strbuf_release(&sb);
}

/* The failures of the domain row named d, from the report's domains. */
static long long domain_failures(const json_t *report, const char *d)
{
	const json_t *domains = rdoc_array(report, "domains");
	size_t i;

	for (i = 0; i < json_array_size(domains); i++)
		if (!strcmp(rdoc_str(json_array_get(domains, i), "domain"), d))
			return rdoc_int(json_array_get(domains, i), "failures");
	return 0;
}

static void verdict_block(struct cursor *cu)
{
	struct xlsx_book *b = cu->b;
	const json_t *health = rdoc_array(b->report, "health");
	struct strbuf sb;
	size_t i, k;

	strbuf_init(&sb);
	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_YOUR_DOMAINS, b->lang), b->section);
	xlsx_book_header(b, cu->ws, cu->row++, cols, NCOLS, NULL, 0);
	for (i = 0; i < json_array_size(health) && i < XLSX_MAX_ROWS / 2; i++) {
		const json_t *h = json_array_get(health, i), *reasons = rdoc_array(h, "reasons");
		const char *d = rdoc_str(h, "domain"), *verdict = rdoc_str(h, "verdict");
		xlsx_book_fit_text(b, cu->ws, cu->row, 0, xlsx_overview_domain(d, b->lang));
		xlsx_book_text(b, cu->ws, cu->row, 1, l10n_verdict(verdict, b->lang),
			       xlsx_book_verdict_format(b, verdict));
		xlsx_book_row(b, cu->ws, cu->row, cols, NCOLS, h);
		xlsx_book_int(b, cu->ws, cu->row, 3, domain_failures(b->report, d));
		strbuf_reset(&sb);
		for (k = 0; k < json_array_size(reasons); k++)
			strbuf_addf(&sb, "%s%s", k ? "\n" : "",
				    json_string_value(json_array_get(reasons, k)) ?
					    json_string_value(json_array_get(reasons, k)) : "");
		xlsx_book_text(b, cu->ws, cu->row, 4, sb.buf, b->kind_fmt[XK_WRAP]);
		xlsx_book_fit_row(b, cu->ws, cu->row++);
	}
	cu->row++;
	strbuf_release(&sb);
}

/* One line "what: before → now". */
static void change_line(struct cursor *cu, const char *what, const char *before, const char *now)
{
	struct strbuf sb;

	strbuf_init(&sb);
	l10n_fill(&sb, L_CHANGE_TOTAL, cu->b->lang, what, before, now, NULL);
	xlsx_book_text(cu->b, cu->ws, cu->row++, 0, sb.buf, NULL);
	strbuf_release(&sb);
}

static void changes_block(struct cursor *cu)
{
	static const struct { const char *key; enum l10n_id label; } totals[] = {
		{ "sent", L_SENT }, { "failures", L_FAILURES }, { "complaints", L_COMPLAINTS } };
	struct xlsx_book *b = cu->b;
	const json_t *cmp = rdoc_object(b->report, "compare"), *v;
	char before[32], now[32];
	size_t i;

	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_WHAT_CHANGED, b->lang), b->section);
	if (!cmp)
		xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_NO_PREVIOUS, b->lang), b->muted);
	for (i = 0; cmp && i < sizeof(totals) / sizeof(totals[0]); i++) {
		const json_t *t = rdoc_object(rdoc_object(cmp, "totals"), totals[i].key);
		rdoc_fmt_int(before, rdoc_int(t, "previous"), b->lang);
		rdoc_fmt_int(now, rdoc_int(t, "current"), b->lang);
		change_line(cu, l10n(totals[i].label, b->lang), before, now);
	}
	json_array_foreach(rdoc_array(cmp, "domains"), i, v) {
		const char *pv = rdoc_str(v, "previous_verdict"), *cv = rdoc_str(v, "verdict");
		if (!strcmp(pv, cv))
			continue;
		change_line(cu, xlsx_overview_domain(rdoc_str(v, "domain"), b->lang),
			    *pv ? l10n_verdict(pv, b->lang) : "–", *cv ? l10n_verdict(cv, b->lang) : "–");
	}
	cu->row++;
}

static void actions_block(struct cursor *cu)
{
	struct xlsx_book *b = cu->b;
	const json_t *actions = rdoc_array(b->report, "actions");
	struct strbuf sb;
	double page_width = 0;
	size_t i;

	for (i = 0; i < NCOLS; i++)
		page_width += cols[i].width;
	strbuf_init(&sb);
	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_WHAT_WE_DO, b->lang), b->section);
	if (!json_array_size(actions))
		xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_NONE, b->lang), b->muted);
	for (i = 0; i < json_array_size(actions) && i < TOP_ACTIONS; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu. %s", i + 1, rdoc_str(json_array_get(actions, i), "text"));
		/* one merged cell across the page, wrapped at the page's width */
		xlsx_book_check(b, worksheet_merge_range(cu->ws, cu->row, 0, cu->row, NCOLS - 1, "",
							 b->kind_fmt[XK_WRAP]));
		b->width[0] = page_width;
		xlsx_book_text(b, cu->ws, cu->row, 0, sb.buf, b->kind_fmt[XK_WRAP]);
		b->width[0] = cols[0].width;
		xlsx_book_fit_row(b, cu->ws, cu->row++);
	}
	cu->row++;
	strbuf_release(&sb);
}

/* Failures by category as bars, from the Categories sheet (count in A, title in E). */
static void chart_block(struct cursor *cu)
{
	struct xlsx_book *b = cu->b;
	size_t n = json_array_size(rdoc_array(b->report, "categories"));
	const char *sheet = l10n(L_SHEET_CATEGORIES, b->lang);
	lxw_chart_options at = { .x_offset = 0, .y_offset = 10, .x_scale = 1.8, .y_scale = 1.2 };
	lxw_chart *chart;
	lxw_chart_series *series;

	if (n == 0)
		return;
	if (n > XLSX_MAX_ROWS)
		n = XLSX_MAX_ROWS;
	if (!(chart = workbook_add_chart(b->wb, LXW_CHART_BAR))) {
		xlsx_book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	series = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(series, sheet, 1, 4, (lxw_row_t)n, 4);
	chart_series_set_values(series, sheet, 1, 0, (lxw_row_t)n, 0);
	chart_title_set_name(chart, l10n(L_CHART_CATEGORIES, b->lang));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	chart_axis_set_reverse(chart->y_axis);
	chart_axis_set_num_format(chart->x_axis, "#,##0");
	xlsx_book_check(b, worksheet_insert_chart_opt(cu->ws, cu->row, 0, chart, &at));
}

void xlsx_overview_sheet(struct xlsx_book *b)
{
	struct cursor cu = { b, xlsx_book_sheet(b, L_SHEET_OVERVIEW), 0 };

	if (!cu.ws)
		return;
	title_block(&cu);
	verdict_block(&cu);
	changes_block(&cu);
	actions_block(&cu);
	chart_block(&cu);
	worksheet_set_landscape(cu.ws);
	worksheet_set_paper(cu.ws, 9); /* A4 */
	worksheet_fit_to_pages(cu.ws, 1, 0);
}
