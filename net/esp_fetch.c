/* esp_fetch.c - one page of an ESP API: streamed into json_items, restarted when a retry
 * repeats a body, and failures worded for the person who has to fix them. */
#include "net/esp_fetch.h"

#include <string.h>

#include "net/secrets.h"
#include "util/text.h"

struct page_ctx {
	struct json_items *ji;
	const struct esp_page *page;
	const char *name;
	struct sh_error *err;
};

static int page_write(void *ctx, const char *data, size_t len)
{
	struct page_ctx *p = ctx;

	return json_items_feed(p->ji, data, len, p->err);
}

static int page_restart(void *ctx)
{
	struct page_ctx *p = ctx;

	json_items_release(p->ji);
	json_items_init(p->ji, p->page->array_key, p->page->extra_key, p->page->extra_value,
			p->name);
	if (p->page->also_key)
		json_items_also_add(p->ji, p->page->also_key, p->page->also_value);
	return 0;
}

/* The message for a request that failed for good. */
static void explain(const struct http_request *req, const struct esp_page *page,
		    const struct http_result *res, const struct sh_error *http_err,
		    struct sh_error *err)
{
	const struct esp_texts *t = page->texts;
	const char *text = NULL;
	char server[160];

	if (res->kind != HTTP_ERR_STATUS) {
		sh_error_set(err, http_err->kind, NULL, 0, "%s", http_err->msg);
		return;
	}
	if (t && res->status == 401)
		text = t->unauthorized;
	else if (t && res->status == 403)
		text = t->forbidden;
	else if (t && res->status == 404)
		text = t->not_found;
	if (text) {
		http_server_message(res, server, sizeof(server));
		if (req->secret && *req->secret && strstr(server, req->secret))
			server[0] = '\0';
		sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "%s (HTTP %ld%s%s%s)", text, res->status,
			     *server ? ": \"" : "", server, *server ? "\"" : "");
	} else if (res->status == 429) {
		sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
			     "still rate-limited; wait a while and run again: %s", http_err->msg);
	} else if (res->status >= 500) {
		sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "the service keeps failing; try again "
			     "later: %s", http_err->msg);
	} else {
		sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "%s", http_err->msg);
	}
}

/* GETs req->url and splits the body into ji (initialised here; the caller releases it
 * even on failure). A download that restarts mid-body starts ji over. */
static int fetch_page(struct http_client *c, const struct http_request *req,
		      const struct esp_page *page, struct json_items *ji, struct sh_error *err)
{
	struct sh_error local = { 0 };
	struct http_result res;
	struct http_body body;
	struct page_ctx p;
	char name[160];

	http_url_for_message(req->url, req->secret, name, sizeof(name));
	json_items_init(ji, page->array_key, page->extra_key, page->extra_value, name);
	if (page->also_key)
		json_items_also_add(ji, page->also_key, page->also_value);
	p.ji = ji;
	p.page = page;
	p.name = ji->name;
	p.err = &local;
	body.write = page_write;
	body.restart = page_restart;
	body.ctx = &p;
	if (http_get_stream(c, req, &body, &res, &local) != 0) {
		if (res.kind == HTTP_ERR_CALLBACK)
			sh_error_set(err, local.kind, NULL, 0, "%s", local.msg);
		else
			explain(req, page, &res, &local, err);
		return -1;
	}
	if (json_items_finish(ji, &local) != 0)
		return sh_error_set(err, local.kind, NULL, 0, "%s", local.msg);
	return 0;
}

int esp_fetch_next(struct http_client *c, const struct http_request *req,
		   const struct esp_page *page, const char *label, const struct esp_sink *out,
		   long *pages, struct json_items *ji, struct sh_error *err)
{
	if (*pages >= ESP_MAX_PAGES)
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0, "more than %ld pages: stopping",
				    ESP_MAX_PAGES);
	if (out->request) {
		struct strbuf shown;
		strbuf_init(&shown);
		secrets_redact(&shown, req->url, req->secret);
		out->request(out->ctx, shown.buf);
		strbuf_release(&shown);
	}
	if (fetch_page(c, req, page, ji, err) != 0) {
		json_items_release(ji);
		return -1;
	}
	++*pages;
	if (ji->n > 0 && out->page(out->ctx, label, ji->lines.buf, ji->lines.len, ji->n, err) != 0) {
		json_items_release(ji);
		return -1;
	}
	return 0;
}

void esp_add_base(struct strbuf *out, const char *base)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	strbuf_add(out, base, n);
}

int esp_rebase(const char *base, const char *next, struct strbuf *out, struct sh_error *err)
{
	const char *p = NULL;

	if (text_istarts(next, "https://"))
		p = next + 8;
	else if (text_istarts(next, "http://"))
		p = next + 7;
	if (p)
		p += strcspn(p, "/?#");
	else if (*next == '/')
		p = next;
	if (!p || *p != '/')
		return sh_error_set(err, SH_ERR_REMOTE, NULL, 0,
				    "the API sent a paging URL that is not a URL: '%.100s'", next);
	esp_add_base(out, base);
	strbuf_add(out, p, strcspn(p, "#"));
	return 0;
}

int esp_check_base(const char *base, struct sh_error *err)
{
	const char *p = NULL;

	if (text_istarts(base, "https://"))
		p = base + 8;
	else if (text_istarts(base, "http://"))
		p = base + 7;
	if (!p || !*p || *p == '/' || strpbrk(base, "?# \t\r\n"))
		return sh_error_set(
		    err, SH_ERR_USAGE, NULL, 0,
		    "the API base '%.120s' must look like https://host[:port][/path]", base);
	return 0;
}
