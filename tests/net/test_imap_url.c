/* test_imap_url.c - which IMAP URLs are taken, what libcurl is given, and the source name
 * each message carries (no password anywhere). */
#include <stdio.h>
#include <string.h>

#include "net/imap_url.h"
#include "tests/testlib.h"

static void test_parse(void)
{
	static const struct {
		const char *url;
		const char *user, *host, *mailbox, *shown;
		long port;
		int tls;
	} t[] = {
		{ "imaps://alice@mail.example.com/INBOX", "alice", "mail.example.com", "INBOX",
		  "imaps://alice@mail.example.com/INBOX", 0, 1 },
		{ "imaps://alice@127.0.0.1:10993/INBOX", "alice", "127.0.0.1", "INBOX",
		  "imaps://alice@127.0.0.1:10993/INBOX", 10993, 1 },
		{ "imaps://bounces%40client.de@imap.gmail.com", "bounces@client.de",
		  "imap.gmail.com", "INBOX", "imaps://bounces%40client.de@imap.gmail.com/INBOX", 0,
		  1 },
		{ "imaps://a@h/%5BGmail%5D/All%20Mail", "a", "h", "[Gmail]/All Mail",
		  "imaps://a@h/%5BGmail%5D/All%20Mail", 0, 1 },
		{ "imap://a@h/Bounces/", "a", "h", "Bounces", "imap://a@h/Bounces/", 0, 0 },
		{ "IMAPS://a@h/INBOX", "a", "h", "INBOX", "imaps://a@h/INBOX", 0, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct imap_url u;
		struct sh_error err = { 0 };
		int rc = imap_url_parse(t[i].url, &u, &err);
		if (rc != 0)
			fprintf(stderr, "  %s: %s\n", t[i].url, err.msg);
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		TEST_STR_EQ(u.user, t[i].user);
		TEST_STR_EQ(u.host, t[i].host);
		TEST_STR_EQ(u.mailbox, t[i].mailbox);
		TEST_STR_EQ(u.shown, t[i].shown);
		TEST_LONG_EQ(u.port, t[i].port);
		TEST_LONG_EQ(u.tls_direct, t[i].tls);
	}
}

/* Refusals name the problem and never repeat a password written into the URL. */
static void test_refused(void)
{
	static const struct {
		const char *url, *want;
	} t[] = {
		{ "imaps://alice:Hunter2secret@h/INBOX", "holds a password" },
		{ "imaps://h/INBOX", "names no user" },
		{ "https://a@h/INBOX", "not an IMAP URL" },
		{ "pop3s://a@h/INBOX", "not an IMAP URL" },
		{ "imaps://a@h/INBOX;UID=4", "names a message" },
		{ "imaps://a@h/INBOX/;UID=4", "names a message" },
		{ "imaps://a@h/INBOX?ALL", "a query" },
		{ "imaps://a;AUTH=PLAIN@h/INBOX", "options" },
		{ "imaps://a@h/Box%22x", "quote, backslash" },
		{ "imaps://a@h/Box%0Ax", "control character" },
		{ "imaps://a@h/K%C3%B6ln", "non-ASCII" },
		{ "imaps://a@h:0/INBOX", "" },
		{ "", "not an IMAP URL" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct imap_url u;
		struct sh_error err = { 0 };
		int rc = imap_url_parse(t[i].url, &u, &err);
		if (rc == 0 || !strstr(err.msg, t[i].want))
			fprintf(stderr, "  %s: rc %d, '%s', want '%s'\n", t[i].url, rc, err.msg,
				t[i].want);
		CU_ASSERT(rc == -1 && strstr(err.msg, t[i].want));
		CU_ASSERT(err.kind == SH_ERR_USAGE);
		CU_ASSERT(!strstr(err.msg, "Hunter2secret"));
	}
}

static void test_curl_url_and_source(void)
{
	struct imap_url u;
	struct strbuf sb;
	char name[700];

	CU_ASSERT_EQUAL_FATAL(imap_url_parse("imaps://me%40x.de@h:993/%5BGmail%5D/All%20Mail", &u, NULL), 0);
	strbuf_init(&sb);
	imap_url_for_curl(&u, 0, &sb);
	TEST_STR_EQ(sb.buf, "imaps://h:993/");
	strbuf_reset(&sb);
	imap_url_for_curl(&u, 1, &sb);
	TEST_STR_EQ(sb.buf, "imaps://h:993/%5BGmail%5D%2FAll%20Mail");
	strbuf_reset(&sb);
	imap_url_quoted_mailbox(&u, &sb);
	TEST_STR_EQ(sb.buf, "\"[Gmail]/All Mail\"");
	imap_url_source(&u, 42, name, sizeof(name));
	TEST_STR_EQ(name, "imaps://me%40x.de@h:993/%5BGmail%5D/All%20Mail;UID=42");
	CU_ASSERT(imap_url_is_imap("imaps://a@b/c"));
	CU_ASSERT(imap_url_is_imap("IMAP://a@b/c"));
	CU_ASSERT(!imap_url_is_imap("mailgun:mg.example.com"));
	CU_ASSERT(!imap_url_is_imap("./imaps://x"));
	strbuf_release(&sb);
}

/* The mailbox buffer's edge: 255 characters are taken, 256 refused (with a leading and
 * a trailing slash too, which are not part of the name). */
static void test_long_mailbox(void)
{
	char url[400], box[300];
	struct imap_url u;
	struct sh_error err = { 0 };

	memset(box, 'm', 255);
	box[255] = '\0';
	snprintf(url, sizeof(url), "imaps://a@h//%s/", box);
	CU_ASSERT(imap_url_parse(url, &u, NULL) == 0 && strlen(u.mailbox) == 255);
	box[255] = 'm';
	box[256] = '\0';
	snprintf(url, sizeof(url), "imaps://a@h/%s/", box);
	CU_ASSERT(imap_url_parse(url, &u, &err) == -1 && strstr(err.msg, "too long"));
}

int main(void)
{
	static const struct test_case cases[] = {
		{ "parse", test_parse },
		{ "refused", test_refused },
		{ "curl URL and source name", test_curl_url_and_source },
		{ "long mailbox", test_long_mailbox },
	};
	return test_run("imap_url", cases, sizeof(cases) / sizeof(cases[0]));
}
