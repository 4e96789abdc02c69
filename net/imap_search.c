/* imap_search.c - the bounce-candidate search and its answer. The criteria are kinds of
 * bounce (who sends them, the report MIME type, the subjects mail servers use), so the
 * server, not sendhealth, skips the ordinary mail of the box. */
#include "net/imap_search.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/timeparse.h"

/* Any of these marks a candidate; the mail reader decides what each really is (an
 * auto-reply found here is read and never counted as a failure). SUBJECT and FROM are
 * case-insensitive substrings in IMAP. */
static const char *const criteria[] = {
	"FROM \"MAILER-DAEMON\"",
	"FROM \"postmaster\"",
	"HEADER Content-Type \"multipart/report\"",
	"SUBJECT \"Undelivered\"",
	"SUBJECT \"Undeliverable\"",
	"SUBJECT \"Delivery Status Notification\"",
	"SUBJECT \"Mail delivery failed\"",
	"SUBJECT \"Delivery failure\"",
	"SUBJECT \"Returned mail\"",
	"SUBJECT \"failure notice\"",
	"SUBJECT \"Mail System Error\"",
	"SUBJECT \"Unzustellbar\"",
	"SUBJECT \"Nicht zustellbar\"",
};
_Static_assert(sizeof(criteria) / sizeof(criteria[0]) == 13, "criteria table");

static void add_date(struct strbuf *out, const char *key, double t)
{
	static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	long y;
	unsigned m, d;

	time_civil_from_days((long)(t >= 0 ? t / 86400.0 : t / 86400.0 - 1), &y, &m, &d);
	strbuf_addf(out, "%s %u-%s-%ld ", key, d, months[(m - 1) % 12], y);
}

void imap_search_command(double since, double until, struct strbuf *out)
{
	size_t i, n = sizeof(criteria) / sizeof(criteria[0]);

	strbuf_adds(out, "UID SEARCH ");
	if (since > 0)
		add_date(out, "SINCE", since);
	if (until > 0)
		add_date(out, "BEFORE", until + 86400.0);
	for (i = 0; i + 1 < n; i++) {
		strbuf_adds(out, "OR ");
		strbuf_adds(out, criteria[i]);
		strbuf_addch(out, ' ');
	}
	strbuf_adds(out, criteria[n - 1]);
}

void imap_uids_init(struct imap_uids *u)
{
	memset(u, 0, sizeof(*u));
}

void imap_uids_release(struct imap_uids *u)
{
	if (!u)
		return;
	free(u->v);
	memset(u, 0, sizeof(*u));
}

static int add_uid(struct imap_uids *u, const char *s, size_t len, struct sh_error *err)
{
	long v;

	if (text_parse_longn(s, len, 1, 4294967295L, &v) != 0)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the IMAP server answered the search with '%.*s', not a UID",
				    (int)(len > 40 ? 40 : len), s);
	if ((long)u->n >= IMAP_MAX_UIDS)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the IMAP search found more than %ld messages", IMAP_MAX_UIDS);
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->v = xrealloc(u->v, u->cap * sizeof(*u->v));
	}
	u->v[u->n++] = (unsigned long)v;
	return 0;
}

/* One line without its end: "* SEARCH 1 2 3" adds 1, 2, 3; anything else nothing. */
static int parse_line(struct imap_uids *u, const char *s, size_t len, struct sh_error *err)
{
	size_t i = 0, start;

	if (len < 8 || !text_ieqn(s, 8, "* SEARCH") || (len > 8 && s[8] != ' '))
		return 0;
	i = 8;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		if (i > start && add_uid(u, s + start, i - start, err) != 0)
			return -1;
	}
	return 0;
}

int imap_uids_parse(struct imap_uids *u, const char *text, size_t len, struct sh_error *err)
{
	const char *p = text, *end = text + len, *nl;
	size_t n;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (parse_line(u, p, n, err) != 0)
			return -1;
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static int cmp_uid(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

void imap_uids_finish(struct imap_uids *u)
{
	size_t i, k = 0;

	if (!u->n)
		return;
	qsort(u->v, u->n, sizeof(*u->v), cmp_uid);
	for (i = 1; i < u->n; i++)
		if (u->v[i] != u->v[k])
			u->v[++k] = u->v[i];
	u->n = k + 1;
}
