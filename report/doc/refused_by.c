/* refused_by.c - the receiving provider from the entry, the reply text or the recipient
 * domains, else the reporting ESP. */
#include "report/doc/refused_by.h"

#include <stdlib.h>
#include <string.h>

#include "report/doc/report_json.h"
#include "util/text.h"

static const char *const titles[][2] = {
	{ "mailgun", "Mailgun" }, { "sendgrid", "SendGrid" }, { "gmail", "Gmail" },
	{ "outlook", "Microsoft" }, { "smtp", "SMTP server" },
};

const char *refused_by_title(const char *p)
{
	size_t i;

	for (i = 0; p && i < sizeof(titles) / sizeof(titles[0]); i++)
		if (!strcmp(p, titles[i][0]))
			return titles[i][1];
	return p ? p : "";
}

/* A receiving server's own reply: an SMTP reply code, and no category the ESP decides by
 * itself (its suppression list, its retry limit, the account). */
static int receiver_reply(const struct err_stat *e)
{
	int second = e->smtp / 10 % 10;

	if (e->smtp < 421 || e->smtp > 599 || second > 5)
		return 0;
	return e->category != CATEGORY_SUPPRESSED && e->category != CATEGORY_EXPIRED &&
	       e->category != CATEGORY_ACCOUNT && e->category != CATEGORY_CREDENTIALS;
}

/* The provider whose servers wrote the reply, from the host names they put in it. */
static const char *from_text(const char *t)
{
	static const char *const marks[][2] = {
		{ "gsmtp", "Gmail" },          { "google.com", "Gmail" },
		{ "protection.outlook.com", "Microsoft" }, { "outlook.com", "Microsoft" },
		{ "hotmail.com", "Microsoft" }, { "yahoo", "Yahoo" },
		{ "icloud.com", "Apple" },      { "gmx.net", "GMX / WEB.DE" },
		{ "web.de", "GMX / WEB.DE" },   { "t-online.de", "Telekom" },
	};
	size_t i;

	for (i = 0; t && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (text_istr(t, marks[i][0]))
			return marks[i][1];
	return NULL;
}

/* The mailbox provider of the most affected recipient domain, NULL when not a known one. */
static const char *from_recipients(const struct err_stat *e)
{
	size_t *idx = counter_sorted(&e->rcpt);
	const char *p = counter_size(&e->rcpt) ? mailbox_provider(e->rcpt.keys.keys[idx[0]]) : "other";

	free(idx);
	return strcmp(p, "other") ? p : NULL;
}

const char *refused_by(const struct err_stat *e)
{
	const char *p;

	if (!strcmp(e->provider, "gmail") || !strcmp(e->provider, "outlook"))
		return refused_by_title(e->provider);
	if (receiver_reply(e) && ((p = from_text(e->example)) || (p = from_recipients(e))))
		return p;
	return refused_by_title(e->esp[0] ? e->esp : e->provider);
}
