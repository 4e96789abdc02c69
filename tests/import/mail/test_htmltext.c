/* test_htmltext.c - the visible text of a bounce's HTML part (import/mail/htmltext.h): tags
 * dropped, block tags as line ends, character references decoded, what is not a reference
 * kept as it is. Texts written for this test. */
#include <string.h>

#include "import/mail/htmltext.h"
#include "tests/testlib.h"

static void test_text(void)
{
	static const struct {
		const char *html, *want;
	} cases[] = {
		{ "<p>Delivery to <b>ann@dest.example</b> failed.</p><p>550 User unknown</p>",
		  "Delivery to ann@dest.example failed.\n550 User unknown\n" },
		{ "a<br>b<br/>c<div>d</div><ul><li>e</li></ul>", "a\nb\ncd\n\ne" },
		/* named and numeric references as UTF-8 */
		{ "&quot;ann@dest.example&quot;: &lt;550&gt; &amp; more&nbsp;&ndash; couldn&#39;t",
		  "\"ann@dest.example\": <550> & more \xe2\x80\x93 couldn't" },
		{ "caf&#233; &#xE9;t&#XE9;", "caf\xc3\xa9 \xc3\xa9t\xc3\xa9" },
		/* not references: unknown, unterminated, out of range, a surrogate, no digits */
		{ "&bogus; AT&T &#0; &#x110000; &#xD800; &#; &#x; &",
		  "&bogus; AT&T &#0; &#x110000; &#xD800; &#; &#x; &" },
		/* a tag without its end: the rest is dropped */
		{ "text <a href=\"x", "text " },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_adds(&sb, "");
		html_text(cases[i].html, strlen(cases[i].html), &sb);
		TEST_STR_EQ(sb.buf, cases[i].want);
		strbuf_release(&sb);
	}
	{
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_adds(&sb, "");
		html_text(NULL, 5, &sb);
		TEST_STR_EQ(sb.buf, "");
		strbuf_release(&sb);
	}
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "visible text of an HTML part", test_text },
	};
	return test_run("htmltext", tests, sizeof(tests) / sizeof(tests[0]));
}
