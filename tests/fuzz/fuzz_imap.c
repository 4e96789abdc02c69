/* fuzz_imap.c - what an IMAP server or a user hands the IMAP input before any message is
 * read: the server's answer to UID SEARCH (net/imap_search), the mailbox URL
 * (net/imap_url), and each fetched message turned into an mbox entry (net/imap_mbox). The
 * first byte picks which. Invariants: the UIDs are ascending, unique and 1..2^32-1; a URL
 * taken has a user, a host and a mailbox without control characters or quotes, and its
 * shown form and source name hold no password; an mbox entry has no CR, starts with the
 * one From_ line and no other line starts with "From ". */
#include "tests/fuzz/fuzz.h"

#include "net/imap_mbox.h"
#include "net/imap_search.h"
#include "net/imap_url.h"

static void fuzz_search(const char *s, size_t len)
{
	struct imap_uids u;
	struct sh_error err = { 0 };
	size_t i;

	imap_uids_init(&u);
	if (imap_uids_parse(&u, s, len, &err) == 0) {
		imap_uids_finish(&u);
		for (i = 0; i < u.n; i++) {
			FUZZ_CHECK(u.v[i] >= 1 && u.v[i] <= 4294967295UL);
			FUZZ_CHECK(i == 0 || u.v[i - 1] < u.v[i]);
		}
	} else {
		FUZZ_CHECK(err.msg[0] && err.kind == SH_ERR_REMOTE);
	}
	imap_uids_release(&u);
}

static void fuzz_url(const char *s, size_t len)
{
	char *url = xstrndup(s, len);
	struct imap_url u;
	struct sh_error err = { 0 };
	char name[700];
	const unsigned char *p;

	if (imap_url_parse(url, &u, &err) == 0) {
		FUZZ_CHECK(u.user[0] && u.host[0] && u.mailbox[0]);
		for (p = (const unsigned char *)u.mailbox; *p; p++)
			FUZZ_CHECK(*p >= ' ' && *p < 0x7f && *p != '"' && *p != '\\');
		FUZZ_CHECK(!strncmp(u.shown, "imap", 4));
		imap_url_source(&u, 42, name, sizeof(name));
		FUZZ_CHECK(!strncmp(name, u.shown, strlen(u.shown)) && strstr(name, ";UID=42"));
	} else {
		FUZZ_CHECK(err.msg[0] && err.kind == SH_ERR_USAGE);
	}
	free(url);
}

static void fuzz_mbox(const char *s, size_t len)
{
	struct strbuf sb;
	const char *p, *end;

	strbuf_init(&sb);
	imap_mbox_entry(&sb, s, len, 1796284800.0);
	FUZZ_CHECK(sb.len >= 5 && !memcmp(sb.buf, "From ", 5));
	FUZZ_CHECK(!memchr(sb.buf, '\r', sb.len));
	FUZZ_CHECK(sb.len >= 2 && sb.buf[sb.len - 1] == '\n' && sb.buf[sb.len - 2] == '\n');
	end = sb.buf + sb.len;
	for (p = memchr(sb.buf, '\n', sb.len); p && p + 1 < end; p = memchr(p + 1, '\n', (size_t)(end - p - 1)))
		FUZZ_CHECK((size_t)(end - p - 1) < 5 || memcmp(p + 1, "From ", 5));
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_search(s, size - 1);
		break;
	case 1:
		fuzz_url(s, size - 1);
		break;
	default:
		fuzz_mbox(s, size - 1);
		break;
	}
	return 0;
}
