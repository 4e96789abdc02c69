/* xlsx_changes.c - one table: section, item, previous, current, change, verdicts. */
#include "report/render/xlsx_changes.h"

#include "report/render/changes.h"

static const struct xlsx_col cols[] = {
	{ L_SECTION, 16, XK_TEXT, NULL },  { L_ITEM, 56, XK_WRAP, NULL },
	{ L_PREVIOUS, 12, XK_INT, NULL },  { L_CURRENT, 12, XK_INT, NULL },
	{ L_CHANGE, 12, XK_INT, NULL },    { L_PREVIOUS_VERDICT, 20, XK_TEXT, NULL },
	{ L_VERDICT, 20, XK_TEXT, NULL },
};

struct ctx {
	struct xlsx_book *b;
	lxw_worksheet *ws;
	lxw_row_t r;
};

static void row(void *arg, const struct change_row *cr)
{
	struct ctx *c = arg;
	struct xlsx_book *b = c->b;
	lxw_row_t r = ++c->r;

	xlsx_book_text(b, c->ws, r, 0, l10n(cr->section, b->lang), NULL);
	xlsx_book_text(b, c->ws, r, 1, cr->item, b->kind_fmt[XK_WRAP]);
	xlsx_book_int(b, c->ws, r, 2, cr->previous);
	xlsx_book_int(b, c->ws, r, 3, cr->current);
	xlsx_book_int(b, c->ws, r, 4, cr->change);
	if (cr->previous_verdict)
		xlsx_book_text(b, c->ws, r, 5, l10n_verdict(cr->previous_verdict, b->lang),
			       xlsx_book_verdict_format(b, cr->previous_verdict));
	if (cr->verdict)
		xlsx_book_text(b, c->ws, r, 6, l10n_verdict(cr->verdict, b->lang),
			       xlsx_book_verdict_format(b, cr->verdict));
	xlsx_book_fit_row(b, c->ws, r);
}

void xlsx_changes_sheet(struct xlsx_book *b)
{
	struct ctx c = { b, NULL, 0 };
	lxw_col_t ncols;

	if (!json_is_object(json_object_get(b->report, "compare")))
		return;
	if (!(c.ws = xlsx_book_sheet(b, L_SHEET_CHANGES)))
		return;
	ncols = xlsx_book_header(b, c.ws, 0, cols, sizeof(cols) / sizeof(cols[0]), NULL, 0);
	changes_each(b->report, b->lang, row, &c);
	xlsx_book_table_end(b, c.ws, 0, ncols, c.r);
}
