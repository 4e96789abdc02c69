/* csv_quote.c - RFC 4180 quoting: a field needs quotes only for what would split or end
 * it; inside quotes, a quote is doubled. */
#include "util/csv_quote.h"

#include <string.h>

int csv_quote_is_formula(const char *s, size_t len)
{
	return len > 0 && s && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static int needs_quotes(const char *s, size_t len, unsigned flags)
{
	size_t i;

	if (flags & CSV_QUOTE_ALWAYS)
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return (flags & CSV_QUOTE_BLANKS) && len &&
	       (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t');
}

void csv_quote_field(struct strbuf *out, const char *s, size_t len, unsigned flags)
{
	size_t i;

	if (!needs_quotes(s, len, flags)) {
		strbuf_add(out, s, len);
		return;
	}
	strbuf_addch(out, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, s[i]);
	}
	strbuf_addch(out, '"');
}
