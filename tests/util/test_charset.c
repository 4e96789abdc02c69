/* test_charset.c - which character set a CSV was saved in, and its conversion to UTF-8:
 * what a user sees is their umlauts, not U+FFFD, and a clear refusal for binary data. */
#include <stdio.h>
#include <string.h>

#include "tests/testlib.h"
#include "util/charset.h"

static void test_sniff(void)
{
	static const struct {
		const char *name, *in;
		size_t len;
		int eof;
		enum charset want;
		long bad_line;
	} t[] = {
		{ "ASCII", "a;b\n1;2\n", 8, 1, CS_UTF8, 0 },
		{ "UTF-8 umlaut", "Empf\xc3\xa4nger\n", 12, 1, CS_UTF8, 0 },
		{ "UTF-8 BOM", "\xef\xbb\xbf" "a\n", 5, 1, CS_UTF8, 0 },
		{ "Windows-1252 with a euro sign", "Empf\xe4nger;\x80\n", 12, 1, CS_WINDOWS_1252, 0 },
		{ "ISO-8859-1 umlauts only", "Empf\xe4nger;Stra\xdf" "e\n", 17, 1, CS_ISO_8859_1, 0 },
		{ "damaged UTF-8 stays UTF-8", "M\xc3\xbcller \xff\n", 11, 1, CS_UTF8, 0 },
		{ "UTF-8 cut by the buffer's end", "ab\xc3", 3, 0, CS_UTF8, 0 },
		{ "UTF-16LE BOM", "\xff\xfe" "a\0", 4, 1, CS_UTF16LE, 0 },
		{ "control bytes on line 2", "a\xe4\n\x01\x02\n", 6, 1, CS_UNKNOWN, 2 },
		{ "a byte Windows-1252 leaves undefined", "\xe4\x81\n", 3, 1, CS_UNKNOWN, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct charset_guess g;
		charset_sniff(t[i].in, t[i].len, t[i].eof, &g);
		if (g.cs != t[i].want || g.bad_line != t[i].bad_line)
			fprintf(stderr, "  %s: got %s line %ld\n", t[i].name, charset_name(g.cs),
				g.bad_line);
		CU_ASSERT(g.cs == t[i].want);
		CU_ASSERT(g.bad_line == t[i].bad_line);
	}
}

/* One non-ASCII character at every offset of ASCII lines (the sniffer skips ASCII eight
 * bytes at a time): the same answer, and the right line, wherever it falls. */
static void test_sniff_offsets(void)
{
	static const struct {
		const char *name, *bytes;
		enum charset want;
	} t[] = {
		{ "UTF-8", "\xc3\xa4", CS_UTF8 },
		{ "ISO-8859-1", "\xe4", CS_ISO_8859_1 },
		{ "Windows-1252", "\x80", CS_WINDOWS_1252 },
		{ "undefined in Windows-1252", "\x81", CS_UNKNOWN },
	};
	char buf[64];
	size_t i, at, n, k;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (at = 0; at <= 30; at++) {
			struct charset_guess g;
			long line = 1;
			n = strlen(t[i].bytes);
			for (k = 0; k < 40; k++)
				buf[k] = k % 7 == 6 ? '\n' : (char)('a' + k % 26);
			for (k = 0; k < at; k++)
				line += buf[k] == '\n';
			memcpy(buf + at, t[i].bytes, n);
			charset_sniff(buf, 40, 1, &g);
			if (g.cs != t[i].want)
				fprintf(stderr, "  %s at %zu: got %s\n", t[i].name, at,
					charset_name(g.cs));
			CU_ASSERT(g.cs == t[i].want);
			CU_ASSERT(g.bad_line == (t[i].want == CS_UNKNOWN ? line : 0));
		}
	}
	/* a sequence cut by the end of what was given, after ASCII of any length */
	for (at = 0; at <= 20; at++) {
		struct charset_guess g;
		memset(buf, 'x', at);
		buf[at] = '\xc3';
		charset_sniff(buf, at + 1, 0, &g);
		CU_ASSERT(g.cs == CS_UTF8);
		charset_sniff(buf, at + 1, 1, &g);
		CU_ASSERT(g.cs == CS_ISO_8859_1); /* the whole input: a Latin-1 letter */
	}
}

/* Converts in, fed in pieces of step bytes. */
static void conv(enum charset cs, const char *in, size_t len, size_t step, struct strbuf *out,
		 size_t *replaced)
{
	struct charset_conv *c = charset_conv_new(cs);
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	for (i = 0; i < len; i += step)
		charset_conv_feed(c, in + i, len - i < step ? len - i : step, out);
	*replaced = charset_conv_finish(c, out);
	charset_conv_free(c);
}

static void test_convert(void)
{
	static const struct {
		enum charset cs;
		const char *in;
		size_t len;
		const char *want;
		size_t replaced;
	} t[] = {
		{ CS_WINDOWS_1252, "Empf\xe4nger;B\xe4" "ckerei M\xfcller \x80", 27,
		  "Empf\xc3\xa4nger;B\xc3\xa4" "ckerei M\xc3\xbcller \xe2\x82\xac", 0 },
		{ CS_ISO_8859_1, "Stra\xdf" "e", 6, "Stra\xc3\x9f" "e", 0 },
		{ CS_WINDOWS_1252, "a\x81z", 3, "a\xef\xbf\xbdz", 1 },
		{ CS_UTF16LE, "E\0m\0\xe4\0\n\0", 8, "Em\xc3\xa4\n", 0 },
		{ CS_UTF16LE, "E\0m", 3, "E\xef\xbf\xbd", 1 }, /* cut in the middle */
	};
	size_t i, step;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (step = 1; step <= t[i].len; step += t[i].len - 1 ? t[i].len - 1 : 1) {
			struct strbuf out;
			size_t replaced = 99;
			strbuf_init(&out);
			conv(t[i].cs, t[i].in, t[i].len, step, &out, &replaced);
			TEST_STR_EQ(out.buf, t[i].want);
			CU_ASSERT_EQUAL(replaced, t[i].replaced);
			strbuf_release(&out);
		}
	}
	CU_ASSERT_PTR_NULL(charset_conv_new(CS_UTF8));
	CU_ASSERT_PTR_NULL(charset_conv_new(CS_UNKNOWN));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "UTF-8, Windows-1252, ISO-8859-1, UTF-16 or not text", test_sniff },
		{ "a non-ASCII byte at any offset", test_sniff_offsets },
		{ "conversion to UTF-8 in pieces of any size", test_convert },
	};
	return test_run("charset", tests, sizeof(tests) / sizeof(tests[0]));
}
