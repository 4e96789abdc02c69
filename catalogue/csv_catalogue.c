/* csv_catalogue.c - reads the catalogue file format and the shared spreadsheet's layout,
 * writes the file format. A header row is recognised by its column names; a row with one
 * non-empty cell is a section title that sets the provider for the rows below it. */
#include "catalogue/csv_catalogue.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv_quote.h"
#include "util/csvread.h"
#include "model/taxonomy.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/text.h"

/* What a spreadsheet column holds. Values >= 0 are catalogue fields (our file format). */
enum col_role {
	ROLE_NONE = -1,
	ROLE_CODE = -2,           /* Code / Fehlercode / Statuscode: shape decides the field */
	ROLE_SECTION_OR_CAT = -3, /* Fehlerkategorie / Category: taxonomy id or a section */
	ROLE_MESSAGE = -4,
	ROLE_MEANING = -5,
	ROLE_SOLUTION = -6,
	ROLE_GLOSSARY = -7,
};

static const struct {
	const char *name;
	int role;
	int de; /* German header: the texts below it are German */
} header_names[] = {
	{ "code", ROLE_CODE, 0 },             { "error code", ROLE_CODE, 0 },
	{ "status code", ROLE_CODE, 0 },      { "fehlercode", ROLE_CODE, 1 },
	{ "statuscode", ROLE_CODE, 1 },       { "fehlerkategorie", ROLE_SECTION_OR_CAT, 1 },
	{ "category", ROLE_SECTION_OR_CAT, 0 }, { "fehlermeldung", ROLE_MESSAGE, 1 },
	{ "meldung", ROLE_MESSAGE, 1 },       { "error message", ROLE_MESSAGE, 0 },
	{ "message", ROLE_MESSAGE, 0 },       { "bedeutung", ROLE_MEANING, 1 },
	{ "erklärung", ROLE_MEANING, 1 },     { "meaning", ROLE_MEANING, 0 },
	{ "explanation", ROLE_MEANING, 0 },   { "lösung", ROLE_SOLUTION, 1 },
	{ "solution", ROLE_SOLUTION, 0 },     { "glossar", ROLE_GLOSSARY, 1 },
	{ "glossary", ROLE_GLOSSARY, 0 },
};

#define MAX_COLS 64

struct parse_state {
	struct catalogue *out;   /* rows parsed so far; moved to the caller's on success */
	struct csv_catalogue_opts *opts;
	const char *name;
	int have_header;
	int own_format;          /* the header has an id column: our format, one header row */
	int ncols;
	int role[MAX_COLS];
	int de[MAX_COLS];
	char provider[16];       /* from the last section title */
	char section[160];
};

/* Lowercases a header cell (ASCII and the German umlauts stay as they are) and drops a
 * trailing colon and spaces. */
static void header_key(const char *cell, char *key, size_t keysz)
{
	size_t n = 0;
	const char *s = cell;
	size_t len = strlen(cell);

	text_trim(&s, &len);
	while (len && (s[len - 1] == ':' || isspace((unsigned char)s[len - 1])))
		len--;
	for (; n < len && n + 1 < keysz; n++)
		key[n] = (char)tolower((unsigned char)s[n]);
	key[n] = '\0';
}

static int lookup_role(const char *cell, int *de)
{
	char key[64];
	size_t i;
	int f;

	header_key(cell, key, sizeof(key));
	*de = 0;
	/* German words may be capitalised with a non-ASCII first letter: compare the rest. */
	for (i = 0; i < sizeof(header_names) / sizeof(header_names[0]); i++) {
		if (!strcmp(key, header_names[i].name)) {
			*de = header_names[i].de;
			return header_names[i].role;
		}
	}
	if (!strcmp(key, "category"))
		return ROLE_SECTION_OR_CAT;
	f = catalogue_field_index(key);
	return f >= 0 ? f : ROLE_NONE;
}

static int looks_like_code(const char *s);

static int try_header(struct parse_state *st, const struct csvread_row *row)
{
	int roles[MAX_COLS], des[MAX_COLS];
	int known = 0, anchor = 0, nonempty = 0, native = 0, has_id = 0;
	size_t i;

	/* our own format has one header row: a data row full of header words ("Lösung" as
	 * a solution) is data (fuzz_catalogue_csv: export wrote such a row, import dropped it) */
	if (st->own_format)
		return 0;
	if (row->n && looks_like_code(row->fields[0]) && *row->fields[0])
		return 0;
	for (i = 0; i < row->n && i < MAX_COLS; i++) {
		roles[i] = lookup_role(row->fields[i], &des[i]);
		nonempty += *row->fields[i] != '\0';
		if (roles[i] == CAT_ID || roles[i] == CAT_PROVIDER)
			native = 1;
		has_id |= roles[i] == CAT_ID;
		if (roles[i] != ROLE_NONE)
			known++;
		if (roles[i] == ROLE_CODE || roles[i] == ROLE_MESSAGE || roles[i] == ROLE_MEANING ||
		    roles[i] == CAT_ID)
			anchor = 1;
	}
	/* a data row may hold a header word or two; a header is mostly header words */
	if (known < 2 || !anchor || known * 2 <= nonempty)
		return 0;
	/* in our own format (or any sheet with an id/provider column) "category" is ours */
	for (i = 0; native && i < row->n && i < MAX_COLS; i++)
		if (roles[i] == ROLE_SECTION_OR_CAT && text_ieq(row->fields[i], "category"))
			roles[i] = CAT_CATEGORY;
	st->ncols = (int)(row->n < MAX_COLS ? row->n : MAX_COLS);
	memcpy(st->role, roles, sizeof(int) * (size_t)st->ncols);
	memcpy(st->de, des, sizeof(int) * (size_t)st->ncols);
	st->have_header = 1;
	st->own_format = has_id;
	if (st->opts)
		st->opts->headers++;
	return 1;
}

static const char *provider_from_title(const char *t)
{
	static const struct {
		const char *word;
		const char *provider;
	} map[] = {
		{ "mailgun", "mailgun" },   { "sendgrid", "sendgrid" }, { "gmail", "gmail" },
		{ "google", "gmail" },      { "outlook", "outlook" },   { "winsock", "outlook" },
		{ "ras ", "outlook" },      { "pop3", "outlook" },      { "imap", "outlook" },
		{ "nntp", "outlook" },      { "enhanced mail system", "rfc3463" },
		{ "rfc 3463", "rfc3463" },  { "rfc3463", "rfc3463" },
	};
	char buf[200];
	size_t i, n = strlen(t);

	/* a trailing space lets "RAS Fehler" and "RAS" alike match "ras " */
	if (n + 2 > sizeof(buf))
		n = sizeof(buf) - 2;
	memcpy(buf, t, n);
	buf[n] = ' ';
	buf[n + 1] = '\0';
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (text_istr(buf, map[i].word))
			return map[i].provider;
	return NULL;
}

static int looks_like_code(const char *s)
{
	size_t i, digits = 0;

	if (text_istarts(s, "0x"))
		return 1;
	if ((s[0] == 'X' || s[0] == 'x') && s[1] == '.')
		return 1;
	for (i = 0; s[i]; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (!strchr(" .,\"", s[i]))
			return 0;
	}
	return digits > 0;
}

/* The enhanced-code shape: class '2'..'5' or 'X', then .subject.detail */
static int is_enhanced(const char *s)
{
	const char *p = s;
	int part;

	if (!(*p == 'X' || *p == 'x' || (*p >= '2' && *p <= '5')))
		return 0;
	p++;
	for (part = 0; part < 2; part++) {
		int d = 0;
		if (*p++ != '.')
			return 0;
		while (isdigit((unsigned char)*p) && d < 3) {
			p++;
			d++;
		}
		if (!d)
			return 0;
	}
	return *p == '\0';
}

/* Splits a code cell by its shape into http/smtp/enhanced/outlook fields. */
static int parse_code(const char *cell, const char *provider, struct strbuf *f)
{
	char buf[64], *p, *q;
	size_t n = strlen(cell);
	const char *s = cell;

	text_trim(&s, &n);
	if (n == 0 || (n == 1 && *s == '-'))
		return 0;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (text_istarts(buf, "0x")) {
		strbuf_adds(&f[CAT_OUTLOOK_CODE], buf);
		return 0;
	}
	/* drop quotes: Gmail's cells read 421, "4.3.0" */
	for (p = q = buf; *p; p++)
		if (*p != '"')
			*q++ = *p;
	*q = '\0';
	if (is_enhanced(buf)) {
		if (buf[0] == 'x')
			buf[0] = 'X';
		strbuf_adds(&f[CAT_ENHANCED_CODE], buf);
		return 0;
	}
	if (isdigit((unsigned char)buf[0]) && isdigit((unsigned char)buf[1]) &&
	    isdigit((unsigned char)buf[2])) {
		const char *rest = buf + 3;
		while (*rest == ',' || *rest == ' ')
			rest++;
		if (*rest && !is_enhanced(rest))
			return -1;
		if (!strcmp(provider, "mailgun") && !*rest)
			strbuf_add(&f[CAT_HTTP_STATUS], buf, 3);
		else
			strbuf_add(&f[CAT_SMTP_CODE], buf, 3);
		if (*rest)
			strbuf_adds(&f[CAT_ENHANCED_CODE], rest);
		return (buf[3] == '\0' || buf[3] == ',' || buf[3] == ' ') ? 0 : -1;
	}
	return -1;
}

static int same_codes(const struct cat_entry *e, struct strbuf *f)
{
	return !strcmp(e->f[CAT_PROVIDER], f[CAT_PROVIDER].buf) &&
	       !strcmp(e->f[CAT_HTTP_STATUS], f[CAT_HTTP_STATUS].buf) &&
	       !strcmp(e->f[CAT_SMTP_CODE], f[CAT_SMTP_CODE].buf) &&
	       !strcmp(e->f[CAT_ENHANCED_CODE], f[CAT_ENHANCED_CODE].buf) &&
	       !strcmp(e->f[CAT_OUTLOOK_CODE], f[CAT_OUTLOOK_CODE].buf);
}

/* The base entry this spreadsheet row is: same codes and the same German meaning or
 * message; failing that, the only base entry with those codes. */
static const struct cat_entry *find_base(const struct catalogue *base, struct strbuf *f)
{
	const struct cat_entry *only = NULL;
	size_t i, same = 0;

	if (!base)
		return NULL;
	for (i = 0; i < base->n; i++) {
		const struct cat_entry *e = &base->entries[i];
		if (!same_codes(e, f))
			continue;
		if ((f[CAT_MEANING_DE].len && !strcmp(e->f[CAT_MEANING_DE], f[CAT_MEANING_DE].buf)) ||
		    (f[CAT_MESSAGE].len && !strcmp(e->f[CAT_MESSAGE], f[CAT_MESSAGE].buf)))
			return e;
		only = e;
		same++;
	}
	return same == 1 ? only : NULL;
}

static void make_id(struct catalogue *cat, struct strbuf *f)
{
	struct strbuf id;
	const char *code = f[CAT_OUTLOOK_CODE].len   ? f[CAT_OUTLOOK_CODE].buf
			   : f[CAT_ENHANCED_CODE].len ? f[CAT_ENHANCED_CODE].buf
			   : f[CAT_SMTP_CODE].len     ? f[CAT_SMTP_CODE].buf
						      : f[CAT_HTTP_STATUS].buf;
	const char *text = f[CAT_MESSAGE].len ? f[CAT_MESSAGE].buf
			   : f[CAT_MEANING_EN].len ? f[CAT_MEANING_EN].buf
						   : f[CAT_MEANING_DE].buf;
	size_t words = 0, base_len;
	int dash = 1, k;
	const char *p;

	strbuf_init(&id);
	strbuf_addf(&id, "%s", f[CAT_PROVIDER].buf);
	if (*code) {
		strbuf_addch(&id, '-');
		for (p = code; *p; p++)
			strbuf_addch(&id, (char)tolower((unsigned char)*p));
	}
	for (p = text; *p && id.len < 60; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80) {
			if (dash) {
				if (words == 5)
					break;
				strbuf_addch(&id, '-');
				words++;
			}
			strbuf_addch(&id, (char)tolower(c));
			dash = 0;
		} else {
			dash = 1;
		}
	}
	base_len = id.len;
	for (k = 2; catalogue_find_id(cat, id.buf); k++) {
		id.len = base_len;
		strbuf_addf(&id, "-%d", k);
	}
	strbuf_reset(&f[CAT_ID]);
	strbuf_add(&f[CAT_ID], id.buf, id.len);
	strbuf_release(&id);
}

static void fill_from_base(struct strbuf *f, const struct cat_entry *e)
{
	static const enum cat_field ours[] = { CAT_ID, CAT_PATTERN, CAT_SEVERITY, CAT_CATEGORY,
					       CAT_ACTION, CAT_MEANING_EN, CAT_SOLUTION_EN,
					       CAT_GLOSSARY_EN, CAT_SECTION };
	size_t i;

	for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		if (!f[ours[i]].len)
			strbuf_adds(&f[ours[i]], e->f[ours[i]]);
}

static int skip_row(struct parse_state *st, long line, const char *key, const char *why)
{
	if (st->opts) {
		st->opts->skipped++;
		sh_sink_report(st->opts->sink, st->name, line, key, "%s", why);
	}
	return 0;
}

static int data_row(struct parse_state *st, const struct csvread_row *row)
{
	struct strbuf f[CAT_NFIELDS];
	const char *fields[CAT_NFIELDS];
	struct sh_error err = { 0 };
	const char *code_cell = NULL;
	int i, rc = 0;

	for (i = 0; i < CAT_NFIELDS; i++)
		strbuf_init(&f[i]);
	for (i = 0; i < st->ncols && (size_t)i < row->n; i++) {
		const char *v = row->fields[i];
		int role = st->role[i];
		if (!strcmp(v, "-"))
			v = "";
		if (role == ROLE_CODE)
			code_cell = v;
		else if (role == ROLE_SECTION_OR_CAT)
			strbuf_adds(&f[category_from_name(v) >= 0 ? CAT_CATEGORY : CAT_SECTION], v);
		else if (role == ROLE_MESSAGE)
			strbuf_adds(&f[CAT_MESSAGE], v);
		else if (role == ROLE_MEANING)
			strbuf_adds(&f[st->de[i] ? CAT_MEANING_DE : CAT_MEANING_EN], v);
		else if (role == ROLE_SOLUTION)
			strbuf_adds(&f[st->de[i] ? CAT_SOLUTION_DE : CAT_SOLUTION_EN], v);
		else if (role == ROLE_GLOSSARY)
			strbuf_adds(&f[st->de[i] ? CAT_GLOSSARY_DE : CAT_GLOSSARY_EN], v);
		else if (role >= 0 && !f[role].len)
			strbuf_adds(&f[role], v);
	}
	if (!f[CAT_PROVIDER].len) {
		const char *p = st->provider[0] ? st->provider : st->opts && st->opts->provider ? st->opts->provider : NULL;
		if (!p && code_cell)
			p = text_istarts(code_cell, "0x") ? "outlook" : is_enhanced(code_cell) ? "rfc3463" : NULL;
		strbuf_adds(&f[CAT_PROVIDER], p ? p : "smtp");
	}
	if (!f[CAT_SECTION].len)
		strbuf_adds(&f[CAT_SECTION], st->section);
	if (code_cell && parse_code(code_cell, f[CAT_PROVIDER].buf, f) != 0) {
		char why[160];
		snprintf(why, sizeof(why), "cannot read the code '%.60s'", code_cell);
		rc = skip_row(st, row->line, "bad_code", why);
		goto out;
	}
	if (!f[CAT_ID].len) {
		const struct cat_entry *b = find_base(st->opts ? st->opts->base : NULL, f);
		if (b)
			fill_from_base(f, b);
		if (!f[CAT_ID].len || catalogue_find_id(st->out, f[CAT_ID].buf))
			make_id(st->out, f);
	} else if (catalogue_find_id(st->out, f[CAT_ID].buf)) {
		char why[160];
		snprintf(why, sizeof(why), "duplicate id '%.60s'", f[CAT_ID].buf);
		rc = skip_row(st, row->line, "duplicate_id", why);
		goto out;
	}
	for (i = 0; i < CAT_NFIELDS; i++)
		fields[i] = f[i].buf;
	{
		struct cat_entry probe;
		memcpy(probe.f, fields, sizeof(probe.f));
		if (catalogue_entry_check(&probe, &err) != 0) {
			rc = skip_row(st, row->line, "bad_row", err.msg);
			goto out;
		}
	}
	catalogue_add(st->out, fields);
	if (st->opts)
		st->opts->added++;
out:
	for (i = 0; i < CAT_NFIELDS; i++)
		strbuf_release(&f[i]);
	return rc;
}

static int on_row(void *ctx, const struct csvread_row *row)
{
	struct parse_state *st = ctx;
	size_t i, nonempty = 0, last = 0;

	for (i = 0; i < row->n; i++) {
		const char *s = row->fields[i];
		size_t n = row->lens[i];
		text_trim(&s, &n);
		if (n) {
			nonempty++;
			last = i;
		}
	}
	if (nonempty == 0)
		return 0;
	if (row->too_wide)
		return skip_row(st, row->line, "too_many_columns", "the row has too many columns");
	if (row->unterminated)
		return skip_row(st, row->line, "unterminated_quote",
				"a quoted cell is not closed; it runs to the end of the file");
	if (row->bad_utf8)
		return skip_row(st, row->line, "bad_utf8", "the row is not valid UTF-8");
	if (try_header(st, row))
		return 0;
	if (nonempty == 1 && !looks_like_code(row->fields[last])) {
		const char *title = row->fields[last];
		size_t n = strlen(title);
		const char *p = provider_from_title(title);
		text_trim(&title, &n);
		while (n && title[n - 1] == ':')
			n--;
		text_trim(&title, &n);
		if (n == 1 && *title == '-')
			return 0; /* the sheet's placeholder for "nothing", as in data cells */
		/* a long title is cut where a character starts, so the row stays valid UTF-8 */
		n = text_utf8_cut(title, n, sizeof(st->section) - 1);
		snprintf(st->section, sizeof(st->section), "%.*s", (int)n, title);
		if (p)
			snprintf(st->provider, sizeof(st->provider), "%s", p);
		return 0;
	}
	if (!st->have_header)
		return skip_row(st, row->line, "before_header", "a data row before any header row");
	return data_row(st, row);
}

int csv_catalogue_parse(struct catalogue *cat, const char *name, const char *buf, size_t len,
			struct csv_catalogue_opts *opts, struct sh_error *err)
{
	struct parse_state st;
	struct csvread_cb cb;
	int rc = -1;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.out = catalogue_new();
	st.opts = opts;
	st.name = name;
	cb.row = on_row;
	cb.ctx = &st;
	if (opts)
		opts->added = opts->skipped = opts->headers = 0;
	if (csvread_buffer(name, buf, len, cb, err) != 0)
		goto out;
	if (!st.have_header) {
		sh_error_set(err, SH_ERR_DATA, name, 0,
			     "no header row found in '%s' (expected columns such as Code, "
			     "Fehlermeldung, Bedeutung, Lösung or the catalogue's own)", name);
		goto out;
	}
	if (st.out->n == 0) {
		sh_error_set(err, SH_ERR_DATA, name, 0, "'%s' holds no usable catalogue row", name);
		goto out;
	}
	for (i = 0; i < st.out->n; i++)
		catalogue_add(cat, (const char *const *)st.out->entries[i].f);
	rc = 0;
out:
	catalogue_free(st.out);
	return rc;
}

int csv_catalogue_read_file(struct catalogue *cat, const char *path,
			    struct csv_catalogue_opts *opts, struct sh_error *err)
{
	size_t len;
	char *buf = read_whole_file(path, (size_t)64 << 20, &len, err);
	int rc;

	if (!buf)
		return -1;
	rc = csv_catalogue_parse(cat, path, buf, len, opts, err);
	free(buf);
	return rc;
}

/* Blanks at either end are quoted too: our reader (libcsv) trims them otherwise. */
static void write_field(FILE *fp, struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	csv_quote_field(sb, s, strlen(s), CSV_QUOTE_BLANKS);
	fwrite(sb->buf, 1, sb->len, fp);
}

int csv_catalogue_write(const struct catalogue *cat, FILE *fp)
{
	struct strbuf sb;
	size_t i;
	int f;

	strbuf_init(&sb);
	for (f = 0; f < CAT_NFIELDS; f++) {
		if (f)
			fputc(',', fp);
		fputs(catalogue_field_name((enum cat_field)f), fp);
	}
	fputc('\n', fp);
	for (i = 0; i < cat->n; i++) {
		for (f = 0; f < CAT_NFIELDS; f++) {
			if (f)
				fputc(',', fp);
			write_field(fp, &sb, cat->entries[i].f[f]);
		}
		fputc('\n', fp);
	}
	strbuf_release(&sb);
	return ferror(fp) ? -1 : 0;
}
