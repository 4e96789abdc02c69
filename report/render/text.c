/* text.c - the terminal summary. Tables are collected first, then printed with each column
 * as wide as its widest cell (counted in code points) up to a cap; longer cells are cut
 * with "…" by the same sanitiser the other writers use. */
#include "report/render/text.h"

#include <stdlib.h>
#include <string.h>

#include "report/render/cell.h"
#include "report/render/changes.h"
#include "model/l10n.h"
#include "report/doc/rdoc.h"

#define MAX_COLS 8
#define TOP_ERRORS 10
#define TOP_ACTIONS 5

struct col {
	enum l10n_id label;
	size_t cap; /* the widest a cell may be, in code points */
	int right;  /* right-aligned (numbers) */
};

struct table {
	const struct col *cols;
	size_t ncols, nrows;
	char **cells;       /* owned: nrows * ncols sanitised cells */
	const char **mark; /* borrowed: per row, the verdict that colours the verdict column */
	int verdict_col;   /* -1 when none */
	int no_header;     /* a list of label / value pairs under a heading */
	enum sh_lang lang;
};

static void table_init(struct table *t, const struct col *cols, size_t ncols, enum sh_lang lang)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
	t->verdict_col = -1;
	t->lang = lang;
}

static void table_release(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->mark);
}

/* Adds a row of ncols texts (any of them NULL for ""); mark is the row's verdict or NULL. */
static void table_add(struct table *t, const char *const *texts, const char *mark)
{
	size_t i, at = t->nrows * t->ncols;

	t->cells = xrealloc(t->cells, (at + t->ncols) * sizeof(*t->cells));
	t->mark = xrealloc(t->mark, (t->nrows + 1) * sizeof(*t->mark));
	for (i = 0; i < t->ncols; i++) {
		struct strbuf sb;
		const char *s = texts[i] ? texts[i] : "";
		strbuf_init(&sb);
		cell_sanitize(&sb, s, strlen(s), t->cols[i].cap, CELL_ONE_LINE);
		t->cells[at + i] = strbuf_detach(&sb, NULL);
	}
	t->mark[t->nrows++] = mark;
}

static const char *verdict_colour(const char *verdict)
{
	if (!verdict)
		return NULL;
	if (!strcmp(verdict, "OK"))
		return "\033[32m";
	if (!strcmp(verdict, "WARNING"))
		return "\033[33m";
	if (!strcmp(verdict, "CRITICAL"))
		return "\033[31m";
	return NULL;
}

static void put_cell(FILE *fp, const char *s, size_t width, int right, int last,
		     const char *colour)
{
	size_t w = cell_width(s, strlen(s)), pad = width > w ? width - w : 0;

	if (right)
		fprintf(fp, "%*s", (int)pad, "");
	fprintf(fp, "%s%s%s", colour ? colour : "", s, colour ? "\033[0m" : "");
	if (!right && !last)
		fprintf(fp, "%*s", (int)pad, "");
}

static void table_print(const struct table *t, FILE *fp, int color)
{
	size_t width[MAX_COLS] = { 0 }, r, c, w;

	for (c = 0; c < t->ncols; c++) {
		const char *h = l10n(t->cols[c].label, t->lang);
		width[c] = t->no_header ? 0 : cell_width(h, strlen(h));
		for (r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r * t->ncols + c];
			if ((w = cell_width(s, strlen(s))) > width[c])
				width[c] = w;
		}
	}
	for (c = 0; c < t->ncols && !t->no_header; c++) {
		if (c == 0)
			fputs("  ", fp);
		put_cell(fp, l10n(t->cols[c].label, t->lang), width[c], t->cols[c].right,
			 c + 1 == t->ncols, NULL);
		fputs(c + 1 == t->ncols ? "\n" : "  ", fp);
	}
	for (r = 0; r < t->nrows; r++) {
		fputs("  ", fp);
		for (c = 0; c < t->ncols; c++) {
			const char *colour = color && (int)c == t->verdict_col
						     ? verdict_colour(t->mark[r]) : NULL;
			put_cell(fp, t->cells[r * t->ncols + c], width[c], t->cols[c].right,
				 c + 1 == t->ncols, colour);
			fputs(c + 1 == t->ncols ? "\n" : "  ", fp);
		}
	}
}

/* Appends the sanitised one-line text of s (for lines outside tables). */
static const char *line(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	return cell_sanitize(sb, s, strlen(s), 500, CELL_ONE_LINE);
}

static void heading(FILE *fp, enum l10n_id id, enum sh_lang lang)
{
	fprintf(fp, "\n%s\n", l10n(id, lang));
}

static void period_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	const json_t *p = rdoc_object(doc, "period");
	const char *src = rdoc_str(p, "source");
	struct strbuf sb, tmp;

	strbuf_init(&sb);
	strbuf_init(&tmp);
	fprintf(fp, "%s\n", l10n(L_TITLE, lang));
	if (*rdoc_str(p, "start") || *rdoc_str(p, "end")) {
		rdoc_fmt_time(&sb, rdoc_str(p, "start"));
		strbuf_addf(&sb, " %s ", l10n(L_TO, lang));
		rdoc_fmt_time(&sb, rdoc_str(p, "end"));
		strbuf_adds(&sb, " ");
	}
	strbuf_addf(&sb, "(%s)", l10n(!strcmp(src, "window") ? L_PERIOD_WINDOW
				      : !strcmp(src, "data") ? L_PERIOD_DATA : L_PERIOD_NONE, lang));
	fprintf(fp, "%s: %s\n", l10n(L_PERIOD, lang), line(&tmp, sb.buf));
	strbuf_reset(&sb);
	rdoc_fmt_time(&sb, rdoc_str(doc, "generated_at"));
	strbuf_addf(&sb, " \xC2\xB7 %s", rdoc_str(doc, "generator"));
	fprintf(fp, "%s: %s\n", l10n(L_GENERATED, lang), line(&tmp, sb.buf));
	strbuf_release(&sb);
	strbuf_release(&tmp);
}

struct notes {
	struct strbuf sb;
	enum sh_lang lang;
};

static void reason_note(void *ctx, const char *key, const json_t *v)
{
	struct notes *n = ctx;
	char num[32];

	rdoc_fmt_int(num, (long long)json_integer_value(v), n->lang);
	strbuf_addf(&n->sb, "%s%s %s", n->sb.len ? ", " : "", key, num);
}

/* One line: duplicates, outside the period, and the skipped records by reason. */
static void inputs_notes(const json_t *in, enum sh_lang lang, FILE *fp)
{
	struct notes n = { { 0 }, lang };
	struct strbuf tmp;
	char dup[32], out[32];

	strbuf_init(&n.sb);
	strbuf_init(&tmp);
	rdoc_fmt_int(dup, rdoc_int(in, "duplicates"), lang);
	rdoc_fmt_int(out, rdoc_int(in, "outside_window"), lang);
	rdoc_each(rdoc_object(in, "skipped_by_reason"), reason_note, &n);
	strbuf_addf(&tmp, "%s: %s \xC2\xB7 %s: %s", l10n(L_DUPLICATES, lang), dup,
		    l10n(L_OUTSIDE_WINDOW, lang), out);
	if (n.sb.len)
		strbuf_addf(&tmp, " \xC2\xB7 %s: %s", l10n(L_SKIPPED_BECAUSE, lang), n.sb.buf);
	strbuf_reset(&n.sb);
	fprintf(fp, "  %s\n", line(&n.sb, tmp.buf));
	strbuf_release(&n.sb);
	strbuf_release(&tmp);
}

static void inputs_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	static const struct col cols[] = {
		{ L_SOURCE, 48, 0 }, { L_KIND, 16, 0 },   { L_FORMAT, 24, 0 },
		{ L_RECORDS, 16, 1 }, { L_SKIPPED, 16, 1 },
	};
	const json_t *in = rdoc_object(doc, "inputs");
	const json_t *src = rdoc_array(in, "sources");
	char rec[32], skip[32];
	struct table t;
	size_t i;

	heading(fp, L_INPUTS, lang);
	table_init(&t, cols, 5, lang);
	for (i = 0; i < json_array_size(src); i++) {
		const json_t *s = json_array_get(src, i);
		const char *row[5];
		rdoc_fmt_int(rec, rdoc_int(s, "records"), lang);
		rdoc_fmt_int(skip, rdoc_int(s, "skipped"), lang);
		row[1] = l10n_source_kind(rdoc_str(s, "kind"), lang);
		/* standard input has no name of its own: its kind, in the report's language */
		row[0] = strcmp(rdoc_str(s, "kind"), "stdin") ? rdoc_str(s, "name") : row[1];
		row[2] = rdoc_str(s, "format");
		row[3] = rec;
		row[4] = skip;
		table_add(&t, row, NULL);
	}
	rdoc_fmt_int(rec, rdoc_int(in, "records"), lang);
	rdoc_fmt_int(skip, rdoc_int(in, "skipped"), lang);
	{
		const char *row[5] = { l10n(L_TOTAL, lang), "", "", rec, skip };
		table_add(&t, row, NULL);
	}
	table_print(&t, fp, 0);
	table_release(&t);
	inputs_notes(in, lang, fp);
}

static int for_client(const json_t *doc)
{
	return !strcmp(rdoc_str(doc, "audience"), "client");
}

static void totals_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	static const struct col cols[] = { { L_TOTALS, 40, 0 }, { L_COUNT, 16, 1 } };
	static const struct {
		enum l10n_id label;
		const char *key;
	} rows[] = {
		{ L_EVENTS, "events" },
		{ L_SENT, "sent" },
		{ L_DELIVERED, "delivered" },
		{ L_FAILURES, "failures" },
		{ L_FAILURES_PERMANENT, "permanent" },
		{ L_FAILURES_TEMPORARY, "temporary" },
		{ L_COMPLAINTS, "complaints" },
		{ L_MATCHED, "matched" },
		{ L_UNMATCHED, "unmatched" },
	};
	const json_t *tot = rdoc_object(doc, "totals");
	char num[32];
	struct table t;
	size_t i;

	size_t n = sizeof(rows) / sizeof(rows[0]);

	if (for_client(doc)) /* the last two rows are about the agency's catalogue */
		n -= 2;
	heading(fp, L_TOTALS, lang);
	table_init(&t, cols, 2, lang);
	t.no_header = 1;
	for (i = 0; i < n; i++) {
		const char *row[2] = { l10n(rows[i].label, lang), num };
		rdoc_fmt_int(num, rdoc_int(tot, rows[i].key), lang);
		table_add(&t, row, NULL);
	}
	table_print(&t, fp, 0);
	table_release(&t);
}

static void categories_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	static const struct col cols[] = {
		{ L_COUNT, 16, 1 }, { L_SHARE, 10, 1 }, { L_CATEGORY, 50, 0 }
	};
	const json_t *cats = rdoc_array(doc, "categories");
	char num[32], pct[32];
	struct table t;
	size_t i;

	heading(fp, L_SHEET_CATEGORIES, lang);
	table_init(&t, cols, 3, lang);
	for (i = 0; i < json_array_size(cats); i++) {
		const json_t *c = json_array_get(cats, i);
		const char *row[3] = { num, pct, rdoc_category_title_s(doc, rdoc_str(c, "id"), lang) };
		rdoc_fmt_int(num, rdoc_int(c, "count"), lang);
		rdoc_fmt_pct(pct, rdoc_num(c, "share", NULL), 1, lang);
		table_add(&t, row, NULL);
	}
	if (t.nrows)
		table_print(&t, fp, 0);
	else
		fprintf(fp, "  %s\n", l10n(L_NONE, lang));
	table_release(&t);
}

static void errors_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	static const struct col cols[] = {
		{ L_COUNT, 16, 1 }, { L_PROVIDER, 12, 0 }, { L_CODE, 14, 0 }, { L_MESSAGE, 64, 0 }
	};
	const json_t *errors = rdoc_array(doc, "errors");
	char num[32];
	struct table t;
	size_t i;

	heading(fp, L_TOP_ERRORS, lang);
	table_init(&t, cols, 4, lang);
	for (i = 0; i < json_array_size(errors) && i < TOP_ERRORS; i++) {
		const json_t *e = json_array_get(errors, i);
		const char *code = rdoc_str(e, "code");
		const char *row[4] = { num, rdoc_str(e, "provider"),
				       *code ? code : rdoc_str(e, "smtp_code"), rdoc_str(e, "message") };
		rdoc_fmt_int(num, rdoc_int(e, "count"), lang);
		table_add(&t, row, NULL);
	}
	if (t.nrows)
		table_print(&t, fp, 0);
	else
		fprintf(fp, "  %s\n", l10n(L_NONE, lang));
	table_release(&t);
}

/* The formatted value of the rate id in a health object, or "n/a". */
static void rate_text(char out[32], const json_t *h, const char *id, enum sh_lang lang)
{
	const json_t *rates = rdoc_array(h, "rates");
	size_t i;
	int present;

	for (i = 0; i < json_array_size(rates); i++) {
		const json_t *r = json_array_get(rates, i);
		double v = rdoc_num(r, "value", &present);
		if (!strcmp(rdoc_str(r, "id"), id) && present) {
			rdoc_fmt_pct(out, v, 2, lang);
			return;
		}
	}
	snprintf(out, 32, "%s", l10n(L_NOT_AVAILABLE, lang));
}

/* Under the table: "  domain: reason" for every reason given. */
static void health_reasons(const json_t *health, FILE *fp)
{
	struct strbuf a, b;
	size_t i, j;

	strbuf_init(&a);
	strbuf_init(&b);
	for (i = 0; i < json_array_size(health); i++) {
		const json_t *h = json_array_get(health, i);
		const json_t *reasons = rdoc_array(h, "reasons");
		for (j = 0; j < json_array_size(reasons); j++) {
			const char *r = json_string_value(json_array_get(reasons, j));
			fprintf(fp, "    %s: ", line(&a, rdoc_str(h, "domain")));
			fprintf(fp, "%s\n", line(&b, r ? r : ""));
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
}

static void health_section(const json_t *doc, enum sh_lang lang, FILE *fp, int color)
{
	static const struct col cols[] = {
		{ L_SENDING_DOMAIN, 40, 0 }, { L_CLIENT, 24, 0 },      { L_VERDICT, 20, 0 },
		{ L_SENT, 16, 1 },           { L_RATE_HARD_BOUNCE, 12, 1 }, { L_RATE_COMPLAINT, 12, 1 },
		{ L_RATE_THROTTLE, 12, 1 },
	};
	const json_t *health = rdoc_array(doc, "health");
	char sent[32], hb[32], co[32], th[32];
	struct table t;
	size_t i;

	heading(fp, L_HEALTH, lang);
	table_init(&t, cols, 7, lang);
	t.verdict_col = 2;
	for (i = 0; i < json_array_size(health); i++) {
		const json_t *h = json_array_get(health, i);
		const char *verdict = rdoc_str(h, "verdict");
		const char *row[7] = { rdoc_str(h, "domain"), rdoc_str(h, "client"),
				       l10n_verdict(verdict, lang), sent, hb, co, th };
		rdoc_fmt_int(sent, rdoc_int(h, "sent"), lang);
		rate_text(hb, h, "hard_bounce", lang);
		rate_text(co, h, "complaint", lang);
		rate_text(th, h, "throttle", lang);
		table_add(&t, row, verdict);
	}
	if (t.nrows)
		table_print(&t, fp, color);
	else
		fprintf(fp, "  %s\n", l10n(L_NONE, lang));
	table_release(&t);
	health_reasons(health, fp);
}

/* Only with --clients: one row per client, its domains summed. */
static void clients_section(const json_t *doc, enum sh_lang lang, FILE *fp, int color)
{
	static const struct col cols[] = {
		{ L_CLIENT, 32, 0 }, { L_DOMAINS, 48, 0 }, { L_VERDICT, 20, 0 },
		{ L_SENT, 16, 1 },   { L_FAILURES, 16, 1 },
	};
	const json_t *clients = rdoc_array(doc, "clients");
	char sent[32], failures[32];
	struct strbuf domains;
	struct table t;
	size_t i, k;

	if (!json_array_size(clients) || for_client(doc))
		return;
	strbuf_init(&domains);
	heading(fp, L_SHEET_CLIENTS, lang);
	table_init(&t, cols, 5, lang);
	t.verdict_col = 2;
	for (i = 0; i < json_array_size(clients); i++) {
		const json_t *c = json_array_get(clients, i), *ds = rdoc_array(c, "domains");
		const char *verdict = rdoc_str(rdoc_object(c, "health"), "verdict");
		const char *row[5] = { rdoc_str(c, "client"), NULL, l10n_verdict(verdict, lang), sent,
				       failures };
		strbuf_reset(&domains);
		for (k = 0; k < json_array_size(ds); k++) {
			const char *d = json_string_value(json_array_get(ds, k));
			strbuf_addf(&domains, "%s%s", k ? ", " : "", d ? d : "");
		}
		row[1] = domains.buf;
		rdoc_fmt_int(sent, rdoc_int(c, "sent"), lang);
		rdoc_fmt_int(failures, rdoc_int(c, "failures"), lang);
		table_add(&t, row, verdict);
	}
	table_print(&t, fp, color);
	table_release(&t);
	strbuf_release(&domains);
}

static void actions_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	const json_t *actions = rdoc_array(doc, "actions");
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	heading(fp, L_TOP_ACTIONS, lang);
	for (i = 0; i < json_array_size(actions) && i < TOP_ACTIONS; i++)
		fprintf(fp, "  %zu. %s\n", i + 1, line(&sb, rdoc_str(json_array_get(actions, i), "text")));
	if (!json_array_size(actions))
		fprintf(fp, "  %s\n", l10n(L_NONE, lang));
	strbuf_release(&sb);
}

struct changes_ctx {
	struct table t;
	enum sh_lang lang;
};

static void change_row(void *ctx, const struct change_row *r)
{
	struct changes_ctx *c = ctx;
	char prev[32], cur[32], chg[32], verdicts[64];
	const char *row[6] = { l10n(r->section, c->lang), r->item, prev, cur, chg, verdicts };

	rdoc_fmt_int(prev, r->previous, c->lang);
	rdoc_fmt_int(cur, r->current, c->lang);
	rdoc_fmt_int(chg, r->change, c->lang);
	if (r->change > 0)
		memmove(chg + 1, chg, strlen(chg) + 1), chg[0] = '+';
	verdicts[0] = '\0';
	if (r->verdict || r->previous_verdict)
		snprintf(verdicts, sizeof(verdicts), "%s → %s",
			 r->previous_verdict ? l10n_verdict(r->previous_verdict, c->lang) : "-",
			 r->verdict ? l10n_verdict(r->verdict, c->lang) : "-");
	table_add(&c->t, row, NULL);
}

/* Only with --compare: what changed against the previous report. */
static void changes_section(const json_t *doc, enum sh_lang lang, FILE *fp)
{
	static const struct col cols[] = { { L_SECTION, 18, 0 }, { L_ITEM, 60, 0 },
					   { L_PREVIOUS, 12, 1 }, { L_CURRENT, 12, 1 },
					   { L_CHANGE, 12, 1 }, { L_VERDICT, 40, 0 } };
	struct changes_ctx c;

	if (!json_is_object(json_object_get(doc, "compare")))
		return;
	c.lang = lang;
	table_init(&c.t, cols, 6, lang);
	heading(fp, L_CHANGES, lang);
	if (changes_each(doc, lang, change_row, &c))
		table_print(&c.t, fp, 0);
	table_release(&c.t);
}

int text_write(const json_t *report, enum sh_lang lang, FILE *fp, int color)
{
	if (rdoc_check(report, NULL) != 0)
		return -1;
	period_section(report, lang, fp);
	if (!for_client(report))
		inputs_section(report, lang, fp);
	totals_section(report, lang, fp);
	categories_section(report, lang, fp);
	errors_section(report, lang, fp);
	health_section(report, lang, fp, color);
	clients_section(report, lang, fp, color);
	actions_section(report, lang, fp);
	changes_section(report, lang, fp);
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}
