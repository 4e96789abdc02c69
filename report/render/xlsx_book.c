/* xlsx_book.c - formats, sanitised cell writes and the finish every table gets. */
#include "report/render/xlsx_book.h"

#include <math.h>
#include <string.h>

#include "model/l10n.h"
#include "report/render/cell.h"
#include "report/doc/rdoc.h"
#include "util/text.h"

#define CATEGORY_COL_WIDTH 16.0

static lxw_format *new_format(lxw_workbook *wb, int bold, int wrap)
{
	lxw_format *f = workbook_add_format(wb);

	if (!f)
		return NULL;
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static lxw_format *verdict_format(lxw_workbook *wb, lxw_color_t bg, lxw_color_t fg)
{
	lxw_format *f = new_format(wb, 1, 0);

	if (f) {
		format_set_bg_color(f, bg);
		format_set_font_color(f, fg);
		format_set_align(f, LXW_ALIGN_CENTER);
	}
	return f;
}

void xlsx_book_init(struct xlsx_book *b, lxw_workbook *wb, const json_t *report,
		    enum sh_lang lang)
{
	memset(b, 0, sizeof(*b));
	b->wb = wb;
	b->report = report;
	b->lang = lang;
	b->error = LXW_NO_ERROR;
	strbuf_init(&b->sb);
	b->kind_fmt[XK_TEXT] = new_format(wb, 0, 0);
	b->kind_fmt[XK_WRAP] = new_format(wb, 0, 1);
	b->kind_fmt[XK_INT] = new_format(wb, 0, 0);
	format_set_num_format(b->kind_fmt[XK_INT], "#,##0_)");
	b->kind_fmt[XK_PCT] = new_format(wb, 0, 0);
	format_set_num_format(b->kind_fmt[XK_PCT], "0.0%_)");
	b->kind_fmt[XK_RATE] = new_format(wb, 0, 0);
	format_set_num_format(b->kind_fmt[XK_RATE], "0.00%_)");
	b->kind_fmt[XK_DATE] = new_format(wb, 0, 0);
	format_set_num_format(b->kind_fmt[XK_DATE], l10n(L_XLSX_DATE, lang));
	format_set_align(b->kind_fmt[XK_DATE], LXW_ALIGN_LEFT);
	b->header = new_format(wb, 1, 1);
	format_set_bg_color(b->header, 0xDDE4EE);
	format_set_bottom(b->header, LXW_BORDER_THIN);
	b->title = new_format(wb, 1, 0);
	format_set_font_size(b->title, 16);
	b->section = new_format(wb, 1, 0);
	format_set_font_size(b->section, 12);
	format_set_font_color(b->section, 0x1F3864);
	b->bold = new_format(wb, 1, 0);
	b->muted = new_format(wb, 0, 0);
	format_set_font_color(b->muted, 0x595959);
	format_set_italic(b->muted);
	/* the colours of Excel's own "good / neutral / bad" cell styles, grey for no data */
	b->verdict[XV_OK] = verdict_format(wb, 0xC6EFCE, 0x006100);
	b->verdict[XV_WARNING] = verdict_format(wb, 0xFFEB9C, 0x9C5700);
	b->verdict[XV_CRITICAL] = verdict_format(wb, 0xFFC7CE, 0x9C0006);
	b->verdict[XV_INSUFFICIENT] = verdict_format(wb, 0xD9D9D9, 0x404040);
	b->rate_level[XV_OK] = b->kind_fmt[XK_RATE];
	b->rate_level[XV_WARNING] = new_format(wb, 1, 0);
	format_set_num_format(b->rate_level[XV_WARNING], "0.00%_)");
	format_set_font_color(b->rate_level[XV_WARNING], 0x9C5700);
	b->rate_level[XV_CRITICAL] = new_format(wb, 1, 0);
	format_set_num_format(b->rate_level[XV_CRITICAL], "0.00%_)");
	format_set_font_color(b->rate_level[XV_CRITICAL], 0x9C0006);
	b->rate_level[XV_INSUFFICIENT] = b->kind_fmt[XK_RATE];
}

void xlsx_book_release(struct xlsx_book *b)
{
	if (b)
		strbuf_release(&b->sb);
}

int xlsx_book_check(struct xlsx_book *b, lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return 0;
	if (b->error == LXW_NO_ERROR)
		b->error = e;
	return -1;
}

lxw_worksheet *xlsx_book_sheet(struct xlsx_book *b, enum l10n_id label)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, l10n(label, b->lang));
	size_t i;

	for (i = 0; i < XLSX_WIDTH_COLS; i++)
		b->width[i] = XLSX_DEFAULT_WIDTH;
	b->row_lines = 0;
	if (!ws)
		xlsx_book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

/* Lines the text takes when wrapped at width characters: a greedy word wrap by code points,
 * with a tenth more room than digits since average letters are narrower. */
static unsigned wrap_lines(const char *s, double width)
{
	size_t per = width > 2 ? (size_t)(width * 1.1) : 1, col = 0, word = 0;
	unsigned lines = 1;

	for (;; s++) {
		int end = !*s || *s == '\n' || *s == ' ';
		if (!end) {
			word += ((unsigned char)*s & 0xC0) != 0x80;
			continue;
		}
		if (col && col + 1 + word > per) {
			lines++;
			col = 0;
		}
		col += (col ? 1 : 0) + word;
		while (col > per) { /* a word longer than the line */
			lines++;
			col -= per;
		}
		word = 0;
		if (!*s || lines > 400)
			break;
		if (*s == '\n') {
			lines++;
			col = 0;
		}
	}
	return lines;
}

/* Sets the width of column c on ws and remembers it for the row-height estimate. */
static void xlsx_book_width(struct xlsx_book *b, lxw_worksheet *ws, lxw_col_t c, double width)
{
	if (c < XLSX_WIDTH_COLS)
		b->width[c] = width;
	xlsx_book_check(b, worksheet_set_column(ws, c, c, width, NULL));
}

void xlsx_book_fit_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r)
{
	if (b->row_lines > 1) {
		double h = 15.0 * b->row_lines;
		xlsx_book_check(b, worksheet_set_row(ws, r, h > 409 ? 409 : h, NULL));
	}
	b->row_lines = 0;
}

void xlsx_book_title(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const char *s)
{
	/* 16 pt text in the default 15 pt row reaches into the row below in LibreOffice */
	xlsx_book_check(b, worksheet_set_row(ws, r, 22, NULL));
	xlsx_book_text(b, ws, r, 0, s, b->title);
}

void xlsx_book_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		    const char *s, lxw_format *f)
{
	const char *t;

	strbuf_reset(&b->sb);
	t = cell_sanitize(&b->sb, s, s ? strlen(s) : 0, CELL_MAX_CHARS, 0);
	if (f && (f == b->kind_fmt[XK_WRAP] || f == b->header)) {
		double w = c < XLSX_WIDTH_COLS ? b->width[c] : XLSX_DEFAULT_WIDTH;
		/* bold header text is wider */
		unsigned lines = wrap_lines(t, f == b->header ? w * 0.85 : w);
		if (lines > b->row_lines)
			b->row_lines = lines;
	}
	xlsx_book_check(b, worksheet_write_string(ws, r, c, t, f ? f : b->kind_fmt[XK_TEXT]));
}

void xlsx_book_fit_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
			const char *s)
{
	double w = c < XLSX_WIDTH_COLS ? b->width[c] : XLSX_DEFAULT_WIDTH;
	size_t n = s ? cell_width(s, strlen(s)) : 0;

	/* a tenth more letters than digits fit (see wrap_lines) */
	xlsx_book_text(b, ws, r, c, s, (double)n > w * 1.1 ? b->kind_fmt[XK_WRAP] : NULL);
}

void xlsx_book_int(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		   long long v)
{
	xlsx_book_check(b, worksheet_write_number(ws, r, c, (double)v, b->kind_fmt[XK_INT]));
}

void xlsx_book_pct(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
		   enum xlsx_kind kind)
{
	xlsx_book_check(b, worksheet_write_number(ws, r, c, isfinite(v) ? v : 0,
						  b->kind_fmt[kind == XK_RATE ? XK_RATE : XK_PCT]));
}

/* "2026-11-16" as a date cell; other texts as text. */
static void xlsx_book_date(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
			   const char *ymd)
{
	lxw_datetime dt = { 0 };
	long y, m, d;

	if (ymd && strlen(ymd) == 10 && ymd[4] == '-' && ymd[7] == '-' &&
	    text_parse_longn(ymd, 4, 1900, 9999, &y) == 0 &&
	    text_parse_longn(ymd + 5, 2, 1, 12, &m) == 0 &&
	    text_parse_longn(ymd + 8, 2, 1, 31, &d) == 0) {
		dt.year = (int)y;
		dt.month = (int)m;
		dt.day = (int)d;
		xlsx_book_check(b, worksheet_write_datetime(ws, r, c, &dt, b->kind_fmt[XK_DATE]));
		return;
	}
	xlsx_book_text(b, ws, r, c, ymd, NULL);
}

lxw_format *xlsx_book_verdict_format(struct xlsx_book *b, const char *verdict)
{
	static const char *const ids[XV_COUNT] = { "OK", "WARNING", "CRITICAL",
						   "INSUFFICIENT_DATA" };
	int i;

	for (i = 0; verdict && i < XV_COUNT; i++) {
		if (!strcmp(verdict, ids[i]))
			return b->verdict[i];
	}
	return b->kind_fmt[XK_TEXT];
}

lxw_format *xlsx_book_rate_format(struct xlsx_book *b, const char *level)
{
	lxw_format *f = xlsx_book_verdict_format(b, level);
	int i;

	for (i = 0; i < XV_COUNT; i++) {
		if (f == b->verdict[i])
			return b->rate_level[i];
	}
	return b->kind_fmt[XK_RATE];
}

void xlsx_book_widths(struct xlsx_book *b, lxw_worksheet *ws, const struct xlsx_col *cols,
		      size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		xlsx_book_width(b, ws, (lxw_col_t)i, cols[i].width);
}

lxw_col_t xlsx_book_header(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			   const struct xlsx_col *cols, size_t n, const enum sh_category *cats,
			   size_t ncats)
{
	lxw_col_t c = 0;
	size_t i;

	b->row_lines = 0;
	for (i = 0; i < n; i++, c++) {
		xlsx_book_width(b, ws, c, cols[i].width);
		xlsx_book_text(b, ws, r, c, l10n(cols[i].label, b->lang), b->header);
	}
	for (i = 0; i < ncats; i++, c++) {
		xlsx_book_width(b, ws, c, CATEGORY_COL_WIDTH);
		xlsx_book_text(b, ws, r, c, rdoc_category_title(b->report, cats[i], b->lang),
			       b->header);
	}
	xlsx_book_fit_row(b, ws, r);
	return c;
}

void xlsx_book_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
		   const struct xlsx_col *cols, size_t n, const json_t *row_json)
{
	lxw_col_t c;

	for (c = 0; c < n; c++) {
		const char *key = cols[c].key;
		if (!key)
			continue;
		switch (cols[c].kind) {
		case XK_INT:
			xlsx_book_int(b, ws, r, c, rdoc_int(row_json, key));
			break;
		case XK_PCT:
		case XK_RATE:
			xlsx_book_pct(b, ws, r, c, rdoc_num(row_json, key, NULL), cols[c].kind);
			break;
		case XK_DATE:
			xlsx_book_date(b, ws, r, c, rdoc_str(row_json, key));
			break;
		case XK_TEXT: /* wrapped when wider than its column: never cut by the next cell */
			xlsx_book_fit_text(b, ws, r, c, rdoc_str(row_json, key));
			break;
		case XK_WRAP:
			xlsx_book_text(b, ws, r, c, rdoc_str(row_json, key), b->kind_fmt[XK_WRAP]);
			break;
		}
	}
}

void xlsx_book_category_cells(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			      lxw_col_t c, const json_t *row_json, const enum sh_category *cats,
			      size_t ncats)
{
	size_t i;

	for (i = 0; i < ncats; i++)
		xlsx_book_int(b, ws, r, (lxw_col_t)(c + i), rdoc_category_count(row_json, cats[i]));
}

void xlsx_book_table_end(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t header,
			 lxw_col_t ncols, lxw_row_t last)
{
	if (ncols == 0)
		return;
	worksheet_freeze_panes(ws, header + 1, 0);
	xlsx_book_check(b, worksheet_autofilter(ws, header, 0, last < header ? header : last,
						(lxw_col_t)(ncols - 1)));
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	xlsx_book_check(b, worksheet_repeat_rows(ws, header, header));
}
