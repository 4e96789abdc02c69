/* xlsx_summary.c - the Summary sheet. It is a page of small blocks rather than one table,
 * so only its health table gets the autofilter; no row is frozen. */
#include "report/render/xlsx_summary.h"

#include <string.h>

#include "report/doc/rdoc.h"

#define TOP_ACTIONS 5

/* The health table's columns; the blocks above reuse the same columns. */
static const struct xlsx_col health_cols[] = {
	{ L_SENDING_DOMAIN, 30, XK_TEXT, "domain" },
	{ L_CLIENT, 18, XK_TEXT, "client" },
	{ L_VERDICT, 20, XK_TEXT, NULL },
	{ L_SENT, 12, XK_INT, "sent" },
	{ L_RATE_HARD_BOUNCE, 16, XK_RATE, NULL },
	{ L_RATE_COMPLAINT, 16, XK_RATE, NULL },
	{ L_RATE_THROTTLE, 16, XK_RATE, NULL },
	{ L_REASONS, 70, XK_WRAP, NULL },
};
_Static_assert(sizeof(health_cols) / sizeof(health_cols[0]) == 8, "health table columns");

static const char *const rate_ids[] = { "hard_bounce", "complaint", "throttle" };

struct cursor {
	struct xlsx_book *b;
	lxw_worksheet *ws;
	lxw_row_t row;
};

static void label_int(struct cursor *cu, const char *label, long long v, lxw_format *lf)
{
	xlsx_book_text(cu->b, cu->ws, cu->row, 0, label, lf);
	xlsx_book_int(cu->b, cu->ws, cu->row, 1, v);
	cu->row++;
}

static void period_block(struct cursor *cu)
{
	const json_t *p = rdoc_object(cu->b->report, "period");
	const char *src = rdoc_str(p, "source");
	enum sh_lang lang = cu->b->lang;
	struct strbuf sb;

	strbuf_init(&sb);
	xlsx_book_title(cu->b, cu->ws, cu->row++, l10n(L_TITLE, lang));
	rdoc_fmt_time(&sb, rdoc_str(cu->b->report, "generated_at"));
	strbuf_addf(&sb, " \xC2\xB7 %s", rdoc_str(cu->b->report, "generator"));
	xlsx_book_text(cu->b, cu->ws, cu->row, 0, l10n(L_GENERATED, lang), cu->b->muted);
	xlsx_book_text(cu->b, cu->ws, cu->row, 1, sb.buf, cu->b->muted);
	cu->row += 2;
	strbuf_reset(&sb);
	if (*rdoc_str(p, "start") || *rdoc_str(p, "end")) {
		rdoc_fmt_time(&sb, rdoc_str(p, "start"));
		strbuf_addf(&sb, " %s ", l10n(L_TO, lang));
		rdoc_fmt_time(&sb, rdoc_str(p, "end"));
		strbuf_adds(&sb, " (");
	} else {
		strbuf_adds(&sb, "– (");
	}
	strbuf_adds(&sb, l10n(!strcmp(src, "window") ? L_PERIOD_WINDOW
			      : !strcmp(src, "data") ? L_PERIOD_DATA : L_PERIOD_NONE, lang));
	strbuf_addch(&sb, ')');
	xlsx_book_text(cu->b, cu->ws, cu->row, 0, l10n(L_PERIOD, lang), cu->b->bold);
	xlsx_book_text(cu->b, cu->ws, cu->row++, 1, sb.buf, NULL);
	if (*rdoc_str(p, "first_event")) { /* one time per row: a "First event" is no range */
		strbuf_reset(&sb);
		rdoc_fmt_time(&sb, rdoc_str(p, "first_event"));
		xlsx_book_text(cu->b, cu->ws, cu->row, 0, l10n(L_FIRST_EVENT, lang), NULL);
		xlsx_book_text(cu->b, cu->ws, cu->row++, 1, sb.buf, NULL);
		strbuf_reset(&sb);
		rdoc_fmt_time(&sb, rdoc_str(p, "last_event"));
		xlsx_book_text(cu->b, cu->ws, cu->row, 0, l10n(L_LAST_EVENT, lang), NULL);
		xlsx_book_text(cu->b, cu->ws, cu->row++, 1, sb.buf, NULL);
	}
	cu->row++;
	strbuf_release(&sb);
}

static void reason_row(void *ctx, const char *key, const json_t *v)
{
	struct cursor *cu = ctx;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s: %s", l10n(L_SKIPPED_BECAUSE, cu->b->lang), key);
	xlsx_book_text(cu->b, cu->ws, cu->row, 0, sb.buf, cu->b->muted);
	xlsx_book_int(cu->b, cu->ws, cu->row++, 4, (long long)json_integer_value(v));
	strbuf_release(&sb);
}

static void inputs_block(struct cursor *cu)
{
	static const enum l10n_id cols[] = { L_SOURCE,  L_KIND,    L_FORMAT,
					     L_RECORDS, L_SKIPPED, L_DUPLICATES };
	const json_t *in = rdoc_object(cu->b->report, "inputs");
	const json_t *src = rdoc_array(in, "sources");
	struct xlsx_book *b = cu->b;
	size_t i;

	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_INPUTS, b->lang), b->section);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		xlsx_book_text(b, cu->ws, cu->row, (lxw_col_t)i, l10n(cols[i], b->lang),
			       b->header);
	cu->row++;
	for (i = 0; i < json_array_size(src); i++, cu->row++) {
		const json_t *s = json_array_get(src, i);
		xlsx_book_fit_text(b, cu->ws, cu->row, 0, rdoc_str(s, "name"));
		xlsx_book_text(b, cu->ws, cu->row, 1, l10n_source_kind(rdoc_str(s, "kind"), b->lang),
			       NULL);
		xlsx_book_text(b, cu->ws, cu->row, 2, rdoc_str(s, "format"), NULL);
		xlsx_book_int(b, cu->ws, cu->row, 3, rdoc_int(s, "records"));
		xlsx_book_int(b, cu->ws, cu->row, 4, rdoc_int(s, "skipped"));
		xlsx_book_int(b, cu->ws, cu->row, 5, rdoc_int(s, "duplicates"));
		xlsx_book_fit_row(b, cu->ws, cu->row);
	}
	xlsx_book_text(b, cu->ws, cu->row, 0, l10n(L_TOTAL, b->lang), b->bold);
	xlsx_book_int(b, cu->ws, cu->row, 3, rdoc_int(in, "records"));
	xlsx_book_int(b, cu->ws, cu->row, 4, rdoc_int(in, "skipped"));
	xlsx_book_int(b, cu->ws, cu->row++, 5, rdoc_int(in, "duplicates"));
	rdoc_each(rdoc_object(in, "skipped_by_reason"), reason_row, cu);
	xlsx_book_text(b, cu->ws, cu->row, 0, l10n(L_OUTSIDE_WINDOW, b->lang), NULL);
	xlsx_book_int(b, cu->ws, cu->row++, 3, rdoc_int(in, "outside_window"));
	cu->row++;
}

static void event_row(void *ctx, const char *key, const json_t *v)
{
	struct cursor *cu = ctx;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "    %s", key);
	label_int(cu, sb.buf, (long long)json_integer_value(v), cu->b->muted);
	strbuf_release(&sb);
}

static void totals_block(struct cursor *cu)
{
	const json_t *t = rdoc_object(cu->b->report, "totals");
	long long failures = rdoc_int(t, "failures");
	struct xlsx_book *b = cu->b;
	enum sh_lang lang = b->lang;

	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_TOTALS, lang), b->section);
	label_int(cu, l10n(L_EVENTS, lang), rdoc_int(t, "events"), b->bold);
	rdoc_each(rdoc_object(t, "by_event"), event_row, cu);
	label_int(cu, l10n(L_SENT, lang), rdoc_int(t, "sent"), NULL);
	label_int(cu, l10n(L_DELIVERED, lang), rdoc_int(t, "delivered"), NULL);
	label_int(cu, l10n(L_FAILURES, lang), failures, b->bold);
	/* permanent vs temporary, each also as a share of the failures */
	if (failures > 0)
		xlsx_book_pct(b, cu->ws, cu->row, 2, (double)rdoc_int(t, "permanent") / failures,
			      XK_PCT);
	label_int(cu, l10n(L_FAILURES_PERMANENT, lang), rdoc_int(t, "permanent"), NULL);
	if (failures > 0)
		xlsx_book_pct(b, cu->ws, cu->row, 2, (double)rdoc_int(t, "temporary") / failures,
			      XK_PCT);
	label_int(cu, l10n(L_FAILURES_TEMPORARY, lang), rdoc_int(t, "temporary"), NULL);
	label_int(cu, l10n(L_COMPLAINTS, lang), rdoc_int(t, "complaints"), NULL);
	label_int(cu, l10n(L_MATCHED, lang), rdoc_int(t, "matched"), NULL);
	label_int(cu, l10n(L_UNMATCHED, lang), rdoc_int(t, "unmatched"), NULL);
	cu->row++;
}

/* The rate with the given id from a health object's rates array, or NULL. */
static const json_t *find_rate(const json_t *health, const char *id)
{
	const json_t *rates = rdoc_array(health, "rates");
	size_t i;

	for (i = 0; i < json_array_size(rates); i++) {
		if (!strcmp(rdoc_str(json_array_get(rates, i), "id"), id))
			return json_array_get(rates, i);
	}
	return NULL;
}

static void health_row(struct cursor *cu, const json_t *h)
{
	struct xlsx_book *b = cu->b;
	const char *verdict = rdoc_str(h, "verdict");
	const json_t *reasons = rdoc_array(h, "reasons");
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	xlsx_book_row(b, cu->ws, cu->row, health_cols, sizeof(health_cols) / sizeof(health_cols[0]),
		      h);
	xlsx_book_text(b, cu->ws, cu->row, 2, l10n_verdict(verdict, b->lang),
		       xlsx_book_verdict_format(b, verdict));
	for (i = 0; i < sizeof(rate_ids) / sizeof(rate_ids[0]); i++) {
		const json_t *r = find_rate(h, rate_ids[i]);
		int present = 0;
		double v = rdoc_num(r, "value", &present);
		if (present)
			xlsx_book_check(b, worksheet_write_number(
						   cu->ws, cu->row, (lxw_col_t)(4 + i), v,
						   xlsx_book_rate_format(b, rdoc_str(r, "level"))));
		else
			xlsx_book_text(b, cu->ws, cu->row, (lxw_col_t)(4 + i),
				       l10n(L_NOT_AVAILABLE, b->lang), b->muted);
	}
	for (i = 0; i < json_array_size(reasons); i++) {
		const char *reason = json_string_value(json_array_get(reasons, i));
		strbuf_addf(&sb, "%s%s", i ? "\n" : "", reason ? reason : "");
	}
	xlsx_book_text(b, cu->ws, cu->row, 7, sb.buf, b->kind_fmt[XK_WRAP]);
	xlsx_book_fit_row(b, cu->ws, cu->row);
	cu->row++;
	strbuf_release(&sb);
}

static void health_block(struct cursor *cu)
{
	const json_t *health = rdoc_array(cu->b->report, "health");
	struct xlsx_book *b = cu->b;
	lxw_row_t header;
	size_t i;

	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_HEALTH, b->lang), b->section);
	header = cu->row;
	xlsx_book_header(b, cu->ws, cu->row++, health_cols,
			 sizeof(health_cols) / sizeof(health_cols[0]), NULL, 0);
	for (i = 0; i < json_array_size(health) && i < XLSX_MAX_ROWS / 2; i++)
		health_row(cu, json_array_get(health, i));
	xlsx_book_check(b, worksheet_autofilter(cu->ws, header, 0, cu->row - 1,
						sizeof(health_cols) / sizeof(health_cols[0]) - 1));
	cu->row++;
}

static void actions_block(struct cursor *cu)
{
	const json_t *actions = rdoc_array(cu->b->report, "actions");
	struct xlsx_book *b = cu->b;
	size_t i;

	xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_TOP_ACTIONS, b->lang), b->section);
	if (!json_array_size(actions))
		xlsx_book_text(b, cu->ws, cu->row++, 0, l10n(L_NONE, b->lang), b->muted);
	for (i = 0; i < json_array_size(actions) && i < TOP_ACTIONS; i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addf(&sb, "%zu. %s", i + 1, rdoc_str(json_array_get(actions, i), "text"));
		xlsx_book_text(b, cu->ws, cu->row++, 0, sb.buf, NULL);
		strbuf_release(&sb);
	}
}

void xlsx_summary_sheet(struct xlsx_book *b)
{
	struct cursor cu = { b, xlsx_book_sheet(b, L_SHEET_SUMMARY), 0 };

	if (!cu.ws)
		return;
	/* the health table's widths from the start, so that the cells above know them */
	xlsx_book_widths(b, cu.ws, health_cols, sizeof(health_cols) / sizeof(health_cols[0]));
	period_block(&cu);
	inputs_block(&cu);
	totals_block(&cu);
	health_block(&cu);
	actions_block(&cu);
	worksheet_set_landscape(cu.ws);
	worksheet_set_paper(cu.ws, 9);
	worksheet_fit_to_pages(cu.ws, 1, 0);
}
