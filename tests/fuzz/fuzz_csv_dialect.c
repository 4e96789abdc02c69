/* fuzz_csv_dialect.c - what a CSV's first bytes decide before any row is read: its
 * character set (util/charset: UTF-8, Windows-1252, ISO-8859-1, UTF-16 or not text) and
 * its separator (util/csv_dialect), then the conversion to UTF-8, and the dates a cell may
 * hold (time_parse_local, each --date-order). Invariants: the separator is one of ',' ';'
 * TAB or none; a refused text names a line inside the input; a conversion gives valid
 * UTF-8 and the same bytes whether fed whole or in two pieces; a date parsed is finite and
 * an ambiguous one fits both orders. */
#include "tests/fuzz/fuzz.h"

#include <math.h>

#include "util/charset.h"
#include "util/csv_dialect.h"
#include "util/text.h"
#include "util/timeparse.h"

static void check_conversion(enum charset cs, const char *s, size_t len, size_t cut)
{
	struct charset_conv *a = charset_conv_new(cs), *b = charset_conv_new(cs);
	struct strbuf whole, parts;
	size_t ra, rb;

	FUZZ_CHECK(a && b);
	strbuf_init(&whole);
	strbuf_init(&parts);
	charset_conv_feed(a, s, len, &whole);
	ra = charset_conv_finish(a, &whole);
	charset_conv_feed(b, s, cut, &parts);
	charset_conv_feed(b, s + cut, len - cut, &parts);
	rb = charset_conv_finish(b, &parts);
	FUZZ_CHECK(text_utf8_valid(whole.buf, whole.len));
	FUZZ_CHECK(whole.len == parts.len && !memcmp(whole.buf, parts.buf, whole.len));
	FUZZ_CHECK(ra == rb);
	strbuf_release(&whole);
	strbuf_release(&parts);
	charset_conv_free(a);
	charset_conv_free(b);
}

static void check_dates(const char *s, size_t len)
{
	int order;

	for (order = TIME_ORDER_AUTO; order <= TIME_ORDER_YMD; order++) {
		double t = 0;
		unsigned fits = 0;
		int rc = time_parse_local(s, len, (enum time_date_order)order, &t, &fits);
		FUZZ_CHECK(rc == 0 || rc == -1 || rc == TIME_AMBIGUOUS);
		FUZZ_CHECK(rc == 0 ? isfinite(t) : 1);
		FUZZ_CHECK(rc != TIME_AMBIGUOUS ||
			   (order == TIME_ORDER_AUTO && fits == (TIME_FITS_DMY | TIME_FITS_MDY)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct charset_guess g;
	char d;
	size_t i;
	long lines = 1;

	d = csv_dialect_delim(s, size, size & 1);
	FUZZ_CHECK(d == 0 || d == ',' || d == ';' || d == '\t');
	charset_sniff(s, size, 1, &g);
	FUZZ_CHECK(g.cs <= CS_UNKNOWN && g.bom <= size);
	for (i = 0; i < size; i++)
		lines += s[i] == '\n';
	FUZZ_CHECK(g.cs == CS_UNKNOWN ? g.bad_line >= 1 && g.bad_line <= lines : g.bad_line == 0);
	if (g.cs != CS_UTF8 && g.cs != CS_UNKNOWN)
		check_conversion(g.cs, s + g.bom, size - g.bom, size ? data[0] % (size - g.bom + 1) : 0);
	check_conversion(CS_WINDOWS_1252, s, size, size / 2);
	check_conversion(CS_UTF16LE, s, size, size / 3);
	if (size < 64)
		check_dates(s, size);
	return 0;
}
