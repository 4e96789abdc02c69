/* csv_cell.c - RFC 4180 quoting and the formula-injection guard (OWASP "CSV injection"). */
#include "report/render/csv_cell.h"

#include "report/render/cell.h"
#include "util/csv_quote.h"

void csv_cell_neutralize(struct strbuf *out, const char *s, size_t len)
{
	if (csv_quote_is_formula(s, len))
		strbuf_addch(out, '\'');
	if (s)
		strbuf_add(out, s, len);
}

void csv_cell_field(struct strbuf *out, const char *s, size_t len)
{
	struct strbuf clean, safe;

	strbuf_init(&clean);
	strbuf_init(&safe);
	/* sanitise first: "\x01=cmd" must be caught as the formula it becomes */
	cell_sanitize(&clean, s, len, CELL_MAX_CHARS, 0);
	csv_cell_neutralize(&safe, clean.buf, clean.len);
	csv_quote_field(out, safe.buf, safe.len, 0);
	strbuf_release(&clean);
	strbuf_release(&safe);
}

void csv_cell_int(struct strbuf *out, long long v)
{
	strbuf_addf(out, "%lld", v);
}

void csv_cell_end_row(struct strbuf *out)
{
	strbuf_add(out, "\r\n", 2);
}
