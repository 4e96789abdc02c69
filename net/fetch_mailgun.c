/* fetch_mailgun.c - pages through /v3/{domain}/events. Each page is streamed into the JSON
 * splitter rather than parsed whole, so an event leaves exactly as Mailgun wrote it. */
#include "net/fetch_mailgun.h"

#include <ctype.h>
#include <math.h>
#include <string.h>


static const char *const event_names[] = {
	"accepted", "rejected", "delivered", "failed", "opened", "clicked", "unsubscribed",
	"complained", "stored", "list_member_uploaded", "list_member_upload_error",
	"list_uploaded", "email_validation",
};
_Static_assert(sizeof(event_names) / sizeof(event_names[0]) == 13, "event name table size");

static const struct esp_texts texts = {
	"the API key was refused (wrong key, or a key for another region?)",
	"access denied: this key may not read the domain's events (a domain sending key "
	"cannot; use an account API key, or the subaccount that owns the domain)",
	NULL, /* filled per domain below */
};

int mailgun_check_domain(const char *domain, struct sh_error *err)
{
	size_t i, n = strlen(domain);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)domain[i];
		if (!isalnum(c) && c != '-' && c != '.')
			break;
	}
	if (n == 0 || n > 253 || i < n || domain[0] == '.' || domain[0] == '-')
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "'%.100s' is not a domain name",
				    domain);
	return 0;
}

int mailgun_check_events(const char *list, struct sh_error *err)
{
	const char *p = list;

	if (!strcmp(list, "all"))
		return 0;
	while (*p) {
		size_t n = strcspn(p, ","), i;
		for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
			if (strlen(event_names[i]) == n && !strncmp(p, event_names[i], n))
				break;
		if (i == sizeof(event_names) / sizeof(event_names[0]))
			return sh_error_set(
			    err, SH_ERR_USAGE, NULL, 0,
			    "unknown Mailgun event '%.*s' (known: accepted, rejected, "
			    "delivered, failed, opened, clicked, unsubscribed, "
			    "complained, stored, ...; or 'all')",
			    (int)(n > 40 ? 40 : n), p);
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void first_url(const struct mailgun_query *q, struct strbuf *url)
{
	struct strbuf ev;
	const char *p;

	esp_add_base(url, q->base);
	strbuf_addf(url, "/v3/%s/events?begin=%.0f&end=%.0f&ascending=yes&limit=%ld", q->domain,
		    floor(q->begin), ceil(q->end), q->limit);
	if (!q->events || !strcmp(q->events, "all"))
		return;
	/* the filter language: "failed OR rejected" */
	strbuf_init(&ev);
	for (p = q->events; *p; p++) {
		if (*p == ',')
			strbuf_adds(&ev, " OR ");
		else
			strbuf_addch(&ev, *p);
	}
	strbuf_adds(url, "&event=");
	http_url_encode(url, ev.buf);
	strbuf_release(&ev);
}

/* After a page: 1 with the next page's URL in url, 0 at the end (a page with no items, or
 * no next link), -1 with err set. */
static int next_page(const struct mailgun_query *q, const struct json_items *ji,
		     struct strbuf *url, struct strbuf *prev, struct sh_error *err)
{
	if (ji->n == 0 || !ji->next.len)
		return 0;
	strbuf_reset(prev);
	strbuf_add(prev, url->buf, url->len);
	strbuf_reset(url);
	if (esp_rebase(q->base, ji->next.buf, url, err) != 0)
		return -1;
	if (!strcmp(url->buf, prev->buf))
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "Mailgun's paging does not advance (next page = this page)");
	return 1;
}

int mailgun_fetch(struct http_client *c, const struct mailgun_query *q, const struct esp_sink *out,
		  long *pages, struct sh_error *err)
{
	static const char *const headers[] = { "Accept: application/json", NULL };
	struct strbuf url, prev, nf;
	struct esp_texts t = texts;
	struct esp_page page = { "items", NULL, NULL, &t, NULL, NULL };
	struct http_request req;
	struct json_items ji;
	int more = 1;

	strbuf_init(&url);
	strbuf_init(&prev);
	strbuf_init(&nf);
	strbuf_addf(&nf, "unknown domain '%s' (or wrong region: try --region eu or us)", q->domain);
	t.not_found = nf.buf;
	memset(&req, 0, sizeof(req));
	req.headers = headers;
	req.user = "api";
	req.password = q->key;
	req.secret = q->key;
	*pages = 0;
	first_url(q, &url);
	while (more > 0) {
		req.url = url.buf;
		if (esp_fetch_next(c, &req, &page, "events", out, pages, &ji, err) != 0) {
			more = -1;
			break;
		}
		more = next_page(q, &ji, &url, &prev, err);
		json_items_release(&ji);
	}
	strbuf_release(&url);
	strbuf_release(&prev);
	strbuf_release(&nf);
	return more < 0 ? -1 : 0;
}
