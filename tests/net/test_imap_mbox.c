/* test_imap_mbox.c - a fetched message as an mbox entry: line ends, From_ quoting, the
 * separator; what an mbox reader splits back into the same messages. */
#include <stdio.h>
#include <string.h>

#include "net/imap_mbox.h"
#include "tests/testlib.h"

/* 2026-12-03T08:00:00Z, a Thursday */
#define WHEN 1796284800.0

static void test_entry(void)
{
	static const struct {
		const char *name, *msg, *want;
	} t[] = {
		{ "CRLF", "Subject: a\r\n\r\nbody\r\n",
		  "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nSubject: a\n\nbody\n\n" },
		{ "lone CR", "Subject: a\r\rbody\r",
		  "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nSubject: a\n\nbody\n\n" },
		{ "LF, no final newline", "Subject: a\n\nbody",
		  "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nSubject: a\n\nbody\n\n" },
		{ "From_ quoted", "S: a\r\n\r\nFrom here on\r\n>From there\r\nFrom:x\r\n",
		  "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nS: a\n\n>From here on\n>>From there\nFrom:x\n\n" },
		{ "blank lines kept", "S: a\n\n\n\nb\n",
		  "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nS: a\n\n\n\nb\n\n" },
		{ "empty", "", "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\n\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		imap_mbox_entry(&sb, t[i].msg, strlen(t[i].msg), WHEN);
		if (strcmp(sb.buf, t[i].want))
			fprintf(stderr, "  %s:\n", t[i].name);
		TEST_STR_EQ(sb.buf, t[i].want);
		strbuf_release(&sb);
	}
}

/* A NUL inside a message is kept (the mail reader reports it); the entry's length is
 * exact. */
static void test_nul(void)
{
	static const char msg[] = "S: a\r\n\r\nx\0y\r\n";
	static const char want[] = "From MAILER-DAEMON Thu Dec  3 08:00:00 2026\nS: a\n\nx\0y\n\n";
	struct strbuf sb;

	strbuf_init(&sb);
	imap_mbox_entry(&sb, msg, sizeof(msg) - 1, WHEN);
	TEST_LONG_EQ(sb.len, sizeof(want) - 1);
	CU_ASSERT(sb.len == sizeof(want) - 1 && !memcmp(sb.buf, want, sb.len));
	strbuf_release(&sb);
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "entry", test_entry },
		{ "NUL kept", test_nul },
	};
	return test_run("imap_mbox", cases, sizeof(cases) / sizeof(cases[0]));
}
