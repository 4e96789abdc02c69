/* xlsx_book.h - the workbook under construction for report/render/xlsx.c: its formats, and the
 * cell and table helpers every sheet uses, so that each sheet only says what goes where.
 * Contract: the book borrows the report; the lxw_workbook owns sheets, charts and formats
 * until workbook_close() (called by xlsx.c). Cell helpers never fail loudly: the first
 * libxlsxwriter error is kept in book->error and xlsx.c refuses to commit the file.
 * Formats and worksheets returned are borrowed from the workbook (valid until
 * workbook_close). Not thread-safe: one book, one thread. */
#ifndef SH_REPORT_RENDER_XLSX_BOOK_H
#define SH_REPORT_RENDER_XLSX_BOOK_H

#include <jansson.h>
#include <xlsxwriter.h>

#include "model/taxonomy.h"
#include "model/l10n.h"
#include "util/strbuf.h"

enum xlsx_kind {
	XK_TEXT, /* one line; wrapped when wider than its column (xlsx_book_fit_text) */
	XK_WRAP, /* long text, wrapped */
	XK_INT,  /* whole number, thousands separator */
	XK_PCT,  /* share: 12.3% */
	XK_RATE, /* health rate: 0.12% */
	XK_DATE, /* yyyy-mm-dd (en) or dd.mm.yyyy (de) */
};

struct xlsx_col {
	enum l10n_id label;
	double width;    /* in characters of the default font */
	enum xlsx_kind kind;
	const char *key; /* the row object's member shown, NULL when the sheet fills it */
};

#define XLSX_WIDTH_COLS 64
#define XLSX_DEFAULT_WIDTH 8.43

enum xlsx_verdict { XV_OK, XV_WARNING, XV_CRITICAL, XV_INSUFFICIENT, XV_COUNT };

struct xlsx_book {
	lxw_workbook *wb;     /* borrowed from xlsx_write, which closes or frees it */
	const json_t *report; /* borrowed */
	enum sh_lang lang;
	lxw_format *kind_fmt[XK_DATE + 1];
	lxw_format *header, *title, *section, *bold, *muted;
	lxw_format *verdict[XV_COUNT];
	lxw_format *rate_level[XV_COUNT]; /* a health rate coloured by its level */
	struct strbuf sb;     /* scratch for sanitised cell text */
	/* Row heights: LibreOffice does not fit rows to wrapped text when it opens a file, so
	 * the book estimates the lines of each wrapped cell from the widths it set. */
	double width[XLSX_WIDTH_COLS]; /* the current sheet's column widths */
	unsigned row_lines;            /* most lines of a wrapped cell in the current row */
	lxw_error error;      /* the first libxlsxwriter error, LXW_NO_ERROR when none */
};

/* Creates the formats; the book must later be released with xlsx_book_release. */
void xlsx_book_init(struct xlsx_book *b, lxw_workbook *wb, const json_t *report,
		    enum sh_lang lang);
void xlsx_book_release(struct xlsx_book *b);

/* Adds a worksheet named by label; NULL (and book->error set) on failure. */
lxw_worksheet *xlsx_book_sheet(struct xlsx_book *b, enum l10n_id label);

/* Gives row r the height its wrapped cells need (as written since the last call). */
void xlsx_book_fit_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r);

/* Keeps the first error; returns 0 for LXW_NO_ERROR, else -1. */
int xlsx_book_check(struct xlsx_book *b, lxw_error e);

/* Cell writers. Text is always sanitised (report/render/cell.h) and always written with
 * worksheet_write_string, so "=cmd|..." stays text. */
void xlsx_book_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		    const char *s, lxw_format *f);
/* The sheet's title in b->title's large font, its row made tall enough for it. */
void xlsx_book_title(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, const char *s);
/* One-line text that wraps instead when it is wider than the column (a filled cell to
 * its right would cut it). */
void xlsx_book_fit_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
			const char *s);
void xlsx_book_int(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		   long long v);
void xlsx_book_pct(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
		   enum xlsx_kind kind);
lxw_format *xlsx_book_verdict_format(struct xlsx_book *b, const char *verdict);
/* The rate format for a level "OK", "WARNING", "CRITICAL" or "NONE". */
lxw_format *xlsx_book_rate_format(struct xlsx_book *b, const char *level);

/* Sets the widths of the columns cols (for a sheet whose cells come before its header). */
void xlsx_book_widths(struct xlsx_book *b, lxw_worksheet *ws, const struct xlsx_col *cols,
		      size_t n);
/* Writes the header row at row r: the fixed columns, then one column per category (titled
 * in the book's language); sets the widths. Returns the number of columns. */
lxw_col_t xlsx_book_header(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			   const struct xlsx_col *cols, size_t n, const enum sh_category *cats,
			   size_t ncats);
/* Writes the columns that have a key from the row object row_json. */
void xlsx_book_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
		   const struct xlsx_col *cols, size_t n, const json_t *row_json);
/* One cell per category column from row_json.by_category, starting at column c. */
void xlsx_book_category_cells(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
			      lxw_col_t c, const json_t *row_json, const enum sh_category *cats,
			      size_t ncats);
/* A table's finish: header frozen, autofilter over header..last, printed landscape one
 * page wide with the header repeated. last < header means no data rows. */
void xlsx_book_table_end(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t header,
			 lxw_col_t ncols, lxw_row_t last);

/* The most data rows a table takes (the sheet's row limit less the header). */
#define XLSX_MAX_ROWS (LXW_ROW_MAX - 2)

#endif
