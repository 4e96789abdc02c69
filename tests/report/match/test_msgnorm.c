/* test_msgnorm.c - the normalised message that groups "the same error" and keys the
 * classification cache: placeholders for what differs per message (also in URL queries),
 * folding, the cap; and
 * the SSE2 path for plain ASCII agrees with the byte-by-byte path on everything. */
#include <stdio.h>
#include <string.h>

#include "report/match/msgnorm.h"
#include "tests/testlib.h"
#include "util/text.h"

static void test_cases(void)
{
	static const struct {
		const char *input, *want;
	} cases[] = {
		{ "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser b20-FYW2YLTXxUyz.939 - gsmtp",
		  "550 5.1.1 the email account that you tried to reach does not exist. please try double-checking the recipient's email address for typos or unnecessary spaces. for more information, go to https://support.google.com/mail/?p=nosuchuser <id> - gsmtp" },
		{ "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM4PEPF00027A6C.eurprd04.prod.outlook.com]",
		  "550 5.5.0 requested action not taken: mailbox unavailable (<id>). [<id>]" },
		{ "421 4.7.0 [TSS04] Messages from 198.51.100.250 temporarily deferred",
		  "421 4.7.0 [tss04] messages from <ip> temporarily deferred" },
		{ "Relay for <john@example.com>, from [10.0.0.1:25]: 0x800CCC0E",
		  "relay for <<address>>, from [<ip>]: 0x800ccc0e" },
		{ "  Mixed\x09" "CASE \x0d" "\x0a" " text \xc2" "\xa0" " with\xe2" "\x80" "\x99" "s \xe2" "\x80" "\x9c" "quotes\xe2" "\x80" "\x9d" "\xe2" "\x80" "\xa6" " and \xe2" "\x80" "\x94" " dashes  ",
		  "mixed case text with's \"quotes\"... and - dashes" },
		{ "@ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @ @",
		  "<address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> <address> " },
		{ "ID 12345 and ab12cd34 and abcdefgh12 and x1y2 and 5.7.1 and 550-5.7.1 ok",
		  "id <id> and <id> and <id> and x1y2 and 5.7.1 and 550-5.7.1 ok" },
		{ "",
		  "" },
		{ "554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601&i=ip&v=198.51.100.4&r=1MNt1-1r",
		  "554 for explanation visit https://postmaster.gmx.net/en/case?c=<id>&i=ip&v=<ip>&r=<id>" },
		{ "go to https://support.google.com/mail/?p=NoSuchUser f20-sPrK2BvQducU.310 - gsmtp",
		  "go to https://support.google.com/mail/?p=nosuchuser <id> - gsmtp" },
		{ "see https://x.y/?a=@&b=john@example.com&c&=1.2.3.4&d=0x1234abcd&e=12345 done",
		  "see https://x.y/?a=<address>&b=<address>&c&=<ip>&d=0x1234abcd&e=<id> done" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_adds(&sb, "pre:");
		msgnorm(&sb, cases[i].input, strlen(cases[i].input));
		TEST_STR_EQ(sb.buf + 4, cases[i].want);
		CU_ASSERT(!strncmp(sb.buf, "pre:", 4)); /* appends */
		CU_ASSERT(sb.len - 4 <= MSGNORM_MAX);
		strbuf_release(&sb);
	}
}

/* A trailing tab is trimmed, and sends the text down the byte-by-byte path: both paths
 * must give the same, on random ASCII text made of the tokens that matter. */
static void test_paths_agree(void)
{
	static const char *const tok[] = {
		"a", "B", "z", "0", "9", "1234", "@", "x@y.com", ".", ",", "(", ")", "<", ">", "[",
		"]", "\"", "'", ":", ";", "http://a.b/c", "https://x", "0x800CCC0E", "192.168.1.1",
		"1.2.3.4:25", "e22-n7GpZmsf093195.222", "-", "abcdefghij", "5.1.1", "550-5.7.1",
		"ab12", "1a2b", "~", "12345678", "abcdefgh12", "\x7f", "https://h/?v=1.2.3.4&r=1MNt1-1r",
		"http://h/p?a=@&b&=x@y.z&c=0x12ab", "https://h/?&&=",
	};
	unsigned long long st = 88172645463325252ULL;
	char buf[5200];
	long i, bad = 0;

	for (i = 0; i < 100000 && bad < 3; i++) {
		size_t n = 0, k;
		struct strbuf a, b;
		st ^= st << 13, st ^= st >> 7, st ^= st << 17;
		k = 1 + st % (i % 50 == 0 ? 500 : 40);
		while (k--) {
			const char *t;
			st ^= st << 13, st ^= st >> 7, st ^= st << 17;
			t = tok[st % (sizeof(tok) / sizeof(tok[0]))];
			if (n + strlen(t) + 2 > 5000)
				break;
			memcpy(buf + n, t, strlen(t));
			n += strlen(t);
			if ((st >> 20) % 3)
				buf[n++] = ' ';
		}
		while (n && buf[n - 1] == ' ')
			n--;
		strbuf_init(&a);
		strbuf_init(&b);
		msgnorm(&a, buf, n);
		buf[n] = '\t';
		msgnorm(&b, buf, n + 1);
		if (strcmp(a.buf, b.buf)) {
			fprintf(stderr, "  [%.*s]\n  fast [%s]\n  slow [%s]\n", (int)n, buf, a.buf, b.buf);
			bad++;
		}
		strbuf_release(&a);
		strbuf_release(&b);
	}
	CU_ASSERT(bad == 0);
}

/* A message longer than what is looked at is cut on a character, never inside one: a
 * long id (one placeholder) then German, Chinese and emoji text across the cut, at every
 * offset. Half a character would make the report's JSON drop the error's key. */
static void test_long_message_cut(void)
{
	static const char *const wide[] = { "\xc3\xbc", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xe6\x97\xa5" };
	char buf[4400];
	size_t lead, n, w;

	for (lead = 3980; lead < 4000; lead++)
		for (w = 0; w < 4; w++) {
			struct strbuf sb;
			for (n = 0; n < lead; n++)
				buf[n] = n % 2 ? '1' : 'a';
			buf[n++] = ' ';
			while (n + 4 < sizeof(buf) - 1) {
				memcpy(buf + n, wide[w], strlen(wide[w]));
				n += strlen(wide[w]);
			}
			strbuf_init(&sb);
			msgnorm(&sb, buf, n);
			CU_ASSERT(text_utf8_valid(sb.buf, sb.len));
			CU_ASSERT(!strncmp(sb.buf, "<id> ", 5));
			CU_ASSERT(sb.len > 5); /* the wide text up to the cut is there */
			strbuf_release(&sb);
		}
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "placeholders, folding, the cap", test_cases },
		{ "the ASCII fast path and the byte path agree", test_paths_agree },
		{ "a long message is cut on a character", test_long_message_cut },
	};
	return test_run("msgnorm", cases, sizeof(cases) / sizeof(cases[0]));
}
