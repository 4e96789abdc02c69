/* fetch_sendgrid.c - offset paging through the suppression lists, one list after another. */
#include "net/fetch_sendgrid.h"

#include <math.h>
#include <string.h>


static const char *const list_names[] = { "bounces", "blocks", "invalid_emails",
					   "spam_reports" };
_Static_assert(sizeof(list_names) / sizeof(list_names[0]) == 4, "list name table size");

static const struct esp_texts texts = {
	"the API key was refused (wrong, revoked or mistyped key?)",
	"access denied: the key lacks the Suppressions read scope, or the subuser given "
	"with --on-behalf-of is not one of this account's",
	"not found (is --api-base right?)",
};

static int known_list(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(list_names) / sizeof(list_names[0]); i++)
		if (strlen(list_names[i]) == n && !strncmp(s, list_names[i], n))
			return 1;
	return 0;
}

int sendgrid_check_lists(const char *lists, struct sh_error *err)
{
	const char *p = lists;

	if (!*p)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "--lists needs at least one list");
	while (*p) {
		size_t n = strcspn(p, ",");
		if (!known_list(p, n))
			return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
					    "unknown suppression list '%.*s' (known: %s)",
					    (int)(n > 40 ? 40 : n), p, SENDGRID_ALL_LISTS);
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int sendgrid_check_subuser(const char *name, struct sh_error *err)
{
	size_t i, n = strlen(name);

	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] <= ' ' || (unsigned char)name[i] >= 0x7f)
			break;
	if (n == 0 || n > 64 || i < n)
		return sh_error_set(
		    err, SH_ERR_USAGE, NULL, 0,
		    "'%.64s' is not a subuser name (printable, no spaces, up to 64)", name);
	return 0;
}

/* One list, page after page. */
static int fetch_list(struct http_client *c, const struct sendgrid_query *q, const char *list,
		      struct http_request *req, const struct esp_sink *out, long *pages,
		      struct sh_error *err)
{
	struct esp_page page = { NULL, "sendhealth_list", list, &texts, NULL, NULL };
	struct strbuf url;
	struct json_items ji;
	long offset = 0, n = q->limit;
	int rc = 0;

	if (q->on_behalf_of) { /* each item says whose it is: --clients subuser:NAME */
		page.also_key = "subuser";
		page.also_value = q->on_behalf_of;
	}
	strbuf_init(&url);
	while (rc == 0 && n >= q->limit) {
		strbuf_reset(&url);
		esp_add_base(&url, q->base);
		strbuf_addf(&url,
			    "/v3/suppression/%s?start_time=%.0f&end_time=%.0f&limit=%ld&offset=%ld",
			    list, floor(q->start), ceil(q->end), q->limit, offset);
		req->url = url.buf;
		rc = esp_fetch_next(c, req, &page, list, out, pages, &ji, err);
		if (rc == 0) {
			n = ji.n;
			json_items_release(&ji);
			offset += q->limit;
		}
	}
	strbuf_release(&url);
	return rc;
}

int sendgrid_fetch(struct http_client *c, const struct sendgrid_query *q,
		   const struct esp_sink *out, long *pages, struct sh_error *err)
{
	struct strbuf auth, obo, list;
	const char *headers[4];
	struct http_request req;
	const char *p = q->lists;
	int n = 0, rc = 0;

	strbuf_init(&auth);
	strbuf_init(&obo);
	strbuf_init(&list);
	strbuf_addf(&auth, "Authorization: Bearer %s", q->key);
	headers[n++] = auth.buf;
	headers[n++] = "Accept: application/json";
	if (q->on_behalf_of) {
		strbuf_addf(&obo, "on-behalf-of: %s", q->on_behalf_of);
		headers[n++] = obo.buf;
	}
	headers[n] = NULL;
	memset(&req, 0, sizeof(req));
	req.headers = headers;
	req.secret = q->key;
	*pages = 0;
	while (*p && rc == 0) {
		size_t len = strcspn(p, ",");
		strbuf_reset(&list);
		strbuf_add(&list, p, len);
		rc = fetch_list(c, q, list.buf, &req, out, pages, err);
		p += len;
		if (*p == ',')
			p++;
	}
	/* the header held the key: wipe it before the memory goes back */
	memset(auth.buf, 0, auth.len);
	strbuf_release(&auth);
	strbuf_release(&obo);
	strbuf_release(&list);
	return rc;
}
